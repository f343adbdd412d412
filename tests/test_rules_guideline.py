"""Guideline arithmetic worked by hand. Schedule amounts are read from the illustrative table's rows
(rules/data/schedules/il-illustrative-2025-03-05.csv):
  4,975.00–5,024.99: 1 child 876, 2 children 1,358, 6 children 2,041
  top row 26,675.00–26,724.99: 1 child 3,707
"""
from decimal import Decimal as D

import pytest

from casebuilder import case, parent
from rules import compute, parse_case


def run(c):
    return compute(parse_case(c))


def test_basic_respondent_pays_share_of_schedule_amount():
    # nets 3,000 / 2,000 → combined 5,000, shares 0.6 / 0.4; 2 children → 1,358 x 0.4 = 543.20
    r = run(case(children=2))
    assert (r.method, r.obligor, r.obligee) == ("basic", "respondent", "petitioner")
    assert r.basic_obligation == D(1358)
    assert r.parents["petitioner"].income_share == D("0.6")
    assert r.monthly_support == D("543.20")


def test_basic_majority_parent_can_be_the_respondent():
    # the petitioner now has fewer overnights: 1,358 x 0.6 = 814.80, paid by the petitioner
    r = run(case(children=2, majority="respondent", pet_nights=100, resp_nights=265))
    assert (r.obligor, r.obligee) == ("petitioner", "respondent")
    assert r.monthly_support == D("814.80")


def test_obligor_paying_premium_is_credited():
    # premium 100 paid by the obligor: 543.20 + 0.4 x 100 - 100 = 483.20
    c = case(children=2)
    c["respondent"]["child_health_insurance_premium"] = "100.00"
    r = run(c)
    assert r.monthly_support == D("483.20")
    assert r.add_ons["respondent_share"] == D("40.0")


def test_obligee_paying_child_care_raises_support():
    # child care 200 paid by the majority parent: 543.20 + 0.4 x 200 = 623.20
    c = case(children=2)
    c["petitioner"]["child_care_paid"] = "200.00"
    assert run(c).monthly_support == D("623.20")


def test_shared_care_at_exactly_146_overnights():
    # nets 4,000 / 1,000 → shares 0.8 / 0.2; 1 child 876 x 1.5 = 1,314
    # petitioner 1,314 x 0.8 = 1,051.20 x (146/365 = 0.4) = 420.48
    # respondent 1,314 x 0.2 = 262.80 x (219/365 = 0.6) = 157.68 → petitioner pays 262.80
    r = run(case(pet_gross=4000, resp_gross=1000, pet_nights=219, resp_nights=146))
    assert r.method == "shared"
    assert (r.obligor, r.monthly_support) == ("petitioner", D("262.80"))


def test_145_overnights_is_not_shared_care():
    # basic: the respondent pays 876 x 0.2 = 175.20
    r = run(case(pet_gross=4000, resp_gross=1000, pet_nights=220, resp_nights=145))
    assert r.method == "basic"
    assert (r.obligor, r.monthly_support) == ("respondent", D("175.20"))


def test_split_care_offsets_two_calculations():
    # one child with each; each side's schedule amount for 1 child at combined 5,000 is 876
    # petitioner owes 876 x 0.6 = 525.60; respondent owes 876 x 0.4 = 350.40 → petitioner pays 175.20
    c = case(children=2, pet_nights=183, resp_nights=182)
    c["children"][1]["majority_parent"] = "respondent"
    r = run(c)
    assert r.method == "split"
    assert (r.obligor, r.monthly_support) == ("petitioner", D("175.20"))


def test_split_care_add_ons_are_credited_after_the_offset():
    # as above, and the respondent pays 100 of child care: petitioner also owes 0.6 x 100 = 60 → 235.20
    c = case(children=2, pet_nights=183, resp_nights=182)
    c["children"][1]["majority_parent"] = "respondent"
    c["respondent"]["child_care_paid"] = "100.00"
    assert run(c).monthly_support == D("235.20")


