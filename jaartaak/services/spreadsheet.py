"""Helpers for files that people open in Excel or LibreOffice."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection: a text starting with = + - @ gets a quote.

    Numbers stay numbers; only text that a spreadsheet would execute is escaped.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    """CSV as Dutch Excel opens it: semicolons, UTF-8 with a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
