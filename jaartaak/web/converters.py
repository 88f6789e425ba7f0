"""URL converters: ids in URLs stay within what the database can hold."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

#: The largest value of a 32-bit signed INTEGER column (PostgreSQL's integer, SQLite is wider).
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<id:employee_id>``: a positive integer a table can hold; anything else is a plain 404.

    A larger number would otherwise reach the database and fail there (a crash page).
    """

    def __init__(self, map, **kwargs) -> None:
        super().__init__(map, min=1, max=MAX_ID)
