"""Alembic, driven from code: the migrations ship inside the package (``jaartaak/migrations``)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

SCRIPT_LOCATION = "jaartaak:migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["engine"] = engine
    return config


def head_revisions(engine: Engine) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def is_up_to_date(engine: Engine) -> bool:
    """True when the database is at the newest migration of this version of the code."""
    return current_revisions(engine) == head_revisions(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def next_revision_id(engine: Engine) -> str:
    """Migrations are numbered 0001, 0002, ... so their order is visible in the file names."""
    numbers = [int(rev) for rev in head_revisions(engine) if rev.isdigit()]
    return f"{max(numbers, default=0) + 1:04d}"


def new_revision(engine: Engine, message: str) -> str:
    """Autogenerate a migration from the difference between the models and ``engine``'s schema."""
    revision_id = next_revision_id(engine)
    command.revision(alembic_config(engine), message=message, autogenerate=True, rev_id=revision_id)
    return revision_id
