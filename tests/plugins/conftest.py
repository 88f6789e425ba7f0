"""Plugin test fixtures: the example distributions, built as wheels and installed for real.

Each distribution (the example plugin in voorbeeld_plugin/, the broken ones in dists/) is built
once per session with pip and installed into a folder of its own with ``pip install --target``.
A test puts the folders it wants on ``sys.path`` (or PYTHONPATH for a subprocess), so
importlib.metadata finds their entry points exactly as it would after a ``pip install``.
"""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).parent
EXAMPLE = HERE / "voorbeeld_plugin"
SOURCES = {
    "voorbeeld": EXAMPLE,
    "kapot": HERE / "dists" / "kapot",
    "dubbel": HERE / "dists" / "dubbel",
    "tikfout": HERE / "dists" / "tikfout",
}
MODULES = tuple(f"jaartaak_{name}" for name in SOURCES)


def repo_plugin_names() -> frozenset[str]:
    """Entry point names of the real plugins in plugins/ (``make`` installs them next to the core).

    These tests are about the example distributions alone, so they hide the real ones: in this
    process through :func:`hide_repo_plugins`, in a subprocess through JAARTAAK_DISABLED_PLUGINS.
    """
    names: set[str] = set()
    for path in (HERE.parent.parent / "plugins").glob("*/pyproject.toml"):
        project = tomllib.loads(path.read_text(encoding="utf-8")).get("project", {})
        names.update(project.get("entry-points", {}).get("jaartaak", {}))
    return frozenset(names)


REPO_PLUGINS = repo_plugin_names()


@pytest.fixture
def repo_plugins() -> frozenset[str]:
    """The entry point names of the real plugins in plugins/ (see :func:`repo_plugin_names`)."""
    return REPO_PLUGINS


def hide_repo_plugins(monkeypatch) -> None:
    """Entry point discovery in this process no longer sees the real plugins of plugins/."""
    original = importlib.metadata.entry_points

    def entry_points(**params):
        found = original(**params)
        if params.get("group") != "jaartaak":
            return found
        return importlib.metadata.EntryPoints(e for e in found if e.name not in REPO_PLUGINS)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


# The example's own tests import it from its source folder, as a plugin project's suite would
# after `pip install -e .`; the installed copies below come first on sys.path when a test asks.
if str(EXAMPLE) not in sys.path:
    sys.path.append(str(EXAMPLE))


def pip(*args: str | Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", *map(str, args)], check=True)


@pytest.fixture(scope="session")
def plugin_sites(tmp_path_factory) -> dict[str, Path]:
    """Every example distribution as an installed site folder, by entry point name."""
    wheels = tmp_path_factory.mktemp("wheels")
    pip("wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", wheels, *SOURCES.values())
    sites = {}
    for name in SOURCES:
        site = tmp_path_factory.mktemp(f"site-{name}")
        wheel = next(wheels.glob(f"jaartaak_{name}-*.whl"))
        pip("install", "--quiet", "--no-deps", "--no-compile", "--target", site, wheel)
        sites[name] = site
    return sites


def forget_plugin_modules() -> dict[str, object]:
    names = [name for name in sys.modules if name.split(".")[0] in MODULES]
    return {name: sys.modules.pop(name) for name in names}


@pytest.fixture
def install(plugin_sites, monkeypatch):
    """``install("voorbeeld", "kapot")`` makes those distributions installed for this test.

    Plugin modules imported earlier are forgotten first (and restored afterwards), so every
    import in the test comes from the installed folders. Returns the folders, for PYTHONPATH.
    """
    monkeypatch.delenv("JAARTAAK_DISABLED_PLUGINS", raising=False)
    hide_repo_plugins(monkeypatch)
    saved = forget_plugin_modules()

    def install(*names: str) -> list[Path]:
        for name in names:
            monkeypatch.syspath_prepend(str(plugin_sites[name]))
        return [plugin_sites[name] for name in names]

    yield install
    forget_plugin_modules()
    sys.modules.update(saved)
