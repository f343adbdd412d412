"""The case model (contract schema_version 1), shared by the CLI, the API, the PDF intake and CSV batches.

It lives in `rules` so that `rules` never imports `docgen`. Unknown fields are rejected: a misspelt
field silently ignored would produce a wrong order. Validation returns every bad field at once, each
with its path as the contract names it (`children[0].date_of_birth`).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

Money = Annotated[Decimal, Field(ge=0, le=Decimal("100000000"), decimal_places=2, allow_inf_nan=False)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Role = Literal["petitioner", "respondent"]
Frequency = Literal["weekly", "biweekly", "semimonthly", "monthly", "annual"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Address(_Model):
    street: Text
    city: Text
    state: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Z]{2}$")]
    zip: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{5}(-\d{4})?$")]


class Employer(_Model):
    name: Text
    address: Optional[Address] = None
    fein: Optional[Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{2}-?\d{7}$")]] = None


class Income(_Model):
    gross_amount: Money
    frequency: Frequency
    self_employed: bool = False


class IndividualizedDeductions(_Model):
    """Monthly amounts actually paid or withheld (750 ILCS 5/505(a)(3)(D))."""
    federal_income_tax: Money = Decimal(0)
    state_income_tax: Money = Decimal(0)
    social_security: Money = Decimal(0)
    medicare: Money = Decimal(0)
    mandatory_retirement: Money = Decimal(0)
    union_dues: Money = Decimal(0)


class Maintenance(_Model):
    paid: Money = Decimal(0)
    received: Money = Decimal(0)
    order_date: Optional[date] = None


class Parent(_Model):
    name: Text
    date_of_birth: Optional[date] = None
    ssn: Optional[Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{3}-?\d{2}-?\d{4}$")]] = None
    address: Optional[Address] = None
    employer: Optional[Employer] = None
    income: Income
    net_income_method: Literal["standardized", "individualized"] = "standardized"
    individualized_deductions: Optional[IndividualizedDeductions] = None
    maintenance: Optional[Maintenance] = None
    other_children_support_paid: Money = Decimal(0)
    overnights_per_year: Annotated[int, Field(ge=0, le=366)]
    child_health_insurance_premium: Money = Decimal(0)
    child_care_paid: Money = Decimal(0)
    # How many of the parties' children this parent claims as dependents for the standardized tax
    # amount; by default each child is claimed by the parent with the majority of its overnights.
    dependents_claimed: Optional[Annotated[int, Field(ge=0, le=30)]] = None
    receives_only_means_tested_assistance: bool = False
    incarcerated: bool = False
    disabled_unable_to_work: bool = False


class Child(_Model):
    name: Text
    date_of_birth: date
    expected_high_school_graduation: Optional[date] = None
    majority_parent: Role
    ssn: Optional[Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{3}-?\d{2}-?\d{4}$")]] = None


class CaseInfo(_Model):
    number: Text
    county: Text
    kind: Literal["judicial", "administrative"] = "judicial"
    ivd: bool = False
    order_date: date
    action: Literal["initial", "modification"] = "initial"
    # Immediate income withholding (750 ILCS 28/20(a)(1)); false only with a court-approved written
    # agreement for another arrangement. With IV-D services or withholding, payment goes through the SDU.
    withholding: bool = True


class Arrears(_Model):
    amount: Money
    as_of: date
    periodic_payment: Money = Decimal(0)
    over_12_weeks: Optional[bool] = None


class LienHolder(_Model):
    name: Text
    address: Optional[Address] = None


class Lien(_Model):
    kind: Literal["financial_institution", "lump_sum", "real_property"]
    holder: LienHolder
    description: Text
    joint_owners: list[Text] = []


class Deviation(_Model):
    amount: Money
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class Case(_Model):
    schema_version: Literal[1]
    case: CaseInfo
    petitioner: Parent
    respondent: Parent
    children: Annotated[list[Child], Field(min_length=1, max_length=30)]
    arrears: Optional[Arrears] = None
    lien: Optional[Lien] = None
    deviation: Optional[Deviation] = None

    def parent(self, role: str) -> Parent:
        return self.petitioner if role == "petitioner" else self.respondent

    @model_validator(mode="after")
    def _consistent(self) -> "Case":
        problems = list(_cross_field_problems(self))
        if problems:
            raise _CrossFieldError(problems)
        return self


class _CrossFieldError(ValueError):
    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))
        self.problems = problems


def other(role: str) -> str:
    return "respondent" if role == "petitioner" else "petitioner"


def _cross_field_problems(c: Case):
    order_date = c.case.order_date
    for i, child in enumerate(c.children):
        if child.date_of_birth > order_date:
            yield (f"children[{i}].date_of_birth",
                   f"{child.date_of_birth} is after the order date {order_date}; a child must be born by the order date")
        grad = child.expected_high_school_graduation
        if grad is not None and grad <= child.date_of_birth:
            yield (f"children[{i}].expected_high_school_graduation", "must be after the child's date of birth")
    total = c.petitioner.overnights_per_year + c.respondent.overnights_per_year
    if total > 366:
        yield ("respondent.overnights_per_year",
               f"the parents' overnights add up to {total}; together they can have at most 366 a year")
    majorities = {child.majority_parent for child in c.children}
    if len(majorities) == 1:
        (majority,) = majorities
        if c.parent(majority).overnights_per_year < c.parent(other(majority)).overnights_per_year:
            yield (f"{majority}.overnights_per_year",
                   f"the children's majority parent is the {majority}, who has fewer overnights "
                   f"({c.parent(majority).overnights_per_year}) than the {other(majority)} "
                   f"({c.parent(other(majority)).overnights_per_year})")
    claimed = [c.parent(r).dependents_claimed for r in ("petitioner", "respondent")]
    if any(n is not None for n in claimed) and sum(n or 0 for n in claimed) > len(c.children):
        yield ("petitioner.dependents_claimed",
               f"the parents claim {sum(n or 0 for n in claimed)} dependents but the case has {len(c.children)} children")
    for role in ("petitioner", "respondent"):
        p = c.parent(role)
        if p.net_income_method == "individualized" and p.individualized_deductions is None:
            yield (f"{role}.individualized_deductions", "required when net_income_method is 'individualized'")
        m = p.maintenance
        if m is not None and (m.paid or m.received) and m.order_date is None:
            yield (f"{role}.maintenance.order_date",
                   "required when maintenance is paid or received (orders before 2019 adjust gross income, later ones net income)")
    if c.arrears is not None and c.arrears.as_of > order_date:
        yield ("arrears.as_of", f"{c.arrears.as_of} is after the order date {order_date}")


class CaseValidationError(ValueError):
    """Invalid case input; `errors` is a list of {"field": path, "message": text}."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("\n".join(f"{e['field']}: {e['message']}" for e in errors))


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(case)"


_FRIENDLY = {
    "missing": "is required",
    "extra_forbidden": "is not a field of the case (check its spelling)",
    "decimal_max_places": "must have at most 2 decimal places (dollars and cents)",
}


def parse_case(data) -> Case:
    """Validate a case dict (parsed JSON); raise CaseValidationError naming every bad field."""
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        errors = []
        for e in exc.errors(include_url=False, include_input=False):
            ctx_err = (e.get("ctx") or {}).get("error")
            if isinstance(ctx_err, _CrossFieldError):
                errors += [{"field": f, "message": m} for f, m in ctx_err.problems]
                continue
            loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            msg = _FRIENDLY.get(e["type"], e["msg"])
            if e["type"] in ("greater_than_equal", "less_than_equal") and "overnights" in str(loc[-1]):
                msg = "must be a whole number of nights from 0 to 366"
            errors.append({"field": _path(loc), "message": msg})
        raise CaseValidationError(errors) from None
