"""Broken plugins: one that raises while it is imported, one whose scheme raises in calculate.

Both are installed for real: a distribution (``*.dist-info`` with its entry points, and the
module) in a folder on ``sys.path``, which importlib.metadata finds exactly as after a
``pip install``. The app starts with them; ``jaartaak plugins`` and the beheerder's schemes page
name the broken one; the board under the raising scheme sees a Dutch error on its employee's
page, and the boards under other schemes see the very same pages as without the broken plugins.
"""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

import pytest
from sqlalchemy import select

from jaartaak.domain.calc import SCHEME_FAILED, calculate
from jaartaak.domain.caovo import CaoVoScheme
from jaartaak.models import Employee, RegelingGebruik, Role
from jaartaak.services import staff
from jaartaak.services.accounts import create_user, grant_role
from jaartaak.services.demo import seed_demo
from jaartaak.services.demo.ggz import GGZ_SCHEME
from jaartaak.services.demo.netbeheer import NETBEHEER_SCHEME

from support import DEMO_PASSWORD, TODAY, logged_in, new_employee, run_cli

IMPORT_FAILS = '''"""A plugin with a bug at import time."""

DAYS_PER_WEEK = 5 / 0
'''

CALCULATE_FAILS = '''"""A plugin whose scheme has a bug in calculate: it raises, never answers."""

from jaartaak import hookimpl
from jaartaak.domain.caovo import CaoVoScheme


class KapotRekenen(CaoVoScheme):
    id = "kapot-rekenen"
    title = "Regeling met een rekenfout"

    def calculate(self, scenario):
        return {"uurloon": 1}["uurloon_deler"]


@hookimpl
def jaartaak_register_schemes():
    return [KapotRekenen()]
'''

#: entry point name → (distribution, module, source)
BROKEN = {
    "kapot-bij-laden": ("jaartaak-kapot-bij-laden", "faults_kapot_bij_laden", IMPORT_FAILS),
    "kapot-bij-rekenen": (
        "jaartaak-kapot-bij-rekenen",
        "faults_kapot_bij_rekenen",
        CALCULATE_FAILS,
    ),
}


def install_distribution(site: Path, entry_point: str, distribution: str, module: str, source: str):
    """What ``pip install`` leaves behind for a one-module plugin: the module and its dist-info."""
    info = site / f"{distribution.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[jaartaak]\n{entry_point} = {module}\n")
    (site / f"{module}.py").write_text(source)


@pytest.fixture
def broken_app(app_with, tmp_path, monkeypatch):
    """An app started with both broken plugins installed next to whatever else is installed."""
    site = tmp_path / "site-packages"
    for entry_point, (distribution, module, source) in BROKEN.items():
        install_distribution(site, entry_point, distribution, module, source)
    monkeypatch.syspath_prepend(str(site))
    yield app_with()
    for _distribution, module, _source in BROKEN.values():
        sys.modules.pop(module, None)


@pytest.fixture
def boards(app, database) -> dict[str, str]:
    """The demo with the boards of the installed plugins (Demo GGZ, Demo Netbeheer), and a
    board under the raising scheme: the employee login to look at, per scheme id."""
    registry = app.extensions["jaartaak"].schemes
    with database.session() as session:
        seed_demo(session, TODAY, DEMO_PASSWORD, registry)
        person = new_employee(session, "KPT", board_name="Stichting Kapot")
        board = person.organisation
        session.add(RegelingGebruik(organisation=board, scheme="kapot-rekenen"))
        user = create_user(
            session, "kapot-medewerker", DEMO_PASSWORD, display_name="K", employee=person
        )
        grant_role(session, user, Role.MEDEWERKER, board, person.school)
        hr = create_user(session, "kapot-hr", DEMO_PASSWORD, display_name="HR", organisation=board)
        grant_role(session, hr, Role.SALARIS, board)
    logins = {"cao-vo": "jansen", "kapot-rekenen": "kapot-medewerker"}
    if GGZ_SCHEME in registry.schemes:
        logins[GGZ_SCHEME] = "ggz-medewerker"
    if NETBEHEER_SCHEME in registry.schemes:
        logins[NETBEHEER_SCHEME] = "netbeheer-medewerker"
    return logins


def test_the_app_starts_and_jaartaak_plugins_names_the_broken_one(broken_app):
    registry = broken_app.extensions["jaartaak"].schemes
    assert "kapot-rekenen" in registry.schemes and "cao-vo" in registry.schemes
    result = run_cli(broken_app, "plugins")
    assert result.exit_code == 1
    failed = result.output.split("Plugins die niet konden laden (1)\n")[1]
    assert failed.startswith(
        "  plugin 'kapot-bij-laden' uit jaartaak-kapot-bij-laden 1.0: "
        "ZeroDivisionError: division by zero\n"
    )
    assert "kapot-rekenen — Regeling met een rekenfout" in result.output


def test_the_schemes_page_shows_the_broken_plugin(broken_app, boards):
    client = logged_in(broken_app.test_client(), "beheerder")
    response = client.get("/beheer/regelingen")
    assert response.status_code == 200
    page = unescape(response.get_data(as_text=True))
    failed = page.split("<h3>Plugins die niet konden laden</h3>")[1].split("</ul>")[0]
    assert (
        "plugin 'kapot-bij-laden' uit jaartaak-kapot-bij-laden 1.0: "
        "ZeroDivisionError: division by zero"
    ) in failed
    assert 'id="regeling-kapot-rekenen"' in page  # it loaded: its rule versions are listed


