"""The Benefit Budget rule version as data: ``nwb-2011`` (CAO Netwerkbedrijven art. 5.1, from 2011).

A new CAO (or another IKB-style budget) is a new version, never an edit: a stored year is
recomputed under the version it was planned with. Percentages are kept in percent (``"8.00"``)
and divided by 100 where they are used. Parameters marked ``policy`` are choices of this project
where the sources are silent (shared/spec/nwb-benefit-budget.md): the CAO calls itself a
*raamregeling*, filled in per company, so a company may override the ones read from
``settings`` (:data:`jaartaak_benefit_budget.inputs.SETTINGS`).
"""

from __future__ import annotations

from decimal import Decimal

from jaartaak.domain.periods import CalendarYear
from jaartaak.domain.results import Unit
from jaartaak.domain.scheme import Parameter, RuleVersion, parameters

D = Decimal
SEED = "CAO Netwerkbedrijven art. 5.1 (caonwb.nl)"
SEED_URL = f"{SEED}, http://www.caonwb.nl/werk-en-keuzes/"
BIJLAGE_3 = (
    "CAO Netwerkbedrijven bijlage 3 Benefit Budget, art. 4.9 oud "
    "(https://www.wenb.nl/cao-nwb/bijlage-3-benefit-budget)"
)
BIJLAGE_3_LL = (
    "CAO Netwerkbedrijven bijlage 3 Benefit Budget, art. 4.8 oud "
    "(https://www.wenb.nl/cao-nwb/bijlage-3-benefit-budget)"
)
BIJLAGE_3_AGE = (
    "CAO Netwerkbedrijven bijlage 3 Benefit Budget, art. 9.1 oud: 'Naar de situatie per "
    "1 januari' (https://www.wenb.nl/cao-nwb/bijlage-3-benefit-budget)"
)
LEVENSLOOP = (
    "Levensloopregeling: geen nieuwe deelnemers sinds 1 januari 2012, overgangsrecht tot "
    "1 januari 2022 (https://zoek.officielebekendmakingen.nl/ah-tk-20202021-2230.html)"
)
HEALTH = "CAO Netwerkbedrijven art. 5.2 (caonwb.nl)"
IPAP = "CAO Netwerkbedrijven art. 5.3 (caonwb.nl)"
POLICY = "beleid jaartaak (de bronnen zeggen hier niets over; per bedrijf in te vullen)"

#: The default age-leave table (policy): age on 1 January → percent of S per month.
DEFAULT_AGE_TABLE = "40:0.40, 45:0.80, 50:1.20, 55:1.60"


def age_table(text: str) -> tuple[tuple[int, Decimal], ...]:
    """``"40:0.40, 45:0.80"`` → ((40, 0.40), (45, 0.80)), by age: the table kept as data."""
    rows = (item.split(":") for item in text.split(",") if item.strip())
    return tuple(sorted((int(age), Decimal(pct)) for age, pct in rows))


