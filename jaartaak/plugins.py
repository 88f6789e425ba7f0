"""Loading plugins and building the scheme registry: every scheme with the plugin that provided it.

The built-in schemes (``jaartaak.builtin_schemes``) are a plugin of the same hook, registered
before the entry point group ``jaartaak``. Entry points load one by one, not with pluggy's
``load_setuptools_entrypoints`` (which stops at the first broken plugin): a plugin that fails to
import, or whose hook raises or returns no proper schemes, is a :class:`PluginFailure` naming the
plugin, its distribution and version, and the others still load. What would make the set of
schemes ambiguous is a startup error (:class:`PluginError`): an unknown hook name (a typo would
quietly provide nothing), one plugin name twice, one scheme id twice. Results never depend on
load order. There is no module-level manager: :func:`load_plugins` builds a fresh one each time.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import os
import re
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pluggy

from jaartaak import __version__, hookspecs
from jaartaak.code_digest import source_digest
from jaartaak.domain.periods import PERIOD_KINDS
from jaartaak.domain.scheme import Scheme

GROUP = hookspecs.NAME
DISABLED_ENV = "JAARTAAK_DISABLED_PLUGINS"
BUILTIN = "jaartaak (ingebouwd)"
#: Modules registered as plugins before any entry point, imported only when plugins load.
DEFAULT_BUILTINS: tuple[str, ...] = ("jaartaak.builtin_schemes",)
SCHEME_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: What a scheme object must have: the Scheme protocol's attributes and methods.
SCHEME_MEMBERS = (
    *Scheme.__annotations__,
    *(name for name, value in vars(Scheme).items() if callable(value) and name[0] != "_"),
)
HOOK = "jaartaak_register_schemes"


@dataclass(frozen=True)
class Provider:
    """Where a plugin comes from: its name, and the distribution and version that installed it."""

    plugin: str
    distribution: str | None = None
    version: str | None = None

    def __str__(self) -> str:
        if self.distribution is None:
            return f"plugin '{self.plugin}' (los geregistreerd)"
        return f"plugin '{self.plugin}' uit {self.distribution} {self.version}"


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that did not load: what went wrong (Dutch or Python's text) and the traceback."""

    provider: Provider
    error: str
    details: str = ""

    @property
    def summary(self) -> str:
        """The first line of the error, for listings."""
        return self.error.strip().splitlines()[0] if self.error.strip() else "onbekende fout"

    @classmethod
    def of(cls, provider: Provider, error: BaseException, where: str = "") -> PluginFailure:
        text = "".join(traceback.format_exception_only(error)).strip()
        details = "".join(traceback.format_exception(error))
        return cls(provider, f"{where}: {text}" if where else text, details)


class PluginError(Exception):
    """A plugin mistake that makes the set of schemes ambiguous: jaartaak refuses to start."""


def _and(providers: Sequence[Provider]) -> str:
    return " en ".join(str(provider) for provider in providers)


class DuplicateSchemeError(PluginError):
    """Two plugins provide the same scheme id; the message names both (all) providers."""

    def __init__(self, scheme_id: str, providers: Sequence[Provider]) -> None:
        self.scheme_id = scheme_id
        self.providers = tuple(providers)
        super().__init__(
            f"regeling '{scheme_id}' wordt meer dan eens geleverd: door {_and(self.providers)}. "
            f"Verwijder er één, of schakel er één uit met {DISABLED_ENV}."
        )


class DuplicatePluginError(PluginError):
    """Two distributions declare a plugin with the same name: which one loads would be luck."""

    def __init__(self, name: str, providers: Sequence[Provider]) -> None:
        self.name = name
        self.providers = tuple(providers)
        super().__init__(f"de pluginnaam '{name}' komt meer dan eens voor: {_and(self.providers)}.")


class UnknownHookError(PluginError):
    """A plugin implements a hook jaartaak does not have (usually a typo in the function name)."""

    def __init__(self, provider: Provider, hooks: Sequence[str]) -> None:
        self.provider = provider
        self.hooks = tuple(hooks)
        known = [name for name in dir(hookspecs) if name.startswith("jaartaak_")]
        parts = []
        for hook in self.hooks:
            close = difflib.get_close_matches(hook, known, n=1)
            parts.append(f"'{hook}'" + (f" (bedoelde u '{close[0]}'?)" if close else ""))
        super().__init__(f"{provider} heeft een hook die jaartaak niet kent: {', '.join(parts)}.")


