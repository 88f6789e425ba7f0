"""A scheme's declared options as form fields and back; two answers side by side."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jaartaak.domain.caovo.scheme import CaoVoScheme
from jaartaak.domain.periods import Month, SchooljaarPeriod
from jaartaak.domain.reading import Issue
from jaartaak.domain.results import Line, PayrollLine, Result, Unit
from jaartaak.domain.scheme import Option
from jaartaak.services import opties, vergelijking

FIELDS = opties.velden(CaoVoScheme().options())


def test_every_cao_vo_option_becomes_fields_in_declared_order():
    assert [veld.name for veld in FIELDS] == [
        "pb__reductie_lestaak",
        "pb__reductie_overige_taken",
        "pb__verlof",
        "pb__sparen",
        "pb__uitbetalen",
        "aanvulling_level",
        "aanvulling_mode",
        "opname__pb",
        "opname__senior",
    ]
    assert FIELDS[2].label == "Verlof" and FIELDS[2].item == "verlof" and FIELDS[2].is_number
    assert not FIELDS[5].is_number


def test_choices_round_trip_through_the_fields():
    choices = {
        "pb": [{"doel": "verlof", "hours": "30"}, {"doel": "verlof", "hours": "10.5"}],
        "aanvulling": {"level": 1, "mode": "sparen"},
        "opname": [{"pot": "senior", "hours": "12"}],
    }
    values = opties.waarden(FIELDS, choices)
    assert values["pb__verlof"] == Decimal("40.50")  # two entries for one doel are summed
    assert values["pb__sparen"] == Decimal("0.00")
    assert (values["aanvulling_level"], values["aanvulling_mode"]) == ("1", "sparen")
    assert opties.keuzes(FIELDS, values) == {
        "pb": [{"doel": "verlof", "hours": "40.50"}],
        "aanvulling": {"level": 1, "mode": "sparen"},
        "opname": [{"pot": "senior", "hours": "12.00"}],
    }


def test_an_absent_level_shows_its_lowest_step_chosen_and_other_choices_none():
    values = opties.waarden(FIELDS, {"pb": []})
    assert (values["aanvulling_level"], values["aanvulling_mode"]) == ("0", "")
    assert opties.keuzes(FIELDS, values)["aanvulling"] == {"level": 0}


def test_nested_list_and_scalar_options_are_written_at_their_path():
    options = [
        Option("scheme.geld", "Geld", "amount"),
        Option("scheme.producten", "Producten", "list", {"a": "A"}, item="product", amount="eur"),
    ]
    fields = opties.velden(options)
    values = {"scheme_geld": Decimal("12.5"), "scheme_producten__a": Decimal("3")}
    assert opties.keuzes(fields, values) == {
        "scheme": {"geld": "12.5", "producten": [{"product": "a", "eur": "3"}]}
    }
    assert fields[1].unit == "€"


def test_the_summary_names_what_was_chosen_and_hides_a_mode_without_level():
    chosen = opties.samenvatting(
        FIELDS,
        {"pb": [{"doel": "sparen", "hours": "8"}], "aanvulling": {"level": 0, "mode": "verlof"}},
    )
    assert [(veld.name, value) for veld, value in chosen] == [("pb__sparen", Decimal("8"))]
    chosen = opties.samenvatting(FIELDS, {"aanvulling": {"level": 2, "mode": "sparen"}})
    assert [value for _veld, value in chosen] == [
        "1e en 2e aanvulling",
        "sparen in de seniorenspaarpot",
    ]


def _result(lines, payroll=(), errors=()):
    result = Result(scheme="cao-vo", period=SchooljaarPeriod.containing(date(2026, 9, 1)))
    result.lines.extend(Line(k, k.upper(), Unit.HOURS, Decimal(a), "", "") for k, a in lines)
    result.payroll.extend(
        PayrollLine(Month(2026, m), code, Decimal(a), False, code) for m, code, a in payroll
    )
    result.errors.extend(Issue(code, None, code) for code in errors)
    return result


def test_lines_pair_up_by_key_and_occurrence():
    nu = _result([("les", "10"), ("les", "20"), ("oud", "5")])
    straks = _result([("les", "10"), ("les", "25"), ("nieuw", "7")])
    rows = vergelijking.regels(nu, straks)
    assert [(r.label, r.nu, r.straks, r.verschil, r.gewijzigd) for r in rows] == [
        ("LES", Decimal("10"), Decimal("10"), Decimal("0"), False),
        ("LES", Decimal("20"), Decimal("25"), Decimal("5"), True),
        ("NIEUW", None, Decimal("7"), Decimal("7"), True),
        ("OUD", Decimal("5"), None, Decimal("-5"), True),
    ]


def test_payroll_pairs_by_month_and_code_and_an_answer_with_errors_pays_nothing():
    nu = _result([], [(9, "x", "-10"), (10, "x", "-10")])
    straks = _result([], [(9, "x", "-15"), (8, "y", "100")])
    rows = [(r.month.month, r.label, r.nu, r.straks) for r in vergelijking.salaris(nu, straks)]
    assert rows == [
        (8, "y", Decimal("0"), Decimal("100")),
        (9, "x", Decimal("-10"), Decimal("-15")),
        (10, "x", Decimal("-10"), Decimal("0")),
    ]
    refused = _result([], [(9, "x", "-15")], errors=["pb.te-veel-uren"])
    assert [r.straks for r in vergelijking.salaris(nu, refused)] == [Decimal("0")] * 2
