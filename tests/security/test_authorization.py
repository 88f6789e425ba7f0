"""The authorization matrix: every route of the URL map, as every kind of user, gets the answer
that access_table.py gives for it; a refused POST changes nothing and a refusal never shows
another person's data.

The routes come from ``app.url_map``, not from a list here: a new route is walked at once, and
one the table cannot classify fails :func:`test_every_route_is_classified`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from access_table import (
    AREA_URL_OBJECTS,
    AREAS,
    ENDPOINT_GATES,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REFUSALS,
    SPECIAL,
    URL_OBJECTS,
    USER,
    USERS,
    Outcome,
    Unclassified,
    area_of,
    expected,
)
from support import csrf_token
from support_security import ChangeWatch, body_text, refusal_problem


def _rules(world, method: str):
    return sorted(
        (rule for rule in world.app.url_map.iter_rules() if method in rule.methods),
        key=lambda rule: rule.rule,
    )


def _user_or_skip(world, user):
    if not world.available(user):
        pytest.skip(f"de plugin {user.scheme} is niet geïnstalleerd")
    return user


def test_every_route_is_classified(world):
    unclassified = []
    for rule in world.app.url_map.iter_rules():
        for user in USERS:
            try:
                expected(rule.endpoint, set(rule.arguments), user)
            except Unclassified as error:
                unclassified.append(str(error))
    assert sorted(set(unclassified)) == []


def test_the_table_names_only_routes_that_exist(world):
    """A row for a route or argument that is gone would silently test nothing."""
    rules = list(world.app.url_map.iter_rules())
    endpoints = {rule.endpoint for rule in rules}
    arguments = {(area_of(rule.endpoint), a) for rule in rules for a in rule.arguments}
    assert {row.endpoint for row in SPECIAL} - endpoints == set()
    assert set(ENDPOINT_GATES) - endpoints == set()
    assert set(AREAS) - {area_of(endpoint) for endpoint in endpoints} == set()
    assert set(URL_OBJECTS) - {argument for _area, argument in arguments} == set()
    assert set(AREA_URL_OBJECTS) - arguments == set()


@pytest.mark.parametrize("user", USERS, ids=lambda user: user.name)
def test_every_get_route_answers_as_the_table_says(world, user):
    _user_or_skip(world, user)
    wrong = []
    for rule in _rules(world, "GET"):
        outcome = expected(rule.endpoint, set(rule.arguments), user)
        response = world.send(user, rule)
        problem = refusal_problem(outcome, response)
        if problem is None and outcome in REFUSALS:
            leaked = world.leaks(user, body_text(response))
            problem = f"toont gegevens van een ander: {leaked}" if leaked else None
        if problem:
            wrong.append(f"GET {world.path(rule)} ({rule.endpoint}): {problem}")
    assert wrong == []


@pytest.mark.parametrize("user", USERS, ids=lambda user: user.name)
def test_a_refused_post_changes_nothing_even_with_a_valid_csrf_token(world, user):
    _user_or_skip(world, user)
    client = world.client(user)
    token = csrf_token(client, "/uitloggen" if user.logged_in else "/inloggen")
    wrong, tried = [], 0
    watch = ChangeWatch(world.database)
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for rule in _rules(world, method):
            outcome = expected(rule.endpoint, set(rule.arguments), user)
            if outcome not in REFUSALS:
                continue
            tried += 1
            response = world.send(user, rule, method, {"csrf_token": token})
            changed = watch.changed()
            problem = refusal_problem(outcome, response)
            if problem is None and changed:
                problem = f"wijzigde {changed}"
            if problem is None:
                leaked = world.leaks(user, body_text(response))
                problem = f"toont gegevens van een ander: {leaked}" if leaked else None
            if problem:
                wrong.append(f"{method} {world.path(rule)} ({rule.endpoint}): {problem}")
    assert wrong == []
    assert tried, "geen enkele geweigerde POST geprobeerd"


@dataclass(frozen=True)
class Attempt:
    """Someone changes an id in a URL to a record that is not theirs to see.

    ``{record}`` in the path is a record of the world; ``owner`` may open the same GET (so the
    refusal is about whose record it is, not about a record that does not exist); ``form`` is
    what the real form sends besides the CSRF token.
    """

    user: str
    method: str
    path: str
    outcome: Outcome
    owner: str | None = None
    form: dict = field(default_factory=dict)


OWNERSHIP = (
    Attempt(
        "collega", "GET", "/mijn/taakbrief/{taakbrief van jansen}.pdf", NOT_FOUND, "medewerker"
    ),
    Attempt(
        "collega",
        "POST",
        "/mijn/taakbrief/{taakbrief van jansen}/reactie",
        NOT_FOUND,
        form={"besluit": "akkoord", "toelichting": "", "version": "1"},
    ),
    Attempt(
        "collega",
        "POST",
        "/mijn/verzoeken/{verzoek van jansen}/intrekken",
        NOT_FOUND,
        form={"version": "1"},
    ),
    Attempt("collega", "GET", "/api/v1/employees/{jansen}", NOT_FOUND, "medewerker"),
    Attempt("medewerker", "GET", "/api/v1/employees/{devries}", NOT_FOUND, "collega"),
    Attempt("medewerker", "GET", "/planner/medewerkers/{jansen}", FORBIDDEN, "planner"),
    Attempt("planner", "GET", "/planner/medewerkers/{devries}/lessen/{les van jansen}", NOT_FOUND),
    Attempt(
        "planner",
        "POST",
        "/planner/medewerkers/{devries}/lessen/{les van jansen}/verwijderen",
        NOT_FOUND,
        form={"version": "1"},
    ),
    Attempt("planner_andere_school", "GET", "/planner/medewerkers/{jansen}", NOT_FOUND, "planner"),
    Attempt("planner_andere_school", "POST", "/planner/taakbrieven/{jansen}/publiceren", NOT_FOUND),
    Attempt(
        "planner", "GET", "/opdrachten/{opdracht van de beheerder}/bestand", NOT_FOUND, "beheerder"
    ),
    Attempt(
        "beheerder_ander_bestuur",
        "GET",
        "/beheer/gebruikers/{account van jansen}",
        NOT_FOUND,
        "beheerder",
    ),
    Attempt(
        "beheerder_ander_bestuur",
        "POST",
        "/beheer/gebruikers/{account van jansen}/wachtwoord",
        NOT_FOUND,
        form={"version": "1"},
    ),
    Attempt(
        "salaris", "GET", "/salaris/medewerkers/{ggz-medewerker}/regeling", NOT_FOUND, "ggz_hr"
    ),
    Attempt("ggz_hr", "GET", "/api/v1/employees/{jansen}", NOT_FOUND, "salaris"),
    # The same through the query string and the fields of a form.
    Attempt(
        "planner_andere_school", "GET", "/planner/?school={Het Baken College}", NOT_FOUND, "planner"
    ),
    Attempt(
        "beheerder_ander_bestuur",
        "GET",
        "/beheer/auditlog?bestuur={Demo Scholengroep}",
        NOT_FOUND,
        "beheerder",
    ),
    Attempt(
        "ggz_hr", "GET", "/salaris/maand?organisatie={Demo Scholengroep}", NOT_FOUND, "salaris"
    ),
    Attempt(
        "salaris", "GET", "/salaris/maand/export.csv?organisatie={Demo GGZ}", NOT_FOUND, "ggz_hr"
    ),
    Attempt(
        "ggz_medewerker",
        "GET",
        "/mijn/wat-als?jaar={schooljaar van Demo Scholengroep}",
        NOT_FOUND,
        "medewerker",
    ),
    Attempt(
        "beheerder",
        "POST",
        "/beheer/auditlog/export",
        NOT_FOUND,
        form={"organisation_id": "{Stichting Elders}"},
    ),
)


@pytest.mark.parametrize("attempt", OWNERSHIP, ids=lambda a: f"{a.user}-{a.method}-{a.path}")
def test_changing_an_id_in_the_url_reaches_nothing_of_another(world, attempt):
    user = _user_or_skip(world, USER[attempt.user])
    path = attempt.path.format_map(world.ids)
    client = world.client(user)  # logged in before the database is read
    data = None
    if attempt.method != "GET":
        form = {name: value.format_map(world.ids) for name, value in attempt.form.items()}
        data = {"csrf_token": csrf_token(client, "/uitloggen"), **form}
    watch = ChangeWatch(world.database)
    response = world.open(user, attempt.method, path, data)
    assert refusal_problem(attempt.outcome, response) is None, response.status_code
    assert world.leaks(user, body_text(response)) == []
    assert watch.changed() == []
    if attempt.owner is not None:
        owner = _user_or_skip(world, USER[attempt.owner])
        assert refusal_problem(OK, world.open(owner, "GET", path)) is None
