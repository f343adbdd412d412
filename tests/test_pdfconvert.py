"""docgen.pdfconvert: DOCX -> PDF through a long-running LibreOffice.

Needs soffice + python3-uno (scripts/install-system-deps.sh); skipped without.
"""

from __future__ import annotations

import io
import os
import signal
import threading
import time

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pypdf import PdfReader

from docgen.pdfconvert import (
    LibreOfficeNotFound,
    PdfConversionError,
    PdfConversionTimeout,
    PdfConverter,
    find_soffice,
)

try:
    find_soffice()
except LibreOfficeNotFound as exc:
    pytest.skip(f"LibreOffice not installed: {exc}", allow_module_level=True)
if not os.path.exists(os.environ.get("DOCGEN_UNO_PYTHON", "/usr/bin/python3")):
    pytest.skip("no /usr/bin/python3 for python3-uno", allow_module_level=True)

HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"


def _add_page_field(paragraph) -> None:
    """Append a Word PAGE field (complex field: begin / instr / separate / end)."""

    def fld(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    paragraph.add_run()._r.append(instr)
    fld("separate")
    paragraph.add_run("1")
    fld("end")


def make_docx(tag: str = "") -> bytes:
    doc = Document()
    doc.add_heading(f"Uniform Order for Support {tag}".strip(), level=1)
    doc.add_paragraph("Obligor: José Müller-Ørsted, Façade Street, Zürich — “quoted” €100")
    doc.add_paragraph(f"Hebrew: {HEBREW}")
    doc.add_paragraph(f"Arabic: {ARABIC}")
    table = doc.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for i, (k, v) in enumerate([("Net income", "$4,210.00"), ("Children", "2"), ("Support", "$1,052.50")]):
        table.cell(i, 0).text = k
        table.cell(i, 1).text = v
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = "Page "
    _add_page_field(footer)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() or "" for p in reader.pages)


def _squash(s: str) -> str:
    return "".join(s.split())


def _live_group(pgid: int) -> list[int]:
    """Running (non-zombie) processes of a process group. LibreOffice leaves
    short-lived gpgconf zombies that only init reaps, so skip state Z."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state != "Z":
            pids.append(int(entry))
    return pids


def _kill_soffice(conv: PdfConverter) -> list[int]:
    """SIGKILL every process in the converter's LibreOffice process group,
    soffice.bin first (a crash, not a shutdown)."""
    pgid = conv.soffice_pgid
    assert pgid is not None
    pids = sorted(_live_group(pgid), reverse=True)  # soffice.bin is younger than oosplash
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return pids


@pytest.fixture(scope="module")
def conv():
    with PdfConverter(timeout=60) as c:
        yield c


def test_convert_text_and_pages(conv):
    pdf = conv.convert(make_docx())
    assert pdf.startswith(b"%PDF-")
    pages, text = pdf_text(pdf)
    assert pages > 0
    assert "Uniform Order for Support" in text
    assert "José Müller-Ørsted" in text
    assert "Zürich" in text and "€100" in text
    assert "$1,052.50" in text  # table cell
    # Right-to-left text: compare without whitespace, accept either order the
    # extractor chooses (logical or visual).
    flat = _squash(text)
    assert _squash(HEBREW) in flat or _squash(HEBREW)[::-1] in flat
    assert _squash(ARABIC) in flat or _squash(ARABIC)[::-1] in flat
    assert "Page 1" in text  # footer PAGE field evaluated


def test_three_in_a_row_same_process(conv):
    conv.convert(make_docx("warm"))
    pgid = conv.soffice_pgid
    for i in range(3):
        pages, text = pdf_text(conv.convert(make_docx(f"#{i}")))
        assert pages > 0 and f"#{i}" in text
    assert conv.soffice_pgid == pgid  # no restart in between


def test_restarts_after_soffice_killed(conv):
    conv.convert(make_docx("before"))
    old = conv.soffice_pgid
    assert _kill_soffice(conv)
    time.sleep(0.2)
    pages, text = pdf_text(conv.convert(make_docx("after kill")))
    assert pages > 0 and "after kill" in text
    assert conv.soffice_pgid not in (None, old)


def test_concurrent_threads(conv):
    results: dict[int, str] = {}

    def work(i: int) -> None:
        results[i] = pdf_text(conv.convert(make_docx(f"thread-{i}")))[1]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(results) == [0, 1, 2, 3]
    for i, text in results.items():
        assert f"thread-{i}" in text


def test_bad_input_is_clear_error_and_converter_survives(conv):
    with pytest.raises(PdfConversionError):
        conv.convert(b"this is not a docx")
    assert pdf_text(conv.convert(make_docx("still fine")))[0] > 0


def test_timeout_kills_and_next_call_recovers():
    with PdfConverter() as c:
        c.start()
        with pytest.raises(PdfConversionTimeout):
            c.convert(make_docx("slow"), timeout=0.001)
        assert c.soffice_pgid is None
        assert pdf_text(c.convert(make_docx("recovered")))[0] > 0


def test_close_stops_everything_and_removes_profile():
    c = PdfConverter()
    c.convert(make_docx())
    pgid, workdir = c.soffice_pgid, c._workdir
    assert os.path.isdir(os.path.join(workdir, "profile"))
    c.close()
    assert not os.path.exists(workdir)
    assert _live_group(pgid) == []
    with pytest.raises(PdfConversionError):
        c.convert(make_docx())


def test_missing_soffice_names_install_script(monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", "/nonexistent/soffice")
    with PdfConverter() as c, pytest.raises(LibreOfficeNotFound, match="install-system-deps.sh"):
        c.convert(make_docx())
