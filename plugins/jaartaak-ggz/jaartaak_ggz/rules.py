"""The balansbudget rule versions as data: ``ggz-2022`` (2022–2024) and ``ggz-2025`` (2025 on).

A new CAO is a new version, never an edit: a stored year is recomputed under the version it was
planned with. Days of the year are written ``MM-DD`` (``"07-01"``) and placed in the scheme year
by :func:`day_in`. Parameters marked ``policy`` are choices of this project where the sources
are silent (shared/spec/ggz-balansbudget.md); a scenario may override the numeric ones through
``settings``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jaartaak.domain.periods import CalendarYear
from jaartaak.domain.results import Unit
from jaartaak.domain.scheme import Parameter, RuleVersion, parameters

D = Decimal
POLICY = "beleid jaartaak (de bronnen zeggen hier niets over)"
SEED = "toelichting Balansregeling CAO GGZ 2025–2026"
CAO_2025 = (
    "CAO GGZ 2025–2026, balansregeling "
    "(https://www.skipr.nl/nieuws/salarissen-voor-medewerkers-ggz-flink-omhoog/)"
)
CAO_2022 = (
    "CAO GGZ 2021–2024, balansbudget "
    "(https://hanzeadvocaat.nl/nieuws/het-balansbudget-in-de-cao-ggz/)"
)
WORKWEEK = "CAO GGZ art. 2.1: 36 uur per week, 38 voor aios (https://cao.jigler.nl/geestelijke-gezondheidszorg/)"

#: Options each version's CAO text knows, and the ones this plugin computes (the rest is refused).
OPTIONS_2025 = "verlof, opleiding, uitbetaling"
OPTIONS_2022 = "verlof, opleiding, uitbetaling, generatiepact"
IMPLEMENTED = {
    "ggz-2025": frozenset({"verlof", "opleiding", "uitbetaling"}),
    "ggz-2022": frozenset({"uitbetaling"}),
}


def day_in(year: int, month_day: str) -> date:
    """``"07-01"`` in ``year``: the rule versions keep days of the year as data."""
    month, day = month_day.split("-")
    return date(year, int(month), int(day))


def _common(source: str, budget: Decimal, cao: str, options: str) -> list[Parameter]:
    """What both versions have: the budget and options (values differ), the peildatum, the
    deadline, the payout month and the uurloon policy."""
    return [
        Parameter("budget_voltijd", budget, Unit.EUR, "Balansbudget bij voltijd", cao),
        Parameter("opties", options, None, "Opties van het balansbudget", source),
        Parameter("voltijd_uren", 36, Unit.HOURS, "Volledige arbeidsduur per week", WORKWEEK),
        Parameter("peildatum", "07-01", None, "Peildatum: in dienst op 1 juli", source),
        Parameter(
            "keuze_uiterlijk",
            "06-30",
            None,
            "Keuze doorgeven vóór 1 juli (later of niet: uitbetaling)",
            source,
        ),
        Parameter(
            "uitbetaling_maand", 9, None, "Uitbetaling met het salaris van september", source
        ),
        Parameter(
            "uurloon_maanden",
            3,
            None,
            "Uurloon: voltijd maandsalaris × 3 / 13 / voltijduren per week",
            f"{POLICY}; de bron noemt 'bruto uurloon op 1 juli' (3/13 = 12/52 weken)",
            policy=True,
        ),
        Parameter(
            "uurloon_weken",
            13,
            None,
            "Uurloon: weken per kwartaal in de deler (× 3 / 13)",
            f"{POLICY}; 3/13/36 = 1/156, zoals CAO Rijk (salaris per uur)",
            policy=True,
        ),
    ]


GGZ_2022 = RuleVersion(
    id="ggz-2022",
    title="CAO GGZ 2021–2024: balansbudget € 500 (vier opties)",
    first=CalendarYear(2022),
    last=CalendarYear(2024),
    parameters=parameters(
        *_common(CAO_2022, D("500.00"), CAO_2022, OPTIONS_2022),
        Parameter(
            "laatste_indiensttreding",
            "06-30",
            None,
            "Gerechtigd bij indiensttreding vóór 1 juli",
            "CAO GGZ 2021–2024: 'vóór 1 juli in dienst' "
            "(https://community.visma.com/t5/user/viewprofilepage/user-id/478003)",
        ),
        Parameter("opslag_opleiding", D("0.20"), Unit.FACTOR, "Opslag bij opleiding", CAO_2022),
        Parameter(
            "opslag_opleiding_levensfase",
            D("0.40"),
            Unit.FACTOR,
            "Opslag bij opleiding met ten minste 20 levensfase-uren erbij",
            CAO_2022,
        ),
        Parameter(
            "levensfase_uren_minimum",
            D("20.00"),
            Unit.HOURS,
            "Levensfase-uren die de opslag op 40% brengen",
            CAO_2022,
        ),
        Parameter(
            "opleiding_sparen_jaren", 3, None, "Opleidingsbudget te sparen (jaren)", CAO_2022
        ),
        Parameter(
            "opleiding_sparen_tot",
            2024,
            None,
            "Sparen kan tot en met 2024; daarna uitbetaling min de opslag",
            CAO_2022,
        ),
        Parameter(
            "verlof_uurloon",
            "bruto uurloon op het moment van kopen",
            None,
            "Prijs van een extra verlofuur",
            CAO_2022,
        ),
        Parameter(
            "verlof_vervalt_op",
            "07-01",
            None,
            "Extra verlofuren opnemen in dit of het volgende jaar, uiterlijk vóór 1 juli",
            CAO_2022,
        ),
        Parameter(
            "generatiepact_jaren_belastend",
            5,
            None,
            "Generatiepact: ten minste 5 jaar in een belastende functie",
            CAO_2022,
        ),
        Parameter(
            "generatiepact_jaren_voor_aow",
            4,
            None,
            "Generatiepact: deelname vanaf 4 jaar vóór de AOW-leeftijd",
            CAO_2022,
        ),
    ),
)

GGZ_2025 = RuleVersion(
    id="ggz-2025",
    title="CAO GGZ 2025 en later: balansbudget € 1.000 (verlof, opleiding of uitbetaling)",
    first=CalendarYear(2025),
    last=None,
    parameters=parameters(
        *_common(SEED, D("1000.00"), CAO_2025, OPTIONS_2025),
        Parameter(
            "laatste_indiensttreding",
            "07-01",
            None,
            "Gerechtigd bij indiensttreding uiterlijk op 1 juli (in dienst op 1 juli)",
            SEED,
        ),
        Parameter("opslag_opleiding", D("0.40"), Unit.FACTOR, "Opslag bij opleiding", CAO_2025),
        Parameter(
            "beschikbaar_vanaf",
            "09-01",
            None,
            "Verlofuren en opleidingsbudget beschikbaar per september",
            SEED,
        ),
        Parameter(
            "opleiding_declareren_tot",
            "12-31",
            None,
            "Opleidingsbudget gebruiken tot het einde van het kalenderjaar (niet sparen)",
            SEED,
        ),
        Parameter(
            "verlof_vervalt_op",
            "07-01",
            None,
            "Extra verlofuren vervallen op 1 juli van het volgende jaar",
            SEED,
        ),
        Parameter(
            "opleiding_restant_maand",
            1,
            None,
            "Restant opleidingsbudget (÷ 1,40) met het salaris van januari van het volgende jaar",
            f"{POLICY}; de bron zegt 'na afloop van het kalenderjaar' zonder maand",
            policy=True,
        ),
        Parameter(
            "eindafrekening_uurloon",
            "uurloon op 1 juli",
            None,
            "Bij uit dienst: resterende verlofuren tegen het uurloon van 1 juli",
            f"{POLICY}; de bron noemt geen uurloon voor de eindafrekening",
            policy=True,
        ),
    ),
)

RULE_VERSIONS = (GGZ_2022, GGZ_2025)
