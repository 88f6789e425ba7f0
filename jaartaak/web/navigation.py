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


def unread_notices() -> int:
    """The number of unread notices of the logged-in user, for the header (one query)."""
    from jaartaak.services import meldingen
    from jaartaak.web.database import db

    if not current_user or not current_user.is_authenticated:
        return 0
    return meldingen.unread_count(db(), current_user.id)
