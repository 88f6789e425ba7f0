"""Stored engine results: found only for exactly the same input and code, never stale."""

from __future__ import annotations

import logging
import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import OperationalError

from jaartaak.code_digest import source_digest
from jaartaak.db import utcnow
from jaartaak.models import (
    TAAKBELEID_DEFAULTS,
    Appointment,
    Lesson,
    PbKeuze,
    Rekenuitkomst,
    School,
    Schooljaar,
    Taakbeleid,
)
from jaartaak.services import berekening, bronnen, staff, uitkomsten

from support import new_employee, new_schooljaar
from support_overzicht import build_overzicht_school


@pytest.fixture
def registry(app):
    return app.extensions["jaartaak"].schemes


def _stored_count(session) -> int:
    return session.scalar(select(func.count()).select_from(Rekenuitkomst))


def _school_years(session):
    for school in session.scalars(select(School).order_by(School.id)):
        people = staff.employees(session, [school.id])
        for year in session.scalars(
            select(Schooljaar).where(Schooljaar.organisation_id == school.organisation_id)
        ):
            yield people, year


def test_the_overview_reads_the_same_input_as_the_employee_page(database, demo):
    """Rows as JSON texts (the overview) and ORM objects (one employee) give equal Invoer.

    The demo has lessons with a per-vak opslagfactor, tasks and choices; one lesson without a
    groep is added.
    """
    with database.session() as session:
        someone = session.scalar(select(Lesson).limit(1))
        session.add(
            Lesson(
                employee_id=someone.employee_id,
                schooljaar_id=someone.schooljaar_id,
                vak="drama",
                groep="",
                lesuren_per_week=Decimal("1.50"),
            )
        )
        session.flush()
        compared = []
        for people, year in _school_years(session):
            orm = berekening.load_facts(session, people, year)
            rows = bronnen.bronnen(session, people, year)
            for person in people:
                assert rows[person.id].invoer() == orm[person.id].invoer, person.code
                compared.append(orm[person.id].invoer)
        assert len(compared) > 60
        # What was compared includes lessons with a per-vak opslag and without a groep.
        lessen = [les for invoer in compared for les in invoer.lessen]
        assert {les[3] for les in lessen} - {None}
        assert ("drama", "", Decimal("1.50"), None) in lessen


def test_the_scenarios_read_as_rows_equal_those_of_the_employee_page(database, demo, registry):
    """The payroll month and settling read a board as rows (:func:`bronnen.scenarios`); the
    scenarios, history of earlier years included, are exactly those one employee's page gets."""
    with database.session() as session:
        with_history = 0
        for people, year in _school_years(session):
            fresh = berekening.bereken(session, people, year, registry)
            rows = {p.id: data for p, data in bronnen.scenarios(session, people, year, registry)}
            assert rows == {p.id: fresh[p.id].scenario for p in people}
            with_history += sum(1 for data in rows.values() if data["history"])
        assert with_history  # the demo has savings and aanvullingen from earlier years


def test_stored_summaries_equal_the_engines_answers(database, demo, registry):
    with database.session() as session:
        for people, year in _school_years(session):
            fresh = berekening.bereken(session, people, year, registry)
            expected = {p.id: uitkomsten.Samenvatting.of(fresh[p.id].result) for p in people}
            assert uitkomsten.samenvattingen(session, people, year, registry) == expected
            stored = _stored_count(session)
            # The second time every summary comes from the database, and nothing is added.
            assert uitkomsten.samenvattingen(session, people, year, registry) == expected
            assert _stored_count(session) == stored
        assert any(s.warnings for s in expected.values()) or any(
            s.errors for s in expected.values()
        )


def test_a_changed_fact_is_computed_afresh(database, registry):
    with database.session() as session:
        ids = build_overzicht_school(session)
        session.commit()
        year = session.get(Schooljaar, ids["schooljaar"])
        people = staff.employees(session, [ids["school"]], with_appointments=False)
        before = uitkomsten.samenvattingen(session, people, year, registry)
        assert before[ids["DOC1"]].totals["saldo"] == Decimal("431.00")
        stored = _stored_count(session)

        lesson = session.scalar(select(Lesson).where(Lesson.employee_id == ids["DOC1"]))
        lesson.lesuren_per_week -= 1  # 1 × 50/60 × 37,8 × 1,5 = 47,25 hours less
        session.commit()
        after = uitkomsten.samenvattingen(session, people, year, registry)
        assert after[ids["DOC1"]].totals["saldo"] == Decimal("478.25")
        assert after[ids["DOC2"]] == before[ids["DOC2"]]
        assert _stored_count(session) == stored + 1


def test_a_change_in_an_earlier_year_reaches_the_key(database, registry):
    """Hours taken from savings depend on what was saved the year before."""
    with database.session() as session:
        person = new_employee(session, "S1")
        person.appointments = [Appointment(start=date(2010, 8, 1), fte=Decimal("1"))]
        first, second = (new_schooljaar(session, person.organisation, y) for y in (2024, 2025))
        saved = PbKeuze(employee=person, schooljaar=first, sparen=Decimal("40"))
        session.add(saved)
        session.add(PbKeuze(employee=person, schooljaar=second, opname_pb=Decimal("30")))
        session.commit()
        assert not uitkomsten.samenvattingen(session, [person], second, registry)[person.id].errors

        saved.sparen = Decimal("20")
        session.commit()
        summary = uitkomsten.samenvattingen(session, [person], second, registry)[person.id]
        assert [issue.code for issue in summary.errors] == ["opname.saldo-onvoldoende"]


