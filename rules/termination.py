"""When current support ends: 750 ILCS 5/505(g); 305 ILCS 5/10-10, 10-11.

Per child: the 18th birthday; if the child will graduate from high school after turning 18, the
earlier of the graduation date and the 19th birthday. The order ends on the last child's date.

29 February: a child born on 29 February reaches an age in a common year on 1 March. The child has
not completed the years before then, and the earlier date (28 February) would cut support short.
"""
from __future__ import annotations

from datetime import date

CITATION = "750 ILCS 5/505(g); 305 ILCS 5/10-10, 10-11"


def birthday(born: date, years: int) -> date:
    try:
        return date(born.year + years, born.month, born.day)  # (the constructor is faster than born.replace)
    except ValueError:  # 29 February in a common year
        return date(born.year + years, 3, 1)


def child_termination(born: date, graduation: date | None, majority_age: int, school_limit: int) -> tuple[date, str]:
    """The date support for one child ends, and why."""
    adult = birthday(born, majority_age)
    if graduation is not None and graduation > adult:
        limit = birthday(born, school_limit)
        if graduation <= limit:
            return graduation, f"high school graduation after the {majority_age}th birthday"
        return limit, f"{school_limit}th birthday, before the expected high school graduation"
    return adult, f"{majority_age}th birthday"
