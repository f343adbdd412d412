"""Illinois child support rules: the income-shares guideline (750 ILCS 5/505) and termination dates.

`compute(case)` takes a validated `Case` (see `rules.model.parse_case`) and returns a `Result` whose
worksheet carries every line with its citation. Knows nothing of Flask, Redis, templates or files
other than its own dated data in rules/data.
"""
from .compute import RULES_VERSION, Result, compute
from .model import Case, CaseValidationError, parse_case

__all__ = ["RULES_VERSION", "Case", "CaseValidationError", "Result", "compute", "parse_case"]
