"""``jaartaak payroll close YYYY-MM``: close a payroll month from the terminal (or a scheduler),
exactly as the button on the Salarismaand page does; ``jaartaak settle --date``: apply the
time-driven steps due by a day (:mod:`jaartaak.services.afwikkeling`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import click
from sqlalchemy import select

from jaartaak.cli.base import CommandError, cli, cli_session, require_current_schema, state
from jaartaak.domain.periods import Month
from jaartaak.models import Organisation
from jaartaak.services import afwikkeling, salarismaand
from jaartaak.services.errors import Refused


@cli.group("payroll", help="Salarismaanden: afsluiten.")
def payroll() -> None:
    """The payroll commands."""


def _organisation(session, name: str | None) -> Organisation:
    boards = list(session.scalars(select(Organisation).order_by(Organisation.name)))
    if name is None:
        if len(boards) == 1:
            return boards[0]
        known = ", ".join(b.name for b in boards) or "geen"
        raise CommandError(f"Geef met --organisatie aan welke organisatie (bekend: {known}).")
    found = next((b for b in boards if b.name == name), None)
    if found is None:
        known = ", ".join(b.name for b in boards) or "geen"
        raise CommandError(f"Organisatie '{name}' bestaat niet (bekend: {known}).")
    return found


@payroll.command("close", help="Sluit een salarismaand af (YYYY-MM): de regels liggen dan vast.")
@click.argument("maand")
@click.option("--organisatie", "organisation_name", help="Naam van de organisatie.")
def close(maand: str, organisation_name: str | None) -> None:
    require_current_schema()
    try:
        month = Month.parse(maand)
    except ValueError as error:
        raise CommandError(str(error)) from None
    with cli_session("payroll close") as session:
        board = _organisation(session, organisation_name)
        try:
            done = salarismaand.sluit(
                session, board.id, month, None, state().schemes, date.today(), datetime.now(UTC)
            )
        except salarismaand.AlAfgesloten as already:
            click.echo(str(already))  # closing twice is harmless: nothing changes, exit 0
            return
        except Refused as error:
            raise CommandError(str(error)) from None
        lines, total = len(done.regels), sum((r.bedrag for r in done.regels), salarismaand.ZERO)
    click.echo(f"{board.name}: {month.code} afgesloten met {lines} regels, totaal {total:.2f}.")


@cli.command(
    "settle",
    help="Pas de tijdgebonden stappen toe die op een dag verschuldigd zijn (standaardkeuzes na "
    "een deadline, verval, omzetting, uitbetalingen) en leg ze per medewerker vast. Twee keer "
    "draaien verandert de tweede keer niets.",
)
@click.option(
    "--date",
    "day_text",
    default=None,
    help="De dag, JJJJ-MM-DD (standaard vandaag).",
)
def settle(day_text: str | None) -> None:
    require_current_schema()
    try:
        day = date.fromisoformat(day_text) if day_text else date.today()
    except ValueError:
        raise CommandError(f"'{day_text}' is geen datum; schrijf JJJJ-MM-DD.") from None
    with cli_session("settle") as session:
        verslag = afwikkeling.settle(session, state().schemes, day)
    click.echo(
        f"Afgewikkeld tot en met {day.isoformat()}: {verslag.bekeken} medewerker-perioden "
        f"bekeken, {verslag.vastgelegd} vastgelegd, {verslag.meldingen} meldingen verstuurd."
    )
    for problem in verslag.geweigerd:
        click.echo(f"Niet afgewikkeld: {problem}")
