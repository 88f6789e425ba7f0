"""The staff import on CSV and XLSX: the example files, every kind of bad row, re-importing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jaartaak.models import Appointment, Employee, Organisation, School, Schooljaar
from jaartaak.services.accounts import create_user
from jaartaak.services.errors import Refused
from jaartaak.services.imports.personeel import STAFF_IMPORTER
from jaartaak.services.imports.table import FileRefused
from jaartaak.services.imports.upload import Target, apply_import, keep_upload, preview_import

from support import DEMO_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"
HEADER = (
    "code;voornaam;tussenvoegsel;achternaam;geboortedatum;categorie;schaal;salaris;fte;"
    "begin;einde;soort;sectie"
)
GOOD = "BRS;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;1;01-08-2014;;regulier;Talen"


@pytest.fixture
def board(database):
    """A board with two schools and a schooljaar; returns the ids."""
    with database.session() as session:
        organisation = Organisation(name="Stichting Proef")
        baken = School(organisation=organisation, name="Het Baken")
        horizon = School(organisation=organisation, name="De Horizon")
        year = Schooljaar(
            organisation=organisation,
            code="2026-2027",
            start=date(2026, 8, 1),
            end_date=date(2027, 7, 31),
        )
        session.add_all([organisation, baken, horizon, year])
        user = create_user(
            session,
            "planner-proef",
            DEMO_PASSWORD,
            display_name="Planner",
            organisation=organisation,
        )
        session.flush()
        return {"baken": baken.id, "horizon": horizon.id, "jaar": year.id, "user": user.id}


def _target(session, board, school: str = "baken") -> Target:
    return Target(session.get(School, board[school]), session.get(Schooljaar, board["jaar"]))


def _preview(session, board, data: bytes, filename: str = "personeel.csv", school="baken"):
    return preview_import(session, STAFF_IMPORTER, _target(session, board, school), filename, data)


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _import(database, board, data: bytes, filename: str = "personeel.csv") -> None:
    with database.session() as session:
        preview = _preview(session, board, data, filename)
        assert not preview.problems, [str(p) for p in preview.problems]
        STAFF_IMPORTER.apply(session, _target(session, board), preview)


def _employees(session) -> dict[str, Employee]:
    return {e.code: e for e in session.scalars(select(Employee))}


@pytest.mark.parametrize("filename", ["personeel.csv", "personeel.xlsx"])
def test_the_example_files_import_as_eight_employees(database, board, filename):
    data = (EXAMPLES / filename).read_bytes()
    with database.session() as session:
        preview = _preview(session, board, data, filename)
        assert not preview.problems
        assert [row.action for row in preview.rows] == ["nieuw"] * 9
        assert preview.rows[0].cells[:6] == [
            "BRS",
            "Sanne Brouwers",
            "OP",
            "LC",
            "4932,00",
            "1,0000",
        ]
        STAFF_IMPORTER.apply(session, _target(session, board), preview)
    with database.session() as session:
        people = _employees(session)
        assert sorted(people) == ["BRS", "DJK", "EYL", "HVM", "KDB", "MVS", "PTR", "TVD"]
        assert {e.school_id for e in people.values()} == {board["baken"]}
        jong = people["DJK"]
        assert (jong.tussenvoegsel, jong.last_name, jong.sectie) == ("de", "Jong", "Bètavakken")
        assert jong.birth_date == date(1979, 11, 2)
        assert jong.fulltime_monthly_salary == Decimal("5822.00")
        assert [(a.fte, a.kind) for a in jong.appointments] == [(Decimal("0.8000"), "regulier")]
        assert people["PTR"].category == "OOP" and people["PTR"].salary_scale == "8"
        visscher = people["MVS"].appointments
        assert [(a.start, a.end_date, a.fte, a.kind) for a in visscher] == [
            (date(2016, 8, 1), None, Decimal("0.6000"), "regulier"),
            (date(2026, 8, 1), date(2027, 1, 31), Decimal("0.2000"), "vervanging"),
        ]


def test_csv_and_xlsx_examples_hold_the_same_data(database, board):
    _import(database, board, (EXAMPLES / "personeel.csv").read_bytes())
    with database.session() as session:
        data = (EXAMPLES / "personeel.xlsx").read_bytes()
        preview = _preview(session, board, data, "personeel.xlsx")
        assert not preview.problems
        assert preview.counts() == {"nieuw": 0, "bijwerken": 0, "ongewijzigd": 9}


def test_reimport_updates_by_code_and_leaves_unlisted_appointments_alone(database, board):
    _import(database, board, (EXAMPLES / "personeel.csv").read_bytes())
    changed = _csv(
        "DJK;Jeroen;de;Jong;02-11-1979;OP;LE;6100,00;1;01-08-2010;;regulier;Bètavakken",
        "BRS;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;1;01-08-2014;31-07-2027;regulier;Talen",
        "BRS;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;0,5;01-08-2027;;regulier;Talen",
        "HVM;Hanneke;van;Meurs;21-05-1963;OP;LD;6213,00;1;01-08-1995;;regulier;"
        "Mens en maatschappij",
        "NWE;Noor;;Willems;01-01-2000;OP;LB;3900,00;0,4;01-08-2026;;vervanging;",
    )
    with database.session() as session:
        preview = _preview(session, board, changed)
        assert not preview.problems
        actions = {
            (row.cells[0], row.cells[6]): (row.action, row.cells[-1]) for row in preview.rows
        }
        assert actions == {
            ("DJK", "01-08-2010"): (
                "bijwerken",
                "schaal LD → LE; salaris 5822,00 → 6100,00; fte 0,8000 → 1,0000",
            ),
            ("BRS", "01-08-2014"): ("bijwerken", "einde leeg → 31-07-2027"),
            ("BRS", "01-08-2027"): ("nieuw", "nieuwe aanstelling"),
            ("HVM", "01-08-1995"): ("ongewijzigd", ""),
            ("NWE", "01-08-2026"): ("nieuw", "nieuwe medewerker"),
        }
        STAFF_IMPORTER.apply(session, _target(session, board), preview)
    with database.session() as session:
        people = _employees(session)
        assert len(people) == 9
        jong = people["DJK"]
        assert (jong.salary_scale, jong.fulltime_monthly_salary) == ("LE", Decimal("6100.00"))
        assert [a.fte for a in jong.appointments] == [Decimal("1.0000")]
        assert [(a.start, a.end_date) for a in people["BRS"].appointments] == [
            (date(2014, 8, 1), date(2027, 7, 31)),
            (date(2027, 8, 1), None),
        ]
        # Not in the file: left as they were, not removed.
        assert len(people["MVS"].appointments) == 2
        assert people["KDB"].appointments[0].fte == Decimal("1.0000")


BAD_ROWS = [
    # (row text, column, words in the message)
    ("AB C;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;1;01-08-2014;;;", "code", "spaties"),
    ("TEEEEEEEEEEEEEEEEEEEN;Sanne;;B;14-03-1988;OP;LC;1;1;01-08-2014;;;", "code", "20 tekens"),
    ("A01;;;Brouwers;14-03-1988;OP;LC;4932,00;1;01-08-2014;;;", "voornaam", "leeg"),
    ("A02;Sanne;;;14-03-1988;OP;LC;4932,00;1;01-08-2014;;;", "achternaam", "leeg"),
    ("A03;Sanne;;Brouwers;31-02-1988;OP;LC;4932,00;1;01-08-2014;;;", "geboortedatum", "geen"),
    ("A04;Sanne;;Brouwers;01-01-1900;OP;LC;4932,00;1;01-08-2014;;;", "geboortedatum", "1920"),
    ("A05;Sanne;;Brouwers;01-09-2012;OP;LC;4932,00;1;01-08-2026;;;", "geboortedatum", "15 jaar"),
    ("A06;Sanne;;Brouwers;14-03-1988;docent;LC;4932,00;1;01-08-2014;;;", "categorie", "OP, OOP"),
    ("A07;Sanne;;Brouwers;14-03-1988;OP;LF;4932,00;1;01-08-2014;;;", "schaal", "LF"),
    ("A08;Sanne;;Brouwers;14-03-1988;OP;19;4932,00;1;01-08-2014;;;", "schaal", "1 tot en met 18"),
    ("A09;Sanne;;Brouwers;14-03-1988;OP;LC;4.932,00;1;01-08-2014;;;", "salaris", "geen getal"),
    ("A10;Sanne;;Brouwers;14-03-1988;OP;LC;-10;1;01-08-2014;;;", "salaris", "kleiner"),
    ("A11;Sanne;;Brouwers;14-03-1988;OP;LC;4932,005;1;01-08-2014;;;", "salaris", "2 decimalen"),
    ("A12;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;1,2;01-08-2014;;;", "fte", "groter"),
    ("A13;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;0;01-08-2014;;;", "fte", "groter dan 0"),
    ("A14;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;0,12345;01-08-2014;;;", "fte", "4 decimalen"),
    ("A15;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;1;;;;", "begin", "leeg"),
    ("A16;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;1;01-08-2014;31-07-2014;;", "einde", "vóór"),
    ("A17;Sanne;;Brouwers;14-03-1988;OP;LC;4932,00;1;01-08-2014;;tijdelijk;", "soort", "regulier"),
]


def test_every_bad_row_is_named_by_row_and_column_and_nothing_is_imported(database, board):
    rows = [GOOD] + [text for text, _column, _words in BAD_ROWS]
    data = _csv(*rows)
    with database.session() as session:
        preview = _preview(session, board, data)
        found = [(p.row, p.column, p.message) for p in preview.problems]
        expected = [(number, column) for number, (_t, column, _w) in enumerate(BAD_ROWS, start=3)]
        assert [(row, column) for row, column, _message in found] == expected
        for (_row, _column, message), (_text, _c, words) in zip(found, BAD_ROWS, strict=True):
            assert words in message
        assert [row.number for row in preview.rows] == [2]  # only the good row can be previewed
        stored = keep_upload(session, board["user"], "personeel.csv", data)
        file_id = stored.id
    with database.session() as session:
        target = _target(session, board)
        with pytest.raises(Refused, match="niets geïmporteerd"):
            apply_import(session, STAFF_IMPORTER, target, board["user"], file_id)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Employee)) == 0
        assert session.scalar(select(func.count()).select_from(Appointment)) == 0


def test_rows_of_one_code_must_describe_the_same_person(database, board):
    data = _csv(
        GOOD,
        "BRS;Sanne;;Brouwer;14-03-1988;OP;LC;4932,00;0,5;01-08-2026;;vervanging;Talen",
        "BRS;Sanne;;Brouwers;14-03-1988;OP;LD;4932,00;0,2;01-08-2014;;regulier;Talen",
    )
    with database.session() as session:
        problems = [(p.row, p.column, p.message) for p in _preview(session, board, data).problems]
    assert problems == [
        (
            3,
            "achternaam",
            "Brouwer wijkt af van rij 2 (Brouwers); rijen met code BRS zijn aanstellingen van "
            "één medewerker.",
        ),
        (
            4,
            "begin",
            "Code BRS heeft in rij 2 al een aanstelling die begint op 01-08-2014; "
            "één rij per aanstelling.",
        ),
        (
            4,
            "schaal",
            "LD wijkt af van rij 2 (LC); rijen met code BRS zijn aanstellingen van één medewerker.",
        ),
    ]


def test_a_code_of_another_school_is_a_problem_not_a_move(database, board):
    with database.session() as session:
        horizon = session.get(School, board["horizon"])
        session.add(
            Employee(
                organisation_id=horizon.organisation_id,
                school=horizon,
                code="BRS",
                first_name="Bas",
                last_name="Rozendaal",
                birth_date=date(1970, 1, 1),
                category="OP",
                salary_scale="LD",
                fulltime_monthly_salary=Decimal("5000.00"),
            )
        )
    with database.session() as session:
        problems = list(_preview(session, board, _csv(GOOD.replace("BRS", "brs"))).problems)
        assert [(p.row, p.column) for p in problems] == [(2, "code")]
        assert "De Horizon" in problems[0].message and "verplaatst niemand" in problems[0].message
        # The same file imported at De Horizon is an update of that employee.
        preview = _preview(session, board, _csv(GOOD), school="horizon")
        assert not preview.problems and preview.rows[0].action == "nieuw"
        assert "voornaam Bas → Sanne" in preview.rows[0].cells[-1]


def test_a_birth_date_that_makes_a_kept_appointment_too_young_is_a_problem(database, board):
    _import(database, board, _csv(GOOD))
    later = "BRS;Sanne;;Brouwers;14-03-2000;OP;LC;4932,00;1;01-08-2026;;regulier;Talen"
    with database.session() as session:
        problems = list(_preview(session, board, _csv(later)).problems)
    assert [(p.row, p.column) for p in problems] == [(2, "geboortedatum")]
    assert "01-08-2014" in problems[0].message


def test_a_file_without_a_required_column_is_refused_with_the_header_row(database, board):
    data = b"code;voornaam;achternaam\nBRS;Sanne;Brouwers\n"
    with database.session() as session, pytest.raises(FileRefused, match="Rij 1") as refused:
        _preview(session, board, data)
    assert "geboortedatum" in str(refused.value)
