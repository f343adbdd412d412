"""`docgen verify DOCUMENT_ID`: re-render a stored document from its stored inputs and compare.

PDFs are not byte-reproducible (ids, timestamps), so content is compared: the text of every page
plus the AcroForm field values. For docx the text of word/document.xml (paragraph by paragraph).
The stored file's sha256 is also checked against its audit record (tampering/corruption).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class VerifyReport:
    document_id: str
    ok: bool = False
    checks: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)


def pdf_content(data: bytes) -> dict:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    fields = {}
    try:
        for name, f in (reader.get_fields() or {}).items():
            value = f.get("/V")
            fields[name] = None if value is None else str(value)
    except Exception:
        fields = {}
    return {"pages": pages, "fields": fields}


def docx_content(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    root = ElementTree.fromstring(xml)
    paragraphs = []
    for p in root.iter(f"{W_NS}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W_NS}t"))
        if text.strip():
            paragraphs.append(text)
    return {"paragraphs": paragraphs}


def content_of(fmt: str, data: bytes) -> dict:
    if fmt == "pdf":
        return pdf_content(data)
    if fmt == "docx":
        return docx_content(data)
    raise ValueError(f"cannot compare format {fmt!r}")


def verify_document(store, document_id: str) -> VerifyReport:
    import docgen
    import rules
    from docgen.catalog import DOCUMENTS
    from rules.model import parse_case

    from docgen.store import sha256_hex

    report = VerifyReport(document_id=document_id)
    doc = store.get_document(document_id)
    if doc is None:
        report.notes.append("no such document")
        return report
    job = store.get_job(doc.job_id)
    case_row = store.get_case(job.case_id)
    stored = store.file_path(doc.path).read_bytes()
    report.checks["file_sha256_matches_record"] = sha256_hex(stored) == doc.sha256

    spec = DOCUMENTS.get(doc.document)
    template_now = f"{spec.id}@{spec.version}" if spec else None
    rules_now = str(getattr(rules, "RULES_VERSION", "unknown"))
    if template_now != doc.template:
        report.notes.append(f"template changed since generation: {doc.template} -> {template_now}")
    if rules_now != doc.rules_version:
        report.notes.append(f"rules changed since generation: {doc.rules_version} -> {rules_now}")

    case = parse_case(case_row.snapshot)
    result = rules.compute(case)
    fresh = docgen.render(doc.document, case, result, doc.format)
    a, b = content_of(doc.format, stored), content_of(doc.format, fresh)
    report.checks["content_matches_rerender"] = a == b
    if a != b:
        for key in a:
            if a.get(key) != b.get(key):
                report.notes.append(f"{key} differ")
    report.ok = all(report.checks.values())
    return report
