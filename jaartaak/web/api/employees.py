"""``GET /api/v1/employees`` and ``/employees/{id}``: the employees the token's user may see.

Planners and salarisadministratie see the employees of the schools their role covers, a
beheerder those of their board, a medewerker only their own. An id outside that is a 404, the
same as an id that does not exist, so ids cannot be probed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session, selectinload

from jaartaak.models import Employee, Role
from jaartaak.services import access, berekening, regelingen, staff
from jaartaak.web.api.blueprint import api_user, bp
from jaartaak.web.api.errors import ApiError, json_response
from jaartaak.web.database import db
from jaartaak.web.engine import registry
from jaartaak.web.login import SessionUser


def _visible(session: Session, user: SessionUser):
    """The condition on Employee for what ``user`` may see (false when nothing)."""
    schools = access.school_ids(session, user.grants, Role.PLANNER) | access.school_ids(
        session, user.grants, Role.SALARIS
    )
    boards = access.board_ids(user.grants, Role.BEHEERDER)
    conditions = []
    if schools:
        conditions.append(Employee.school_id.in_(sorted(schools)))
    if boards:
        conditions.append(Employee.organisation_id.in_(sorted(boards)))
    if user.employee_id is not None and user.has_role(Role.MEDEWERKER):
        conditions.append(Employee.id == user.employee_id)
    return or_(*conditions) if conditions else false()


def _number(value: Decimal) -> str:
    return format(value, "f")


class _Schemes:
    """The scheme id per organisation, looked up once per request."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[int, str] = {}

    def __call__(self, organisation_id: int) -> str:
        if organisation_id not in self.known:
            self.known[organisation_id] = regelingen.scheme_id_of(self.session, organisation_id)
        return self.known[organisation_id]


def _item(person: Employee, scheme_id: str) -> dict:
    return {
        "id": person.id,
        "code": person.code,
        "name": person.full_name,
        "school": {"id": person.school.id, "name": person.school.name},
        "organisation_id": person.organisation_id,
        "scheme": scheme_id,
    }


@bp.get("/employees")
def employee_list():
    session = db()
    people = session.scalars(
        select(Employee)
        .where(_visible(session, api_user()))
        .options(selectinload(Employee.school))
        .order_by(Employee.last_name, Employee.first_name, Employee.code, Employee.id)
    )
    scheme_of = _Schemes(session)
    return json_response({"employees": [_item(p, scheme_of(p.organisation_id)) for p in people]})


@bp.get("/employees/<id:employee_id>")
def employee_detail(employee_id: int):
    session = db()
    person = session.scalar(
        select(Employee)
        .where(Employee.id == employee_id, _visible(session, api_user()))
        .options(selectinload(Employee.school), selectinload(Employee.appointments))
    )
    if person is None:
        raise ApiError(404)
    scheme_id = regelingen.scheme_id_of(session, person.organisation_id)
    data = _item(person, scheme_id)
    data["appointments"] = [
        {
            "start": a.start.isoformat(),
            "end": a.end_date.isoformat() if a.end_date else None,
            "fte": _number(a.fte),
            "kind": a.kind,
        }
        for a in person.appointments
    ]
    data["budget"] = budget(session, person, scheme_id, date.today())
    return json_response(data)


def _unavailable(scheme_id: str, message: str) -> dict:
    return {
        "scheme": scheme_id,
        "installed": scheme_id in registry().schemes,
        "available": False,
        "message": message,
        "period": None,
        "rule_version": None,
        "totals": {},
        "balances": {},
        "warnings": [],
        "errors": [],
    }


def budget(session: Session, person: Employee, scheme_id: str, today: date) -> dict:
    """The current period's answer: the CAO VO's current schooljaar, else the scheme's period
    containing ``today``. A scheme that is not installed or a board without a schooljaar is
    said so in ``message``."""
    scheme = registry().schemes.get(scheme_id)
    if scheme is None:
        reason = registry().unavailable([scheme_id]).get(scheme_id)
        return _unavailable(
            scheme_id, reason or f"Regeling '{scheme_id}' is op deze server niet geïnstalleerd."
        )
    if scheme_id == berekening.SCHEME:
        year = staff.current_schooljaar(session, person.organisation_id, today)
        if year is None:
            return _unavailable(scheme_id, "Het bestuur heeft nog geen schooljaar.")
        result = berekening.bereken(session, [person], year, registry())[person.id].result
    else:
        period = regelingen.periods(scheme, today, around=0)[0]
        result = regelingen.stand(session, person, scheme, period, registry()).result
    answer = result.to_json()
    return {
        "scheme": scheme_id,
        "installed": True,
        "available": True,
        "message": None,
        "period": answer["period"],
        "rule_version": answer["rule_version"],
        "totals": answer["totals"],
        "balances": answer["balances"],
        "warnings": answer["warnings"],
        "errors": answer["errors"],
    }
