"""Alembic, driven from code: the migrations ship inside the package (``jaartaak/migrations``)."""

from __future__ import annotations

from enum import StrEnum

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


class SchemaState(StrEnum):
    CURRENT = "current"
    BEHIND = "behind"
    NEWER = "newer"  # migrated by a newer version of jaartaak than this one


class SchemaError(RuntimeError):
    """The database cannot be used with this version of the code; the message says what to do."""


def schema_state(engine: Engine) -> SchemaState:
    script = ScriptDirectory.from_config(alembic_config(engine))
    known = {revision.revision for revision in script.walk_revisions()}
    current = current_revisions(engine)
    if current - known:
        return SchemaState.NEWER
    return SchemaState.CURRENT if current == set(script.get_heads()) else SchemaState.BEHIND


def schema_message(engine: Engine, state: SchemaState) -> str:
    """What a person must do about ``state``, in Dutch."""
    if state is SchemaState.NEWER:
        revisions = ", ".join(sorted(current_revisions(engine)))
        return (
            "De database is bijgewerkt door een nieuwere versie van jaartaak "
            f"(revisie {revisions}). Installeer die versie; deze versie kan de database niet "
            "gebruiken."
        )
    return "De database is niet bij: voer `jaartaak db upgrade` uit."


def is_up_to_date(engine: Engine) -> bool:
    """True when the database is at the newest migration of this version of the code."""
    return schema_state(engine) is SchemaState.CURRENT


def upgrade(engine: Engine, revision: str = "head") -> None:
    state = schema_state(engine)
    if state is SchemaState.NEWER:
        raise SchemaError(schema_message(engine, state))
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
