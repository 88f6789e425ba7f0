"""Beheer (role beheerder of a board): the blueprint and its role check, in one place.

A beheerder manages only their own boards: every view limits itself to
:func:`organisation_ids` and answers 404 for anything of another board.
"""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user

from jaartaak.models import Role
from jaartaak.services import access
from jaartaak.web.access import guard

bp = Blueprint("beheer", __name__, url_prefix="/beheer")
guard(bp, Role.BEHEERDER)


def organisation_ids() -> set[int]:
    """The boards the logged-in user is beheerder of (for every school)."""
    return access.board_ids(current_user.grants, Role.BEHEERDER)
