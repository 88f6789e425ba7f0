"""Running wrk (the HTTP load tool, Debian package ``wrk``) and reading what it measured.

wrk's own report is for people ("Requests/sec: 1.23k", "Non-2xx or 3xx responses"); the Lua
script http_status.lua prints one line of plain integers instead, and counts every status other
than 200 as an error, so a page that quietly redirects to the login form is not a success.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

LUA_SCRIPT = Path(__file__).resolve().with_name("http_status.lua")
SUMMARY = re.compile(
    r"^jaartaak-wrk requests=(?P<requests>\d+) duration_us=(?P<duration_us>\d+) "
    r"connect=(?P<connect>\d+) read=(?P<read>\d+) write=(?P<write>\d+) "
    r"timeout=(?P<timeout>\d+) non200=(?P<non200>\d+)$",
    re.M,
)
MISSING = (
    "wrk ontbreekt (het meetprogramma voor HTTP-belasting) / wrk is missing (the HTTP load "
    "tool).\nInstalleer het / install it: sudo apt-get install wrk"
)
#: wrk's default (2 s) would turn a slow response into an error; gunicorn's own worker timeout
#: (30 s) is where a request really fails.
TIMEOUT = "30s"


class WrkError(RuntimeError):
    """wrk did not run, or printed no summary line."""


@dataclass(frozen=True)
class Load:
    """What one wrk run measured."""

    requests: int
    seconds: Decimal
    socket_errors: int
    non200: int

    @property
    def per_second(self) -> Decimal:
        return Decimal(self.requests) / self.seconds

    @property
    def errors(self) -> int:
        return self.socket_errors + self.non200

    @classmethod
    def total(cls, loads: list[Load]) -> Load:
        """Several runs as one: all their requests over all their time."""
        return cls(
            requests=sum(load.requests for load in loads),
            seconds=sum((load.seconds for load in loads), Decimal(0)),
            socket_errors=sum(load.socket_errors for load in loads),
            non200=sum(load.non200 for load in loads),
        )


def wrk_path() -> str | None:
    return shutil.which("wrk")


def parse(output: str) -> Load:
    """The summary line of http_status.lua; a missing line is an error, never zero requests."""
    match = SUMMARY.search(output)
    if match is None:
        raise WrkError(f"wrk gaf geen samenvatting / wrk printed no summary:\n{output}")
    numbers = {key: int(value) for key, value in match.groupdict().items()}
    if numbers["duration_us"] == 0:
        raise WrkError(f"wrk mat geen tijd / wrk measured no time:\n{output}")
    socket_errors = sum(numbers[key] for key in ("connect", "read", "write", "timeout"))
    return Load(
        requests=numbers["requests"],
        seconds=Decimal(numbers["duration_us"]) / 1_000_000,
        socket_errors=socket_errors,
        non200=numbers["non200"],
    )


def run(
    url: str,
    seconds: int,
    headers: dict[str, str],
    connections: int = 20,
    threads: int = 2,
) -> Load:
    """Load ``url`` for ``seconds`` with ``connections`` open connections over ``threads``."""
    command = [
        wrk_path() or "wrk",
        f"-c{connections}",
        f"-t{threads}",
        f"-d{seconds}s",
        f"--timeout={TIMEOUT}",
        "-s",
        str(LUA_SCRIPT),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:
        raise WrkError(f"wrk stopte met code {done.returncode}:\n{done.stdout}{done.stderr}")
    return parse(done.stdout)
