"""``jaartaak create-organisation`` and ``jaartaak create-user``."""

from __future__ import annotations

import click
from sqlalchemy import select

from jaartaak.cli.base import CommandError, cli, cli_session, require_current_schema
from jaartaak.models import Employee, Organisation, Role, School
from jaartaak.services import accounts, organisations
from jaartaak.services.errors import Refused


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
    require_current_schema()
    with cli_session("create-organisation") as session:
        try:
            board = organisations.create_organisation(session, name)
        except Refused as error:
            raise CommandError(str(error)) from None
    click.echo(f"Bestuur '{board.name}' aangemaakt.")


@cli.command("create-user", help="Maak een gebruiker aan, eventueel met een rol.")
@click.argument("username")
@click.option("--name", "display_name", default="", help="Volledige naam.")
@click.option("--email", default=None)
@click.option(
    "--password",
    prompt="Wachtwoord",
    hide_input=True,
    confirmation_prompt=True,
    help="Liever weglaten: dan wordt erom gevraagd en staat het niet in ps of de geschiedenis.",
)
@click.option("--organisation", "organisation_name", help="Bestuur waar de gebruiker bij hoort.")
@click.option("--role", type=click.Choice([r.value for r in Role]), help="Rol om toe te kennen.")
@click.option("--school", "school_name", help="School voor de rol (leeg: alle scholen).")
@click.option("--employee", "employee_code", help="Code van de gekoppelde medewerker.")
def create_user(
    username, display_name, email, password, organisation_name, role, school_name, employee_code
) -> None:
    require_current_schema()
    if not organisation_name:
        raise CommandError("Geef met --organisation aan bij welk bestuur de gebruiker hoort.")
    if school_name and not role:
        raise CommandError("--school hoort bij een rol: geef ook --role op.")
    with cli_session("create-user") as session:
        board = _organisation(session, organisation_name)
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
