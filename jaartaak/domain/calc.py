"""The calc contract's door: one scenario in, one result out, for any registered scheme.

``jaartaak calc`` and ``POST /api/v1/calc`` both call :func:`calculate` and :func:`dumps`, so
they give byte-for-byte the same JSON. The envelope (scheme, period, as_of, which top-level
fields exist) is checked here; the scheme reads its own parts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from jaartaak.domain.periods import PERIOD_KINDS
from jaartaak.domain.reading import BAD_JSON, BAD_VALUE, WRONG_TYPE, Issue, Problems, Reader
from jaartaak.domain.results import Result
from jaartaak.domain.scheme import Scenario, Scheme

UNKNOWN_SCHEME = "scheme.onbekend"
UNAVAILABLE_SCHEME = "scheme.niet-geladen"
BAD_PERIOD = "periode.ongeldig"
STANDARD_FIELDS = (
    "scheme",
    "period",
    "employee",
    "choices",
    "events",
    "history",
    "settings",
    "as_of",
)


def _refused(scheme: str, problems: Problems) -> Result:
    return Result(scheme=scheme, errors=list(problems.errors))


def not_an_object(message: str = "De invoer is geen JSON-object ({…}).") -> Result:
    return Result(scheme="", errors=[Issue(BAD_JSON, message)])


def calculate(
    raw: Any, schemes: Mapping[str, Scheme], unavailable: Mapping[str, str] | None = None
) -> Result:
    """Check the envelope of ``raw`` and let the scheme it names answer.

    ``unavailable`` maps scheme ids whose plugin failed to load to a Dutch explanation, so that
    a scenario for such a scheme says so instead of "unknown scheme".
    """
    if not isinstance(raw, Mapping):
        return not_an_object()
    problems = Problems()
    envelope = Reader(raw, "", problems)
    scheme_id = envelope.text("scheme") or ""
    if problems:
        return _refused(scheme_id, problems)
    scheme = schemes.get(scheme_id)
    if scheme is None:
        if unavailable and scheme_id in unavailable:
            problems.add(UNAVAILABLE_SCHEME, "scheme", unavailable[scheme_id])
        else:
            known = ", ".join(f"'{s}'" for s in sorted(schemes)) or "geen"
            problems.add(
                UNKNOWN_SCHEME,
                "scheme",
                f"Regeling '{scheme_id}' is niet bekend (geïnstalleerd: {known}).",
            )
        return _refused(scheme_id, problems)

    period_text = envelope.text("period")
    period = None
    if period_text is not None:
        try:
            period = PERIOD_KINDS[scheme.period_kind].parse(period_text)
        except ValueError as error:
            problems.add(BAD_PERIOD, "period", f"period: {error}.")
    as_of = envelope.day("as_of", required=False)
    parts = {
        name: envelope.passthrough(name)  # the scheme reads these itself
        for name in ("employee", "choices", "events", "history", "settings")
    }
    extra = {name: envelope.passthrough(name) for name in scheme.extra_fields if name in raw}
    envelope.finish()
    # A monthly choice budget (a scheme declaring ``monthly_products``) takes a list of choices.
    listed = getattr(scheme, "monthly_products", None) is not None
    for name in ("choices", "history", "settings"):
        if name == "choices" and listed:
            if parts[name] is not None and not isinstance(parts[name], list):
                problems.add(WRONG_TYPE, name, f"{name} moet een lijst zijn ([…]).")
        elif parts[name] is not None and not isinstance(parts[name], Mapping):
            problems.add(WRONG_TYPE, name, f"{name} moet een object zijn ({{…}}).")
    if parts["events"] is not None and not isinstance(parts["events"], list):
        problems.add(WRONG_TYPE, "events", "events moet een lijst zijn ([…]).")
    if problems or period is None:
        return _refused(scheme_id, problems)

    scenario = Scenario(
        scheme=scheme_id,
        period=period,
        as_of=as_of,
        extra=extra,
        employee=parts["employee"],
        choices=parts["choices"] or ([] if listed else {}),
        events=parts["events"] or [],
        history=parts["history"] or {},
        settings=parts["settings"] or {},
    )
    return scheme.calculate(scenario)


def dumps(result: Result) -> str:
    """The one text form of a result: indented, UTF-8, keys in the contract's order."""
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["BAD_VALUE", "calculate", "dumps", "not_an_object"]
