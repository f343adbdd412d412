#!/usr/bin/env python3
"""Build the fillable PDF forms of docgen from source.

Run:  python templates/forms/build_forms.py [--out DIR] [FORM ...]

Writes ``*.pdf`` next to this file. The output is deterministic (reportlab
``invariant=1`` and a deterministic pypdf post-processing pass), so the checked-in
PDFs only change when this script changes.

Each form is drawn with reportlab: the static text, the field boxes and the
check-box squares are page content (so they survive flattening), the AcroForm
widgets are transparent on top of them.  A post-processing pass with pypdf then

* renames each check box's on-state from reportlab's ``/Yes`` to a descriptive
  name (e.g. ``/Amended``), and
* turns dotted names (``case.number``) into a proper field hierarchy
  (``case`` -> ``number``) and merges widgets that share one name (the running
  header of the IWO) into a single field with several widgets.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE  # --out DIR writes elsewhere (used by the tests)
VERSION = "v1"
PAGE_W, PAGE_H = letter
MARGIN = 36
CONTENT_W = PAGE_W - 2 * MARGIN
TOP = PAGE_H - MARGIN
BOTTOM = 50  # room for the footer

BOX_GRAY = colors.Color(0.35, 0.35, 0.35)
SHADE = colors.Color(0.90, 0.90, 0.90)

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=7.8, leading=9.6, alignment=TA_LEFT)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7, leading=8.5)
BOLD_BODY = ParagraphStyle("boldbody", parent=BODY, fontName="Helvetica-Bold")


class FormCanvas:
    """A small layout helper around a reportlab canvas with AcroForm fields."""

    def __init__(self, filename: str, form_id: str, title: str, total_pages: int,
                 running_header=None, filing_notice=False):
        self.buf = io.BytesIO()
        self.filename = filename
        self.c = canvas.Canvas(self.buf, pagesize=letter, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("docgen")
        self.c.setSubject(f"docgen form {form_id} {VERSION}")
        self.c.setCreator("docgen templates/forms/build_forms.py")
        self.form_id = form_id
        self.total = total_pages
        self.page = 1
        self.y = TOP
        self.on_states: dict[str, str] = {}
        self.running_header = running_header
        # A field under the footer of every page for "not for filing" when amounts were computed with
        # an unofficial schedule (one field, a widget on each page).
        self.filing_notice = filing_notice

    # ----------------------------------------------------------------- pages
    def footer(self):
        c = self.c
        c.setStrokeColor(BOX_GRAY)
        c.setLineWidth(0.5)
        c.line(MARGIN, 40, PAGE_W - MARGIN, 40)
        c.setFillColor(colors.black)
        c.setFont("Helvetica", 7.5)
        c.drawString(MARGIN, 30, f"docgen form {self.form_id} {VERSION}")
        c.drawRightString(PAGE_W - MARGIN, 30, f"Page {self.page} of {self.total}")
        if self.filing_notice:
            c.acroForm.textfield(
                name="filing_notice", x=MARGIN, y=10, width=CONTENT_W, height=16, value="",
                borderWidth=0, borderColor=None, fillColor=None, textColor=colors.black,
                fontName="Helvetica-Bold", fontSize=10, maxlen=0,
                tooltip="Not-for-filing notice (unofficial schedule)", annotationFlags="print")

    def new_page(self):
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = TOP
        if self.running_header:
            self.running_header(self)

    def finish(self) -> bytes:
        self.footer()
        self.c.showPage()
        self.c.save()
        if self.page != self.total:
            raise SystemExit(f"{self.filename}: drew {self.page} pages, declared {self.total}")
        return self.buf.getvalue()

    def need(self, height: float):
        if self.y - height < BOTTOM:
            raise SystemExit(f"{self.filename}: page {self.page} overflows (need {height}, y={self.y})")

    # ------------------------------------------------------------ static text
    def title(self, text, size=13, sub=None):
        c = self.c
        c.setFillColor(colors.black)
        c.setFont("Helvetica-Bold", size)
        c.drawCentredString(PAGE_W / 2, self.y - size, text)
        self.y -= size + 4
        if sub:
            for line in sub if isinstance(sub, (list, tuple)) else [sub]:
                c.setFont("Helvetica", 8)
                c.drawCentredString(PAGE_W / 2, self.y - 8, line)
                self.y -= 10
        self.y -= 4

    def section(self, text, note=None):
        self.need(16)
        c = self.c
        c.setFillColor(SHADE)
        c.rect(MARGIN, self.y - 13, CONTENT_W, 13, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont("Helvetica-Bold", 9)
        c.drawString(MARGIN + 3, self.y - 9.5, text)
        if note:
            c.setFont("Helvetica-Oblique", 7)
            c.drawRightString(PAGE_W - MARGIN - 3, self.y - 9.5, note)
        self.y -= 17

    def para(self, text, style=BODY, x=MARGIN, w=CONTENT_W, gap=3):
        p = Paragraph(text, style)
        _, h = p.wrap(w, 1000)
        self.need(h)
        p.drawOn(self.c, x, self.y - h)
        self.y -= h + gap
        return h

    def label(self, x, y, text, size=6.5, font="Helvetica"):
        self.c.setFillColor(colors.black)
        self.c.setFont(font, size)
        self.c.drawString(x, y, text)

    # ----------------------------------------------------------------- fields
    def text(self, name, x, y, w, h=15, label=None, multiline=False, size=9, tip=None):
        """A text field whose box has its lower-left corner at (x, y)."""
        c = self.c
        c.setStrokeColor(BOX_GRAY)
        c.setLineWidth(0.6)
        c.rect(x, y, w, h, stroke=1, fill=0)
        if label:
            self.label(x + 1, y + h + 2, label)
        c.acroForm.textfield(
            name=name, x=x, y=y, width=w, height=h, value="",
            borderWidth=0, borderColor=None, fillColor=None, textColor=colors.black,
            fontName="Helvetica", fontSize=0 if multiline else size,
            fieldFlags="multiline" if multiline else "", maxlen=0,
            tooltip=tip or label or name, annotationFlags="print",
        )

    def hidden_text(self, name, value):
        self.c.acroForm.textfield(
            name=name, x=PAGE_W - MARGIN - 10, y=PAGE_H - 12, width=10, height=8, value=value,
            borderWidth=0, borderColor=None, fillColor=None, textColor=colors.black,
            fontName="Helvetica", fontSize=6, fieldFlags="readOnly", maxlen=0,
            tooltip=name, annotationFlags="hidden",
        )

    def check(self, name, x, y, label=None, on="Yes", size=9, label_size=7.5, tip=None, bold=False):
        c = self.c
        c.setStrokeColor(BOX_GRAY)
        c.setLineWidth(0.7)
        c.rect(x, y, size, size, stroke=1, fill=0)
        c.acroForm.checkbox(
            name=name, x=x, y=y, size=size, buttonStyle="cross", shape="square",
            borderWidth=0, borderColor=None, fillColor=None, textColor=colors.black,
            fieldFlags="", annotationFlags="print", tooltip=tip or label or name,
        )
        self.on_states[name] = on
        if label:
            self.label(x + size + 3, y + 1.5, label, size=label_size,
                       font="Helvetica-Bold" if bold else "Helvetica")

    def radio(self, name, value, x, y, label, size=9):
        c = self.c
        c.setStrokeColor(BOX_GRAY)
        c.setLineWidth(0.7)
        c.circle(x + size / 2, y + size / 2, size / 2, stroke=1, fill=0)
        c.acroForm.radio(
            name=name, value=value, x=x, y=y, size=size, buttonStyle="circle", shape="circle",
            borderWidth=0, borderColor=None, fillColor=None, textColor=colors.black,
            fieldFlags="noToggleToOff radio", annotationFlags="print", tooltip=label,
        )
        self.label(x + size + 3, y + 1.5, label, size=7.5)

    def row(self, specs, h=15, gap=9):
        """Lay out text fields side by side: specs = [(name, label, width, kw), ...].

        Widths are fractions of the content width (if <= 1) or points."""
        self.need(h + 10)
        y = self.y - 9 - h
        x = MARGIN
        n = len(specs)
        gutter = 8
        avail = CONTENT_W - gutter * (n - 1)
        for spec in specs:
            name, label, width = spec[:3]
            kw = spec[3] if len(spec) > 3 else {}
            w = width * avail if width <= 1 else width
            self.text(name, x, y, w, h=h, label=label, **kw)
            x += w + gutter
        self.y = y - gap + 6


# --------------------------------------------------------------------------
# post-processing: on-states and field hierarchy
# --------------------------------------------------------------------------

_MOVE_TO_PARENT = ("/T", "/FT", "/Ff", "/V", "/DV", "/MaxLen")


def finalize(raw: bytes, on_states: dict[str, str]) -> bytes:
    reader = PdfReader(io.BytesIO(raw))
    writer = PdfWriter(clone_from=reader)
    root = writer._root_object
    acro = root["/AcroForm"].get_object()

    # 1. descriptive on-state names for check boxes
    for page in writer.pages:
        for aref in page.get("/Annots", []) or []:
            a = aref.get_object()
            if a.get("/Subtype") != "/Widget":
                continue
            name = a.get("/T")
            if name is None or str(name) not in on_states:
                continue
            on = NameObject("/" + on_states[str(name)])
            ap = a["/AP"]
            for key in ("/N", "/D", "/R"):
                if key in ap:
                    d = ap[key].get_object()
                    if "/Yes" in d:
                        d[on] = d.pop("/Yes")
            for key in ("/V", "/AS"):
                if a.get(key) == "/Yes":
                    a[NameObject(key)] = on

    # 2. group widgets by (dotted) name, then build the hierarchy
    groups: dict[str, list] = {}
    for ref in acro["/Fields"]:
        obj = ref.get_object()
        groups.setdefault(str(obj["/T"]), []).append(ref)

    top = ArrayObject()
    nodes: dict[str, tuple] = {}

    def node(path: str):
        if path in nodes:
            return nodes[path]
        parts = path.split(".")
        d = DictionaryObject({NameObject("/T"): TextStringObject(parts[-1]),
                              NameObject("/Kids"): ArrayObject()})
        ref = writer._add_object(d)
        nodes[path] = (d, ref)
        attach(d, ref, ".".join(parts[:-1]))
        return nodes[path]

    def attach(obj, ref, parent_path: str):
        if not parent_path:
            top.append(ref)
            return
        pd, pref = node(parent_path)
        obj[NameObject("/Parent")] = pref
        pd["/Kids"].append(ref)

    for name, refs in groups.items():
        parts = name.split(".")
        if len(refs) == 1:
            field_ref = refs[0]
            field = field_ref.get_object()
            field[NameObject("/T")] = TextStringObject(parts[-1])
        else:
            first = refs[0].get_object()
            if first.get("/FT") != "/Tx":
                raise SystemExit(f"duplicate non-text field {name}")
            field = DictionaryObject()
            for key in _MOVE_TO_PARENT + ("/DA", "/TU"):
                if key in first:
                    field[NameObject(key)] = first[key]
            field[NameObject("/T")] = TextStringObject(parts[-1])
            field_ref = writer._add_object(field)
            kids = ArrayObject()
            for r in refs:
                w = r.get_object()
                for key in _MOVE_TO_PARENT:
                    if key in w:
                        del w[key]
                w[NameObject("/Parent")] = field_ref
                kids.append(r)
            field[NameObject("/Kids")] = kids
        attach(field, field_ref, ".".join(parts[:-1]))
    acro[NameObject("/Fields")] = top

    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def save(form: FormCanvas):
    data = finalize(form.finish(), form.on_states)
    (OUT_DIR / form.filename).write_bytes(data)
    print(f"wrote {OUT_DIR / form.filename} ({len(data)} bytes)")


# --------------------------------------------------------------------------
# a. Income Withholding for Support (IWO), OMB 0970-0154
# --------------------------------------------------------------------------

IWO_TITLE_SIZE = 11  # the largest type on the notice; the 28/20(c)(7) statement uses it too


def iwo_running_header(f: FormCanvas):
    f.row([
        ("employer_name", "Employer/Income Withholder's Name", 0.33),
        ("employer_fein", "Employer's FEIN", 0.15),
        ("obligor_name", "Employee/Obligor's Name", 0.36),
        ("obligor_ssn", "Employee/Obligor's SSN", 0.16),
    ], h=13)
    f.row([
        ("case_id", "Case ID", 0.5),
        ("order_id", "Order ID", 0.5),
    ], h=13)
    f.y -= 2


def build_iwo():
    f = FormCanvas("income-withholding-notice.pdf", "iwo", "Income Withholding for Support", 4, filing_notice=True,
                   running_header=iwo_running_header)
    c = f.c
    c.setFont("Helvetica", 7)
    c.drawRightString(PAGE_W - MARGIN, TOP - 6, "OMB No.: 0970-0154")
    c.drawRightString(PAGE_W - MARGIN, TOP - 14, "Expiration Date: 08/31/2026")
    f.title("INCOME WITHHOLDING FOR SUPPORT", size=IWO_TITLE_SIZE)

    f.section("I. SENDER INFORMATION", "Completed by the Sender")
    y = f.y - 10
    f.check("type_original", MARGIN, y, "Income Withholding Order/Notice for Support (IWO)", on="Original")
    f.check("type_amended", MARGIN + 250, y, "Amended IWO", on="Amended")
    y -= 14
    f.check("type_lump_sum", MARGIN, y, "One-Time Order/Notice for Lump Sum Payment", on="LumpSum")
    f.check("type_termination", MARGIN + 250, y, "Termination of IWO", on="Termination")
    f.y = y - 4
    f.row([("date", "Date (YYYY-MM-DD)", 0.25), ("document_tracking_id", "Document Tracking ID", 0.35)])
    y = f.y - 10
    f.label(MARGIN, y + 1.5, "Sender type (check one):", size=7.5)
    f.check("sender_csa", MARGIN + 95, y, "Child Support Agency (CSA)", on="CSA")
    f.check("sender_court", MARGIN + 220, y, "Court", on="Court")
    f.check("sender_attorney", MARGIN + 275, y, "Attorney", on="Attorney")
    f.check("sender_private", MARGIN + 340, y, "Private Individual/Entity", on="Private")
    f.y = y - 6
    f.para("<b>NOTE:</b> This IWO must be regular on its face. Under certain circumstances you must reject "
           "this IWO and return it to the sender (see IWO instructions). If you receive this document from "
           "someone other than a State or Tribal Child Support Agency or a court, a copy of the underlying "
           "order must be attached.", SMALL)
    f.row([
        ("state_tribe_territory", "State/Tribe/Territory", 0.22),
        ("city_county_dist_tribe", "City/County/Dist./Tribe", 0.28),
        ("private_individual_entity", "Private Individual/Entity", 0.50),
    ])
    f.row([
        ("remittance_id", "Remittance ID (include with payment) - in Illinois the full docket number", 0.40),
        ("order_id", "Order ID", 0.30),
        ("case_id", "Case ID", 0.30),
    ])

    f.section("II. EMPLOYER AND CASE INFORMATION", "Completed by the Sender")
    f.row([
        ("employer_name", "Employer/Income Withholder's Name", 0.55),
        ("employer_fein", "Employer/Income Withholder's FEIN", 0.45),
    ])
    f.row([("employer_address", "Employer/Income Withholder's Address", 1.0, {"multiline": True})], h=26)
    f.row([
        ("obligor_name", "RE: Employee/Obligor's Name (Last, First, Middle)", 0.56),
        ("obligor_ssn", "Employee/Obligor's SSN", 0.22),
        ("obligor_dob", "Employee/Obligor's Date of Birth", 0.22),
    ])
    f.row([("obligee_name", "Custodial Party/Obligee's Name (Last, First, Middle)", 1.0)])
    # children: 6 rows in two columns
    f.need(70)
    y0 = f.y - 9
    f.label(MARGIN + 1, y0 + 2, "Child(ren)'s Name(s) (Last, First, Middle)")
    f.label(MARGIN + 186, y0 + 2, "Child(ren)'s Birth Date(s)")
    f.label(MARGIN + 276, y0 + 2, "Child(ren)'s Name(s) (Last, First, Middle)")
    f.label(MARGIN + 462, y0 + 2, "Child(ren)'s Birth Date(s)")
    for i in range(6):
        col, r = divmod(i, 3)
        x = MARGIN + col * 276
        y = y0 - 14 * (r + 1)
        f.text(f"child_{i + 1}_name", x, y, 180, h=13)
        f.text(f"child_{i + 1}_dob", x + 186, y, 78, h=13)
    f.y = y0 - 14 * 3 - 6

    f.section("III. ORDER INFORMATION", "Completed by the Sender")
    y = f.y - 13
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN, y + 3, "This document is based on the support or withholding order from")
    f.text("order_state_tribe", MARGIN + 232, y, 110, h=13)
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN + 346, y + 3, "(State/Tribe), entered on")
    f.text("order_entry_date", MARGIN + 440, y, 100, h=13, tip="Date of entry of the underlying order")
    f.y = y - 4
    f.para("You are required by law to deduct these amounts from the employee/obligor's income until further "
           "notice.", BODY)
    lines = [
        ("current_child_support", "Per ___ current child support"),
        ("past_due_child_support", "Per ___ past-due child support"),
        ("current_cash_medical", "Per ___ current cash medical support"),
        ("past_due_cash_medical", "Per ___ past-due cash medical support"),
        ("current_spousal", "Per ___ current spousal support"),
        ("past_due_spousal", "Per ___ past-due spousal support"),
        ("other", "Per ___ other (must specify)"),
    ]
    y = f.y - 13
    for key, desc in lines:
        c.setFont("Helvetica", 7.8)
        c.drawString(MARGIN, y + 3, "$")
        f.text(f"{key}_amount", MARGIN + 8, y, 80, h=13, tip=f"{desc.split('___ ')[1]} amount")
        c.setFont("Helvetica", 7.8)
        c.drawString(MARGIN + 93, y + 3, "per")
        f.text(f"{key}_per", MARGIN + 108, y, 70, h=13, tip=f"{desc.split('___ ')[1]} frequency")
        c.setFont("Helvetica", 7.8)
        c.drawString(MARGIN + 184, y + 3, desc.split("___ ")[1])
        if key == "past_due_child_support":
            c.setFont("Helvetica-Bold", 7.8)
            c.drawString(MARGIN + 330, y + 3, "Arrears greater than 12 weeks?")
            f.check("arrears_over_12_weeks_yes", MARGIN + 452, y + 2, "Yes", on="Yes")
            f.check("arrears_over_12_weeks_no", MARGIN + 490, y + 2, "No", on="No")
        if key == "other":
            f.text("other_specify", MARGIN + 330, y, CONTENT_W - 330, h=13, tip="Other: specify")
        y -= 16
    c.setFont("Helvetica-Bold", 7.8)
    c.drawString(MARGIN, y + 3, "for a Total Amount to Withhold of $")
    f.text("total_amount", MARGIN + 140, y, 90, h=13)
    c.setFont("Helvetica-Bold", 7.8)
    c.drawString(MARGIN + 236, y + 3, "per")
    f.text("total_per", MARGIN + 252, y, 70, h=13)
    y -= 18
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN, y + 3, "Current support ends (termination date of current support under the order):")
    f.text("support_termination_date", MARGIN + 282, y, 100, h=13)
    f.y = y - 6

    f.section("IV. AMOUNTS TO WITHHOLD", "Completed by the Sender")
    f.para("You do not have to vary your pay cycle to be in compliance with the Order Information. If your pay "
           "cycle does not match the ordered payment cycle, withhold one of the following amounts:", SMALL)
    y = f.y - 13
    for i, (key, desc) in enumerate([
        ("withhold_weekly", "per weekly pay period"),
        ("withhold_semimonthly", "per semimonthly pay period (twice a month)"),
        ("withhold_biweekly", "per biweekly pay period (every two weeks)"),
        ("withhold_monthly", "per monthly pay period"),
    ]):
        col, r = divmod(i, 2)
        x = MARGIN + col * 276
        yy = y - r * 16
        c.setFont("Helvetica", 7.8)
        c.drawString(x, yy + 3, "$")
        f.text(key, x + 8, yy, 80, h=13, tip=f"Amount {desc}")
        c.setFont("Helvetica", 7.8)
        c.drawString(x + 93, yy + 3, desc)
    y -= 32
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN, y + 3, "$")
    f.text("lump_sum_amount", MARGIN + 8, y, 80, h=13, tip="Lump sum payment amount")
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN + 93, y + 3,
                 "Lump Sum Payment: Do not stop any existing IWO unless you receive a termination order.")
    f.y = y - 4

    # ------------------------------------------------------------ page 2
    f.new_page()
    f.section("V. REMITTANCE INFORMATION", "Completed by the Sender, except the Return to Sender box")
    f.para("If the employee/obligor's principal place of employment is <b>Illinois</b>, you must begin "
           "withholding no later than the first pay period that occurs <b>14 days</b> after the date of "
           "mailing (or service) of this order/notice. Send payment within <b>7 business days</b> of the pay "
           "date (750 ILCS 28/35). If you cannot withhold the full amount of support for any or all orders for "
           "this employee/obligor, withhold up to the percentage of disposable income for all orders entered "
           "below.")
    y = f.y - 13
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN, y + 3, "Withhold up to")
    f.text("withhold_limit_percent", MARGIN + 56, y, 40, h=13, tip="Maximum percentage of disposable income")
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN + 100, y + 3, "% of disposable income for all orders.")
    f.y = y - 6
    f.para("If the employee/obligor's principal place of employment is not Illinois, obtain withholding limits, "
           "time requirements, and any allowable employer fees from the State or Tribe of the employee/obligor's "
           "principal place of employment.")
    f.para("For State orders, you may not withhold more than the lesser of: 1) the amounts allowed by the Federal "
           "Consumer Credit Protection Act (15 U.S.C. 1673(b)); or 2) the amounts allowed by the State of the "
           "employee/obligor's principal place of employment. The Federal limit is 50% of disposable earnings if "
           "the employee/obligor is supporting another spouse or child and 60% if not; both increase by 5% "
           "(to 55% and 65%) if the Arrears greater than 12 weeks box in Section III is checked Yes. Disposable "
           "income is the net income left after making mandatory deductions such as: State, Federal, local "
           "taxes; Social Security taxes; statutory pension contributions; and Medicare taxes.")
    f.para("<b>Employer fee (Illinois):</b> you may deduct a fee of <b>$5.00 per month</b> from the "
           "employee/obligor's remaining income, not from the support withheld (750 ILCS 28/35). The total "
           "of the support withheld and the fee may not exceed the limits above.")
    f.para("If the employee/obligor has more than one IWO, honor all of them to the greatest extent possible, "
           "giving priority to <b>current support before payment of any past-due support</b>, and allocate "
           "among the orders under the law of the State of principal employment. If the employee/obligor is "
           "not an employee, see Supplemental Information (Section VI).")
    f.para("<b>Remit payment to the Illinois State Disbursement Unit at P.O. Box 5400, Carol Stream, IL "
           "60197-5400.</b> Include the Remittance ID (the full court docket number) and the county with each "
           "payment and, if necessary, this locator code:")
    y = f.y - 13
    f.text("sdu_locator_code", MARGIN, y, 160, h=13, tip="SDU/Tribal locator code")
    f.y = y - 6
    f.para("Contact the Illinois State Disbursement Unit (1-877-225-7077, www.ilsdu.com) to set up electronic "
           "payment. Do not send payments to the custodial party, the court or the sender.")
    y = f.y - 12
    f.check("return_to_sender", MARGIN, y,
            "Return to Sender [Completed by Employer/Income Withholder]", on="Return", bold=True)
    f.y = y - 4
    f.para("Payment must be directed to an SDU in accordance with sections 466(b)(5) and (b)(6) of the Social "
           "Security Act or Tribal Payee (see Payments to SDU below). If payment is not directed to an SDU or "
           "Tribal Payee, or this IWO is not regular on its face, you must check this box and return the IWO to "
           "the sender.", SMALL)
    f.y -= 4
    f.section("SIGNATURE", "If required by State or Tribal law")
    f.need(60)
    y = f.y - 30
    c.setStrokeColor(BOX_GRAY)
    c.line(MARGIN, y + 15, MARGIN + 250, y + 15)
    f.label(MARGIN + 1, y + 6, "Signature of Judge/Issuing Official")
    f.text("official_name", MARGIN + 262, y + 2, 180, h=14, label="Print Name of Judge/Issuing Official")
    f.text("signature_date", MARGIN + 450, y + 2, 90, h=14, label="Date of Signature")
    y -= 25
    f.text("official_title", MARGIN + 262, y, 278, h=14, label="Title of Judge/Issuing Official")
    y -= 18
    f.check("copy_to_employee", MARGIN, y,
            "If checked, the employer/income withholder must provide a copy of this form to the "
            "employee/obligor.", on="Copy")
    f.y = y - 6
    f.para("If the employee/obligor works in a State or for a Tribe that is different from the State or Tribe "
           "that issued this order, a copy of this IWO must be provided to the employee/obligor.", SMALL)

    # ------------------------------------------------------------ page 3
    f.new_page()
    f.section("VI. ADDITIONAL INFORMATION FOR EMPLOYERS/INCOME WITHHOLDERS", "Completed by the Sender")
    f.para("<b>Priority:</b> Withholding for support has priority over any other legal process under State "
           "law against the same income (section 466(b)(7) of the Social Security Act). If a Federal tax levy "
           "is in effect, please notify the sender.")
    f.para("<b>Payments:</b> Send payment to the Illinois State Disbursement Unit within 7 business days of "
           "the pay date, and report the date of withholding (the pay date) with each payment. You may combine "
           "withheld amounts from more than one employee/obligor's income in a single payment, but you must "
           "separately identify each employee/obligor's portion (Remittance ID, name and county). Payments "
           "cannot be made through the Federal Child Support Portal.")
    f.para("<b>Lump Sum Payments:</b> You may be required to notify a State or Tribal CSA of upcoming lump sum "
           "payments to this employee/obligor such as bonuses, commissions, or severance pay. Contact the "
           "sender to determine if you are required to report and/or withhold lump sum payments. Each lump sum "
           "requires its own One-Time Order/Notice for Lump Sum Payment.")
    f.para("<b>Liability:</b> If you have any doubts about the validity of this IWO, contact the sender. If you "
           "fail to withhold income from the employee/obligor's income as the IWO directs, you are liable for "
           "both the accumulated amount you should have withheld and any penalties set by State or Tribal law.")
    f.para("<b>Anti-discrimination:</b> You are subject to a fine determined under State or Tribal law for "
           "discharging an employee/obligor from employment, refusing to employ, or taking disciplinary action "
           "against an employee/obligor because of this IWO.")
    f.para("<b>ILLINOIS - PAYOR DUTIES AND PENALTIES (750 ILCS 28/20(c)(7), 28/35, 28/50): A payor who "
           "knowingly fails to withhold the amounts in this notice, or to pay them to the State Disbursement "
           "Unit within 7 business days, is liable for a penalty of $100 for each day the amount is not paid "
           "after that period. A payor who wilfully fails to withhold or pay over income, or who discharges, "
           "disciplines, refuses to hire or otherwise penalizes the obligor because of this notice, is liable "
           "for the total amount not withheld or paid over and may be fined up to $200, and the court may order "
           "employment or reinstatement and restitution.</b>",
           ParagraphStyle("penalty", parent=BOLD_BODY, fontSize=IWO_TITLE_SIZE,
                          leading=IWO_TITLE_SIZE * 1.22), gap=5)
    f.para("<b>Supplemental Information (Illinois):</b>")
    for item in [
        "Begin withholding no later than the first pay period that occurs 14 days after the date of mailing "
        "(or service) of this notice.",
        "Pay the Illinois State Disbursement Unit, P.O. Box 5400, Carol Stream, IL 60197-5400, within 7 "
        "business days after the pay date; put the Remittance ID (full docket number) and the county on every "
        "payment.",
        "A payor who knowingly fails to withhold or pay over owes a penalty of $100 per day (750 ILCS 28/35).",
        "Discharging, disciplining or refusing to hire the obligor because of withholding is prohibited and "
        "punishable by a fine (750 ILCS 28/50).",
        "You may deduct a $5.00 per month fee from the obligor's remaining income (750 ILCS 28/35); support "
        "plus the fee may not exceed the Federal CCPA limit.",
        "If the obligor is not your employee (e.g. an independent contractor or a payor of other periodic "
        "income), the same limits and timing apply to each payment of income.",
        "Notify the sender promptly when the obligor's employment or income ends (Section VII).",
    ]:
        f.para("&bull; " + item, BODY, x=MARGIN + 8, w=CONTENT_W - 8, gap=1.5)
    f.y -= 2
    f.row([("supplemental_information", "Additional supplemental information from the sender", 1.0,
            {"multiline": True})], h=48)

    # ------------------------------------------------------------ page 4
    f.new_page()
    f.section("VII. NOTIFICATION OF EMPLOYMENT TERMINATION OR INCOME STATUS",
              "Completed by the Employer/Income Withholder")
    f.para("If this employee/obligor never worked for you or you are no longer withholding income for this "
           "employee/obligor, an employer must promptly notify the CSA and/or the sender by returning this form "
           "to the address listed in the Contact Information below or by using the OCSS Child Support Portal. "
           "Please provide the employee/obligor's new employer's information if known.")
    y = f.y - 12
    f.check("never_worked", MARGIN, y,
            "This person has never worked for this employer nor received periodic income.", on="NeverWorked")
    y -= 14
    f.check("no_longer_works", MARGIN, y,
            "This person no longer works for this employer nor receives periodic income.", on="NoLongerWorks")
    f.y = y - 4
    f.row([
        ("termination_date", "Termination date", 0.25),
        ("last_known_phone", "Last known phone number", 0.30),
        ("final_payment_date", "Final payment date to SDU/Tribal Payee", 0.25),
        ("final_payment_amount", "Final payment amount ($)", 0.20),
    ])
    f.row([("last_known_address", "Last known address", 1.0, {"multiline": True})], h=30)
    f.row([("new_employer_name", "New employer's name", 1.0)])
    f.row([("new_employer_address", "New employer's address", 1.0, {"multiline": True})], h=30)

    f.section("VIII. CONTACT INFORMATION", "Completed by the Sender")
    f.para("<b>To Employer/Income Withholder:</b> If you have questions, contact the sender named below. Send "
           "termination/income status notices and other correspondence to the sender's address.")
    f.row([
        ("sender_contact_name", "Sender / contact name", 0.40),
        ("sender_phone", "Phone", 0.20),
        ("sender_fax", "Fax", 0.20),
        ("sender_email", "E-mail or website", 0.20),
    ])
    f.row([("sender_address", "Sender's address", 1.0, {"multiline": True})], h=30)
    f.para("<b>To Employee/Obligor:</b> If the employee/obligor has questions, contact:")
    f.row([
        ("obligor_contact_name", "Contact name", 0.40),
        ("obligor_contact_phone", "Phone", 0.20),
        ("obligor_contact_fax", "Fax", 0.20),
        ("obligor_contact_email", "E-mail or website", 0.20),
    ])
    f.para("<b>IMPORTANT:</b> The person completing this form is advised that the information may be shared "
           "with the employee/obligor.")
    save(f)


# --------------------------------------------------------------------------
# b. Notice of Lien: financial institution / holder of a lump sum
# --------------------------------------------------------------------------

def build_lien_financial():
    f = FormCanvas("notice-of-lien-financial.pdf", "lien-financial", "Notice of Lien (personal property)", 2)
    f.title("NOTICE OF LIEN", size=13, sub=[
        "Financial institution account or lump sum / claim held for the obligor",
        "305 ILCS 5/10-25.5 and 10-24; 89 Ill. Adm. Code 160.70(g)(2)",
    ])
    y = f.y - 10
    f.check("kind_financial_institution", MARGIN, y, "Account in a financial institution (305 ILCS 5/10-24)",
            on="FinancialInstitution")
    f.check("kind_lump_sum", MARGIN + 280, y, "Lump sum, insurance claim or settlement", on="LumpSum")
    f.y = y - 4
    f.section("FROM (ISSUING OFFICE)")
    f.row([("issuing_office", "Issuing office (agency, unit, address)", 1.0, {"multiline": True})], h=30)
    f.row([
        ("specialist_name", "Collection specialist / contact", 0.45),
        ("specialist_phone", "Phone", 0.275),
        ("specialist_fax", "Fax", 0.275),
    ])
    f.section("TO (HOLDER OF THE PROPERTY)")
    f.row([("holder_name", "Name of financial institution / holder", 1.0)])
    f.row([("holder_address", "Holder's address", 1.0, {"multiline": True})], h=30)
    f.section("RE: OBLIGOR AND CASE")
    f.row([
        ("obligor_name", "Obligor (responsible relative) name", 0.62),
        ("obligor_ssn_last4", "SSN (last 4 digits only)", 0.18),
        ("obligor_dob", "Date of birth", 0.20),
    ])
    f.row([("obligor_address", "Obligor's last known address", 1.0, {"multiline": True})], h=26)
    f.row([
        ("case_number", "IV-D case number", 0.5),
        ("docket_number", "Court or administrative docket number", 0.5),
    ])
    f.row([("property_description", "Account / claim description (account number's last 4 digits, claim or "
            "policy number)", 1.0, {"multiline": True})], h=30)
    f.row([("joint_owners", "Joint owners known to the Department (names and addresses)", 1.0,
            {"multiline": True})], h=30)
    f.section("LIEN")
    y = f.y - 13
    c = f.c
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN, y + 3, "Amount of past-due support: $")
    f.text("past_due_amount", MARGIN + 112, y, 100, h=13)
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN + 220, y + 3, "as of")
    f.text("as_of_date", MARGIN + 242, y, 90, h=13, tip="Past-due amount as of (date)")
    f.y = y - 6
    f.para("The State of Illinois claims a lien, arising by operation of law under 305 ILCS 5/10-25.5, on all "
           "legal and equitable interests of the obligor named above in the personal property described above, "
           "for the past-due child support stated above, together with support that becomes past due after this "
           "date. The amount may include interest.")
    f.new_page()
    f.section("DUTIES OF THE HOLDER")
    for item in [
        "On receipt of this notice, <b>freeze (encumber)</b> the obligor's accounts and property in your "
        "possession up to the amount of the lien, including deposits made after receipt, and hold them until "
        "you receive a <b>Surrender Notice</b> or a <b>Discharge Notice</b> from the Department. Surrender only "
        "finally collected funds that are not subject to your prior right of offset.",
        "The encumbrance remains in effect for <b>120 days</b> from the date you receive this notice unless the "
        "Department releases it earlier or extends it by a further notice.",
        "Do not encumber or surrender <b>exempt</b> funds, such as accounts made up only of Supplemental Security "
        "Income, Social Security or other benefits protected from levy by federal or State law.",
        "If the account is held jointly, the lien attaches only to the obligor's interest; notify the joint "
        "owners named above or known to you.",
        "When a Surrender Notice is received, remit the amount it states to: <b>Illinois State Disbursement "
        "Unit, Attn: Lien, P.O. Box 4614, Carol Stream, IL 60197-4614</b>, with the obligor's name and the case "
        "number.",
    ]:
        f.para("&bull; " + item, BODY, x=MARGIN + 8, w=CONTENT_W - 8, gap=2)
    f.section("RIGHTS OF THE OBLIGOR AND OF JOINT OWNERS")
    for item in [
        "The obligor may stop action on this lien by paying the past-due support in full, or may contest the "
        "existence or the amount of the past-due support by making a <b>written request for a hearing within 15 "
        "days after the date this notice is mailed</b> to the issuing office above. A timely request stays "
        "action against the property; the lien remains in effect during any protest or appeal.",
        "A joint owner of the property may contest the lien and may prevent levy on the joint owner's share by "
        "requesting a hearing from the Department and showing the joint owner's interest in the property.",
        "Final administrative decisions are reviewable only under the Administrative Review Law.",
    ]:
        f.para("&bull; " + item, BODY, x=MARGIN + 8, w=CONTENT_W - 8, gap=2)
    f.section("ISSUED BY")
    f.row([
        ("issuer_name", "Name of issuing official", 0.45),
        ("issuer_title", "Title", 0.35),
        ("issue_date", "Date issued", 0.20),
    ])
    f.need(30)
    y = f.y - 24
    f.c.setStrokeColor(BOX_GRAY)
    f.c.line(MARGIN, y + 10, MARGIN + 250, y + 10)
    f.label(MARGIN + 1, y + 1, "Signature of issuing official")
    f.y = y - 8
    y = f.y - 10
    f.label(MARGIN, y + 1.5, "Copies sent to:", size=7.5)
    f.check("copy_obligor", MARGIN + 62, y, "Obligor", on="Obligor")
    f.check("copy_joint_owners", MARGIN + 120, y, "Joint owner(s)", on="JointOwners")
    f.check("copy_holder", MARGIN + 200, y, "Holder", on="Holder")
    save(f)


# --------------------------------------------------------------------------
# c. Notice of Lien or Levy: real property
# --------------------------------------------------------------------------

def build_lien_real_property():
    f = FormCanvas("notice-of-lien-real-property.pdf", "lien-real-property",
                   "Notice of Lien or Levy (real property)", 2)
    c = f.c
    # recorder's stamp box, top right
    c.setStrokeColor(BOX_GRAY)
    c.setDash(3, 2)
    c.rect(PAGE_W - MARGIN - 200, TOP - 90, 200, 90)
    c.setDash()
    f.label(PAGE_W - MARGIN - 196, TOP - 86, "Recorder's / Registrar's stamp")
    f.title_y_saved = f.y
    c.setFont("Helvetica-Bold", 13)
    c.drawString(MARGIN, TOP - 14, "NOTICE OF LIEN OR LEVY")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(MARGIN, TOP - 28, "Real property")
    c.setFont("Helvetica", 8)
    c.drawString(MARGIN, TOP - 40, "305 ILCS 5/10-25; 89 Ill. Adm. Code 160.70(g)(1)")
    f.y = TOP - 50
    f.text("recorder_county", MARGIN, TOP - 80, 120, h=14, label="To the Recorder of Deeds / Registrar of "
           "Titles of (county)")
    c.setFont("Helvetica", 8)
    c.drawString(MARGIN + 124, TOP - 76, "County, Illinois")
    f.y = TOP - 96
    f.section("FROM (ISSUING OFFICE)")
    f.row([("issuing_office", "Issuing office (agency, unit, address)", 1.0, {"multiline": True})], h=30)
    f.section("OBLIGOR (RESPONSIBLE RELATIVE) AND CASE")
    f.row([
        ("obligor_name", "Obligor's name", 0.75),
        ("obligor_ssn_last4", "SSN (last 4 digits only)", 0.25),
    ])
    f.row([("obligor_address", "Obligor's address", 1.0, {"multiline": True})], h=26)
    f.row([
        ("case_number", "IV-D case number", 0.5),
        ("docket_number", "Court or administrative docket number", 0.5),
    ])
    f.section("REAL PROPERTY")
    f.row([("legal_description", "Legal description of the real estate", 1.0, {"multiline": True})], h=90)
    f.row([
        ("pin", "Permanent Index Number(s) (PIN)", 0.45, {"multiline": True}),
        ("property_address", "Common address of the property", 0.55, {"multiline": True}),
    ], h=30)
    f.row([("joint_owners", "Other record owners / joint owners (names and addresses)", 1.0,
            {"multiline": True})], h=30)
    f.section("LIEN")
    y = f.y - 13
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN, y + 3, "Amount of past-due support to be satisfied: $")
    f.text("past_due_amount", MARGIN + 170, y, 100, h=13)
    c.setFont("Helvetica", 7.8)
    c.drawString(MARGIN + 278, y + 3, "as of")
    f.text("as_of_date", MARGIN + 300, y, 90, h=13, tip="Past-due amount as of (date)")
    f.y = y - 6
    f.para("<b>A lien is claimed for past-due child support.</b> Under 305 ILCS 5/10-25 the State of Illinois "
           "has a lien on all legal and equitable interests of the obligor named above in the real property "
           "described above for the amount of past-due child support stated, together with support that "
           "becomes past due after this date.")
    f.new_page()
    f.section("RIGHTS OF THE OBLIGOR AND OF JOINT OWNERS")
    for item in [
        "The obligor may stop action against the property by <b>paying the past-due support in full</b>, or may "
        "<b>contest</b> liability or the amount by making a <b>written request for a hearing to the issuing "
        "office within 15 days after the date this notice is mailed</b>.",
        "A timely hearing request stays action against the property. <b>The lien remains in effect during any "
        "protest or appeal.</b> Hearings are held under 89 Ill. Adm. Code 104.103; final decisions are "
        "reviewable only under the Administrative Review Law.",
        "The lien attaches only to the obligor's interest in the property. A joint owner or other record owner "
        "may ask the Department for a hearing to show the extent of that owner's interest, and that interest "
        "is not subject to levy for the obligor's support debt.",
        "Payments: Illinois State Disbursement Unit, Attn: Lien, P.O. Box 4614, Carol Stream, IL 60197-4614, "
        "with the obligor's name and the case number.",
    ]:
        f.para("&bull; " + item, BODY, x=MARGIN + 8, w=CONTENT_W - 8, gap=2)
    f.section("TO THE RECORDER")
    f.para("Please record or file this notice against the real estate described above and return a "
           "filed copy to the issuing office.")
    f.row([("prepared_by", "Prepared by and return to (name and address)", 1.0, {"multiline": True})], h=30)
    f.section("ISSUED BY")
    f.row([
        ("issuer_name", "Name of issuing official", 0.45),
        ("issuer_title", "Title", 0.35),
        ("issue_date", "Date issued", 0.20),
    ])
    f.need(30)
    y = f.y - 24
    c.setStrokeColor(BOX_GRAY)
    c.line(MARGIN, y + 10, MARGIN + 250, y + 10)
    f.label(MARGIN + 1, y + 1, "Signature of issuing official")
    f.y = y - 8
    y = f.y - 10
    f.label(MARGIN, y + 1.5, "Copies sent to:", size=7.5)
    f.check("copy_obligor", MARGIN + 62, y, "Obligor", on="Obligor")
    f.check("copy_joint_owners", MARGIN + 120, y, "Joint owner(s)", on="JointOwners")
    f.check("copy_recorder", MARGIN + 200, y, "County Recorder / Registrar", on="Recorder")
    save(f)


# --------------------------------------------------------------------------
# d. Notice of Confidential Information Within Court Filing (Rule 138)
# --------------------------------------------------------------------------

def build_confidential():
    f = FormCanvas("confidential-information.pdf", "confidential-information",
                   "Notice of Confidential Information Within Court Filing", 1)
    c = f.c
    c.setFont("Helvetica-Bold", 9)
    c.drawString(MARGIN, TOP - 10, "IN THE CIRCUIT COURT OF THE")
    f.text("judicial_circuit", MARGIN + 152, TOP - 14, 60, h=14, tip="Judicial circuit (e.g. Seventh)")
    c.setFont("Helvetica-Bold", 9)
    c.drawString(MARGIN + 216, TOP - 10, "JUDICIAL CIRCUIT,")
    f.text("county", MARGIN + 310, TOP - 14, 140, h=14, tip="County")
    c.setFont("Helvetica-Bold", 9)
    c.drawString(MARGIN + 454, TOP - 10, "COUNTY, ILLINOIS")
    f.y = TOP - 22
    f.row([
        ("caption_petitioner", "Petitioner", 0.62),
        ("case_number", "Case number", 0.38),
    ])
    f.row([("caption_respondent", "Respondent", 0.62)])
    f.y -= 4
    f.title("NOTICE OF CONFIDENTIAL INFORMATION WITHIN COURT FILING", size=12,
            sub="Ill. S. Ct. R. 138 - IMPOUNDED: the clerk must impound this notice on filing (Ill. S. Ct. R. 8)")
    y = f.y - 8
    f.check("notice_original", MARGIN, y, "Original notice", on="Original")
    f.check("notice_amended", MARGIN + 110, y, "Amended / updated notice (corrects or updates an earlier notice)",
            on="Amended")
    f.y = y - 6
    f.para("This notice is filed under Illinois Supreme Court Rule 138. It contains the personal identity "
           "information that is required by law to be filed with the public document named below. In that "
           "document the information appears only redacted (last four digits) and refers to this notice.")
    f.row([
        ("filing_title", "Title of the document this notice accompanies", 0.75),
        ("filing_date", "Date filed", 0.25),
    ])
    f.section("PERSONAL IDENTITY INFORMATION")
    y = f.y - 8
    f.label(MARGIN + 1, y, "Role")
    f.label(MARGIN + 70, y, "Name")
    f.label(MARGIN + 330, y, "Social Security Number or ITIN (full)")
    f.label(MARGIN + 460, y, "Shown as (last 4)")
    rows = [("petitioner", "Petitioner"), ("respondent", "Respondent")] + \
           [(f"child_{i}", f"Child {i}") for i in range(1, 7)]
    y -= 4
    for key, role in rows:
        y -= 18
        f.label(MARGIN + 1, y + 4, role, size=8)
        f.text(f"{key}_name", MARGIN + 70, y, 254, h=15, tip=f"{role} name")
        f.text(f"{key}_ssn", MARGIN + 330, y, 124, h=15, tip=f"{role} SSN/ITIN (full)")
        f.text(f"{key}_ssn_last4", MARGIN + 460, y, 80, h=15, tip=f"{role} redacted reference (last 4)")
    f.y = y - 8
    f.row([("other_information", "Other personal identity information (driver's licence, financial account "
            "or card numbers): whose, type, full number", 1.0, {"multiline": True})], h=40)
    f.section("FILED BY")
    f.row([
        ("filer_name", "Name", 0.40),
        ("filer_phone", "Phone", 0.20),
        ("filer_email", "E-mail", 0.25),
        ("attorney_number", "Attorney no. (if any)", 0.15),
    ])
    f.row([("filer_address", "Address", 0.70, {"multiline": True}), ("filer_date", "Date", 0.30)], h=26)
    f.need(26)
    y = f.y - 20
    c.setStrokeColor(BOX_GRAY)
    c.line(MARGIN, y + 8, MARGIN + 250, y + 8)
    f.label(MARGIN + 1, y, "Signature")
    f.y = y - 4
    save(f)


# --------------------------------------------------------------------------
# e. docgen intake form (field names = case JSON paths, CONTRACT.md schema 1)
# --------------------------------------------------------------------------

INTAKE_ID = "docgen-intake-v1"


def intake_party(f: FormCanvas, p: str, title: str):
    f.section(title)
    f.row([
        (f"{p}.name", "Full name", 0.56),
        (f"{p}.date_of_birth", "Date of birth (YYYY-MM-DD)", 0.22),
        (f"{p}.ssn", "SSN (###-##-####)", 0.22),
    ])
    f.row([
        (f"{p}.address.street", "Street address", 0.50),
        (f"{p}.address.city", "City", 0.26),
        (f"{p}.address.state", "State", 0.08),
        (f"{p}.address.zip", "ZIP", 0.16),
    ])
    f.row([
        (f"{p}.employer.name", "Employer name", 0.70),
        (f"{p}.employer.fein", "Employer FEIN", 0.30),
    ])
    f.row([
        (f"{p}.employer.address.street", "Employer street address", 0.50),
        (f"{p}.employer.address.city", "City", 0.26),
        (f"{p}.employer.address.state", "State", 0.08),
        (f"{p}.employer.address.zip", "ZIP", 0.16),
    ])
    f.row([
        (f"{p}.income.gross_amount", "Gross income ($)", 0.22),
        (f"{p}.income.frequency", "Frequency: weekly | biweekly | semimonthly | monthly | annual", 0.48),
        (f"{p}.net_income_method", "Net income: standardized | individualized", 0.30),
    ])
    y = f.y - 11
    f.check(f"{p}.income.self_employed", MARGIN, y, "Self-employed (business income)", on="Yes")
    f.y = y - 3
    f.label(MARGIN, f.y - 8, "Individualized deductions (monthly, only if the net income method is "
                             "individualized):", size=7, font="Helvetica-Bold")
    f.y -= 12
    f.row([
        (f"{p}.individualized_deductions.federal_income_tax", "Federal income tax", 1 / 6),
        (f"{p}.individualized_deductions.state_income_tax", "State income tax", 1 / 6),
        (f"{p}.individualized_deductions.social_security", "Social Security", 1 / 6),
        (f"{p}.individualized_deductions.medicare", "Medicare", 1 / 6),
        (f"{p}.individualized_deductions.mandatory_retirement", "Mandatory retirement", 1 / 6),
        (f"{p}.individualized_deductions.union_dues", "Union dues", 1 / 6),
    ])
    f.row([
        (f"{p}.maintenance.paid", "Maintenance paid ($/month)", 0.25),
        (f"{p}.maintenance.received", "Maintenance received ($/month)", 0.25),
        (f"{p}.maintenance.order_date", "Maintenance order date", 0.22),
        (f"{p}.other_children_support_paid", "Support paid for other children ($/mo)", 0.28),
    ])
    f.row([
        (f"{p}.overnights_per_year", "Overnights per year with the children", 0.28),
        (f"{p}.child_health_insurance_premium", "Children's health premium ($/month)", 0.36),
        (f"{p}.child_care_paid", "Work-related child care paid ($/month)", 0.36),
    ])
    y = f.y - 11
    f.check(f"{p}.receives_only_means_tested_assistance", MARGIN, y,
            "Receives only means-tested public assistance", on="Yes")
    f.check(f"{p}.incarcerated", MARGIN + 215, y, "Incarcerated", on="Yes")
    f.check(f"{p}.disabled_unable_to_work", MARGIN + 305, y, "Disabled and unable to work", on="Yes")
    f.y = y - 8


def build_intake():
    f = FormCanvas("intake-form.pdf", "intake", "docgen intake form", 3)
    f.hidden_text("form.id", INTAKE_ID)
    f.title("CHILD SUPPORT CASE INTAKE", size=13, sub="docgen intake form - Illinois (case schema version 1)")
    f.para("<b>Instructions.</b> Type into the fields or print clearly. Write dates as <b>YYYY-MM-DD</b> (for "
           "example 2025-06-02) and amounts in <b>dollars</b> without the $ sign (for example 2450.00). Leave a "
           "field empty if it does not apply. Monthly amounts are per month. Check the boxes that apply. This "
           "form contains Social Security numbers: do not file it publicly.")
    f.section("CASE")
    f.row([
        ("case.number", "Case number (docket or IV-D number)", 0.40),
        ("case.county", "County", 0.30),
        ("case.order_date", "Order date (YYYY-MM-DD)", 0.30),
    ])
    y = f.y - 11
    f.label(MARGIN, y + 1.5, "Kind of case:", size=7.5)
    f.radio("case.kind", "judicial", MARGIN + 55, y, "Judicial (court)")
    f.radio("case.kind", "administrative", MARGIN + 140, y, "Administrative (HFS)")
    f.label(MARGIN + 260, y + 1.5, "Action:", size=7.5)
    f.radio("case.action", "initial", MARGIN + 292, y, "Initial order")
    f.radio("case.action", "modification", MARGIN + 362, y, "Modification")
    y -= 15
    f.check("case.ivd", MARGIN, y, "IV-D case (a party receives child support services from HFS; payments "
                                   "through the State Disbursement Unit)", on="Yes")
    f.y = y - 6
    f.section("CHILDREN")
    for i in range(6):
        f.row([
            (f"children.{i}.name", f"Child {i + 1}: full name", 0.40),
            (f"children.{i}.date_of_birth", "Date of birth", 0.17),
            (f"children.{i}.expected_high_school_graduation", "Expected high-school graduation", 0.21),
            (f"children.{i}.majority_parent", "Majority parent: petitioner | respondent", 0.22),
        ], gap=6)
    f.section("ARREARS (optional)")
    f.row([
        ("arrears.amount", "Past-due support owed ($)", 1 / 3),
        ("arrears.as_of", "As of (YYYY-MM-DD)", 1 / 3),
        ("arrears.periodic_payment", "Monthly payment toward arrears ($)", 1 / 3),
    ])
    f.section("DEVIATION FROM THE GUIDELINES (optional)")
    f.row([("deviation.amount", "Monthly support ordered instead of the guideline amount ($)", 0.40)])
    f.row([("deviation.reasons", "Reasons / findings for the deviation", 1.0, {"multiline": True})], h=44)
    f.new_page()
    intake_party(f, "petitioner", "PETITIONER (parent 1)")
    f.new_page()
    intake_party(f, "respondent", "RESPONDENT (parent 2)")
    save(f)


BUILDERS = {
    "income-withholding-notice": build_iwo,
    "notice-of-lien-financial": build_lien_financial,
    "notice-of-lien-real-property": build_lien_real_property,
    "confidential-information": build_confidential,
    "intake-form": build_intake,
}


def main(argv=None):
    global OUT_DIR
    args = list(argv if argv is not None else sys.argv[1:])
    if "--out" in args:
        i = args.index("--out")
        OUT_DIR = Path(args[i + 1])
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        del args[i:i + 2]
    names = args or list(BUILDERS)
    for name in names:
        BUILDERS[name]()


if __name__ == "__main__":
    main()
