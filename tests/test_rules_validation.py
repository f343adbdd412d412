"""Bad input: every bad field named, with what is wrong and what is allowed."""
import json
import subprocess
import sys

import pytest

from casebuilder import case
from rules import CaseValidationError, compute, parse_case


def errors_of(c) -> dict:
    with pytest.raises(CaseValidationError) as exc:
        compute(parse_case(c))
    return {e["field"]: e["message"] for e in exc.value.errors}


def test_child_born_after_the_order_date():
    c = case()
    c["children"][0]["date_of_birth"] = "2025-07-01"
    assert "after the order date" in errors_of(c)["children[0].date_of_birth"]


def test_negative_income_unknown_frequency_and_too_many_overnights():
    c = case()
    c["petitioner"]["income"] = {"gross_amount": "-1", "frequency": "fortnightly"}
    c["respondent"]["overnights_per_year"] = 367
    errs = errors_of(c)
    assert "greater than or equal to 0" in errs["petitioner.income.gross_amount"]
    assert "'weekly'" in errs["petitioner.income.frequency"] and "'annual'" in errs["petitioner.income.frequency"]
    assert "0 to 366" in errs["respondent.overnights_per_year"]


def test_missing_majority_parent_and_unknown_field():
    c = case()
    del c["children"][0]["majority_parent"]
    c["respondent"]["child_care"] = "10"
    errs = errors_of(c)
    assert errs["children[0].majority_parent"] == "is required"
    assert "not a field" in errs["respondent.child_care"]


def test_overnights_of_both_parents_over_a_year():
    assert "at most 366" in errors_of(case(pet_nights=300, resp_nights=100))["respondent.overnights_per_year"]


def test_order_date_before_the_guidelines_or_any_schedule():
    assert "case.order_date" in errors_of(case(order_date="2016-01-04"))
    assert "install-schedule" in errors_of(case(order_date="2024-01-04"))["case.order_date"]


def test_money_with_more_than_cents():
    c = case()
    c["petitioner"]["child_care_paid"] = "10.005"
    assert "2 decimal places" in errors_of(c)["petitioner.child_care_paid"]


def test_cli_exits_2_and_names_the_field(tmp_path):
    c = case()
    c["children"][0]["date_of_birth"] = "not a date"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(c))
    out = subprocess.run([sys.executable, "-m", "docgen.cli", "calc", str(path)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "children[0].date_of_birth" in out.stderr
    assert "Traceback" not in out.stderr


def test_cli_json_matches_the_contract(tmp_path):
    out = subprocess.run([sys.executable, "-m", "docgen.cli", "calc", "examples/case-shared-individualized.json", "--json"],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["method"] == "shared"
    assert result["children"][0]["termination_date"] == "2026-05-29"


def test_cli_table_names_schedule_and_result():
    out = subprocess.run([sys.executable, "-m", "docgen.cli", "calc", "examples/case-basic.json"],
                         capture_output=True, text=True, check=True).stdout
    assert "il-illustrative-2025-03-05" in out and "not for filing" in out
    assert "750 ILCS 5/505(a)(3)(A)" in out
