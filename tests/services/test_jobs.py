"""Background jobs: a real job kind end to end, failures kept, and only the starter sees a job."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from jaartaak.models import AuditEntry, Job, Organisation, User
from jaartaak.services.jobs import JobFailed, JobKind, create_job, run_job
from jaartaak.services.spreadsheet import csv_bytes, safe_cell

from support import csrf_token, logged_in


def start_export(client) -> str:
    logged_in(client, "beheerder")
    page = client.get("/beheer/").get_data(as_text=True)
    organisation_id = page.split('name="organisation_id" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/beheer/auditlog/export",
        data={"csrf_token": csrf_token(client, "/beheer/"), "organisation_id": organisation_id},
    )
    assert response.status_code == 302
    return response.headers["Location"]


def test_audit_export_runs_and_delivers_a_csv(client, demo, database):
    job_url = start_export(client)
    status = client.get(f"{job_url}.json").get_json()
    assert status["status"] == "klaar"
    assert status["status_label"] == "Klaar"
    assert status["message"] == f"{status['total']} van {status['total']} regels"
    assert status["finished"] and status["has_file"] and status["percent"] == 100
    page = client.get(job_url).get_data(as_text=True)
    assert "Bestand downloaden" in page

    download = client.get(f"{job_url}/bestand")
    assert download.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert download.headers["Content-Disposition"] == 'attachment; filename="auditlog.csv"'
    text = download.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["tijdstip", "gebruiker", "actie", "tabel", "record", "voor", "na"]
    with database.session() as session:
        board_id = session.scalar(select(Organisation.id))
        expected = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.organisation_id == board_id)
        )
    assert len(rows) - 1 == expected > 100
    assert {"medewerker", "gebruiker", "rol"} <= {row[3] for row in rows[1:]}


def test_times_in_the_export_are_dutch_local_time():
    from datetime import UTC, datetime

    from jaartaak.services.audit_log import local_time

    assert local_time(datetime(2026, 11, 23, 10, 0, tzinfo=UTC)) == "2026-11-23 11:00:00"
    assert local_time(datetime(2026, 7, 1, 10, 0)) == "2026-07-01 12:00:00"  # summer time


def test_only_the_starter_sees_a_job(app, demo):
    owner = app.test_client()
    job_url = start_export(owner)
    stranger = logged_in(app.test_client(), "planner")
    for suffix in ("", ".json", "/bestand"):
        assert stranger.get(job_url + suffix).status_code == 404


def test_a_failure_is_recorded_with_its_message(app, database, demo):
    registry = app.extensions["jaartaak"].jobs

    def refuse(_context):
        raise JobFailed("Geen gegevens om te verwerken.")

    def crash(_context):
        raise RuntimeError("kapot")

    registry.add(JobKind("test-weigert", "Weigert", refuse))
    registry.add(JobKind("test-crasht", "Crasht", crash))
    with database.session() as session:
        user_id = session.scalar(select(User.id).where(User.username == "beheerder"))
        refused = create_job(session, registry, "test-weigert", user_id, None).id
        crashed = create_job(session, registry, "test-crasht", user_id, None).id
    run_job(database, registry, refused)
    run_job(database, registry, crashed)
    with database.session() as session:
        first, second = session.get(Job, refused), session.get(Job, crashed)
        assert (first.status, first.message) == ("mislukt", "Geen gegevens om te verwerken.")
        assert second.status == "mislukt"
        assert "Er ging iets mis" in second.message and "kapot" not in second.message
        assert first.finished_at is not None


def test_a_job_runs_once(app, database, demo):
    registry = app.extensions["jaartaak"].jobs
    runs = []
    registry.add(JobKind("test-tel", "Tel", lambda context: runs.append(context.job_id)))
    with database.session() as session:
        user_id = session.scalar(select(User.id))
        job_id = create_job(session, registry, "test-tel", user_id, None).id
    run_job(database, registry, job_id)
    run_job(database, registry, job_id)  # a redelivered task finds the job finished
    assert runs == [job_id]


def test_spreadsheet_cells_cannot_carry_formulas():
    assert safe_cell('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    for dangerous in ("+1", "-1+2", "@SUM(A1)", "\tx"):
        assert safe_cell(dangerous).startswith("'")
    assert safe_cell("Jansen") == "Jansen"
    assert safe_cell(-12) == -12
    data = csv_bytes(["a"], [["=1+1"]]).decode("utf-8-sig")
    assert data == "a\r\n'=1+1\r\n"


def test_progress_is_visible_while_the_job_runs(app, database, demo):
    """Progress is committed on its own, so the starter's page sees it before the job ends."""
    registry = app.extensions["jaartaak"].jobs
    seen = []

    def halfway(context):
        context.progress(1, 3, "1 van 3")
        with database.session() as other:  # what a web request sees at this moment
            job = other.get(Job, context.job_id)
            seen.append((job.status, job.progress_done, job.progress_total, job.percent))
        context.progress(3, message="3 van 3")

    registry.add(JobKind("test-half", "Halverwege", halfway))
    with database.session() as session:
        user_id = session.scalar(select(User.id))
        job_id = create_job(session, registry, "test-half", user_id, None).id
    run_job(database, registry, job_id)
    assert seen == [("bezig", 1, 3, 33)]
    with database.session() as session:
        job = session.get(Job, job_id)
        assert (job.status, job.percent, job.message) == ("klaar", 100, "3 van 3")


def test_a_queue_that_is_down_fails_the_job_with_a_dutch_message(app, client, demo, database):
    def unreachable(_job_id):
        raise ConnectionError("redis down")

    app.extensions["jaartaak"].queue.enqueue = unreachable
    job_url = start_export(client)
    status = client.get(f"{job_url}.json").get_json()
    assert status["status"] == "mislukt"
    assert status["finished"] is True
    assert status["message"].startswith("De wachtrij voor achtergrondtaken is niet bereikbaar")


def test_who_lost_the_role_no_longer_sees_the_export(app, client, demo, database):
    from jaartaak.models import RoleAssignment

    job_url = start_export(client)
    assert client.get(f"{job_url}/bestand").status_code == 200
    with database.session() as session:
        beheerder = session.scalar(select(User).where(User.username == "beheerder"))
        for grant in list(beheerder.roles):
            session.delete(grant)
        session.flush()
        assert (
            session.scalar(
                select(func.count())
                .select_from(RoleAssignment)
                .where(RoleAssignment.user_id == beheerder.id)
            )
            == 0
        )
    for suffix in ("", ".json", "/bestand"):
        assert client.get(job_url + suffix).status_code == 404
