"""The ``jaartaak`` command group and what every command shares."""

from __future__ import annotations

import copy

import click
from flask import current_app
from flask.cli import FlaskGroup, ScriptInfo, routes_command, shell_command
from sqlalchemy.exc import OperationalError

from jaartaak.db import migrate
from jaartaak.db.audit import Actor


def _create_app():
    from jaartaak.app import create_app

    return create_app()


class CommandError(click.ClickException):
    """A refusal with a Dutch message, shown as ``Fout: …`` (click would say ``Error:``)."""

    def show(self, file=None) -> None:
        click.echo(f"Fout: {self.format_message()}", err=True)


class JaartaakGroup(FlaskGroup):
    """The command group; an unreachable database is one Dutch line, not a traceback.

    Flask's --app, --env-file and --debug options mean nothing here (the app and its settings
    come from create_app and JAARTAAK_*), and its `run` would start a server without a worker
    next to `jaartaak demo`; the developer tools `shell` and `routes` stay.
    """

    FLASK_ONLY_OPTIONS = frozenset({"app", "env_file", "debug"})

    def __init__(self, **kwargs) -> None:
        super().__init__(add_default_commands=False, add_version_option=False, **kwargs)
        self.params = [p for p in self.params if p.name not in self.FLASK_ONLY_OPTIONS]
        for command, text in (
            (shell_command, "(Ontwikkelaars) Een Python-shell met de app geladen."),
            (routes_command, "(Ontwikkelaars) Toon alle adressen (routes) van de app."),
        ):
            dutch = copy.copy(command)  # a copy: Flask's own command objects stay untouched
            dutch.help = dutch.short_help = text
            self.add_command(dutch)

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
    help="jaartaak: jaartaak en persoonlijk budget volgens de CAO VO.",
    options_metavar="[OPTIES]",
    subcommand_metavar="COMMANDO [ARGUMENTEN]...",
)
@click.version_option(
    package_name="jaartaak", message="%(prog)s %(version)s", help="Toon de versie en stop."
)
def cli() -> None:
    pass


def state():
    return current_app.extensions["jaartaak"]


def cli_session(command: str):
    """A session whose changes are audited as made by ``cli:<command>``."""
    return state().database.session(actor=Actor(None, f"cli:{command}"))


def require_current_schema() -> None:
    engine = state().database.engine
    schema = migrate.schema_state(engine)
    if schema is not migrate.SchemaState.CURRENT:
        raise CommandError(migrate.schema_message(engine, schema))
