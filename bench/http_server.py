"""gunicorn serving bench/http_app.py, and logging in to it the way a browser does.

The server gets the settings of docs/installatie.md (``gunicorn --workers N --bind ...``: the
default sync worker, one thread each) and its configuration through ``JAARTAAK_*`` variables,
as in production. Nothing of the caller's own ``JAARTAAK_*`` environment reaches it.
"""

from __future__ import annotations

import html
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

from http_app import READY_DIR_ENV, TRIVIAL_PATH

BENCH_DIR = Path(__file__).resolve().parent
#: Sent with every request, by wrk too: Flask-Login's session protection compares the address
#: and user agent of each request with those of the login, and marks the session otherwise.
USER_AGENT = "jaartaak-bench"
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
START_SECONDS = 60


class BenchError(RuntimeError):
    """The benchmark could not measure (no database, no server, no login)."""


def gunicorn_arguments(workers: int, port: int) -> list[str]:
    """The production command line of docs/installatie.md, on a free local port."""
    return [
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(BENCH_DIR),
        "http_app:build_app()",
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_environment(database_url: str, instance: Path, ready: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JAARTAAK_")}
    environment.update(
        JAARTAAK_DATABASE_URL=database_url,
        JAARTAAK_SECRET_KEY=secrets.token_urlsafe(48),
        JAARTAAK_INSTANCE_PATH=str(instance),
    )
    environment[READY_DIR_ENV] = str(ready)
    return environment


def _log_tail(log: Path) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])


def _wait_until_serving(
    base: str, process: subprocess.Popen, workers: int, ready: Path, log: Path
) -> None:
    """Until every worker has built its app and the trivial route answers."""
    deadline = time.monotonic() + START_SECONDS
    while (left := deadline - time.monotonic()) > 0:
        if process.poll() is not None:
            raise BenchError(f"gunicorn stopte met code {process.returncode}:\n{_log_tail(log)}")
        if len(list(ready.iterdir())) >= workers:
            try:
                with build_opener().open(base + TRIVIAL_PATH, timeout=left) as response:
                    if response.status == 200:
                        return
            except OSError:  # not listening yet (refused), or the deadline passed (timeout)
                pass
        time.sleep(0.2)
    raise BenchError(f"gunicorn antwoordde niet binnen {START_SECONDS} s:\n{_log_tail(log)}")


@contextmanager
def gunicorn(database_url: str, workers: int, instance: Path) -> Iterator[str]:
    """A gunicorn process with ``workers`` serving the bench app; yields its base URL."""
    port = _free_port()
    ready = instance / f"ready-{port}"
    ready.mkdir(parents=True)
    log = instance / f"gunicorn-{port}.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *gunicorn_arguments(workers, port)],
            env=_server_environment(database_url, instance, ready),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, process, workers, ready, log)
        yield base
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM is gunicorn's graceful stop; the process group holds its workers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class _NoRedirect(HTTPRedirectHandler):
    """A redirect is an answer to check, not something to follow."""

    def redirect_request(self, *_args, **_kwargs):
        return None


def headers(cookie: str | None = None) -> dict[str, str]:
    """The headers of every request: the user agent, and the session cookie when logged in."""
    return {"User-Agent": USER_AGENT} | ({"Cookie": cookie} if cookie else {})


def _open(opener, request: Request) -> tuple[int, dict[str, str], str]:
    try:
        with opener.open(request, timeout=START_SECONDS) as response:
            return response.status, dict(response.headers), response.read().decode()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def log_in(base: str, username: str, password: str) -> str:
    """Log in through the real form (CSRF token included); returns the ``Cookie`` header."""
    jar = CookieJar()
    opener = build_opener(HTTPCookieProcessor(jar), _NoRedirect)
    status, _headers, page = _open(opener, Request(base + "/inloggen", headers=headers()))
    token = CSRF_FIELD.search(page)
    if status != 200 or token is None:
        raise BenchError(f"het inlogformulier gaf status {status} zonder CSRF-token")
    form = urlencode({"csrf_token": token.group(1), "username": username, "password": password})
    status, answer, _page = _open(
        opener, Request(base + "/inloggen", data=form.encode(), headers=headers())
    )
    if status != 302:
        raise BenchError(f"inloggen als {username} gaf status {status} in plaats van 302")
    if answer.get("Location", "").endswith("/inloggen/code"):
        raise BenchError(f"{username} moet een tweestapscode invullen; de meting kan dat niet")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def check_page(url: str, cookie: str, employee_name: str) -> None:
    """The page the load goes to answers 200 and is the employee's own (not a login form)."""
    status, _headers, page = _open(build_opener(_NoRedirect), Request(url, headers=headers(cookie)))
    if status != 200:
        raise BenchError(f"{url} gaf status {status} in plaats van 200")
    if html.escape(employee_name) not in page:
        raise BenchError(f"{url} toont de naam {employee_name!r} niet")
