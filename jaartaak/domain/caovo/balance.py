"""Netto jaartaak and the balance against the school's taakbeleid (cao-vo.md §8)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from jaartaak.domain.caovo.aanvulling import Aanvulling
from jaartaak.domain.caovo.budget import Budget
from jaartaak.domain.caovo.context import Context, factor, hours, nl, num
from jaartaak.domain.caovo.inputs import Inputs
from jaartaak.domain.caovo.werktijd import WorkingTime
from jaartaak.domain.decimals import ZERO, round2, round4
from jaartaak.domain.results import Unit

TOO_MUCH_LEAVE = "verlof.meer-dan-jaartaak"
OVERLOADED = "jaartaak.overbelast"
TOO_MANY_LESSONS = "lestaak.maximum"


def netto_jaartaak(
    ctx: Context, working: WorkingTime, budget: Budget, aanvulling: Aanvulling, saved_leave: Decimal
) -> tuple[Decimal, Decimal]:
    """Leave lowers the jaartaak: pb verlof, 57+ aanvulling as verlof, saved leave taken."""
    book = ctx.book
    pb_leave = budget.hours("verlof")
    leave = book.line(
        "verlof",
        "Verlof dat de jaartaak verlaagt",
        Unit.HOURS,
        pb_leave + aanvulling.as_leave + saved_leave,
        f"{hours(pb_leave)} (persoonlijk budget) + {hours(aanvulling.as_leave)} "
        f"(57+-aanvulling) + {hours(saved_leave)} (gespaard verlof)",
        ctx.source("doelbestedingen"),
        total="verlof_hours",
    )
    if leave > working.normjaartaak:
        book.error(
            TOO_MUCH_LEAVE,
            "choices",
            f"Het verlof ({nl(leave)} uur) is meer dan de "
            f"jaartaak ({nl(working.normjaartaak)} uur).",
        )
    netto = book.line(
        "netto-jaartaak",
        "Netto jaartaak",
        Unit.HOURS,
        working.normjaartaak - leave,
        f"{hours(working.normjaartaak)} − {hours(leave)}",
        ctx.source("normjaartaak"),
        total="netto_jaartaak",
    )
    norm = ctx.value("normjaartaak")
    netto_wtf = book.line(
        "netto-wtf",
        "Netto werktijdfactor",
        Unit.FACTOR,
        max(ZERO, round4(netto / norm)),
        f"{hours(netto)} / {num(norm)}",
        ctx.source("normjaartaak"),
        total="netto_wtf",
    )
    return netto, netto_wtf


def _lessons(ctx: Context, inputs: Inputs, netto_wtf: Decimal) -> Decimal:
    """Lesgebonden tijd: lesuren × lesduur/60 × lesweken × (1 + opslag), rounded once as a total."""
    book = ctx.book
    duration, weeks = ctx.value("lesduur_minuten"), ctx.value("lesweken")
    default = ctx.value("opslagfactor")
    per_opslag: dict[Decimal, Decimal] = defaultdict(Decimal)
    for lesson in inputs.lessons:
        per_opslag[lesson.opslagfactor if lesson.opslagfactor is not None else default] += (
            lesson.lesuren_per_week
        )
    lesuren = sum(per_opslag.values(), ZERO)
    clock_exact = lesuren * duration / 60 * weeks
    weighted = sum((lu * (1 + opslag) for opslag, lu in per_opslag.items()), ZERO)
    terms = " + ".join(
        f"{hours(lu)} × {num(1 + opslag)}" for opslag, lu in sorted(per_opslag.items())
    )
    lesgebonden = book.line(
        "lesgebonden",
        "Lesgebonden tijd (lessen met opslag voor voor- en nawerk)",
        Unit.HOURS,
        round2(weighted * duration / 60 * weeks),
        f"({terms or '0'}) × {num(duration)}/60 × {num(weeks)}",
        ctx.source("opslagfactor"),
        total="lesgebonden",
    )
    clock = book.line(
        "lestaak.klokuren",
        "Lestaak in klokuren (zonder opslag)",
        Unit.HOURS,
        round2(clock_exact),
        f"{hours(lesuren)} × {num(duration)}/60 × {num(weeks)}",
        ctx.source("lesduur_minuten"),
    )
    maximum = ctx.value("max_lestaak_klokuren")
    limit = book.line(
        "lestaak.maximum",
        "Maximale lestaak in klokuren",
        Unit.HOURS,
        round2(maximum * netto_wtf),
        f"{num(maximum)} × {factor(netto_wtf)}",
        ctx.source("max_lestaak_klokuren"),
    )
    if clock > limit:
        book.warn(
            TOO_MANY_LESSONS,
            f"De lestaak is {nl(clock)} klokuren; het maximum is {nl(limit)} klokuren.",
        )
    return lesgebonden


def _per_fte(ctx: Context, key: str, label: str, name: str, netto_wtf: Decimal) -> Decimal:
    per_fte = ctx.value(name)
    return ctx.book.line(
        key,
        label,
        Unit.HOURS,
        round2(per_fte * netto_wtf),
        f"{num(per_fte)} × {factor(netto_wtf)}",
        ctx.source(name),
        total=key,
    )


def jaartaak_balance(
    ctx: Context, inputs: Inputs, netto: Decimal, netto_wtf: Decimal, budget: Budget
) -> None:
    """What fills the netto jaartaak, and the saldo: positive is room left, negative overload."""
    book = ctx.book
    lesgebonden = _lessons(ctx, inputs, netto_wtf)
    ontwikkeltijd = _per_fte(ctx, "ontwikkeltijd", "Ontwikkeltijd", "ontwikkeltijd", netto_wtf)
    category = "oop" if inputs.employee.category == "OOP" else "op"
    professionalisering = _per_fte(
        ctx,
        "professionalisering",
        "Professionalisering",
        f"professionalisering_{category}",
        netto_wtf,
    )
    ast = _per_fte(ctx, "ast", "Algemene schooltaken", "ast_per_fte", netto_wtf)
    werkdruk = book.line(
        "pb_werkdruk",
        "Persoonlijk budget voor een lichtere taak",
        Unit.HOURS,
        budget.werkdruk,
        f"{hours(budget.hours('reductie-lestaak'))} (reductie lestaak) + "
        f"{hours(budget.hours('reductie-overige-taken'))} (reductie overige taken) + "
        f"{hours(budget.unallocated)} (niet toegewezen)",
        ctx.source("doelbestedingen"),
        total="pb_werkdruk",
    )
    task_total = sum((uren for _naam, uren in inputs.tasks), ZERO)
    taken = book.line(
        "taken",
        "Taken",
        Unit.HOURS,
        task_total,
        " + ".join(f"{hours(uren)} ({naam})" for naam, uren in inputs.tasks) or "geen",
        "taakbeleid van de school (toegewezen taken)",
        total="taken",
    )
    used = lesgebonden + ontwikkeltijd + professionalisering + ast + werkdruk + taken
    saldo = book.line(
        "saldo",
        "Saldo (ruimte + / overbelasting −)",
        Unit.HOURS,
        netto - used,
        f"{hours(netto)} − ({hours(lesgebonden)} + {hours(ontwikkeltijd)} + "
        f"{hours(professionalisering)} + {hours(ast)} + {hours(werkdruk)} + "
        f"{hours(taken)})",
        "taakbeleid van de school",
        total="saldo",
    )
    if saldo < 0:
        book.warn(
            OVERLOADED,
            f"De jaartaak is overbelast: {nl(-saldo)} uur meer werk dan de netto jaartaak.",
        )
