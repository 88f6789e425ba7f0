"""Who may open what: the table the security tests hold every route of the URL map to.

The expected answer for a route and a test user follows from three layers, in the order the
app itself checks them:

1. **The gate** of the route's area (the prefix of the endpoint name: its blueprint, or
   ``static``), :data:`AREAS`: open to anyone, to any logged-in user, to users holding one of
   some roles (``guard(bp, Role...)`` in the blueprint), or to an API token. Nobody logged in:
   the login page (or 401 for the API); logged in without the role: 403.
   :data:`ENDPOINT_GATES` refines the gate of single endpoints.
2. **The records in the URL**, :data:`URL_OBJECTS`: every URL argument is filled with a record
   of the demo, and each says which test users may see it. Let in by the gate but not allowed
   to see a record in the URL: 404, exactly as for a record that does not exist.
3. **Special cells**, :data:`SPECIAL`: a redirect where a page does not apply, each with its
   reason.

An endpoint whose area is not in :data:`AREAS`, or a URL argument not in :data:`URL_OBJECTS`,
makes the tests fail: a new route must be classified here first (docs/ontwikkelen.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from jaartaak.models import Role
from jaartaak.services.demo.ggz import GGZ_SCHEME as GGZ
from jaartaak.services.demo.netbeheer import NETBEHEER_SCHEME as NETBEHEER


@dataclass(frozen=True)
class TestUser:
    """A column of the matrix: a demo login (None: not logged in) and the roles it holds.

    ``subject`` names the record that is this user's own person, so that their own name on a
    page is not taken for someone else's data; ``scheme`` the plugin their organisation needs.
    """

    name: str
    username: str | None
    roles: frozenset[Role] = frozenset()
    subject: str | None = None
    scheme: str | None = None

    @property
    def logged_in(self) -> bool:
        return self.username is not None


USERS = (
    TestUser("anoniem", None),
    TestUser("medewerker", "jansen", frozenset({Role.MEDEWERKER}), subject="jansen"),
    TestUser("collega", "devries", frozenset({Role.MEDEWERKER}), subject="devries"),
    TestUser("planner", "planner-baken", frozenset({Role.PLANNER})),
    TestUser("planner_andere_school", "planner-horizon", frozenset({Role.PLANNER})),
    TestUser("salaris", "salaris", frozenset({Role.SALARIS})),
    TestUser("beheerder", "beheerder", frozenset({Role.BEHEERDER})),
    TestUser("beheerder_ander_bestuur", "beheerder-elders", frozenset({Role.BEHEERDER})),
    TestUser(
        "ggz_medewerker",
        "ggz-medewerker",
        frozenset({Role.MEDEWERKER}),
        subject="ggz-medewerker",
        scheme=GGZ,
    ),
    TestUser("ggz_hr", "ggz-hr", frozenset({Role.SALARIS}), scheme=GGZ),
    TestUser(
        "netbeheer_medewerker",
        "netbeheer-medewerker",
        frozenset({Role.MEDEWERKER}),
        scheme=NETBEHEER,
    ),
    TestUser("netbeheer_hr", "netbeheer-hr", frozenset({Role.SALARIS}), scheme=NETBEHEER),
)
USER = {user.name: user for user in USERS}

# How a route is entered.
OPEN = "iedereen"
SESSION = "ingelogd"
TOKEN = "API-token"


@dataclass(frozen=True)
class Gate:
    """``login``: OPEN, SESSION (the session cookie) or TOKEN (a bearer token, never the
    cookie); ``roles``: one of these is needed (none listed: any logged-in user)."""

    login: str
    roles: frozenset[Role] = frozenset()


AREAS = {
    "static": Gate(OPEN),
    "auth": Gate(OPEN),
    "home": Gate(SESSION),
    "account": Gate(SESSION),
    "opdrachten": Gate(SESSION),
    "mijn": Gate(SESSION, frozenset({Role.MEDEWERKER})),
    "planner": Gate(SESSION, frozenset({Role.PLANNER})),
    "salaris": Gate(SESSION, frozenset({Role.SALARIS})),
    "beheer": Gate(SESSION, frozenset({Role.BEHEERDER})),
    "api": Gate(TOKEN),
}

#: Endpoints whose gate differs from their area's, with the reason.
ENDPOINT_GATES = {
    "api.openapi": (Gate(OPEN), "het OpenAPI-document beschrijft de API; het is openbaar"),
    "api.payroll": (
        Gate(TOKEN, frozenset({Role.SALARIS})),
        "de salarisregels van een maand zijn voor de salarisadministratie",
    ),
}


@dataclass(frozen=True)
class UrlObject:
    """What a URL argument is filled with: a record of the demo (a key of ``World.ids``) or a
    fixed ``value``, and the test users who may see it (None: anyone let in by the gate)."""

    record: str | None = None
    seen_by: frozenset[str] | None = None
    value: str | None = None


def _seen_by(*names: str) -> frozenset[str]:
    unknown = set(names) - set(USER)
    assert not unknown, unknown
    return frozenset(names)


URL_OBJECTS = {
    "employee_id": UrlObject("jansen", _seen_by("medewerker", "planner", "salaris", "beheerder")),
    "lesson_id": UrlObject("les van jansen", _seen_by("planner")),
    "appointment_id": UrlObject("aanstelling van jansen", _seen_by("planner")),
    "assignment_id": UrlObject("taak van jansen", _seen_by("planner")),
    "group_id": UrlObject("taakgroep van Het Baken", _seen_by("planner")),
    "task_id": UrlObject("taak van Het Baken", _seen_by("planner")),
    "verzoek_id": UrlObject("verzoek van jansen", _seen_by("medewerker", "planner")),
    "taakbrief_id": UrlObject("taakbrief van jansen", _seen_by("medewerker", "planner")),
    "job_id": UrlObject("opdracht van de beheerder", _seen_by("beheerder")),
    "user_id": UrlObject("account van jansen", _seen_by("beheerder")),
    "organisation_id": UrlObject("Demo Scholengroep", _seen_by("beheerder")),
    "school_id": UrlObject("Het Baken College", _seen_by("beheerder")),
    "key": UrlObject(value="personeel"),
    "month": UrlObject(value="2026-11"),
    "filename": UrlObject(value="style.css"),
}

#: Arguments filled differently in one area, with the reason.
AREA_URL_OBJECTS = {
    ("salaris", "employee_id"): (
        UrlObject("ggz-medewerker", _seen_by("ggz_hr")),
        "de pagina's per medewerker van de salarisadministratie bestaan alleen voor een regeling "
        "waarvoor HR iets vastlegt (niet de CAO VO): een medewerker van Demo GGZ",
    ),
}


@dataclass(frozen=True)
class Outcome:
    """An expected answer: ``status`` and, for a redirect, where it goes (a path prefix)."""

    label: str
    status: int
    location: str | None = None


OK = Outcome("toegang", 200)
LOGIN = Outcome("naar inloggen", 302, "/inloggen")
FORBIDDEN = Outcome("geen toegang (403)", 403)
NOT_FOUND = Outcome("niet gevonden (404)", 404)
NO_TOKEN = Outcome("geen API-token (401)", 401)
#: Refusals: a POST in such a cell must change nothing.
REFUSALS = (LOGIN, FORBIDDEN, NOT_FOUND, NO_TOKEN)


def redirect(path: str) -> Outcome:
    return Outcome(f"doorverwezen naar {path}", 302, path)


# Who a special cell is about, besides a user's name.
ANY_LOGGED_IN = "ingelogd"
LET_IN = "toegelaten"  # whoever the gate and the records let in


@dataclass(frozen=True)
class Special:
    endpoint: str
    who: str
    outcome: Outcome
    reason: str


SPECIAL = (
    Special("auth.login", ANY_LOGGED_IN, redirect("/"), "wie al is ingelogd, gaat naar de start"),
    Special("auth.login_code", "anoniem", redirect("/inloggen"), "eerst het wachtwoord"),
    Special("auth.login_code", ANY_LOGGED_IN, redirect("/"), "wie al is ingelogd, gaat door"),
    Special("auth.logout", "anoniem", redirect("/inloggen"), "niets om uit te loggen"),
    *(
        Special(
            "mijn.index",
            name,
            redirect("/mijn/budget"),
            "Mijn jaartaak is de CAO VO; wie onder een andere regeling valt, krijgt Mijn budget",
        )
        for name in ("ggz_medewerker", "netbeheer_medewerker")
    ),
    *(
        Special(
            f"planner.{endpoint}",
            LET_IN,
            redirect("/planner/schooljaar"),
            "een actie van de schooljaarpagina; GET gaat terug naar die pagina",
        )
        for endpoint in ("schooljaar_kopieren", "schooljaar_nieuw", "schooljaar_taakbeleid")
    ),
)


class Unclassified(LookupError):
    """A route the table does not cover: classify it in this module."""


def area_of(endpoint: str) -> str:
    return endpoint.split(".", 1)[0]


def gate_of(endpoint: str) -> Gate:
    if endpoint in ENDPOINT_GATES:
        return ENDPOINT_GATES[endpoint][0]
    area = area_of(endpoint)
    if area not in AREAS:
        raise Unclassified(f"{endpoint}: het gebied '{area}' staat niet in AREAS")
    return AREAS[area]


def url_object(endpoint: str, argument: str) -> UrlObject:
    override = AREA_URL_OBJECTS.get((area_of(endpoint), argument))
    if override is not None:
        return override[0]
    if argument not in URL_OBJECTS:
        raise Unclassified(f"{endpoint}: het URL-argument '{argument}' staat niet in URL_OBJECTS")
    return URL_OBJECTS[argument]


def _special(endpoint: str, user: TestUser, let_in: bool) -> Outcome | None:
    for row in SPECIAL:
        if row.endpoint != endpoint:
            continue
        if (
            row.who == user.name
            or (row.who == ANY_LOGGED_IN and user.logged_in)
            or (row.who == LET_IN and let_in)
        ):
            return row.outcome
    return None


def expected(endpoint: str, arguments: set[str], user: TestUser) -> Outcome:
    """The answer ``user`` must get from the route ``endpoint`` with these URL arguments."""
    gate = gate_of(endpoint)
    objects = [url_object(endpoint, argument) for argument in sorted(arguments)]
    outcome = OK
    if gate.login != OPEN and not user.logged_in:
        outcome = NO_TOKEN if gate.login == TOKEN else LOGIN
    elif gate.roles and not gate.roles & user.roles:
        outcome = FORBIDDEN
    elif any(o.seen_by is not None and user.name not in o.seen_by for o in objects):
        outcome = NOT_FOUND
    return _special(endpoint, user, outcome is OK) or outcome
