"""Helpers of the security tests: the session cookie as the server reads it, the demo "world"
the route walks run in, the database's whole state, and what a refusal must look like."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.routing import Rule

from jaartaak.db import Base, Database
from jaartaak.models import (
    Appointment,
    Job,
    Lesson,
    Organisation,
    Role,
    School,
    Taakbrief,
    Task,
    TaskAssignment,
    TaskGroup,
    User,
)
from jaartaak.services import api_tokens, staff, verzoeken
from jaartaak.services.accounts import create_user, grant_role
from jaartaak.services.demo import DEMO_ORGANISATION, seed_demo

from access_table import USERS, Outcome, TestUser, url_object
from support import DEMO_PASSWORD, csrf_token, logged_in

CSRF_REFUSED = "Het formulier is verlopen of ongeldig"
#: The toelichting of Jansen's request: text only Jansen and his planner may ever see.
SECRET_REQUEST_TEXT = "Vertrouwelijk verzoek van Jansen om minder surveillances"


def session_cookie(app, client) -> dict:
    """The client's session as the server reads it, decoded with the app's own serializer
    ({} while the client has no session cookie)."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    if cookie is None:
        return {}
    return dict(app.session_interface.get_signing_serializer(app).loads(cookie.value))


def copy_cookie(app, source, target) -> str:
    """Put ``source``'s session cookie into ``target`` (as a thief or a planted cookie would)."""
    name = app.config["SESSION_COOKIE_NAME"]
    value = source.get_cookie(name).value
    target.set_cookie(name, value)
    return value


def log_out(client) -> None:
    response = client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/uitloggen")})
    assert response.status_code == 302 and response.headers["Location"] == "/inloggen"


def database_state(database: Database) -> dict[str, list[tuple]]:
    """Every row of every table, in primary key order: equal before and after means that
    nothing changed, also in tables the audit log does not cover.

    Bookkeeping columns (``info={"audit": False}`` on an audited model: the time of the last
    login, an API token's last use, ``updated_at``) are left out: using the app writes them,
    and a real change of a row changes its other columns too.
    """
    with database.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(
                    select(*_compared_columns(table)).order_by(*table.primary_key.columns)
                ).all()
            ]
            for table in Base.metadata.sorted_tables
        }


def _compared_columns(table) -> list:
    model = next((m.class_ for m in Base.registry.mappers if m.local_table is table), None)
    if model is None or not getattr(model, "__audit__", True):
        return list(table.columns)
    return [column for column in table.columns if column.info.get("audit", True)]


