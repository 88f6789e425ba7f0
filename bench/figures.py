"""One line per benchmark figure: what was measured, the value, its target, OK or MISS.

Every benchmark of ``make bench`` prints its figures through :func:`figure`, so the output
reads the same throughout and a reader (or docs/performance.md) can compare line by line.
Whether a target is met is decided on the value as printed, so a figure shown as meeting its
target does.
"""

from __future__ import annotations


def figure(name: str, value: str, target: str | None = None, met: bool | None = None) -> str:
    """``name: value  target <target>  OK|MISS``; without a target ``(no target)``."""
    if target is None:
        return f"{name}: {value}  (no target)"
    return f"{name}: {value}  target {target}  {'OK' if met else 'MISS'}"
