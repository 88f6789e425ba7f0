"""``jaartaak plugins``: which schemes are installed, who provides them, which plugins failed.

It runs without a database or app configuration (``with_appcontext=False``), so it is the first
thing to run when a scheme is missing. Exit status 0 when every plugin loaded, 1 when one failed
or a plugin mistake stops jaartaak from starting (then only ``Fout: …`` is printed).
"""

from __future__ import annotations

import click

from jaartaak.cli.base import CommandError, cli
from jaartaak.domain.scheme import Scheme
from jaartaak.plugins import DISABLED_ENV, PluginError, SchemeRegistry, load_registry


def rule_version_lines(scheme: Scheme) -> list[str]:
    rows = [
        (
            version.id,
            version.title,
            f"{version.first} t/m {version.last}" if version.last else f"vanaf {version.first}",
        )
        for version in scheme.rule_versions()
    ]
    if not rows:
        return ["    (geen)"]
    id_width = max(len(row[0]) for row in rows)
    title_width = max(len(row[1]) for row in rows)
    return [f"    {a:<{id_width}}  {b:<{title_width}}  {c}" for a, b, c in rows]


def listing(registry: SchemeRegistry) -> list[str]:
    """The report, as lines: schemes first, then failed and disabled plugins."""
    lines = [f"Regelingen ({len(registry.schemes)})"]
    if not registry.schemes:
        lines.append("  Geen regelingen geladen.")
    for scheme_id, scheme in registry.schemes.items():
        lines += [
            "",
            f"{scheme_id} — {scheme.title}",
            f"  periode:       {scheme.period_kind}",
            f"  geleverd door: {registry.providers[scheme_id]}",
            "  regelversies:",
            *rule_version_lines(scheme),
        ]
    if registry.failures:
        lines += ["", f"Plugins die niet konden laden ({len(registry.failures)})"]
        lines += [f"  {failure.provider}: {failure.summary}" for failure in registry.failures]
    if registry.disabled or registry.unknown_disabled:
        lines += ["", f"Uitgeschakeld met {DISABLED_ENV} ({len(registry.disabled)})"]
        lines += [f"  {provider}" for provider in registry.disabled]
        lines += [
            f"  let op: '{name}' is geen geïnstalleerde plugin"
            for name in registry.unknown_disabled
        ]
    return lines


@cli.command("plugins", with_appcontext=False)
def plugins_command() -> None:
    """Toon de regelingen en de plugins die ze leveren."""
    try:
        registry = load_registry()
    except PluginError as error:
        raise CommandError(str(error)) from None
    for line in listing(registry):
        click.echo(line)
    if registry.failures:
        click.get_current_context().exit(1)