@dataclass
class Plugins:
    """A plugin manager with its plugins registered, and what happened while loading them.

    A typed facade (as in tox 4): callers use :meth:`jaartaak_register_schemes` rather than the
    untyped ``manager.hook``.
    """

    manager: pluggy.PluginManager
    providers: dict[str, Provider] = field(default_factory=dict)  # by plugin name
    failures: list[PluginFailure] = field(default_factory=list)
    disabled: list[Provider] = field(default_factory=list)
    unknown_disabled: list[str] = field(default_factory=list)

    def register(self, provider: Provider, load: Callable[[], object]) -> None:
        """Load and register one plugin; a failure is recorded, never raised."""
        try:
            plugin = load()
            if plugin is None:
                raise LookupError("het entry point wijst naar None")
            self.manager.register(plugin, name=provider.plugin)
            if not self.manager.get_hookcallers(plugin):
                self.manager.unregister(plugin)
                raise LookupError(
                    "implementeert geen enkele hook van jaartaak (is @hookimpl vergeten?)"
                )
        except Exception as error:
            self.failures.append(PluginFailure.of(provider, error))
            return
        self.providers[provider.plugin] = provider

    def check_pending(self) -> None:
        """A hookimpl that matches no hookspec is a startup error naming its plugin."""
        try:
            self.manager.check_pending()
        except pluggy.PluginValidationError as error:
            name = self.manager.get_name(error.plugin) or repr(error.plugin)
            unknown = sorted(
                caller.name
                for caller in self.manager.get_hookcallers(error.plugin) or []
                if not caller.has_spec()
            )
            raise UnknownHookError(self.providers.get(name, Provider(name)), unknown) from error

    def jaartaak_register_schemes(self) -> SchemeRegistry:
        """Call the hook of every plugin on its own, so each scheme is known with its provider."""
        failures = list(self.failures)
        offered: dict[str, list[tuple[Scheme, Provider]]] = {}
        impls = self.manager.hook.jaartaak_register_schemes.get_hookimpls()
        for impl in sorted(impls, key=lambda impl: impl.plugin_name):
            provider = self.providers.get(impl.plugin_name, Provider(impl.plugin_name))
            try:
                if impl.wrapper or impl.hookwrapper:
                    raise TypeError("een wrapper kan geen regelingen leveren")
                schemes = checked_schemes(impl.function())
            except Exception as error:
                failures.append(PluginFailure.of(provider, error, where=HOOK))
                continue
            for scheme in schemes:
                offered.setdefault(scheme.id, []).append((scheme, provider))
        for scheme_id, candidates in sorted(offered.items()):
            if len(candidates) > 1:
                providers = sorted((p for _, p in candidates), key=str)
                raise DuplicateSchemeError(scheme_id, providers)
        return SchemeRegistry(
            schemes={scheme_id: c[0][0] for scheme_id, c in sorted(offered.items())},
            providers={scheme_id: c[0][1] for scheme_id, c in sorted(offered.items())},
            failures=failures,
            disabled=list(self.disabled),
            unknown_disabled=list(self.unknown_disabled),
        )


def checked_schemes(value: object) -> list[Scheme]:
    """The hook's return value, refused as a whole unless it is a list of proper schemes."""
    if not isinstance(value, list | tuple):
        raise TypeError(f"gaf {type(value).__name__} terug, verwacht een lijst met regelingen")
    for scheme in value:
        missing = [name for name in SCHEME_MEMBERS if not hasattr(scheme, name)]
        if missing or not isinstance(scheme, Scheme):
            raise TypeError(f"{scheme!r} is geen Scheme (ontbreekt: {', '.join(missing)})")
        if not isinstance(scheme.id, str) or not SCHEME_ID.match(scheme.id):
            raise ValueError(
                f"ongeldig regeling-id {scheme.id!r}: alleen kleine letters, cijfers en streepjes"
            )
        if scheme.period_kind not in PERIOD_KINDS:
            kinds = ", ".join(PERIOD_KINDS)
            raise ValueError(
                f"regeling '{scheme.id}': onbekende periodesoort {scheme.period_kind!r} "
                f"(kies uit {kinds})"
            )
    return list(value)


