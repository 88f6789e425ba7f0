"""Choice requests: the window, submitting, withdrawing, approving into the plan, rejecting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from jaartaak.models import (
    TAAKBELEID_DEFAULTS,
    Appointment,
    AuditEntry,
    Employee,
    KeuzeVerzoek,
    Melding,
    PbKeuze,
    School,
    Schooljaar,
    Taakbeleid,
    User,
)
from jaartaak.services import berekening, keuzes, verzoeken
from jaartaak.services.accounts import create_user
from jaartaak.services.errors import Refused
from jaartaak.services.keuzes import ChoiceRefused

from support import DEMO_PASSWORD, new_employee, new_schooljaar

TODAY = date(2026, 11, 23)
TWEEDE_AANVULLING = {
    "pb": [{"doel": "verlof", "hours": "40.00"}, {"doel": "reductie-lestaak", "hours": "32.00"}],
    "aanvulling": {"level": 2, "mode": "verlof"},
    "opname": [],
}


@pytest.fixture
def board(app, database):
    """A 61-year-old teacher at 0.8 fte, with a login, in 2026-2027 and 2027-2028."""
    registry = app.extensions["jaartaak"].schemes
    with database.session() as session:
        person = new_employee(session, "VRI", salary="5500.00")
        person.birth_date = date(1965, 2, 7)
        session.add(Appointment(employee=person, start=date(1994, 8, 1), fte=Decimal("0.8000")))
        current = new_schooljaar(session, person.organisation, 2026)
        following = new_schooljaar(session, person.organisation, 2027)
        employee_user = create_user(
            session,
            "vries",
            DEMO_PASSWORD,
            display_name="A. de Vries",
            employee=person,
            organisation=person.organisation,
            email="vries@example.org",
        )
        planner = create_user(
            session,
            "plan",
            DEMO_PASSWORD,
            display_name="Piet Planner",
            organisation=person.organisation,
        )
        session.flush()
        return {
            "employee": person.id,
            "current": current.id,
            "next": following.id,
            "user": employee_user.id,
            "planner": planner.id,
            "registry": registry,
        }


def _submit(session, ids, choices=TWEEDE_AANVULLING, today=TODAY, toelichting=""):
    return verzoeken.dien_in(
        session,
        session.get(Employee, ids["employee"]),
        session.get(User, ids["user"]),
        choices,
        toelichting,
        ids["registry"],
        today,
    )


def test_the_window_is_the_next_schooljaar_until_its_deadline(database, board):
    with database.session() as session:
        person = session.get(Employee, board["employee"])
        window = verzoeken.venster(session, person, TODAY)
        assert window.schooljaar.code == "2027-2028"
        assert window.deadline is None and window.laatste_dag == date(2027, 7, 31)
        assert window.open
        session.add(
            Taakbeleid(
                school=session.get(School, person.school_id),
                schooljaar=session.get(Schooljaar, board["next"]),
                number=1,
                ingangsdatum=date(2027, 8, 1),
                opslag_per_vak={},
                pb_deadline=date(2027, 5, 1),
                **TAAKBELEID_DEFAULTS,
            )
        )
        session.flush()
        assert verzoeken.venster(session, person, date(2027, 5, 1)).open
        closed = verzoeken.venster(session, person, date(2027, 5, 2))
        assert closed.laatste_dag == date(2027, 5, 1) and not closed.open
        with pytest.raises(
            Refused, match="De deadline voor verzoeken voor 2027-2028 was 01-05-2027"
        ):
            _submit(session, board, today=date(2027, 5, 2))
        assert verzoeken.venster(session, person, date(2027, 8, 1)) is None


def test_a_request_is_stored_once_and_can_be_withdrawn(database, board):
    with database.session() as session:
        verzoek = _submit(session, board, toelichting="  Graag verlof.  ")
        assert verzoek.status == "ingediend" and verzoek.schooljaar_id == board["next"]
        assert verzoek.keuzes == TWEEDE_AANVULLING and verzoek.toelichting == "Graag verlof."
        with pytest.raises(Refused, match="U heeft al een verzoek voor 2027-2028 ingediend"):
            _submit(session, board)
        with pytest.raises(StaleDataError):
            verzoeken.trek_in(verzoek, verzoek.version + 1)
        verzoeken.trek_in(verzoek, verzoek.version)
        session.flush()
        assert verzoek.status == "ingetrokken"
        with pytest.raises(Refused, match="al ingetrokken"):
            verzoeken.trek_in(verzoek, verzoek.version)
        assert _submit(session, board).status == "ingediend"  # a new one after withdrawing


def test_the_database_holds_one_open_request_per_employee_year(database, board):
    with database.session() as session:
        first = _submit(session, board)
        session.add(
            KeuzeVerzoek(
                employee_id=board["employee"],
                schooljaar_id=board["next"],
                scheme="cao-vo",
                keuzes={},
                ingediend_door_user_id=board["user"],
            )
        )
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
    with database.session() as session:
        assert session.scalar(select(KeuzeVerzoek).where(KeuzeVerzoek.id == first.id)) is None


def test_choices_the_engine_refuses_are_not_stored(database, board):
    too_many = {"pb": [{"doel": "verlof", "hours": "500.00"}]}
    with database.session() as session:
        with pytest.raises(ChoiceRefused) as refused:
            _submit(session, board, choices=too_many)
        assert [issue.code for issue in refused.value.errors] == ["pb.te-veel-uren"]
        assert session.scalar(select(KeuzeVerzoek)) is None


def test_approving_makes_the_request_the_plan(database, board):
    with database.session() as session:
        verzoek = _submit(session, board)
        planner = session.get(User, board["planner"])
        told = verzoeken.keur_goed(
            session, verzoek, planner, verzoek.version, "Akkoord.", board["registry"]
        )
        session.flush()
        assert [user.id for user in told] == [board["user"]]
        assert verzoek.status == "goedgekeurd" and verzoek.besloten_door_user_id == planner.id
        plan = keuzes.keuze_of(session, board["employee"], board["next"])
        assert (plan.verlof, plan.reductie_lestaak, plan.aanvulling_niveau) == (
            Decimal("40.00"),
            Decimal("32.00"),
            2,
        )
        assert berekening.choices_of(berekening.keuze_van(plan)) == {
            "pb": TWEEDE_AANVULLING["pb"][::-1],  # the plan lists doelen in its column order
            "aanvulling": {"level": 2, "mode": "verlof"},
        }
        notice = session.scalar(select(Melding).where(Melding.user_id == board["user"]))
        assert notice.tekst == (
            "Uw verzoek voor 2027-2028 is goedgekeurd door Piet Planner. Reden: Akkoord."
        )
        with pytest.raises(Refused, match="al goedgekeurd"):
            verzoeken.wijs_af(session, verzoek, planner, verzoek.version, "te laat")
    with database.session() as session:
        logged = {
            (entry.table_name, entry.action)
            for entry in session.scalars(select(AuditEntry))
            if entry.table_name in {"keuze_verzoek", "pb_keuze"}
        }
        assert logged == {
            ("keuze_verzoek", "insert"),
            ("keuze_verzoek", "update"),
            ("pb_keuze", "insert"),
        }


def test_approval_checks_the_request_against_the_facts_of_now(database, board):
    """Submitted when it fitted; meanwhile the appointment shrank, so 72 hours no longer fit."""
    with database.session() as session:
        verzoek = _submit(session, board, choices={"pb": [{"doel": "verlof", "hours": "72.00"}]})
        appointment = session.scalar(
            select(Appointment).where(Appointment.employee_id == board["employee"])
        )
        appointment.fte = Decimal("0.4000")
        session.flush()
        with pytest.raises(ChoiceRefused) as refused:
            verzoeken.keur_goed(
                session,
                verzoek,
                session.get(User, board["planner"]),
                verzoek.version,
                "",
                board["registry"],
            )
        assert "pb.te-veel-uren" in [issue.code for issue in refused.value.errors]


def test_rejecting_needs_a_reason_that_the_employee_reads(database, board):
    with database.session() as session:
        verzoek = _submit(session, board)
        planner = session.get(User, board["planner"])
        with pytest.raises(Refused, match="Geef een reden"):
            verzoeken.wijs_af(session, verzoek, planner, verzoek.version, "   ")
        verzoeken.wijs_af(session, verzoek, planner, verzoek.version, "Rooster is vol.")
        session.flush()
        assert verzoek.status == "afgewezen" and verzoek.reden == "Rooster is vol."
        assert session.scalar(select(PbKeuze)) is None
        notice = session.scalar(select(Melding))
        assert notice.tekst.endswith("is afgewezen door Piet Planner. Reden: Rooster is vol.")
