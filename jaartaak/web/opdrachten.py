"""Background jobs (opdrachten) as their starter sees them: progress and the result file."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, url_for
from flask_login import current_user

from jaartaak.models import Job, StoredFile
from jaartaak.services import access
from jaartaak.services.jobs import job_of, jobs_of, submit_job
from jaartaak.web.access import login_only
from jaartaak.web.database import db, state

bp = Blueprint("opdrachten", __name__, url_prefix="/opdrachten")
login_only(bp)


def _own_job(job_id: int) -> Job:
    """The job if this user started it and still holds the role its kind asks for."""
    job = job_of(db(), current_user.id, job_id)
    if job is None:
        abort(404)
    kind = state().jobs.get(job.kind)
    if kind.role is not None and not (
        job.organisation_id is not None
        and access.holds(current_user.grants, kind.role, job.organisation_id)
    ):
        abort(404)
    return job


def start(kind: str, organisation_id: int, params: dict[str, Any] | None = None, back: str = ""):
    """Queue a job for the logged-in user and show its progress page.

    ``back`` is the path of the page the job was started from; the progress page links to it.
    """
    app_state = state()
    if back.startswith("/") and not back.startswith("//"):  # a path in this app, nothing else
        params = {**(params or {}), "terug": back}
    job = submit_job(
        db(),
        app_state.jobs,
        app_state.queue.enqueue,
        kind,
        current_user.id,
        organisation_id,
        params,
    )
    return redirect(url_for("opdrachten.show", job_id=job.id))


@bp.route("/")
def index():
    return render_template("opdrachten/index.html", jobs=jobs_of(db(), current_user.id))


@bp.route("/<id:job_id>")
def show(job_id: int):
    return render_template("opdrachten/show.html", job=_own_job(job_id))


@bp.route("/<id:job_id>.json")
def status(job_id: int):
    job = _own_job(job_id)
    return jsonify(
        id=job.id,
        status=job.status,
        status_label=job.status_label,
        done=job.progress_done,
        total=job.progress_total,
        percent=job.percent,
        message=job.message,
        finished=job.finished,
        has_file=job.result_file_id is not None,
    )


@bp.route("/<id:job_id>/bestand")
def download(job_id: int):
    job = _own_job(job_id)
    if job.result_file_id is None:
        abort(404)
    stored = db().get(StoredFile, job.result_file_id)
    return Response(
        stored.data,
        mimetype=stored.content_type,
        headers={"Content-Disposition": f'attachment; filename="{stored.filename}"'},
    )
