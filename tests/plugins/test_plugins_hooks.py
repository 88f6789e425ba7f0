"""The plugin API itself: every hook documented and tested, the markers, the Scheme members."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import jaartaak
from jaartaak import hookspecs
from jaartaak.plugins import SCHEME_MEMBERS

ROOT = Path(__file__).resolve().parents[2]
HOOKS = {
    name: function
    for name, function in vars(hookspecs).items()
    if name.startswith("jaartaak_") and callable(function)
}


def test_there_is_a_hook():
    assert list(HOOKS) == ["jaartaak_register_schemes"]


def test_every_hook_is_documented_with_its_signature():
    headings = re.findall(r"^#+ (.+)$", (ROOT / "docs" / "plugins.md").read_text(), re.M)
    for name, function in HOOKS.items():
        signature = f"{name}({', '.join(inspect.signature(function).parameters)})"
        assert any(f"`{signature}`" in heading for heading in headings), signature


def test_every_hook_has_a_test_named_after_it():
    source = "".join(path.read_text() for path in Path(__file__).parent.rglob("test_*.py"))
    for name in HOOKS:
        assert f"def test_hook_{name}" in source, name


def test_hookimpl_marks_the_function_and_returns_it_unchanged():
    def jaartaak_register_schemes():
        return []

    assert jaartaak.hookimpl(jaartaak_register_schemes) is jaartaak_register_schemes
    assert hasattr(jaartaak_register_schemes, "jaartaak_impl")
    assert hasattr(hookspecs.jaartaak_register_schemes, "jaartaak_spec")


def test_the_registry_checks_every_member_of_the_scheme_protocol():
    assert SCHEME_MEMBERS == (
        "id",
        "title",
        "period_kind",
        "required_totals",
        "extra_fields",
        "rule_versions",
        "options",
        "calculate",
    )
