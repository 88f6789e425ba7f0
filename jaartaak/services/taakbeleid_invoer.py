"""Checking the values of a taakbeleid version before it is stored, and its text forms.

Each refusal names the parameter (with the label the engine's explanation uses) and the
allowed range, so the planner knows which field to correct.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from jaartaak.domain.caovo.rules import TAAKBELEID_DEFAULTS as DOMAIN_PARAMETERS
from jaartaak.models import TAAKBELEID_DEFAULTS, Schooljaar, Taakbeleid
from jaartaak.services.errors import Refused

OPSLAG_PLACES = 4
OPSLAG_MAX = Decimal("2")
VAK_MAX_LENGTH = 40  # Lesson.vak
TOELICHTING_MAX = 500
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
#: Optional keys of a version's values next to the decimal parameters.
OTHER_KEYS = ("opslag_per_vak", "pb_deadline", "toelichting")


@dataclass(frozen=True)
class Bound:
    """The range a decimal parameter may take: above (or from) ``low``, up to ``high``."""

    low: Decimal
    low_included: bool
    high: Decimal
    places: int


#: Why these bounds: a lesson longer than two hours or more weeks than a year are typing
#: errors; an opslag above 2 (twice the lesson time for preparation) is none any school uses;
#: hours per fte cannot exceed the normjaartaak of 1659 hours.
BOUNDS: dict[str, Bound] = {
    "lesduur_minuten": Bound(Decimal("0"), False, Decimal("120"), 2),
    "lesweken": Bound(Decimal("0"), False, Decimal("52"), 2),
    "opslagfactor": Bound(Decimal("0"), True, OPSLAG_MAX, OPSLAG_PLACES),
    "max_lestaak_klokuren": Bound(Decimal("0"), True, Decimal("1659"), 2),
    "ontwikkeltijd": Bound(Decimal("0"), True, Decimal("1659"), 2),
    "professionalisering_op": Bound(Decimal("0"), True, Decimal("1659"), 2),
    "professionalisering_oop": Bound(Decimal("0"), True, Decimal("1659"), 2),
    "ast_per_fte": Bound(Decimal("0"), True, Decimal("1659"), 2),
}
#: Dutch labels, the same the engine's explanation uses.
LABELS: dict[str, str] = {name: DOMAIN_PARAMETERS[name].label for name in TAAKBELEID_DEFAULTS}


def nl_number(value: Decimal) -> str:
    """A number as typed in a Dutch form, for messages: ``0,6``, ``130``, ``1659``."""
    return format(value.normalize(), "f").replace(".", ",")


def _decimal(name: str, raw: object) -> Decimal:
    label = LABELS[name]
    if raw is None or raw == "":
        raise Refused(f"{label}: vul een waarde in.")
    if isinstance(raw, float | bool):
        raise TypeError(f"{name} must be a Decimal, not {type(raw).__name__}")
    try:
        value = Decimal(str(raw))
    except InvalidOperation as error:
        raise Refused(f"{label}: '{raw}' is geen getal.") from error
    return value


def _bounded(label: str, value: Decimal, bound: Bound) -> Decimal:
    if not value.is_finite():
        raise Refused(f"{label}: '{value}' is geen getal.")
    low_ok = value >= bound.low if bound.low_included else value > bound.low
    if not low_ok or value > bound.high:
        rule = "minstens" if bound.low_included else "meer dan"
        raise Refused(
            f"{label} moet {rule} {nl_number(bound.low)} en hoogstens "
            f"{nl_number(bound.high)} zijn; ingevuld is {nl_number(value)}."
        )
    if value != round(value, bound.places):
        raise Refused(f"{label}: gebruik hoogstens {bound.places} decimalen.")
    return value.quantize(Decimal(1).scaleb(-bound.places))


def _opslag_per_vak(raw: Mapping[str, object] | None) -> dict[str, str]:
    """Every vak's factor checked like the default opslagfactor; a vak once (any case)."""
    result: dict[str, str] = {}
    seen: dict[str, str] = {}
    for vak_raw, factor_raw in (raw or {}).items():
        vak = " ".join(str(vak_raw).split())
        if not vak:
            raise Refused("Opslag per vak: een vak zonder naam.")
        if len(vak) > VAK_MAX_LENGTH:
            raise Refused(f"Opslag per vak: '{vak}' is langer dan {VAK_MAX_LENGTH} tekens.")
        if vak.casefold() in seen:
            raise Refused(f"Opslag per vak: {vak} staat er twee keer in ({seen[vak.casefold()]}).")
        seen[vak.casefold()] = vak
        label = f"De opslagfactor voor {vak}"
        try:
            value = Decimal(str(factor_raw).replace(",", "."))
        except InvalidOperation as error:
            raise Refused(f"{label}: '{factor_raw}' is geen getal.") from error
        bound = BOUNDS["opslagfactor"]
        result[vak] = str(_bounded(label, value, bound))
    return dict(sorted(result.items(), key=lambda item: item[0].casefold()))


