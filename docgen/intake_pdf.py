"""Read a filled copy of our intake PDF form into the case JSON (then `parse_case` validates it).

Field names in the form are dotted JSON paths: `case.number`, `children.0.name`,
`petitioner.income.gross_amount`; checkboxes are booleans; empty fields are omitted. The hidden
field `form.id` must be `docgen-intake-v1`; `form.*` fields are not part of the case.
"""
from __future__ import annotations

import io
import re
from typing import Any

FORM_ID = "docgen-intake-v1"
_INDEX = re.compile(r"^\d+$")


class IntakeError(Exception):
    """Raised for a file we cannot take; `status`, `title`, `detail` feed the problem response."""

    def __init__(self, status: int, title: str, detail: str, type_: str = "about:blank"):
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type_


def _check_pdf(data: bytes) -> None:
    if not data:
        raise IntakeError(400, "Empty upload", "The `form` file is empty.")
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise IntakeError(415, "Not a PDF", "The `form` file is not a PDF document.")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        if not encrypted:
            len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise IntakeError(422, "Unreadable PDF", "The PDF file is damaged and cannot be read.") from exc
    if encrypted:
        raise IntakeError(422, "Encrypted PDF",
                          "The PDF is encrypted or password-protected; upload an unprotected copy of the form.")


def _set_path(root: dict, parts: list[str], value: Any, dotted: str) -> None:
    node: Any = root
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        nxt_is_index = not last and bool(_INDEX.match(parts[i + 1]))
        if isinstance(node, list):
            idx = int(part)
            while len(node) <= idx:
                node.append(None)
            if last:
                node[idx] = value
            else:
                if node[idx] is None:
                    node[idx] = [] if nxt_is_index else {}
                node = node[idx]
        else:
            if last:
                node[part] = value
            else:
                if part not in node or node[part] is None:
                    node[part] = [] if nxt_is_index else {}
                node = node[part]
                if not isinstance(node, (dict, list)):
                    raise IntakeError(422, "Invalid form", f"Form field {dotted!r} conflicts with another field.")


def _compact(value: Any) -> Any:
    """Drop holes left by skipped list indexes (e.g. children.0 and children.2 filled)."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value if v is not None]
    return value


def fields_to_case(fields: dict[str, Any]) -> dict:
    case: dict = {}
    for name, value in sorted(fields.items(), key=lambda kv: kv[0]):
        if name.startswith("form.") or name == "form":
            continue
        if value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
            if value == "":
                continue
        parts = name.split(".")
        if any(p == "" for p in parts):
            continue
        _set_path(case, parts, value, name)
    case = _compact(case)
    case.setdefault("schema_version", 1)
    return case


def read_intake_pdf(data: bytes) -> dict:
    """Check the file and return the case dict (not yet validated)."""
    _check_pdf(data)
    from docgen.pdfforms import read_fields

    try:
        fields = read_fields(data)
    except Exception as exc:  # a damaged form dictionary: we do not know every way pypdf fails
        raise IntakeError(422, "Unreadable PDF", "The PDF form fields cannot be read.") from exc
    form_id = fields.get("form.id")
    if form_id != FORM_ID:
        raise IntakeError(
            422, "Not our intake form",
            f"This PDF is not the docgen intake form ({FORM_ID}); download the blank form from "
            "/api/v1/intake/form.pdf and fill it in.")
    return fields_to_case(fields)
