"""The job queue: huey with SQLite storage in the instance folder, or Redis when configured.

One huey task, ``jaartaak.run_job``, runs any registered job kind by id; the job row in the
database carries the kind, parameters, status and progress. A worker (``jaartaak worker``) builds
its own app from the same configuration, so it reaches the same database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_app_context
from huey import Huey, RedisHuey, SqliteHuey

from jaartaak.services import mail
from jaartaak.services.jobs import run_job

TASK_NAME = "jaartaak.run_job"
MAIL_TASK_NAME = "jaartaak.send_mail"
_worker_app: Flask | None = None


def make_huey(config: dict[str, Any], instance_path: Path) -> Huey:
    if config.get("REDIS_URL"):
        huey: Huey = RedisHuey("jaartaak", url=config["REDIS_URL"], results=False)
    else:
        huey = SqliteHuey("jaartaak", filename=str(instance_path / "huey.db"), results=False)
    huey.immediate = bool(config.get("QUEUE_IMMEDIATE"))
    return huey


def _app_for_task() -> Flask:
    """The current app (immediate mode), or one app per worker process, built on first use."""
    global _worker_app
    if has_app_context():
        return current_app._get_current_object()
    if _worker_app is None:
        from jaartaak.app import create_app

        _worker_app = create_app()
    return _worker_app


def _run_job_task(job_id: int) -> None:
    app = _app_for_task()
    state = app.extensions["jaartaak"]
    with app.app_context():
        run_job(state.database, state.jobs, job_id)


def _send_mail_task(to: str, subject: str, body: str) -> None:
    mail.send(_app_for_task().config, to, subject, body)


class JobQueue:
    """Enqueue jobs by id; the task runs wherever a consumer of the same storage runs."""

    def __init__(self, huey: Huey) -> None:
        self.huey = huey
        self._run = huey.task(name=TASK_NAME)(_run_job_task)
        self._mail = huey.task(name=MAIL_TASK_NAME)(_send_mail_task)

    def enqueue(self, job_id: int) -> None:
        self._run(job_id)

    def send_mail(self, to: str, subject: str, body: str) -> None:
        """Queue one e-mail; the worker sends it with the app's SMTP settings."""
        self._mail(to, subject, body)

    @property
    def backend(self) -> str:
        return "redis" if isinstance(self.huey, RedisHuey) else "sqlite"
