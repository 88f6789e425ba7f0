"""The ``jaartaak`` command: accounts, demo data, and how configuration errors are reported."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from sqlalchemy import select

from jaartaak.models import Organisation, RoleAssignment, User
from jaartaak.plugins import load_registry

from support import login, run_cli, start_demo


def test_create_organisation_and_user_with_a_role(app, client, database):
    assert run_cli(app, "create-organisation", "Stichting Voorbeeld").exit_code == 0
    result = run_cli(
        app,
        "create-user",
        "hr",
        "--name",
        "Henk Rood",
        "--password",
        "lang-genoeg-wachtwoord",
        "--organisation",
        "Stichting Voorbeeld",
        "--role",
        "salarisadministratie",
    )
    assert result.exit_code == 0, result.output
    assert "Gebruiker 'hr' aangemaakt met rol salarisadministratie." in result.output
    with database.session() as session:
        user = session.scalar(select(User).where(User.username == "hr"))
        assert user.password_hash.startswith("$argon2id$")
        assert [r.role for r in user.roles] == ["salarisadministratie"]
    assert login(client, "hr", "lang-genoeg-wachtwoord").status_code == 302
    assert client.get("/salaris/").status_code == 200


def test_the_password_is_asked_when_left_out(app, demo):
    result = run_cli(
        app,
        "create-user",
        "anna",
        "--organisation",
        "Demo Scholengroep",
        input="lang-genoeg-wachtwoord\nlang-genoeg-wachtwoord\n",
    )
    assert result.exit_code == 0, result.output


PASSWORD = ["--password", "lang-genoeg-wachtwoord"]
DEMO_BOARD = ["--organisation", "Demo Scholengroep"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create-user", "beheerder", *PASSWORD, *DEMO_BOARD],
         "De gebruikersnaam 'beheerder' is al in gebruik."),
        (["create-user", "nieuw", "--password", "kort", *DEMO_BOARD],
         "Een wachtwoord heeft minstens 10 tekens."),
        (["create-user", "Naam Met Spatie", *PASSWORD, *DEMO_BOARD],
         "Een gebruikersnaam heeft 2 tot 80 tekens"),
        (["create-user", "nieuw", *PASSWORD, "--organisation", "Bestaat Niet"],
         "Bestuur 'Bestaat Niet' bestaat niet (bekend: Demo Scholengroep)"),
        (["create-user", "nieuw", *PASSWORD],
         "Geef met --organisation aan bij welk bestuur de gebruiker hoort."),
        (["create-user", "nieuw", *PASSWORD, *DEMO_BOARD, "--role", "medewerker"],
         "De rol medewerker hoort bij een medewerker"),
        (["create-user", "nieuw", *PASSWORD, *DEMO_BOARD, "--role", "beheerder", "--school",
          "Lyceum De Horizon"],
         "De rol beheerder geldt voor het hele bestuur, niet voor één school."),
        (["create-user", "nieuw", *PASSWORD, *DEMO_BOARD, "--school", "Lyceum De Horizon"],
         "--school hoort bij een rol: geef ook --role op."),
        (["create-user", "nieuw", *PASSWORD, *DEMO_BOARD, "--email", "geen-adres"],
         "'geen-adres' is geen geldig e-mailadres."),
        (["create-organisation", "   "], "Geef het bestuur een naam."),
        (["create-organisation", " Demo   Scholengroep "],
         "Bestuur 'Demo Scholengroep' bestaat al."),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_dutch_and_changes_nothing(app, database, demo, args, message):
    def counts():
        with database.session() as session:
            return (
                len(session.scalars(select(User)).all()),
                len(session.scalars(select(Organisation)).all()),
                len(session.scalars(select(RoleAssignment)).all()),
            )

    before = counts()
    result = run_cli(app, *args)
    assert result.exit_code == 1
    assert f"Fout: {message}" in result.output
    assert counts() == before


def test_a_worker_needs_at_least_one_worker(app):
    result = run_cli(app, "worker", "--workers", "0")
    assert result.exit_code == 2
    assert "Wachtrij:" not in result.output


def test_seed_demo_twice(app):
    first = run_cli(app, "seed-demo", "--password", "demo-wachtwoord")
    assert first.exit_code == 0, first.output
    assert "Demobestuur 'Demo Scholengroep' geladen." in first.output
    assert re.search(r"jansen\s+demo-wachtwoord\s+docent, voltijd", first.output)
    second = run_cli(app, "seed-demo")
    assert second.exit_code == 0
    assert "Het demobestuur bestaat al; er is niets toegevoegd." in second.output


def test_a_configuration_error_is_one_dutch_line(tmp_path):
    env = dict(os.environ, JAARTAAK_INSTANCE_PATH=str(tmp_path), JAARTAAK_PORT="abc")
    result = subprocess.run(
        [sys.executable, "-m", "jaartaak", "db", "current"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Configuratiefout: JAARTAAK_PORT (omgeving): verwacht een geheel getal, niet 'abc'"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_jaartaak_demo_serves_a_dutch_login_page_where_the_printed_logins_work(tmp_path):
    port = free_port()
    server = start_demo(
        tmp_path / "instance", port, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    lines: list[str] = []
    try:
        for line in server.stdout:
            lines.append(line)
            if "jaartaak draait op" in line:
                break
        output = "".join(lines)
        assert f"http://127.0.0.1:{port}/" in output, output
        passwords = dict(re.findall(r"^  ([\w-]+)\s+(\S+)\s", output, re.MULTILINE))
        expected = {"beheerder", "planner", "salaris", "jansen", "devries"}
        if "ggz-balansbudget" in load_registry().schemes:  # the GGZ plugin adds Demo GGZ
            expected |= {"ggz-medewerker", "ggz-hr"}
        if "nwb-benefit-budget" in load_registry().schemes:  # and Demo Netbeheer
            expected |= {"netbeheer-medewerker", "netbeheer-hr"}
        assert set(passwords) == expected
        saved = json.loads((tmp_path / "instance" / "demo-logins.json").read_text())
        assert {entry["username"]: entry["password"] for entry in saved} == passwords

        base = f"http://127.0.0.1:{port}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        page = wait_for(opener, f"{base}/inloggen")
        assert "Inloggen" in page and '<html lang="nl">' in page
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"csrf_token": token, "username": "devries", "password": passwords["devries"]}
        ).encode()
        home = opener.open(f"{base}/inloggen", data=form, timeout=10).read().decode()
        assert "Welkom, Anneke de Vries" in home
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert_no_process_left(server.pid)


def assert_no_process_left(group: int) -> None:
    """The demo's worker (and its forked workers) stop with it: nothing of the group remains."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(group, 9)
    raise AssertionError("the demo left processes running")


def wait_for(opener, url: str) -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            return opener.open(url, timeout=5).read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
