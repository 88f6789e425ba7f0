"""A board's scheme and its company-level policy settings, as the beheerder manages them.

Which settings a board may set is not a list kept here: it is what the scheme declares
(parameters with ``policy=True`` in its current rule version) and accepts (its ``settings``
reader). Whether a scheme accepts a setting is asked of the scheme itself, by computing a
minimal scenario with the setting at its default: a scheme that does not read it answers
"onbekend veld". An override is stored only when the scheme accepts it, both in a minimal
scenario and for one employee of the board, and its Dutch refusal is shown otherwise.

The CAO VO is the exception: its policy settings are the schools' taakbeleid (set by the
planner per school and schooljaar), not the board's ``settings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jaartaak.db.base import expect_version
from jaartaak.domain import calc
from jaartaak.domain.scheme import Parameter, RuleVersion, rule_version_for
from jaartaak.models import (
    DEFAULT_SCHEME,
    Employee,
    Gebeurtenis,
    PbKeuze,
    RegelingGebruik,
    RegelingKeuze,
)
from jaartaak.plugins import SchemeRegistry
from jaartaak.services import regelingen
from jaartaak.services.errors import Refused

INTEGER, DECIMAL, BOOLEAN, AGE_TABLE = "geheel getal", "decimaal getal", "ja/nee", "tabel"
_AGE_ROW = re.compile(r"^(\d{1,3})\s*:\s*(\d{1,3}(?:\.\d{1,2})?)$")
_DECIMAL = re.compile(r"^\d{1,6}([.,]\d{1,4})?$")
YES, NO = "ja", "nee"


def current_version(scheme, today: date) -> RuleVersion | None:
    """The rule version in force today (or the latest, for a scheme that has not begun)."""
    versions = list(scheme.rule_versions())
    if not versions:
        return None
    period = regelingen.PERIOD_TYPES[scheme.period_kind].containing(today)
    return rule_version_for(scheme, period) or versions[-1]


def _kind(value: Any) -> str | None:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, Decimal):
        return DECIMAL
    if isinstance(value, str) and all(_AGE_ROW.match(p.strip()) for p in value.split(",")):
        return AGE_TABLE
    return None


def parse_age_table(text: str) -> list[dict[str, Any]]:
    """``40:0.40, 45:0.80`` as the contract's list of ``{vanaf, pct}``; a Dutch error else."""
    rows = []
    for part in (p.strip() for p in text.split(",")):
        match = _AGE_ROW.match(part)
        if not match:
            raise Refused(
                f"'{part}' is geen regel van de tabel: schrijf leeftijd:percentage met een punt, "
                "bijvoorbeeld 40:0.40, 45:0.80, 50:1.20, 55:1.60."
            )
        rows.append({"vanaf": int(match[1]), "pct": match[2]})
    return rows


def parse(kind: str, text: str, label: str) -> Any:
    """What a beheerder typed, as the contract's JSON value of ``kind``; Refused in Dutch."""
    text = text.strip()
    if kind == INTEGER:
        if not text.isdigit() or len(text) > 9:
            raise Refused(f"{label}: '{text}' is geen geheel getal.")
        return int(text)
    if kind == DECIMAL:
        if not _DECIMAL.match(text):
            raise Refused(f"{label}: '{text}' is geen getal; schrijf bijvoorbeeld 1,08.")
        try:
            return format(Decimal(text.replace(",", ".")), "f")
        except InvalidOperation as error:  # pragma: no cover - the pattern excludes it
            raise Refused(f"{label}: '{text}' is geen getal.") from error
    if kind == BOOLEAN:
        if text not in (YES, NO):
            raise Refused(f"{label}: kies ja of nee.")
        return text == YES
    return parse_age_table(text)


def shown(kind: str | None, value: Any) -> str:
    """A default or an override as the beheerder reads and types it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if kind == AGE_TABLE and isinstance(value, list):
        return ", ".join(f"{row.get('vanaf')}:{row.get('pct')}" for row in value)
    if kind == DECIMAL or isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def _default_json(kind: str, value: Any) -> Any:
    if kind == DECIMAL:
        return format(value, "f")
    if kind == AGE_TABLE:
        return parse_age_table(value)
    return value


def _probe(scheme, rules: RuleVersion, settings: dict) -> list:
    """The scheme's errors about ``settings`` in a minimal scenario of ``rules``' first period."""
    scenario = {
        "scheme": scheme.id,
        "period": rules.first.code,
        "employee": {},
        "choices": regelingen.no_choices(scheme),
        "events": [],
        "settings": settings,
    }
    result = calc.calculate(scenario, {scheme.id: scheme})
    return [e for e in result.errors if (e.field or "").startswith("settings")]


@dataclass(frozen=True)
class Setting:
    """A policy parameter of the current rule version, with the board's override if any."""

    parameter: Parameter
    kind: str | None
    editable: bool
    override: Any = None

    @property
    def name(self) -> str:
        return self.parameter.name

    @property
    def default(self) -> str:
        return shown(self.kind, self.parameter.value)

    @property
    def shown_override(self) -> str:
        return shown(self.kind, self.override)


