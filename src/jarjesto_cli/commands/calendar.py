"""`plan calendar`: the year's reporting deadlines per audience, what passed ones still lack,
one audience's checklist for its next deadline, and the deadlines as an iCalendar file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jarjesto_cli import clock
from jarjesto_cli.domain.deadlines import (
    Deadline,
    Item,
    Missing,
    checklist,
    deadlines,
    missing,
    next_deadline,
)
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.errors import UsageError
from jarjesto_cli.outputs import display, sanitize
from jarjesto_cli.outputs.layout import Line, hanging, line, plain
from jarjesto_cli.outputs.terminal import err, is_terminal, out

MAX_IDS = 10  # ids listed per kind under a deadline; the rest are counted


@dataclass(frozen=True)
class CalendarResult:
    """The listing to print, how many items passed deadlines lack, and the file written."""

    text: str
    missing_count: int
    deadlines: list[Deadline]
    ics: Path | None = None


def run(
    plans: Path,
    *,
    year: int | None,
    ics: Path | None,
    fail_on_missing: bool,
    audience: str | None = None,
) -> int:
    """Print the year's deadlines (or one audience's checklist); 1 with `fail_on_missing` when
    a passed deadline lacks something."""
    from jarjesto_cli.files.loading import load_valid

    planset = load_valid(plans)
    day = clock.today()
    width = _terminal_width()
    if audience is not None:
        planset.audience(audience)  # an unknown audience is a usage error listing the known
        deadline = next_deadline(planset, audience, day, year)
        if deadline is None:
            raise UsageError(
                f"'{audience}' has no deadline left in {year or day.year} or the year after",
                hint="give --year to see an earlier year's",
            )
        text, lacking = render_checklist(planset, deadline, day, width)
        _print(text)
        return 1 if fail_on_missing and lacking and deadline.date < day else 0
    result = run_calendar(planset, year=year or day.year, today=day, ics=ics, width=width)
    _print(result.text)
    if ics is not None:
        err(f"Wrote {ics}")
    return 1 if fail_on_missing and result.missing_count else 0


def _terminal_width() -> int | None:
    """The terminal's width, so long lines wrap at words; None (no wrapping) in a pipe."""
    if not is_terminal():
        return None
    from jarjesto_cli.outputs.terminal import console

    return int(console().width)


def _print(text: str) -> None:
    """In a terminal, long output goes through the pager."""
    if is_terminal():
        from jarjesto_cli.outputs.pager import page
        from jarjesto_cli.outputs.terminal import console

        if page(text, height=int(console().height)):
            return
    out(text)


def run_calendar(
    planset: PlanSet,
    *,
    year: int,
    today: dt.date,
    ics: Path | None,
    stamp: dt.datetime | None = None,
    width: int | None = None,
) -> CalendarResult:
    """List `year`'s deadlines as of `today`; with `ics`, write them there (atomically).

    A deadline has passed when its date is before `today`; for each passed one the measures and
    indicators it lacks are listed. `missing_count` counts each lacking item once per period,
    however many audiences wait for it (optional deadlines included).
    """
    found = deadlines(planset, year)
    gaps = {i: missing(planset, d) for i, d in enumerate(found) if d.date < today}
    text = render(year, today, found, gaps, width)
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
    return CalendarResult(text, len(_lacking(found, gaps)), found, ics)


def _lacking(found: Sequence[Deadline], gaps: dict[int, Missing]) -> set[tuple[str, str]]:
    """Each item a passed deadline lacks, with the period it lacks it for — once, though
    several audiences' reports on the same period wait for it."""
    return {
        (item.id, str(found[index].period))
        for index, gap in gaps.items()
        for item in (*gap.measures, *gap.indicators)
    }


# --- text ---------------------------------------------------------------------------------------


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _ids(items: Sequence[Item], room: int | None = None) -> str:
    """`T1.1, T1.2, … (+17)`: up to MAX_IDS ids, or in a terminal as many as fit in `room`."""
    count = MAX_IDS
    if room is not None:
        count = len(items)
        while count > 1 and len(_id_list(items, count)) > room:
            count -= 1
    return _id_list(items, count)


def _id_list(items: Sequence[Item], count: int) -> str:
    shown = ", ".join(i.id for i in items[:count])
    return shown if len(items) <= count else f"{shown}, … (+{len(items) - count})"


INDENT = 12  # under the text after the date column