def _check_dates(
    ingangsdatum: date,
    pb_deadline: date | None,
    schooljaar: Schooljaar,
    previous: Taakbeleid | None,
) -> None:
    if not schooljaar.start <= ingangsdatum <= schooljaar.end_date:
        raise Refused(
            f"Ingangsdatum {ingangsdatum:%d-%m-%Y} valt buiten schooljaar {schooljaar.code} "
            f"({schooljaar.start:%d-%m-%Y} tot en met {schooljaar.end_date:%d-%m-%Y})."
        )
    if previous is not None and ingangsdatum < previous.ingangsdatum:
        raise Refused(
            f"Ingangsdatum {ingangsdatum:%d-%m-%Y} ligt vóór die van versie {previous.number} "
            f"({previous.ingangsdatum:%d-%m-%Y}); een nieuwe versie gaat niet eerder in."
        )
    if pb_deadline is not None:
        year_before = shift_years(schooljaar.start, -1)
        if not year_before <= pb_deadline < schooljaar.start:
            raise Refused(
                f"Deadline pb-aanvragen {pb_deadline:%d-%m-%Y}: aanvragen voor {schooljaar.code} "
                f"worden in het schooljaar ervoor gedaan, dus de deadline ligt op of na "
                f"{year_before:%d-%m-%Y} en vóór {schooljaar.start:%d-%m-%Y}."
            )


def shift_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# --- opslag per vak as text lines ---------------------------------------------------------------


def opslag_lines(opslag_per_vak: Mapping[str, object]) -> str:
    """``{"natuurkunde": "0.6000"}`` as the form shows it: one ``vak = 0,6`` per line."""
    return "\n".join(
        f"{vak} = {nl_number(Decimal(str(factor)))}" for vak, factor in opslag_per_vak.items()
    )


def parse_opslag_lines(text: str) -> dict[str, Decimal]:
    """Lines ``vak = factor`` (comma or point) into a dict; an error names the line.

    Empty lines are skipped. Whether a factor lies in range is checked by ``new_version``,
    whose message names the vak.
    """
    result: dict[str, Decimal] = {}
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"Opslag per vak, regel {number}"
        vak, sign, factor = line.partition("=")
        vak = " ".join(vak.split())
        factor = factor.strip()
        if not sign:
            raise Refused(f"{where}: schrijf 'vak = factor', bijvoorbeeld 'natuurkunde = 0,6'.")
        if not vak:
            raise Refused(f"{where}: de naam van het vak ontbreekt.")
        if vak.casefold() in first_line:
            raise Refused(f"{where}: {vak} staat al op regel {first_line[vak.casefold()]}.")
        if not _NUMBER.match(factor):
            raise Refused(f"{where}: '{factor}' is geen getal; schrijf bijvoorbeeld 0,6.")
        first_line[vak.casefold()] = number
        result[vak] = Decimal(factor.replace(",", "."))
    return result


def checked_values(
    values: Mapping[str, object],
    ingangsdatum: date,
    schooljaar: Schooljaar,
    previous: Taakbeleid | None,
) -> dict:
    """The column values of a new version, or Refused naming the first wrong parameter."""
    unknown = set(values) - set(TAAKBELEID_DEFAULTS) - set(OTHER_KEYS)
    if unknown:
        raise TypeError(f"unknown taakbeleid values: {sorted(unknown)}")
    columns: dict = {
        name: _bounded(LABELS[name], _decimal(name, values.get(name)), bound)
        for name, bound in BOUNDS.items()
    }
    columns["opslag_per_vak"] = _opslag_per_vak(values.get("opslag_per_vak"))  # type: ignore[arg-type]
    pb_deadline = values.get("pb_deadline")
    _check_dates(ingangsdatum, pb_deadline, schooljaar, previous)  # type: ignore[arg-type]
    columns["pb_deadline"] = pb_deadline
    toelichting = str(values.get("toelichting") or "").strip()
    if len(toelichting) > TOELICHTING_MAX:
        raise Refused(
            f"Toelichting: hoogstens {TOELICHTING_MAX} tekens ({len(toelichting)} ingevuld)."
        )
    columns["toelichting"] = toelichting
    return columns
