"""Plain template contexts built from a case and its result: amounts and dates formatted here, once,
so templates hold wording only. Personal data appears only where the document requires it: orders and
worksheets show the last four digits of an SSN (Ill. S. Ct. R. 138); the full number goes only to the
income withholding notice and the confidential-information form.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from rules import Case, Result
from rules.model import other

from rules.worksheet import cents

from .docx import sandbox

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SDU = "Illinois State Disbursement Unit, P.O. Box 5400, Carol Stream, IL 60197-5400"
METHOD_TEXT = {"basic": "basic (income shares)", "shared": "shared physical care, 505(a)(3.8)",
               "split": "split physical care, 505(a)(3.9)", "minimum": "minimum order, 505(a)(3.3a)",
               "zero": "zero-dollar order, 505(a)(3.3b)"}
# XML 1.0 forbids most control characters; tabs, form feeds and bells would also become layout in Word.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def text(value) -> str:
    """User text made safe to place in a document: control characters removed, line breaks kept."""
    return _CONTROL.sub(" ", str(value)).strip() if value is not None else ""


def money(x: Decimal | None) -> str:
    return "" if x is None else f"${x:,.2f}"


def long_date(d: date | None) -> str:
    return "" if d is None else f"{d:%B} {d.day}, {d.year}"


def last4(ssn: str | None) -> str:
    digits = re.sub(r"\D", "", ssn or "")
    return f"XXX-XX-{digits[-4:]}" if len(digits) == 9 else "not provided"


def full_ssn(ssn: str | None) -> str:
    digits = re.sub(r"\D", "", ssn or "")
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if len(digits) == 9 else ""


def address_lines(addr) -> str:
    if addr is None:
        return ""
    return f"{text(addr.street)}\n{text(addr.city)}, {addr.state} {addr.zip}"


@lru_cache(maxsize=1)
def clause_catalog() -> tuple[int, tuple[dict, ...], dict]:
    """The clause snippets, compiled once (sandboxed, plain text: the docx layer escapes)."""
    doc = yaml.safe_load((TEMPLATES / "orders" / "clauses.yaml").read_text(encoding="utf-8"))
    env = sandbox(autoescape=False)
    compiled = {c["id"]: env.from_string(" ".join(c["text"].split())) for c in doc["clauses"]}
    return doc["version"], tuple(doc["clauses"]), compiled


def common(case: Case, result: Result) -> dict:
    c = case.case
    return {
        "case_number": text(c.number), "county": text(c.county), "county_upper": text(c.county).upper(),
        "petitioner_name": text(case.petitioner.name), "respondent_name": text(case.respondent.name),
        "order_date": long_date(c.order_date), "schedule_id": result.schedule.id,
        "not_official": not result.schedule.official,
        "schedule_description": (f"schedule {result.schedule.id} effective {long_date(result.schedule.effective_date)}"
                                 + ("" if result.schedule.official else " (illustrative, not the official HFS table)")),
        "rules_version": result.rules_version, "tax_year": result.tax_year,
    }


def _name(case: Case, role: str | None) -> str:
    return text(case.parent(role).name) if role else ""


def order_context(case: Case, result: Result, kind: str) -> dict:
    """Context of the judicial (`judicial`) or administrative (`administrative`) support order."""
    c, r = case.case, result
    obligor = r.obligor or other(case.children[0].majority_parent)
    obligee = other(obligor)
    ctx = common(case, r)
    arrears = case.arrears
    periodic = arrears.periodic_payment if arrears else Decimal(0)
    ws = r.worksheet
    flags = {f.code for f in r.flags}
    ctx.update({
        "box_initial": "☒" if c.action == "initial" else "☐",
        "box_modification": "☒" if c.action == "modification" else "☐",
        "ivd_text": "Yes — a party receives child support services under Article X of the Illinois Public Aid Code"
        if c.ivd else "No",
        "action_phrase": "modification" if c.action == "modification" else "entry",
        "action_noun": "order modifying support" if c.action == "modification" else "order for support",
        "obligor_name": _name(case, obligor), "obligee_name": _name(case, obligee),
        "obligor_role": obligor, "obligee_role": obligee,
        "children_count": len(case.children),
        "children_count_text": f"The parties have {len(case.children)} child(ren) subject to this order.",
        "income_rows": [{
            "role": role.title(), "name": _name(case, role),
            "gross": money(cents(r.parents[role].gross_monthly_income)),
            "method": case.parent(role).net_income_method + (" (self-employed)" if case.parent(role).income.self_employed else ""),
            "net": money(cents(r.parents[role].net_monthly_income)),
            "share": f"{r.parents[role].income_share * 100:.2f}%"} for role in ("petitioner", "respondent")],
        "findings": _findings(case, r, flags, ctx["schedule_description"]),
        "arrears_order": (f"The obligor shall pay {money(periodic)} per month toward the arrearage of "
                          f"{money(arrears.amount)} (as of {long_date(arrears.as_of)}) until it is paid in full, with "
                          "interest as provided by law." if arrears and periodic else
                          (f"The arrearage of {money(arrears.amount)} (as of {long_date(arrears.as_of)}) remains due and "
                           "enforceable." if arrears else "None found.")),
        "monthly_support": money(r.monthly_support), "start_date": long_date(c.order_date),
        "per_weekly": money(r.pay_periods["weekly"]), "per_biweekly": money(r.pay_periods["biweekly"]),
        "per_semimonthly": money(r.pay_periods["semimonthly"]),
        "delinquency_payment": money(r.delinquency_payment),
        "children": [{"name": text(ch.name), "dob": long_date(ch.date_of_birth),
                      "termination": long_date(ch.termination_date), "reason": ch.reason} for ch in r.children],
        "termination_date": long_date(r.termination_date),
    })
    ctx["clauses"] = _clauses(case, r, ctx, kind, obligor, periodic, ws)
    return ctx


def _findings(case: Case, r: Result, flags: set, schedule_description: str) -> list[str]:
    """Findings after the parties and incomes, numbered by the template from 3."""
    out = [f"Combined net monthly income is {money(cents(r.combined_net_income))}. The basic child support obligation "
           f"for {len(case.children)} child(ren) under the {schedule_description} is "
           f"{money(cents(r.basic_obligation))} (750 ILCS 5/505(a)(1.5))."
           + (" Combined income is above the schedule; the court may order support above this amount "
              "(750 ILCS 5/505(a)(3.5))." if "above_schedule" in flags else "")]
    out += _method_findings(case, r) + _add_on_findings(case, r) + [_guideline_finding(case, r)]
    if r.deviation is not None:
        out.append(f"Deviation (750 ILCS 5/505(a)(2), (3.4)). Applying the guidelines would be inappropriate for the "
                   f"reasons stated: {text(r.deviation['reasons'])} The guideline amount without deviation is "
                   f"{money(r.deviation['guideline_amount'])}; support is set at {money(r.deviation['ordered_amount'])} "
                   "per month.")
    a = case.arrears
    out.append(f"Arrearage. The arrearage owed by the obligor as of {long_date(a.as_of)} is {money(a.amount)}."
               if a else "Arrearage. No arrearage is found as of the date of this order.")
    return out


def _method_findings(case: Case, r: Result) -> list[str]:
    ws = r.worksheet
    m = r.method
    if "shared.obligation" in ws:
        lines = [f"Shared physical care (750 ILCS 5/505(a)(3.8)): each parent has at least 146 overnights a year "
                 f"(petitioner {case.petitioner.overnights_per_year}, respondent {case.respondent.overnights_per_year}). "
                 f"The shared-care obligation is {money(cents(ws.get('shared.obligation').amount))} (basic obligation x 1.5)."]
        for role in ("petitioner", "respondent"):
            lines.append(f"The {role}'s portion {money(cents(ws.get(f'{role}.shared_portion').amount))} x the other parent's "
                         f"share of overnights {ws.get(f'{other(role)}.overnight_percentage').shown()} = "
                         f"{money(cents(ws.get(f'{role}.shared_obligation').amount))}.")
        return lines
    if "split.offset" in ws:
        lines = ["Split physical care (750 ILCS 5/505(a)(3.9)): each parent has the majority of parenting time with "
                 "at least one child."]
        for role in ("petitioner", "respondent"):
            lines.append(f"{ws.get(f'{role}.split_basic').label}: {money(cents(ws.get(f'{role}.split_basic').amount))}; "
                         f"the {role}'s share of it: {money(cents(ws.get(f'{role}.split_obligation').amount))}.")
        return lines
    payer = r.obligor if m == "basic" else None
    if payer and f"{payer}.basic_share" in ws:
        return [f"The {payer} is the parent with fewer overnights; the {payer}'s share of the basic obligation is "
                f"{money(cents(ws.get(f'{payer}.basic_share').amount))} (750 ILCS 5/505(a)(1.5))."]
    return []


def _add_on_findings(case: Case, r: Result) -> list[str]:
    a = r.add_ons
    if not a.get("total"):
        return []
    out = [f"Add-ons: the children's health insurance premium is {money(cents(a['health_insurance_premium']))} and "
           f"work-related child care is {money(cents(a['child_care']))} a month (750 ILCS 5/505(a)(3.7), (4))."]
    for role in ("petitioner", "respondent"):
        out.append(f"The {role}'s share of the add-ons is {money(cents(a[f'{role}_share']))}; the {role} pays "
                   f"{money(cents(a[f'{role}_paid']))} directly and is credited with it.")
    return out


def _guideline_finding(case: Case, r: Result) -> str:
    if r.method == "minimum":
        return (f"Guideline support. The obligor's gross income is at or below 75% of the federal poverty guideline: "
                f"the minimum order of {money(r.guideline_support)} per month is presumed (750 ILCS 5/505(a)(3.3a)); "
                f"the income-shares amount would be {money(r.income_shares_support)}.")
    if r.method == "zero":
        return (f"Guideline support. A zero-dollar order is presumed (750 ILCS 5/505(a)(3.3b)); the income-shares amount "
                f"would be {money(r.income_shares_support)}.")
    return (f"Guideline support. Under the guidelines the obligor owes {money(r.guideline_support)} per month, "
            "including the add-ons and credits above; this amount is presumed correct (750 ILCS 5/505(a)(3.3)).")


def _clauses(case: Case, r: Result, ctx: dict, kind: str, obligor: str, periodic: Decimal, ws) -> list[dict]:
    c = case.case
    administrative = kind == "administrative"
    premium_payers = [role for role in ("petitioner", "respondent") if case.parent(role).child_health_insurance_premium]
    a = r.add_ons
    premium_total = a.get("health_insurance_premium") or Decimal(0)
    values = {
        "termination_date": ctx["termination_date"], "monthly_support": ctx["monthly_support"],
        "arrears_periodic": money(periodic) if periodic else "",
        "continuation_total": money(r.monthly_support + periodic),
        "case_number": ctx["case_number"], "delinquency_payment": ctx["delinquency_payment"],
        "authority": "Department" if administrative else "court",
        "authority_the": "the Illinois Department" if administrative else "the court",
        "notify_whom": ("the Illinois Department of Healthcare and Family Services" if administrative else
                        "the court" + (" and the Illinois Department of Healthcare and Family Services" if c.ivd else "")),
        "ivd": c.ivd,
        "premium_payer": " and the ".join(premium_payers),
        "premium_total": money(cents(premium_total)),
        "premium_share_petitioner": money(cents(premium_total * r.parents["petitioner"].income_share)),
        "premium_share_respondent": money(cents(premium_total * r.parents["respondent"].income_share)),
        "obligor_ssn_last4": last4(case.parent(obligor).ssn),
    }
    flags = {"pays_through_sdu": c.ivd or c.withholding, "pays_directly": not (c.ivd or c.withholding),
             "administrative": administrative}
    version, clauses, compiled = clause_catalog()
    out = []
    for clause in clauses:
        when = clause.get("when")
        if when and not flags[when]:
            continue
        out.append({"number": len(out) + 1, "id": clause["id"], "title": clause["title"],
                    "citation": clause["citation"], "text": compiled[clause["id"]].render(values)})
    return out


def worksheet_context(case: Case, result: Result) -> dict:
    ctx = common(case, result)
    payer = (f"the {result.obligor} pays the {result.obligee} {money(result.monthly_support)} per month"
             if result.obligor else "no support is owed")
    ctx.update({
        "method_text": METHOD_TEXT[result.method],
        "worksheet": [{"label": line.label, "amount": (money(cents(line.amount)) if line.kind == "money" and line.amount is not None
                                                       else line.shown()),
                       "citation": line.citation, "note": text(line.note) if line.note else ""}
                      for line in result.worksheet],
        "result_text": f"{payer}; current support ends {long_date(result.termination_date)}.",
        "flags": [f"{f.message} ({f.citation})" for f in result.flags],
    })
    return ctx
