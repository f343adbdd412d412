"""Documents per second on one core: the support order as .docx, the order as .pdf (through the running
LibreOffice), and the income withholding notice as a filled, flattened .pdf. Median of 5 runs.

    python bench/render.py [--n 50] [--pdf-n 10]
"""
import argparse
import json
import statistics
import time
from pathlib import Path

import docgen
from docgen.pdfconvert import default_converter
from rules import compute, parse_case

ROOT = Path(__file__).resolve().parents[1]


def rate(fn, n: int, runs: int = 5) -> tuple[float, list[float]]:
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates), rates


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--pdf-n", type=int, default=10)
    args = ap.parse_args()
    case = parse_case(json.loads((ROOT / "examples" / "case-basic.json").read_text()))
    result = compute(case)
    t0 = time.perf_counter()
    docgen.preload()
    print(f"preload (compile templates, parse forms): {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    default_converter().convert(docgen.render("support-order", case, result, "docx"))
    print(f"first order pdf (starts LibreOffice): {time.perf_counter() - t0:.2f} s")
    for label, fn, n in (
        ("order docx", lambda: docgen.render("support-order", case, result, "docx"), args.n),
        ("order pdf ", lambda: docgen.render("support-order", case, result, "pdf"), args.pdf_n),
        ("IWO pdf   ", lambda: docgen.render("income-withholding-notice", case, result, "pdf"), args.n),
    ):
        median, runs = rate(fn, n)
        print(f"{label}: {median:7.1f} documents/s  ({1000 / median:6.1f} ms each)  runs: "
              + ", ".join(f"{r:.1f}" for r in runs))
    default_converter().close()


if __name__ == "__main__":
    main()
