"""Schedules as data with an identity; installing one and choosing it by the order date."""
import subprocess
import sys
from datetime import date
from decimal import Decimal as D

import pytest

from casebuilder import case
from rules import compute, parse_case, schedule

HEADER = "income_low,income_high,children_1,children_2,children_3,children_4,children_5,children_6\n"


def write(tmp_path, rows, name="s.csv"):
    p = tmp_path / name
    p.write_text(HEADER + "".join(rows))
    return p


def test_builtin_schedule_is_marked_unofficial_and_checksummed():
    s = schedule.schedule_for(date(2025, 6, 2))
    assert (s.id, s.official, s.effective_date) == ("il-illustrative-2025-03-05", False, date(2025, 3, 5))
    assert s.lookup(D("874.99"), 1) == (D(182), False)
    assert s.lookup(D("875.00"), 1) == (D(191), False)
    assert s.lookup(D("26724.99"), 1) == (D(3707), False)
    assert s.lookup(D("26725.00"), 1) == (D(3707), True)


@pytest.mark.parametrize("rows, message", [
    (["0.00,99.99,1,2,3,4,5,6\n", "200.00,299.99,1,2,3,4,5,6\n"], "contiguous"),
    (["0.00,99.99,5,6,7,8,9,10\n", "100.00,199.99,4,6,7,8,9,10\n"], "must not decrease"),
    (["10.00,99.99,1,2,3,4,5,6\n"], "must be 0"),
    (["0.00,99.99,a,2,3,4,5,6\n"], "number"),
])
def test_loader_rejects_bad_tables(tmp_path, rows, message):
    with pytest.raises(schedule.ScheduleError, match=message):
        schedule.parse_csv(write(tmp_path, rows).read_bytes())


def test_installed_official_schedule_applies_from_its_effective_date(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SCHEDULES_DIR", str(tmp_path / "installed"))
    csv = write(tmp_path, ["0.00,99999.99,500,600,700,800,900,1000\n"])
    out = subprocess.run([sys.executable, "-m", "docgen.cli", "rules", "install-schedule", str(csv),
                          "--effective", "2025-09-01", "--source", "HFS test table", "--official"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "il-hfs-2025-09-01-official" in out.stdout
    # before the new table's date, the illustrative one; from it, the installed one
    assert compute(parse_case(case(order_date="2025-08-31"))).schedule.id == "il-illustrative-2025-03-05"
    r = compute(parse_case(case(order_date="2025-09-01")))
    assert (r.schedule.id, r.schedule.official, r.basic_obligation) == ("il-hfs-2025-09-01-official", True, D(500))
    assert "illustrative_schedule" not in {f.code for f in r.flags}


def test_install_rejects_a_bad_table_with_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SCHEDULES_DIR", str(tmp_path / "installed"))
    csv = write(tmp_path, ["0.00,99.99,1,2,3,4,5,6\n", "300.00,399.99,1,2,3,4,5,6\n"])
    out = subprocess.run([sys.executable, "-m", "docgen.cli", "rules", "install-schedule", str(csv),
                          "--effective", "2026-01-01", "--source", "x"], capture_output=True, text=True)
    assert out.returncode == 2 and "contiguous" in out.stderr


def test_a_changed_schedule_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SCHEDULES_DIR", str(tmp_path))
    s = schedule.install(write(tmp_path, ["0.00,99999.99,1,2,3,4,5,6\n"], "t.csv"), date(2026, 1, 1), "x", False, "t1")
    (tmp_path / "t1.csv").write_text(HEADER + "0.00,99999.99,9,9,9,9,9,9\n")
    schedule.clear_cache()
    with pytest.raises(schedule.ScheduleError, match="sha256"):
        schedule.all_schedules()
    assert s.id == "t1"
