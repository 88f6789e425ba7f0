"""Reading an uploaded CSV or XLSX file into rows, and the problems found in them.

Every import reads its file through :func:`read_table`, checks every row with a :class:`RowReader`
and only writes when :class:`ImportProblems` is empty: one bad row imports nothing. Row numbers
are the numbers a spreadsheet shows (the header is row 1), so a planner can find the cell.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

MB = 1024 * 1024
#: The largest file :func:`read_table` reads unless told otherwise (``UPLOAD_MAX_MB`` on the web).
MAX_BYTES = 5 * MB
MAX_ROWS = 20_000
#: Rows read from a worksheet, empty ones included, before the file is refused as too long.
MAX_XLSX_ROWS = 5 * MAX_ROWS
XLSX_MAGIC = b"PK\x03\x04"
FORMULAS_SHOWN = 10
SAVE_AS = (
    "Sla het bestand op als 'CSV UTF-8 (door komma's gescheiden)' of als Excel-werkmap (.xlsx) "
    "en upload het opnieuw."
)
#: A multi-byte UTF-8 sequence (é is C3 A9): in a file that is not valid UTF-8 it means the file
#: mixes UTF-8 with another encoding.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
#: Characters no text file of ours contains (tab, line feed and carriage return are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

log = logging.getLogger(__name__)


def megabytes(size: int) -> str:
    """A size limit as people read it: "5 MB", "0,5 MB"."""
    text = f"{size / MB:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} MB"


class FileRefused(ValueError):
    """The file as a whole cannot be read (not CSV or XLSX, empty, too large, wrong columns)."""


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"rij {self.row}" + (f", kolom '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportProblems:
    problems: list[Problem] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(row, column, message))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __iter__(self):
        return iter(sorted(self.problems, key=lambda p: (p.row, p.column)))


@dataclass(frozen=True)
class Table:
    """The header (lower-cased, trimmed) and the non-empty data rows with their row numbers."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str | Decimal | date | None]]]


