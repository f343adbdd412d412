"""Gross and net monthly income of one parent, 750 ILCS 5/505(a)(3).

Net income = gross income minus the standardized tax amount (the default) or the individualized tax
amount, then the statutory adjustments (maintenance, support paid for other children).
"""
from __future__ import annotations

from bisect import bisect_left
from decimal import ROUND_CEILING, Decimal
from functools import lru_cache

from .model import Parent
from .params import FederalTax, Parameters
from .worksheet import Worksheet

ZERO = Decimal(0)
TWELVE = Decimal(12)

# Monthly equivalents (contract): weekly x 52/12, biweekly x 26/12, semimonthly x 2, annual / 12.
TO_MONTHLY = {
    "weekly": (Decimal(52), TWELVE), "biweekly": (Decimal(26), TWELVE), "semimonthly": (Decimal(2), Decimal(1)),
    "monthly": (Decimal(1), Decimal(1)), "annual": (Decimal(1), TWELVE),
}
FREQUENCY_LABEL = {"weekly": "weekly x 52 / 12", "biweekly": "biweekly x 26 / 12", "semimonthly": "semimonthly x 2",
                   "monthly": "monthly", "annual": "annual / 12"}

GROSS = "750 ILCS 5/505(a)(3)(A)"
STANDARDIZED = "750 ILCS 5/505(a)(3)(B), (C) standardized tax amount"
INDIVIDUALIZED = "750 ILCS 5/505(a)(3)(B), (D) individualized tax amount"
MAINTENANCE = "750 ILCS 5/505(a)(3)(F)(II)"
MULTI_FAMILY = "750 ILCS 5/505(a)(3)(F)(I)"
NET = "750 ILCS 5/505(a)(3)(B)"
# The standardized tax amount's lines each cite the tax law they apply (built once, not per line).
FEDERAL_TAX = f"{STANDARDIZED}; 26 U.S.C. 1, 63"
STATE_TAX = f"{STANDARDIZED}; 35 ILCS 5/201, 5/204"
SE_TAX = f"{STANDARDIZED}; 26 U.S.C. 1401"
SOCIAL_SECURITY = f"{STANDARDIZED}; 26 U.S.C. 3101(a)"
MEDICARE = f"{STANDARDIZED}; 26 U.S.C. 3101(b)"
# "Petitioner" / "Respondent", the label prefix of a parent's lines.
TITLE = {"petitioner": "Petitioner", "respondent": "Respondent"}


def pct(rate: Decimal) -> str:
    return format((rate * 100).normalize(), "f")


def monthly(amount: Decimal, frequency: str) -> Decimal:
    num, den = TO_MONTHLY[frequency]
    return amount * num / den


def bracket_tax(taxable: Decimal, fed: FederalTax) -> Decimal:
    """Marginal-rate tax on taxable income (26 U.S.C. 1): the tax on the brackets wholly below the
    bracket taxable income ends in (precomputed per tax year, FederalTax.tax_below), plus that
    bracket's rate on the income above its lower bound. Same operations, in the same order, as
    summing bracket by bracket, so the same Decimal to the last digit."""
    i = bisect_left(fed.bracket_lows, taxable) - 1  # the bracket taxable income ends in
    if i < 0:
        return ZERO
    lower, rate = fed.brackets[i]
    return fed.tax_below[i] + (taxable - lower) * rate


def federal_exemptions(fed: FederalTax, persons: int, agi: Decimal) -> Decimal:
    amount = fed.exemption_per_person * persons
    if amount and fed.exemption_phase_out and agi > fed.exemption_phase_out[0]:
        start, rate, step = fed.exemption_phase_out
        # each step *or fraction of a step* of AGI above the start, 26 U.S.C. 151(d)(3)(B)
        steps = ((agi - start) / step).to_integral_value(rounding=ROUND_CEILING)
        amount -= amount * min(rate * steps, Decimal(1))
    return amount