def settings_for(scheme, today: date, stored: dict | None = None) -> list[Setting]:
    """The policy parameters of ``scheme`` now, each editable when the scheme reads it from
    ``settings`` (never for the CAO VO, whose policy is the schools' taakbeleid)."""
    rules = current_version(scheme, today)
    if rules is None:
        return []
    stored = stored or {}
    found = []
    for parameter in rules.parameters.values():
        if not parameter.policy:
            continue
        kind = _kind(parameter.value)
        editable = (
            scheme.id != DEFAULT_SCHEME
            and kind is not None
            and not _probe(scheme, rules, {parameter.name: _default_json(kind, parameter.value)})
        )
        found.append(Setting(parameter, kind, editable, stored.get(parameter.name)))
    return found


def _one_employee(session: Session, organisation_id: int) -> Employee | None:
    return session.scalar(
        select(Employee).where(Employee.organisation_id == organisation_id).order_by(Employee.id)
    )


def save_settings(
    session: Session,
    organisation_id: int,
    typed: dict[str, str],
    version: int | None,
    registry: SchemeRegistry,
    today: date,
) -> RegelingGebruik:
    """Store the board's overrides (empty = the default), when the scheme accepts them.

    ``typed`` holds what the form sent per editable setting; ``version`` is the version of the
    board's row the form showed (None when it had none).
    """
    gebruik = regelingen.gebruik(session, organisation_id)
    scheme_id = gebruik.scheme if gebruik else DEFAULT_SCHEME
    scheme = registry.schemes.get(scheme_id)
    if scheme is None:
        raise Refused(f"De regeling '{scheme_id}' is niet geïnstalleerd; instellen kan niet.")
    if gebruik is None:
        if version is not None:  # the form showed a row that is gone, or was never there
            expect_version(RegelingGebruik(version=0), version)
    else:
        expect_version(gebruik, version)
    editable = [s for s in settings_for(scheme, today) if s.editable]
    if not editable:
        raise Refused(f"{scheme.title} heeft geen instellingen die het bestuur kan wijzigen.")
    settings = dict(gebruik.settings or {}) if gebruik else {}
    for setting in editable:
        text = (typed.get(setting.name) or "").strip()
        if text:
            settings[setting.name] = parse(setting.kind, text, setting.parameter.label)
        else:
            settings.pop(setting.name, None)
    rules = current_version(scheme, today)
    problems = _probe(scheme, rules, settings)
    if problems:
        raise Refused("Niet opgeslagen: " + " ".join(e.message for e in problems))
    if gebruik is None:
        gebruik = RegelingGebruik(organisation_id=organisation_id, scheme=scheme_id)
        session.add(gebruik)
    gebruik.settings = settings
    session.flush()
    person = _one_employee(session, organisation_id)
    if person is not None:
        period = regelingen.PERIOD_TYPES[scheme.period_kind].containing(today)
        answer = regelingen.stand(session, person, scheme, period, registry)
        problems = [e for e in answer.result.errors if (e.field or "").startswith("settings")]
        if problems:
            raise Refused("Niet opgeslagen: " + " ".join(e.message for e in problems))
    return gebruik


def stored_under(session: Session, organisation_id: int, scheme_id: str) -> int:
    """How many employees of the board have choices or events stored under ``scheme_id``."""
    employees = select(Employee.id).where(Employee.organisation_id == organisation_id)
    if scheme_id == DEFAULT_SCHEME:
        owners = select(PbKeuze.employee_id).where(PbKeuze.employee_id.in_(employees))
    else:
        owners = (
            select(RegelingKeuze.employee_id)
            .where(RegelingKeuze.scheme == scheme_id, RegelingKeuze.employee_id.in_(employees))
            .union(
                select(Gebeurtenis.employee_id).where(
                    Gebeurtenis.scheme == scheme_id, Gebeurtenis.employee_id.in_(employees)
                )
            )
        )
    return session.scalar(select(func.count()).select_from(owners.subquery())) or 0


def change_scheme(
    session: Session,
    organisation_id: int,
    scheme_id: str,
    version: int | None,
    registry: SchemeRegistry,
) -> RegelingGebruik:
    """Put the board's employees under another installed scheme, with no settings (those were
    the old scheme's). Refused while employees have choices or events under the old one: they
    would silently stop counting."""
    if scheme_id not in registry.schemes:
        raise Refused(f"De regeling '{scheme_id}' is niet geïnstalleerd.")
    gebruik = regelingen.gebruik(session, organisation_id)
    old = gebruik.scheme if gebruik else DEFAULT_SCHEME
    if gebruik is None:
        if version is not None:  # the form showed a row that is gone, or was never there
            expect_version(RegelingGebruik(version=0), version)
    else:
        expect_version(gebruik, version)
    if scheme_id == old:
        raise Refused("Het bestuur valt al onder deze regeling; er is niets gewijzigd.")
    count = stored_under(session, organisation_id, old)
    if count:
        raise Refused(
            f"Niet gewijzigd: {count} medewerker{'s' if count != 1 else ''} van dit bestuur "
            f"{'hebben' if count != 1 else 'heeft'} al keuzes of gebeurtenissen onder '{old}'. "
            "Die zouden niet meer meetellen; wijzig de regeling pas als dat de bedoeling is en "
            "die gegevens zijn afgehandeld."
        )
    if gebruik is None:
        gebruik = RegelingGebruik(organisation_id=organisation_id, scheme=scheme_id, settings={})
        session.add(gebruik)
    else:
        gebruik.scheme = scheme_id
        gebruik.settings = {}
    return gebruik