def render(
    year: int,
    today: dt.date,
    found: Sequence[Deadline],
    gaps: dict[int, Missing],
    width: int | None = None,
) -> str:
    """The listing: a heading, one entry per deadline with its state, what passed ones lack;
    wrapped at words to `width` (none: one line each)."""
    lines = [line(f"Raportoinnin määräpäivät {year} (tilanne {display.date(today)})"), line()]
    if not found:
        lines.append(line(f"Ei määräpäiviä vuonna {year}."))
        return plain(lines)
    upcoming = [d.date for d in found if d.date >= today]
    # every deadline on the first coming date is "next": several audiences often share one
    next_date = min(upcoming) if upcoming else None
    names = max(len(sanitize.line(d.audience_name)) for d in found)
    pad = " " * INDENT
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
        lead = f"{display.date(deadline.date):>10}  "
        # names from the plans, shown escaped: they cannot break the listing's lines
        audience = sanitize.line(deadline.audience_name)
        plans = sanitize.line(", ".join(deadline.plan_names))
        if width is None:  # one line per deadline, in columns: easy to grep and to compare
            lines.append(
                line(
                    f"{lead}{audience:<{names}}  {deadline.period!s:<7}  "
                    f"{plans}{optional} — {state}"
                )
            )
        else:  # a terminal: what is due and its state first, the plans under it
            head = f"{audience} · {deadline.period}{optional} — {state}"
            lines += hanging([(lead, "")], [(head, "")], width)
            lines += hanging([(pad, "")], [(plans, "")], width)
        listed = (
            [] if gap is None else [("toimenpiteet", gap.measures), ("mittarit", gap.indicators)]
        )
        for label, items in listed:
            if items:
                room = None if width is None else width - INDENT - len(label) - 2
                lines += _wrapped(f"{pad}{label}: {_ids(items, room)}", width)
    lines.append(line())
    lines += _wrapped(_footer(found, gaps), width)
    return plain(lines)


def _wrapped(text: str, width: int | None) -> list[Line]:
    """One line as it is, or wrapped at words under its own indent."""
    if width is None:
        return [line(text)]
    indent = len(text) - len(text.lstrip(" "))
    return hanging([(" " * indent, "")], [(text.strip(), "")], width)


def _footer(found: Sequence[Deadline], gaps: dict[int, Missing]) -> str:
    if not gaps:
        return "Yksikään määräpäivä ei ole vielä mennyt."
    lacking = [m for m in gaps.values() if m.count]
    if not lacking:
        return "Menneiltä määräpäiviltä ei puutu mitään."
    total = len(_lacking(found, gaps))
    # a numeral takes the singular in the ablative: "3 menneeltä määräpäivältä"
    return (
        f"Puuttuu yhteensä {_count(total, 'tieto', 'tietoa')} "
        f"{len(lacking)} menneeltä määräpäivältä "
        "(tieto, jota usea yleisö odottaa samalta kaudelta, lasketaan kerran)."
    )


def render_checklist(
    planset: PlanSet, deadline: Deadline, today: dt.date, width: int | None
) -> tuple[str, int]:
    """One audience's next report: what it needs, ticked where it is there (`[x]`), by plan
    and goal; and how many items are still missing."""
    checks = checklist(planset, deadline)
    lacking = [c for c in checks if not c.done]
    days = (deadline.date - today).days
    when = (
        "tänään" if days == 0 else f"{days} päivän päästä" if days > 0 else f"{-days} päivää sitten"
    )
    optional = " (mahdollinen)" if deadline.optional else ""
    lines = [
        line((f"{deadline.audience_name}: raportti kaudelta {deadline.period}", "")),
        line(f"Määräpäivä {display.date(deadline.date)}{optional} ({when})"),
        line(
            f"Valmiina {len(checks) - len(lacking)}/{len(checks)}; "
            f"puuttuu {_count(len(lacking), 'tieto', 'tietoa')}."
        ),
    ]
    names = dict(zip(deadline.plan_ids, deadline.plan_names, strict=True))
    plan_id = goal_id = None
    for check in checks:
        if check.plan_id != plan_id:
            plan_id, goal_id = check.plan_id, None
            lines += [line(), line(names.get(check.plan_id, check.plan_id))]
        if check.goal_id != goal_id:
            goal_id = check.goal_id
            lines += [
                line(),
                *hanging([(f"{check.goal_id}  ", "")], [(check.goal_name, "")], width),
            ]
        box = "[x]" if check.done else "[ ]"
        what = "tila" if check.kind == "measure" else "arvo"
        indent = "    " if check.under_measure else "  "
        lead = f"{indent}{box} {check.item.id:<8} "
        lines += hanging([(lead, "")], [(f"{check.item.name} ({what})", "")], width)
    if lacking:
        first = next(c for c in lacking)
        example = (
            f"plan set-status {first.item.id} --period {deadline.period} --status …"
            if first.kind == "measure"
            else f"plan record {first.item.id} --period {deadline.period} --value …"
        )
        lines += [line(), *hanging([("Kirjaa: ", "")], [(example, "")], width)]
    return plain(lines), len(lacking)
