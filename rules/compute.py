"""The guideline calculation, 750 ILCS 5/505(a): from a case to the result and its worksheet.

Steps (505(a)(1.5)): each parent's net income; combined net income; the schedule amount for the
children; each parent's percentage share. Then the method: basic, shared (3.8) or split (3.9) care;
add-ons allocated by income share and credited to the parent who pays them; the low-income minimum
(3.3a) or zero (3.3b) order; deviation (3.4). Then termination dates and per-pay-period amounts.

Sign convention: `transfer` is what the petitioner pays the respondent each month; negative means
the respondent pays. The obligor and obligee follow from its sign, so the parties are symmetric.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .income import TITLE, ZERO, net_income
from .model import Case, CaseValidationError, other
from .params import ParameterMissing, Parameters
from .schedule import CITATION as SCHEDULE, Schedule, ScheduleError, schedule_for
from .termination import CITATION as TERMINATION, child_termination
from .worksheet import Worksheet, cents

RULES_VERSION = "il-505-2026.11"
ROLES = ("petitioner", "respondent")
SHARES = "750 ILCS 5/505(a)(1.5)(D)"
COMBINED = "750 ILCS 5/505(a)(1.5)(B)"
BASIC = "750 ILCS 5/505(a)(1.5)"
ABOVE = "750 ILCS 5/505(a)(3.5)"
SHARED = "750 ILCS 5/505(a)(3.8)"
SPLIT = "750 ILCS 5/505(a)(3.9)"
HEALTH = "750 ILCS 5/505(a)(4)"
CHILD_CARE = "750 ILCS 5/505(a)(3.7)"
MINIMUM = "750 ILCS 5/505(a)(3.3a)"
ZERO_ORDER = "750 ILCS 5/505(a)(3.3b)"
DEVIATION = "750 ILCS 5/505(a)(2), (3.4)"
PERIODS = "750 ILCS 28/20(c); IWO, OMB 0970-0154"
ARREARS = "305 ILCS 5/10-10, 10-11; 750 ILCS 5/505(g)"
ONE = Decimal(1)
HALF = Decimal("0.5")
PER_PERIOD = {"weekly": Decimal(12) / Decimal(52), "biweekly": Decimal(12) / Decimal(26),
              "semimonthly": ONE / Decimal(2), "monthly": ONE}
# Keys and labels of the per-pay-period lines, built once rather than per calculation.
PER_PERIOD_LINES = tuple((k, f"pay_period.{k}", f"Support per {k} pay period", f) for k, f in PER_PERIOD.items())
ADD_ONS = f"{HEALTH}; {CHILD_CARE}"
ADD_ONS_PAID = f"{HEALTH}(E); {CHILD_CARE}"


@dataclass(frozen=True, slots=True)
class ParentResult:
    gross_monthly_income: Decimal
    net_monthly_income: Decimal
    income_share: Decimal


@dataclass(frozen=True, slots=True)
class ChildResult:
    name: str
    date_of_birth: date
    termination_date: date
    reason: str
    majority_parent: str


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    message: str
    citation: str


@dataclass
class Result:
    obligor: str | None
    obligee: str | None
    method: str
    monthly_support: Decimal           # ordered, rounded to the cent
    guideline_support: Decimal         # the presumptive amount (505), before any deviation
    income_shares_support: Decimal     # the income-shares arithmetic, before a minimum or zero order
    basic_obligation: Decimal
    combined_net_income: Decimal
    parents: dict[str, ParentResult]
    children: list[ChildResult]
    termination_date: date
    schedule: Schedule
    tax_year: int
    pay_periods: dict[str, Decimal]
    delinquency_payment: Decimal       # the least the order may set, 750 ILCS 28/20(a)(2)
    arrears_continuation: dict
    deviation: dict | None
    add_ons: dict[str, Decimal]
    worksheet: Worksheet
    flags: list[Flag] = field(default_factory=list)
    rules_version: str = RULES_VERSION

    def to_contract(self) -> dict:
        """The contract's `docgen calc --json` object (money as strings, dates ISO), plus extensions."""
        s = str
        return {
            "obligor": self.obligor, "obligee": self.obligee, "method": self.method,
            "monthly_support": s(self.monthly_support),
            "guideline_support": s(self.guideline_support),
            "income_shares_support": s(self.income_shares_support),
            "basic_obligation": s(cents(self.basic_obligation)),
            "combined_net_income": s(cents(self.combined_net_income)),
            "parents": {r: {"gross_monthly_income": s(cents(p.gross_monthly_income)),
                            "net_monthly_income": s(cents(p.net_monthly_income)),
                            "income_share": s(p.income_share.quantize(Decimal("0.0001")))}
                        for r, p in self.parents.items()},
            "children": [{"name": c.name, "termination_date": c.termination_date.isoformat(), "reason": c.reason}
                         for c in self.children],
            "termination_date": self.termination_date.isoformat(),
            "schedule": {"id": self.schedule.id, "effective_date": self.schedule.effective_date.isoformat(),
                         "official": self.schedule.official},
            "tax_year": self.tax_year,
            "pay_periods": {k: s(v) for k, v in self.pay_periods.items()},
            "delinquency_payment": s(self.delinquency_payment),
            "arrears_continuation": _money_strings(self.arrears_continuation),
            "deviation": None if self.deviation is None else _money_strings(self.deviation),
            "add_ons": {k: s(cents(v)) for k, v in self.add_ons.items()},
            "flags": [{"code": f.code, "message": f.message, "citation": f.citation} for f in self.flags],
            "rules_version": self.rules_version,
            "worksheet": self.worksheet.as_list(),
        }


