"""The ``jaartaak`` command: database, accounts, demo data, the worker and the demo server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, ScriptInfo
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from jaartaak.config import ConfigError
from jaartaak.db import migrate
from jaartaak.db.audit import Actor
from jaartaak.models import Employee, Organisation, Role, School
from jaartaak.services import accounts
from jaartaak.services.demo import DemoLogin, demo_exists, seed_demo

DEMO_LOGINS_FILE = "demo-logins.json"


def _create_app():
    from jaartaak.app import create_app

    return create_app()


class CommandError(click.ClickException):
    """A refusal with a Dutch message, shown as ``Fout: …`` (click would say ``Error:``)."""

    def show(self, file=None) -> None:
        click.echo(f"Fout: {self.format_message()}", err=True)


class JaartaakGroup(FlaskGroup):
    """The command group; an unreachable database is one Dutch line, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OperationalError as error:
            app = ctx.ensure_object(ScriptInfo).load_app()
            url = app.extensions["jaartaak"].database.safe_url
            reason = str(error.orig or error).splitlines()[0]
            raise CommandError(
                f"geen verbinding met de database {url} (JAARTAAK_DATABASE_URL): {reason}"
            ) from None


@click.group(
    cls=JaartaakGroup,
    create_app=_create_app,
    add_default_commands=True,
    help="jaartaak: jaartaak en persoonlijk budget volgens de CAO VO.",
)
def cli() -> None:
    pass


def _state():
    return current_app.extensions["jaartaak"]


def _cli_session(command: str):
    return _state().database.session(actor=Actor(None, f"cli:{command}"))


# --- database ---------------------------------------------------------------------------------


@cli.group("db", help="Het databaseschema bijwerken en bekijken.")
def db_group() -> None:
    pass


@db_group.command("upgrade", help="Werk de database bij naar de nieuwste versie.")
def db_upgrade() -> None:
    engine = _state().database.engine
    migrate.upgrade(engine)
    click.echo(f"Database bijgewerkt ({', '.join(sorted(migrate.current_revisions(engine)))}).")


@db_group.command("current", help="Toon de versie van de database en of die bij is.")
def db_current() -> None:
    engine = _state().database.engine
    current = ", ".join(sorted(migrate.current_revisions(engine))) or "leeg"
    head = ", ".join(sorted(migrate.head_revisions(engine)))
    click.echo(f"database: {current}; nieuwste: {head}")
    if not migrate.is_up_to_date(engine):
        click.echo("De database is niet bij: voer `jaartaak db upgrade` uit.")
        sys.exit(1)


@db_group.command("revision", help="(Ontwikkelaars) Maak een migratie uit de gewijzigde modellen.")
@click.argument("message")
def db_revision(message: str) -> None:
    engine = _state().database.engine
    if not migrate.is_up_to_date(engine):
        raise CommandError("Werk de database eerst bij met `jaartaak db upgrade`.")
    revision = migrate.new_revision(engine, message)
    click.echo(f"Migratie {revision} gemaakt in jaartaak/migrations/versions/; lees hem na.")


def _require_current_schema() -> None:
    if not migrate.is_up_to_date(_state().database.engine):
        raise CommandError("De database is niet bij: voer eerst `jaartaak db upgrade` uit.")


# --- accounts ---------------------------------------------------------------------------------


def _organisation(session, name: str) -> Organisation:
    board = session.scalar(select(Organisation).where(Organisation.name == name))
    if board is None:
        known = ", ".join(session.scalars(select(Organisation.name))) or "geen"
        raise CommandError(
            f"Bestuur '{name}' bestaat niet (bekend: {known}). "
            "Maak het met `jaartaak create-organisation`."
        )
    return board


@cli.command("create-organisation", help="Maak een bestuur (organisatie) aan.")
@click.argument("name")
def create_organisation(name: str) -> None:
    _require_current_schema()
    with _cli_session("create-organisation") as session:
        if session.scalar(select(Organisation).where(Organisation.name == name.strip())):
            raise CommandError(f"Bestuur '{name}' bestaat al.")
        session.add(Organisation(name=name.strip()))
    click.echo(f"Bestuur '{name}' aangemaakt.")


