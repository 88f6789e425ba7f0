"""The ``jaartaak`` command: database, accounts, demo data, the worker and the demo server."""

from __future__ import annotations

import os
import sys

import click

# Imported for their side effect: each module registers its commands on `cli`.
from jaartaak.cli import (  # noqa: F401
    accounts,
    calc,
    database,
    demo,
    payroll,
    plugins,
    tokens,
    worker,
)
from jaartaak.cli.base import cli
from jaartaak.cli.dutch import install as install_dutch
from jaartaak.config import ConfigError

__all__ = ["cli", "main"]


def main() -> None:
    """Console entry point: click speaks Dutch, configuration errors are one Dutch line.

    LANGUAGE is only set when the user has not set it, so ``LANGUAGE=en jaartaak …`` keeps
    click's English. It is set in the environment (not just for this process's gettext) so
    the worker that ``jaartaak demo`` starts speaks Dutch as well.
    """
    os.environ.setdefault("LANGUAGE", "nl")
    install_dutch()
    try:
        cli.main(prog_name="jaartaak")
    except ConfigError as error:
        click.echo(f"Configuratiefout: {error}", err=True)
        sys.exit(2)