def _money_strings(d: dict) -> dict:
    return {k: (str(cents(v)) if isinstance(v, Decimal) else v) for k, v in d.items()}


def _dependents(case: Case) -> dict[str, int]:
    """Children each parent claims for the standardized tax amount: as the case says, else each child
    by the parent with the majority of its overnights (505(a)(3)(C))."""
    pet, resp = case.petitioner.dependents_claimed, case.respondent.dependents_claimed
    if pet is not None or resp is not None:
        return {"petitioner": pet or 0, "respondent": resp or 0}
    counts = {"petitioner": 0, "respondent": 0}
    for child in case.children:
        counts[child.majority_parent] += 1
    return counts


def compute(case: Case) -> Result:
    """Compute guideline support for a validated case. Raises CaseValidationError for a case the
    rules cannot apply to (order date before the guidelines, no schedule in force, a child whose
    support already ended)."""
    order_date = case.case.order_date
    try:
        prm = Parameters.on(order_date)
        schedule = schedule_for(order_date)
    except (ParameterMissing, ScheduleError) as exc:
        raise CaseValidationError([{"field": "case.order_date", "message": str(exc)}]) from None

    children = []
    termination = None  # the last child's date, when the order ends
    majority_age, school_limit = prm.majority_age, prm.high_school_age_limit
    for i, child in enumerate(case.children):
        end, reason = child_termination(child.date_of_birth, child.expected_high_school_graduation,
                                        majority_age, school_limit)
        if end <= order_date:
            raise CaseValidationError([{"field": f"children[{i}].date_of_birth",
                                        "message": f"support for this child ended on {end} ({reason}), "
                                                   f"on or before the order date {order_date}"}])
        children.append(ChildResult(child.name, child.date_of_birth, end, reason, child.majority_parent))
        if termination is None or end > termination:
            termination = end

    ws = Worksheet()
    deps = _dependents(case)
    gross, net = {}, {}
    gross["petitioner"], net["petitioner"] = net_income("petitioner", case.petitioner, deps["petitioner"], prm, ws)
    gross["respondent"], net["respondent"] = net_income("respondent", case.respondent, deps["respondent"], prm, ws)

    combined = ws.add("combined_net_income", "Combined net monthly income", net["petitioner"] + net["respondent"], COMBINED)
    if combined > 0:
        share_p = net["petitioner"] / combined
        share_note = None
    else:
        share_p, share_note = HALF, "no combined net income: shares taken as equal"
    shares = {"petitioner": share_p, "respondent": ONE - share_p}
    for role in ROLES:
        ws.add(f"{role}.income_share", f"{TITLE[role]}: percentage share of combined net income", shares[role],
               SHARES, kind="ratio", note=share_note)

    n_children = len(case.children)
    column = min(n_children, prm.schedule_max_children_column)
    flags: list[Flag] = []
    basic, above = schedule.lookup(combined, column)
    ws.add("basic_obligation", f"Basic child support obligation, {n_children} child(ren), schedule {schedule.id}",
           basic, SCHEDULE, note="from the 6-children column" if n_children > column else None)
    if above:
        flags.append(_above_schedule_flag(schedule.top))
        ws.add("above_schedule", "Combined income above the schedule: the court may set support above this amount",
               None, ABOVE, kind="text")
    if not schedule.official:
        flags.append(_illustrative_schedule_flag(schedule.id))

    majorities = {c.majority_parent for c in case.children}
    ovn = {"petitioner": case.petitioner.overnights_per_year, "respondent": case.respondent.overnights_per_year}
    if len(majorities) == 2:
        method, core = "split", _split(case, combined, shares, schedule, prm, ws)
    elif min(ovn["petitioner"], ovn["respondent"]) >= prm.shared_care_min_overnights:
        method, core = "shared", _shared(basic, shares, ovn, prm, ws)
    else:
        (majority,) = majorities
        payer = other(majority)
        method = "basic"
        amount = ws.add(f"{payer}.basic_share", f"{TITLE[payer]} (non-majority parent): basic obligation x income share",
                        basic * shares[payer], BASIC)
        core = amount if payer == "petitioner" else -amount

    add_on_net, add_ons = _add_ons(case, shares, ws)
    transfer = core + add_on_net
    income_shares = cents(abs(transfer))
    obligor = None if income_shares == 0 else ("petitioner" if transfer > 0 else "respondent")
    if obligor is None and method == "basic":
        obligor = other(next(iter(majorities)))
    ws.add("income_shares_support", "Guideline support under the income-shares computation", income_shares, BASIC)

    guideline = income_shares
    if obligor is not None:
        method, guideline = _low_income(case, obligor, method, gross[obligor], income_shares, prm, ws, flags)
    ws.add("guideline_support", "Presumptive guideline support (rebuttable)", guideline, "750 ILCS 5/505(a)(3.3)")

    monthly = guideline
    deviation = None
    if case.deviation is not None:
        if obligor is None:
            obligor = other(case.children[0].majority_parent)
        monthly = cents(case.deviation.amount)
        deviation = {"guideline_amount": guideline, "ordered_amount": monthly, "reasons": case.deviation.reasons,
                     "citation": DEVIATION}
        ws.add("deviation", "Ordered amount after deviation from the guidelines (findings and reasons stated)", monthly,
               DEVIATION, note=case.deviation.reasons)
    ws.add("monthly_support", "Monthly child support ordered", monthly, DEVIATION if deviation else BASIC)

    pay_periods = {}
    for period, key, label, factor in PER_PERIOD_LINES:
        pay_periods[period] = ws.add(key, label, cents(monthly * factor), PERIODS)

    periodic_arrears = case.arrears.periodic_payment if case.arrears else ZERO
    delinquency = cents(prm.delinquency_payment_fraction * (monthly + periodic_arrears))
    ws.add("delinquency_payment", "Least monthly payment toward a delinquency (20% of current support plus periodic "
           "arrears payment)", delinquency, prm.delinquency_citation)

    ws.add("termination_date", "Current support terminates (last child)", termination, TERMINATION, kind="date")
    continuation = {
        "termination_date": termination.isoformat(),
        "threshold": monthly,             # arrears of at least one month's support on that date
        "periodic_amount": monthly,       # the current-support amount continues, toward the arrears
        "in_addition_to": periodic_arrears,
        "total_periodic_amount": monthly + periodic_arrears,
        "citation": ARREARS,
    }
    obligee = other(obligor) if obligor else None
    return Result(
        obligor=obligor, obligee=obligee, method=method, monthly_support=monthly, guideline_support=guideline,
        income_shares_support=income_shares, basic_obligation=basic, combined_net_income=combined,
        parents={"petitioner": ParentResult(gross["petitioner"], net["petitioner"], shares["petitioner"]),
                 "respondent": ParentResult(gross["respondent"], net["respondent"], shares["respondent"])},
        children=children,
        termination_date=termination, schedule=schedule, tax_year=prm.tax_year, pay_periods=pay_periods,
        delinquency_payment=delinquency, arrears_continuation=continuation, deviation=deviation,
        add_ons=add_ons, worksheet=ws, flags=flags)


