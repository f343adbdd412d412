"""Schedules of basic child support obligations (750 ILCS 5/505(a)(1), (1.5)(C)) as data with an identity.

A schedule is a CSV (income_low, income_high, children_1 … children_6; whole or cent amounts) with a
sidecar YAML: id, effective date, source, sha256 of the CSV, and whether it is the official HFS table.
Built-in schedules ship in rules/data/schedules; a clerk's office installs others (the official table)
with `docgen rules install-schedule` into the schedules directory (`DOCGEN_SCHEDULES_DIR`, default
`$DOCGEN_DATA_DIR/schedules`, default `var/schedules`). The calculation uses the schedule in force on the
order date: the latest effective date on or before it, an official table winning a tie.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

BUILTIN_DIR = Path(__file__).parent / "data" / "schedules"
CITATION = "750 ILCS 5/505(a)(1.5)(C); HFS Schedule of Basic Obligations"
COLUMNS = ["income_low", "income_high"] + [f"children_{n}" for n in range(1, 7)]
CENT = Decimal("0.01")


class ScheduleError(ValueError):
    """A schedule file that cannot be used, or no schedule in force."""


def installed_dir() -> Path:
    if os.environ.get("DOCGEN_SCHEDULES_DIR"):
        return Path(os.environ["DOCGEN_SCHEDULES_DIR"])
    return Path(os.environ.get("DOCGEN_DATA_DIR", "var")) / "schedules"


@dataclass(frozen=True)
class Schedule:
    id: str
    effective_date: date
    source: str
    sha256: str
    official: bool
    lows: tuple[Decimal, ...]
    amounts: tuple[tuple[Decimal, ...], ...]  # per row, children 1..6
    top: Decimal  # highest combined income the table covers

    def lookup(self, combined_net: Decimal, children: int) -> tuple[Decimal, bool]:
        """Amount for the combined monthly net income and number of children (1..6), and whether the
        income is above the schedule (the top amount is then the minimum, 505(a)(3.5))."""
        if combined_net > self.top:
            return self.amounts[-1][children - 1], True
        row = max(bisect_right(self.lows, combined_net) - 1, 0)
        return self.amounts[row][children - 1], False

    def describe(self) -> dict:
        return {"id": self.id, "effective_date": self.effective_date.isoformat(), "official": self.official,
                "source": self.source, "sha256": self.sha256}


def parse_csv(data: bytes, name: str = "schedule") -> tuple[tuple, tuple, Decimal]:
    """Validate a schedule CSV: the columns, contiguous $0.01 brackets from $0, non-decreasing amounts."""
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    except UnicodeDecodeError:
        raise ScheduleError(f"{name}: not a UTF-8 text file") from None
    if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != COLUMNS:
        raise ScheduleError(f"{name}: the header must be {','.join(COLUMNS)} (found {reader.fieldnames})")
    lows, amounts, prev_high, prev_amounts = [], [], None, None
    for line, row in enumerate(reader, start=2):
        try:
            low, high = Decimal(row["income_low"]), Decimal(row["income_high"])
            amts = tuple(Decimal(row[f"children_{n}"]) for n in range(1, 7))
        except (InvalidOperation, TypeError):
            raise ScheduleError(f"{name} line {line}: every cell must be a number") from None
        expected_low = Decimal(0) if prev_high is None else prev_high + CENT
        if low != expected_low:
            raise ScheduleError(f"{name} line {line}: income_low {low} must be {expected_low} (brackets must be contiguous)")
        if high < low:
            raise ScheduleError(f"{name} line {line}: income_high {high} is below income_low {low}")
        if any(a < 0 for a in amts):
            raise ScheduleError(f"{name} line {line}: amounts must not be negative")
        if prev_amounts and any(a < p for a, p in zip(amts, prev_amounts)):
            raise ScheduleError(f"{name} line {line}: amounts must not decrease as income rises")
        lows.append(low)
        amounts.append(amts)
        prev_high, prev_amounts = high, amts
    if not lows:
        raise ScheduleError(f"{name}: no rows")
    return tuple(lows), tuple(amounts), prev_high


def _load(meta_path: Path) -> Schedule:
    meta = yaml.safe_load(meta_path.read_text())
    csv_path = meta_path.with_name(meta["file"])
    data = csv_path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        raise ScheduleError(f"{csv_path}: sha256 {digest} does not match its record {meta['sha256']} (file changed)")
    lows, amounts, top = parse_csv(data, csv_path.name)
    eff = meta["effective_date"]
    return Schedule(id=meta["id"], effective_date=eff if isinstance(eff, date) else date.fromisoformat(eff),
                    source=meta["source"], sha256=digest, official=bool(meta["official"]),
                    lows=lows, amounts=amounts, top=top)


@lru_cache(maxsize=None)
def _registry(installed: Path) -> tuple[Schedule, ...]:
    metas = sorted(BUILTIN_DIR.glob("*.yaml")) + (sorted(installed.glob("*.yaml")) if installed.is_dir() else [])
    return tuple(sorted((_load(p) for p in metas), key=lambda s: (s.effective_date, s.official)))


def clear_cache() -> None:
    _registry.cache_clear()
    _schedule_for.cache_clear()


def all_schedules() -> tuple[Schedule, ...]:
    return _registry(installed_dir())


def schedule_for(on: date) -> Schedule:
    return _schedule_for(os.environ.get("DOCGEN_SCHEDULES_DIR"), os.environ.get("DOCGEN_DATA_DIR"), on)


@lru_cache(maxsize=4096)
def _schedule_for(_dir: str | None, _data: str | None, on: date) -> Schedule:
    """Cached per date and per configured directory (the arguments are the cache key)."""
    in_force = [s for s in all_schedules() if s.effective_date <= on]
    if not in_force:
        first = min((s.effective_date for s in all_schedules()), default=None)
        raise ScheduleError(f"no schedule of basic obligations is in force on {on} (the earliest installed takes "
                            f"effect {first}); install the schedule of that date with `docgen rules install-schedule`")
    return in_force[-1]


def install(csv_file: Path, effective: date, source: str, official: bool, schedule_id: str | None = None) -> Schedule:
    """Validate a schedule CSV and install it with its identity; returns the installed schedule."""
    data = Path(csv_file).read_bytes()
    parse_csv(data, Path(csv_file).name)
    kind = "official" if official else "unofficial"
    schedule_id = schedule_id or f"il-hfs-{effective.isoformat()}-{kind}"
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,80}", schedule_id):
        raise ScheduleError("schedule id: letters, digits, '.', '_' and '-' only (at most 80)")
    if any(s.id == schedule_id for s in all_schedules()):
        raise ScheduleError(f"schedule id {schedule_id} is already installed; choose another --id")
    target = installed_dir()
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{schedule_id}.csv").write_bytes(data)
    meta = {"id": schedule_id, "file": f"{schedule_id}.csv", "effective_date": effective.isoformat(),
            "source": source, "official": official, "sha256": hashlib.sha256(data).hexdigest(),
            "installed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    (target / f"{schedule_id}.yaml").write_text(yaml.safe_dump(meta, sort_keys=False))
    clear_cache()
    return next(s for s in all_schedules() if s.id == schedule_id)
