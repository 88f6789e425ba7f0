"""Salarisadministratie (role salarisadministratie, per board or school)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from jaartaak.models import Role
from jaartaak.services import access, staff
from jaartaak.web.access import guard
from jaartaak.web.database import db

bp = Blueprint("salaris", __name__, url_prefix="/salaris")
guard(bp, Role.SALARIS)


@bp.route("/")
def index():
    school_ids = access.school_ids(db(), current_user.grants, Role.SALARIS)
    return render_template("salaris/index.html", employees=staff.employees(db(), school_ids))
