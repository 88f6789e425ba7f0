"""The calc contract's door: one scenario in, one result out, for any registered scheme.

``jaartaak calc`` and ``POST /api/v1/calc`` both call :func:`calculate` and :func:`dumps`, so
they give byte-for-byte the same JSON. The envelope (scheme, period, as_of, which top-level
fields exist) is checked here; the scheme reads its own parts.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Mapping
from typing import Any

from jaartaak.domain.periods import PERIOD_KINDS
from jaartaak.domain.reading import BAD_JSON, BAD_VALUE, WRONG_TYPE, Issue, Problems, Reader
from jaartaak.domain.results import Result
from jaartaak.domain.scheme import Scenario, Scheme

UNKNOWN_SCHEME = "scheme.onbekend"
UNAVAILABLE_SCHEME = "scheme.niet-geladen"
SCHEME_FAILED = "scheme.fout"
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


log = logging.getLogger(__name__)


def _refused(scheme: str, problems: Problems) -> Result:
    return Result(scheme=scheme, errors=list(problems.errors))


def not_an_object(message: str = "De invoer is geen JSON-object ({…}).") -> Result:
    return Result(scheme="", errors=[Issue(BAD_JSON, message)])


def _failed(scheme: Scheme, error: Exception) -> Result:
    """The answer for a scheme that raised: an error naming the scheme and the exception."""
    log.error("scheme %s raised in calculate", scheme.id, exc_info=error)
    what = traceback.format_exception_only(error)[-1].strip()
    message = (
        f"De regeling '{scheme.id}' kon deze berekening niet maken: er zit een fout in de "
        f"plugin ({what}). De fout is gelogd; meld dit aan de beheerder van jaartaak."
    )
    return Result(scheme=scheme.id, errors=[Issue(SCHEME_FAILED, message, "scheme")])


def calculate(
    raw: Any,
    schemes: Mapping[str, Scheme],
    unavailable: Mapping[str, str] | None = None,
    *,
    contain: bool = True,
) -> Result:
    """Check the envelope of ``raw`` and let the scheme it names answer.

    ``unavailable`` maps scheme ids whose plugin failed to load to a Dutch explanation, so that
    a scenario for such a scheme says so instead of "unknown scheme".

    A scheme that raises has a bug (the contract says ``calculate`` never raises, not even on
    bad input). With ``contain`` the exception is logged and answered with a
    ``scheme.fout`` error, so a broken plugin costs its own employees their numbers and every
    page still shows them a Dutch message; other schemes are not touched. The contract tests
    pass ``contain=False``, so a plugin author sees the exception itself.
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
    for name in ("history", "settings"):
        if parts[name] is not None and not isinstance(parts[name], Mapping):
            problems.add(WRONG_TYPE, name, f"{name} moet een object zijn ({{…}}).")
    # An object for most schemes; a list of monthly entries for IKB-style ones, which declare
    # ``monthly_products`` (the scheme reads and checks the entries).
    monthly = getattr(scheme, "monthly_products", None) is not None
    if parts["choices"] is not None and not isinstance(
        parts["choices"], list if monthly else Mapping
    ):
        shape = "een lijst ([…])" if monthly else "een object ({…})"
        problems.add(WRONG_TYPE, "choices", f"choices moet {shape} zijn.")
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
        choices=parts["choices"] if parts["choices"] is not None else [] if monthly else {},
        events=parts["events"] or [],
        history=parts["history"] or {},
        settings=parts["settings"] or {},
    )
    if not contain:
        return scheme.calculate(scenario)
    try:
        return scheme.calculate(scenario)
    except Exception as error:
        return _failed(scheme, error)


def dumps(result: Result) -> str:
    """The one text form of a result: indented, UTF-8, keys in the contract's order."""
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["BAD_VALUE", "calculate", "dumps", "not_an_object"]
