"""The worked examples in tests/examples/, and how a result is compared with one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).parent / "examples"


def example_files(scheme_folder: str) -> list[Path]:
    return sorted((EXAMPLES / scheme_folder).glob("*.json"))


def load_example(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def mismatches(result: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Everything in ``result`` that the example says otherwise; empty when it matches."""
    problems = []
    for key, value in expect.get("totals", {}).items():
        if result["totals"].get(key) != value:
            problems.append(f"totals.{key}: expected {value!r}, got {result['totals'].get(key)!r}")
    errors = {e["code"] for e in result["errors"]}
    for code in expect.get("errors", []):
        if code not in errors:
            problems.append(f"missing error {code}; got {sorted(errors)}")
    if not expect.get("errors") and errors:
        problems.append(f"unexpected errors {sorted(errors)}: {result['errors']}")
    warnings = {w["code"] for w in result["warnings"]}
    for code in expect.get("warnings", []):
        if code not in warnings:
            problems.append(f"missing warning {code}; got {sorted(warnings)}")
    if not expect.get("errors"):
        got = [(p["month"], p["code"], p["amount"]) for p in result["payroll"]]
        wanted = [(p["month"], p["code"], p["amount"]) for p in expect.get("payroll", [])]
        if got != wanted:
            problems.append(f"payroll: expected {wanted}, got {got}")
    else:
        if result["payroll"] or result["ledger"]:
            problems.append("a result with errors booked payroll or ledger entries")
    return problems
