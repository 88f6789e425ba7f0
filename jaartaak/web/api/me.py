"""``GET /api/v1/me``: the token's user, their roles, and the employee they are linked to."""

from __future__ import annotations

from jaartaak.web.api.blueprint import api_user, bp
from jaartaak.web.api.errors import json_response


@bp.get("/me")
def me():
    user = api_user()
    return json_response(
        {
            "id": user.id,
            "username": user.username,
            "display_name": user.display_name,
            "roles": [
                {
                    "role": grant.role.value,
                    "organisation_id": grant.organisation_id,
                    "school_id": grant.school_id,
                }
                for grant in user.grants
            ],
            "employee_id": user.employee_id,
        }
    )
