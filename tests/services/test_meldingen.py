"""Notices: who is told, counting and marking read only one's own."""

from __future__ import annotations

from sqlalchemy import select

from jaartaak.models import Employee, Melding, Organisation, School
from jaartaak.services import meldingen

from support_overzicht import add_medewerker, add_planner, build_overzicht_school


def test_the_planners_of_the_school_and_of_the_board_are_told(database):
    with database.session() as session:
        ids = build_overzicht_school(session)
        board = session.get(Organisation, ids["organisation"])
        other_school = School(organisation=board, name="Andere school")
        session.add(other_school)
        session.flush()
        add_planner(session, "schoolplanner", board.id, ids["school"])
        add_planner(session, "bestuursplanner", board.id)
        add_planner(session, "anderplanner", board.id, other_school.id)
        add_planner(session, "weg", board.id, ids["school"]).active = False
        person = session.get(Employee, ids["DOC1"])
        meldingen.notify_planners(session, person, "Bezwaar", "/planner/taakbrieven")
        session.flush()
        told = sorted(
            session.scalars(select(Melding.user_id).where(Melding.tekst == "Bezwaar")).all()
        )
        names = {u.id: u.username for u in meldingen.planners_of(session, person)}
        assert sorted(names.values()) == ["bestuursplanner", "schoolplanner"]
        assert told == sorted(names)


def test_unread_and_mark_read_touch_only_ones_own(database):
    with database.session() as session:
        ids = build_overzicht_school(session)
        anna = add_medewerker(session, "anna", ids["DOC1"])
        bas = add_medewerker(session, "bas", ids["DOC2"])
        meldingen.notify_employee(session, ids["DOC1"], "Voor Anna")
        meldingen.notify_employee(session, ids["DOC2"], "Voor Bas")
        session.flush()
        bas_notice = meldingen.unread(session, bas.id)[0]
        meldingen.mark_read(session, anna.id, bas_notice.id)  # another's id: nothing happens
        assert meldingen.unread_count(session, bas.id) == 1
        meldingen.mark_read(session, anna.id)
        assert meldingen.unread_count(session, anna.id) == 0
        assert [m.tekst for m in meldingen.unread(session, bas.id)] == ["Voor Bas"]
