"""GET /planner/: the school overview page, its XLSX export and chart, and who may see them."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from jaartaak.models import Organisation, School, Schooljaar

from support import logged_in
from support_overzicht import (
    EVIL_NAME,
    add_medewerker,
    add_planner,
    build_overzicht_school,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def ids(database):
    with database.session() as session:
        ids = build_overzicht_school(session)
        add_planner(session, "planner-test", ids["organisation"], ids["school"])
        session.commit()
    return ids


@pytest.fixture
def planner(client, ids):
    return logged_in(client, "planner-test")


def _page(client, query: str = "") -> str:
    response = client.get(f"/planner/{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def _codes(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr[^>]*>\s*<td>([A-Z0-9]+)</td>", body)


def _row(page: str, code: str) -> str:
    return re.search(rf"<tr[^>]*>\s*<td>{code}</td>.*?</tr>", page, re.S).group(0)


def test_the_overview_shows_each_employee_with_the_engine_numbers(planner, ids):
    page = _page(planner)
    assert "Personeel van Testbestuur College" in page and "jaartaken 2026-2027" in page
    assert _codes(page) == ["BAD1", "DOC1", "OOP1", "DOC2"]
    doc1 = _row(page, "DOC1")
    assert f'href="/planner/medewerkers/{ids["DOC1"]}">Bakker, Anna</a>' in doc1
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', doc1)
    assert cells == ["1,0000", "1.659,00", "945,00", "60,00", "431,00"]
    assert '<td class="num saldo onder">431,00</td>' in doc1
    assert "pb niet helemaal gekozen" in doc1
    doc2 = _row(page, "DOC2")
    assert '<td class="num saldo over">-132,50</td>' in doc2
    assert ">lestaak boven maximum</span>" in doc2 and ">overbelast</span>" in doc2
    assert 'title="De lestaak is 567,00 klokuren; het maximum is 360,00 klokuren."' in doc2
    assert '<td class="num saldo ">3,20</td>' in _row(page, "OOP1")
    bad = _row(page, "BAD1")
    assert 'class="ongeldig"' in bad and "Ongeldige keuze: Er zijn 200,00 uur besteed" in bad
    total = page.split("<tfoot>", 1)[1]
    assert "Totaal (4 medewerkers)" in total and "5.274,70" in total and "3,3000" in total


def test_names_are_escaped_on_the_page_and_in_the_chart(planner):
    page = _page(planner)
    assert "<Eva>" not in page
    assert "=HYPERLINK(&#34;http://x&#34;), &lt;Eva&gt;" in page  # the table (Jinja)
    assert "=HYPERLINK(&quot;http://x&quot;), &lt;Eva&gt;" in page  # the chart (html.escape)


def test_the_chart_has_one_bar_per_row_in_the_table_order(planner):
    for query, count in (("", 4), ("?categorie=OP", 3), ("?alleen=overbelast", 1)):
        page = _page(planner, query)
        chart = re.search(r"<svg.*?</svg>", page, re.S).group(0)
        tips = re.findall(r"<rect [^>]*><title>([^<]*)</title>", chart)
        assert len(tips) == count, query
    page = _page(planner, "?sorteer=saldo")
    chart = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    tips = re.findall(r"<rect [^>]*><title>([^:<]*):", chart)
    assert tips[:3] == ["Vries, Bas de", "Jansen, Carla", "Bakker, Anna"]


def test_sorting_and_its_header_links(planner):
    page = _page(planner, "?sorteer=saldo&richting=af")
    assert _codes(page) == ["BAD1", "DOC1", "OOP1", "DOC2"]  # 1.342,04 first
    assert 'aria-sort="descending"' in page
    # The saldo header turns the direction round; another header starts ascending.
    assert 'href="/planner/?sorteer=saldo">Saldo ▼</a>' in page
    assert 'href="/planner/?sorteer=code">Code</a>' in page
    assert _codes(_page(planner, "?sorteer=code")) == ["BAD1", "DOC1", "DOC2", "OOP1"]
    assert _codes(_page(planner, "?sorteer=onzin")) == ["BAD1", "DOC1", "OOP1", "DOC2"]


def test_filters_keep_the_sort_and_the_export_link_follows(planner):
    page = _page(planner, "?categorie=OOP")
    assert _codes(page) == ["OOP1"]
    assert "1 van 4 medewerkers (categorie OOP)" in page
    assert 'href="/planner/overzicht.xlsx?categorie=OOP"' in page
    assert _codes(_page(planner, "?sectie=Talen")) == ["DOC2"]
    page = _page(planner, "?alleen=overbelast&sorteer=saldo&richting=af")
    assert _codes(page) == ["DOC2"]
    assert '<option value="Talen">Talen</option>' in page  # every sectie stays selectable
    assert 'href="/planner/?sorteer=saldo&amp;richting=af">Filter wissen</a>' in page
    assert "Geen medewerkers die aan het filter voldoen." in _page(planner, "?sectie=Onbekend")


def test_the_export_gives_the_same_rows_as_numbers(planner):
    response = planner.get("/planner/overzicht.xlsx?categorie=OP&sorteer=saldo")
    assert response.status_code == 200
    assert response.mimetype == XLSX_TYPE
    assert (
        'filename="jaartaken-testbestuur-college-2026-2027.xlsx"'
        in (response.headers["Content-Disposition"])
    )
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Jaartaken Testbestuur College, schooljaar 2026-2027 (categorie OP)"
    assert [r[0] for r in rows[2:]] == ["DOC2", "DOC1", "BAD1", "Totaal (3)"]
    assert rows[2][8] == -132.5 and rows[3][6] == 945
    assert rows[4][1] == "'" + EVIL_NAME + ", <Eva>"


def test_a_medewerker_may_not_see_the_overview(client, database, ids):
    with database.session() as session:
        add_medewerker(session, "anna", ids["DOC1"])
        session.commit()
    logged_in(client, "anna")
    assert client.get("/planner/").status_code == 403
    assert client.get("/planner/overzicht.xlsx").status_code == 403


def test_another_school_is_a_404(planner, database, ids):
    with database.session() as session:
        other = build_overzicht_school(session, "Ander bestuur")
        session.commit()
    assert planner.get(f"/planner/?school={other['school']}").status_code == 404
    assert planner.get(f"/planner/overzicht.xlsx?school={other['school']}").status_code == 404
    assert _codes(_page(planner)) == ["BAD1", "DOC1", "OOP1", "DOC2"]


def test_a_board_without_schooljaar_gets_a_message_not_a_crash(client, database):
    with database.session() as session:
        board = Organisation(name="Nieuw bestuur")
        school = School(organisation=board, name="Nieuwe school")
        session.add_all([board, school])
        session.flush()
        add_planner(session, "planner-nieuw", board.id, school.id)
        session.commit()
    logged_in(client, "planner-nieuw")
    page = _page(client)
    assert "Er is nog geen schooljaar" in page and "<table" not in page
    assert client.get("/planner/overzicht.xlsx").status_code == 404


def test_a_school_without_employees_says_so(client, database):
    with database.session() as session:
        board = Organisation(name="Leeg bestuur")
        school = School(organisation=board, name="Lege school")
        session.add_all([board, school])
        session.flush()
        session.add(
            Schooljaar(
                organisation=board,
                code="2026-2027",
                start=date(2026, 8, 1),
                end_date=date(2027, 7, 31),
            )
        )
        add_planner(session, "planner-leeg", board.id, school.id)
        session.commit()
    logged_in(client, "planner-leeg")
    page = _page(client)
    assert "Nog geen medewerkers op deze school." in page and "<svg" not in page
