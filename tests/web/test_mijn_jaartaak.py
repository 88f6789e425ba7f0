"""Mijn jaartaak: the employee's own jaartaak, line by line, this year and earlier years."""

from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from jaartaak.models import Employee, Schooljaar

from support import logged_in, new_employee, new_schooljaar


def _ids(database) -> dict:
    with database.session() as session:
        jansen = session.scalar(select(Employee).where(Employee.last_name == "Jansen"))
        devries = session.scalar(select(Employee).where(Employee.last_name == "Vries"))
        years = {
            y.code: y.id
            for y in session.scalars(
                select(Schooljaar).where(Schooljaar.organisation_id == jansen.organisation_id)
            )
        }
        return {"jansen": jansen.id, "devries": devries.id, **years}


def _explanation(page: str) -> list[str]:
    """The rows of the explanation table, as text (label, formula, amount, source)."""
    table = page.split('<table class="data explanation">')[1].split("</table>")[0]
    return [unescape(re.sub(r"<[^>]+>", "|", row)) for row in table.split("<tr")[2:]]


def _saldo(page: str) -> str:
    return unescape(re.search(r'<p class="saldo[^"]*">\s*(.*?)</p>', page, re.S).group(1))


def test_the_employee_reads_every_line_as_the_planner_sees_it(app, client, demo, database):
    ids = _ids(database)
    planner = app.test_client()
    logged_in(planner, "planner")
    planner_page = planner.get(f"/planner/medewerkers/{ids['jansen']}").get_data(as_text=True)
    logged_in(client, "jansen")
    page = client.get("/mijn/").get_data(as_text=True)
    assert 'Mijn jaartaak <span class="muted">2026-2027</span>' in page
    lines = _explanation(page)
    assert lines == _explanation(planner_page)
    assert len(lines) > 20
    normjaartaak = next(line for line in lines if "Normjaartaak (bruto)" in line)
    assert "1659 × 1.0000" in normjaartaak
    assert "CAO VO hoofdstuk 2" in normjaartaak
    assert _saldo(page) == _saldo(planner_page)
    assert "<h2>Lessen 2026-2027</h2>" in page  # without the planner's edit link
    assert "<h2>Taken 2026-2027</h2>" in page
    assert "bewerken</a>" not in page.split("<h2>Lessen")[1]


def test_an_earlier_year_is_shown_read_only(client, demo, database):
    ids = _ids(database)
    logged_in(client, "jansen")
    page = client.get(f"/mijn/?jaar={ids['2025-2026']}").get_data(as_text=True)
    assert 'Mijn jaartaak <span class="muted">2025-2026</span>' in page
    assert "Schooljaar 2025-2026 is voorbij" in page
    assert "<form" not in page.split("<main")[1].split("</main>")[0].replace(
        '<form method="post" action="/uitloggen"', ""
    )
    current = client.get("/mijn/").get_data(as_text=True)
    assert "is voorbij" not in current


def test_another_boards_schooljaar_is_not_found(client, demo, database):
    with database.session() as session:
        other_id = new_schooljaar(session, new_employee(session, "VREEMD").organisation).id
        session.commit()
    logged_in(client, "jansen")
    assert client.get(f"/mijn/?jaar={other_id}").status_code == 404
    assert client.get("/mijn/?jaar=abc").status_code == 404


def test_an_employee_cannot_open_a_colleagues_jaartaak_by_changing_the_url(client, demo, database):
    ids = _ids(database)
    logged_in(client, "jansen")
    for path in (
        f"/planner/medewerkers/{ids['devries']}",
        f"/planner/medewerkers/{ids['devries']}/keuze",
        f"/planner/medewerkers/{ids['devries']}/geschiedenis",
        f"/planner/medewerkers/{ids['jansen']}",
    ):
        assert client.get(path).status_code == 403, path
    page = client.get("/mijn/").get_data(as_text=True)
    assert "Vries" not in page.split("<main")[1]