@dataclass(frozen=True)
class SchemeRegistry:
    """The loaded schemes by id, who provided each, and the plugins that failed or were skipped."""

    schemes: dict[str, Scheme]
    providers: dict[str, Provider]  # by scheme id
    failures: list[PluginFailure]
    disabled: list[Provider] = field(default_factory=list)
    unknown_disabled: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @cached_property
    def fingerprint(self) -> str:
        """A digest of the schemes and the code that computes them (see :mod:`code_digest`)."""
        return source_digest(
            (scheme_id, str(self.providers[scheme_id]), type(scheme).__module__)
            for scheme_id, scheme in self.schemes.items()
        )

    def missing(self, scheme_ids: Iterable[str]) -> list[str]:
        """The ids among ``scheme_ids`` (say, those stored data refers to) that did not load."""
        return sorted({sid for sid in scheme_ids if sid not in self.schemes})

    def unavailable(self, scheme_ids: Iterable[str]) -> dict[str, str]:
        """For :func:`jaartaak.domain.calc.calculate`: why these ids may be missing, if we know.

        Which ids a broken or disabled plugin would have provided cannot be known (its code did
        not run), so this does not guess: when some plugin failed or was disabled, every id
        asked about that did not load is answered with what went wrong (``scheme.niet-geladen``);
        when all plugins loaded, a missing id is simply unknown (``scheme.onbekend``).
        """
        if not self.failures and not self.disabled:
            return {}
        reasons = [f"{f.provider} kon niet laden ({f.summary})" for f in self.failures]
        reasons += [f"{p} is uitgeschakeld ({DISABLED_ENV})" for p in self.disabled]
        why = "; ".join(reasons)
        return {
            sid: f"Regeling '{sid}' is niet geladen. Mogelijk hoort hij bij een plugin die "
            f"ontbreekt: {why}. Zie `jaartaak plugins`."
            for sid in self.missing(scheme_ids)
        }


def disabled_names(disabled: Iterable[str] | None = None) -> list[str]:
    """Plugin names to skip: ``disabled``, or else the comma-separated JAARTAAK_DISABLED_PLUGINS."""
    if disabled is None:
        disabled = os.environ.get(DISABLED_ENV, "").split(",")
    return sorted({name.strip() for name in disabled if name.strip()})


def entry_point_provider(entry_point: importlib.metadata.EntryPoint) -> Provider:
    dist = entry_point.dist
    if dist is None:
        return Provider(entry_point.name)
    return Provider(entry_point.name, dist.name, dist.version)


def load_entry_points(plugins: Plugins, disabled: Sequence[str]) -> None:
    """Register the plugins of the entry point group, each on its own (error isolation)."""
    found: dict[str, list[importlib.metadata.EntryPoint]] = {}
    for entry_point in importlib.metadata.entry_points(group=GROUP):
        found.setdefault(entry_point.name, []).append(entry_point)
    for name, entry_points in sorted(found.items()):
        providers = [entry_point_provider(ep) for ep in entry_points]
        if name in plugins.providers:  # a built-in or local plugin took the name
            providers.insert(0, plugins.providers[name])
        if len(providers) > 1:
            raise DuplicatePluginError(name, providers)
        if name in disabled:
            plugins.manager.set_blocked(name)
            plugins.disabled.append(providers[0])
            continue
        plugins.register(providers[0], entry_points[0].load)
    plugins.unknown_disabled = [name for name in disabled if name not in found]


def load_plugins(
    *,
    load_entrypoints: bool = True,
    builtins: Sequence[str] = DEFAULT_BUILTINS,
    extra: Iterable[object] = (),
    disabled: Iterable[str] | None = None,
) -> Plugins:
    """The plugin manager factory: built-ins, then ``extra`` objects, then entry points.

    ``builtins`` are module names, imported here (lazily) and provided by "jaartaak (ingebouwd)".
    ``extra`` are plugin objects registered as they are (tests, local plugins). ``disabled``
    lists entry point names to skip; None reads JAARTAAK_DISABLED_PLUGINS.
    """
    manager = pluggy.PluginManager(hookspecs.NAME)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager)
    for module_name in builtins:
        provider = Provider(module_name, BUILTIN, __version__)
        plugins.register(provider, lambda name=module_name: importlib.import_module(name))
    for plugin in extra:
        provider = Provider(manager.get_canonical_name(plugin))
        plugins.register(provider, lambda plugin=plugin: plugin)
    if load_entrypoints:
        load_entry_points(plugins, disabled_names(disabled))
    plugins.check_pending()
    return plugins


def load_registry(**options) -> SchemeRegistry:
    """Load the plugins and collect their schemes: what the CLI and the web app start with."""
    return load_plugins(**options).jaartaak_register_schemes()
