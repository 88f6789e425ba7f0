"""``jaartaak db``: bring the schema up to date, show its version, make a migration."""

from __future__ import annotations

import sys

import click

from jaartaak.cli.base import CommandError, cli, state
from jaartaak.db import migrate


@cli.group("db", help="Het databaseschema bijwerken en bekijken.")
def db_group() -> None:
    pass


@db_group.command("upgrade", help="Werk de database bij naar de nieuwste versie.")
def db_upgrade() -> None:
    engine = state().database.engine
    try:
        migrate.upgrade(engine)
    except migrate.SchemaError as error:
        raise CommandError(str(error)) from None
    click.echo(f"Database bijgewerkt ({', '.join(sorted(migrate.current_revisions(engine)))}).")


@db_group.command("current", help="Toon de versie van de database en of die bij is.")
def db_current() -> None:
    engine = state().database.engine
    current = ", ".join(sorted(migrate.current_revisions(engine))) or "leeg"
    head = ", ".join(sorted(migrate.head_revisions(engine)))
    click.echo(f"database: {current}; nieuwste: {head}")
    schema = migrate.schema_state(engine)
    if schema is not migrate.SchemaState.CURRENT:
        click.echo(migrate.schema_message(engine, schema))
        sys.exit(1)


@db_group.command("revision", help="(Ontwikkelaars) Maak een migratie uit de gewijzigde modellen.")
@click.argument("message")
def db_revision(message: str) -> None:
    engine = state().database.engine
    if not migrate.is_up_to_date(engine):
        raise CommandError("Werk de database eerst bij met `jaartaak db upgrade`.")
    revision = migrate.new_revision(engine, message)
    click.echo(f"Migratie {revision} gemaakt in jaartaak/migrations/versions/; lees hem na.")
