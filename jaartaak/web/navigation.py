"""The navigation bar: a link for every area the logged-in user's roles open."""

from __future__ import annotations

from flask import url_for
from flask_login import current_user


def navigation() -> list[dict[str, str]]:
    from jaartaak.web.home import ROLE_AREAS

    if not current_user or not current_user.is_authenticated:
        return []
    return [
        {"endpoint": endpoint, "url": url_for(endpoint), "label": _label(role, label)}
        for role, endpoint, label, _description in ROLE_AREAS
        if current_user.has_role(role)
    ]


def _label(role: str, label: str) -> str:
    """An employee under another scheme than the CAO VO has a budget, not a jaartaak."""
    from jaartaak.models import DEFAULT_SCHEME, Role
    from jaartaak.web.mijn.blueprint import own_employee, own_scheme_id

    if role != Role.MEDEWERKER or current_user.employee_id is None:
        return label
    return label if own_scheme_id(own_employee()) == DEFAULT_SCHEME else "Mijn budget"


def unread_notices() -> int:
    """The number of unread notices of the logged-in user, for the header (one query)."""
    from jaartaak.services import meldingen
    from jaartaak.web.database import db

    if not current_user or not current_user.is_authenticated:
        return 0
    return meldingen.unread_count(db(), current_user.id)
