"""``GET /api/v1/openapi.json``: the OpenAPI 3.1 document of the API, written by hand.

The schemas are JSON Schema 2020-12 (OpenAPI 3.1), so the tests validate every API response
against them (tests/api/support_api.py). Money, hours and factors are decimal strings.
"""

from __future__ import annotations

from jaartaak.web.api import PREFIX
from jaartaak.web.api.blueprint import bp
from jaartaak.web.api.errors import json_response

DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "description": "Decimaal als tekst"}
DAY = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
MONTH = {"type": "string", "pattern": r"^\d{4}-\d{2}$"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error_response(name: str) -> dict:
    return {"$ref": f"#/components/responses/{name}"}


ISSUE = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string"},
        "field": {"type": "string"},
        "message": {"type": "string"},
    },
    "additionalProperties": False,
}

PERIOD = {
    "type": "object",
    "required": ["id", "start", "end"],
    "properties": {"id": {"type": "string"}, "start": DAY, "end": DAY},
    "additionalProperties": False,
}

#: A value in ``totals``: anything but a float (money and hours are strings; counts integers).
TOTAL_VALUE = {"anyOf": [{"not": {"type": "number"}}, {"type": "integer"}]}

QUANTITY = {
    "type": "object",
    "required": ["unit", "amount"],
    "properties": {"unit": {"type": "string"}, "amount": {"type": ["string", "integer"]}},
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "examples": ["auth.ongeldig"]},
                    "message": {"type": "string", "description": "Nederlands, voor mensen"},
                },
                "additionalProperties": False,
            }
        },
        "additionalProperties": False,
    },
    "Issue": ISSUE,
    "Period": PERIOD,
    "Quantity": QUANTITY,
    "Me": {
        "type": "object",
        "required": ["id", "username", "display_name", "roles", "employee_id"],
        "properties": {
            "id": {"type": "integer"},
            "username": {"type": "string"},
            "display_name": {"type": "string"},
            "roles": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["role", "organisation_id", "school_id"],
                    "properties": {
                        "role": {
                            "enum": ["beheerder", "planner", "salarisadministratie", "medewerker"]
                        },
                        "organisation_id": {"type": "integer"},
                        "school_id": {"type": ["integer", "null"]},
                    },
                    "additionalProperties": False,
                },
            },
            "employee_id": {"type": ["integer", "null"]},
        },
        "additionalProperties": False,
    },
    "EmployeeItem": {
        "type": "object",
        "required": ["id", "code", "name", "school", "organisation_id", "scheme"],
        "properties": {
            "id": {"type": "integer"},
            "code": {"type": "string"},
            "name": {"type": "string"},
            "school": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
                "additionalProperties": False,
            },
            "organisation_id": {"type": "integer"},
            "scheme": {"type": "string", "examples": ["cao-vo", "ggz-balansbudget"]},
        },
    },
    "EmployeeList": {
        "type": "object",
        "required": ["employees"],
        "properties": {"employees": {"type": "array", "items": _ref("EmployeeItem")}},
        "additionalProperties": False,
    },
    "Appointment": {
        "type": "object",
        "required": ["start", "end", "fte", "kind"],
        "properties": {
            "start": DAY,
            "end": {"anyOf": [DAY, {"type": "null"}]},
            "fte": DECIMAL,
            "kind": {"enum": ["regulier", "vervanging"]},
        },
        "additionalProperties": False,
    },
    "Budget": {
        "type": "object",
        "description": "De uitkomst van de huidige periode (CAO VO: het huidige schooljaar).",
        "required": [
            "scheme",
            "installed",
            "available",
            "message",
            "period",
            "rule_version",
            "totals",
            "balances",
            "warnings",
            "errors",
        ],
        "properties": {
            "scheme": {"type": "string"},
            "installed": {"type": "boolean", "description": "Of de regeling hier geladen is"},
            "available": {"type": "boolean", "description": "Of er een uitkomst is"},
            "message": {
                "type": ["string", "null"],
                "description": "Waarom er geen uitkomst is (Nederlands)",
            },
            "period": {"anyOf": [_ref("Period"), {"type": "null"}]},
            "rule_version": {"type": ["string", "null"]},
            "totals": {
                "type": "object",
                "description": "De totalen van het rekencontract; bedragen en uren als tekst",
                "additionalProperties": TOTAL_VALUE,
            },
            "balances": {"type": "object", "additionalProperties": _ref("Quantity")},
            "warnings": {"type": "array", "items": _ref("Issue")},
            "errors": {"type": "array", "items": _ref("Issue")},
        },
        "additionalProperties": False,
    },
    "EmployeeDetail": {
        "allOf": [
            _ref("EmployeeItem"),
            {
                "type": "object",
                "required": ["appointments", "budget"],
                "properties": {
                    "appointments": {"type": "array", "items": _ref("Appointment")},
                    "budget": _ref("Budget"),
                },
            },
        ]
    },
    "CalcResult": {
        "type": "object",
        "description": "Het resultaat van het rekencontract (calc-contract.md), zoals "
        "`jaartaak calc` het afdrukt.",
        "required": [
            "scheme",
            "rule_version",
            "period",
            "totals",
            "lines",
            "ledger",
            "balances",
            "payroll",
            "warnings",
            "errors",
        ],
        "properties": {
            "scheme": {"type": "string"},
            "rule_version": {"type": ["string", "null"]},
            "period": {"anyOf": [_ref("Period"), {"type": "null"}]},
            "totals": {"type": "object", "additionalProperties": TOTAL_VALUE},
            "lines": {"type": "array", "items": {"type": "object"}},
            "ledger": {"type": "array", "items": {"type": "object"}},
            "balances": {"type": "object", "additionalProperties": _ref("Quantity")},
            "payroll": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["month", "code", "amount", "pensionable"],
                    "properties": {
                        "month": MONTH,
                        "code": {"type": "string"},
                        "amount": DECIMAL,
                        "pensionable": {"type": "boolean"},
                    },
                },
            },
            "tranches": {"type": "array", "items": {"type": "object"}},
            "warnings": {"type": "array", "items": _ref("Issue")},
            "errors": {"type": "array", "items": _ref("Issue")},
        },
    },
    "Scenario": {
        "type": "object",
        "description": "Een scenario volgens het rekencontract; bedragen en uren als tekst.",
        "required": ["scheme", "period"],
        "properties": {
            "scheme": {"type": "string", "examples": ["cao-vo"]},
            "period": {"type": "string", "examples": ["2025-2026"]},
            "employee": {"type": "object"},
            "choices": {"type": ["object", "array"]},
            "events": {"type": "array"},
            "history": {"type": "object"},
            "settings": {"type": "object"},
            "as_of": DAY,
        },
    },
    "PayrollLine": {
        "type": "object",
        "required": [
            "employee_id",
            "employee_number",
            "name",
            "school",
            "scheme",
            "code",
            "amount",
            "pensionable",
            "description",
            "corrects",
        ],
        "properties": {
            "employee_id": {"type": "integer"},
            "employee_number": {"type": "string"},
            "name": {"type": "string"},
            "school": {"type": "string"},
            "scheme": {"type": "string"},
            "code": {"type": "string", "description": "Looncode"},
            "amount": DECIMAL,
            "pensionable": {"type": "boolean"},
            "description": {"type": "string"},
            "corrects": {
                "anyOf": [MONTH, {"type": "null"}],
                "description": "De maand die deze regel corrigeert",
            },
        },
        "additionalProperties": False,
    },
    "PayrollMonth": {
        "type": "object",
        "required": ["month", "organisations"],
        "properties": {
            "month": MONTH,
            "organisations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "organisation_id",
                        "closed",
                        "closed_at",
                        "lines",
                        "totals",
                        "problems",
                    ],
                    "properties": {
                        "organisation_id": {"type": "integer"},
                        "closed": {"type": "boolean"},
                        "closed_at": {"type": ["string", "null"], "format": "date-time"},
                        "lines": {"type": "array", "items": _ref("PayrollLine")},
                        "totals": {"type": "object", "additionalProperties": DECIMAL},
                        "problems": {"type": "array", "items": {"type": "string"}},
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    },
}