def lines_of(client, path: str) -> list[str]:
    """The engine's explanation lines on a page, as text (label, formula, amount, source)."""
    response = client.get(path)
    assert response.status_code == 200, path
    rows = re.findall(r'<tr id="regel-[^"]+">(.*?)</tr>', response.get_data(as_text=True), re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in rows]


DUTCH_AMOUNT = re.compile(r"\b[1-9][\d.]*,\d\d\b")  # 1.659,00: a number that is not zero
MIJN_PAGE = {"cao-vo": "/mijn/"}  # the jaartaak; under any other scheme: Mijn budget


def test_boards_under_other_schemes_get_the_same_numbers(broken_app, app, boards):
    """Every other board's employee sees, with the broken plugins installed, exactly the lines
    (labels, formulas, amounts, sources) an app without them shows."""
    others = {scheme_id: user for scheme_id, user in boards.items() if scheme_id != "kapot-rekenen"}
    for scheme_id, username in others.items():
        path = MIJN_PAGE.get(scheme_id, "/mijn/budget")
        with_broken = lines_of(logged_in(broken_app.test_client(), username), path)
        without = lines_of(logged_in(app.test_client(), username), path)
        assert with_broken == without, scheme_id
        assert any(DUTCH_AMOUNT.search(line) for line in with_broken), scheme_id
    jansen = lines_of(logged_in(broken_app.test_client(), "jansen"), "/mijn/")
    assert any("1.659,00 uur" in line for line in jansen)  # the normjaartaak: real numbers


FAILED = (
    "De regeling 'kapot-rekenen' kon deze berekening niet maken: er zit een fout in de "
    "plugin (KeyError: 'uurloon_deler'). De fout is gelogd; meld dit aan de beheerder van "
    "jaartaak."
)


def page_of(client, path: str) -> str:
    response = client.get(path)
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 200, page[:2000]
    assert "Traceback" not in page and "Er ging iets mis" not in page
    return page


def test_the_board_under_the_raising_scheme_is_told_in_dutch(broken_app, boards):
    """Its employee's budget page and its payroll month name the fault instead of crashing."""
    employee = logged_in(broken_app.test_client(), "kapot-medewerker")
    assert f"<strong>scheme.fout</strong>: {FAILED}" in page_of(employee, "/mijn/budget")
    hr = logged_in(broken_app.test_client(), "kapot-hr")
    payroll = page_of(hr, "/salaris/maand")
    assert "Ada Lovelace (KPT), " in payroll
    assert f"de berekening wordt geweigerd ({FAILED}); er gaan geen regels" in payroll


def test_the_calc_door_contains_a_raising_scheme_unless_asked_not_to(broken_app):
    """Pages get a ``scheme.fout`` answer; the contract tests, `jaartaak calc` and the API keep
    the exception (their users need the traceback, see services/calc.py)."""
    scheme = broken_app.extensions["jaartaak"].schemes.schemes["kapot-rekenen"]
    scenario = {"scheme": "kapot-rekenen", "period": "2026-2027", "employee": {}}
    result = calculate(scenario, {scheme.id: scheme})
    assert [(e.code, e.field, e.message) for e in result.errors] == [
        (SCHEME_FAILED, "scheme", FAILED)
    ]
    assert (result.lines, result.payroll, result.ledger) == ([], [], [])
    with pytest.raises(KeyError, match="uurloon_deler"):
        calculate(scenario, {scheme.id: scheme}, contain=False)


def overview_rows(page: str) -> dict[str, str]:
    """The planner overview's rows by employee code."""
    return dict(re.findall(r"<tr[^>]*>\s*<td>([A-Z0-9]+)</td>(.*?)</tr>", page, re.S))


def test_a_scheme_raising_for_one_employee_leaves_the_overview_to_the_others(
    client, demo, database, monkeypatch
):
    """The CAO VO raising for Jansen alone: his row on the planner's overview names the fault,
    the other rows keep their numbers, and the failed answer is not kept (once the fault is
    gone, his numbers are back)."""
    with database.session() as session:
        jansen = session.scalar(select(Employee).where(Employee.last_name == "Jansen"))
        school = jansen.school
        year = staff.current_schooljaar(session, jansen.organisation_id, TODAY)
        who = (jansen.birth_date.isoformat(), format(jansen.fulltime_monthly_salary, "f"))
        path = f"/planner/?school={school.id}&jaar={year.id}"
        code = jansen.code
    calculate_for_real = CaoVoScheme.calculate

    def fails_for_jansen(self, scenario):
        if (scenario.employee["birth_date"], scenario.employee["fulltime_monthly_salary"]) == who:
            raise MemoryError("geheugen vol")
        return calculate_for_real(self, scenario)

    monkeypatch.setattr(CaoVoScheme, "calculate", fails_for_jansen)
    logged_in(client, "planner")
    page = page_of(client, path)
    rows = overview_rows(page)
    assert (
        "De regeling 'cao-vo' kon deze berekening niet maken: er zit een fout in de plugin "
        "(MemoryError: geheugen vol)."
    ) in rows.pop(code)
    assert len(rows) > 10 and all(DUTCH_AMOUNT.search(row) for row in rows.values())

    monkeypatch.undo()
    again = dict(
        re.findall(r"<tr[^>]*>\s*<td>([A-Z0-9]+)</td>(.*?)</tr>", page_of(client, path), re.S)
    )
    assert "kon deze berekening niet maken" not in again[code]
    assert DUTCH_AMOUNT.search(again[code])
