"""School overview: the jaartaak balance of every employee, sortable, filterable, exportable.

The rows come from the engine through :mod:`jaartaak.services.overzicht`; this module only reads
the planner's choice from the query string and renders the page, the chart or the XLSX file.
"""

from __future__ import annotations

import re

from flask import Response, current_app, render_template, request

from jaartaak.models import CATEGORIES
from jaartaak.services import charts, staff
from jaartaak.services import overzicht as service
from jaartaak.services.spreadsheet import XLSX_MIMETYPE
from jaartaak.web.database import db
from jaartaak.web.planner.blueprint import Werkplek, bp, require_schooljaar, werkplek


def _overzicht(plek: Werkplek) -> service.Overzicht:
    year = require_schooljaar(plek)
    return service.overzicht(
        db(),
        staff.employees(db(), [plek.school.id], with_appointments=False),
        year,
        current_app.extensions["jaartaak"].schemes,
        service.Keuze.from_args(request.args),
    )


def page_context(plek: Werkplek, data: service.Overzicht | None) -> dict:
    """What the template needs; the benchmark renders it from data computed beforehand."""
    chart = None
    if data is not None and data.rows:
        chart = charts.saldo_bars_svg([charts.Bar(r.naam, r.saldo, r.status) for r in data.rows])
    return {
        "plek": plek,
        "school": plek.school,
        "overzicht": data,
        "chart": chart,
        "categories": CATEGORIES,
        "sort_keys": service.SORT_KEYS,
        "onder_procent": int(service.ONDER_DREMPEL * 100),
    }


@bp.route("/")
def index():
    plek = werkplek()
    data = _overzicht(plek) if plek.schooljaar is not None else None
    return render_template("planner/index.html", **page_context(plek, data))


def _file_name(school: str, schooljaar: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", school.lower()).strip("-") or "school"
    return f"jaartaken-{slug}-{schooljaar}.xlsx"


@bp.route("/overzicht.xlsx")
def overzicht_xlsx():
    plek = werkplek()
    data = _overzicht(plek)
    year = plek.schooljaar
    content = service.xlsx_bytes(data, plek.school.name, year.code)
    name = _file_name(plek.school.name, year.code)
    return Response(
        content,
        mimetype=XLSX_MIMETYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
