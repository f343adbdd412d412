"""Guideline calculations per second, one process: a mixed set of 1,000 validated cases (basic,
shared, split, minimum and zero orders; standardized and individualized net income; add-ons,
maintenance, self-employment), full computation with the worksheet. Median of 5 runs.

    python bench/calc.py [--cases 1000] [--runs 5]
"""
import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from casebuilder import case  # noqa: E402

from rules import compute, parse_case  # noqa: E402


def mixed_cases(n: int, seed: int = 7) -> list:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        kind = i % 5
        kids = rnd.randint(1, 4)
        pet, resp = rnd.randint(1500, 15000), rnd.randint(1500, 12000)
        if kind == 0:    # basic
            c = case(pet, resp, children=kids)
        elif kind == 1:  # shared
            c = case(pet, resp, pet_nights=rnd.randint(146, 219), resp_nights=146, children=kids)
        elif kind == 2:  # split
            c = case(pet, resp, pet_nights=183, resp_nights=182, children=max(kids, 2))
            c["children"][0]["majority_parent"] = "respondent"
        elif kind == 3:  # minimum (and some zero orders)
            c = case(pet, rnd.randint(0, 950), children=kids)
            c["respondent"]["incarcerated"] = rnd.random() < 0.3
        else:            # above-schedule and deviations
            c = case(pet * 3, resp * 2, children=kids, deviation={"amount": "1000.00", "reasons": "Agreed."})
        for role in ("petitioner", "respondent"):
            if rnd.random() < 0.6:  # standardized net income
                c[role]["net_income_method"] = "standardized"
                del c[role]["individualized_deductions"]
                c[role]["income"]["self_employed"] = rnd.random() < 0.15
            else:
                c[role]["individualized_deductions"] = {"federal_income_tax": "400.00", "state_income_tax": "120.00",
                                                        "social_security": "200.00", "medicare": "50.00"}
            c[role]["income"]["frequency"] = rnd.choice(["weekly", "biweekly", "semimonthly", "monthly"])
        c["respondent"]["child_health_insurance_premium"] = str(rnd.choice([0, 120, 240]))
        c["petitioner"]["child_care_paid"] = str(rnd.choice([0, 300]))
        if rnd.random() < 0.2:
            c["respondent"]["maintenance"] = {"paid": "500.00", "order_date": rnd.choice(["2018-05-01", "2021-05-01"])}
        c["case"]["order_date"] = rnd.choice(["2025-06-02", "2025-09-15", "2026-02-01"])
        out.append(parse_case(c))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    cases = mixed_cases(args.cases)
    methods = Counter(compute(c).method for c in cases)  # also warms the parameter caches
    rates = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        for c in cases:
            compute(c)
        rates.append(len(cases) / (time.perf_counter() - t0))
    t0 = time.perf_counter()
    for c in cases:
        compute(c).to_contract()
    contract_rate = len(cases) / (time.perf_counter() - t0)
    print(f"cases: {len(cases)} ({', '.join(f'{k} {v}' for k, v in sorted(methods.items()))})")
    print(f"calculations/s (median of {args.runs}): {statistics.median(rates):,.0f}  "
          f"[runs: {', '.join(f'{r:,.0f}' for r in rates)}]")
    print(f"calculations/s including the contract JSON object: {contract_rate:,.0f}")


if __name__ == "__main__":
    main()
