"""The calc contract from JSON text, shared by `jaartaak calc` and `POST /api/v1/calc`.

Both hand the text to :func:`run_calc` and print :func:`jaartaak.domain.calc.dumps` of the
result, so they answer byte for byte the same.
"""

from __future__ import annotations

import json

from jaartaak.domain import calc, reading
from jaartaak.domain.results import Result
from jaartaak.plugins import SchemeRegistry


def run_calc(text: str | bytes, registry: SchemeRegistry) -> Result:
    """The result for a scenario as JSON text; bad JSON is an error entry, not an exception."""
    try:
        raw = reading.loads(text)
    except UnicodeDecodeError:
        return calc.not_an_object("De invoer is geen UTF-8-tekst.")
    except json.JSONDecodeError as error:
        return calc.not_an_object(
            f"De invoer is geen geldige JSON (fout bij regel {error.lineno}, kolom {error.colno})."
        )
    except ValueError:  # e.g. a number too long to convert
        return calc.not_an_object("De invoer is geen geldige JSON.")
    scheme_id = raw.get("scheme") if isinstance(raw, dict) else None
    unavailable = registry.unavailable([scheme_id]) if isinstance(scheme_id, str) else {}
    # Not contained: a scheme that raises is a crash here (exit 1 with the traceback, HTTP 500),
    # which is what the author of a scheme or an integration needs to see.
    return calc.calculate(raw, registry.schemes, unavailable, contain=False)
