"""Alembic environment: the engine is handed in by :mod:`jaartaak.db.migrate`."""

from __future__ import annotations

from alembic import context

import jaartaak.models  # noqa: F401  (registers every table on the metadata)
from jaartaak.db import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `jaartaak db upgrade`.")
run_migrations()
