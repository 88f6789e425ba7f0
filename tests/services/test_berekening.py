"""From stored facts to the engine: the same answers as the calc contract's examples."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jaartaak.models import (
    TAAKBELEID_DEFAULTS,
    Appointment,
    Lesson,
    PbKeuze,
    Schooljaar,
    Taakbeleid,
    Task,
    TaskAssignment,
)
from jaartaak.services import berekening, keuzes

from support import new_employee

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "cao-vo"


@pytest.fixture
def registry(app):
    return app.extensions["jaartaak"].schemes


def _year(session, employee, start_year: int) -> Schooljaar:
    year = Schooljaar(
        organisation=employee.organisation,
        code=f"{start_year}-{start_year + 1}",
        start=date(start_year, 8, 1),
        end_date=date(start_year + 1, 7, 31),
    )
    session.add(year)
    return year


def _v8_teacher(session):
    """Example V8 (tests/examples/cao-vo/V8-balance.json) as stored facts."""
    person = new_employee(session, "V8")
    person.birth_date = date(1980, 5, 5)
    person.appointments = [
        Appointment(start=date(2010, 8, 1), end_date=None, fte=Decimal("1.0"), kind="regulier")
    ]
    year = _year(session, person, 2025)
    session.add(
        Taakbeleid(
            school=person.school,
            schooljaar=year,
            number=1,
            ingangsdatum=year.start,
            opslag_per_vak={"Natuurkunde": "0.6000"},
            **TAAKBELEID_DEFAULTS,
        )
    )
    for vak, lesuren in (("wiskunde", "20"), ("natuurkunde", "4")):
        session.add(
            Lesson(employee=person, schooljaar=year, vak=vak, lesuren_per_week=Decimal(lesuren))
        )
    for name, hours in (("mentoraat", "60"), ("sectievoorzitter", "30")):
        task = Task(school=person.school, schooljaar=year, name=name, default_hours=Decimal(hours))
        session.add(
            TaskAssignment(task=task, employee=person, schooljaar=year, hours=task.default_hours)
        )
    session.add(
        PbKeuze(
            employee=person,
            schooljaar=year,
            reductie_lestaak=Decimal("50"),
            reductie_overige_taken=Decimal("40"),
        )
    )
    session.flush()
    return person, year


def test_stored_facts_give_the_totals_of_example_v8(database, registry):
    expected = json.loads((EXAMPLES / "V8-balance.json").read_text())["expect"]
    with database.session() as session:
        person, year = _v8_teacher(session)
        answer = berekening.bereken(session, [person], year, registry)[person.id]
        totals = answer.result.to_json()["totals"]
        assert totals == expected["totals"]
        assert [w.code for w in answer.result.warnings] == expected["warnings"]
        # The per-vak opslag of the taakbeleid reached the engine, case-insensitively.
        assert {"vak": "natuurkunde", "lesuren_per_week": "4.00", "opslagfactor": "0.6000"} in (
            answer.scenario["lessons"]
        )


def test_savings_carry_over_from_earlier_years(database, registry):
    """40 hours saved in 2024-2025 can be taken as leave in 2025-2026, and not more."""
    with database.session() as session:
        person = new_employee(session, "S1")
        person.appointments = [
            Appointment(start=date(2010, 8, 1), end_date=None, fte=Decimal("1"), kind="regulier")
        ]
        first, second = _year(session, person, 2024), _year(session, person, 2025)
        session.add(PbKeuze(employee=person, schooljaar=first, sparen=Decimal("40")))
        session.add(PbKeuze(employee=person, schooljaar=second, opname_pb=Decimal("30")))
        session.flush()
        answer = berekening.bereken(session, [person], second, registry)[person.id]
        assert answer.scenario["history"] == {
            "savings": [{"pot": "pb", "schooljaar": "2024-2025", "hours": "40.00"}],
            "previous_aanvulling_level": 0,
            "previous_wtf_regulier": "1.0000",
        }
        assert answer.total("verlof_hours") == Decimal("30.00")
        assert answer.total("savings_pb_hours") == Decimal("10.00")

        refused = keuzes.KeuzeInvoer({"opname_pb": Decimal("50")}, 0, "verlof")
        with pytest.raises(keuzes.ChoiceRefused) as error:
            keuzes.save_keuze(session, person, second, refused, 1, registry)
        assert [issue.code for issue in error.value.errors] == ["opname.saldo-onvoldoende"]


def test_a_choice_is_saved_only_when_the_engine_accepts_it(database, registry):
    with database.session() as session:
        person, year = _v8_teacher(session)
        session.commit()
        stored = keuzes.keuze_of(session, person.id, year.id)
        stored_id = stored.id
        too_much = keuzes.KeuzeInvoer(
            {"reductie_lestaak": Decimal("60"), "verlof": Decimal("40")}, 0, "verlof"
        )
        with pytest.raises(keuzes.ChoiceRefused) as error:
            keuzes.save_keuze(session, person, year, too_much, stored.version, registry)
        assert [issue.code for issue in error.value.errors] == ["pb.te-veel-uren"]
        session.rollback()

    with database.session() as session:
        stored = session.get(PbKeuze, stored_id)
        assert stored.reductie_lestaak == Decimal("50.00")
        person, year = stored.employee, stored.schooljaar
        fine = keuzes.KeuzeInvoer({"verlof": Decimal("90")}, 0, "verlof")
        keuzes.save_keuze(session, person, year, fine, stored.version, registry)
        session.commit()
        assert stored.verlof == Decimal("90.00") and stored.reductie_lestaak == Decimal("0.00")
        answer = berekening.bereken(session, [person], year, registry)[person.id]
        assert answer.total("netto_jaartaak") == Decimal("1569.00")
