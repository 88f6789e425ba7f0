"""The payroll export: one stable column layout for CSV and XLSX (docs/salarisexport.md).

The columns never change meaning or order; new columns are only ever added at the end, so an
import definition in AFAS, Youforce or Loket keeps working. In the CSV an amount has a point as
decimal separator (``-929.70``): payroll systems read it as a number. Every text cell passes
:func:`~jaartaak.services.spreadsheet.safe_cell` against formula injection; amounts are numbers,
not text, and are left as they are.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jaartaak.services.salarismaand import Salarismaand, Salarisregel
from jaartaak.services.spreadsheet import csv_bytes, safe_cell

#: (header, attribute, XLSX number format, XLSX width) — the documented, stable layout.
COLUMNS = (
    ("maand", None, "@", 9),
    ("personeelsnummer", "personeelsnummer", "@", 16),
    ("naam", "naam", "@", 28),
    ("school", "school", "@", 24),
    ("regeling", "regeling", "@", 20),
    ("looncode", "looncode", "@", 32),
    ("bedrag", "bedrag", "#,##0.00", 12),
    ("pensioengevend", "pensioengevend", "@", 14),
    ("omschrijving", "omschrijving", "@", 60),
    ("correctie_van", "correctie_van", "@", 13),
)
HEADER = [column[0] for column in COLUMNS]


def _values(view: Salarismaand, regel: Salarisregel) -> list:
    values = []
    for _header, attribute, _format, _width in COLUMNS:
        value = view.month.code if attribute is None else getattr(regel, attribute)
        if isinstance(value, bool):
            value = "ja" if value else "nee"
        values.append("" if value is None else value)
    return values


def filename(view: Salarismaand, organisation: str, extension: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in organisation).strip("-").lower()
    return f"salaris-{safe}-{view.month.code}.{extension}"


def csv_export(view: Salarismaand) -> bytes:
    return csv_bytes(HEADER, (_values(view, regel) for regel in view.regels))


def xlsx_export(view: Salarismaand, organisation: str) -> bytes:
    """The same columns as the CSV in a workbook: amounts as numeric cells, a totals row per
    payroll code below the lines."""
    book = Workbook()
    sheet = book.active
    sheet.title = view.month.code
    sheet.append(HEADER)
    for regel in view.regels:
        sheet.append([safe_cell(value) for value in _values(view, regel)])
    sheet.append([])
    status = "afgesloten" if view.closed else "open (nog niet afgesloten)"
    sheet.append([safe_cell(f"Totalen {organisation} {view.month.code}, {status}")])
    for code, total in view.totals.items():
        sheet.append(["", "", "", "", "", safe_cell(code), total])
    sheet.append(["", "", "", "", "", "Totaal", view.total])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (_header, _attribute, number_format, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if number_format != "@" or isinstance(cell.value, str):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
