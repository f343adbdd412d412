"""Build the Word templates of orders and the worksheet (docxtpl syntax) from this source, reproducibly.

    python templates/orders/build_templates.py [--out DIR]

The templates hold wording and placeholders only: amounts arrive formatted, clause texts come from
clauses.yaml (written once, shared by every order type), and loops use docxtpl's {%p %} / {%tr %} tags.
"""
from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Inches

HERE = Path(__file__).parent
FONT = "Times New Roman"  # LibreOffice renders it with the metric-compatible Liberation Serif


def _base() -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.left_margin = sec.right_margin = Inches(1)
    sec.top_margin, sec.bottom_margin = Inches(0.9), Inches(0.8)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Heading 1", "Heading 2"):
        st = doc.styles[name]
        st.font.name, st.font.color.rgb = FONT, RGBColor(0, 0, 0)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # theme fonts override FONT
            st.element.rPr.rFonts.attrib.pop(qn(attr), None)
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.space_before = Pt(10)
    doc.styles["Heading 1"].font.size = Pt(14)
    doc.styles["Heading 2"].font.size = Pt(12)
    _header_footer(doc)
    props = doc.core_properties  # fixed, so that a rebuild without changes is the same file
    props.author = props.last_modified_by = "docgen"
    props.created = props.modified = datetime(2026, 1, 1)
    props.revision = 1
    return doc


