"""The `docgen` command line. Exit status: 0 success, 2 invalid input (field-level messages on stderr)."""
from __future__ import annotations

import json
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import click

from rules import CaseValidationError, compute, parse_case
from rules import schedule as schedules


def load_case_file(path: str):
    """Read and validate a case JSON file; exit 2 with every bad field named."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError) as exc:
        fail([f"{path}: cannot read the file ({exc.__class__.__name__})"])
    except json.JSONDecodeError as exc:
        fail([f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"])
    try:
        case = parse_case(data)
        return case, compute(case)
    except CaseValidationError as exc:
        fail([f"{e['field']}: {e['message']}" for e in exc.errors], header=f"{path}: invalid case")


def fail(lines: list[str], header: str | None = None):
    if header:
        click.echo(header, err=True)
    for line in lines:
        click.echo(f"  {line}" if header else line, err=True)
    sys.exit(2)


@click.group()
def main():
    """docgen: Illinois child support calculations, orders and notices."""


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the contract's result object as JSON.")
def calc(case_file, as_json):
    """Compute guideline support for CASE_FILE and print the worksheet."""
    case, result = load_case_file(case_file)
    if as_json:
        click.echo(json.dumps(result.to_contract(), indent=2))
        return
    click.echo(format_worksheet(case, result))


def format_worksheet(case, result) -> str:
    c = result.to_contract()
    width = max(len(line["label"]) for line in c["worksheet"])
    out = [f"Case {case.case.number}, {case.case.county} County — order date {case.case.order_date}",
           f"Schedule {c['schedule']['id']} (effective {c['schedule']['effective_date']}, "
           f"{'official' if c['schedule']['official'] else 'NOT official — not for filing'}); tax year {c['tax_year']}",
           ""]
    for line in c["worksheet"]:
        out.append(f"{line['label']:<{width}}  {line['amount']:>12}  {line['citation']}")
        if line.get("note"):
            out.append(f"{'':<{width}}  {'':>12}  note: {line['note']}")
    out.append("")
    payer = f"the {c['obligor']} pays the {c['obligee']}" if c["obligor"] else "no transfer"
    out.append(f"Result ({c['method']}): ${c['monthly_support']} a month — {payer}; "
               f"current support ends {c['termination_date']}.")
    for f in c["flags"]:
        out.append(f"! {f['message']} ({f['citation']})")
    return "\n".join(out)


def _register_service_commands():
    from .service_cli import register
    register(main)


_register_service_commands()  # serve, worker, tokens, verify


@main.command()
def documents():
    """List the documents docgen generates."""
    from .catalog import DOCUMENTS
    for d in DOCUMENTS.values():
        click.echo(f"{d.id:<26} {'/'.join(d.formats):<9} v{d.version:<18} {d.title} — needs: {d.needs}")


@main.command()
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--document", "-d", "document_ids", multiple=True, required=True,
              help="Document id (repeatable); see `docgen documents`.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Directory to write into.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx"]), default=None,
              help="Only this format (default: every format the document is made in).")
def render(case_file, document_ids, out_dir, fmt):
    """Write the named documents for CASE_FILE into OUT and print their paths."""
    from .catalog import DOCUMENTS
    from .render import DocumentNotApplicable, render as render_document
    unknown = [d for d in document_ids if d not in DOCUMENTS]
    if unknown:
        fail([f"--document {d}: unknown document; known: {', '.join(DOCUMENTS)}" for d in unknown])
    case, result = load_case_file(case_file)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", case.case.number).strip("-") or "case"
    problems = []
    for doc_id in document_ids:
        for f in DOCUMENTS[doc_id].formats:
            if fmt and f != fmt:
                continue
            try:
                data = render_document(doc_id, case, result, f)
            except DocumentNotApplicable as exc:
                problems.append(f"{doc_id}: {exc.field}: {exc.message}")
                break
            path = out / f"{stem}-{doc_id}.{f}"
            path.write_bytes(data)
            click.echo(str(path))
    if problems:
        fail(problems, header=f"{case_file}: some documents do not apply to this case")


@main.group()
def rules():
    """Rules data: schedules of basic obligations."""


@rules.command("schedules")
def list_schedules():
    """List installed schedules and which one is in force today."""
    try:
        current = schedules.schedule_for(date.today()).id
    except schedules.ScheduleError:
        current = None
    for s in schedules.all_schedules():
        mark = "*" if s.id == current else " "
        click.echo(f"{mark} {s.id}  effective {s.effective_date}  {'official' if s.official else 'not official'}  "
                   f"sha256 {s.sha256[:12]}  {s.source.splitlines()[0][:60]}")


@rules.command("install-schedule")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--effective", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="Date it takes effect.")
@click.option("--source", required=True, help="Where the table comes from (publication, URL, date retrieved).")
@click.option("--official/--unofficial", default=False, help="Whether it is the official HFS table.")
@click.option("--id", "schedule_id", default=None, help="Identifier (default il-hfs-DATE-official|unofficial).")
def install_schedule(csv_file, effective, source, official, schedule_id):
    """Validate and install a schedule CSV (columns income_low,income_high,children_1..children_6)."""
    try:
        s = schedules.install(Path(csv_file), effective.date(), source, official, schedule_id)
    except schedules.ScheduleError as exc:
        fail([str(exc)])
    click.echo(f"installed {s.id}: effective {s.effective_date}, {'official' if s.official else 'not official'}, "
               f"{len(s.lows)} rows, sha256 {s.sha256}, in {schedules.installed_dir()}")


if __name__ == "__main__":
    main()
