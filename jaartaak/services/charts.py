"""Small server-side SVG charts: the same markup on a page, in print and in a PDF.

No JavaScript and no chart library: a chart is a few rectangles and texts, written here so it
also renders in WeasyPrint. Colours are attributes, not CSS, for the same reason. Every text
that comes from data (a name) is escaped, so the markup is safe to embed with ``|safe``.
Numbers are written the Dutch way (1.659,00).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape

from babel.numbers import format_decimal

LOCALE = "nl_NL"
FONT = 'font-family="system-ui, sans-serif" font-size="11"'
#: Colours of a saldo by status (as the overview's table: over, onder, neutral).
SALDO_COLOURS = {"over": "#b3261e", "onder": "#8a5a00", "": "#1c7c4a"}
INK, MUTED, LINE = "#1d2433", "#5b6475", "#d9dee7"

#: What fills a jaartaak, in the order of cao-vo.md section 8, with label and colour.
VULLING = (
    ("lesgebonden", "Lesgebonden tijd", "#1f5fa8"),
    ("ontwikkeltijd", "Ontwikkeltijd", "#4f8fcf"),
    ("professionalisering", "Professionalisering", "#8db8e3"),
    ("ast", "Algemene schooltaken", "#6a5acd"),
    ("pb_werkdruk", "Persoonlijk budget (lichtere taak)", "#a894e0"),
    ("taken", "Taken", "#d9962b"),
)
RUIMTE_COLOUR, OVER_COLOUR = "#cfe8d8", "#b3261e"


def uren(value: Decimal) -> str:
    """Hours as the pages write them: ``1.659,00``."""
    return format_decimal(value, format="#,##0.00", locale=LOCALE)


def _text(
    x: Decimal | int, y: Decimal | int, content: str, anchor: str = "start", fill: str = INK
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}">'
        f"{escape(content)}</text>"
    )


def _rect(
    x: Decimal | int, y: Decimal | int, width: Decimal | int, height: int, fill: str, tip: str
) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" '
        f'fill="{fill}"><title>{escape(tip)}</title></rect>'
    )


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT} '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _shorten(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


@dataclass(frozen=True)
class Bar:
    """One bar of :func:`saldo_bars_svg`: a label, an amount (None: not computed), a status."""

    label: str
    value: Decimal | None
    status: str = ""


def saldo_bars_svg(bars: Sequence[Bar], title: str = "Saldo per medewerker") -> str:
    """A horizontal bar per employee around a zero line: left of it overbelast, right room.

    The bars keep the order given (the table's order), so chart and table read alike.
    """
    width, label_width, value_width, row, bar = 720, 190, 80, 16, 11
    left, right = label_width, width - value_width
    values = [b.value for b in bars if b.value is not None]
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    span = (high - low) or Decimal(1)

    def x(amount: Decimal) -> Decimal:
        return left + (amount - low) / span * (right - left)

    zero = x(Decimal(0))
    top = 6
    body: list[str] = []
    for index, item in enumerate(bars):
        y = top + index * row
        body.append(_text(label_width - 6, y + bar - 1, _shorten(item.label), "end"))
        if item.value is None:
            body.append(_text(width - 4, y + bar - 1, "–", "end", MUTED))
            continue
        tip = f"{item.label}: {uren(item.value)} uur"
        start, end = sorted((zero, x(item.value)))
        body.append(_rect(start, y, end - start, bar, SALDO_COLOURS.get(item.status, INK), tip))
        body.append(_text(width - 4, y + bar - 1, uren(item.value), "end"))
    bottom = top + len(bars) * row
    body.append(
        f'<line x1="{zero:.1f}" y1="{top - 3}" x2="{zero:.1f}" y2="{bottom + 2}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    body.append(_text(zero, bottom + 13, "0", "middle", MUTED))
    if low < 0:
        body.append(_text(left, bottom + 27, f"← overbelast (tot {uren(low)})", "start", MUTED))
    if high > 0:
        body.append(_text(right, bottom + 27, f"ruimte (tot {uren(high)}) →", "end", MUTED))
    return _svg(width, bottom + 33, title, body)


def _amount(value) -> Decimal | None:
    """A total as the engine gives it (Quantity), as text (the JSON contract) or a Decimal."""
    value = getattr(value, "amount", value)
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def jaartaak_bar_svg(totals: Mapping) -> str:
    """One stacked bar: how the netto jaartaak is filled, with the saldo as room or overload.

    A line marks the netto jaartaak; what lies beyond it is overload. Returns "" when the
    totals hold no netto jaartaak (the engine refused the scenario), so a page can skip it.
    """
    netto = _amount(totals.get("netto_jaartaak"))
    if netto is None:
        return ""
    parts = [
        (key, label, colour, _amount(totals.get(key)) or Decimal(0))
        for key, label, colour in VULLING
    ]
    used = sum((max(amount, Decimal(0)) for *_rest, amount in parts), Decimal(0))
    saldo = _amount(totals.get("saldo"))
    saldo = netto - used if saldo is None else saldo
    width, margin, bar_y, bar_h, row = 640, 10, 22, 28, 16
    scale = max(netto, used) or Decimal(1)

    def x(amount: Decimal) -> Decimal:
        return margin + amount / scale * (width - 2 * margin)

    body: list[str] = []
    position = Decimal(0)
    legend = []
    for _key, label, colour, amount in parts:
        shown = max(amount, Decimal(0))
        tip = f"{label}: {uren(amount)} uur"
        if shown:
            body.append(
                _rect(x(position), bar_y, x(position + shown) - x(position), bar_h, colour, tip)
            )
        position += shown
        legend.append((colour, f"{label}: {uren(amount)} uur"))
    if saldo > 0:
        tip = f"Ruimte (saldo): {uren(saldo)} uur"
        body.append(_rect(x(used), bar_y, x(netto) - x(used), bar_h, RUIMTE_COLOUR, tip))
        legend.append((RUIMTE_COLOUR, f"Ruimte (saldo): {uren(saldo)} uur"))
    elif saldo < 0:
        tip = f"Overbelast (saldo): {uren(saldo)} uur"
        body.append(
            f'<rect x="{x(netto):.1f}" y="{bar_y - 3}" width="{x(used) - x(netto):.1f}" '
            f'height="{bar_h + 6}" fill="none" stroke="{OVER_COLOUR}" stroke-width="2">'
            f"<title>{escape(tip)}</title></rect>"
        )
        legend.append((OVER_COLOUR, f"Overbelast (saldo): {uren(saldo)} uur"))
    else:
        legend.append((LINE, "Saldo: 0,00 uur (precies gevuld)"))
    marker = x(netto)
    body.append(
        f'<line x1="{marker:.1f}" y1="{bar_y - 6}" x2="{marker:.1f}" y2="{bar_y + bar_h + 6}" '
        f'stroke="{INK}" stroke-width="2"/>'
    )
    anchor = "end" if marker > width / 2 else "start"
    body.append(_text(marker, bar_y - 9, f"netto jaartaak {uren(netto)} uur", anchor))
    top = bar_y + bar_h + 20
    for index, (colour, text) in enumerate(legend):
        y = top + index * row
        body.append(f'<rect x="{margin}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        body.append(_text(margin + 16, y, text))
    height = top + len(legend) * row
    return _svg(width, height, "Zo is de jaartaak gevuld", body)


def _euro(value: Decimal) -> str:
    return "€ " + uren(value)


def tranches_timeline_svg(tranches: Sequence, today) -> str:
    """The savings pots over time: a bar per tranche from the day it was saved to the day it
    changes (converts to money, lapses), with "vandaag" marked. A tranche without such a day
    runs to the right edge, lighter. Returns "" without tranches."""
    if not tranches:
        return ""
    first = min(t.since.year for t in tranches)
    last = max([today.year + 1, *(t.next_day.year for t in tranches if t.next_day)]) + 1
    width, label_width, row, bar, top = 720, 250, 24, 14, 22
    left, right = label_width, width - 10

    def x(day) -> float:
        years = day.year - first + (day.timetuple().tm_yday - 1) / 366
        return left + years / (last - first) * (right - left)

    body: list[str] = []
    for year in range(first, last + 1):
        at = left + (year - first) / (last - first) * (right - left)
        body.append(
            f'<line x1="{at:.1f}" y1="{top - 6}" x2="{at:.1f}" '
            f'y2="{top + len(tranches) * row}" stroke="{LINE}" stroke-width="1"/>'
        )
        body.append(_text(at, top - 9, str(year), "middle", MUTED))
    for index, tranche in enumerate(tranches):
        y = top + index * row + 4
        amount = _euro(tranche.amount) if tranche.unit.value == "eur" else uren(tranche.amount)
        unit = "" if tranche.unit.value == "eur" else " uur"
        body.append(_text(label_width - 6, y + bar - 3, _shorten(f"{tranche.label}", 38), "end"))
        start = x(tranche.since)
        end = x(tranche.next_day) if tranche.next_day else right
        colour = "#1f5fa8" if tranche.next_day else "#8db8e3"
        tip = f"{tranche.label}: {amount}{unit}; {tranche.next_step}"
        body.append(_rect(start, y, end - start, bar, colour, tip))
        body.append(_text(start + 4, y + bar - 3, f"{amount}{unit}", "start", "#ffffff"))
        if tranche.next_day:
            body.append(
                f'<circle cx="{end:.1f}" cy="{y + bar / 2:.1f}" r="5" fill="{OVER_COLOUR}">'
                f"<title>{escape(tranche.next_step)}</title></circle>"
            )
    bottom = top + len(tranches) * row
    now = x(today)
    body.append(
        f'<line x1="{now:.1f}" y1="{top - 6}" x2="{now:.1f}" y2="{bottom + 2}" '
        f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )
    body.append(_text(now, bottom + 14, "vandaag", "middle", INK))
    return _svg(width, bottom + 20, "Spaarpotten in de tijd", body)


#: Colours of the pots in :func:`pots_over_year_svg`, in the order the pots come.
POT_COLOURS = ("#1f5fa8", "#d9962b", "#1c7c4a", "#6a5acd")
SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def pots_over_year_svg(overzicht) -> str:
    """The pots' month-end balances over the year: one line per pot, a dot per month, the
    amount in each dot's tooltip. Returns "" without months."""
    if overzicht is None or not overzicht.months:
        return ""
    width, height, left, right, top, bottom = 760, 240, 70, 230, 14, 32
    months = overzicht.months
    highest = max([Decimal(1), *(v for m in months for v in m.stand.values())])
    span_x = Decimal(width - left - right) / max(len(months) - 1, 1)

    def y(amount: Decimal) -> Decimal:
        """Screen position of an amount: the money stays a Decimal all the way to the SVG."""
        return top + (1 - max(amount, Decimal(0)) / highest) * (height - top - bottom)

    body: list[str] = []
    for fraction in (Decimal(0), Decimal("0.5"), Decimal(1)):
        level = y(highest * fraction)
        body.append(
            f'<line x1="{left}" y1="{level:.1f}" x2="{width - right}" y2="{level:.1f}" '
            f'stroke="{LINE}" stroke-width="1"/>'
        )
        body.append(_text(left - 6, level + 4, _euro(highest * fraction), "end", MUTED))
    for index, month in enumerate(months):
        body.append(
            _text(left + index * span_x, height - 12, SHORT_MONTHS[month.month.month - 1], "middle")
        )
    for number, pot in enumerate(overzicht.pots):
        colour = POT_COLOURS[number % len(POT_COLOURS)]
        points = [(left + i * span_x, y(m.stand[pot.key])) for i, m in enumerate(months)]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (px, py), month in zip(points, months, strict=True):
            tip = f"{pot.label}, eind {SHORT_MONTHS[month.month.month - 1]}: " + _euro(
                month.stand[pot.key]
            )
            body.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(tip)}</title></circle>"
            )
        legend_y = top + 10 + number * 18
        body.append(_rect(width - right + 12, legend_y - 9, 12, 10, colour, pot.label))
        body.append(_text(width - right + 28, legend_y, _shorten(pot.label, 32)))
    return _svg(width, height, "Stand van de reserves aan het eind van elke maand", body)
