"""Reporting periods: a year (`2026`), a half (`2026-H1`) or a quarter (`2023-Q3`).

Periods order by when they end; of two that end on the same day the shorter comes first, so
`2024-Q4 < 2024-H2 < 2024`. A period "is known by" another when it ends no later than it: the
state of a plan for a period uses everything known by that period's end.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering

# `2023-q4` is read as `2023-Q4`: people type either, and both mean the same quarter
PERIOD_PATTERN = r"^[0-9]{4}(-([Hh][12]|[Qq][1-4]))?$"
_RE = re.compile(r"^(\d{4})(?:-([Hh][12]|[Qq][1-4]))?$")

# months per part: (first month, last month)
_PARTS = {
    None: (1, 12),
    "H1": (1, 6),
    "H2": (7, 12),
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
}


class PeriodError(ValueError):
    """A string that is not a period."""


@total_ordering
@dataclass(frozen=True)
class Period:
    """One reporting period."""

    year: int
    part: str | None = None  # None for a whole year, else H1, H2, Q1..Q4

    @classmethod
    def parse(cls, text: str | int) -> Period:
        """Parse `2026`, `2026-H1` or `2023-Q4` (`2023-q4` too; an int year is accepted, as YAML
        gives one)."""
        if isinstance(text, bool):
            raise PeriodError(f"{text!r} is not a period")
        match = _RE.match(str(text).strip()) if isinstance(text, str | int) else None
        if not match:
            raise PeriodError(
                f"{text!r} is not a period; write a year (2026), a half (2026-H1, 2026-H2) "
                "or a quarter (2023-Q1 … 2023-Q4)"
            )
        year = int(match.group(1))
        if year < 1900 or year > 2200:
            raise PeriodError(f"{text!r}: the year {year} is out of range (1900–2200)")
        part = match.group(2)
        return cls(year, part.upper() if part else None)

    @property
    def months(self) -> int:
        first, last = _PARTS[self.part]
        return last - first + 1

    @property
    def start(self) -> date:
        return date(self.year, _PARTS[self.part][0], 1)

    @property
    def end(self) -> date:
        last = _PARTS[self.part][1]
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    @property
    def sort_key(self) -> tuple[date, int]:
        return (self.end, self.months)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key < other.sort_key

    def contains(self, other: Period) -> bool:
        """True when `other` lies inside this period (a year contains its halves and quarters)."""
        return self.start <= other.start and other.end <= self.end

    def known_by(self, other: Period) -> bool:
        """True when this period has ended by the end of `other`."""
        return self.end <= other.end

    def __str__(self) -> str:
        return f"{self.year}" if self.part is None else f"{self.year}-{self.part}"

    def label(self) -> str:
        """The one label readers see: `2023`, `1. vuosipuolisko 2026`, `3. neljännes 2023`.

        A no-break space keeps the ordinal with its word, so a table cell or a chart label never
        breaks into "1." and "neljännes 2023".
        """
        if self.part is None:
            return str(self.year)
        word = "vuosipuolisko" if self.part.startswith("H") else "neljännes"
        return f"{self.part[1]}.\u00a0{word} {self.year}"
