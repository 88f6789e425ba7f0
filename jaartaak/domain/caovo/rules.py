"""The CAO VO rule versions and the school's taakbeleid defaults, as data.

A new CAO is a new version, never an edit: a stored year is recomputed under the version it was
planned with. Parameters marked ``policy`` are choices of this project where the CAO is silent
(cao-vo.md); they are named, shown in the explanation, and a school can override them through
the scenario's ``settings``.

Article numbers follow the sources in the research notes; they differ between CAO editions.
"""

from __future__ import annotations

from decimal import Decimal

from jaartaak.domain.periods import SchooljaarPeriod
from jaartaak.domain.results import Unit
from jaartaak.domain.scheme import Parameter, RuleVersion, parameters

D = Decimal
POLICY = "beleid jaartaak (de CAO zegt hier niets over)"


def _common(article_pb: str, article_doelen: str, basis_source: str) -> list[Parameter]:
    """The parameters both versions share; only their sources differ."""
    return [
        Parameter(
            "normjaartaak",
            D("1659"),
            Unit.HOURS,
            "Normjaartaak bij een volledige betrekking",
            "CAO VO hoofdstuk 2 (normjaartaak 1659 klokuren)",
        ),
        Parameter(
            "pb_basis", D("50"), Unit.HOURS, "Basisbudget persoonlijk budget per fte", basis_source
        ),
        Parameter(
            "aanvulling1",
            D("120"),
            Unit.HOURS,
            "1e aanvulling 57+ per fte",
            f"CAO VO art. {article_pb} lid 3 (1e aanvulling 120 uur)",
        ),
        Parameter(
            "aanvulling2",
            D("170"),
            Unit.HOURS,
            "2e aanvulling 57+ per fte",
            f"CAO VO art. {article_pb} lid 3 (2e aanvulling 170 uur)",
        ),
        Parameter(
            "eigen_bijdrage1_tot_schaal_8",
            D("0.40"),
            Unit.FACTOR,
            "Eigen bijdrage 1e aanvulling bij maximum functieschaal 1–8",
            f"CAO VO art. {article_pb} lid 3 (eigen bijdrage 40%)",
        ),
        Parameter(
            "eigen_bijdrage1",
            D("0.50"),
            Unit.FACTOR,
            "Eigen bijdrage 1e aanvulling bij maximum functieschaal 9 en hoger",
            f"CAO VO art. {article_pb} lid 3 (eigen bijdrage 50%)",
        ),
        Parameter(
            "eigen_bijdrage2",
            D("1.00"),
            Unit.FACTOR,
            "Eigen bijdrage 2e aanvulling",
            f"CAO VO art. {article_pb} lid 3 (eigen bijdrage 100%)",
        ),
        Parameter(
            "doelbestedingen",
            "reductie-lestaak, reductie-overige-taken, verlof, sparen, uitbetalen",
            None,
            "Doelbestedingen van het persoonlijk budget",
            f"CAO VO art. {article_doelen} (doelbestedingen)",
        ),
        Parameter(
            "uurloon_deler",
            D("138"),
            None,
            "Uurloon: maandsalaris bij volledige betrekking gedeeld door",
            f"{POLICY}; het seed-document noemt 1/138 van het maandsalaris",
            policy=True,
        ),
        Parameter(
            "sparen_jaren",
            4,
            None,
            "Jaren dat gespaarde uren hun waarde in uren houden",
            f"CAO VO art. {article_doelen} (sparen tot 4 jaar, daarna waardefixatie)",
        ),
        Parameter(
            "spaarpot_maximum",
            D("200"),
            Unit.HOURS,
            "Maximum aantal uren in de spaarpot persoonlijk budget",
            f"{POLICY}; CAO VO 2014-2015 art. 7.2 noemde 200 uur",
            policy=True,
        ),
        Parameter(
            "opname_maximum_57",
            D("340"),
            Unit.HOURS,
            "Maximum opname van gespaard verlof per schooljaar vanaf 57 jaar",
            f"CAO VO art. {article_pb} (maximaal 340 uur verlof per schooljaar)",
        ),
        Parameter(
            "uitbetalen_tot_schaal",
            8,
            None,
            "Uitbetalen mag alleen het basisdeel, tot en met maximum functieschaal",
            f"CAO VO art. {article_doelen} (uitbetalen alleen tot en met schaal 8)",
        ),
        Parameter(
            "uitbetaling_maand",
            12,
            None,
            "Maand waarin uitbetaalde uren worden uitbetaald (met de eindejaarsuitkering)",
            f"{POLICY}: december, met de eindejaarsuitkering",
            policy=True,
        ),
        Parameter(
            "vervangingstoeslag",
            D("0.03"),
            Unit.FACTOR,
            "Vervangingstoeslag in plaats van persoonlijk budget",
            "CAO VO art. 7.1 lid 2 (3% extra loon bij een vervangingsaanstelling)",
        ),
        Parameter(
            "lesreductie_niveau1",
            D("3"),
            Unit.LESUREN,
            "Lesreductie per fte bij de 1e aanvulling als verlof",
            f"CAO VO art. {article_pb} lid 3 (170 uur: een dagdeel minder)",
        ),
        Parameter(
            "lesreductie_niveau2",
            D("6"),
            Unit.LESUREN,
            "Lesreductie per fte bij de 2e aanvulling als verlof",
            f"CAO VO art. {article_pb} lid 3 (340 uur: een dag minder)",
        ),
        Parameter(
            "uren_per_lesuur",
            D("50"),
            Unit.HOURS,
            "Uren persoonlijk budget per lesuur (van 50 minuten) per week",
            f"CAO VO art. {article_doelen} (50 uur is één les per week minder)",
        ),
    ]


