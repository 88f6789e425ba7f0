"""The employee self-service blueprint (role medewerker) and what every page of it shares.

No view takes an employee id from the URL: the employee is always the one linked to the
logged-in account, so there is no id to change. A schooljaar in the URL (``?jaar=``) must be
one of the employee's own board, else the page is "niet gevonden"; a request or taakbrief id in
the URL is looked up among the employee's own only.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, g, request
from flask_login import current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from jaartaak.models import DEFAULT_SCHEME, Employee, Role, Schooljaar
from jaartaak.services import regelingen, staff
from jaartaak.web.access import guard
from jaartaak.web.database import db

bp = Blueprint("mijn", __name__, url_prefix="/mijn")
guard(bp, Role.MEDEWERKER)


@bp.context_processor
def mijn_pages() -> dict:
    """The pages of "Mijn" for the employee's scheme: the CAO VO has the jaartaak pages, any
    other scheme the budget page only."""
    linked = current_user.is_authenticated and current_user.employee_id is not None
    if linked and own_scheme_id(own_employee()) != DEFAULT_SCHEME:
        return {"mijn_pages": [("mijn.budget_page", "Mijn budget")]}
    return {"mijn_pages": CAO_VO_PAGES}


def own_scheme_id(person: Employee) -> str:
    """The scheme of the employee's organisation, looked up once per request (the view and the
    navigation both need it)."""
    if "mijn_scheme_id" not in g:
        g.mijn_scheme_id = regelingen.scheme_id_of(db(), person.organisation_id)
    return g.mijn_scheme_id


CAO_VO_PAGES = [
    ("mijn.index", "Mijn jaartaak"),
    ("mijn.budget_page", "Mijn budget"),
    ("mijn.wat_als", "Wat als"),
    ("mijn.verzoeken_lijst", "Mijn verzoeken"),
    ("mijn.taakbrief_index", "Mijn taakbrief"),
]


#: With the appointments (every page of Mijn computes from them), built once: every page of
#: Mijn runs it (docs/ontwikkelen.md, "Statements op elke pagina").
OWN_EMPLOYEE = (
    select(Employee)
    .where(Employee.id == bindparam("id"))
    .options(joinedload(Employee.appointments))
)


def own_employee() -> Employee:
    """The employee linked to the logged-in account (403 for an account without one), read
    once per request: the view, the navigation and the list of pages all ask for it."""
    if current_user.employee_id is None:
        abort(403)
    if "mijn_employee" not in g:
        g.mijn_employee = (
            db().scalars(OWN_EMPLOYEE, {"id": current_user.employee_id}).unique().one_or_none()
        )
    return g.mijn_employee


def chosen_year(years: list[Schooljaar], default: Schooljaar | None = None) -> Schooljaar | None:
    """``?jaar=`` when it is one of the board's schooljaren (else 404); else ``default`` or the
    current one."""
    wanted = request.args.get("jaar", "")
    if wanted:
        found = next((y for y in years if str(y.id) == wanted), None)
        if found is None:
            abort(404)
        return found
    return default or staff.current_in(years, date.today())