# The schedule flags say the same for every case under one schedule: a Flag is immutable, so one
# instance per schedule is built and shared rather than one per calculation.
@lru_cache(maxsize=256)
def _above_schedule_flag(top: Decimal) -> Flag:
    return Flag("above_schedule", f"Combined net income is above the schedule's top (${cents(top)}): the schedule's "
                                  "highest amount is used as the least support; the court may order more.", ABOVE)


@lru_cache(maxsize=256)
def _illustrative_schedule_flag(schedule_id: str) -> Flag:
    return Flag("illustrative_schedule", f"Schedule {schedule_id} is not the official HFS table: not for filing.",
                SCHEDULE)


def _shared(basic, shares, ovn, prm: Parameters, ws: Worksheet) -> Decimal:
    """505(a)(3.8): basic x 1.5; each parent's portion x the other parent's share of overnights; offset."""
    days = prm.shared_care_days
    total = ws.add("shared.obligation", f"Shared-care obligation (basic x {prm.shared_care_multiplier})",
                   basic * prm.shared_care_multiplier, SHARED)
    owed = {}
    for role in ROLES:
        portion = ws.add(f"{role}.shared_portion", f"{TITLE[role]}: portion (shared-care obligation x income share)",
                         total * shares[role], SHARED)
        them = other(role)
        pct_other = ws.add(f"{them}.overnight_percentage",
                           f"{TITLE[them]}: share of overnights ({ovn[them]} / {days})",
                           Decimal(ovn[them]) / days, SHARED, kind="ratio")
        owed[role] = ws.add(f"{role}.shared_obligation",
                            f"{TITLE[role]}: obligation (portion x the other parent's share of overnights)",
                            portion * pct_other, SHARED)
    return ws.add("shared.offset", "Offset: petitioner's obligation less respondent's (negative: respondent pays)",
                  owed["petitioner"] - owed["respondent"], SHARED)


