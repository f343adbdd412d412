"""Fillable forms (templates/forms) and the filler (docgen.pdfforms)."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from docgen.pdfforms import FORMS_DIR, FieldValueError, PdfForm, UnknownFieldError, read_fields

ROOT = Path(__file__).resolve().parent.parent
FORMS = [
    "income-withholding-notice",
    "notice-of-lien-financial",
    "notice-of-lien-real-property",
    "confidential-information",
    "intake-form",
]
LONG_NAME = ("Maximiliana Guadalupe Esperanza de los Ángeles Fernández-Villanueva y Castellanos " * 3)[:200]
HOSTILE = ["{{ 7*7 }}", "<w:p>", "Smith & Sons", "José Ñúñez Çelik", "שלום עליכם"]


@pytest.fixture(scope="module")
def forms():
    return {name: PdfForm(FORMS_DIR / f"{name}.pdf") for name in FORMS}


def _norm(s: str) -> str:
    return " ".join(s.split())


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _sample(form: PdfForm) -> dict:
    values = {}
    for i, (name, info) in enumerate(form.fields.items()):
        if info.readonly:
            continue
        if info.kind == "checkbox":
            values[name] = True
        elif info.kind == "radio":
            values[name] = info.states[-1]
        else:
            values[name] = f"V{i:03d}"
    return values


def test_field_names_stable_and_build_deterministic(tmp_path):
    """Rebuilding the forms gives the same fields and (reportlab invariant=1) the same bytes."""
    subprocess.run([sys.executable, str(FORMS_DIR / "build_forms.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for n in FORMS:
        checked_in = (FORMS_DIR / f"{n}.pdf").read_bytes()
        rebuilt = (tmp_path / f"{n}.pdf").read_bytes()
        assert sorted(read_fields(rebuilt)) == sorted(read_fields(checked_in)), n
        assert rebuilt == checked_in, f"{n}.pdf is stale: run python templates/forms/build_forms.py"


def test_every_page_has_footer_id_and_page_numbers(forms):
    for name in FORMS:
        reader = PdfReader(FORMS_DIR / f"{name}.pdf")
        n = len(reader.pages)
        for i, page in enumerate(reader.pages, 1):
            text = page.extract_text()
            assert f"Page {i} of {n}" in text, (name, i)
            assert "docgen form" in text and " v1" in text, (name, i)


def test_iwo_fields():
    names = set(read_fields((FORMS_DIR / "income-withholding-notice.pdf").read_bytes()))
    for must in ["type_original", "type_amended", "type_lump_sum", "type_termination", "date",
                 "sender_csa", "sender_court", "sender_attorney", "sender_private", "remittance_id",
                 "order_id", "case_id", "employer_name", "employer_address", "employer_fein", "obligor_name",
                 "obligor_ssn", "obligor_dob", "obligee_name", "child_6_name", "child_6_dob",
                 "past_due_child_support_amount", "arrears_over_12_weeks_yes", "arrears_over_12_weeks_no",
                 "total_amount", "total_per", "withhold_weekly", "withhold_biweekly", "withhold_semimonthly",
                 "withhold_monthly", "lump_sum_amount", "support_termination_date", "order_entry_date",
                 "official_name", "official_title", "signature_date", "copy_to_employee",
                 "termination_date", "last_known_address", "new_employer_name", "final_payment_amount"]:
        assert must in names, must
    text = _text((FORMS_DIR / "income-withholding-notice.pdf").read_bytes())
    assert "P.O. Box 5400, Carol Stream, IL 60197-5400" in _norm(text)
    assert "$5.00 per month" in _norm(text)


def test_intake_field_names_follow_case_json():
    fields = read_fields((FORMS_DIR / "intake-form.pdf").read_bytes())
    assert fields["form.id"] == "docgen-intake-v1"
    for must in ["case.number", "case.county", "case.kind", "case.ivd", "case.order_date", "case.action",
                 "petitioner.name", "petitioner.address.zip", "petitioner.employer.address.street",
                 "petitioner.income.gross_amount", "petitioner.income.self_employed",
                 "respondent.individualized_deductions.union_dues", "respondent.maintenance.order_date",
                 "respondent.receives_only_means_tested_assistance", "respondent.incarcerated",
                 "respondent.disabled_unable_to_work", "children.0.name", "children.5.majority_parent",
                 "arrears.periodic_payment", "deviation.reasons"]:
        assert must in fields, must
    assert fields["case.ivd"] is False and fields["case.kind"] == ""


@pytest.mark.parametrize("name", FORMS)
def test_fill_flatten_extracts_text(forms, name):
    form = forms[name]
    values = _sample(form)
    text_fields = [n for n, i in form.fields.items() if i.kind == "text" and not i.readonly]
    # hostile values in the first text fields
    for field_name, value in zip(text_fields, HOSTILE + [LONG_NAME]):
        values[field_name] = value
    pdf = form.fill(values)
    reader = PdfReader(io.BytesIO(pdf))
    assert "/AcroForm" not in reader.trailer["/Root"]
    for page in reader.pages:
        for a in page.get("/Annots", []) or []:
            assert a.get_object().get("/Subtype") != "/Widget"
    text = _norm(_text(pdf))
    for v in ["{{ 7*7 }}", "<w:p>", "Smith & Sons", "José Ñúñez Çelik"]:
        assert v in text, v
    assert "49" not in text.replace("V049", "")  # nothing evaluated the template syntax
    assert all(ch in text for ch in "שלוםעליכם")  # right-to-left text survives
    # the long value is drawn (wrapped/shrunk, not dropped)
    assert _norm(LONG_NAME)[:30].replace(" ", "") in text.replace(" ", "")
    for n, v in values.items():
        if isinstance(v, str) and v.startswith("V") and form.fields[n].kind == "text":
            assert v in text, n
    assert len(pdf) < 250_000


def test_fast_path_is_small_and_valid(forms):
    form = forms["income-withholding-notice"]
    pdf = form.fill({"obligor_name": "Lopez, Daniel", "type_amended": True,
                     "employer_address": "3100 Stevenson Dr\nSpringfield, IL 62703"})
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) < 60_000
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert len(reader.pages) == 4
    assert "Lopez, Daniel" in reader.pages[0].extract_text()
    assert "Lopez, Daniel" in reader.pages[1].extract_text()  # running header: same field, 2nd widget
    assert read_fields(pdf) == {}


def test_checkbox_on_states_not_flattened(forms):
    form = forms["income-withholding-notice"]
    assert form.fields["type_amended"].states == ["Amended"]
    pdf = form.fill({"type_amended": True, "type_original": False, "obligor_name": "A & B"}, flatten=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert "/AcroForm" in reader.trailer["/Root"]
    seen = {}
    for page in reader.pages:
        for a in page.get("/Annots", []) or []:
            a = a.get_object()
            t = a.get("/T")
            if t in ("type_amended", "type_original"):
                seen[t] = a.get("/AS")
                assert "/" + {"type_amended": "Amended", "type_original": "Original"}[t] in a["/AP"]["/N"]
    assert seen == {"type_amended": "/Amended", "type_original": "/Off"}
    fields = read_fields(pdf)
    assert fields["type_amended"] is True and fields["type_original"] is False
    assert fields["obligor_name"] == "A & B"


def test_intake_round_trip(forms):
    form = forms["intake-form"]
    values = {
        "case.number": "2025 D 004512", "case.county": "Sangamon", "case.kind": "judicial", "case.ivd": True,
        "case.order_date": "2025-06-02", "case.action": "initial",
        "petitioner.name": "Maria Lopez", "petitioner.ssn": "321-54-9876",
        "petitioner.address.street": "1420 S 5th St", "petitioner.income.gross_amount": "3200.00",
        "petitioner.income.frequency": "monthly", "petitioner.income.self_employed": False,
        "respondent.name": "Daniel Lopez", "respondent.employer.fein": "37-1234567",
        "respondent.incarcerated": True, "children.1.name": "Mateo Lopez",
        "children.1.majority_parent": "petitioner", "deviation.reasons": "Line one\nLine two & <more>",
    }
    pdf = form.fill(values, flatten=False)
    back = read_fields(pdf)
    assert back["form.id"] == "docgen-intake-v1"
    for k, v in values.items():
        assert back[k] == v, k
    assert back["respondent.disabled_unable_to_work"] is False
    assert back["children.0.name"] == ""


def test_unknown_field_raises(forms):
    form = forms["income-withholding-notice"]
    with pytest.raises(UnknownFieldError) as exc:
        form.fill({"obligor_nmae": "x"})
    assert "obligor_nmae" in str(exc.value) and "obligor_name" in str(exc.value)
    with pytest.raises(UnknownFieldError):
        form.fill({"obligor_nmae": "x"}, flatten=False)


def test_bad_values_raise(forms):
    with pytest.raises(FieldValueError):
        forms["intake-form"].fill({"case.kind": "criminal"})
    with pytest.raises(FieldValueError):
        forms["income-withholding-notice"].fill({"type_amended": "maybe"})
    with pytest.raises(FieldValueError):
        forms["intake-form"].fill({"form.id": "something-else"})


def test_fill_is_reentrant(forms):
    form = forms["confidential-information"]
    a = form.fill({"petitioner_name": "Alpha"})
    b = form.fill({"petitioner_name": "Beta"})
    assert "Alpha" in _text(a) and "Alpha" not in _text(b) and "Beta" in _text(b)
