"""Persoonlijk budget: basis and extra hours, the doelbestedingen, uurloon and payout (§4, §5)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jaartaak.domain.caovo.context import POLICY_UNALLOCATED, Context, factor, hours, nl, num
from jaartaak.domain.caovo.inputs import DOELEN, Inputs, scale_at_most
from jaartaak.domain.decimals import ZERO, round2
from jaartaak.domain.periods import Month
from jaartaak.domain.reading import BAD_VALUE
from jaartaak.domain.results import Unit

TOO_MANY = "pb.te-veel-uren"
PAYOUT_REFUSED = "pb.uitbetalen.niet-toegestaan"
UNALLOCATED = "pb.niet-toegewezen"


@dataclass(frozen=True)
class Budget:
    basis: Decimal
    extra: Decimal
    doelen: dict[str, Decimal]
    unallocated: Decimal

    @property
    def total(self) -> Decimal:
        return self.basis + self.extra

    def hours(self, doel: str) -> Decimal:
        return self.doelen.get(doel, ZERO)

    @property
    def werkdruk(self) -> Decimal:
        """Hours kept inside the jaartaak for a lighter load: both reductions and the rest."""
        return (
            self.hours("reductie-lestaak") + self.hours("reductie-overige-taken") + self.unallocated
        )


def persoonlijk_budget(ctx: Context, inputs: Inputs, wtf_regulier: Decimal) -> Budget:
    book = ctx.book
    per_fte = {name: ctx.value(name) for name in ("pb_basis", "pb_extra")}
    basis = book.line(
        "pb.basis",
        "Basisbudget",
        Unit.HOURS,
        round2(per_fte["pb_basis"] * wtf_regulier),
        f"{num(per_fte['pb_basis'])} × {factor(wtf_regulier)}",
        ctx.source("pb_basis"),
        total="pb_basis_hours",
    )
    extra = book.line(
        "pb.extra",
        "Extra budget",
        Unit.HOURS,
        round2(per_fte["pb_extra"] * wtf_regulier),
        f"{num(per_fte['pb_extra'])} × {factor(wtf_regulier)}",
        ctx.source("pb_extra"),
        total="pb_extra_hours",
    )
    book.line(
        "pb.totaal",
        "Persoonlijk budget",
        Unit.HOURS,
        basis + extra,
        f"{hours(basis)} + {hours(extra)}",
        ctx.source("pb_basis"),
        total="pb_total_hours",
    )
    if any(a.kind == "vervanging" for a in inputs.employee.appointments):
        rate = ctx.value("vervangingstoeslag")
        book.line(
            "pb.vervangingstoeslag",
            "Vervangingstoeslag in plaats van persoonlijk budget",
            Unit.FACTOR,
            rate,
            f"{num(rate * 100)}% extra loon over de vervangingsaanstelling",
            ctx.source("vervangingstoeslag"),
        )

    doelen = {doel: round2(inputs.pb[doel]) for doel in DOELEN if inputs.pb.get(doel)}
    for doel, amount in doelen.items():
        book.line(
            f"pb.doel.{doel}",
            f"Besteding: {DOELEN[doel].lower()}",
            Unit.HOURS,
            amount,
            "keuze van de medewerker",
            "CAO VO art. 7.4 (doelbestedingen)",
        )
    allocated = sum(doelen.values(), ZERO)
    if allocated > basis + extra:
        book.error(
            TOO_MANY,
            "choices.pb",
            f"Er zijn {nl(allocated)} uur besteed, maar het persoonlijk budget is "
            f"{nl(basis + extra)} uur.",
        )
    unallocated = max(ZERO, basis + extra - allocated)
    book.line(
        "pb.niet-toegewezen",
        "Niet toegewezen (telt als reductie overige taken)",
        Unit.HOURS,
        unallocated,
        f"{hours(basis + extra)} − {hours(allocated)} besteed",
        POLICY_UNALLOCATED,
        total="pb_unallocated_hours",
    )
    if unallocated:
        book.warn(
            UNALLOCATED,
            f"{nl(unallocated)} uur van het persoonlijk budget is niet "
            "toegewezen; die uren tellen als reductie van overige taken.",
        )
    return Budget(basis, extra, doelen, unallocated)


def uurloon(ctx: Context, inputs: Inputs) -> Decimal:
    salary = inputs.employee.fulltime_monthly_salary
    divisor = ctx.value("uurloon_deler")
    if not round2(salary / divisor):
        ctx.book.error(
            BAD_VALUE,
            "employee.fulltime_monthly_salary",
            f"employee.fulltime_monthly_salary: bij € {nl(salary)} per maand is het uurloon "
            f"(salaris / {num(divisor)}) € 0,00; vul het salaris bij een volledige betrekking in.",
        )
    return ctx.book.line(
        "uurloon",
        "Uurloon (bij volledige betrekking)",
        Unit.EUR,
        round2(salary / divisor),
        f"{hours(salary)} / {num(divisor)}",
        ctx.source("uurloon_deler"),
        total="uurloon",
    )


def payout(ctx: Context, inputs: Inputs, budget: Budget, rate: Decimal) -> Decimal:
    """Hours chosen as ``uitbetalen``: only the basis part, only up to maximum scale 8."""
    book = ctx.book
    chosen = budget.hours("uitbetalen")
    highest = ctx.value("uitbetalen_tot_schaal")
    if chosen and not scale_at_most(inputs.employee.salary_scale, highest):
        book.error(
            PAYOUT_REFUSED,
            "choices.pb",
            f"Uitbetalen mag alleen bij een maximum functieschaal tot en met {highest}; "
            f"deze functie heeft schaal {inputs.employee.salary_scale} "
            f"({ctx.source('uitbetalen_tot_schaal')}).",
        )
    elif chosen > budget.basis:
        book.error(
            PAYOUT_REFUSED,
            "choices.pb",
            f"Uitbetalen mag alleen het basisdeel: hoogstens {nl(budget.basis)} uur, "
            f"niet {nl(chosen)} ({ctx.source('uitbetalen_tot_schaal')}).",
        )
    amount = book.line(
        "pb.uitbetaling",
        "Uitbetaling persoonlijk budget",
        Unit.EUR,
        round2(chosen * rate),
        f"{hours(chosen)} × {hours(rate)}",
        ctx.source("uitbetalen_tot_schaal"),
        total="uitbetaling_eur",
    )
    if amount:
        month_number = ctx.value("uitbetaling_maand")
        year = ctx.period.start_year + (month_number < 8)
        book.pay(
            Month(year, month_number), "pb-uitbetaling", amount, "Uitbetaling persoonlijk budget"
        )
    return amount
