"""Every document the product generates, in one place: id, title, formats, template and its version,
and the context it needs. The version is the template's declared version plus its sha256, so an audit
record names exactly the file that produced a document."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    formats: tuple[str, ...]
    templates: tuple[str, ...]  # paths under templates/; orders pick the judicial or administrative one
    declared_version: str
    needs: str                  # what the case must carry
    filed_with_court: bool = True

    @cached_property
    def sha256(self) -> str:
        h = hashlib.sha256()
        for t in self.templates:
            h.update((TEMPLATES / t).read_bytes())
        return h.hexdigest()

    @property
    def template(self) -> str:
        return self.templates[0]

    @property
    def version(self) -> str:
        return f"{self.declared_version}+{self.sha256[:12]}"


DOCUMENTS: dict[str, Document] = {d.id: d for d in (
    Document("support-order", "Uniform Order for Support (judicial) or Administrative Order for Support (by case kind)",
             ("docx", "pdf"), ("orders/support-order.docx", "orders/administrative-order.docx", "orders/clauses.yaml"),
             "3", "case, parties, children; arrears optional"),
    Document("worksheet", "Child support guideline worksheet", ("pdf", "docx"), ("orders/worksheet.docx",), "1",
             "case, parties, children"),
    Document("income-withholding-notice", "Income Withholding for Support (federal IWO, OMB 0970-0154)", ("pdf",),
             ("forms/income-withholding-notice.pdf",), "1", "obligor's employer; obligor's SSN", filed_with_court=False),
    Document("notice-of-lien", "Notice of Lien (financial institution, lump sum or real property)", ("pdf",),
             ("forms/notice-of-lien-financial.pdf", "forms/notice-of-lien-real-property.pdf"), "1",
             "lien section; arrears", filed_with_court=False),
    Document("confidential-information", "Notice of Confidential Information Within Court Filing (Ill. S. Ct. R. 138)",
             ("pdf",), ("forms/confidential-information.pdf",), "1", "parties' SSNs"),
)}

CONTENT_TYPES = {"pdf": "application/pdf",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def get(document_id: str) -> Document:
    try:
        return DOCUMENTS[document_id]
    except KeyError:
        raise UnknownDocument(document_id) from None


class UnknownDocument(KeyError):
    def __str__(self) -> str:
        return f"unknown document {self.args[0]!r}; known: {', '.join(DOCUMENTS)}"