def _field(paragraph, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _header_footer(doc: Document) -> None:
    sec = doc.sections[0]
    head = sec.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run("{% if not_official %}NOT FOR FILING — computed with an illustrative schedule "
                       "({{ schedule_id }}), not the official HFS table{% endif %}")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(9), RGBColor(0xB0, 0, 0)
    foot = sec.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = foot.add_run("Case {{ case_number }} · Page ")
    r.font.size = Pt(8)
    _field(foot, "PAGE")
    foot.add_run(" of ").font.size = Pt(8)
    _field(foot, "NUMPAGES")
    small = sec.footer.add_paragraph("{{ document_title }} · template {{ template_id }} v{{ template_version }} · "
                                     "rules {{ rules_version }} · schedule {{ schedule_id }}")
    small.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in small.runs + foot.runs:
        run.font.size = Pt(8)


def _p(doc, text="", bold=False, align=None, size=None, keep=False, italic=False):
    para = doc.add_paragraph()
    if text:
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    if align:
        para.alignment = align
    para.paragraph_format.keep_with_next = keep
    return para


def _table(doc, headers, row_cells, loop: str, widths=None, right_align=()):
    """A table with a header row and one template row repeated by a docxtpl {%tr for %} loop."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, h in zip(t.rows[0].cells, headers):
        cell.paragraphs[0].add_run(h).bold = True
    t.rows[1].cells[0].paragraphs[0].add_run("{%tr " + loop + " %}")
    for cell, text in zip(t.rows[2].cells, row_cells):
        cell.paragraphs[0].add_run(text)
    t.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    # the header repeats on each page; rows do not split across pages
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    if widths:  # LibreOffice reads the grid columns, Word the cell widths: set both
        t.autofit = False
        for col, w in zip(t.columns, widths):
            col.width = Inches(w)
        for row in t.rows:
            for cell, w in zip(row.cells, widths):
                cell.width = Inches(w)
    for i in right_align:
        t.rows[2].cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in t.rows:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.space_after = Pt(1)
                for run in para.runs:
                    run.font.size = Pt(10)
    return t


def build_order(kind: str) -> Document:
    judicial = kind == "judicial"
    doc = _base()
    if judicial:
        _p(doc, "IN THE CIRCUIT COURT OF {{ county_upper }} COUNTY, ILLINOIS", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    else:
        _p(doc, "STATE OF ILLINOIS", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _p(doc, "DEPARTMENT OF HEALTHCARE AND FAMILY SERVICES — CHILD SUPPORT SERVICES", bold=True,
           align=WD_ALIGN_PARAGRAPH.CENTER)
        _p(doc, "{{ county }} County", align=WD_ALIGN_PARAGRAPH.CENTER)

    cap = doc.add_table(rows=1, cols=2)
    left, right = cap.rows[0].cells
    left.width, right.width = Inches(3.6), Inches(2.9)
    left.paragraphs[0].add_run("{{ petitioner_name }},")
    left.add_paragraph("Petitioner,")
    left.add_paragraph("v.")
    left.add_paragraph("{{ respondent_name }},")
    left.add_paragraph("Respondent.")
    right.paragraphs[0].add_run("Case No. {{ case_number }}").bold = True
    right.add_paragraph("{{ box_initial }} Initial order   {{ box_modification }} Modification")
    right.add_paragraph("IV-D case: {{ ivd_text }}")
    _p(doc)
    title = "UNIFORM ORDER FOR SUPPORT" if judicial else "ADMINISTRATIVE ORDER FOR SUPPORT"
    _p(doc, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, keep=True)
    if judicial:
        _p(doc, "This cause coming before the Court for the {{ action_phrase }} of an order for support, the Court "
                "having jurisdiction over the parties and the subject matter and being fully advised, FINDS:")
    else:
        _p(doc, "The Illinois Department of Healthcare and Family Services, having determined the responsible "
                "relative's ability to support under Sections 10-6 and 10-7 of the Illinois Public Aid Code "
                "(305 ILCS 5/10-6, 10-7), enters this {{ action_noun }} under Section 10-11 (305 ILCS 5/10-11) and FINDS:")

    doc.add_heading("Findings", level=2)
    _p(doc, "1. Parties. The obligor (the parent who owes the duty to pay) is {{ obligor_name }}, the {{ obligor_role }}; "
            "the obligee (the parent to whom support is owed) is {{ obligee_name }}, the {{ obligee_role }}. "
            "{{ children_count_text }}", keep=True)
    _p(doc, "2. Income of the parties (monthly), 750 ILCS 5/505(a)(3):", keep=True)
    _table(doc, ["Parent", "Gross income", "Net income method", "Net income", "Share"],
           ["{{ row.role }}: {{ row.name }}", "{{ row.gross }}", "{{ row.method }}", "{{ row.net }}", "{{ row.share }}"],
           "for row in income_rows", widths=[2.2, 1.1, 1.3, 1.1, 0.8], right_align=(1, 3, 4))
    _p(doc, "{%p for f in findings %}")
    _p(doc, "{{ loop.index + 2 }}. {{ f }}")
    _p(doc, "{%p endfor %}")

    doc.add_heading("Order", level=2)
    _p(doc, "IT IS ORDERED:", bold=True, keep=True)
    _p(doc, "A. Current support. The obligor, {{ obligor_name }}, shall pay current child support of "
            "{{ monthly_support }} per month, beginning {{ start_date }}. For income withholding the equivalent "
            "amounts are {{ per_weekly }} weekly, {{ per_biweekly }} every two weeks and {{ per_semimonthly }} "
            "twice a month.")
    _p(doc, "B. Arrears. {{ arrears_order }}")
    _p(doc, "C. Delinquency. Toward any delinquency accruing after entry of this order, {{ delinquency_payment }} "
            "per month (750 ILCS 28/20(a)(2)).")
    _p(doc, "D. Children and termination dates (750 ILCS 5/505(g)):", keep=True)
    _table(doc, ["Child", "Date of birth", "Support terminates", "Because of"],
           ["{{ ch.name }}", "{{ ch.dob }}", "{{ ch.termination }}", "{{ ch.reason }}"],
           "for ch in children", widths=[2.0, 1.2, 1.4, 1.9])

    doc.add_heading("Provisions required by law", level=2)
    _p(doc, "{%p for clause in clauses %}")
    para = doc.add_paragraph()
    para.paragraph_format.keep_with_next = True
    para.paragraph_format.space_before = Pt(6)
    para.paragraph_format.space_after = Pt(1)
    run = para.add_run("{{ clause.number }}. {{ clause.title }}")
    run.bold = True
    cite = para.add_run(" ({{ clause.citation }})")
    cite.italic = True
    cite.font.size = Pt(9)
    _p(doc, "{{ clause.text }}")
    _p(doc, "{%p endfor %}")

    _p(doc)
    sig = _p(doc, "ENTERED: ______________________________   Date: ________________", keep=True)
    sig.paragraph_format.space_before = Pt(18)
    _p(doc, "Judge" if judicial else "Authorized representative, Illinois Department of Healthcare and Family Services")
    _p(doc, "Draft prepared by docgen for the order date {{ order_date }} from the case data and the guideline worksheet filed with it.",
       italic=True, size=8)
    return doc


def build_worksheet() -> Document:
    doc = _base()
    _p(doc, "CHILD SUPPORT GUIDELINE WORKSHEET", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    _p(doc, "750 ILCS 5/505 — income shares", align=WD_ALIGN_PARAGRAPH.CENTER)
    _p(doc, "{{ petitioner_name }} (petitioner) and {{ respondent_name }} (respondent) — {{ county }} County, "
            "case {{ case_number }}; order date {{ order_date }}.")
    _p(doc, "Schedule: {{ schedule_description }}. Tax year: {{ tax_year }}. Method: {{ method_text }}.")
    _table(doc, ["Line", "Amount", "Citation"],
           ["{{ line.label }}{% if line.note %} — {{ line.note }}{% endif %}", "{{ line.amount }}", "{{ line.citation }}"],
           "for line in worksheet", widths=[3.5, 1.0, 2.0], right_align=(1,))
    _p(doc)
    _p(doc, "Result: {{ result_text }}", bold=True)
    _p(doc, "{%p for f in flags %}")
    _p(doc, "• {{ f }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "Money is computed at full precision and rounded to the cent, half up, where shown; income shares are "
            "shown to four decimals and used unrounded.", italic=True, size=8)
    return doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=HERE)
    out = ap.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    build_order("judicial").save(out / "support-order.docx")
    build_order("administrative").save(out / "administrative-order.docx")
    build_worksheet().save(out / "worksheet.docx")


if __name__ == "__main__":
    main()
