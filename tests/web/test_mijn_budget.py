"""Mijn budget: entitlement and use, the pots with each tranche and the day it converts, and the
payroll per month, for the logged-in employee only."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import unescape

from jaartaak.models import Appointment, PbKeuze

from support import logged_in, new_employee, new_schooljaar, table_rows
from support_overzicht import add_medewerker


def _saver(database) -> dict:
    """A teacher (scale LC, so no payout) who saved 30 hours in 2025-2026 and 20 in 2026-2027."""
    with database.session() as session:
        person = new_employee(session, "SPA", salary="4800.00")
        session.add(Appointment(employee=person, start=date(2015, 8, 1), fte=Decimal("1.0000")))
        earlier = new_schooljaar(session, person.organisation, 2025)
        current = new_schooljaar(session, person.organisation, 2026)
        session.add_all(
            [
                PbKeuze(
                    employee=person,
                    schooljaar=earlier,
                    sparen=Decimal("30"),
                    reductie_overige_taken=Decimal("60"),
                ),
                PbKeuze(
                    employee=person,
                    schooljaar=current,
                    sparen=Decimal("20"),
                    reductie_overige_taken=Decimal("70"),
                ),
            ]
        )
        add_medewerker(session, "spaarder", person.id)
        return {"earlier": earlier.id, "current": current.id}


def test_the_pots_show_each_tranche_and_when_it_converts(client, database):
    ids = _saver(database)
    logged_in(client, "spaarder")
    page = client.get(f"/mijn/budget?jaar={ids['current']}").get_data(as_text=True)
    assert table_rows(page, "spaarpotten") == [
        "Spaarpot persoonlijk budget (uren) 50,00 uur",
        "Spaarpot persoonlijk budget (euro, na waardefixatie) € 0,00",
        "Seniorenspaarpot (uren) 0,00 uur",
    ]
    assert table_rows(page, "tranches") == [
        "Gespaard in 2025-2026 (spaarpot persoonlijk budget) 30,00 uur 31 jul 2026 "
        "1 augustus 2030: wordt omgezet in euro tegen het uurloon van die dag",
        "Gespaard in 2026-2027 (spaarpot persoonlijk budget) 20,00 uur 31 jul 2027 "
        "1 augustus 2031: wordt omgezet in euro tegen het uurloon van die dag",
    ]
    timeline = page.split('aria-label="Spaarpotten in de tijd"')[1].split("</svg>")[0]
    assert timeline.count("<rect") == 2 and timeline.count("<circle") == 2
    assert ">vandaag</text>" in timeline and ">2030</text>" in timeline
    assert 'id="regel-sparen.storting.pb"' in page  # the line explaining this year's deposit
    assert "niets via de salarisadministratie" in page


def test_an_earlier_year_shows_the_pots_as_they_were(client, database):
    ids = _saver(database)
    logged_in(client, "spaarder")
    page = client.get(f"/mijn/budget?jaar={ids['earlier']}").get_data(as_text=True)
    assert table_rows(page, "tranches") == [
        "Gespaard in 2025-2026 (spaarpot persoonlijk budget) 30,00 uur 31 jul 2026 "
        "1 augustus 2030: wordt omgezet in euro tegen het uurloon van die dag",
    ]


def test_the_payroll_lists_every_month_with_its_total(client, demo):
    logged_in(client, "devries")
    page = client.get("/mijn/budget").get_data(as_text=True)
    rows = table_rows(page, "salaris")
    assert len(rows) == 12
    assert all("Eigen bijdrage 57+-aanvulling" in row and row.endswith("nee") for row in rows)
    total = page.split('id="salaris"')[1].split("<tfoot>")[1].split("</tfoot>")[0]
    amounts = [
        Decimal(re.search(r"€\s(-?[\d.]+,\d\d)", row).group(1).replace(".", "").replace(",", "."))
        for row in rows
    ]
    expected = sum(amounts, Decimal("0"))
    shown = re.search(r"€\s(-?[\d.]+,\d\d)", unescape(total)).group(1)
    assert Decimal(shown.replace(".", "").replace(",", ".")) == expected


def test_a_schooljaar_of_another_board_is_not_found(client, database, demo):
    ids = _saver(database)
    logged_in(client, "devries")
    assert client.get(f"/mijn/budget?jaar={ids['current']}").status_code == 404
