"""jaartaak.domain stays pure: no web, database, PDF or form framework (data flows one way)."""

from __future__ import annotations

import ast
from pathlib import Path

import jaartaak.domain

FORBIDDEN = (
    "flask",
    "sqlalchemy",
    "weasyprint",
    "wtforms",
    "flask_wtf",
    "flask_login",
    "jinja2",
    "alembic",
    "huey",
    "werkzeug",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_imports_no_framework():
    root = Path(jaartaak.domain.__file__).parent
    offenders = {
        f"{path.relative_to(root)}: {name}"
        for path in root.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
        or name.startswith(("jaartaak.web", "jaartaak.db", "jaartaak.services", "jaartaak.models"))
    }
    assert offenders == set()


def test_the_check_would_catch_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from flask import Flask\nimport sqlalchemy.orm\n")
    assert imported_modules(bad) == {"flask", "sqlalchemy.orm"}