def _split(case: Case, combined, shares, schedule: Schedule, prm: Parameters, ws: Worksheet) -> Decimal:
    """505(a)(3.9): for each parent, the basic obligation for the children in the other parent's
    majority care (combined income) x that parent's share; offset."""
    owed = {}
    for role in ROLES:
        n = sum(1 for c in case.children if c.majority_parent == other(role))
        basic, _ = schedule.lookup(combined, min(n, prm.schedule_max_children_column))
        ws.add(f"{role}.split_basic", f"Basic obligation for the {n} child(ren) with the {other(role)}", basic, SPLIT)
        owed[role] = ws.add(f"{role}.split_obligation", f"{TITLE[role]}: that obligation x income share",
                            basic * shares[role], SPLIT)
    return ws.add("split.offset", "Offset: petitioner's obligation less respondent's (negative: respondent pays)",
                  owed["petitioner"] - owed["respondent"], SPLIT)


def _add_ons(case: Case, shares, ws: Worksheet) -> tuple[Decimal, dict]:
    """Health insurance premium for the children (505(a)(4)) and work-related child care (505(a)(3.7)):
    the total is shared by income share; each parent is credited with what it pays directly. Returns
    the petitioner's net add-on payment to the respondent, and the totals for the order."""
    pet, resp = case.petitioner, case.respondent
    # Summed from ZERO, as sum() did (its int 0 start), so the totals keep the same Decimal exponent.
    premium = ZERO + pet.child_health_insurance_premium + resp.child_health_insurance_premium
    care = ZERO + pet.child_care_paid + resp.child_care_paid
    total = premium + care
    summary = {"health_insurance_premium": premium, "child_care": care, "total": total}
    if total == 0:
        return ZERO, summary
    paid = {"petitioner": pet.child_health_insurance_premium + pet.child_care_paid,
            "respondent": resp.child_health_insurance_premium + resp.child_care_paid}
    if premium:
        ws.add("add_ons.health_insurance", "Children's health insurance premium (both parents, monthly)", premium, HEALTH)
    if care:
        ws.add("add_ons.child_care", "Work-related child care (both parents, monthly)", care, CHILD_CARE)
    for role in ROLES:
        share = ws.add(f"{role}.add_ons_share", f"{TITLE[role]}: share of add-ons (total x income share)",
                       total * shares[role], ADD_ONS)
        ws.add(f"{role}.add_ons_paid", f"{TITLE[role]}: add-ons paid directly (credited)", paid[role], ADD_ONS_PAID)
        summary[f"{role}_share"] = share
        summary[f"{role}_paid"] = paid[role]
    net = ws.add("add_ons.net", "Add-ons: petitioner's share less what the petitioner paid (negative: owed to the petitioner)",
                 summary["petitioner_share"] - paid["petitioner"], ADD_ONS)
    return net, summary


