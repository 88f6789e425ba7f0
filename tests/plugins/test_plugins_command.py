"""``jaartaak plugins`` as a user runs it: a new process that finds the installed plugins."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # starts processes

VOORBEELD_BLOCK = """
voorbeeld-budget — Voorbeeldbudget (voorbeeldplugin)
  periode:       kalenderjaar
  geleverd door: plugin 'voorbeeld' uit jaartaak-voorbeeld 0.3.0
  regelversies:
    voorbeeld-2024  Voorbeeldregeling 2024  vanaf 2024
"""
CAO_VO_BLOCK = """
cao-vo — CAO VO: jaartaak en persoonlijk budget
  periode:       schooljaar
  geleverd door: plugin 'jaartaak.builtin_schemes' uit jaartaak (ingebouwd) 0.1.0
  regelversies:
"""


HIDDEN: list[str] = []  # the real plugins of plugins/, which make installs next to the core


@pytest.fixture(autouse=True)
def _hide_repo_plugins(repo_plugins):
    HIDDEN[:] = sorted(repo_plugins)


def jaartaak_plugins(sites, **env) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    # The real plugins of plugins/ are installed by make; these tests see only the examples.
    environment["JAARTAAK_DISABLED_PLUGINS"] = ",".join(HIDDEN)
    environment.update(PYTHONPATH=os.pathsep.join(map(str, sites)), **env)
    return subprocess.run(
        [sys.executable, "-m", "jaartaak", "plugins"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def test_lists_the_built_in_cao_vo_scheme_without_plugins():
    done = jaartaak_plugins([])
    assert done.stdout.startswith("Regelingen (1)\n")
    assert CAO_VO_BLOCK in done.stdout
    assert "cao-vo-2014" in done.stdout and "cao-vo-2022" in done.stdout
    assert (done.returncode, done.stderr) == (0, "")


def test_lists_an_installed_plugin_with_its_distribution_and_rule_versions(install):
    done = jaartaak_plugins(install("voorbeeld"))
    assert VOORBEELD_BLOCK in done.stdout and CAO_VO_BLOCK in done.stdout
    assert done.stdout.startswith("Regelingen (2)\n")
    assert (done.returncode, done.stderr) == (0, "")


def test_a_broken_plugin_is_listed_by_name_and_version_and_the_status_is_1(install):
    done = jaartaak_plugins(install("voorbeeld", "kapot"))
    assert VOORBEELD_BLOCK in done.stdout
    failures = done.stdout.split("Plugins die niet konden laden (")[1]
    assert (
        "  plugin 'kapot' uit jaartaak-kapot 0.2.1: "
        "ModuleNotFoundError: No module named 'jaartaak_bestaat_niet'\n"
    ) in failures
    assert done.returncode == 1


def test_a_duplicate_scheme_id_stops_with_one_dutch_line(install):
    done = jaartaak_plugins(install("voorbeeld", "dubbel"))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "Fout: regeling 'voorbeeld-budget' wordt meer dan eens geleverd: door plugin 'dubbel' uit "
        "jaartaak-dubbel 0.1.0 en plugin 'voorbeeld' uit jaartaak-voorbeeld 0.3.0. Verwijder er "
        "één, of schakel er één uit met JAARTAAK_DISABLED_PLUGINS.\n"
    )


def test_disabled_plugins_are_listed_as_such(install):
    done = jaartaak_plugins(
        install("voorbeeld", "dubbel"), JAARTAAK_DISABLED_PLUGINS="dubbel,tikfuot"
    )
    assert VOORBEELD_BLOCK in done.stdout
    assert done.stdout.endswith(
        "\nUitgeschakeld met JAARTAAK_DISABLED_PLUGINS (1)\n"
        "  plugin 'dubbel' uit jaartaak-dubbel 0.1.0\n"
        "  let op: 'tikfuot' is geen geïnstalleerde plugin\n"
    )


def test_the_ggz_scheme_is_omitted_when_its_plugin_is_not_loaded():
    """The core runs without jaartaak-ggz: disabled (or not installed), its scheme is not listed.
    (The repository's other plugin, benefit-budget, is disabled too, so only the CAO VO is left.)"""
    done = jaartaak_plugins([], JAARTAAK_DISABLED_PLUGINS="ggz,benefit-budget")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Regelingen (1)\n") and CAO_VO_BLOCK in done.stdout
    assert "ggz-balansbudget" not in done.stdout and "nwb-benefit-budget" not in done.stdout
