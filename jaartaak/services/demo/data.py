"""Fixed material for the demo board: names, subjects, the task catalogue, salary ranges.

All names are invented; BRIN codes 99XA and 99XB are not issued to real schools.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from jaartaak.models import Organisation

SCHOOLS = (
    ("Het Baken College", "99XA", 34),
    ("Lyceum De Horizon", "99XB", 26),
)

FIRST_NAMES = (
    "Anna",
    "Bart",
    "Carla",
    "Daan",
    "Eva",
    "Frank",
    "Greetje",
    "Hans",
    "Inge",
    "Joost",
    "Karin",
    "Lars",
    "Marieke",
    "Niels",
    "Olga",
    "Pieter",
    "Quirine",
    "Ruud",
    "Sanne",
    "Tom",
    "Ursula",
    "Vincent",
    "Wendy",
    "Yusuf",
    "Zeynep",
    "Bram",
    "Femke",
    "Gijs",
    "Hanneke",
    "Ilse",
    "Jeroen",
    "Kees",
    "Lotte",
    "Maarten",
    "Noor",
    "Otto",
    "Petra",
    "Rik",
    "Sofie",
    "Thijs",
    "Mohamed",
    "Fatima",
    "Sem",
    "Lieke",
    "Ayoub",
    "Esther",
    "Wouter",
    "Mirjam",
    "Roel",
    "Nadia",
)

LAST_NAMES = (
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van der", "Veen"),
    ("van den", "Broek"),
    ("de", "Bruijn"),
    ("", "Schouten"),
    ("van", "Beek"),
    ("", "Willems"),
    ("van", "Vliet"),
    ("", "Hoekstra"),
    ("", "Maas"),
    ("", "Verhoeven"),
    ("", "Koster"),
    ("van", "Dam"),
    ("van der", "Wal"),
    ("", "Prins"),
    ("", "Blom"),
    ("", "Huisman"),
    ("", "Kramer"),
    ("", "Yilmaz"),
    ("", "El Amrani"),
    ("", "Kuipers"),
    ("van", "Wijk"),
    ("", "Postma"),
    ("", "Timmermans"),
    ("", "Groen"),
    ("", "Vink"),
    ("", "Sanders"),
    ("", "Lammers"),
)

VAKKEN = (
    "Nederlands",
    "Engels",
    "Duits",
    "Frans",
    "wiskunde",
    "natuurkunde",
    "scheikunde",
    "biologie",
    "geschiedenis",
    "aardrijkskunde",
    "economie",
    "lichamelijke opvoeding",
    "tekenen",
    "muziek",
    "informatica",
    "maatschappijleer",
)

#: Class groups for the demo timetable.
GROEPEN = ("1A", "1B", "1C", "2A", "2B", "3havo", "3vwo", "4havo", "4vwo", "5havo", "5vwo", "6vwo")

#: (taakgroep, taak, default hours per year)
TASK_CATALOGUE = (
    ("Begeleiding", "Mentoraat onderbouw", Decimal("60")),
    ("Begeleiding", "Mentoraat bovenbouw", Decimal("70")),
    ("Begeleiding", "Decanaat", Decimal("120")),
    ("Begeleiding", "Vertrouwenspersoon", Decimal("30")),
    ("Sectie", "Sectievoorzitter", Decimal("30")),
    ("Sectie", "Toetscoördinatie", Decimal("25")),
    ("Examens", "Examensecretaris", Decimal("80")),
    ("Examens", "Profielwerkstuk begeleiden", Decimal("20")),
    ("Organisatie", "Werkweek organiseren", Decimal("40")),
    ("Organisatie", "Open dag", Decimal("12")),
    ("Organisatie", "Medezeggenschapsraad", Decimal("50")),
    ("Activiteiten", "Excursie", Decimal("16")),
    ("Activiteiten", "Schoolfeest", Decimal("10")),
)

OOP_TASKS = ("Open dag", "Schoolfeest", "Medezeggenschapsraad")

#: Salary ranges (full-time monthly, euro) by function maximum scale, roughly CAO VO 2025.
SALARY_RANGES = {
    "LB": (Decimal("3650"), Decimal("5150")),
    "LC": (Decimal("3800"), Decimal("6050")),
    "LD": (Decimal("3950"), Decimal("6950")),
    "5": (Decimal("2650"), Decimal("3150")),
    "6": (Decimal("2750"), Decimal("3400")),
    "7": (Decimal("2850"), Decimal("3700")),
    "8": (Decimal("3000"), Decimal("4100")),
    "9": (Decimal("3300"), Decimal("4700")),
    "10": (Decimal("3500"), Decimal("5100")),
    "13": (Decimal("5000"), Decimal("6900")),
    "14": (Decimal("5400"), Decimal("7500")),
}

OOP_SCALES = ("5", "6", "7", "8", "9", "10")
OP_SCALES = ("LB", "LB", "LC", "LC", "LD")
DIR_SCALES = ("13", "14")

#: Words for demo passwords that a tester can read aloud.
PASSWORD_WORDS = (
    "appel",
    "boot",
    "duin",
    "fiets",
    "gracht",
    "haven",
    "kaas",
    "klomp",
    "molen",
    "polder",
    "regen",
    "sluis",
    "tulp",
    "wind",
    "zee",
    "brug",
    "dijk",
    "eend",
    "gans",
    "kade",
)

#: The sectie of a teacher follows the first vak of their timetable.
SECTIES = {
    "Nederlands": "Talen",
    "Engels": "Talen",
    "Duits": "Talen",
    "Frans": "Talen",
    "wiskunde": "Bèta",
    "natuurkunde": "Bèta",
    "scheikunde": "Bèta",
    "biologie": "Bèta",
    "informatica": "Bèta",
    "geschiedenis": "Mens en maatschappij",
    "aardrijkskunde": "Mens en maatschappij",
    "economie": "Mens en maatschappij",
    "maatschappijleer": "Mens en maatschappij",
    "lichamelijke opvoeding": "Kunst en sport",
    "tekenen": "Kunst en sport",
    "muziek": "Kunst en sport",
}
CATEGORY_SECTIES = {"OOP": "Ondersteuning", "DIR": "Directie"}
#: Vakken with a smaller opslag in the demo taakbeleid (less preparation and marking).
OPSLAG_PER_VAK = {"lichamelijke opvoeding": "0.3000", "tekenen": "0.4000"}


def organisation_exists(session, name: str) -> bool:
    """Whether a demo organisation is there already (seeding twice adds nothing)."""
    return session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None
