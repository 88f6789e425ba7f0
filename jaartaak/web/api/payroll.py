"""``GET /api/v1/payroll/{YYYY-MM}``: the payroll month per organisation (salarisadministratie).

The month comes from :func:`jaartaak.services.salarismaand.salarismaand`, once per organisation
in which the user holds the role, limited to the schools the role covers there.
"""

from __future__ import annotations

from jaartaak.domain.periods import Month
from jaartaak.models import Role
from jaartaak.services.salarismaand import salarismaand
from jaartaak.web.api.blueprint import api_user, bp, require_role
from jaartaak.web.api.errors import BAD_MONTH, ApiError, json_response
from jaartaak.web.database import db
from jaartaak.web.engine import registry


def _scopes(grants) -> dict[int, set[int] | None]:
    """Per organisation with the role: None (every school) or the schools it is held for."""
    scopes: dict[int, set[int] | None] = {}
    for grant in grants:
        if grant.role is not Role.SALARIS:
            continue
        if grant.school_id is None:
            scopes[grant.organisation_id] = None
        elif scopes.get(grant.organisation_id, set()) is not None:
            scopes.setdefault(grant.organisation_id, set()).add(grant.school_id)
    return scopes


def _money(value) -> str:
    return format(value, "f")


def _line(regel) -> dict:
    return {
        "employee_id": regel.employee_id,
        "employee_number": regel.personeelsnummer,
        "name": regel.naam,
        "school": regel.school,
        "scheme": regel.regeling,
        "code": regel.looncode,
        "amount": _money(regel.bedrag),
        "pensionable": regel.pensioengevend,
        "description": regel.omschrijving,
        "corrects": regel.correctie_van,
    }


@bp.get("/payroll/<month>")
def payroll(month: str):
    require_role(Role.SALARIS)
    try:
        wanted = Month.parse(month)
    except ValueError:
        raise ApiError(
            400, BAD_MONTH, f"'{month}' is geen maand; schrijf jaar en maand, bijvoorbeeld 2026-12."
        ) from None
    organisations = []
    for organisation_id, school_ids in sorted(_scopes(api_user().grants).items()):
        maand = salarismaand(db(), organisation_id, wanted, registry(), school_ids)
        organisations.append(
            {
                "organisation_id": maand.organisation_id,
                "closed": maand.closed,
                "closed_at": maand.gesloten_op.isoformat() if maand.gesloten_op else None,
                "lines": [_line(regel) for regel in maand.regels],
                "totals": {code: _money(amount) for code, amount in maand.totals.items()},
                "problems": list(maand.problemen),
            }
        )
    return json_response({"month": wanted.code, "organisations": organisations})