def _normal(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_")


def _row_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decoded(data: bytes) -> str:
    """The text of a CSV file, or a refusal that says why it is not readable text.

    Accepted: UTF-8 (with or without byte order mark: "CSV UTF-8" in Excel), UTF-16 with a byte
    order mark (Excel's "Unicode-tekst", tab-separated) and Windows-1252 (Excel's plain "CSV"
    on Dutch Windows; Latin-1 text reads the same). A file that is mostly UTF-8 with a few bytes
    in another encoding is refused rather than read as Windows-1252: every é in it would turn
    into Ã© without anyone noticing.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRefused(
                "Het bestand begint als UTF-16-tekst, maar is dat verderop niet. " + SAVE_AS
            ) from None
    if (nul := data.find(b"\x00")) >= 0:
        raise FileRefused(
            f"Rij {_row_of(data, nul)} bevat een nul-byte: dit is geen "
            "CSV-bestand (misschien UTF-16 zonder byte order mark, of een binair bestand). "
            + SAVE_AS
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = error.start
    if _UTF8_SEQUENCE.search(data):
        raise FileRefused(
            f"Rij {_row_of(data, bad)} is geen geldige UTF-8-tekst (byte 0x{data[bad]:02X}), "
            "terwijl de rest van het bestand UTF-8 is: het bestand mengt twee coderingen. "
            + SAVE_AS
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileRefused(
            f"Rij {_row_of(data, error.start)} bevat een teken dat in UTF-8 noch in Windows-1252 "
            f"bestaat (byte 0x{data[error.start]:02X}). " + SAVE_AS
        ) from None


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decoded(data)
    if control := _CONTROL.search(text):
        row = text.count("\n", 0, control.start()) + 1
        raise FileRefused(
            f"Rij {row} bevat een stuurteken (U+{ord(control.group()):04X}) dat in geen "
            "CSV-bestand hoort: dit lijkt geen tekstbestand. " + SAVE_AS
        )
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";"
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _cell(value: object) -> str | Decimal | date | None:
    """An XLSX cell as text, exact Decimal or date; floats go through their shortest repr.

    A formula comes as its text (``=B2*2``), never as the value Excel stored with it: that
    value may be stale, and files from other programs have none.
    """
    if value is None:
        return None
    if isinstance(value, ArrayFormula | DataTableFormula):
        return str(value.text or "=")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return str(value)


def _damaged(error: Exception) -> FileRefused:
    log.info("unreadable XLSX upload: %s", error)
    return FileRefused(
        "Het XLSX-bestand kan niet worden gelezen: het is beschadigd of geen Excel-werkmap. "
        "Sla het opnieuw op als Excel-werkmap (.xlsx) of als CSV."
    )


def _xlsx_rows(data: bytes) -> list[list[object]]:
    """The first worksheet's rows. openpyxl and zipfile raise many kinds of exception for a
    damaged file, while opening it or (read-only mode reads lazily) while reading the rows."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:
        raise _damaged(error) from error
    rows: list[list[object]] = []
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append([_cell(value) for value in row])
            if len(rows) > MAX_XLSX_ROWS:  # a small file can unpack to millions of empty rows
                raise FileRefused(
                    f"Het werkblad heeft meer dan {MAX_XLSX_ROWS} rijen (lege meegeteld)."
                )
    except FileRefused:
        raise
    except Exception as error:
        raise _damaged(error) from error
    finally:
        workbook.close()
    return rows


def _refuse_formulas(columns: list[str], rows: list[tuple[int, list[object]]]) -> None:
    """Refuse cells with a formula, named by row and column: jaartaak computes no formulas, and
    the value a spreadsheet saved next to one may be stale or missing. In a CSV file a text
    starting with ``=`` counts too: Excel would compute it when the file is opened."""
    found = [
        f"rij {number}, kolom '{name}' ({_short(cell)})"
        for number, row in rows
        for name, cell in zip(columns, row, strict=False)
        if name and isinstance(cell, str) and cell.lstrip().startswith("=")
    ]
    if found:
        shown = "; ".join(found[:FORMULAS_SHOWN])
        more = f" en nog {len(found) - FORMULAS_SHOWN}" if len(found) > FORMULAS_SHOWN else ""
        raise FileRefused(
            "Het bestand bevat formules; jaartaak rekent geen formules uit en neemt alleen "
            "waarden over. Zet in deze cellen de waarde zelf (in Excel: kopiëren en Plakken "
            f"speciaal → Waarden) en upload het opnieuw: {shown}{more}."
        )


def _short(text: str, length: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= length else text[: length - 1] + "…"


def read_table(
    data: bytes,
    filename: str,
    required: list[str],
    optional: list[str],
    max_bytes: int = MAX_BYTES,
) -> Table:
    """The rows of a CSV (``;``, ``,`` or tab) or XLSX file whose header names ``required``
    columns; ``max_bytes`` is the largest file accepted (the web passes its upload limit).

    Unknown columns are refused (a misspelt optional column would otherwise be ignored silently),
    and so are formulas (see :func:`_refuse_formulas`).
    """
    if not data:
        raise FileRefused("Het bestand is leeg.")
    if len(data) > max_bytes:
        raise FileRefused(f"Het bestand is groter dan {megabytes(max_bytes)}.")
    is_xlsx = data.startswith(XLSX_MAGIC)
    if not is_xlsx and filename.lower().endswith((".xlsx", ".xlsm")):
        raise FileRefused("Het bestand heeft de naam van een XLSX-bestand, maar is het niet.")
    raw = _xlsx_rows(data) if is_xlsx else _csv_rows(data)
    numbered = [
        (number, row)
        for number, row in enumerate(raw, start=1)
        if any(cell not in (None, "") and str(cell).strip() for cell in row)
    ]
    if not numbered:
        raise FileRefused("Het bestand bevat geen kopregel.")
    header_number, header = numbered[0]
    columns = [_normal(name) for name in header]
    allowed = set(required) | set(optional)
    unknown = [name for name in columns if name and name not in allowed]
    missing = [name for name in required if name not in columns]
    duplicated = sorted({name for name in columns if name and columns.count(name) > 1})
    complaints = []
    if missing:
        complaints.append("ontbrekende kolommen: " + ", ".join(missing))
    if unknown:
        complaints.append("onbekende kolommen: " + ", ".join(unknown))
    if duplicated:
        complaints.append("dubbele kolommen: " + ", ".join(duplicated))
    if complaints:
        raise FileRefused(
            f"Rij {header_number} (de kopregel): "
            + "; ".join(complaints)
            + ". Verwachte kolommen: "
            + ", ".join(required + optional)
            + "."
        )
    if len(numbered) - 1 > MAX_ROWS:
        raise FileRefused(f"Het bestand heeft meer dan {MAX_ROWS} rijen.")
    _refuse_formulas(columns, numbered[1:])
    rows = []
    for number, row in numbered[1:]:
        values: dict[str, str | Decimal | date | None] = {}
        for index, name in enumerate(columns):
            if not name:
                continue
            cell = row[index] if index < len(row) else None
            if isinstance(cell, str):
                cell = cell.strip() or None
            values[name] = cell
        rows.append((number, values))
    return Table(columns, rows)


_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DECIMAL = re.compile(r"^-?\d+([.,]\d+)?$")


class RowReader:
    """Typed values of one row; each problem is recorded with the row and column, not raised."""

    def __init__(self, number: int, values: dict, problems: ImportProblems) -> None:
        self.number = number
        self.values = values
        self.problems = problems

    def _raw(self, column: str, required: bool) -> object | None:
        value = self.values.get(column)
        if value is None and required:
            self.problems.add(self.number, column, "is leeg; vul een waarde in.")
        return value

    def text(self, column: str, required: bool = True, max_length: int = 100) -> str | None:
        value = self._raw(column, required)
        if value is None:
            return None
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f") if value == value.to_integral() else str(value)
        text = str(value).strip()
        if len(text) > max_length:
            self.problems.add(self.number, column, f"is langer dan {max_length} tekens.")
            return None
        return text

    def decimal(
        self,
        column: str,
        required: bool = True,
        places: int = 2,
        minimum: Decimal | None = Decimal(0),
        maximum: Decimal | None = None,
        positive: bool = False,
    ) -> Decimal | None:
        """A number written 0,8 or 0.8 (no thousands separators), with at most ``places``."""
        value = self._raw(column, required)
        if value is None:
            return None
        if isinstance(value, date):
            self.problems.add(self.number, column, "is een datum; verwacht een getal.")
            return None
        text = str(value).strip()
        if not _DECIMAL.match(text):
            self.problems.add(self.number, column, f"'{text}' is geen getal (schrijf bijv. 0,8).")
            return None
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            self.problems.add(self.number, column, f"'{text}' is geen getal.")
            return None
        if -number.as_tuple().exponent > places and number != round(number, places):
            self.problems.add(self.number, column, f"{text} heeft meer dan {places} decimalen.")
            return None
        if positive and number <= 0:
            self.problems.add(self.number, column, f"{text} moet groter dan 0 zijn.")
            return None
        if minimum is not None and number < minimum:
            self.problems.add(self.number, column, f"{text} mag niet kleiner zijn dan {minimum}.")
            return None
        if maximum is not None and number > maximum:
            self.problems.add(self.number, column, f"{text} mag niet groter zijn dan {maximum}.")
            return None
        return round(number, places) if -number.as_tuple().exponent > places else number

    def day(self, column: str, required: bool = True) -> date | None:
        """A date as 31-07-2027, 31/07/2027, 2027-07-31 or an XLSX date cell."""
        value = self._raw(column, required)
        if value is None or isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if match := _DUTCH_DATE.match(text):
                day, month, year = (int(part) for part in match.groups())
                return date(year, month, day)
            return date.fromisoformat(text)
        except ValueError:
            self.problems.add(
                self.number, column, f"'{text}' is geen geldige datum (schrijf dd-mm-jjjj)."
            )
            return None

    def choice(self, column: str, options: dict[str, str], required: bool = True) -> str | None:
        """One of ``options`` (keys, case-insensitive); the message lists what is allowed."""
        value = self.text(column, required)
        if value is None:
            return None
        for key in options:
            if key.casefold() == value.casefold():
                return key
        self.problems.add(
            self.number, column, f"'{value}' is niet toegestaan; kies uit {', '.join(options)}."
        )
        return None
