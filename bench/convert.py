"""Benchmark docgen.pdfconvert: cold start and amortised ms per document.

    .venv/bin/python bench/convert.py [--runs 5] [--docs 20]

Builds a ~4-page .docx with python-docx (paragraphs + a table), then:
  cold start  = new PdfConverter, first convert() (LibreOffice boot + 1 doc)
  amortised   = median over RUNS of (time for DOCS conversions) / DOCS
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from docx import Document  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from docgen.pdfconvert import PdfConverter  # noqa: E402

LOREM = (
    "The obligor shall pay child support to the obligee in the amount stated "
    "below, by income withholding, until further order of the court. "
)


def four_page_docx() -> bytes:
    doc = Document()
    doc.add_heading("Uniform Order for Support — benchmark", level=1)
    for i in range(30):
        doc.add_paragraph(f"{i + 1}. " + LOREM * 2)
    table = doc.add_table(rows=16, cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"R{r}C{c} $1,{r:03d}.{c:02d}"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=20)
    args = ap.parse_args()

    data = four_page_docx()
    with PdfConverter() as conv:
        t0 = time.perf_counter()
        pdf = conv.convert(data)
        cold = time.perf_counter() - t0
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"document: {len(data)} bytes docx -> {len(pdf)} bytes pdf, {pages} pages")
        print(f"cold start (boot + first doc): {cold * 1000:.0f} ms "
              f"(LibreOffice boot {conv.last_start_seconds * 1000:.0f} ms)")

        per_doc = []
        for run in range(args.runs):
            t0 = time.perf_counter()
            for _ in range(args.docs):
                conv.convert(data)
            ms = (time.perf_counter() - t0) * 1000 / args.docs
            per_doc.append(ms)
            print(f"run {run + 1}: {ms:.1f} ms/doc")
        med = statistics.median(per_doc)
        print(f"amortised: {med:.1f} ms/doc (median of {args.runs} runs x {args.docs} docs); "
              f"target <= 150 ms: {'OK' if med <= 150 else 'MISSED'}")


if __name__ == "__main__":
    main()
