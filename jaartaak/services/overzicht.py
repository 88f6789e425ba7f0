"""The school overview: one row per employee with the balance of their jaartaak.

Every number comes from the engine, through the stored summaries of
:mod:`jaartaak.services.uitkomsten` (keyed by the engine's complete input, so never stale);
this module only filters, sorts and adds them up, so the overview, its XLSX export and the
employee page can never disagree.

A saldo below zero is *overbelast*; a saldo above :data:`ONDER_DREMPEL` of the netto jaartaak
is *onderbelast* (room worth planning). Between zero and that threshold the jaartaak counts as
filled: a few hours of room are normal rounding of lessons and tasks, not something to act on.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from jaartaak.domain.calc import SCHEME_FAILED
from jaartaak.models import CATEGORIES, Employee, Schooljaar
from jaartaak.plugins import SchemeRegistry
from jaartaak.services.spreadsheet import safe_cell
from jaartaak.services.uitkomsten import Samenvatting, samenvattingen

#: Saldo above this share of the netto jaartaak is shown as "onder" (2 %: 33 hours at 1659).
ONDER_DREMPEL = Decimal("0.02")
ZERO = Decimal("0.00")

#: Short Dutch labels for the engine's warnings; the full message stays available as a tooltip.
KORTE_WAARSCHUWINGEN = {
    "jaartaak.overbelast": "overbelast",
    "lestaak.maximum": "lestaak boven maximum",
    "pb.niet-toegewezen": "pb niet helemaal gekozen",
    "sparen.waardefixatie-laat": "spaaruren laat omgezet",
}

#: Sort keys of ``?sorteer=``, with the row attribute they sort on.
SORT_KEYS = {
    "naam": "naam",
    "code": "code",
    "sectie": "sectie",
    "categorie": "categorie",
    "wtf": "werktijdfactor",
    "netto": "netto_jaartaak",
    "lesgebonden": "lesgebonden",
    "taken": "taken",
    "saldo": "saldo",
}
RICHTINGEN = ("op", "af")
ALLEEN = ("overbelast",)


@dataclass(frozen=True)
class Melding:
    """A warning or error of the engine: a short text for the table, the full one as tooltip."""

    code: str
    kort: str
    tekst: str


@dataclass(frozen=True)
class Rij:
    """One employee in the overview. Amounts are None when the engine could not compute them."""

    employee_id: int
    code: str
    naam: str
    sectie: str
    categorie: str
    werktijdfactor: Decimal | None
    netto_jaartaak: Decimal | None
    lesgebonden: Decimal | None
    taken: Decimal | None
    saldo: Decimal | None
    waarschuwingen: tuple[Melding, ...] = ()
    fouten: tuple[Melding, ...] = ()

    @property
    def overbelast(self) -> bool:
        return self.saldo is not None and self.saldo < 0

    @property
    def status(self) -> str:
        """CSS class of the saldo: "over" (overbelast), "onder" (clearly room left) or ""."""
        if self.saldo is None:
            return ""
        if self.saldo < 0:
            return "over"
        if self.saldo > (self.netto_jaartaak or ZERO) * ONDER_DREMPEL:
            return "onder"
        return ""


@dataclass(frozen=True)
class Keuze:
    """The planner's sort and filter, read from the query string; unknown values are ignored."""

    sorteer: str = "naam"
    richting: str = "op"
    categorie: str = ""
    sectie: str = ""
    alleen: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Keuze:
        def pick(name: str, allowed, default: str = "") -> str:
            value = (args.get(name) or "").strip()
            return value if value in allowed else default

        return cls(
            sorteer=pick("sorteer", SORT_KEYS, "naam"),
            richting=pick("richting", RICHTINGEN, "op"),
            categorie=pick("categorie", CATEGORIES),
            sectie=(args.get("sectie") or "").strip()[:60],
            alleen=pick("alleen", ALLEEN),
        )

    def args(self) -> dict[str, str]:
        """Query arguments that differ from the defaults (for links that keep the choice)."""
        default = Keuze()
        return {
            name: getattr(self, name)
            for name in ("sorteer", "richting", "categorie", "sectie", "alleen")
            if getattr(self, name) != getattr(default, name)
        }

    def sorted_by(self, key: str) -> dict[str, str]:
        """The arguments of a column header: sort on ``key``, or turn round when already so."""
        richting = "af" if self.sorteer == key and self.richting == "op" else "op"
        return replace(self, sorteer=key, richting=richting).args()

    def past(self, person: Employee) -> bool:
        """Whether the employee passes the filters that need no calculation."""
        return (not self.categorie or person.category == self.categorie) and (
            not self.sectie or person.sectie == self.sectie
        )

    @property
    def beschrijving(self) -> str:
        """The active filters in words, for the export's title ("categorie OP, overbelast")."""
        parts = [f"categorie {self.categorie}"] if self.categorie else []
        parts += [f"sectie {self.sectie}"] if self.sectie else []
        parts += ["alleen overbelast"] if self.alleen == "overbelast" else []
        return ", ".join(parts)


@dataclass(frozen=True)
class Totalen:
    aantal: int
    werktijdfactor: Decimal
    netto_jaartaak: Decimal
    lesgebonden: Decimal
    taken: Decimal
    saldo: Decimal


@dataclass(frozen=True)
class Overzicht:
    keuze: Keuze
    rows: list[Rij]
    totalen: Totalen
    #: Every sectie of the school (not only the filtered rows'), for the filter's choices.
    secties: list[str]
    #: Employees of the school before filtering.
    aantal_school: int


