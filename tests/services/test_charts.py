"""Server-side SVG charts: well-formed, one bar per employee, names escaped, Dutch numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from jaartaak.domain.results import Quantity, Unit
from jaartaak.services.charts import Bar, jaartaak_bar_svg, saldo_bars_svg

SVG = "{http://www.w3.org/2000/svg}"


def _tree(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # raises on anything that is not well-formed XML


def test_one_bar_per_employee_in_the_given_order_around_zero():
    bars = [
        Bar("Vries, Bas de", Decimal("-132.50"), "over"),
        Bar("Bakker, Anna", Decimal("431.00"), "onder"),
        Bar("Jansen, Carla", Decimal("3.20")),
    ]
    tree = _tree(saldo_bars_svg(bars))
    rects = tree.findall(f"{SVG}rect")
    assert [r.find(f"{SVG}title").text for r in rects] == [
        "Vries, Bas de: -132,50 uur",
        "Bakker, Anna: 431,00 uur",
        "Jansen, Carla: 3,20 uur",
    ]
    assert [r.get("fill") for r in rects] == ["#b3261e", "#8a5a00", "#1c7c4a"]
    zero = float(tree.find(f"{SVG}line").get("x1"))
    negative, positive, small = (float(r.get("x")) for r in rects)
    assert negative < zero and positive == small == zero  # left of zero is overload
    widths = [float(r.get("width")) for r in rects]
    assert widths[1] > widths[0] > widths[2] > 0  # 431 > 132,50 > 3,20
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert "-132,50" in texts and "431,00" in texts
    assert texts[0] == "Vries, Bas de"


def test_names_are_escaped_and_a_missing_saldo_has_no_bar():
    markup = saldo_bars_svg([Bar('<script>"x"</script>&Co', None), Bar("A", Decimal(1))])
    assert "<script>" not in markup
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;&amp;Co" in markup
    tree = _tree(markup)
    assert len(tree.findall(f"{SVG}rect")) == 1
    assert "–" in [t.text for t in tree.iter(f"{SVG}text")]


def test_long_names_are_shortened_in_the_chart_but_not_in_the_tooltip():
    name = "Achternaam-met-een-heel-lange-dubbele-naam, Voornaam"
    tree = _tree(saldo_bars_svg([Bar(name, Decimal("5"))]))
    label = next(tree.iter(f"{SVG}text")).text
    assert label.endswith("…") and len(label) == 30
    assert tree.find(f"{SVG}rect/{SVG}title").text == f"{name}: 5,00 uur"


def _hours(amount: str) -> Quantity:
    return Quantity(Decimal(amount), Unit.HOURS)


DOC1_TOTALS = {
    "netto_jaartaak": _hours("1659.00"),
    "lesgebonden": _hours("945.00"),
    "ontwikkeltijd": _hours("50.00"),
    "professionalisering": _hours("83.00"),
    "ast": _hours("0.00"),
    "pb_werkdruk": _hours("90.00"),
    "taken": _hours("60.00"),
    "saldo": _hours("431.00"),
}


def test_the_jaartaak_bar_shows_what_fills_the_year_and_the_room_left():
    tree = _tree(jaartaak_bar_svg(DOC1_TOTALS))
    bars = [r for r in tree.findall(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    segments = [r.find(f"{SVG}title").text for r in bars]
    assert segments == [
        "Lesgebonden tijd: 945,00 uur",
        "Ontwikkeltijd: 50,00 uur",
        "Professionalisering: 83,00 uur",
        "Persoonlijk budget (lichtere taak): 90,00 uur",  # ast 0 draws nothing
        "Taken: 60,00 uur",
        "Ruimte (saldo): 431,00 uur",
    ]
    texts = [t.text for t in tree.iter(f"{SVG}text")]
    assert "netto jaartaak 1.659,00 uur" in texts
    assert "Algemene schooltaken: 0,00 uur" in texts  # the legend lists every part
    # The filled parts and the room together span exactly up to the netto jaartaak line.
    end = float(bars[-1].get("x")) + float(bars[-1].get("width"))
    assert abs(end - float(tree.find(f"{SVG}line").get("x1"))) < 0.2


def test_an_overloaded_jaartaak_is_drawn_beyond_the_netto_line():
    totals = {
        "netto_jaartaak": "829.50",  # the contract's JSON text works too
        "lesgebonden": "850.50",
        "ontwikkeltijd": "25.00",
        "professionalisering": "41.50",
        "ast": "0.00",
        "pb_werkdruk": "45.00",
        "taken": "0.00",
        "saldo": "-132.50",
    }
    tree = _tree(jaartaak_bar_svg(totals))
    marker = float(tree.find(f"{SVG}line").get("x1"))
    over = [r for r in tree.findall(f"{SVG}rect") if r.get("fill") == "none"]
    assert len(over) == 1 and float(over[0].get("x")) == marker
    assert over[0].find(f"{SVG}title").text == "Overbelast (saldo): -132,50 uur"
    assert marker < 640 - 10  # the line stands before the end: the overload lies beyond it


def test_no_bar_without_a_netto_jaartaak():
    assert jaartaak_bar_svg({}) == ""
    assert jaartaak_bar_svg({"netto_jaartaak": None, "saldo": _hours("1")}) == ""