NWB_2011 = RuleVersion(
    id="nwb-2011",
    title="CAO Netwerkbedrijven art. 5.1: Benefit Budget (raamregeling)",
    first=CalendarYear(2011),
    last=None,
    parameters=parameters(
        # Opbouw: the monthly sources (art. 5.1 lid 1, percentages of a 38-hour week)
        Parameter("vakantie_uitkering_pct", D("8.00"), None, "Vakantie-uitkering (%)", SEED_URL),
        Parameter(
            "vakantie_minimum_salaris",
            D("2102.00"),
            Unit.EUR,
            "Minimum vakantie-uitkering: 8% van € 2.102 (salarisniveau 1 juni 2010) = € 168,16 "
            "per maand, naar rato bij deeltijd",
            BIJLAGE_3,
        ),
        Parameter(
            "vakantie_minimum_leeftijd",
            21,
            None,
            "Minimum vakantie-uitkering vanaf 21 jaar",
            BIJLAGE_3,
        ),
        Parameter(
            "vakantie_minimum_peildag",
            "laatste dag van de maand",
            None,
            "21 jaar: op of vóór de laatste dag van de maand jarig geweest",
            f"{POLICY}; bijlage 3 zegt '21 jaar en ouder in de maand'",
            policy=True,
        ),
        Parameter("levensloop_pct", D("1.80"), None, "Levensloopbijdrage (%)", SEED_URL),
        Parameter(
            "bovenwettelijk_pct", D("2.00"), None, "Bovenwettelijk verlof basis (%)", SEED_URL
        ),
        Parameter(
            "overwerkgrens_pct",
            D("0.80"),
            None,
            "Bovenwettelijk verlof boven de overwerkgrens (%)",
            SEED_URL,
        ),
        Parameter(
            "leeftijdsverlof",
            DEFAULT_AGE_TABLE,
            None,
            "Leeftijdsverlof (%): leeftijd vanaf → percentage (tabel van 0,40% tot 1,60%)",
            f"{SEED} (0,40%–1,60%); de leeftijdsgrenzen zijn {POLICY}",
            policy=True,
        ),
        Parameter(
            "leeftijdsverlof_peildatum",
            "01-01",
            None,
            "Leeftijd voor het leeftijdsverlof op 1 januari",
            BIJLAGE_3_AGE,
        ),
        Parameter(
            "overgang_pcts",
            "0, 0.40, 0.80, 1.20",
            None,
            "Overgangsregelingen leeftijdsverlof (%): 0,40% tot 1,20% per medewerker",
            SEED_URL,
        ),
        Parameter("doelgebonden_pct", D("0.40"), None, "Doelgebonden verlof basis (%)", SEED_URL),
        Parameter(
            "basis_werkweek",
            38,
            Unit.HOURS,
            "De percentages gaan uit van een 38-urige werkweek",
            SEED_URL,
        ),
        Parameter(
            "verlof_schaal_40_uur",
            True,
            None,
            "Verlofpercentages bij een 40-urige werkweek × 165/173 (exact)",
            f"{POLICY}; de tabel gaat uit van 38 uur",
            policy=True,
        ),
        Parameter(
            "opbouw_eerste_dag",
            "in dienst op de eerste dag van de maand",
            None,
            "Een maand bouwt op als de medewerker op de eerste dag in dienst is",
            POLICY,
            policy=True,
        ),
        # Producten en ruilwaarde
        Parameter(
            "producten",
            "geld, verlof, vakbondscontributie, pensioen, reserveren, reserveren-mei",
            None,
            "Producten van het Benefit Budget (maandelijks te kiezen)",
            SEED,
        ),
        Parameter(
            "levensloop_gesloten",
            "2012-01-01",
            None,
            "Product levensloop: gesloten voor nieuwe deelnemers sinds 2012, beëindigd in 2022",
            LEVENSLOOP,
        ),
        Parameter(
            "uurprijs_deler_38",
            165,
            None,
            "Ruilwaarde 38 uur: een verlofuur kost 1/165 van schaalsalaris + vaste toelage",
            SEED_URL,
        ),
        Parameter(
            "uurprijs_deler_40",
            173,
            None,
            "Ruilwaarde 40 uur: een verlofuur kost 1/173 van schaalsalaris + vaste toelage",
            SEED_URL,
        ),
        Parameter(
            "verlof_max_uren",
            D("216.00"),
            Unit.HOURS,
            "Ten hoogste 216 extra verlofuren per kalenderjaar; niet terug te verkopen",
            SEED_URL,
        ),
        Parameter(
            "keuze_sluit_dag",
            15,
            None,
            "Laatste dag van de maand om voor die maand te kiezen",
            POLICY,
            policy=True,
        ),
        # Reserveren, uitbetalen, einde dienstverband
        Parameter(
            "niet_besteed_verdeling",
            "vakantie-uitkeringsdeel naar de reservering mei, de rest naar de algemene reserve",
            None,
            "Wat een maand niet besteedt: eerst het deel vakantie-uitkering naar mei",
            POLICY,
            policy=True,
        ),
        Parameter(
            "uitkering_mei_maand",
            5,
            None,
            "Reservering voor de uitkering ineens van 8% blijft staan tot mei",
            f"{SEED}; {BIJLAGE_3}",
        ),
        Parameter(
            "reserve_uitbetaling_maand",
            12,
            None,
            "Ongebruikt gereserveerd budget in geld aan het einde van het kalenderjaar",
            SEED,
        ),
        Parameter(
            "einde_dienstverband",
            "alles in de maand van de laatste werkdag",
            None,
            "Bij einde dienstverband wordt het budget als brutoloon uitbetaald",
            SEED,
        ),
        Parameter(
            "pensioengevend_deel",
            "het deel vakantie-uitkering (8%)",
            None,
            "8% van het Benefit Budget is pensioengevend",
            f"{SEED}; welk deel: {POLICY}",
            policy=True,
        ),
        # Art. 5.2 en 5.3, buiten het budget
        Parameter(
            "zorg_bijdrage",
            D("30.00"),
            Unit.EUR,
            "Werkgeversbijdrage collectieve ziektekostenverzekering met aanvullend pakket "
            "(€ 360 per jaar)",
            HEALTH,
        ),
        Parameter(
            "zorg_deeltijd_grens",
            D("0.5000"),
            Unit.FACTOR,
            "Bij minder dan 50% deeltijd: bijdrage naar rato (30 × f)",
            HEALTH,
        ),
        Parameter(
            "ipap_pct",
            D("0.25"),
            None,
            "IPAP: tegemoetkoming in de premie van 0,25%-punt van het pensioengevend salaris (%)",
            IPAP,
        ),
        Parameter(
            "ipap_grondslag_factor",
            D("1.08"),
            Unit.FACTOR,
            "Pensioengevend salaris voor IPAP: S × 1,08 (met de 8% vakantie-uitkering)",
            POLICY,
            policy=True,
        ),
    ),
)

RULE_VERSIONS = (NWB_2011,)
