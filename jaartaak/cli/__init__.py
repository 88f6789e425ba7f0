"""The ``jaartaak`` command: database, accounts, demo data, the worker and the demo server."""

from __future__ import annotations

import sys

import click

from jaartaak.cli import accounts, database, demo, worker  # noqa: F401  (they register commands)
from jaartaak.cli.base import cli
from jaartaak.config import ConfigError

__all__ = ["cli", "main"]


def main() -> None:
    """Console entry point: configuration errors are printed as one Dutch line, not a traceback."""
    try:
        cli.main(prog_name="jaartaak")
    except ConfigError as error:
        click.echo(f"Configuratiefout: {error}", err=True)
        sys.exit(2)
