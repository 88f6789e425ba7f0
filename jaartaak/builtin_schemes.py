"""The schemes jaartaak ships with, registered through the same hook as any plugin.

Writing the built-in CAO VO scheme as a plugin of our own hook (as datasette does with its
default plugins) keeps the engine honest: a third-party scheme gets exactly what CAO VO gets.
"""

from __future__ import annotations

from jaartaak.domain.caovo import CaoVoScheme
from jaartaak.hookspecs import hookimpl


@hookimpl
def jaartaak_register_schemes() -> list[CaoVoScheme]:
    return [CaoVoScheme()]
