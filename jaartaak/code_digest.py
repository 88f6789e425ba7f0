"""A digest of the source code behind the loaded schemes.

Stored engine results (:mod:`jaartaak.services.uitkomsten`) are keyed by their complete input
*and* by this digest, so a result computed by other code is never shown: an upgrade of
jaartaak or of a plugin, or an edit in an editable install during development, changes the
digest, and every result is computed afresh once. The digest covers every ``.py`` file of the
top-level package that defines each scheme (for the built-in schemes, all of ``jaartaak``),
with the provider's distribution and version; reading them takes a few milliseconds, once per
process.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterable
from pathlib import Path


def _source_files(top_level: str) -> list[Path]:
    """The ``.py`` files of a top-level package (or the one file of a plain module)."""
    module = importlib.import_module(top_level)
    folders = getattr(module, "__path__", None)
    if folders is None:
        return [Path(module.__file__)] if getattr(module, "__file__", None) else []
    files = [path for folder in folders for path in Path(folder).rglob("*.py")]
    return sorted(files)


def source_digest(parts: Iterable[tuple[str, str, str]]) -> str:
    """SHA-256 over ``(scheme id, provider, module)`` triples and the source of their packages."""
    digest = hashlib.sha256()
    packages: set[str] = set()
    for scheme_id, provider, module in sorted(parts):
        digest.update(f"{scheme_id}\0{provider}\0{module}\0".encode())
        packages.add(module.partition(".")[0])
    for package in sorted(packages):
        for path in _source_files(package):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
