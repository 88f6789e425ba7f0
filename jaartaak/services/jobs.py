"""Background jobs: long work (bulk PDF, large imports, settling a board) off the request.

A job is a database row that the user who started it can follow (status, progress, result
file), and a huey task that runs it. Job kinds are registered in a :class:`JobRegistry` that the
app factory builds, so the web process and every worker know the same kinds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jaartaak.db import Database, utcnow
from jaartaak.db.audit import Actor
from jaartaak.models import Job, Role, StoredFile, User

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    """A kind of job: ``run`` receives a :class:`JobContext` and does the work.

    ``role``: what the starter must still hold in the job's board to see its progress and
    result; someone who lost the role since does not keep the export they made.
    """

    name: str
    title: str
    run: Callable[[JobContext], None]
    role: Role | None = None


class JobRegistry:
    def __init__(self) -> None:
        self._kinds: dict[str, JobKind] = {}

    def add(self, kind: JobKind) -> None:
        if kind.name in self._kinds:
            raise ValueError(f"job kind {kind.name!r} is registered twice")
        self._kinds[kind.name] = kind

    def get(self, name: str) -> JobKind:
        return self._kinds[name]


class JobFailed(Exception):
    """Raised by a job for a failure the user should read (a Dutch message), not a crash."""


class JobContext:
    """What a running job may use: its parameters, sessions, progress and a result file."""

    def __init__(self, database: Database, job: Job, actor: Actor) -> None:
        self.database = database
        self.job_id = job.id
        self.params: dict[str, Any] = dict(job.params or {})
        self.organisation_id = job.organisation_id
        self.actor = actor

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose changes are audited as made by the user who started the job."""
        with self.database.session(actor=self.actor) as session:
            yield session

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Record progress in its own short transaction, so the user sees it while work goes on."""
        with self.database.session() as session:
            job = session.get(Job, self.job_id)
            job.progress_done = done
            if total is not None:
                job.progress_total = total
            if message is not None:
                job.message = message

    def store_result(self, filename: str, content_type: str, data: bytes) -> None:
        with self.database.session() as session:
            job = session.get(Job, self.job_id)
            stored = StoredFile(
                filename=filename,
                content_type=content_type,
                size=len(data),
                data=data,
                owner_user_id=job.created_by_user_id,
            )
            session.add(stored)
            session.flush()
            job.result_file_id = stored.id


def create_job(
    session: Session,
    registry: JobRegistry,
    kind: str,
    user_id: int,
    organisation_id: int | None,
    params: dict[str, Any] | None = None,
) -> Job:
    """Add a waiting job; the caller commits and then enqueues ``job.id``."""
    job_kind = registry.get(kind)
    job = Job(
        kind=kind,
        title=job_kind.title,
        status="wachtend",
        params=params or {},
        created_by_user_id=user_id,
        organisation_id=organisation_id,
        message="In de wachtrij",
    )
    session.add(job)
    session.flush()
    return job


QUEUE_UNREACHABLE = (
    "De wachtrij voor achtergrondtaken is niet bereikbaar, dus deze opdracht is niet gestart. "
    "Probeer het over een paar minuten opnieuw; blijft dit zo, meld het dan bij de beheerder."
)


def submit_job(
    session: Session,
    registry: JobRegistry,
    enqueue: Callable[[int], None],
    kind: str,
    user_id: int,
    organisation_id: int | None,
    params: dict[str, Any] | None = None,
) -> Job:
    """Create, commit and enqueue a job; when the queue is down the job says so, it never hangs."""
    job = create_job(session, registry, kind, user_id, organisation_id, params)
    session.commit()
    try:
        enqueue(job.id)
    except Exception:
        log.exception("could not enqueue job %s (%s)", job.id, kind)
        job.status = "mislukt"
        job.message = QUEUE_UNREACHABLE
        job.finished_at = utcnow()
        session.commit()
    return job


def run_job(database: Database, registry: JobRegistry, job_id: int) -> None:
    """Run one job to its end; a failure is recorded on the job, never lost."""
    with database.session() as session:
        job = session.get(Job, job_id)
        if job is None or job.status != "wachtend":
            log.warning("job %s is not waiting; skipped", job_id)
            return
        job.status = "bezig"
        job.started_at = utcnow()
        job.message = "Bezig"
        user = session.get(User, job.created_by_user_id)
        actor = Actor(user.id, user.username)
    context = JobContext(database, job, actor)
    try:
        registry.get(job.kind).run(context)
    except JobFailed as failure:
        _finish(database, job_id, "mislukt", str(failure))
    except Exception:
        log.exception("job %s (%s) crashed", job_id, job.kind)
        _finish(
            database,
            job_id,
            "mislukt",
            "Er ging iets mis bij het uitvoeren. De fout is gelogd; probeer het opnieuw of "
            "neem contact op met de beheerder.",
        )
    else:
        _finish(database, job_id, "klaar", None)


def _finish(database: Database, job_id: int, status: str, message: str | None) -> None:
    with database.session() as session:
        job = session.get(Job, job_id)
        job.status = status
        job.finished_at = utcnow()
        if message is not None:
            job.message = message
        elif not job.progress_total:
            job.message = "Klaar"  # otherwise the last progress text ("480 van 480 regels") stays
        if status == "klaar" and job.progress_total:
            job.progress_done = job.progress_total


def jobs_of(session: Session, user_id: int, limit: int = 20) -> list[Job]:
    return list(
        session.scalars(
            select(Job)
            .where(Job.created_by_user_id == user_id)
            .order_by(Job.id.desc())
            .limit(limit)
        )
    )


def job_of(session: Session, user_id: int, job_id: int) -> Job | None:
    """The job, only if ``user_id`` started it: progress and results are personal."""
    job = session.get(Job, job_id)
    return job if job is not None and job.created_by_user_id == user_id else None
