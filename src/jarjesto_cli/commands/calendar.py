"""`plan calendar`: the year's reporting deadlines per audience, what passed ones still lack,
and optionally the deadlines as an iCalendar file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jarjesto_cli import clock
from jarjesto_cli.domain.deadlines import Deadline, Item, Missing, deadlines, missing
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.outputs import display
from jarjesto_cli.outputs.sanitize import line
from jarjesto_cli.outputs.terminal import err, out

MAX_IDS = 10  # ids listed per kind under a deadline; the rest are counted


@dataclass(frozen=True)
class CalendarResult:
    """The listing to print, how many items passed deadlines lack, and the file written."""

    text: str
    missing_count: int
    deadlines: list[Deadline]
    ics: Path | None = None


def run(plans: Path, *, year: int | None, ics: Path | None, fail_on_missing: bool) -> int:
    """Print the year's deadlines; 1 with `fail_on_missing` when a passed one lacks something."""
    from jarjesto_cli.files.loading import load_valid

    planset = load_valid(plans)
    day = clock.today()
    result = run_calendar(planset, year=year or day.year, today=day, ics=ics)
    out(result.text)
    if ics is not None:
        err(f"Wrote {ics}")
    return 1 if fail_on_missing and result.missing_count else 0


def run_calendar(
    planset: PlanSet,
    *,
    year: int,
    today: dt.date,
    ics: Path | None,
    stamp: dt.datetime | None = None,
) -> CalendarResult:
    """List `year`'s deadlines as of `today`; with `ics`, write them there (atomically).

    A deadline has passed when its date is before `today`; for each passed one the measures and
    indicators it lacks are listed and counted in `missing_count` (optional ones included).
    """
    found = deadlines(planset, year)
    gaps = {i: missing(planset, d) for i, d in enumerate(found) if d.date < today}
    text = render(year, today, found, gaps)
    if ics is not None:
        from jarjesto_cli.files.writing import write_bytes_atomic
        from jarjesto_cli.outputs.ics import calendar_ics

        organisation = planset.shared.organisation if planset.shared else "jarjesto-cli"
        data = calendar_ics(
            found,
            calendar_name=f"{organisation}: raportoinnin määräpäivät {year}",
            stamp=stamp or clock.now(),
        )
        write_bytes_atomic(ics, data)
    return CalendarResult(text, sum(m.count for m in gaps.values()), found, ics)


# --- text ---------------------------------------------------------------------------------------


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _ids(items: Sequence[Item]) -> str:
    shown = ", ".join(i.id for i in items[:MAX_IDS])
    return shown if len(items) <= MAX_IDS else f"{shown}, … (+{len(items) - MAX_IDS})"


def render(year: int, today: dt.date, found: Sequence[Deadline], gaps: dict[int, Missing]) -> str:
    """The listing: a heading, one line per deadline with its state, what passed ones lack."""
    lines = [f"Raportoinnin määräpäivät {year} (tilanne {display.date(today)})", ""]
    if not found:
        lines.append(f"Ei määräpäiviä vuonna {year}.")
        return "\n".join(lines) + "\n"
    upcoming = [d.date for d in found if d.date >= today]
    # every deadline on the first coming date is "next": several audiences often share one
    next_date = min(upcoming) if upcoming else None
    width = max(len(line(d.audience_name)) for d in found)
    indent = " " * 12
    for index, deadline in enumerate(found):
        gap = gaps.get(index)
        if gap is None:
            state = "tulossa, seuraava" if deadline.date == next_date else "tulossa"
        elif gap.count == 0:
            state = "valmis"
        else:
            state = (
                f"puuttuu: {_count(len(gap.measures), 'toimenpide', 'toimenpidettä')}, "
                f"{_count(len(gap.indicators), 'mittari', 'mittaria')}"
            )
        optional = " (mahdollinen)" if deadline.optional else ""
        lines.append(
            f"{display.date(deadline.date):>10}  {line(deadline.audience_name):<{width}}  "
            f"{deadline.period!s:<7}  {line(', '.join(deadline.plan_names))}{optional} — {state}"
        )
        if gap is not None and gap.measures:
            lines.append(f"{indent}toimenpiteet: {_ids(gap.measures)}")
        if gap is not None and gap.indicators:
            lines.append(f"{indent}mittarit: {_ids(gap.indicators)}")
    lines.append("")
    lines.append(_footer(gaps))
    return "\n".join(lines) + "\n"


def _footer(gaps: dict[int, Missing]) -> str:
    if not gaps:
        return "Yksikään määräpäivä ei ole vielä mennyt."
    lacking = [m for m in gaps.values() if m.count]
    if not lacking:
        return "Menneiltä määräpäiviltä ei puutu mitään."
    total = sum(m.count for m in lacking)
    # a numeral takes the singular in the ablative: "3 menneeltä määräpäivältä"
    return (
        f"Puuttuu yhteensä {_count(total, 'tieto', 'tietoa')} "
        f"{len(lacking)} menneeltä määräpäivältä."
    )
