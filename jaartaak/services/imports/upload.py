"""Imports in two steps: check and preview, then apply what the planner saw.

The uploaded file is kept (a ``StoredFile`` owned by the uploader) between the preview and the
confirmation, so the planner does not upload it twice and the rows applied are exactly the rows
previewed: :func:`apply_import` checks the stored file again and refuses if anything is wrong.

An import is an :class:`Importer`: the columns it reads, and two functions. ``check`` turns the
table into a :class:`Preview` (what would happen per row, and the problems); ``apply`` writes a
preview without problems. Nothing is written while any problem exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jaartaak.db.base import utcnow
from jaartaak.models import School, Schooljaar, StoredFile
from jaartaak.services.errors import Refused
from jaartaak.services.imports.table import (
    MAX_BYTES,
    FileRefused,
    ImportProblems,
    Table,
    read_table,
)

UPLOAD_CONTENT_TYPE = "application/x-jaartaak-import"
#: How long an uploaded file waits for its confirmation.
UPLOAD_LIFETIME = timedelta(hours=12)

#: What happens to a row: shown in the preview, counted in the result message.
ACTIONS = {"nieuw": "nieuw", "bijwerken": "bijwerken", "ongewijzigd": "ongewijzigd"}


@dataclass(frozen=True)
class Target:
    """Where an import goes: the planner's school and schooljaar."""

    school: School
    schooljaar: Schooljaar | None


@dataclass
class PreviewRow:
    number: int
    action: str
    cells: list[str]
    #: Whatever ``apply`` needs for this row (parsed values, the record to update).
    payload: Any = None


def action_for(stored: tuple | None, incoming: tuple) -> str:
    """A row's action: "nieuw" without a stored record, else whether its values change."""
    if stored is None:
        return "nieuw"
    return "ongewijzigd" if stored == incoming else "bijwerken"


@dataclass
class Preview:
    headers: list[str]
    rows: list[PreviewRow] = field(default_factory=list)
    problems: ImportProblems = field(default_factory=ImportProblems)
    #: What the rows do not show, said before confirming (lessons a replace will remove).
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            result[row.action] += 1
        return result


@dataclass(frozen=True)
class Importer:
    """One kind of import into a :class:`Target`."""

    key: str
    title: str
    required: list[str]
    optional: list[str]
    example: str  # file name under docs/voorbeelden/
    explanation: str
    check: Callable[[Session, Target, Table], Preview]
    apply: Callable[[Session, Target, Preview], None]


def keep_upload(session: Session, user_id: int, filename: str, data: bytes) -> StoredFile:
    """Store the file until it is imported or expires; older expired uploads are removed."""
    session.execute(
        delete(StoredFile).where(
            StoredFile.content_type == UPLOAD_CONTENT_TYPE,
            StoredFile.created_at < utcnow() - UPLOAD_LIFETIME,
        )
    )
    stored = StoredFile(
        filename=filename[:200],
        content_type=UPLOAD_CONTENT_TYPE,
        size=len(data),
        data=data,
        owner_user_id=user_id,
    )
    session.add(stored)
    session.flush()
    return stored


def _stored(session: Session, user_id: int, file_id: int) -> StoredFile:
    stored = session.scalar(
        select(StoredFile).where(
            StoredFile.id == file_id,
            StoredFile.owner_user_id == user_id,
            StoredFile.content_type == UPLOAD_CONTENT_TYPE,
        )
    )
    if stored is None:
        raise Refused("Het geüploade bestand is niet meer beschikbaar; upload het opnieuw.")
    return stored


def preview_import(
    session: Session,
    importer: Importer,
    target: Target,
    filename: str,
    data: bytes,
    max_bytes: int = MAX_BYTES,
) -> Preview:
    """Read and check a file; raises ``FileRefused`` when the file as a whole is unusable."""
    table = read_table(data, filename, importer.required, importer.optional, max_bytes)
    return importer.check(session, target, table)


def preview_stored(
    session: Session,
    importer: Importer,
    target: Target,
    user_id: int,
    file_id: int,
    max_bytes: int = MAX_BYTES,
) -> tuple[StoredFile, Preview]:
    stored = _stored(session, user_id, file_id)
    try:
        preview = preview_import(session, importer, target, stored.filename, stored.data, max_bytes)
    except FileRefused as error:
        raise Refused(str(error)) from error
    return stored, preview


def apply_import(
    session: Session,
    importer: Importer,
    target: Target,
    user_id: int,
    file_id: int,
    max_bytes: int = MAX_BYTES,
) -> dict[str, int]:
    """Apply the stored file if it still checks out; returns the counts per action."""
    stored, preview = preview_stored(session, importer, target, user_id, file_id, max_bytes)
    if preview.problems:
        raise Refused(
            "Er is niets geïmporteerd: het bestand bevat fouten "
            f"({len(preview.problems.problems)}). Verbeter ze en upload het opnieuw."
        )
    importer.apply(session, target, preview)
    session.delete(stored)
    return preview.counts()
