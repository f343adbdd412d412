"""Documents opened and read back: the real values, every mandatory clause, personal data only where
the document requires it, hostile text rendered literally."""
import copy
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

import docgen
from rules import compute, parse_case

EXAMPLES = Path(__file__).parents[1] / "examples"
needs_soffice = pytest.mark.skipif(not shutil.which("soffice") and not os.environ.get("CI"),
                                   reason="LibreOffice is not installed (make test installs it)")


def example(name):
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def build(data):
    case = parse_case(data)
    return case, compute(case)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_support_order_docx_states_amounts_dates_and_every_clause():
    case, result = build(example("case-basic"))
    text = docx_text(docgen.render("support-order", case, result, "docx"))
    assert "UNIFORM ORDER FOR SUPPORT" in text
    assert "current child support of $1,299.38 per month" in text
    assert "February 17, 2033" in text and "November 3, 2036" in text      # each child's termination date
    assert "terminates on November 3, 2036" in text
    assert "does not apply to any arrearage that may remain unpaid on that date" in text
    assert "$150.00 per month toward the arrearage of $2,350.00" in text
    assert "$1,449.38 per month" in text                                   # continuation: current + arrears
    assert "$289.88 per month" in text                                     # 20% of (1,299.38 + 150)
    assert "Section 12-109" in text and "series of judgments" in text
    assert "State Disbursement Unit, P.O. Box 5400" in text                # IV-D case
    assert "within 10 days" in text and "within 7 days" in text and "within 5 days" in text
    assert "within 5 business days" in text and "10-10.5" in text
    assert "health insurance coverage" in text
    assert "XXX-XX-6789" in text and "123-45-6789" not in text and "321-54-9876" not in text
    assert "NOT FOR FILING" in text                                        # illustrative schedule


def test_shared_example_order_shows_the_shared_care_arithmetic():
    case, result = build(example("case-shared-individualized"))
    text = docx_text(docgen.render("support-order", case, result, "docx"))
    assert "Shared physical care" in text and "$2,485.50" in text
    assert "May 29, 2026" in text and "high school graduation" in text
    assert "Modification" in text


def test_sdu_wording_depends_on_the_case():
    data = example("case-shared-individualized")  # not IV-D, immediate withholding by default
    assert "State Disbursement Unit" in docx_text(docgen.render("support-order", *build(data), "docx"))
    data["case"]["withholding"] = False
    text = docx_text(docgen.render("support-order", *build(data), "docx"))
    assert "State Disbursement Unit" not in text
    assert "directly to the obligee" in text


def test_deviation_and_minimum_order_findings():
    data = example("case-basic")
    data["deviation"] = {"amount": "1000.00", "reasons": "The children's extraordinary medical expenses."}
    text = docx_text(docgen.render("support-order", *build(data), "docx"))
    assert "guideline amount without deviation is $1,299.38" in text and "set at $1,000.00" in text


def test_administrative_order_has_service_and_petition_rights():
    data = example("case-basic")
    data["case"]["kind"] = "administrative"
    text = docx_text(docgen.render("support-order", *build(data), "docx"))
    assert "ADMINISTRATIVE ORDER FOR SUPPORT" in text
    assert "certified mail" in text and "within 30 days after service" in text
    assert "does not apply to any arrearage" in text  # the shared clauses are there too


def test_worksheet_lists_every_line_with_its_citation():
    case, result = build(example("case-basic"))
    text = docx_text(docgen.render("worksheet", case, result, "docx"))
    for line in result.worksheet:
        assert line.label in text
    assert "750 ILCS 5/505(a)(3)(A)" in text


def test_income_withholding_notice_fields():
    case, result = build(example("case-basic"))
    pdf = docgen.render("income-withholding-notice", case, result, "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert not any(a.get_object().get("/Subtype") == "/Widget" for p in reader.pages for a in p.get("/Annots", []))
    text = pdf_text(pdf)
    assert "123-45-6789" in text                      # the IWO requires the full SSN
    assert "$1,299.38" in text and "$150.00" in text and "$1,449.38" in text
    assert "$334.47" in text                          # total per weekly pay period: 1,449.38 x 12 / 52
    assert "November 3, 2036" in text and "Prairie Freight LLC" in text
    assert "NOT FOR FILING" in text


def test_lien_notices_financial_and_real_property():
    data = example("case-basic")
    text = pdf_text(docgen.render("notice-of-lien", *build(data), "pdf"))
    assert "Illini Community Credit Union" in text and "$2,350.00" in text and "XXX-XX-6789" in text
    assert "123-45-6789" not in text
    data["lien"] = {"kind": "real_property", "holder": {"name": "1420 S 5th St, Springfield"},
                    "description": "Lot 4 in Block 2 of Oak Ridge Subdivision; PIN 14-22-301-004", "joint_owners": ["Ana Ruiz"]}
    text = pdf_text(docgen.render("notice-of-lien", *build(data), "pdf"))
    assert "Lot 4 in Block 2" in text and "Ana Ruiz" in text


def test_lien_notice_needs_a_lien_section():
    with pytest.raises(docgen.DocumentNotApplicable) as exc:
        docgen.render("notice-of-lien", *build(example("case-shared-individualized")), "pdf")
    assert exc.value.field == "lien"


def test_confidential_information_carries_the_full_numbers():
    text = pdf_text(docgen.render("confidential-information", *build(example("case-basic")), "pdf"))
    assert "123-45-6789" in text and "321-54-9876" in text


HOSTILE = ["{{ 7*7 }}", "{% include 'x' %}", "<w:p>", "Tom & Jerry", "A" * 300,
           "שלום עולם", "José Ñúñez-Çelik", "bell\x07 form\x0c feed"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_renders_literally(name):
    data = example("case-basic")
    data["petitioner"]["name"] = name
    data["case"]["county"] = name[:100]
    case, result = build(data)
    text = docx_text(docgen.render("support-order", case, result, "docx"))
    expected = name.replace("\x07", " ").replace("\x0c", " ")
    assert expected in text
    assert "\n49," not in text and "COURT OF 49 " not in text  # {{ 7*7 }} was not evaluated
    for doc in ("income-withholding-notice", "confidential-information"):
        assert docgen.render(doc, case, result, "pdf").startswith(b"%PDF")


def test_template_code_in_a_deviation_reason_is_data():
    data = example("case-basic")
    data["deviation"] = {"amount": "900.00", "reasons": "{{ ''.__class__.__mro__ }} {% for x in range(3) %}x{% endfor %}"}
    text = docx_text(docgen.render("support-order", *build(data), "docx"))
    assert "{{ ''.__class__.__mro__ }}" in text


@needs_soffice
def test_order_pdf_looks_like_the_word_document():
    case, result = build(example("case-basic"))
    pdf = docgen.render("support-order", case, result, "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    text = pdf_text(pdf)
    assert len(reader.pages) >= 2
    assert f"Page 1 of {len(reader.pages)}" in text.replace("\n", " ")
    assert "$1,299.38" in text and "November 3, 2036" in text and "NOT FOR FILING" in text


def test_cli_render_and_documents(tmp_path):
    out = subprocess.run([sys.executable, "-m", "docgen.cli", "render", str(EXAMPLES / "case-basic.json"),
                          "--document", "income-withholding-notice", "--document", "support-order", "--format", "docx",
                          "--out", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    paths = out.stdout.split()
    assert [Path(p).name for p in paths] == ["2025-D-004512-support-order.docx"]
    listing = subprocess.run([sys.executable, "-m", "docgen.cli", "documents"], capture_output=True, text=True).stdout
    assert "income-withholding-notice" in listing
