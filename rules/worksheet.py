"""The worksheet: every intermediate line of a calculation with its citation.

Amounts keep full precision; they are rounded (to the cent, half up) only where shown. The document,
the API and the CLI all print the same lines.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

CENT = Decimal("0.01")
SHARE = Decimal("0.0001")


def cents(x: Decimal) -> Decimal:
    return x.quantize(CENT, ROUND_HALF_UP)


class Line(NamedTuple):
    """One worksheet line. `kind` says how to show the amount: money, ratio, count, date or text."""
    key: str
    label: str
    amount: object
    citation: str
    kind: str = "money"
    note: str | None = None

    def shown(self) -> str:
        a, k = self.amount, self.kind
        if a is None:
            return ""
        if k == "money":
            return str(cents(a))
        if k == "ratio":
            return str(a.quantize(SHARE, ROUND_HALF_UP))
        if k == "date":
            return a.isoformat() if isinstance(a, date) else str(a)
        return str(a)

    def as_dict(self) -> dict:
        d = {"key": self.key, "label": self.label, "amount": self.shown(), "citation": self.citation, "kind": self.kind}
        if self.note:
            d["note"] = self.note
        return d


_new = tuple.__new__  # builds a Line without the Python-level __new__: the worksheet is on the hot path


class Worksheet(list):
    """An ordered list of Lines, addressable by key."""

    def add(self, key, label, amount, citation, kind="money", note=None):
        self.append(_new(Line, (key, label, amount, citation, kind, note)))
        return amount

    def get(self, key: str) -> Line:
        for line in self:
            if line.key == key:
                return line
        raise KeyError(key)

    def __contains__(self, key) -> bool:
        return any(line.key == key for line in self) if isinstance(key, str) else list.__contains__(self, key)

    def as_list(self) -> list[dict]:
        return [line.as_dict() for line in self]
