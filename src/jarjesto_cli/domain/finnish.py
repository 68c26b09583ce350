"""Numbers and dates as Finnish readers write them, and numbers as planners type them.

Pure text functions: the indicator kinds use them for their display texts, every output uses
them for its own.
"""

from __future__ import annotations

import datetime as dt
import re


def number(value: float | int) -> str:
    """`2,9`, `3,0`, `850 000`, `4`: decimal comma, no-break space between thousands."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u00a0")
    text = f"{value:,.2f}"
    if text.endswith("0"):  # 3.50 → 3,5 but 3.00 → 3,0: a float keeps one decimal
        text = text[:-1]
    return text.replace(",", "\u00a0").replace(".", ",")


def date(day: dt.date) -> str:
    """`30.6.2026`, as dates are written in Finnish."""
    return f"{day.day}.{day.month}.{day.year}"


def parse_number(text: str) -> int | float:
    """`3.8`, `3,8`, `850 000` → a number; an integral text stays an int. ValueError otherwise."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if re.fullmatch(r"[+-]?\d+", cleaned):
        return int(cleaned)
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", cleaned):
        return float(cleaned)
    raise ValueError(text)