def _low_income(case: Case, obligor: str, method: str, gross: Decimal, income_shares: Decimal, prm: Parameters,
                ws: Worksheet, flags: list[Flag]) -> tuple[str, Decimal]:
    """505(a)(3.3a)/(3.3b): an obligor at or below 75% of the one-person poverty guideline owes the
    minimum order ($40 a child, at most $120), or $0 with no income and only means-tested assistance,
    incarceration, or a disability preventing work. Both are rebuttable presumptions."""
    threshold = prm.low_income_threshold  # 75% of the one-person poverty guideline / 12, per date (params)
    if gross > threshold:
        return method, income_shares
    ws.add("low_income.threshold", prm.low_income_threshold_label, threshold, MINIMUM)
    p = case.parent(obligor)
    if p.receives_only_means_tested_assistance or p.incarcerated or p.disabled_unable_to_work:
        why = ", ".join(w for w, on in (("no income but means-tested assistance", p.receives_only_means_tested_assistance),
                                       ("incarcerated", p.incarcerated),
                                       ("disabled and unable to work", p.disabled_unable_to_work)) if on)
        flags.append(Flag("zero_order", f"Zero-dollar order presumed ({why}); rebuttable. The guideline amount "
                                        f"it replaces is ${income_shares}.", ZERO_ORDER))
        ws.add("zero_order", f"Zero-dollar order ({why}); replaces the guideline amount", ZERO, ZERO_ORDER)
        return "zero", ZERO
    if method == "split":
        n = sum(1 for c in case.children if c.majority_parent == other(obligor))
    else:
        n = len(case.children)
    minimum = min(prm.minimum_order_per_child * n, prm.minimum_order_cap)
    flags.append(Flag("minimum_order", f"Minimum order presumed for an obligor with gross income at or below "
                                       f"${cents(threshold)} a month; rebuttable. The guideline amount it replaces "
                                       f"is ${income_shares}.", MINIMUM))
    ws.add("minimum_order", f"Minimum order: ${prm.minimum_order_per_child} x {n} child(ren), at most "
                            f"${prm.minimum_order_cap}; replaces the guideline amount", minimum, MINIMUM)
    return "minimum", cents(minimum)
