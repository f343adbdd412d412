"""`render(document_id, case, result, fmt) -> bytes`: one entry point for the CLI, batches and workers.

Templates are compiled and forms parsed once per process (`preload()` does it up front, before a
worker forks); PDFs of Word documents come from a LibreOffice kept running (docgen.pdfconvert).
"""
from __future__ import annotations

from functools import lru_cache

from rules import Case, Result

from . import context, forms_context
from .catalog import TEMPLATES, get
from .docx import WordTemplate
from .pdfforms import get_form


class DocumentNotApplicable(ValueError):
    """The case lacks what the document needs; `field` names what is missing."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@lru_cache(maxsize=None)
def word_template(name: str) -> WordTemplate:
    return WordTemplate(TEMPLATES / "orders" / name)


def preload() -> None:
    """Compile every template and parse every form now (workers call it before forking)."""
    for name in ("support-order.docx", "administrative-order.docx", "worksheet.docx"):
        word_template(name)
    context.clause_catalog()
    for form in ("income-withholding-notice", "notice-of-lien-financial", "notice-of-lien-real-property",
                 "confidential-information"):
        get_form(form)._flat_base()


def _to_pdf(docx: bytes) -> bytes:
    from .pdfconvert import default_converter
    return default_converter().convert(docx)


def _stamp(ctx: dict, title: str, template: str, doc) -> dict:
    ctx.update(document_title=title, template_id=template, template_version=doc.version)
    return ctx


def render(document_id: str, case: Case, result: Result, fmt: str = "pdf") -> bytes:
    doc = get(document_id)
    if fmt not in doc.formats:
        raise ValueError(f"{document_id} is made as {', '.join(doc.formats)}, not {fmt}")
    if document_id == "support-order":
        kind = case.case.kind
        name = f"{'support' if kind == 'judicial' else 'administrative'}-order"
        title = "Uniform Order for Support" if kind == "judicial" else "Administrative Order for Support"
        ctx = _stamp(context.order_context(case, result, kind), title, name, doc)
        data = word_template(f"{name}.docx").render(ctx)
        return data if fmt == "docx" else _to_pdf(data)
    if document_id == "worksheet":
        ctx = _stamp(context.worksheet_context(case, result), "Guideline worksheet", "worksheet", doc)
        data = word_template("worksheet.docx").render(ctx)
        return data if fmt == "docx" else _to_pdf(data)
    if document_id == "income-withholding-notice":
        obligor = case.parent(result.obligor) if result.obligor else None
        if obligor is None or result.monthly_support == 0:
            raise DocumentNotApplicable("monthly_support", "no support to withhold under this result")
        values = forms_context.income_withholding(case, result)
        if not result.schedule.official:
            values["filing_notice"] = "NOT FOR FILING — amounts computed with an illustrative schedule, not the official HFS table"
        return get_form("income-withholding-notice").fill(values)
    if document_id == "notice-of-lien":
        if case.lien is None:
            raise DocumentNotApplicable("lien", "the case has no lien section (kind, holder, description)")
        if case.arrears is None:
            raise DocumentNotApplicable("arrears", "a lien notice states the past-due support: arrears are required")
        form_id, values = forms_context.notice_of_lien(case, result)
        return get_form(form_id).fill(values)
    if document_id == "confidential-information":
        return get_form("confidential-information").fill(forms_context.confidential_information(case, result))
    raise AssertionError(document_id)  # every catalog id is handled above
