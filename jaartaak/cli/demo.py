"""``jaartaak seed-demo`` and ``jaartaak demo``: the demo board and a local server with a worker."""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app
from sqlalchemy import select

from jaartaak.cli.base import CommandError, cli, cli_session, require_current_schema, state
from jaartaak.db import migrate
from jaartaak.models import Organisation
from jaartaak.services import accounts
from jaartaak.services.demo import DemoLogin, demo_exists, seed_demo

DEMO_LOGINS_FILE = "demo-logins.json"


def _logins_path() -> Path:
    return Path(current_app.instance_path) / DEMO_LOGINS_FILE


def _save_logins(logins: list[DemoLogin]) -> None:
    path = _logins_path()
    path.write_text(json.dumps([login.__dict__ for login in logins], indent=2), encoding="utf-8")
    path.chmod(0o600)


def _print_logins() -> None:
    path = _logins_path()
    click.echo("")
    if not path.exists():
        click.echo(
            "Demo-logins: beheerder, planner, salaris, jansen, devries (de wachtwoorden "
            "staan niet in deze instance-map)."
        )
        return
    click.echo("Demo-logins (gebruikersnaam / wachtwoord):")
    logins = json.loads(path.read_text(encoding="utf-8"))
    width = max(len(login["username"]) for login in logins)
    for login in logins:
        click.echo(
            f"  {login['username']:<{width}}  {login['password']:<18} {login['description']}"
        )


@cli.command(
    "seed-demo", help="Laad het demobestuur 'Demo Scholengroep' (doet niets als het er al is)."
)
@click.option(
    "--password",
    default=None,
    help="Eén wachtwoord voor alle demo-logins (standaard: elk een eigen).",
)
def seed_demo_command(password: str | None) -> None:
    require_current_schema()
    with cli_session("seed-demo") as session:
        try:
            logins = seed_demo(session, date.today(), password, state().schemes)
        except accounts.AccountError as error:
            raise CommandError(str(error)) from None
    if not logins:
        click.echo("Het demobestuur bestaat al; er is niets toegevoegd.")
        return
    _save_logins(logins)
    click.echo("Demobestuur 'Demo Scholengroep' geladen.")
    _print_logins()


def _start_worker() -> subprocess.Popen:
    env = dict(os.environ, JAARTAAK_INSTANCE_PATH=current_app.instance_path)
    return subprocess.Popen([sys.executable, "-m", "jaartaak", "worker", "--workers", "2"], env=env)


def _require_free_port(port: int) -> None:
    """Refuse in Dutch, before anything is migrated, printed or started, if the port is taken.

    Werkzeug would otherwise say "Address already in use" only after the "jaartaak draait op"
    line and with the worker already running. SO_REUSEADDR, as Werkzeug's server sets it, so a
    port left in TIME_WAIT by a demo that just stopped does not count as taken.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            other = port + 1 if port < 65535 else port - 1
            advice = f"Kies een andere poort, bijvoorbeeld: JAARTAAK_PORT={other} make run"
            if error.errno == errno.EADDRINUSE:
                raise CommandError(f"Poort {port} is al in gebruik. {advice}") from None
            raise CommandError(
                f"Poort {port} op 127.0.0.1 is niet te gebruiken ({error.strerror}). {advice}"
            ) from None


@cli.command("demo", help="Bijwerken, zo nodig demogegevens laden, en de app starten op 127.0.0.1.")
def demo() -> None:
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    port = app.config["PORT"]
    _require_free_port(port)
    migrate.upgrade(state().database.engine)
    with cli_session("demo") as session:
        empty = not demo_exists(session) and session.scalar(select(Organisation.id)) is None
    if empty:
        with cli_session("demo") as session:
            _save_logins(seed_demo(session, date.today(), registry=state().schemes))
        click.echo("Demobestuur 'Demo Scholengroep' geladen.")
    _print_logins()
    click.echo(f"\njaartaak draait op http://127.0.0.1:{port}/  (stoppen: Ctrl+C)\n")
    worker = _start_worker()
    # SIGTERM (a service manager, `kill`) must stop the worker too, not orphan it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        run_simple("127.0.0.1", port, app, threaded=True, use_reloader=False)
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