RESPONSES = {
    "BadRequest": _json(_ref("Error"), "Ongeldig verzoek"),
    "Unauthorized": {
        **_json(_ref("Error"), "Geen, een onbekend of een ingetrokken token (auth.ongeldig)"),
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    },
    "Forbidden": _json(_ref("Error"), "De rol geeft geen toegang (toegang.geweigerd)"),
    "NotFound": _json(_ref("Error"), "Bestaat niet, of valt buiten wat de gebruiker mag zien"),
    "Error": _json(_ref("Error"), "Een andere fout (405, 500, 503), als JSON"),
}

SECURED = [{"bearer": []}]


def _operation(summary: str, ok: dict, *, description: str = "", **more) -> dict:
    responses = {
        "200": ok,
        "401": _error_response("Unauthorized"),
        "default": _error_response("Error"),
        **{str(status): response for status, response in more.pop("responses", {}).items()},
    }
    operation = {"summary": summary, "security": SECURED, "responses": responses, **more}
    if description:
        operation["description"] = description
    return operation


DOCUMENT = {
    "openapi": "3.1.0",
    "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
    "info": {
        "title": "jaartaak API",
        "version": "1",
        "description": "De REST-API van jaartaak (docs/api.md). Authenticatie met een "
        "API-token (`jaartaak token create --user NAAM`) in `Authorization: Bearer <token>`. "
        "Fouten zijn JSON met een code en een Nederlandse melding. Bedragen, uren en factoren "
        "zijn decimale getallen als tekst, nooit floats.",
    },
    "servers": [{"url": PREFIX}],
    "paths": {
        "/me": {
            "get": _operation(
                "De gebruiker van het token", _json(_ref("Me"), "De gebruiker"), operationId="me"
            )
        },
        "/employees": {
            "get": _operation(
                "De medewerkers die de gebruiker mag zien",
                _json(_ref("EmployeeList"), "De medewerkers, op achternaam"),
                description="Planner en salarisadministratie: de scholen van hun rol; "
                "beheerder: het bestuur; medewerker: alleen zichzelf.",
                operationId="employees",
            )
        },
        "/employees/{id}": {
            "get": _operation(
                "Eén medewerker met aanstellingen en het budget van de huidige periode",
                _json(_ref("EmployeeDetail"), "De medewerker"),
                operationId="employee",
                parameters=[
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1},
                    }
                ],
                responses={404: _error_response("NotFound")},
            )
        },
        "/calc": {
            "post": _operation(
                "Het rekencontract: een scenario in, een resultaat uit",
                _json(_ref("CalcResult"), "Resultaat zonder fouten"),
                description="Het antwoord is byte voor byte wat `jaartaak calc` afdrukt.",
                operationId="calc",
                requestBody={
                    "required": True,
                    "content": {"application/json": {"schema": _ref("Scenario")}},
                },
                responses={
                    400: _json(
                        _ref("CalcResult"), "De invoer is geen JSON-object (fout invoer.json)"
                    ),
                    422: _json(_ref("CalcResult"), "Resultaat met fouten (errors niet leeg)"),
                },
            )
        },
        "/payroll/{month}": {
            "get": _operation(
                "De salarismaand per bestuur (rol salarisadministratie)",
                _json(_ref("PayrollMonth"), "De regels en totalen per looncode"),
                operationId="payroll",
                parameters=[
                    {
                        "name": "month",
                        "in": "path",
                        "required": True,
                        "schema": MONTH,
                        "example": "2026-12",
                    }
                ],
                responses={
                    400: _error_response("BadRequest"),
                    403: _error_response("Forbidden"),
                },
            )
        },
        "/openapi.json": {
            "get": {
                "summary": "Dit document",
                "operationId": "openapi",
                "security": [],
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    },
    "components": {
        "schemas": SCHEMAS,
        "responses": RESPONSES,
        "securitySchemes": {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "Een token van `jaartaak token create` (begint met jt_).",
            }
        },
    },
    "security": SECURED,
}


@bp.get("/openapi.json")
def openapi():
    return json_response(DOCUMENT)
