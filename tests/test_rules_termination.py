"""Termination dates, 750 ILCS 5/505(g); 305 ILCS 5/10-10, 10-11."""
from datetime import date

import pytest

from casebuilder import case
from rules import CaseValidationError, compute, parse_case
from rules.termination import birthday, child_termination


def test_18th_birthday_without_school_information():
    assert child_termination(date(2015, 2, 17), None, 18, 19) == (date(2033, 2, 17), "18th birthday")


def test_graduation_before_18_ends_at_18():
    assert child_termination(date(2008, 9, 1), date(2026, 5, 29), 18, 19)[0] == date(2026, 9, 1)


def test_graduation_between_18_and_19_ends_at_graduation():
    assert child_termination(date(2008, 3, 30), date(2026, 5, 29), 18, 19)[0] == date(2026, 5, 29)


def test_graduation_after_19_ends_at_19th_birthday():
    end, reason = child_termination(date(2008, 1, 15), date(2027, 6, 1), 18, 19)
    assert end == date(2027, 1, 15)
    assert "19th birthday" in reason


def test_29_february_birthday_falls_on_1_march_in_a_common_year():
    # documented choice: the child has not completed 18 years before 1 March
    assert birthday(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert birthday(date(2008, 2, 29), 16) == date(2024, 2, 29)  # leap year: the day itself


def test_order_ends_with_the_last_child():
    c = case(children=2)
    c["children"][0]["date_of_birth"] = "2010-04-01"
    c["children"][1]["date_of_birth"] = "2012-07-15"
    c["children"][1]["expected_high_school_graduation"] = "2030-06-01"
    r = compute(parse_case(c))
    assert [ch.termination_date for ch in r.children] == [date(2028, 4, 1), date(2030, 7, 15)]
    assert r.termination_date == date(2030, 7, 15)
    assert r.arrears_continuation["termination_date"] == "2030-07-15"


def test_child_whose_support_already_ended_is_rejected():
    c = case()
    c["children"][0]["date_of_birth"] = "2005-01-01"
    with pytest.raises(CaseValidationError) as exc:
        compute(parse_case(c))
    assert exc.value.errors[0]["field"] == "children[0].date_of_birth"
