"""Publishing all taakbrieven of a school: a background job rendering on a process pool."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from jaartaak.db.audit import Actor
from jaartaak.models import Job, Melding, Taakbrief, User
from jaartaak.services import taakbrief_job
from jaartaak.services.jobs import JobContext, create_job, run_job

from support import csrf_token, logged_in
from support_overzicht import EVIL_FIRST, school_with_logins

PAGE = "/planner/taakbrieven"


def _school(database) -> dict:
    with database.session() as session:
        return school_with_logins(session)


def _job(app, database, params: dict, context_class=JobContext):
    """A waiting publish-all job started by the planner, and its context."""
    state = app.extensions["jaartaak"]
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == "roosteraar"))
        job = create_job(
            session, state.jobs, taakbrief_job.NAME, user.id, user.organisation_id, params
        )
        return job, context_class(state.database, job, Actor(user.id, user.username))


def _publish_all(client) -> str:
    response = client.post(f"{PAGE}/publiceren", data={"csrf_token": csrf_token(client, PAGE)})
    assert response.status_code == 302
    return response.headers["Location"]


def _latest_versions(database) -> dict[int, int]:
    with database.session() as session:
        rows = session.execute(
            select(Taakbrief.employee_id, Taakbrief.versie).order_by(Taakbrief.versie)
        )
        return dict(rows.all())


def test_publishing_all_stores_a_version_for_every_employee(app, database):
    ids = _school(database)
    planner = logged_in(app.test_client(), "roosteraar")
    planner.get(f"{PAGE}?school={ids['school']}&jaar={ids['schooljaar']}")
    job_url = _publish_all(planner)
    assert job_url.startswith("/opdrachten/")
    progress = planner.get(job_url).get_data(as_text=True)
    back = f'href="{PAGE}?school={ids["school"]}&amp;jaar={ids["schooljaar"]}">← Terug'
    assert back in progress
    status = planner.get(f"{job_url}.json").get_json()
    assert status["status"] == "klaar" and status["percent"] == 100
    assert (status["done"], status["total"]) == (4, 4)
    assert status["message"].startswith(
        "3 gepubliceerd; 0 ongewijzigd; 1 niet gepubliceerd door een fout in de jaartaak ("
    )
    assert EVIL_FIRST in status["message"]
    assert _latest_versions(database) == {ids["DOC1"]: 1, ids["DOC2"]: 1, ids["OOP1"]: 1}
    with database.session() as session:
        brief = session.scalar(select(Taakbrief).where(Taakbrief.employee_id == ids["DOC1"]))
        text = PdfReader(io.BytesIO(brief.bestand.data)).pages[0].extract_text()
        assert brief.gepubliceerd_door_user_id == session.scalar(
            select(User.id).where(User.username == "roosteraar")
        )
        notices = session.scalars(select(Melding.tekst)).all()
    assert "Anna Bakker" in text and "Versie 1, gepubliceerd op" in text
    assert notices == 2 * [  # anna and bas have a login; OOP1 has none
        "Uw taakbrief 2026-2027 (versie 1) staat klaar: lees hem en geef uw akkoord."
    ]

    again = planner.get(f"{_publish_all(planner)}.json").get_json()
    assert again["message"].startswith("0 gepubliceerd; 3 ongewijzigd; 1 niet gepubliceerd")
    assert _latest_versions(database) == {ids["DOC1"]: 1, ids["DOC2"]: 1, ids["OOP1"]: 1}


class RecordingContext(JobContext):
    """The real context, which also keeps every progress report it writes."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.reports: list[tuple[int, int | None, str | None]] = []

    def progress(self, done, total=None, message=None) -> None:
        self.reports.append((done, total, message))
        super().progress(done, total, message)


def test_progress_is_recorded_as_each_brief_is_stored(app, database):
    ids = _school(database)
    params = {"school_id": ids["school"], "schooljaar_id": ids["schooljaar"]}
    job, context = _job(app, database, params, RecordingContext)
    with app.app_context():
        app.extensions["jaartaak"].jobs.get(taakbrief_job.NAME).run(context)
    done = [report[0] for report in context.reports]
    assert context.reports[0] == (0, 4, "0 van 4 taakbrieven")
    assert done == [0, 1, 2, 3, 4, 4]  # BAD1 is counted at once, then each PDF as it is stored
    assert [m for _d, _t, m in context.reports[1:5]] == [
        f"{n} van 4 taakbrieven" for n in (1, 2, 3, 4)
    ]
    with database.session() as session:
        stored = session.get(Job, job.id)
        assert (stored.progress_done, stored.progress_total) == (4, 4)
        assert stored.message.startswith("3 gepubliceerd")


def test_a_job_for_a_vanished_school_fails_with_a_message(app, database):
    ids = _school(database)
    job, _context = _job(app, database, {"school_id": 999999, "schooljaar_id": ids["schooljaar"]})
    state = app.extensions["jaartaak"]
    with app.app_context():
        run_job(state.database, state.jobs, job.id)
    with database.session() as session:
        failed = session.get(Job, job.id)
        assert (failed.status, failed.message) == (
            "mislukt",
            "De school of het schooljaar bestaat niet meer.",
        )


def test_only_a_planner_starts_it(app, database):
    _school(database)
    anna = logged_in(app.test_client(), "anna")
    assert anna.post(f"{PAGE}/publiceren", data={}).status_code in (400, 403)
    with database.session() as session:
        assert session.scalars(select(Job)).all() == []
