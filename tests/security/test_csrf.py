"""Every route that changes something (POST, PUT, PATCH, DELETE) refuses a request without a
valid CSRF token, with CSRF protection as the app really runs it.

The routes come from ``app.url_map``: a new form route is checked the moment it exists. Each
is posted by a user who may use it (so the refusal is the CSRF check, not a 403 or the login
page), once without a token and once with the token of another session, and the whole database
must be unchanged afterwards. The only routes without CSRF protection are those in
:data:`EXEMPT`, and those must not accept the session cookie at all.
"""

from __future__ import annotations

from access_table import OPEN, REFUSALS, USERS, area_of, expected, gate_of
from support import csrf_token
from support_security import CSRF_REFUSED, ChangeWatch, body_text, mutating_methods

#: Areas without CSRF protection, and why it cannot apply to them.
EXEMPT = {
    "api": "de REST-API leest alleen een bearer-token uit de Authorization-header, nooit het "
    "sessiecookie; een andere site kan die header niet meesturen, dus er is niets te vervalsen",
}


def _routes(world, exempt: bool):
    for rule in sorted(world.app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if mutating_methods(rule) and (area_of(rule.endpoint) in EXEMPT) == exempt:
            yield rule


def _users_who_may(world, rule) -> tuple[list, list]:
    """The test users the table lets use the route: those the demo has, and those whose
    organisation needs a plugin that is not installed."""
    may = [u for u in USERS if expected(rule.endpoint, set(rule.arguments), u) not in REFUSALS]
    return [u for u in may if world.available(u)], [u for u in may if not world.available(u)]


def test_csrf_protection_runs_with_the_real_settings_and_exempts_only_the_api(world):
    config = world.app.config
    assert config["WTF_CSRF_ENABLED"] is True
    assert config["WTF_CSRF_CHECK_DEFAULT"] is True
    assert {"POST", "PUT", "PATCH", "DELETE"} <= set(config["WTF_CSRF_METHODS"])
    protection = world.app.extensions["csrf"]
    assert {blueprint.name for blueprint in protection._exempt_blueprints} == set(EXEMPT)
    assert protection._exempt_views == set()


def test_every_form_route_refuses_a_missing_or_foreign_token_and_changes_nothing(world):
    foreign = csrf_token(world.app.test_client(), "/inloggen")  # valid, but another session's
    world.log_everyone_in()
    watch = ChangeWatch(world.database)
    wrong, walked = [], []
    for rule in _routes(world, exempt=False):
        users, without_plugin = _users_who_may(world, rule)
        if not users and without_plugin:
            continue  # only a plugin's organisation can use it, and the plugin is missing here
        if not users:
            wrong.append(f"{rule.endpoint}: niemand mag deze route gebruiken volgens de tabel")
            continue
        user = users[0]
        world.client(user).get("/uitloggen" if user.logged_in else "/inloggen")  # a session token
        for method in mutating_methods(rule):
            for label, data in (
                ("zonder token", {}),
                ("met een vreemd token", {"csrf_token": foreign}),
            ):
                response = world.send(user, rule, method, data)
                changed = watch.changed()
                walked.append(rule.endpoint)
                if response.status_code != 400 or CSRF_REFUSED not in body_text(response):
                    wrong.append(
                        f"{method} {rule.rule} als {user.name} {label}: "
                        f"{response.status_code}, geen CSRF-weigering"
                    )
                if changed:
                    wrong.append(
                        f"{method} {rule.rule} als {user.name} {label}: wijzigde {changed}"
                    )
    assert wrong == []
    assert "auth.logout" in walked and "beheer.gebruiker_wachtwoord" in walked


def test_the_exempt_routes_do_not_accept_the_session_cookie(world):
    """Without a bearer token the API answers 401 to a logged-in browser: its cookie counts for
    nothing there, so a forged cross-site request has nothing to ride on."""
    world.log_everyone_in()
    watch = ChangeWatch(world.database)
    wrong, walked = [], []
    for rule in sorted(world.app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if area_of(rule.endpoint) not in EXEMPT or gate_of(rule.endpoint).login == OPEN:
            continue
        for user in USERS:
            if not user.logged_in or not world.available(user):
                continue
            client = world.client(user)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(world.path(rule), method=method, json={})
                walked.append((rule.endpoint, method))
                if response.status_code != 401 or "auth.ongeldig" not in body_text(response):
                    wrong.append(
                        f"{method} {rule.rule} met het cookie van {user.name}: "
                        f"{response.status_code}"
                    )
                if watch.changed():
                    wrong.append(f"{method} {rule.rule} met het cookie van {user.name}: gewijzigd")
    assert wrong == []
    assert ("api.calculate", "POST") in walked
