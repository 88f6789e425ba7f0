"""The import pages of the planner: upload, preview with row and column errors, confirm.

Each import module calls :func:`register` with its :class:`Importer`; the pages are the same
for all of them, so staff, lessons and the task catalogue import alike.
"""

from __future__ import annotations

from pathlib import Path

from flask import abort, flash, redirect, render_template, send_from_directory, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired

from jaartaak.services.errors import Refused
from jaartaak.services.imports.table import FileRefused
from jaartaak.services.imports.upload import (
    Importer,
    Target,
    apply_import,
    keep_upload,
    preview_import,
)
from jaartaak.web.database import db
from jaartaak.web.planner.blueprint import bp, werkplek
from jaartaak.web.uploads import upload_limit

PACKAGE_DIR = Path(__file__).resolve().parents[2]
IMPORTERS: dict[str, tuple[Importer, str]] = {}


def voorbeelden_folder() -> Path:
    """The example files: inside the package in a wheel, docs/voorbeelden/ in a checkout."""
    packaged = PACKAGE_DIR / "voorbeelden"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "docs" / "voorbeelden"


def register(importer: Importer, done_endpoint: str) -> None:
    """Offer ``importer`` at /planner/import/<key>; after importing, go to ``done_endpoint``."""
    IMPORTERS[importer.key] = (importer, done_endpoint)


class UploadForm(FlaskForm):
    bestand = FileField("Bestand (CSV of XLSX)", validators=[FileRequired("Kies een bestand.")])


class ConfirmForm(FlaskForm):
    file_id = HiddenField(validators=[DataRequired()])


def _importer(key: str) -> tuple[Importer, str]:
    if key not in IMPORTERS:
        abort(404)
    return IMPORTERS[key]


def _target() -> tuple[Target, object]:
    plek = werkplek()
    return Target(plek.school, plek.schooljaar), plek


@bp.route("/import/<key>", methods=["GET", "POST"])
def import_upload(key: str):
    importer, _done = _importer(key)
    target, plek = _target()
    form = UploadForm()
    preview = stored = None
    if form.validate_on_submit():
        upload = form.bestand.data
        data = upload.read()
        try:
            preview = preview_import(
                db(), importer, target, upload.filename or "", data, upload_limit()
            )
        except FileRefused as error:
            form.bestand.errors.append(str(error))
        else:
            if not preview.problems:
                stored = keep_upload(db(), current_user.id, upload.filename or "import", data)
                db().commit()
    return render_template(
        "planner/import.html",
        importer=importer,
        plek=plek,
        form=form,
        preview=preview,
        confirm=ConfirmForm(file_id=stored.id) if stored else None,
    )


@bp.route("/import/<key>/bevestigen", methods=["POST"])
def import_confirm(key: str):
    importer, done = _importer(key)
    target, _plek = _target()
    form = ConfirmForm()
    if not form.validate_on_submit() or not form.file_id.data.isdigit():
        abort(400)
    try:
        counts = apply_import(
            db(), importer, target, current_user.id, int(form.file_id.data), upload_limit()
        )
    except Refused as error:
        db().rollback()
        flash(str(error), "error")
        return redirect(url_for("planner.import_upload", key=key))
    db().commit()
    flash(
        f"{importer.title}: {sum(counts.values())} regels verwerkt ({counts['nieuw']} nieuw, "
        f"{counts['bijwerken']} bijgewerkt, {counts['ongewijzigd']} ongewijzigd).",
        "success",
    )
    return redirect(url_for(done))


@bp.route("/import/<key>/voorbeeld")
def import_example(key: str):
    importer, _done = _importer(key)
    return send_from_directory(voorbeelden_folder(), importer.example, as_attachment=True)