def _meldingen(issues, errors: bool) -> tuple[Melding, ...]:
    if errors:
        # A scheme that raised says so itself; any other error is the engine refusing input.
        texts = (
            (i.code, i.message if i.code == SCHEME_FAILED else f"Ongeldige keuze: {i.message}")
            for i in issues
        )
        return tuple(Melding(code, text, text) for code, text in texts)
    return tuple(
        Melding(i.code, KORTE_WAARSCHUWINGEN.get(i.code, i.message), i.message) for i in issues
    )


def rij(person: Employee, answer: Samenvatting) -> Rij:
    """The overview row of one employee from the summary of the engine's answer."""
    totals = answer.totals
    return Rij(
        employee_id=person.id,
        code=person.code,
        naam=person.sort_name,
        sectie=person.sectie or "",
        categorie=person.category,
        werktijdfactor=totals["wtf"],
        netto_jaartaak=totals["netto_jaartaak"],
        lesgebonden=totals["lesgebonden"],
        taken=totals["taken"],
        saldo=totals["saldo"],
        waarschuwingen=_meldingen(answer.warnings, errors=False),
        fouten=_meldingen(answer.errors, errors=True),
    )


def sort_rows(rows: list[Rij], sorteer: str, aflopend: bool = False) -> list[Rij]:
    """Rows sorted on ``sorteer``, ties by name; rows without a value go last either way."""
    attribute = SORT_KEYS[sorteer]
    by_name = sorted(rows, key=lambda r: (r.naam.casefold(), r.code))

    def key(row: Rij):
        value = getattr(row, attribute)
        return value.casefold() if isinstance(value, str) else value

    known = [r for r in by_name if getattr(r, attribute) is not None]
    unknown = [r for r in by_name if getattr(r, attribute) is None]
    return sorted(known, key=key, reverse=aflopend) + unknown


def totalen(rows: list[Rij]) -> Totalen:
    def total(attribute: str) -> Decimal:
        return sum((getattr(r, attribute) or ZERO for r in rows), ZERO)

    return Totalen(
        aantal=len(rows),
        werktijdfactor=sum((r.werktijdfactor or ZERO for r in rows), Decimal("0.0000")),
        netto_jaartaak=total("netto_jaartaak"),
        lesgebonden=total("lesgebonden"),
        taken=total("taken"),
        saldo=total("saldo"),
    )


def overzicht(
    session: Session,
    employees: list[Employee],
    schooljaar: Schooljaar,
    registry: SchemeRegistry,
    keuze: Keuze,
) -> Overzicht:
    """The overview of ``employees`` (one school) in ``schooljaar``, filtered and sorted.

    Filters on category and sectie apply before the calculation (no work for rows nobody sees);
    "alleen overbelast" needs the saldo, so it applies after.
    """
    chosen = [person for person in employees if keuze.past(person)]
    answers = samenvattingen(session, chosen, schooljaar, registry)
    rows = [rij(person, answers[person.id]) for person in chosen]
    if keuze.alleen == "overbelast":
        rows = [r for r in rows if r.overbelast]
    return Overzicht(
        keuze=keuze,
        rows=sort_rows(rows, keuze.sorteer, keuze.richting == "af"),
        totalen=totalen(rows),
        secties=sorted({p.sectie for p in employees if p.sectie}, key=str.casefold),
        aantal_school=len(employees),
    )


HOURS, FACTOR = "#,##0.00", "0.0000"
#: The export's columns: header, row attribute, number format (None: text), width.
XLSX_COLUMNS = (
    ("Code", "code", None, 10),
    ("Naam", "naam", None, 28),
    ("Sectie", "sectie", None, 16),
    ("Categorie", "categorie", None, 10),
    ("Werktijdfactor", "werktijdfactor", FACTOR, 14),
    ("Netto jaartaak", "netto_jaartaak", HOURS, 14),
    ("Lesgebonden", "lesgebonden", HOURS, 14),
    ("Taken", "taken", HOURS, 12),
    ("Saldo", "saldo", HOURS, 12),
    ("Waarschuwingen", "waarschuwingen", None, 40),
    ("Fouten", "fouten", None, 40),
)


def _cell(value):
    if isinstance(value, tuple):  # meldingen: the full Dutch messages as one text
        return safe_cell(
            " ".join(m.tekst if m.tekst.endswith(".") else m.tekst + "." for m in value)
        )
    return safe_cell(value)


def xlsx_bytes(data: Overzicht, school: str, schooljaar: str) -> bytes:
    """The overview as an Excel workbook: a title row, a header row, the rows, a totals row.

    Amounts are numeric cells (with a Dutch-looking number format), so a planner can go on
    calculating in Excel; every text passes :func:`safe_cell` against formula injection.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = "Overzicht"
    title = f"Jaartaken {school}, schooljaar {schooljaar}"
    sheet.append(
        [safe_cell(f"{title} ({data.keuze.beschrijving})" if data.keuze.beschrijving else title)]
    )
    sheet.append([column[0] for column in XLSX_COLUMNS])
    for row in data.rows:
        sheet.append([_cell(getattr(row, column[1])) for column in XLSX_COLUMNS])
    sheet.append(
        [f"Totaal ({data.totalen.aantal})"]
        + [getattr(data.totalen, column[1], None) for column in XLSX_COLUMNS[1:]]
    )
    for row_number in (1, 2, sheet.max_row):
        for cell in sheet[row_number]:
            cell.font = Font(bold=True)
    for index, (_header, _attribute, number_format, width) in enumerate(XLSX_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
            cell.number_format = number_format or "General"
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
