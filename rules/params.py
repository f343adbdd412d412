"""Dated parameters: every rate, threshold and table lives in rules/data with the date it takes effect.

A formula asks for the values in force on a date (the order date); `Parameters.on(date)` returns them
as plain Decimals, cached per date because a caseload shares few order dates.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


class ParameterMissing(LookupError):
    """No value of a parameter is in force on the date asked for."""


def _key(d) -> date:
    return d if isinstance(d, date) else date.fromisoformat(str(d))


class Dated:
    """Values keyed by the date they take effect; `at(d)` is the latest value in force on d."""

    def __init__(self, name: str, values: dict, citation: str = ""):
        items = sorted((_key(k), v) for k, v in values.items())
        self.name, self.citation = name, citation
        self.dates = [k for k, _ in items]
        self.values = [v for _, v in items]

    def at(self, d: date):
        i = bisect_right(self.dates, d) - 1
        if i < 0:
            raise ParameterMissing(f"{self.name}: no value in force on {d} (first value from {self.dates[0]})")
        return self.values[i]

    def effective(self, d: date) -> date:
        return self.dates[bisect_right(self.dates, d) - 1]


def _dec(x) -> Decimal:
    return Decimal(str(x))


@lru_cache(maxsize=None)
def _file(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text())


@lru_cache(maxsize=None)
def guideline_parameters() -> dict[str, Dated]:
    doc = _file("guideline.yaml")["parameters"]
    return {k: Dated(k, v["values"], v["citation"]) for k, v in doc.items()}


@lru_cache(maxsize=None)
def tax_tables() -> dict[str, Dated]:
    return {name: Dated(name, _file(f"tax/{name}.yaml")["values"], _file(f"tax/{name}.yaml")["citation"])
            for name in ("federal_income_tax", "fica", "illinois_income_tax", "poverty_guideline")}


@dataclass(frozen=True, slots=True)
class FederalTax:
    year: int
    standard_deduction: Decimal
    exemption_per_person: Decimal
    exemption_phase_out: tuple[Decimal, Decimal, Decimal] | None  # start, rate per step, step size
    brackets: tuple[tuple[Decimal, Decimal], ...]  # (lower bound, marginal rate)
    # Derived once per tax year (see __post_init__), read by income.bracket_tax on every calculation:
    bracket_lows: tuple[Decimal, ...] = field(init=False, repr=False, compare=False)
    # the tax on all the brackets below each bracket's lower bound, summed from Decimal(0) bracket by
    # bracket exactly as the marginal computation does, so the result is the same Decimal
    tax_below: tuple[Decimal, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        tax, below = Decimal(0), []
        for i, (lower, rate) in enumerate(self.brackets):
            below.append(tax)
            if i + 1 < len(self.brackets):
                tax += (self.brackets[i + 1][0] - lower) * rate
        object.__setattr__(self, "bracket_lows", tuple(lower for lower, _ in self.brackets))
        object.__setattr__(self, "tax_below", tuple(below))


@dataclass(frozen=True, slots=True)
class Fica:
    social_security_rate: Decimal
    wage_base: Decimal
    medicare_rate: Decimal
    additional_medicare_rate: Decimal
    additional_medicare_threshold: Decimal
    se_social_security_rate: Decimal
    se_medicare_rate: Decimal
    se_net_earnings_factor: Decimal
    se_min_net_earnings: Decimal


@dataclass(frozen=True, slots=True)
class IllinoisTax:
    rate: Decimal
    exemption_per_person: Decimal
    exemption_agi_limit: Decimal


@dataclass(frozen=True, slots=True)
class Parameters:
    """Everything the guideline formulas read, as in force on one date."""
    on_date: date
    tax_year: int
    federal: FederalTax
    fica: Fica
    illinois: IllinoisTax
    poverty_guideline_one_person: Decimal
    poverty_guideline_effective: date
    shared_care_min_overnights: int
    shared_care_multiplier: Decimal
    shared_care_days_per_year: int
    minimum_order_per_child: Decimal
    minimum_order_cap: Decimal
    low_income_poverty_fraction: Decimal
    schedule_max_children_column: int
    maintenance_net_level_from: date
    delinquency_payment_fraction: Decimal
    majority_age: int
    high_school_age_limit: int
    # Derived from the values above once per date (see __post_init__) rather than on every calculation.
    low_income_threshold: Decimal = field(init=False, repr=False, compare=False)  # monthly, 505(a)(3.3a)
    low_income_threshold_label: str = field(init=False, repr=False, compare=False)
    shared_care_days: Decimal = field(init=False, repr=False, compare=False)  # the divisor of overnights, as a Decimal
    delinquency_citation: str = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        # 505(a)(3.3a): 75% of the one-person poverty guideline, a month
        set_ = object.__setattr__  # the dataclass is frozen
        set_(self, "low_income_threshold",
             self.low_income_poverty_fraction * self.poverty_guideline_one_person / Decimal(12))
        set_(self, "low_income_threshold_label",
             f"Low-income threshold: {self.low_income_poverty_fraction} x poverty guideline "
             f"${self.poverty_guideline_one_person} (in force {self.poverty_guideline_effective}) / 12")
        set_(self, "shared_care_days", Decimal(self.shared_care_days_per_year))
        set_(self, "delinquency_citation", citation("delinquency_payment_fraction"))

    @staticmethod
    @lru_cache(maxsize=4096)
    def on(d: date) -> "Parameters":
        g = {k: v.at(d) for k, v in guideline_parameters().items()}
        t = tax_tables()
        # Taxes are annual: the standardized tax amount uses the tables of the order date's tax year.
        tax_day = date(d.year, 1, 1)
        fed = t["federal_income_tax"].at(tax_day)
        po = fed.get("exemption_phase_out")
        federal = FederalTax(
            year=t["federal_income_tax"].effective(tax_day).year,
            standard_deduction=_dec(fed["standard_deduction"]),
            exemption_per_person=_dec(fed["exemption_per_person"]),
            exemption_phase_out=(_dec(po["start"]), _dec(po["rate_per_step"]), _dec(po["step_size"])) if po else None,
            brackets=tuple((_dec(lo), _dec(r)) for lo, r in fed["brackets"]),
        )
        fica = Fica(**{k: _dec(v) for k, v in t["fica"].at(tax_day).items()})
        il = IllinoisTax(**{k: _dec(v) for k, v in t["illinois_income_tax"].at(tax_day).items()})
        pov = t["poverty_guideline"]
        return Parameters(
            on_date=d, tax_year=federal.year, federal=federal, fica=fica, illinois=il,
            poverty_guideline_one_person=_dec(pov.at(d)["one_person"]), poverty_guideline_effective=pov.effective(d),
            shared_care_min_overnights=int(g["shared_care_min_overnights"]),
            shared_care_multiplier=_dec(g["shared_care_multiplier"]),
            shared_care_days_per_year=int(g["shared_care_days_per_year"]),
            minimum_order_per_child=_dec(g["minimum_order_per_child"]),
            minimum_order_cap=_dec(g["minimum_order_cap"]),
            low_income_poverty_fraction=_dec(g["low_income_poverty_fraction"]),
            schedule_max_children_column=int(g["schedule_max_children_column"]),
            maintenance_net_level_from=_key(g["maintenance_net_level_from"]),
            delinquency_payment_fraction=_dec(g["delinquency_payment_fraction"]),
            majority_age=int(g["majority_age"]),
            high_school_age_limit=int(g["high_school_age_limit"]),
        )


def citation(name: str) -> str:
    return guideline_parameters()[name].citation
