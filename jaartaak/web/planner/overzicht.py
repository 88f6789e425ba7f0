"""School overview (being rewritten: balances per employee)."""

from __future__ import annotations

from flask import render_template

from jaartaak.services import staff
from jaartaak.web.database import db
from jaartaak.web.planner.blueprint import bp, werkplek


@bp.route("/")
def index():
    plek = werkplek()
    people = staff.employees(db(), [plek.school.id])
    loads = (
        staff.workloads(db(), [p.id for p in people], plek.schooljaar.id) if plek.schooljaar else {}
    )
    return render_template(
        "planner/index.html",
        schools=plek.schools,
        school=plek.school,
        schooljaar=plek.schooljaar,
        employees=people,
        workloads=loads,
    )
