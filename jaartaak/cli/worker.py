"""``jaartaak worker``: the huey consumer that runs background jobs."""

from __future__ import annotations

import click

from jaartaak.cli.base import cli, require_current_schema, state
from jaartaak.heap import freeze_loaded


@cli.command("worker", help="Voer achtergrondtaken uit (huey-consumer).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Aantal gelijktijdige taken.",
)
@click.option(
    "--worker-type",
    type=click.Choice(["process", "thread"]),
    default="process",
    show_default=True,
    help="Processen gebruiken alle cores; threads zijn lichter.",
)
def worker_command(workers: int, worker_type: str) -> None:
    require_current_schema()
    app_state = state()
    app_state.database.dispose()  # forked workers must not share the parent's connections
    freeze_loaded()  # the loaded app lives as long as the worker: out of the collector's passes
    click.echo(f"Wachtrij: {app_state.queue.backend}; {workers} {worker_type}-workers.")
    app_state.queue.huey.create_consumer(
        workers=workers, worker_type=worker_type, periodic=False, max_delay=1.0
    ).run()
