"""The worked examples in tests/examples/, and how a result is compared with one
(:func:`jaartaak.testing.example_mismatches`, which the plugins use too)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jaartaak.testing import example_mismatches as mismatches

EXAMPLES = Path(__file__).parent / "examples"


def example_files(scheme_folder: str) -> list[Path]:
    return sorted((EXAMPLES / scheme_folder).glob("*.json"))


def load_example(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


__all__ = ["EXAMPLES", "example_files", "load_example", "mismatches"]
