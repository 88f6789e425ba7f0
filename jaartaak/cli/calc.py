"""``jaartaak calc FILE``: the calc contract on the command line (FILE ``-`` is standard input).

Exit 0 when the result has no errors, 2 when it has errors (the JSON is still printed), 1 when
the calculation itself crashed (a bug: the traceback goes to standard error).
"""

from __future__ import annotations

import sys
import traceback

import click

from jaartaak.cli.base import CommandError, cli
from jaartaak.domain import calc
from jaartaak.plugins import PluginError, load_registry
from jaartaak.services.calc import run_calc


@cli.command(
    "calc",
    with_appcontext=False,
    help="Reken een scenario door volgens het rekencontract en druk het resultaat af als JSON "
    "(FILE - leest standaardinvoer).",
)
@click.argument("file", type=click.File("rb"))
def calc_command(file) -> None:
    text = file.read()
    try:
        registry = load_registry()
    except PluginError as error:
        raise CommandError(str(error)) from None
    for failure in registry.failures:
        click.echo(f"Let op: {failure.summary}", err=True)
    try:
        result = run_calc(text, registry)
    except Exception:
        click.echo(
            "Fout: de berekening is onverwacht mislukt; dit is een fout in jaartaak of in "
            "de plugin van deze regeling. Details:",
            err=True,
        )
        traceback.print_exc()
        sys.exit(1)
    click.echo(calc.dumps(result), nl=False)
    sys.exit(0 if result.ok else 2)
