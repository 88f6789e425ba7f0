"""``POST /api/v1/calc``: the calc contract, byte for byte what ``jaartaak calc FILE`` prints.

200 without errors, 422 with errors, 400 for a body that is not a JSON object (the body is then
the same error result the CLI prints).
"""

from __future__ import annotations

import json

from flask import Response, request

from jaartaak.domain import calc, reading
from jaartaak.services.calc import run_calc
from jaartaak.web.api.blueprint import bp
from jaartaak.web.engine import registry


def _is_object(text: bytes) -> bool:
    try:
        return isinstance(reading.loads(text), dict)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError):
        return False


@bp.post("/calc")
def calculate():
    text = request.get_data(cache=False)
    result = run_calc(text, registry())
    status = 200 if result.ok else 422
    if not _is_object(text):
        status = 400
    return Response(calc.dumps(result), status=status, mimetype="application/json")
