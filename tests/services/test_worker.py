"""A real huey consumer (`jaartaak worker`) runs queued jobs: SQLite storage, and Redis."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from jaartaak.app import create_app
from jaartaak.models import Job, User
from jaartaak.services.audit_log import AUDIT_EXPORT
from jaartaak.services.jobs import create_job

from support import TEST_SECRET, make_test_config

pytestmark = pytest.mark.slow


def redis_url() -> str | None:
    """The Redis to test against; None when there is none, a failure when one was promised."""
    promised = os.environ.get("JAARTAAK_TEST_REDIS_URL")
    url = promised or "redis://127.0.0.1:6379/15"
    host, port = url.split("//")[1].split("/")[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=0.5).close()
    except OSError:
        if promised:
            pytest.fail(f"JAARTAAK_TEST_REDIS_URL={promised} is not reachable")
        return None
    return url


def run_with_worker(migrated_url: str, instance: Path, demo_seeder, extra_env: dict[str, str]):
    config = make_test_config(
        migrated_url,
        instance,
        QUEUE_IMMEDIATE=False,
        REDIS_URL=extra_env.get("JAARTAAK_REDIS_URL", ""),
    )
    app = create_app(config)
    state = app.extensions["jaartaak"]
    demo_seeder(state.database)
    with state.database.session() as session:
        user = session.scalar(select(User).where(User.username == "beheerder"))
        job = create_job(session, state.jobs, AUDIT_EXPORT.name, user.id, user.organisation_id)
    state.queue.enqueue(job.id)

    env = dict(
        os.environ,
        JAARTAAK_INSTANCE_PATH=str(instance),
        JAARTAAK_DATABASE_URL=migrated_url,
        JAARTAAK_SECRET_KEY=TEST_SECRET,
        **extra_env,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "jaartaak", "worker", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with state.database.session() as session:
                status = session.get(Job, job.id).status
            if status in ("klaar", "mislukt"):
                break
            time.sleep(0.3)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    with state.database.session() as session:
        finished = session.get(Job, job.id)
        assert finished.status == "klaar", output
        assert finished.result_file_id is not None
    state.database.dispose()
    return output


@pytest.fixture
def seed(app):
    from jaartaak.services.demo import seed_demo

    from support import DEMO_PASSWORD, TODAY

    def seeder(database):
        with database.session() as session:
            seed_demo(session, TODAY, DEMO_PASSWORD)

    return seeder


def test_worker_with_sqlite_queue(migrated_url, tmp_path, seed):
    output = run_with_worker(migrated_url, tmp_path / "instance", seed, {})
    assert "Wachtrij: sqlite" in output


def test_worker_with_redis_queue(migrated_url, tmp_path, seed):
    url = redis_url()
    if url is None:
        pytest.skip("no Redis at 127.0.0.1:6379 (set JAARTAAK_TEST_REDIS_URL)")
    import redis

    redis.Redis.from_url(url).flushdb()
    output = run_with_worker(migrated_url, tmp_path / "instance", seed, {"JAARTAAK_REDIS_URL": url})
    assert "Wachtrij: redis" in output
