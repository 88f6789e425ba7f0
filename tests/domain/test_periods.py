from datetime import date

import pytest

from jaartaak.domain.periods import SchooljaarPeriod


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2026, 7, 31), "2025-2026"),
        (date(2026, 8, 1), "2026-2027"),
        (date(2026, 11, 23), "2026-2027"),
        (date(2027, 1, 1), "2026-2027"),
    ],
)
def test_schooljaar_containing(day, code):
    assert SchooljaarPeriod.containing(day).code == code


def test_schooljaar_bounds_and_length():
    year = SchooljaarPeriod.parse("2025-2026")
    assert (year.start, year.end, year.days) == (date(2025, 8, 1), date(2026, 7, 31), 365)
    assert SchooljaarPeriod.parse("2027-2028").days == 366  # 29 February 2028
    assert year.shifted(1).code == "2026-2027"


@pytest.mark.parametrize("code", ["2025-2027", "2025", "25-26", "2025/2026", ""])
def test_parse_refuses_what_is_not_a_schooljaar(code):
    with pytest.raises(ValueError, match="geen schooljaar"):
        SchooljaarPeriod.parse(code)
