"""``jaartaak token create|list|revoke``: API tokens for the REST API (docs/api.md)."""

from __future__ import annotations

import click

from jaartaak.cli.base import CommandError, cli, cli_session, require_current_schema
from jaartaak.services import accounts, api_tokens


@cli.group("token", help="API-tokens voor de REST-API (/api/v1) maken, tonen en intrekken.")
def token_group() -> None:
    pass


def _user(session, username: str):
    user = accounts.find_user(session, username)
    if user is None:
        raise CommandError(f"Gebruiker '{username}' bestaat niet.")
    return user


def _moment(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"


@token_group.command(
    "create",
    help="Maak een token voor een gebruiker; het token staat op de "
    "laatste regel en wordt maar één keer getoond.",
)
@click.option("--user", "username", required=True, help="Gebruikersnaam.")
@click.option("--naam", "name", default="", help="Omschrijving, bijvoorbeeld waar het voor is.")
def create(username: str, name: str) -> None:
    require_current_schema()
    with cli_session("token create") as session:
        user = _user(session, username)
        if not user.active:
            raise CommandError(f"Gebruiker '{username}' is gedeactiveerd.")
        new = api_tokens.create_token(session, user, name)
        prefix, token_id = new.token.prefix, new.token.id
    click.echo(f"Token {token_id} ({prefix}…) gemaakt voor {username}.")
    click.echo("Bewaar het nu: het wordt niet opgeslagen en niet nog eens getoond.")
    click.echo("Gebruik: Authorization: Bearer <token>")
    click.echo(new.text)


@token_group.command("list", help="Toon de tokens (prefix, gebruiker, gemaakt, laatst gebruikt).")
@click.option("--user", "username", default=None, help="Alleen de tokens van deze gebruiker.")
def list_tokens(username: str | None) -> None:
    require_current_schema()
    with cli_session("token list") as session:
        user = _user(session, username) if username else None
        rows = [
            (
                str(t.id),
                t.prefix,
                t.user.username,
                t.name or "-",
                _moment(t.created_at),
                _moment(t.last_used_at),
                _moment(t.revoked_at) if t.revoked_at else "nee",
            )
            for t in api_tokens.tokens(session, user)
        ]
    if not rows:
        click.echo("Geen tokens.")
        return
    header = ("id", "prefix", "gebruiker", "naam", "gemaakt", "laatst gebruikt", "ingetrokken")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        click.echo(line.rstrip())


@token_group.command(
    "revoke", help="Trek een token in (op id of prefix); het werkt daarna niet meer."
)
@click.argument("prefix_or_id")
def revoke(prefix_or_id: str) -> None:
    require_current_schema()
    with cli_session("token revoke") as session:
        try:
            token = api_tokens.revoke(session, prefix_or_id)
        except api_tokens.TokenRefused as error:
            raise CommandError(str(error)) from None
        token_id, prefix, username = token.id, token.prefix, token.user.username
    click.echo(f"Token {token_id} ({prefix}…) van {username} is ingetrokken.")
