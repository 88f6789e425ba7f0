"""Malformed files on every import form: refused in Dutch with the reason, nothing stored.

The decisions (docs/planner-personeel.md, "Bestanden"): UTF-8, UTF-16 with a byte order mark
and Windows-1252 (Latin-1) are read; a file mixing encodings, or holding bytes no text has, is
refused naming the row. Files above ``UPLOAD_MAX_MB`` get the 413 page before they are read.
Formulas are never computed: a cell holding one is refused, named by row and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import random
import re
import zipfile
from html import unescape
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from jaartaak.models import (
    Appointment,
    AuditEntry,
    Employee,
    Lesson,
    StoredFile,
    Task,
    TaskAssignment,
    TaskGroup,
)
from jaartaak.services.imports import table

from support import confirm_import, logged_in, upload_import

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "voorbeelden"
#: Every import form, with the example file whose header and rows the tests start from.
IMPORTS = {"personeel": "personeel.csv", "lessen": "lessen.csv", "taken": "taken.csv"}
SAVE_AS = (
    "Sla het bestand op als 'CSV UTF-8 (door komma's gescheiden)' of als Excel-werkmap (.xlsx) "
    "en upload het opnieuw."
)
FORM_ERROR = re.compile(r'<p class="notice notice-error" role="alert">(.*?)</p>', re.S)
MODELS = (Employee, Appointment, Lesson, Task, TaskGroup, TaskAssignment, StoredFile, AuditEntry)


def example_rows(key: str) -> list[list[str]]:
    text = (EXAMPLES / IMPORTS[key]).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def as_csv(rows: list[list[str]], delimiter: str = ";") -> str:
    return "".join(delimiter.join(row) + "\r\n" for row in rows)


def as_xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def snapshot(database) -> dict[str, int]:
    with database.session() as session:
        return {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in MODELS
        }


@pytest.fixture
def unchanged(database, baken):
    """Asserts after the test that no table the imports touch has a row more or less."""
    before = snapshot(database)
    yield
    assert snapshot(database) == before


def refusal(client, key: str, data: bytes, filename: str) -> str:
    """Upload a file that must be refused as a whole: the one message on the form."""
    response = upload_import(client, key, data, filename)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:1000]
    assert 'name="file_id"' not in page  # no confirmation offered
    messages = [unescape(m) for m in FORM_ERROR.findall(page)]
    assert len(messages) == 1, messages
    return messages[0]


def garbage(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notities.txt", "geen werkmap")
    return buffer.getvalue()


REFUSED = {
    "leeg": (b"", "bestand.csv", "Het bestand is leeg."),
    "onzin-als-xlsx": (
        garbage(4000),
        "personeel.xlsx",
        "Het bestand heeft de naam van een XLSX-bestand, maar is het niet.",
    ),
    "zip-zonder-werkmap": (
        zip_without_workbook(),
        "personeel.xlsx",
        "Het XLSX-bestand kan niet worden gelezen: het is beschadigd of geen Excel-werkmap. "
        "Sla het opnieuw op als Excel-werkmap (.xlsx) of als CSV.",
    ),
    "png-als-csv": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + garbage(2000),
        "bestand.csv",
        "Rij 3 bevat een nul-byte: dit is geen CSV-bestand (misschien UTF-16 zonder byte order "
        "mark, of een binair bestand). " + SAVE_AS,  # the PNG signature has two line feeds
    ),
    "stuurtekens": (
        b"code;naam\r\nA1;\x1b[31mrood\r\n",
        "bestand.csv",
        "Rij 2 bevat een stuurteken (U+001B) dat in geen CSV-bestand hoort: dit lijkt geen "
        "tekstbestand. " + SAVE_AS,
    ),
}


@pytest.mark.parametrize("key", sorted(IMPORTS))
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_that_is_no_table_is_refused(client, baken, unchanged, key, case):
    data, filename, message = REFUSED[case]
    assert refusal(client, key, data, filename) == message


@pytest.mark.parametrize("key", sorted(IMPORTS))
def test_utf16_without_a_byte_order_mark_is_refused(client, baken, unchanged, key):
    data = as_csv(example_rows(key)).encode("utf-16-le")
    assert refusal(client, key, data, "bestand.csv") == (
        "Rij 1 bevat een nul-byte: dit is geen CSV-bestand (misschien UTF-16 zonder byte order "
        "mark, of een binair bestand). " + SAVE_AS
    )


@pytest.mark.parametrize("key", sorted(IMPORTS))
def test_a_file_mixing_utf8_and_latin1_is_refused_naming_the_row(client, baken, unchanged, key):
    """Read as Windows-1252, the UTF-8 rows would turn into Bèta → BÃ¨ta without a word."""
    rows = example_rows(key)
    line = "Zoë;Bètavakken\r\n"
    data = as_csv(rows[:2]).encode() + line.encode("utf-8") + line.encode("latin-1")
    assert refusal(client, key, data, "bestand.csv") == (
        "Rij 4 is geen geldige UTF-8-tekst (byte 0xEB), terwijl de rest van het bestand UTF-8 "
        "is: het bestand mengt twee coderingen. " + SAVE_AS
    )


@pytest.mark.parametrize("key", sorted(IMPORTS))
def test_a_byte_that_no_encoding_has_is_refused_naming_the_row(client, baken, unchanged, key):
    rows = example_rows(key)
    data = as_csv(rows[:3]).encode("cp1252") + b"\x81" + as_csv(rows[3:4]).encode("cp1252")
    assert refusal(client, key, data, "bestand.csv") == (
        "Rij 4 bevat een teken dat in UTF-8 noch in Windows-1252 bestaat (byte 0x81). " + SAVE_AS
    )


@pytest.mark.parametrize("key", sorted(IMPORTS))
def test_formulas_in_xlsx_cells_are_refused_by_row_and_column(client, baken, unchanged, key):
    rows: list[list[object]] = example_rows(key)
    header = [name.strip().lower() for name in rows[0]]
    rows[1][0] = '=HYPERLINK("http://x.nl","klik")'
    rows[2][-1] = "=1+1"
    assert refusal(client, key, as_xlsx(rows), "bestand.xlsx") == (
        "Het bestand bevat formules; jaartaak rekent geen formules uit en neemt alleen waarden "
        "over. Zet in deze cellen de waarde zelf (in Excel: kopiëren en Plakken speciaal → "
        f"Waarden) en upload het opnieuw: rij 2, kolom '{header[0]}' "
        f'(=HYPERLINK("http://x.nl","klik")); rij 3, kolom \'{header[-1]}\' (=1+1).'
    )


def test_a_formula_typed_into_a_csv_is_refused_too(client, baken, unchanged):
    rows = example_rows("personeel")
    rows[5][rows[0].index("sectie")] = "=cmd|' /C calc'!A0"
    message = refusal(client, "personeel", as_csv(rows).encode(), "personeel.csv")
    assert message.endswith("upload het opnieuw: rij 6, kolom 'sectie' (=cmd|' /C calc'!A0).")


def staff_of(database, codes: set[str]) -> dict[str, tuple]:
    with database.session() as session:
        return {
            e.code: (e.first_name, e.tussenvoegsel or "", e.last_name, e.sectie or "")
            for e in session.scalars(select(Employee).where(Employee.code.in_(codes)))
        }


#: name → (encode the rows, whether the encoding has only 256 characters).
ENCODINGS = {
    "windows-1252": (lambda rows: as_csv(rows).encode("cp1252"), True),
    "latin-1": (lambda rows: as_csv(rows).encode("latin-1"), True),
    "utf-16-met-bom": (
        lambda rows: codecs.BOM_UTF16_LE + as_csv(rows, "\t").encode("utf-16-le"),
        False,
    ),
    "utf-8-zonder-bom": (lambda rows: as_csv(rows).encode("utf-8"), False),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_other_encodings_import_the_same_text(client, database, baken, encoding):
    """Excel's CSV on Dutch Windows (1252), Latin-1, its "Unicode-tekst" (UTF-16, tabs) and
    UTF-8 without BOM all import the example with its accents intact (Bètavakken)."""
    encode, eight_bit = ENCODINGS[encoding]
    rows = example_rows("personeel")
    if eight_bit:  # Yıldız has a dotless i, which these encodings lack: a file in them cannot
        rows = [[cell.replace("ı", "i") for cell in row] for row in rows]
    expected = {row[0]: (row[1], row[2], row[3], row[12]) for row in rows[1:]}
    assert any("è" in person[3] for person in expected.values())
    preview = upload_import(client, "personeel", encode(rows), "personeel.csv")
    page = unescape(preview.get_data(as_text=True))
    assert "9 regels: 9 nieuw" in page, FORM_ERROR.findall(page)
    assert confirm_import(client, "personeel", page).status_code == 302
    assert staff_of(database, set(expected)) == expected


def test_a_50_mb_file_gets_the_dutch_413_page(client, baken, unchanged):
    data = as_csv(example_rows("personeel")).encode() * (50 * 1024 * 1024 // 800)
    assert len(data) > 50 * 1024 * 1024 * 0.9
    response = upload_import(client, "personeel", data, "personeel.csv")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 413
    assert "<h1>Bestand te groot</h1>" in page
    assert "Het bestand is groter dan 5 MB, het grootste bestand dat jaartaak aanneemt." in page
    assert "Er is niets opgeslagen of geïmporteerd." in page


@pytest.fixture
def small_limit(app_with, database, baken):
    """An app that takes files up to 1 MB, with the planner logged in on Het Baken."""
    client = logged_in(app_with(UPLOAD_MAX_MB=1).test_client(), "planner")
    werkplek = f"/planner/lessen?school={baken.school_id}&jaar={baken.year_id}"
    assert client.get(werkplek).status_code == 200
    return client


def test_the_upload_limit_is_a_setting_and_both_layers_name_it(small_limit, unchanged):
    mb = 1024 * 1024
    header = as_csv(example_rows("taken")[:1]).encode()
    too_large = upload_import(small_limit, "taken", header + b"x;y;1\r\n" * (2 * mb // 7), "t.csv")
    assert too_large.status_code == 413
    assert "groter dan 1 MB" in too_large.get_data(as_text=True)
    # Just over the file limit but within the request's room for the rest of the form: the
    # import refuses it, with the same number.
    just_over = header + b"x;y;1\r\n" * ((mb + 10_000) // 7)
    assert refusal(small_limit, "taken", just_over, "t.csv") == "Het bestand is groter dan 1 MB."


def test_a_worksheet_that_unpacks_to_too_many_rows_stops_being_read(
    client, baken, unchanged, monkeypatch
):
    """A few kB of XLSX can hold a million rows; reading stops at the cap (lowered here)."""
    monkeypatch.setattr(table, "MAX_XLSX_ROWS", 30)
    rows = example_rows("taken")
    data = as_xlsx(rows[:1] + [["Groep", f"Taak {n}", "1"] for n in range(40)])
    assert refusal(client, "taken", data, "taken.xlsx") == (
        "Het werkblad heeft meer dan 30 rijen (lege meegeteld)."
    )