CAO_VO_2014 = RuleVersion(
    id="cao-vo-2014",
    title="CAO VO 2014-2015 tot en met 2021-2022 (persoonlijk budget 50 uur)",
    first=SchooljaarPeriod(2014),
    last=SchooljaarPeriod(2021),
    parameters=parameters(
        *_common("7.2", "7.2", "CAO VO 2014-2015 art. 7.1 lid 1 (basisbudget 50 uur)"),
        Parameter(
            "pb_extra",
            D("0"),
            Unit.HOURS,
            "Extra budget persoonlijk budget per fte",
            "CAO VO 2014-2015: geen extra budget",
        ),
    ),
)

CAO_VO_2022 = RuleVersion(
    id="cao-vo-2022",
    title="CAO VO 2022-2023 en later (persoonlijk budget 50 + 40 uur)",
    first=SchooljaarPeriod(2022),
    last=None,
    parameters=parameters(
        *_common("7.4", "7.4", "CAO VO 2022-2023 art. 7.1 lid 1 (basisbudget 50 uur)"),
        Parameter(
            "pb_extra",
            D("40"),
            Unit.HOURS,
            "Extra budget persoonlijk budget per fte",
            "CAO VO 2022-2023 art. 7.1 lid 1 (basisbudget verhoogd naar 90 uur)",
        ),
    ),
)

RULE_VERSIONS = (CAO_VO_2014, CAO_VO_2022)

TAAKBELEID = "taakbeleid van de school"

#: The school's taakbeleid, with the defaults of cao-vo.md §8; a school overrides them in
#: ``settings``. Per-category values are keyed OP, OOP, DIR.
TAAKBELEID_DEFAULTS = parameters(
    Parameter("lesduur_minuten", D("50"), None, "Lesduur in minuten", TAAKBELEID),
    Parameter("lesweken", D("37.8"), None, "Lesweken per schooljaar", TAAKBELEID),
    Parameter("opslagfactor", D("0.5"), Unit.FACTOR, "Opslagfactor voor- en nawerk", TAAKBELEID),
    Parameter(
        "max_lestaak_klokuren",
        D("720"),
        Unit.HOURS,
        "Maximale lestaak in klokuren per fte",
        f"{TAAKBELEID}; CAO VO art. 8.2",
    ),
    Parameter(
        "ontwikkeltijd",
        D("50"),
        Unit.HOURS,
        "Ontwikkeltijd per fte",
        "CAO VO art. 8.2 (ontwikkeltijd 50 uur)",
    ),
    Parameter(
        "professionalisering_op",
        D("83"),
        Unit.HOURS,
        "Professionalisering per fte (OP en directie)",
        "CAO VO art. 16.4 (basisrecht 83 uur)",
    ),
    Parameter(
        "professionalisering_oop",
        D("40"),
        Unit.HOURS,
        "Professionalisering per fte (OOP)",
        "CAO VO art. 16.4 (basisrecht 40 uur)",
    ),
    Parameter("ast_per_fte", D("0"), Unit.HOURS, "Algemene schooltaken per fte", TAAKBELEID),
)

#: Policy parameters of the CAO version that a school or board may override in ``settings``.
OVERRIDABLE_POLICIES = ("uurloon_deler", "spaarpot_maximum", "uitbetaling_maand")
