"""The navigation bar: a link for every area the logged-in user's roles open."""

from __future__ import annotations

from flask import url_for
from flask_login import current_user


def navigation() -> list[dict[str, str]]:
    from jaartaak.web.home import ROLE_AREAS

    if not current_user or not current_user.is_authenticated:
        return []
    return [
        {"endpoint": endpoint, "url": url_for(endpoint), "label": label}
        for role, endpoint, label, _description in ROLE_AREAS
        if current_user.has_role(role)
    ]