def changed_tables(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


class ChangeWatch:
    """Which tables each request changed: the state is read once at the start and after
    every request (log the users in first: a login writes its session)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.state = database_state(database)

    def changed(self) -> list[str]:
        after = database_state(self.database)
        found = changed_tables(self.state, after)
        self.state = after
        return found


def mutating_methods(rule: Rule) -> list[str]:
    return sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class World:
    """The demo (with the plugins' organisations), the extra logins the matrix needs, and one
    record of each kind to put into URLs: mostly Jan Jansen's, of Het Baken College."""

    app: Flask
    ids: dict[str, int]
    tokens: dict[str, str]
    #: Per record: text on a page that shows that record's person.
    markers: dict[str, tuple[str, ...]]
    clients: dict[str, FlaskClient] = field(default_factory=dict)

    @cached_property
    def database(self) -> Database:
        return self.app.extensions["jaartaak"].database

    def available(self, user: TestUser) -> bool:
        """Whether the user's organisation exists: its plugin is installed."""
        return user.scheme is None or user.scheme in self.app.extensions["jaartaak"].schemes.schemes

    def log_everyone_in(self) -> None:
        for user in USERS:
            if self.available(user):
                self.client(user)

    def client(self, user: TestUser) -> FlaskClient:
        """One client per user, logged in once through the form (and kept for the module)."""
        if user.name not in self.clients:
            client = self.app.test_client()
            self.clients[user.name] = logged_in(client, user.username) if user.logged_in else client
        return self.clients[user.name]

    def path(self, rule: Rule) -> str:
        values = {}
        for argument in rule.arguments:
            filled = url_object(rule.endpoint, argument)
            values[argument] = filled.value if filled.record is None else self.ids[filled.record]
        return rule.build(values, append_unknown=False)[1]

    def send(self, user: TestUser, rule: Rule, method: str = "GET", data: dict | None = None):
        """``method`` on ``rule`` (its URL filled from the table) as ``user``."""
        return self.open(user, method, self.path(rule), data)

    def open(self, user: TestUser, method: str, path: str, data: dict | None = None):
        """``method`` on ``path`` as ``user``: with their session cookie, or for the API with
        their bearer token and no cookie at all."""
        if path.startswith("/api/"):
            token = self.tokens.get(user.name)
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return self.app.test_client().open(path, method=method, headers=headers, json=data)
        return self.client(user).open(path, method=method, data=data)

    def leaks(self, user: TestUser, text: str) -> list[str]:
        """The markers of other people's records in ``text`` (a user's own name is no leak)."""
        return [
            marker
            for record, found in self.markers.items()
            if record != user.subject
            for marker in found
            if marker in text
        ]


def body_text(response) -> str:
    """The body as text; a binary download (PDF, XLSX) is not text, so it is read leniently."""
    return response.get_data().decode("utf-8", "replace")


def refusal_problem(outcome: Outcome, response) -> str | None:
    """Why ``response`` is not ``outcome`` (None: it is), from the status and the page."""
    if response.status_code != outcome.status:
        return f"{response.status_code} in plaats van {outcome.label}"
    if outcome.location is not None:
        location = response.headers.get("Location", "")
        if location != outcome.location and not location.startswith(f"{outcome.location}?"):
            return f"doorverwezen naar {location!r} in plaats van {outcome.label}"
    text = body_text(response)
    if response.mimetype == "application/json" and outcome.status >= 400:
        if '"error"' not in text:
            return "een JSON-fout zonder 'error'"
    elif outcome.status == 403 and "Geen toegang" not in text:
        return "403 zonder de pagina 'Geen toegang'"
    elif outcome.status == 404 and "Niet gevonden" not in text:
        return "404 zonder de pagina 'Niet gevonden'"
    return None


def _add_login(session, username: str, role: Role, board: Organisation, school=None) -> None:
    user = create_user(session, username, DEMO_PASSWORD, display_name=username, organisation=board)
    grant_role(session, user, role, board, school)


def _by_name(session, model, name: str):
    return session.scalar(select(model).where(model.name == name))


def _seed(app: Flask, today: date) -> None:
    state = app.extensions["jaartaak"]
    with state.database.session() as session:
        seed_demo(session, today, DEMO_PASSWORD, state.schemes)
        board = _by_name(session, Organisation, DEMO_ORGANISATION)
        _add_login(session, "planner-baken", Role.PLANNER, board, board.schools[0])
        _add_login(session, "planner-horizon", Role.PLANNER, board, board.schools[1])
        elders = Organisation(name="Stichting Elders")
        session.add(School(organisation=elders, name="Elders College"))
        session.flush()
        _add_login(session, "beheerder-elders", Role.BEHEERDER, elders)
        jansen = session.scalar(select(User).where(User.username == "jansen"))
        verzoeken.dien_in(
            session, jansen.employee, jansen, {}, SECRET_REQUEST_TEXT, state.schemes, today
        )
        session.commit()


def _through_the_pages(app: Flask, jansen_id: int, board_id: int) -> None:
    """What only the pages make: Jansen's published taakbrief and the beheerder's export."""
    planner = logged_in(app.test_client(), "planner-baken")
    token = csrf_token(planner, "/planner/taakbrieven")
    published = planner.post(
        f"/planner/taakbrieven/{jansen_id}/publiceren", data={"csrf_token": token}
    )
    assert published.status_code == 302, published.get_data(as_text=True)
    beheerder = logged_in(app.test_client(), "beheerder")
    exported = beheerder.post(
        "/beheer/auditlog/export",
        data={"csrf_token": csrf_token(beheerder, "/beheer/"), "organisation_id": board_id},
    )
    assert exported.headers["Location"].startswith("/opdrachten/"), exported.status_code


def _first(session, statement) -> int:
    found = session.scalar(statement.limit(1))
    assert found is not None, statement
    return found


def build_world(app: Flask) -> World:
    """Seed the demo as of today (the planner's werkplek opens the current schooljaar) and add
    what the matrix needs: a planner per school, a beheerder of another board, a request of
    Jansen's, his published taakbrief, an export job of the beheerder and an API token each."""
    today = date.today()
    database = app.extensions["jaartaak"].database
    _seed(app, today)
    with database.session() as session:
        board = _by_name(session, Organisation, DEMO_ORGANISATION)
        jansen = session.scalar(select(User).where(User.username == "jansen")).employee
        _through_the_pages(app, jansen.id, board.id)
        year = staff.current_schooljaar(session, board.id, today)
        baken = jansen.school
        ids = {
            "jansen": jansen.id,
            "devries": _first(session, select(User.employee_id).where(User.username == "devries")),
            "Demo Scholengroep": board.id,
            "Het Baken College": baken.id,
            "schooljaar van Demo Scholengroep": year.id,
            "Stichting Elders": _by_name(session, Organisation, "Stichting Elders").id,
            "account van jansen": _first(session, select(User.id).where(User.employee == jansen)),
            "les van jansen": _first(
                session,
                select(Lesson.id).where(
                    Lesson.employee_id == jansen.id, Lesson.schooljaar_id == year.id
                ),
            ),
            "aanstelling van jansen": _first(
                session, select(Appointment.id).where(Appointment.employee_id == jansen.id)
            ),
            "taak van jansen": _first(
                session,
                select(TaskAssignment.id).where(
                    TaskAssignment.employee_id == jansen.id,
                    TaskAssignment.schooljaar_id == year.id,
                ),
            ),
            "taakgroep van Het Baken": _first(
                session,
                select(TaskGroup.id).where(
                    TaskGroup.school_id == baken.id, TaskGroup.schooljaar_id == year.id
                ),
            ),
            "taak van Het Baken": _first(
                session,
                select(Task.id).where(Task.school_id == baken.id, Task.schooljaar_id == year.id),
            ),
            "verzoek van jansen": verzoeken.van_medewerker(session, jansen.id)[0].id,
            "taakbrief van jansen": _first(
                session, select(Taakbrief.id).where(Taakbrief.employee_id == jansen.id)
            ),
            "opdracht van de beheerder": _first(session, select(Job.id)),
        }
        markers = {
            "jansen": ("Jansen", "12 maart 1985", SECRET_REQUEST_TEXT),
            "devries": ("Anneke", "7 februari 1965"),
        }
        ggz = session.scalar(select(User).where(User.username == "ggz-medewerker"))
        if ggz is not None:
            ids["ggz-medewerker"] = ggz.employee_id
            ids["Demo GGZ"] = ggz.organisation_id
            markers["ggz-medewerker"] = (ggz.employee.full_name,)
        tokens = {}
        for user in USERS:
            account = session.scalar(select(User).where(User.username == user.username))
            if account is not None:
                tokens[user.name] = api_tokens.create_token(session, account, "matrix").text
        session.commit()
    return World(app, ids, tokens, markers)
