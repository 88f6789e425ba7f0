"""What a taakbrief shows, as plain data built from the engine's answer, and its content key.

The PDF template receives only this data: every number in it is a value the engine computed
(a line, a total) or a stored fact (a lesson's lesuren), never something the template works
out. The page (``_jaartaak.html``) reads the same answer, so the brief and the page show the
same numbers. ``inhoud_sleutel`` is the SHA-256 of this data: when a fact changes what the
brief would show, the key changes and the planner sees that the published version is out of
date; a change that shows nowhere on the brief (a new publish date) does not.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from jaartaak.services.berekening import Jaartaak
from jaartaak.services.charts import VULLING

CATEGORY_LABELS = {
    "OP": "Onderwijzend personeel (OP)",
    "OOP": "Onderwijsondersteunend personeel (OOP)",
    "DIR": "Directie (DIR)",
}
#: The pb choice as the page lists it (``_jaartaak.html``), in the same order and words.
KEUZE_LABELS = (
    ("reductie_lestaak", "Reductie lestaak"),
    ("reductie_overige_taken", "Reductie overige taken"),
    ("verlof", "Verlof"),
    ("sparen", "Sparen"),
    ("uitbetalen", "Uitbetalen"),
    ("opname_pb", "Opname spaarpot pb"),
    ("opname_senior", "Opname seniorenspaarpot"),
)
#: The totals the brief shows besides its lines: the saldo and what the chart is drawn from.
TOTALEN = ("netto_jaartaak", "saldo", *(key for key, _label, _colour in VULLING))


@dataclass(frozen=True)
class Inhoud:
    """The data of one brief, its content key, and the engine's errors (a brief with errors is
    not published: nobody should sign numbers the engine refused)."""

    data: dict[str, Any]
    sleutel: str
    fouten: tuple[str, ...]


def _keuze(keuze) -> dict[str, Any] | None:
    """The pb choice as the page shows it; None when there is none (the page says so too)."""
    if keuze is None:
        return None
    aanvulling = ""
    if keuze.aanvulling_niveau:
        niveau = "1e" if keuze.aanvulling_niveau == 1 else "1e en 2e"
        wijze = "als verlof" if keuze.aanvulling_wijze == "verlof" else "gespaard"
        aanvulling = f"{niveau} aanvulling, {wijze}"
    return {
        "uren": [
            {"label": label, "uren": getattr(keuze, name)}
            for name, label in KEUZE_LABELS
            if getattr(keuze, name)
        ],
        "aanvulling": aanvulling,
    }


def _total(answer: Jaartaak, key: str) -> Decimal | None:
    value = answer.total(key)
    return None if value is None or isinstance(value, bool) else Decimal(value)


def inhoud(answer: Jaartaak) -> Inhoud:
    """The brief of one employee-year from the engine's answer (``berekening.bereken``)."""
    feiten, result = answer.feiten, answer.result
    person = feiten.employee
    beleid = feiten.taakbeleid
    data: dict[str, Any] = {
        "bestuur": person.organisation.name,
        "school": person.school.name,
        "schooljaar": feiten.schooljaar.code,
        "medewerker": {
            "naam": person.full_name,
            "code": person.code,
            "geboortedatum": person.birth_date,
            "categorie": CATEGORY_LABELS[person.category],
            "schaal": person.salary_scale,
            "salaris": person.fulltime_monthly_salary,
        },
        "aanstellingen": [
            {"fte": a.fte, "soort": a.kind, "start": a.start, "einde": a.end_date}
            for a in person.appointments
        ],
        "rekenregels": result.rule_version,
        "taakbeleid": (
            {"versie": beleid.number, "ingangsdatum": beleid.ingangsdatum} if beleid else None
        ),
        "regels": [
            {
                "key": line.key,
                "label": line.label,
                "unit": line.unit.value,
                "amount": line.amount,
                "formula": line.formula,
                "source": line.source,
            }
            for line in result.lines
        ],
        "totalen": {key: _total(answer, key) for key in TOTALEN},
        "keuze": _keuze(feiten.keuze),
        "lessen": [
            {"vak": les.vak, "groep": les.groep or "", "lesuren": les.lesuren_per_week}
            for les in feiten.lessons
        ],
        "lessen_totaal": sum((les.lesuren_per_week for les in feiten.lessons), Decimal("0.00")),
        "taken": [
            {
                "naam": taak.task.name,
                "groep": taak.task.task_group.name if taak.task.task_group else "",
                "uren": taak.hours,
            }
            for taak in feiten.tasks
        ],
        "taken_totaal": sum((taak.hours for taak in feiten.tasks), Decimal("0.00")),
        "waarschuwingen": [
            {"code": issue.code, "message": issue.message} for issue in result.warnings
        ],
    }
    fouten = tuple(f"{issue.code}: {issue.message}" for issue in result.errors)
    return Inhoud(data, sleutel(data), fouten)


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot digest {type(value).__name__}")


def sleutel(data: dict[str, Any]) -> str:
    """SHA-256 of the data as canonical JSON (sorted keys, Decimals and dates as text)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
