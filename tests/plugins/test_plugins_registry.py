"""The scheme registry: installed plugins found, broken ones reported, ambiguity refused."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest
from jaartaak_voorbeeld.scheme import VoorbeeldScheme

import jaartaak
from jaartaak import hookimpl
from jaartaak.domain.calc import calculate
from jaartaak.plugins import (
    BUILTIN,
    DEFAULT_BUILTINS,
    DuplicatePluginError,
    DuplicateSchemeError,
    Provider,
    UnknownHookError,
    load_plugins,
    load_registry,
)

pytestmark = pytest.mark.slow  # builds and installs wheels (once per session)

VOORBEELD = Provider("voorbeeld", "jaartaak-voorbeeld", "0.3.0")
KAPOT = Provider("kapot", "jaartaak-kapot", "0.2.1")
DUBBEL = Provider("dubbel", "jaartaak-dubbel", "0.1.0")
SCENARIO = {
    "scheme": "voorbeeld-budget",
    "period": "2025",
    "employee": {"appointments": [{"start": "2025-01-01", "fte": "0.5000"}]},
}


def plugin(name: str, **hooks) -> types.ModuleType:
    """A plugin module made in the test, as a local plugin registered with ``extra=``."""
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))
    return module


def test_hook_jaartaak_register_schemes_finds_an_installed_plugin(install):
    site = install("voorbeeld")[0]
    registry = load_registry(builtins=())
    scheme = registry.schemes["voorbeeld-budget"]
    assert registry.providers["voorbeeld-budget"] == VOORBEELD
    assert Path(sys.modules[type(scheme).__module__].__file__).is_relative_to(site)
    assert registry.failures == [] and registry.ok
    result = calculate(SCENARIO, registry.schemes)
    assert result.ok and result.totals["budget_uren"].amount == 20


def test_a_plugin_that_fails_to_import_is_reported_and_the_others_load(install):
    install("voorbeeld", "kapot")
    registry = load_registry(builtins=())
    assert list(registry.schemes) == ["voorbeeld-budget"]
    [failure] = registry.failures
    assert failure.provider == KAPOT
    assert failure.summary == "ModuleNotFoundError: No module named 'jaartaak_bestaat_niet'"
    assert "Traceback" in failure.details and "jaartaak_kapot/__init__.py" in failure.details
    assert not registry.ok


def test_a_scheme_of_a_failed_plugin_is_explained_to_calc(install):
    install("kapot")
    registry = load_registry(builtins=())
    unavailable = registry.unavailable(["ggz-balansbudget", *registry.schemes])
    assert list(unavailable) == ["ggz-balansbudget"]
    result = calculate({**SCENARIO, "scheme": "ggz-balansbudget"}, registry.schemes, unavailable)
    [error] = result.errors
    assert (error.code, error.field) == ("scheme.niet-geladen", "scheme")
    assert error.message == (
        "Regeling 'ggz-balansbudget' is niet geladen. Mogelijk hoort hij bij een plugin die "
        "ontbreekt: plugin 'kapot' uit jaartaak-kapot 0.2.1 kon niet laden "
        "(ModuleNotFoundError: No module named 'jaartaak_bestaat_niet'). Zie `jaartaak plugins`."
    )


def test_without_failures_a_missing_scheme_is_simply_unknown(install):
    install("voorbeeld")
    registry = load_registry(builtins=())
    assert registry.unavailable(["ggz-balansbudget"]) == {}
    assert registry.missing(["voorbeeld-budget", "ggz-balansbudget", "cao-po"]) == [
        "cao-po",
        "ggz-balansbudget",
    ]


def test_two_providers_of_one_scheme_id_are_a_startup_error_naming_both(install):
    install("voorbeeld", "dubbel")
    with pytest.raises(DuplicateSchemeError) as caught:
        load_registry(builtins=())
    assert caught.value.providers == (DUBBEL, VOORBEELD)
    assert str(caught.value) == (
        "regeling 'voorbeeld-budget' wordt meer dan eens geleverd: door plugin 'dubbel' uit "
        "jaartaak-dubbel 0.1.0 en plugin 'voorbeeld' uit jaartaak-voorbeeld 0.3.0. Verwijder er "
        "één, of schakel er één uit met JAARTAAK_DISABLED_PLUGINS."
    )


def test_disabling_one_of_two_providers_resolves_the_conflict(install):
    install("voorbeeld", "dubbel")
    registry = load_registry(builtins=(), disabled=["dubbel"])
    assert registry.providers == {"voorbeeld-budget": VOORBEELD}
    assert registry.disabled == [DUBBEL]


def test_a_local_plugin_and_an_entry_point_with_one_name_are_refused(install):
    install("voorbeeld")
    local = plugin("voorbeeld", jaartaak_register_schemes=lambda: [])
    with pytest.raises(DuplicatePluginError) as caught:
        load_plugins(builtins=(), extra=[local])
    assert caught.value.providers == (Provider("voorbeeld"), VOORBEELD)


def test_a_misspelt_hook_is_a_startup_error_naming_the_plugin(install):
    install("tikfout")
    with pytest.raises(UnknownHookError) as caught:
        load_plugins(builtins=())
    assert str(caught.value) == (
        "plugin 'tikfout' uit jaartaak-tikfout 0.1.0 heeft een hook die jaartaak niet kent: "
        "'jaartaak_register_scheme' (bedoelde u 'jaartaak_register_schemes'?)."
    )


def test_jaartaak_disabled_plugins_skips_a_plugin_without_importing_it(install, monkeypatch):
    install("voorbeeld", "kapot")
    monkeypatch.setenv("JAARTAAK_DISABLED_PLUGINS", " voorbeeld, kapot ,geen-plugin,")
    registry = load_registry(builtins=())
    assert (registry.schemes, registry.failures) == ({}, [])
    assert registry.disabled == [KAPOT, VOORBEELD]
    assert registry.unknown_disabled == ["geen-plugin"]
    assert "jaartaak_voorbeeld" not in sys.modules
    assert list(registry.unavailable(["voorbeeld-budget"])) == ["voorbeeld-budget"]


def test_the_registry_works_with_no_plugins_at_all():
    registry = load_registry(load_entrypoints=False, builtins=())
    assert (registry.schemes, registry.providers, registry.failures) == ({}, {}, [])
    assert registry.ok and registry.unavailable(["cao-vo"]) == {}


def test_none_of_the_example_distributions_is_installed_outside_these_tests():
    registry = load_registry(builtins=())
    names = {p.plugin for p in registry.providers.values()} | {
        f.provider.plugin for f in registry.failures
    }
    assert names.isdisjoint({"voorbeeld", "kapot", "dubbel", "tikfout"})


def test_a_built_in_module_is_provided_by_jaartaak_itself(install):
    install("voorbeeld")
    registry = load_registry(load_entrypoints=False, builtins=("jaartaak_voorbeeld",))
    assert registry.providers["voorbeeld-budget"] == Provider(
        "jaartaak_voorbeeld", BUILTIN, jaartaak.__version__
    )


def test_a_built_in_module_that_is_missing_is_a_failure_not_a_crash():
    registry = load_registry(load_entrypoints=False, builtins=("jaartaak.bestaat_niet",))
    [failure] = registry.failures
    assert failure.provider == Provider("jaartaak.bestaat_niet", BUILTIN, jaartaak.__version__)
    assert failure.summary == "ModuleNotFoundError: No module named 'jaartaak.bestaat_niet'"


def test_the_built_in_schemes_module_is_imported_only_when_plugins_load():
    assert DEFAULT_BUILTINS == ("jaartaak.builtin_schemes",)
    code = "import sys, jaartaak, jaartaak.plugins; print(sorted(m for m in sys.modules if m in "
    code += "('flask', 'sqlalchemy', 'jaartaak.builtin_schemes')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_hook_that_raises_or_returns_no_schemes_is_a_failure_of_that_plugin():
    class BadId(VoorbeeldScheme):
        id = "Voorbeeld Budget"

    raises = plugin("stuk", jaartaak_register_schemes=lambda: 1 / 0)
    not_a_list = plugin("geen_lijst", jaartaak_register_schemes=lambda: "cao-vo")
    not_a_scheme = plugin("geen_scheme", jaartaak_register_schemes=lambda: [{"id": "x"}])
    bad_id = plugin("slecht_id", jaartaak_register_schemes=lambda: [BadId()])
    no_hooks = types.ModuleType("zonder_hooks")
    good = plugin("goed", jaartaak_register_schemes=lambda: [VoorbeeldScheme()])
    registry = load_registry(
        load_entrypoints=False,
        builtins=(),
        extra=[raises, not_a_list, not_a_scheme, bad_id, no_hooks, good],
    )
    assert list(registry.schemes) == ["voorbeeld-budget"]
    hook = "jaartaak_register_schemes: "
    assert {f.provider.plugin: f.summary for f in registry.failures} == {
        "stuk": f"{hook}ZeroDivisionError: division by zero",
        "geen_lijst": f"{hook}TypeError: gaf str terug, verwacht een lijst met regelingen",
        "geen_scheme": f"{hook}TypeError: {{'id': 'x'}} is geen Scheme (ontbreekt: id, title, "
        "period_kind, required_totals, extra_fields, rule_versions, options, calculate)",
        "slecht_id": f"{hook}ValueError: ongeldig regeling-id 'Voorbeeld Budget': alleen kleine "
        "letters, cijfers en streepjes",
        "zonder_hooks": "LookupError: implementeert geen enkele hook van jaartaak "
        "(is @hookimpl vergeten?)",
    }
    assert all(f.provider.distribution is None for f in registry.failures)


def test_a_duplicate_is_refused_the_same_way_whatever_the_order():
    first = plugin("eerste", jaartaak_register_schemes=lambda: [VoorbeeldScheme()])
    second = plugin("tweede", jaartaak_register_schemes=lambda: [VoorbeeldScheme()])
    messages = set()
    for extra in ([first, second], [second, first]):
        with pytest.raises(DuplicateSchemeError) as caught:
            load_registry(load_entrypoints=False, builtins=(), extra=extra)
        messages.add(str(caught.value))
    assert messages == {
        "regeling 'voorbeeld-budget' wordt meer dan eens geleverd: door plugin 'eerste' (los "
        "geregistreerd) en plugin 'tweede' (los geregistreerd). Verwijder er één, of schakel er "
        "één uit met JAARTAAK_DISABLED_PLUGINS."
    }


def test_a_plugin_cannot_take_the_id_of_a_built_in_scheme():
    local = plugin("lokaal", jaartaak_register_schemes=lambda: [VoorbeeldScheme()])
    with pytest.raises(DuplicateSchemeError) as caught:
        load_registry(load_entrypoints=False, builtins=("jaartaak_voorbeeld",), extra=[local])
    assert caught.value.providers == (
        Provider("jaartaak_voorbeeld", BUILTIN, jaartaak.__version__),
        Provider("lokaal"),
    )


def test_without_the_ggz_plugin_its_scheme_is_unknown_to_calc(install):
    install()  # no example distribution; the real plugins of plugins/ hidden
    registry = load_registry()
    assert "ggz-balansbudget" not in registry.schemes and "cao-vo" in registry.schemes
    result = calculate({"scheme": "ggz-balansbudget", "period": "2025"}, registry.schemes)
    assert [(i.code, i.field) for i in result.errors] == [("scheme.onbekend", "scheme")]
