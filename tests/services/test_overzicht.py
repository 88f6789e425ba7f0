"""The school overview: rows from the engine, sorting, filtering, totals and the XLSX export."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jaartaak.models import Employee, Schooljaar
from jaartaak.services import staff
from jaartaak.services.overzicht import Keuze, Rij, overzicht, sort_rows, xlsx_bytes

from support_overzicht import EVIL_NAME, EVIL_SECTIE, build_overzicht_school


@pytest.fixture
def school(database, app):
    """(session, ids, compute): ``compute(**args)`` gives the overview for query arguments."""
    registry = app.extensions["jaartaak"].schemes
    with database.session() as session:
        ids = build_overzicht_school(session)

        def compute(**args):
            people = staff.employees(session, [ids["school"]])
            year = session.get(Schooljaar, ids["schooljaar"])
            return overzicht(session, people, year, registry, Keuze.from_args(args))

        yield session, ids, compute


def _by_code(data) -> dict[str, Rij]:
    return {row.code: row for row in data.rows}


def test_rows_carry_the_hand_computed_balance(school):
    _session, ids, compute = school
    rows = _by_code(compute())
    doc1, doc2, oop1 = rows["DOC1"], rows["DOC2"], rows["OOP1"]
    assert (doc1.employee_id, doc1.naam, doc1.sectie, doc1.categorie) == (
        ids["DOC1"],
        "Bakker, Anna",
        "Bèta",
        "OP",
    )
    assert (doc1.werktijdfactor, doc1.netto_jaartaak, doc1.lesgebonden, doc1.taken) == (
        Decimal("1.0000"),
        Decimal("1659.00"),
        Decimal("945.00"),
        Decimal("60.00"),
    )
    assert doc1.saldo == Decimal("431.00") and doc1.status == "onder"
    assert [(m.code, m.kort) for m in doc1.waarschuwingen] == [
        ("pb.niet-toegewezen", "pb niet helemaal gekozen")
    ]
    assert doc1.waarschuwingen[0].tekst.startswith("90,00 uur van het persoonlijk budget")

    assert doc2.naam == "Vries, Bas de"
    assert (doc2.netto_jaartaak, doc2.lesgebonden, doc2.taken, doc2.saldo) == (
        Decimal("829.50"),
        Decimal("850.50"),
        Decimal("0.00"),
        Decimal("-132.50"),
    )
    assert doc2.status == "over" and doc2.overbelast
    assert [m.kort for m in doc2.waarschuwingen] == ["lestaak boven maximum", "overbelast"]

    assert (oop1.werktijdfactor, oop1.netto_jaartaak, oop1.taken, oop1.saldo) == (
        Decimal("0.8000"),
        Decimal("1327.20"),
        Decimal("1180.00"),
        Decimal("3.20"),
    )
    assert oop1.status == "" and oop1.waarschuwingen == () and oop1.fouten == ()


def test_an_invalid_choice_is_shown_as_an_error_not_a_crash(school):
    _session, _ids, compute = school
    bad = _by_code(compute())["BAD1"]
    assert [m.code for m in bad.fouten] == ["pb.te-veel-uren"]
    assert bad.fouten[0].kort.startswith("Ongeldige keuze: Er zijn 200,00 uur besteed")
    assert bad.netto_jaartaak == Decimal("1459.00")  # the engine still explains the year


def test_the_onder_threshold_is_two_percent_of_the_netto_jaartaak():
    def row(saldo: str) -> Rij:
        return Rij(1, "X", "X", "", "OP", None, Decimal("1000.00"), None, None, Decimal(saldo))

    assert [row(s).status for s in ("-0.01", "0.00", "20.00", "20.01")] == [
        "over",
        "",
        "",
        "onder",
    ]
    assert Rij(1, "X", "X", "", "OP", None, None, None, None, None).status == ""


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ({}, ["BAD1", "DOC1", "OOP1", "DOC2"]),  # "=HYPERLINK…" sorts before letters
        ({"sorteer": "naam", "richting": "af"}, ["DOC2", "OOP1", "DOC1", "BAD1"]),
        ({"sorteer": "saldo"}, ["DOC2", "OOP1", "DOC1", "BAD1"]),
        ({"sorteer": "saldo", "richting": "af"}, ["BAD1", "DOC1", "OOP1", "DOC2"]),
        ({"sorteer": "code"}, ["BAD1", "DOC1", "DOC2", "OOP1"]),
        ({"sorteer": "lesgebonden", "richting": "af"}, ["DOC1", "DOC2", "BAD1", "OOP1"]),
        ({"sorteer": "categorie", "richting": "af"}, ["BAD1", "DOC1", "DOC2", "OOP1"]),  # OP > OOP
        ({"sorteer": "sectie"}, ["BAD1", "DOC1", "OOP1", "DOC2"]),
        ({"sorteer": "wtf"}, ["DOC2", "OOP1", "BAD1", "DOC1"]),
        ({"sorteer": "DROP TABLE", "richting": "zijwaarts"}, ["BAD1", "DOC1", "OOP1", "DOC2"]),
    ],
)
def test_sorting(school, args, codes):
    _session, _ids, compute = school
    assert [row.code for row in compute(**args).rows] == codes


def test_rows_without_a_value_sort_last_in_both_directions():
    def row(code: str, saldo: str | None) -> Rij:
        amount = Decimal(saldo) if saldo else None
        return Rij(1, code, code, "", "OP", None, None, None, None, amount)

    rows = [row("A", None), row("B", "5"), row("C", "-5")]
    assert [r.code for r in sort_rows(rows, "saldo")] == ["C", "B", "A"]
    assert [r.code for r in sort_rows(rows, "saldo", aflopend=True)] == ["B", "C", "A"]


def test_filters_and_totals(school):
    _session, _ids, compute = school
    everyone = compute()
    assert everyone.aantal_school == 4 and everyone.totalen.aantal == 4
    assert everyone.secties == [EVIL_SECTIE, "Bèta", "Ondersteuning", "Talen"]
    assert everyone.totalen.netto_jaartaak == Decimal("5274.70")  # 1659 + 829,50 + 1327,20 + 1459
    assert everyone.totalen.werktijdfactor == Decimal("3.3000")

    oop = compute(categorie="OOP")
    assert [r.code for r in oop.rows] == ["OOP1"]
    assert (oop.totalen.aantal, oop.totalen.saldo, oop.aantal_school) == (1, Decimal("3.20"), 4)
    assert oop.secties == everyone.secties  # the filter's choices do not shrink

    overbelast = compute(alleen="overbelast", sorteer="saldo")
    assert [r.code for r in overbelast.rows] == ["DOC2"]
    assert overbelast.totalen.saldo == Decimal("-132.50")
    assert overbelast.keuze.beschrijving == "alleen overbelast"

    talen = compute(sectie="Talen", categorie="OP")
    assert [r.code for r in talen.rows] == ["DOC2"]
    assert talen.keuze.beschrijving == "categorie OP, sectie Talen"
    assert compute(sectie="Geen zulke sectie").rows == []


def test_unknown_filter_values_are_ignored():
    keuze = Keuze.from_args({"categorie": "XYZ", "alleen": "iedereen", "sorteer": "saldo"})
    assert keuze == Keuze(sorteer="saldo")
    assert keuze.args() == {"sorteer": "saldo"}
    assert keuze.sorted_by("saldo") == {"sorteer": "saldo", "richting": "af"}
    assert keuze.sorted_by("naam") == {}


def test_xlsx_has_numbers_as_numbers_and_escaped_text(school):
    _session, _ids, compute = school
    data = compute(sorteer="code")
    book = load_workbook(io.BytesIO(xlsx_bytes(data, "=Som College", "2026-2027")))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Jaartaken =Som College, schooljaar 2026-2027"
    assert rows[1][:9] == (
        "Code",
        "Naam",
        "Sectie",
        "Categorie",
        "Werktijdfactor",
        "Netto jaartaak",
        "Lesgebonden",
        "Taken",
        "Saldo",
    )
    by_code = {row[0]: row for row in rows[2:6]}
    bad = by_code["BAD1"]
    assert bad[1] == "'" + EVIL_NAME + ", <Eva>" and bad[2] == "'" + EVIL_SECTIE
    assert bad[10].startswith("Ongeldige keuze: Er zijn 200,00 uur besteed")
    doc2 = by_code["DOC2"]
    assert doc2[4:9] == (0.5, 829.5, 850.5, 0, -132.5)
    assert doc2[9].startswith("De lestaak is 567,00 klokuren")
    doc1_cells = sheet[3 + [r[0] for r in rows[2:6]].index("DOC1")]
    assert doc1_cells[6].data_type == "n" and doc1_cells[6].value == 945
    assert doc1_cells[6].number_format == "#,##0.00"
    assert doc1_cells[4].number_format == "0.0000"
    assert rows[6][0] == "Totaal (4)" and rows[6][5] == pytest.approx(5274.7)
    assert len(rows) == 7


def test_xlsx_title_names_the_filter(school):
    _session, _ids, compute = school
    sheet = load_workbook(io.BytesIO(xlsx_bytes(compute(categorie="OOP"), "X", "2026-2027"))).active
    assert sheet["A1"].value == "Jaartaken X, schooljaar 2026-2027 (categorie OOP)"
    assert [c.value for c in sheet["A"]][2:] == ["OOP1", "Totaal (1)"]


def test_an_employee_of_another_school_is_not_in_the_overview(school, database):
    session, ids, compute = school
    other = build_overzicht_school(session, "Ander bestuur")
    session.flush()
    assert session.get(Employee, other["DOC1"]) is not None
    assert {r.employee_id for r in compute().rows} == {
        ids[c] for c in ("DOC1", "DOC2", "OOP1", "BAD1")
    }