def net_income(role: str, p: Parent, dependents: int, prm: Parameters, ws: Worksheet) -> tuple[Decimal, Decimal]:
    """Add the parent's income lines to the worksheet; return (gross monthly, net monthly)."""
    inc = p.income
    who = TITLE[role]
    gross = ws.add(f"{role}.gross_income", f"{who}: gross monthly income ({FREQUENCY_LABEL[inc.frequency]})",
                   monthly(inc.gross_amount, inc.frequency), GROSS,
                   note="self-employed: gross receipts less ordinary and necessary expenses, 505(a)(3.1)"
                   if inc.self_employed else None)
    m = p.maintenance
    pre_2019 = m is not None and m.order_date is not None and m.order_date < prm.maintenance_net_level_from
    income = gross
    if pre_2019 and (m.paid or m.received):
        income = ws.add(f"{role}.gross_income_after_maintenance",
                        f"{who}: gross income after maintenance (order before 2019: received added, paid deducted)",
                        gross + m.received - m.paid, MAINTENANCE)

    if p.net_income_method == "individualized":
        d = p.individualized_deductions
        deductions = (d.federal_income_tax + d.state_income_tax + d.social_security + d.medicare
                      + d.mandatory_retirement + d.union_dues)
        ws.add(f"{role}.individualized_deductions",
               f"{who}: individualized deductions (income taxes, Social Security, Medicare, retirement, union dues)",
               deductions, INDIVIDUALIZED)
        net = income - deductions
    else:
        net = income - _standardized_tax(role, p, income, dependents, prm, ws)

    if m is not None and not pre_2019 and (m.paid or m.received):
        net = ws.add(f"{role}.net_after_maintenance",
                     f"{who}: net income after maintenance (order from 2019: received added, paid deducted)",
                     net + m.received - m.paid, MAINTENANCE)
    if p.other_children_support_paid:
        ws.add(f"{role}.other_children_support", f"{who}: support paid for other children under a court order",
               p.other_children_support_paid, MULTI_FAMILY)
        net -= p.other_children_support_paid
    note = None
    if net < 0:
        net, note = ZERO, "deductions exceed income; net income taken as $0.00"
    ws.add(f"{role}.net_income", f"{who}: net monthly income", net, NET, note=note)
    return gross, net


@lru_cache(maxsize=1024)
def _tax_labels(role: str, persons: int, yr: int, il_rate: Decimal, ss_rate: Decimal, med_rate: Decimal) -> tuple[str, ...]:
    who = f"{TITLE[role]}: "
    return (who + f"federal income tax, single filer, standard deduction, {persons} exemption(s), tax year {yr}",
            who + f"Illinois income tax at {pct(il_rate)}%, {persons} exemption(s), tax year {yr}",
            who + f"self-employment tax (Social Security and Medicare), tax year {yr}",
            who + f"Social Security at {pct(ss_rate)}% to the wage base",
            who + f"Medicare at {pct(med_rate)}%")


def _standardized_tax(role: str, p: Parent, income_m: Decimal, dependents: int, prm: Parameters, ws: Worksheet) -> Decimal:
    """Federal and Illinois income tax of a single filer with the standard deduction, one personal
    exemption and the dependency exemptions of the children claimed, plus FICA (or self-employment
    tax), on the year's income; returned monthly."""
    fed, fica, il = prm.federal, prm.fica, prm.illinois
    annual = income_m * TWELVE
    yr = prm.tax_year
    if p.income.self_employed:
        base = annual * fica.se_net_earnings_factor
        if base < fica.se_min_net_earnings:
            base = ZERO
        social = fica.se_social_security_rate * min(base, fica.wage_base)
        medicare = fica.se_medicare_rate * base + fica.additional_medicare_rate * max(base - fica.additional_medicare_threshold, ZERO)
        agi = annual - (social + fica.se_medicare_rate * base) / 2  # deduction for half of SE tax, 26 U.S.C. 164(f)
    else:
        social = fica.social_security_rate * min(annual, fica.wage_base)
        medicare = fica.medicare_rate * annual + fica.additional_medicare_rate * max(annual - fica.additional_medicare_threshold, ZERO)
        agi = annual
    persons = 1 + dependents
    taxable = max(agi - fed.standard_deduction - federal_exemptions(fed, persons, agi), ZERO)
    federal_tax = bracket_tax(taxable, fed)
    il_exemptions = il.exemption_per_person * persons if agi <= il.exemption_agi_limit else ZERO
    state_tax = max(agi - il_exemptions, ZERO) * il.rate

    fed_label, state_label, se_label, ss_label, med_label = _tax_labels(role, persons, yr, il.rate, fica.social_security_rate,
                                                                        fica.medicare_rate)
    ws.add(f"{role}.federal_income_tax", fed_label, federal_tax / TWELVE, FEDERAL_TAX)
    ws.add(f"{role}.state_income_tax", state_label, state_tax / TWELVE, STATE_TAX)
    if p.income.self_employed:
        ws.add(f"{role}.self_employment_tax", se_label, (social + medicare) / TWELVE, SE_TAX,
               note="self-employed: self-employment tax in place of FICA; half of it deducted before income tax")
    else:
        ws.add(f"{role}.social_security", ss_label, social / TWELVE, SOCIAL_SECURITY)
        ws.add(f"{role}.medicare", med_label, medicare / TWELVE, MEDICARE)
    return (federal_tax + state_tax + social + medicare) / TWELVE