@cli.command("create-user", help="Maak een gebruiker aan, eventueel met een rol.")
@click.argument("username")
@click.option("--name", "display_name", default="", help="Volledige naam.")
@click.option("--email", default=None)
@click.option(
    "--password",
    prompt="Wachtwoord",
    hide_input=True,
    confirmation_prompt=True,
    help="Wordt gevraagd als u het weglaat.",
)
@click.option("--organisation", "organisation_name", help="Bestuur waar de gebruiker bij hoort.")
@click.option("--role", type=click.Choice([r.value for r in Role]), help="Rol om toe te kennen.")
@click.option("--school", "school_name", help="School voor de rol (leeg: alle scholen).")
@click.option("--employee", "employee_code", help="Code van de gekoppelde medewerker.")
def create_user(
    username, display_name, email, password, organisation_name, role, school_name, employee_code
) -> None:
    _require_current_schema()
    if (role or school_name or employee_code) and not organisation_name:
        raise CommandError("Geef met --organisation aan bij welk bestuur de rol hoort.")
    with _cli_session("create-user") as session:
        board = _organisation(session, organisation_name) if organisation_name else None
        school = employee = None
        if school_name:
            school = session.scalar(
                select(School).where(School.organisation_id == board.id, School.name == school_name)
            )
            if school is None:
                raise CommandError(f"School '{school_name}' bestaat niet bij {board.name}.")
        if employee_code:
            employee = session.scalar(
                select(Employee).where(
                    Employee.organisation_id == board.id, Employee.code == employee_code
                )
            )
            if employee is None:
                raise CommandError(f"Medewerker met code '{employee_code}' bestaat niet.")
        try:
            user = accounts.create_user(
                session,
                username,
                password,
                display_name=display_name or username,
                email=email,
                organisation=board,
                employee=employee,
            )
            if role:
                accounts.grant_role(session, user, Role(role), board, school)
        except accounts.AccountError as error:
            raise CommandError(str(error)) from None
    click.echo(f"Gebruiker '{user.username}' aangemaakt" + (f" met rol {role}." if role else "."))


# --- demo -------------------------------------------------------------------------------------


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
    for login in json.loads(path.read_text(encoding="utf-8")):
        click.echo(f"  {login['username']:<10} {login['password']:<18} {login['description']}")


@cli.command(
    "seed-demo", help="Laad het demobestuur 'Demo Scholengroep' (doet niets als het er al is)."
)
@click.option(
    "--password",
    default=None,
    help="Eén wachtwoord voor alle demo-logins (standaard: elk een eigen).",
)
def seed_demo_command(password: str | None) -> None:
    _require_current_schema()
    with _cli_session("seed-demo") as session:
        try:
            logins = seed_demo(session, date.today(), password)
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


@cli.command("demo", help="Bijwerken, zo nodig demogegevens laden, en de app starten op 127.0.0.1.")
def demo() -> None:
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    migrate.upgrade(_state().database.engine)
    with _cli_session("demo") as session:
        empty = not demo_exists(session) and session.scalar(select(Organisation.id)) is None
    if empty:
        with _cli_session("demo") as session:
            _save_logins(seed_demo(session, date.today()))
        click.echo("Demobestuur 'Demo Scholengroep' geladen.")
    _print_logins()
    port = app.config["PORT"]
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


# --- worker -----------------------------------------------------------------------------------


@cli.command("worker", help="Voer achtergrondtaken uit (huey-consumer).")
@click.option("--workers", default=2, show_default=True, help="Aantal gelijktijdige taken.")
@click.option(
    "--worker-type",
    type=click.Choice(["process", "thread"]),
    default="process",
    show_default=True,
    help="Processen gebruiken alle cores; threads zijn lichter.",
)
def worker_command(workers: int, worker_type: str) -> None:
    _require_current_schema()
    state = _state()
    state.database.dispose()  # forked workers must not share the parent's connections
    click.echo(f"Wachtrij: {state.queue.backend}; {workers} {worker_type}-workers.")
    state.queue.huey.create_consumer(workers=workers, worker_type=worker_type, periodic=False).run()


def main() -> None:
    """Console entry point: configuration errors are printed as one Dutch line, not a traceback."""
    try:
        cli.main(prog_name="jaartaak")
    except ConfigError as error:
        click.echo(f"Configuratiefout: {error}", err=True)
        sys.exit(2)