def test_a_new_taakbeleid_version_reaches_the_key(database, registry):
    with database.session() as session:
        ids = build_overzicht_school(session)
        session.commit()
        year = session.get(Schooljaar, ids["schooljaar"])
        people = staff.employees(session, [ids["school"]])
        summary = uitkomsten.samenvattingen(session, people, year, registry)[ids["DOC1"]]
        assert summary.totals["saldo"] == Decimal("431.00")
        session.add(
            Taakbeleid(
                school_id=ids["school"],
                schooljaar=year,
                number=2,
                ingangsdatum=date(2026, 10, 1),
                opslag_per_vak={"Wiskunde": "0.6000"},
                **TAAKBELEID_DEFAULTS,
            )
        )
        session.commit()
        summary = uitkomsten.samenvattingen(session, people, year, registry)[ids["DOC1"]]
        assert summary.totals["lesgebonden"] == Decimal("1008.00")  # 20 × 50/60 × 37,8 × 1,6
        assert summary.totals["saldo"] == Decimal("368.00")


def _bron() -> bronnen.Bron:
    return bronnen.Bron(
        period="2026-2027",
        persoon=(date(1980, 3, 1), "OP", "LC", Decimal("5000.00")),
        aanstellingen=((date(2015, 8, 1), None, Decimal("1.0000"), "regulier"),),
        lessen='[["wiskunde","3a","2.00"]]',
        taken='[["mentoraat","60.00"]]',
        keuze=None,
        beleid=berekening.GEEN_BELEID,
    )


@pytest.mark.parametrize(
    "change",
    [
        {"period": "2027-2028"},
        {"persoon": (date(1980, 3, 1), "OP", "LC", Decimal("5000.01"))},
        {"aanstellingen": ((date(2015, 8, 1), None, Decimal("0.9000"), "regulier"),)},
        {"lessen": '[["wiskunde","3a","2.10"]]'},
        {"taken": '[["mentoraat","60.00"],["roosteren","1.00"]]'},
        {"keuze": (Decimal("1.00"),) + (Decimal("0.00"),) * 4 + (0, "verlof") + (Decimal(0),) * 2},
    ],
)
def test_every_part_of_the_source_is_in_the_key(registry, change):
    bron = _bron()
    assert uitkomsten.sleutel(registry, bron, ()) != uitkomsten.sleutel(
        registry, bron._replace(**change), ()
    )
    assert uitkomsten.sleutel(registry, bron, ()) != uitkomsten.sleutel(
        registry, bron, (("2025-2026", None),)
    )


def test_the_taakbeleid_values_are_in_the_key(registry):
    versions = [
        Taakbeleid(opslag_per_vak={"wiskunde": "0.6000"}, **TAAKBELEID_DEFAULTS),
        Taakbeleid(opslag_per_vak={"wiskunde": "0.6500"}, **TAAKBELEID_DEFAULTS),
        Taakbeleid(opslag_per_vak={}, **{**TAAKBELEID_DEFAULTS, "lesweken": Decimal("38.00")}),
        None,
    ]
    keys = {
        uitkomsten.sleutel(registry, _bron()._replace(beleid=berekening.BeleidInvoer(v)), ())
        for v in versions
    }
    assert len(keys) == len(versions)


def test_the_fingerprint_follows_the_source_code(tmp_path, monkeypatch):
    package = tmp_path / "regeling_proef"
    package.mkdir()
    (package / "__init__.py").write_text("")
    rules = package / "regels.py"
    rules.write_text("UREN = 40\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    parts = [("proef", "plugin 'proef' uit regeling-proef 1.0", "regeling_proef.regels")]
    before = source_digest(parts)
    assert source_digest(parts) == before
    rules.write_text("UREN = 41\n")
    assert source_digest(parts) != before
    newer = [("proef", "plugin 'proef' uit regeling-proef 1.1", "regeling_proef.regels")]
    assert source_digest(newer) != source_digest(parts)
    sys.modules.pop("regeling_proef", None)


def test_old_entries_are_pruned_when_new_ones_are_stored(database, registry):
    old, recent = utcnow() - timedelta(days=61), utcnow() - timedelta(days=59)
    with database.session() as session:
        session.execute(
            insert(Rekenuitkomst),
            [
                {"sleutel": "a" * 64, "samenvatting": {}, "aangemaakt": old},
                {"sleutel": "b" * 64, "samenvatting": {}, "aangemaakt": recent},
            ],
        )
        ids = build_overzicht_school(session)
        session.commit()
        year = session.get(Schooljaar, ids["schooljaar"])
        people = staff.employees(session, [ids["school"]])
        uitkomsten.samenvattingen(session, people, year, registry)
        kept = set(session.scalars(select(Rekenuitkomst.sleutel)))
    assert "a" * 64 not in kept
    assert "b" * 64 in kept
    assert len(kept) == 1 + len(people)


def test_a_database_that_refuses_the_write_costs_speed_not_the_page(
    database, registry, monkeypatch, caplog
):
    with database.session() as session:
        ids = build_overzicht_school(session)
        session.commit()
        year = session.get(Schooljaar, ids["schooljaar"])
        people = staff.employees(session, [ids["school"]])

        def refuse():
            raise OperationalError("INSERT", {}, Exception("database is locked"))

        monkeypatch.setattr(session.get_bind(), "begin", refuse)
        with caplog.at_level(logging.WARNING, logger="jaartaak.services.uitkomsten"):
            summaries = uitkomsten.samenvattingen(session, people, year, registry)
        assert summaries[ids["DOC1"]].totals["saldo"] == Decimal("431.00")
        assert "niet opgeslagen" in caplog.text
        monkeypatch.undo()
        assert _stored_count(session) == 0
