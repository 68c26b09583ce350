"""Values typed on the command line, read into the domain's types. A bad one is a usage error
that names the input (`field`); the command line shows it as its option."""

from __future__ import annotations

import datetime as dt
import re

from jarjesto_cli.domain.fields import MAX_NUMBER, Value
from jarjesto_cli.domain.indicators import BadValue, IndicatorBase
from jarjesto_cli.domain.models import PRIORITIES, STATUS_WORDS
from jarjesto_cli.domain.periods import Period, PeriodError
from jarjesto_cli.errors import UsageError

_STATUS_SPELLINGS = {
    "toteutuu": "toteutuu",
    "toteutunut": "toteutuu",
    "toteutuu osittain": "toteutuu osittain",
    "osittain": "toteutuu osittain",
    "ei toteudu": "ei toteudu",
    "ei": "ei toteudu",
    "ei toteutunut": "ei toteudu",
}


def period(text: str) -> Period:
    """`2026`, `2026-H1`, `2023-Q4`."""
    try:
        return Period.parse(text.strip())
    except PeriodError as exc:
        raise UsageError(str(exc), field="period") from None


def status(text: str) -> str:
    """A status word as planners type it: `osittain`, `Toteutuu osittain`, `ei_toteudu`…"""
    key = re.sub(r"[\s_-]+", " ", text.strip().lower())
    if key not in _STATUS_SPELLINGS:
        raise UsageError(
            f"'{text}' is not a status",
            hint="write one of: " + ", ".join(STATUS_WORDS) + " (or just 'osittain' / 'ei')",
            field="status",
        )
    return _STATUS_SPELLINGS[key]


def value(indicator: IndicatorBase, text: str, *, field: str = "value") -> Value:
    """A value for `indicator`, checked against its kind; errors name the option `field`."""
    try:
        parsed = indicator.parse_value(text)
    except BadValue as exc:
        raise UsageError(str(exc), field=field) from None
    if isinstance(parsed, int | float) and abs(parsed) > MAX_NUMBER:
        raise UsageError("the number is too large: a value can be at most 10^15", field=field)
    return parsed


def date(text: str) -> dt.date:
    """A date as planners write it, `26.5.2027`, or as ISO, `2027-05-26`."""
    cleaned = text.strip()
    try:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", cleaned):
            day, month, year = (int(p) for p in cleaned.split("."))
            return dt.date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
            return dt.date.fromisoformat(cleaned)
    except ValueError:
        pass
    raise UsageError(
        f"'{text}' is not a date", hint="write it as 26.5.2027 or 2027-05-26", field="date"
    )


def priority(text: str) -> str:
    """`korkea`, `normaali` or `matala` (any case)."""
    word = text.strip().lower()
    if word not in PRIORITIES:
        raise UsageError(
            f"'{text}' is not a priority",
            hint="write one of: " + ", ".join(PRIORITIES),
            field="priority",
        )
    return word


def sub_action_address(text: str) -> tuple[str, int | None]:
    """`T1.2` (a measure) or `T1.2/3` (its third sub-action, counted from 1)."""
    measure_id, slash, number = text.strip().partition("/")
    if not slash:
        return measure_id, None
    if not number.isdigit() or int(number) < 1:
        raise UsageError(
            f"'{text}' does not name a sub-action",
            hint=f"number the sub-actions from 1: {measure_id}/1 is the first",
        )
    return measure_id, int(number)