def test_minimum_order_for_low_income_obligor():
    # 2025 poverty guideline 15,650 x 0.75 / 12 = 978.125; the respondent's gross 900 is below it
    # nets 4,100 / 900: guideline would be 1,358 x 0.18 = 244.44; minimum is 2 x 40 = 80
    r = run(case(pet_gross=4100, resp_gross=900, children=2))
    assert (r.method, r.monthly_support) == ("minimum", D("80.00"))
    assert r.income_shares_support == D("244.44")
    assert "minimum_order" in {f.code for f in r.flags}


def test_minimum_order_is_capped_at_120():
    r = run(case(pet_gross=4100, resp_gross=900, children=4))
    assert (r.method, r.monthly_support) == ("minimum", D("120.00"))


def test_income_just_above_the_threshold_is_not_minimum():
    r = run(case(pet_gross=4000, resp_gross="978.13", children=2))
    assert r.method == "basic"


def test_zero_order_for_incarcerated_obligor_without_income():
    c = case(resp_gross=0)
    c["respondent"]["incarcerated"] = True
    r = run(c)
    assert (r.method, r.monthly_support, r.obligor) == ("zero", D("0.00"), "respondent")


def test_income_above_the_schedule_uses_top_amount_and_flags_it():
    # combined 30,000 > 26,724.99: 1 child top amount 3,707 x (10,000 / 30,000) = 1,235.666… → 1,235.67
    r = run(case(pet_gross=20000, resp_gross=10000))
    assert r.basic_obligation == D(3707)
    assert r.monthly_support == D("1235.67")
    assert "above_schedule" in {f.code for f in r.flags}


def test_seven_children_use_the_six_children_column():
    r = run(case(children=7))
    assert r.basic_obligation == D(2041)
    assert r.monthly_support == D("816.40")  # 2,041 x 0.4


@pytest.mark.parametrize("frequency, amount, monthly", [
    ("weekly", "1000", D(1000) * 52 / 12),       # 4,333.33…
    ("biweekly", "2000", D(2000) * 26 / 12),     # 4,333.33…
    ("semimonthly", "2000", D(4000)),
    ("monthly", "4000", D(4000)),
    ("annual", "60000", D(5000)),
])
def test_each_pay_frequency_normalises_to_monthly(frequency, amount, monthly):
    c = case()
    c["petitioner"]["income"] = {"gross_amount": amount, "frequency": frequency}
    r = run(c)
    assert r.parents["petitioner"].gross_monthly_income == monthly


def test_per_pay_period_amounts():
    # 543.20 a month: weekly x 12/52 = 125.353… → 125.35; biweekly x 12/26 = 250.707… → 250.71; semimonthly 271.60
    r = run(case(children=2))
    assert r.pay_periods == {"weekly": D("125.35"), "biweekly": D("250.71"), "semimonthly": D("271.60"),
                             "monthly": D("543.20")}


def test_deviation_states_both_amounts_and_reasons():
    c = case(children=2, deviation={"amount": "400.00", "reasons": "Extraordinary travel costs for parenting time."})
    r = run(c)
    assert r.monthly_support == D("400.00")
    assert r.guideline_support == D("543.20")
    assert r.deviation["reasons"].startswith("Extraordinary")


def test_delinquency_payment_is_20_percent_of_current_plus_arrears_payment():
    c = case(children=2, arrears={"amount": "2000.00", "as_of": "2025-05-31", "periodic_payment": "100.00"})
    r = run(c)
    assert r.delinquency_payment == D("128.64")  # 0.2 x (543.20 + 100)
    assert r.arrears_continuation["total_periodic_amount"] == D("643.20")


def test_standardized_net_income_of_an_employee():
    # 2025, single, 5,000/month = 60,000/yr, no dependents (non-majority parent):
    # federal: 60,000 - 15,750 = 44,250 taxable → 1,192.50 + (44,250 - 11,925) x 12% = 5,071.50
    # Illinois: (60,000 - 2,850) x 4.95% = 2,828.925; Social Security 3,720; Medicare 870
    c = case()
    c["respondent"] = parent("Rob Doe", 5000, 100, net_income_method="standardized")
    del c["respondent"]["individualized_deductions"]
    r = run(c)
    expected = (D(60000) - D("5071.50") - D("2828.925") - D(3720) - D(870)) / 12
    assert r.parents["respondent"].net_monthly_income == expected
    assert r.worksheet.get("respondent.federal_income_tax").amount == D("5071.50") / 12


