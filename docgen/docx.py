"""Word documents from docxtpl templates, compiled once.

docxtpl re-reads and re-compiles the template on every render (40% of its time). Here each template
part (body, headers, footers) is cleaned by docxtpl's own `patch_xml` (tags split across runs, curly
quotes inside tags) and compiled by a sandboxed, autoescaping Jinja environment once; a render only
runs the compiled templates and writes a new zip with the other parts copied as they are.
User text is data: the sandbox refuses template code, autoescape makes `<`, `&` literal in the XML,
StrictUndefined turns a missing value into an error instead of a silently empty blank.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_NEWLINE_P = re.compile(r"<w:p([ >])")
_NEWLINE_BACK = re.compile(r"\n<w:p([ >])")


def sandbox(autoescape: bool = True) -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined, keep_trailing_newline=True)


class WordTemplate:
    """A .docx template compiled once; `render(context) -> bytes` is safe to call from many threads."""

    def __init__(self, path: Path):
        self.path = Path(path)
        tpl = DocxTemplate(str(self.path))  # only for its patch_xml / resolve_listing helpers
        self._docxtpl = tpl
        env = sandbox()
        # zip entries in their original order: bytes to copy, or a compiled template to render
        self._entries: list[tuple[zipfile.ZipInfo, object]] = []
        with zipfile.ZipFile(self.path) as z:
            for info in z.infolist():
                data = z.read(info)
                if _PART.match(info.filename):
                    xml = tpl.patch_xml(data.decode("utf-8"))
                    xml = _NEWLINE_P.sub(r"\n<w:p\1", xml)  # as docxtpl: {%p %} tags work per line
                    data = env.from_string(xml)
                self._entries.append((info, data))

    def render(self, context: dict) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in self._entries:
                if not isinstance(data, bytes):
                    xml = _NEWLINE_BACK.sub(r"<w:p\1", data.render(context))
                    data = self._docxtpl.resolve_listing(xml).encode("utf-8")  # line breaks in values: <w:br/>
                z.writestr(info, data)
        return out.getvalue()
