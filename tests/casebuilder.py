"""Small cases for hand-worked tests: individualized net income equal to gross unless told otherwise."""
import copy

ZERO_DEDUCTIONS = {"federal_income_tax": "0", "state_income_tax": "0", "social_security": "0", "medicare": "0"}


def parent(name, gross, overnights, frequency="monthly", **extra):
    p = {"name": name, "income": {"gross_amount": str(gross), "frequency": frequency},
         "net_income_method": "individualized", "individualized_deductions": dict(ZERO_DEDUCTIONS),
         "overnights_per_year": overnights}
    p.update(extra)
    return p


def case(pet_gross=3000, resp_gross=2000, pet_nights=265, resp_nights=100, children=1, majority="petitioner",
         order_date="2025-06-02", **extra):
    c = {"schema_version": 1,
         "case": {"number": "2025 D 1", "county": "Sangamon", "kind": "judicial", "ivd": False,
                  "order_date": order_date, "action": "initial"},
         "petitioner": parent("Pat Doe", pet_gross, pet_nights),
         "respondent": parent("Rob Doe", resp_gross, resp_nights),
         "children": [{"name": f"Child {i}", "date_of_birth": "2015-01-10", "majority_parent": majority}
                      for i in range(children)]}
    c.update(copy.deepcopy(extra))
    return c