def test_standardized_self_employed_pays_self_employment_tax():
    # 60,000/yr: SE base 60,000 x 0.9235 = 55,410; SE tax 12.4% + 2.9% = 6,870.84 + 1,606.89 = 8,477.73
    # AGI 60,000 - 8,477.73 / 2 = 55,761.135; federal 1,192.50 + (40,011.135 - 11,925) x 12% = 4,562.8362
    # Illinois (55,761.135 - 2,850) x 4.95% = 2,619.10118…
    c = case()
    c["respondent"] = parent("Rob Doe", 5000, 100, net_income_method="standardized")
    del c["respondent"]["individualized_deductions"]
    c["respondent"]["income"]["self_employed"] = True
    r = run(c)
    federal = D("1192.50") + (D("40011.135") - D(11925)) * D("0.12")
    state = (D("55761.135") - D(2850)) * D("0.0495")
    expected = (D(60000) - D("8477.73") - federal - state) / 12
    assert r.parents["respondent"].net_monthly_income == expected
    assert r.worksheet.get("respondent.self_employment_tax").note.startswith("self-employed")


def test_majority_parent_claims_the_children_as_dependents():
    c = case(children=2)
    for role in ("petitioner", "respondent"):
        c[role] = parent(c[role]["name"], 4000, c[role]["overnights_per_year"], net_income_method="standardized")
        del c[role]["individualized_deductions"]
    r = run(c)
    # two more Illinois exemptions for the petitioner: 2 x 2,850 x 4.95% / 12 = 23.5125 less state tax a month
    diff = r.worksheet.get("respondent.state_income_tax").amount - r.worksheet.get("petitioner.state_income_tax").amount
    assert diff == D(2) * D(2850) * D("0.0495") / 12


def test_maintenance_before_2019_adjusts_gross_and_after_adjusts_net():
    before = case(children=2)
    before["respondent"]["maintenance"] = {"paid": "500.00", "order_date": "2018-06-01"}
    before["petitioner"]["maintenance"] = {"received": "500.00", "order_date": "2018-06-01"}
    r = run(before)
    assert r.worksheet.get("respondent.gross_income_after_maintenance").amount == D(1500)
    assert r.parents["respondent"].net_monthly_income == D(1500)
    after = case(children=2)
    after["respondent"]["maintenance"] = {"paid": "500.00", "order_date": "2020-06-01"}
    r = run(after)
    assert r.worksheet.get("respondent.net_after_maintenance").amount == D(1500)
    assert "respondent.gross_income_after_maintenance" not in r.worksheet


def test_support_paid_for_other_children_reduces_net():
    c = case(children=2)
    c["respondent"]["other_children_support_paid"] = "250.00"
    r = run(c)
    assert r.parents["respondent"].net_monthly_income == D(1750)


def test_every_worksheet_line_cites_its_source():
    r = run(case(children=2))
    assert all(line.citation for line in r.worksheet)
    assert r.to_contract()["worksheet"][0]["citation"] == "750 ILCS 5/505(a)(3)(A)"


def test_contract_shape_of_the_example():
    import json
    from pathlib import Path
    data = json.loads((Path(__file__).parents[1] / "examples" / "case-basic.json").read_text())
    out = run(data).to_contract()
    assert set(out) >= {"obligor", "obligee", "method", "monthly_support", "basic_obligation", "combined_net_income",
                        "parents", "children", "termination_date", "schedule", "worksheet"}
    assert out["schedule"] == {"id": "il-illustrative-2025-03-05", "effective_date": "2025-03-05", "official": False}
    assert out["parents"]["petitioner"]["income_share"].count(".") == 1
    assert len(out["parents"]["petitioner"]["income_share"].split(".")[1]) == 4
