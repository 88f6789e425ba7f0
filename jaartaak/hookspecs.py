"""The hooks a jaartaak plugin can implement: their docstrings are the contract.

A plugin is a module (or any object) with functions marked ``@hookimpl`` whose names are the
hook names below. Plugins write ``from jaartaak import hookimpl``. There is one hook on purpose:
a hook is added only when a plugin really needs it, and every hook is documented in
docs/plugins.md (a test checks).

The markers are typed like tox 4's: ``@hookimpl`` returns the function it decorates unchanged, so
type checkers keep its signature. Ordering options (``tryfirst``, ``trylast``) and wrappers are
left out of the typed marker on purpose: no result may depend on the order of plugins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

import pluggy

if TYPE_CHECKING:
    from jaartaak.domain.scheme import Scheme

#: The pluggy project name, which is also the entry point group plugins declare.
NAME = "jaartaak"

_F = TypeVar("_F", bound=Callable[..., object])

hookspec = cast(Callable[[_F], _F], pluggy.HookspecMarker(NAME))
#: Mark a function as the implementation of a jaartaak hook (``from jaartaak import hookimpl``).
hookimpl = cast(Callable[[_F], _F], pluggy.HookimplMarker(NAME))


@hookspec
def jaartaak_register_schemes() -> list[Scheme]:
    """Return the budget schemes this plugin provides.

    Each object implements :class:`jaartaak.domain.scheme.Scheme`: ``id``, ``title``,
    ``period_kind`` (``schooljaar`` or ``kalenderjaar``), ``required_totals``, ``extra_fields``,
    ``rule_versions()``, ``options()`` and a pure ``calculate(scenario)`` that never raises on
    bad input.

    Called once, when jaartaak starts (the web app, ``jaartaak plugins``, ``jaartaak calc``);
    return the same schemes every time and do no work beyond building them.

    A scheme id must be unique across all installed plugins and the built-in schemes: two
    providers of the same id are a startup error that names both. An id never changes meaning:
    stored years are recomputed under the id and rule version they were planned with, so a new
    collective agreement is a new rule version (or a new id), never an edit.

    :return: a list of scheme objects (an empty list is allowed).
    """


__all__ = ["NAME", "hookimpl", "hookspec", "jaartaak_register_schemes"]
