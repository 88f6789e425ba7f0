"""Werktijdfactor over the schooljaar and the normjaartaak (cao-vo.md §3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jaartaak.domain.caovo.context import Context, factor, num
from jaartaak.domain.caovo.inputs import Appointment
from jaartaak.domain.decimals import round2, round4
from jaartaak.domain.periods import overlap_days
from jaartaak.domain.results import Unit

SOURCE = "CAO VO art. 6.1 (naar rato van de betrekking), dagen van de aanstelling in het schooljaar"


def _factor(ctx: Context, appointments: list[Appointment]) -> tuple[Decimal, str]:
    """Σ fte × days inside the schooljaar / days in the schooljaar, rounded once at the end."""
    period = ctx.period
    terms = [(a.fte, overlap_days(a.start, a.end, period.start, period.end)) for a in appointments]
    terms = [(fte, days) for fte, days in terms if days]
    exact = sum((fte * days for fte, days in terms), Decimal(0)) / period.days
    if not terms:
        return Decimal("0.0000"), f"geen aanstelling in {period.code}"
    parts = " + ".join(f"{num(fte)} × {days}" for fte, days in terms)
    return round4(exact), f"({parts}) / {period.days}" if len(
        terms
    ) > 1 else f"{parts} / {period.days}"


@dataclass(frozen=True)
class WorkingTime:
    wtf: Decimal
    wtf_regulier: Decimal
    normjaartaak: Decimal


def werktijdfactor(ctx: Context, appointments: tuple[Appointment, ...]) -> WorkingTime:
    """The werktijdfactor, the part of it in regular (not replacement) appointments, and the
    normjaartaak that follows."""
    book = ctx.book
    wtf, formula = _factor(ctx, list(appointments))
    book.line(
        "wtf",
        f"Werktijdfactor over schooljaar {ctx.period.code}",
        Unit.FACTOR,
        wtf,
        formula,
        SOURCE,
        total="wtf",
    )
    regular = [a for a in appointments if a.kind == "regulier"]
    wtf_regulier, formula = _factor(ctx, regular)
    book.line(
        "wtf.regulier",
        "Werktijdfactor van de reguliere aanstellingen",
        Unit.FACTOR,
        wtf_regulier,
        formula,
        SOURCE + "; vervangingsaanstellingen tellen hier niet mee",
        total="wtf_regulier",
    )
    norm = ctx.value("normjaartaak")
    bruto = book.line(
        "normjaartaak",
        "Normjaartaak (bruto)",
        Unit.HOURS,
        round2(norm * wtf),
        f"{num(norm)} × {factor(wtf)}",
        ctx.source("normjaartaak"),
        total="normjaartaak_bruto",
    )
    return WorkingTime(wtf, wtf_regulier, bruto)
