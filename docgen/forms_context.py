"""Field values of the PDF forms (templates/forms) from a case and its result.

Each function returns {field name: value} for one form; the form filler refuses unknown names, so a
renamed field fails loudly here instead of leaving a blank on a filed notice.
"""
from __future__ import annotations

from decimal import Decimal

from rules import Case, Result
from rules.compute import PER_PERIOD
from rules.model import other
from rules.worksheet import cents

from .context import address_lines, full_ssn, last4, long_date, money, text

ILLINOIS_SUPPLEMENT = (
    "Illinois (750 ILCS 28/35): begin withholding no later than the first pay period that occurs 14 days after "
    "the date this notice was mailed, faxed, sent electronically or served, and send payment to the Illinois State "
    "Disbursement Unit within 7 business days after the pay date, with the Remittance ID (the court docket number) "
    "and county. A payor who knowingly fails to withhold or pay over is liable for a penalty of $100 for each day "
    "the payment is late. The payor may deduct a fee of up to $5.00 per month from the obligor's remaining income, "
    "not from the support withheld; support plus the fee may not exceed the limits of the federal Consumer Credit "
    "Protection Act (15 U.S.C. 1673(b)). Discharging, disciplining or refusing to hire an obligor because of "
    "withholding is prohibited and punishable by a fine.")


def _obligor(case: Case, result: Result) -> str:
    return result.obligor or other(case.children[0].majority_parent)


def _arrears_over_12_weeks(case: Case, result: Result) -> bool:
    """As the case says; without a ledger, arrears of more than 12 weeks' support are taken as over 12 weeks."""
    a = case.arrears
    if a is None:
        return False
    if a.over_12_weeks is not None:
        return a.over_12_weeks
    return a.amount > result.monthly_support * 12 / Decimal(52) * 12


def income_withholding(case: Case, result: Result) -> dict:
    c = case.case
    obligor = case.parent(_obligor(case, result))
    obligee = case.parent(other(_obligor(case, result)))
    periodic = case.arrears.periodic_payment if case.arrears else Decimal(0)
    total = result.monthly_support + periodic
    # the same per-period factors as the worksheet, rounded half up to the cent
    per_period = {k: money(cents(total * f)) for k, f in PER_PERIOD.items()}
    agency = c.kind == "administrative" or c.ivd
    v = {
        "type_original": True, "date": long_date(c.order_date),
        "sender_csa": agency, "sender_court": not agency,
        "state_tribe_territory": "Illinois", "city_county_dist_tribe": f"{text(c.county)} County",
        "remittance_id": text(c.number), "order_id": text(c.number), "case_id": text(c.number),
        "employer_name": text(obligor.employer.name) if obligor.employer else "",
        "employer_fein": text(obligor.employer.fein) if obligor.employer and obligor.employer.fein else "",
        "employer_address": address_lines(obligor.employer.address) if obligor.employer else "",
        "obligor_name": text(obligor.name), "obligor_ssn": full_ssn(obligor.ssn),
        "obligor_dob": long_date(obligor.date_of_birth), "obligee_name": text(obligee.name),
        "order_state_tribe": "Illinois", "order_entry_date": long_date(c.order_date),
        "current_child_support_amount": money(result.monthly_support), "current_child_support_per": "month",
        "total_amount": money(total), "total_per": "month",
        "support_termination_date": long_date(result.termination_date),
        "withhold_weekly": per_period["weekly"], "withhold_biweekly": per_period["biweekly"],
        "withhold_semimonthly": per_period["semimonthly"], "withhold_monthly": per_period["monthly"],
        "supplemental_information": ILLINOIS_SUPPLEMENT,
        "copy_to_employee": True,
    }
    if periodic:
        over = _arrears_over_12_weeks(case, result)
        v.update({"past_due_child_support_amount": money(periodic), "past_due_child_support_per": "month",
                  "arrears_over_12_weeks_yes": over, "arrears_over_12_weeks_no": not over})
    for i, child in enumerate(case.children[:6], start=1):
        v[f"child_{i}_name"] = text(child.name)
        v[f"child_{i}_dob"] = long_date(child.date_of_birth)
    return v


def notice_of_lien(case: Case, result: Result) -> tuple[str, dict]:
    """(form id, values): the financial-institution / lump-sum or the real-property notice."""
    c, lien, arrears = case.case, case.lien, case.arrears
    obligor = case.parent(_obligor(case, result))
    common = {
        "obligor_name": text(obligor.name), "obligor_ssn_last4": last4(obligor.ssn),
        "obligor_address": address_lines(obligor.address), "case_number": text(c.number),
        "docket_number": text(c.number), "joint_owners": "\n".join(text(n) for n in lien.joint_owners) or "None known",
        "past_due_amount": money(arrears.amount), "as_of_date": long_date(arrears.as_of),
        "issuing_office": "Illinois Department of Healthcare and Family Services, Child Support Services",
        "issue_date": long_date(c.order_date), "copy_obligor": True, "copy_joint_owners": bool(lien.joint_owners),
    }
    if lien.kind == "real_property":
        return "notice-of-lien-real-property", {
            **common, "recorder_county": text(c.county), "legal_description": text(lien.description),
            "property_address": text(lien.holder.name) if lien.holder else "", "copy_recorder": True}
    return "notice-of-lien-financial", {
        **common, "kind_financial_institution": lien.kind == "financial_institution",
        "kind_lump_sum": lien.kind == "lump_sum", "holder_name": text(lien.holder.name),
        "holder_address": address_lines(lien.holder.address), "obligor_dob": long_date(obligor.date_of_birth),
        "property_description": text(lien.description), "copy_holder": True}


def confidential_information(case: Case, result: Result) -> dict:
    c = case.case
    v = {
        "county": text(c.county), "caption_petitioner": text(case.petitioner.name),
        "caption_respondent": text(case.respondent.name), "case_number": text(c.number), "notice_original": True,
        "filing_title": "Administrative Order for Support" if c.kind == "administrative" else "Uniform Order for Support",
        "filing_date": long_date(c.order_date),
    }
    for role in ("petitioner", "respondent"):
        p = case.parent(role)
        v[f"{role}_name"], v[f"{role}_ssn"], v[f"{role}_ssn_last4"] = text(p.name), full_ssn(p.ssn), last4(p.ssn)
    for i, child in enumerate(case.children[:6], start=1):
        v[f"child_{i}_name"] = text(child.name)
        if child.ssn:
            v[f"child_{i}_ssn"], v[f"child_{i}_ssn_last4"] = full_ssn(child.ssn), last4(child.ssn)
    return v
