"""Properties that must hold for every case (hypothesis)."""
from decimal import Decimal as D

from hypothesis import given, settings, strategies as st

from casebuilder import case
from rules import compute, parse_case

money = st.decimals(min_value=0, max_value=40000, places=2)
nights = st.integers(min_value=0, max_value=182)  # the majority parent (petitioner) keeps more nights
method = st.sampled_from(["standardized", "individualized"])


def build(pet, resp, pet_method, resp_method, kids, resp_nights, self_employed=False):
    c = case(pet_gross=pet, resp_gross=resp, children=kids, pet_nights=365 - resp_nights, resp_nights=resp_nights)
    for role, m in (("petitioner", pet_method), ("respondent", resp_method)):
        if m == "standardized":
            c[role]["net_income_method"] = "standardized"
            del c[role]["individualized_deductions"]
    c["respondent"]["income"]["self_employed"] = self_employed
    return c


@settings(max_examples=150, deadline=None)
@given(money, money, method, method, st.integers(1, 8), nights)
def test_income_shares_sum_to_one(pet, resp, pm, rm, kids, rn):
    r = compute(parse_case(build(pet, resp, pm, rm, kids, rn)))
    assert r.parents["petitioner"].income_share + r.parents["respondent"].income_share == 1
    assert r.monthly_support >= 0


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=1000, max_value=30000, places=2), st.decimals(min_value=0, max_value=30000, places=2),
       st.decimals(min_value="0.01", max_value=5000, places=2), method, method, st.integers(1, 7), st.booleans())
def test_more_obligor_income_never_lowers_basic_support(resp, pet, raise_, pm, rm, kids, self_employed):
    # above the low-income threshold (2025: 978.125), basic method, the respondent is the obligor
    low = compute(parse_case(build(pet, resp, pm, rm, kids, 100, self_employed)))
    high = compute(parse_case(build(pet, resp + raise_, pm, rm, kids, 100, self_employed)))
    assert low.method == high.method == "basic"
    assert high.monthly_support >= low.monthly_support


def swap(c):
    c = dict(c)
    c["petitioner"], c["respondent"] = c["respondent"], c["petitioner"]
    flip = {"petitioner": "respondent", "respondent": "petitioner"}
    c["children"] = [dict(ch, majority_parent=flip[ch["majority_parent"]]) for ch in c["children"]]
    return c


@settings(max_examples=150, deadline=None)
@given(money, money, method, method, st.integers(1, 4), st.integers(0, 182), st.booleans())
def test_swapping_the_parties_swaps_roles_and_keeps_the_amount(pet, resp, pm, rm, kids, rn, split):
    c = build(pet, resp, pm, rm, kids, rn)
    if split and kids > 1:
        c["children"][0]["majority_parent"] = "respondent"
    a = compute(parse_case(c))
    b = compute(parse_case(swap(c)))
    flip = {"petitioner": "respondent", "respondent": "petitioner", None: None}
    assert (b.method, b.monthly_support) == (a.method, a.monthly_support)
    assert (b.obligor, b.obligee) == (flip[a.obligor], flip[a.obligee])
