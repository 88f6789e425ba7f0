"""The 57+ aanvullingen: eligibility by month, hours, eigen bijdrage, lesson reduction (§7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jaartaak.domain.caovo.budget import Budget
from jaartaak.domain.caovo.context import Context, dutch_date, factor, hours, nl, num
from jaartaak.domain.caovo.inputs import Inputs, scale_at_most
from jaartaak.domain.decimals import ZERO, round2, split_evenly
from jaartaak.domain.periods import Month
from jaartaak.domain.results import Unit

NOT_ENTITLED = "aanvulling.niet-gerechtigd"
BASIS_REQUIRED = "aanvulling.basis-vereist"
SAVE_LEVEL_ONE = "aanvulling.sparen-alleen-niveau-1"
NO_SAVING = "pb.sparen.niet-met-aanvulling"
LESS_THAN_LAST_YEAR = "aanvulling.minder-dan-vorig-jaar"
FIELD = "choices.aanvulling"


@dataclass(frozen=True)
class Aanvulling:
    level: int
    mode: str
    months: tuple[Month, ...]
    hours1: Decimal
    hours2: Decimal

    @property
    def as_leave(self) -> Decimal:
        return self.hours1 + self.hours2 if self.mode == "verlof" else ZERO

    @property
    def to_senior_pot(self) -> Decimal:
        return self.hours1 if self.mode == "sparen" else ZERO


def birthday_57(birth: date) -> date:
    """The 57th birthday (born 29 February: 1 March in a year without 29 February)."""
    try:
        return birth.replace(year=birth.year + 57)
    except ValueError:
        return date(birth.year + 57, 3, 1)


def eligible_from(birth: date) -> date:
    """The first day of the month after the 57th birthday."""
    return Month.of(birthday_57(birth)).next().first_day


def _months_line(ctx: Context, birth: date, months: tuple[Month, ...]) -> None:
    start = eligible_from(birth)
    if not months:
        formula = f"vanaf {dutch_date(start)}, na schooljaar {ctx.period.code}"
    elif len(months) == 12:
        formula = f"vanaf {dutch_date(start)}: het hele schooljaar"
    else:
        formula = f"vanaf {dutch_date(start)}: {months[0].code} t/m {months[-1].code}"
    ctx.book.line(
        "aanvulling.maanden",
        "Maanden met recht op de 57+-aanvulling",
        Unit.MONTHS,
        len(months),
        formula,
        ctx.source("aanvulling1") + "; vanaf de eerstvolgende maand na de 57e verjaardag",
        total="aanvulling_months",
    )


def _hours(
    ctx: Context,
    name: str,
    label: str,
    chosen: bool,
    wtf_regulier: Decimal,
    months: int,
    total: str,
) -> Decimal:
    per_fte = ctx.value(name)
    amount = round2(per_fte * wtf_regulier * months / 12) if chosen else ZERO
    formula = f"{num(per_fte)} × {factor(wtf_regulier)} × {months}/12" if chosen else "niet gekozen"
    return ctx.book.line(
        f"aanvulling.{name[-1]}", label, Unit.HOURS, amount, formula, ctx.source(name), total=total
    )


def _validate(
    ctx: Context, inputs: Inputs, budget: Budget, months: int, wtf_regulier: Decimal
) -> None:
    book, level, mode = ctx.book, inputs.aanvulling_level, inputs.aanvulling_mode
    if level and not months:
        book.error(
            NOT_ENTITLED,
            FIELD,
            "De 57+-aanvulling geldt vanaf de maand na de 57e "
            f"verjaardag; in schooljaar {ctx.period.code} is daar geen maand van.",
        )
    if level and mode == "verlof":
        if budget.hours("verlof") < budget.basis:
            book.error(
                BASIS_REQUIRED,
                FIELD,
                "Bij de aanvulling als verlof moet ook het basisdeel "
                f"van het persoonlijk budget ({nl(budget.basis)} uur) als verlof worden "
                f"opgenomen; nu is dat {nl(budget.hours('verlof'))} uur.",
            )
        if budget.hours("sparen"):
            book.error(
                NO_SAVING,
                "choices.pb",
                "In een schooljaar met de aanvulling als verlof "
                "kunnen geen uren van het persoonlijk budget worden gespaard.",
            )
    if level and mode == "sparen":
        if level != 1:
            book.error(
                SAVE_LEVEL_ONE, FIELD, "Sparen kan alleen met de 1e aanvulling, niet met de 2e."
            )
        if budget.hours("sparen") < budget.basis:
            book.error(
                BASIS_REQUIRED,
                FIELD,
                "Bij het sparen van de aanvulling moet ook het "
                f"basisdeel ({nl(budget.basis)} uur) worden gespaard; nu is dat "
                f"{nl(budget.hours('sparen'))} uur.",
            )
    previous, previous_wtf = inputs.previous_level, inputs.previous_wtf_regulier
    if previous is not None and previous > level and previous_wtf == wtf_regulier:
        book.error(
            LESS_THAN_LAST_YEAR,
            FIELD,
            f"Vorig jaar was de aanvulling niveau {previous}; "
            "bij een gelijke werktijdfactor mag die niet lager worden "
            f"(nu niveau {level}).",
        )


def aanvullingen(ctx: Context, inputs: Inputs, budget: Budget, wtf_regulier: Decimal) -> Aanvulling:
    start = eligible_from(inputs.employee.birth_date)
    months = tuple(m for m in ctx.period.months() if m.first_day >= start)
    _months_line(ctx, inputs.employee.birth_date, months)
    level = inputs.aanvulling_level
    count = len(months)
    first = _hours(
        ctx,
        "aanvulling1",
        "1e aanvulling 57+",
        level >= 1,
        wtf_regulier,
        count,
        "aanvulling1_hours",
    )
    second = _hours(
        ctx,
        "aanvulling2",
        "2e aanvulling 57+",
        level >= 2,
        wtf_regulier,
        count,
        "aanvulling2_hours",
    )
    _validate(ctx, inputs, budget, count, wtf_regulier)
    return Aanvulling(level, inputs.aanvulling_mode, months, first, second)


def eigen_bijdrage(ctx: Context, inputs: Inputs, aanvulling: Aanvulling, rate: Decimal) -> Decimal:
    """The employee's contribution, deducted in equal monthly amounts over the eligible months."""
    book = ctx.book
    low = scale_at_most(inputs.employee.salary_scale, 8)
    name1 = "eigen_bijdrage1_tot_schaal_8" if low else "eigen_bijdrage1"
    parts = []
    for label, amount_hours, name in (
        ("1e aanvulling", aanvulling.hours1, name1),
        ("2e aanvulling", aanvulling.hours2, "eigen_bijdrage2"),
    ):
        share = ctx.value(name)
        parts.append(
            book.line(
                f"eigen-bijdrage.{label[0]}",
                f"Eigen bijdrage {label}",
                Unit.EUR,
                round2(amount_hours * rate * share),
                f"{hours(amount_hours)} × {hours(rate)} × {share:.2f}",
                ctx.source(name),
            )
        )
    total = book.line(
        "eigen-bijdrage",
        "Eigen bijdrage 57+ per schooljaar",
        Unit.EUR,
        parts[0] + parts[1],
        f"{hours(parts[0])} + {hours(parts[1])}",
        ctx.source("aanvulling1"),
        total="eigen_bijdrage_eur",
    )
    if total and aanvulling.months:
        monthly = split_evenly(total, len(aanvulling.months))
        book.line(
            "eigen-bijdrage.per-maand",
            "Eigen bijdrage per maand",
            Unit.EUR,
            monthly[0],
            f"{hours(total)} / {len(monthly)} (laatste maand {hours(monthly[-1])})",
            ctx.source("aanvulling1") + "; gelijke bedragen over de maanden met recht",
        )
        for month, amount in zip(aanvulling.months, monthly, strict=True):
            book.pay(
                month,
                "eigen-bijdrage-57plus",
                -amount,
                "Eigen bijdrage 57+-aanvulling (pensioengrondslag blijft de volledige betrekking)",
            )
    return total


def lesson_reduction(
    ctx: Context, budget: Budget, aanvulling: Aanvulling, wtf_regulier: Decimal
) -> Decimal:
    """Lesuren per week freed: reductie-lestaak hours per 50, plus 3 or 6 per fte for 57+ leave."""
    per_lesuur = ctx.value("uren_per_lesuur")
    chosen = budget.hours("reductie-lestaak")
    formula = f"{hours(chosen)} / {num(per_lesuur)}"
    extra = ZERO
    if aanvulling.level and aanvulling.mode == "verlof":
        name = f"lesreductie_niveau{aanvulling.level}"
        extra = ctx.value(name) * wtf_regulier
        formula += f" + {num(ctx.value(name))} × {factor(wtf_regulier)}"
    return ctx.book.line(
        "lestaak-reductie",
        "Minder lesuren per week",
        Unit.LESUREN,
        round2(chosen / per_lesuur + extra),
        formula,
        ctx.source("uren_per_lesuur"),
        total="lestaak_reductie_lesuren",
    )
