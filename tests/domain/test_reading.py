"""The Reader's yes/no values: JSON true/false, nothing else."""

from __future__ import annotations

import pytest

from jaartaak.domain.reading import MISSING, WRONG_TYPE, Problems, Reader


def read(data: dict, **options) -> tuple[bool | None, list[tuple[str, str | None]]]:
    problems = Problems()
    value = Reader(data, "employee", problems).boolean("ipap", **options)
    return value, [(issue.code, issue.field) for issue in problems.errors]


@pytest.mark.parametrize("value", [True, False])
def test_boolean_reads_true_and_false(value):
    assert read({"ipap": value}) == (value, [])


def test_boolean_absent_is_none_unless_required():
    assert read({}) == (None, [])
    assert read({}, required=True) == (None, [(MISSING, "employee.ipap")])


@pytest.mark.parametrize("value", ["true", 1, 0, "ja", [True], {"a": 1}])
def test_boolean_refuses_what_is_not_a_bool(value):
    problems = Problems()
    assert Reader({"ipap": value}, "employee", problems).boolean("ipap") is None
    assert [(i.code, i.field) for i in problems.errors] == [(WRONG_TYPE, "employee.ipap")]
    assert "true of false" in problems.errors[0].message


def test_boolean_marks_the_key_as_read():
    problems = Problems()
    reader = Reader({"ipap": True}, "employee", problems)
    reader.boolean("ipap")
    reader.finish()
    assert problems.errors == []
