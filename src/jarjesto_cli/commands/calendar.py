"""`plan calendar`: the year's reporting deadlines per audience, what passed ones still lack,
one audience's checklist for its next deadline, the measures' and sub-actions' own deadlines
when asked (`--measures`, or `--owner` for one actor's), and all of it as an iCalendar file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

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
from jarjesto_cli.domain.status import Status
from jarjesto_cli.errors import UsageError
from jarjesto_cli.outputs import display, sanitize
from jarjesto_cli.outputs.layout import Line, hanging, line, plain
from jarjesto_cli.outputs.terminal import err, is_terminal, out

if TYPE_CHECKING:
    from jarjesto_cli.domain.todo import Task

MAX_IDS = 10  # ids listed per kind under a deadline; the rest are counted


@dataclass(frozen=True)
class CalendarResult:
    """The listing to print, how many items passed deadlines lack, and the file written."""

    text: str
    missing_count: int
    deadlines: list[Deadline]
    ics: Path | None = None
    tasks: list[Task] = field(default_factory=list)


@dataclass(frozen=True)
class TaskChoice:
    """Which measures' and sub-actions' deadlines to add: everyone's, or one actor's (`owner`,
    its id, and `owner_name`, for headings)."""

    owner: str | None = None
    owner_name: str | None = None


def run(
    plans: Path,
    *,
    year: int | None,
    ics: Path | None,
    fail_on_missing: bool,
    audience: str | None = None,
    measures: bool = False,
    owner: str | None = None,
) -> int:
    """Print the year's deadlines (or one audience's checklist), with `measures` or `owner` the
    measures' own deadlines too; 1 with `fail_on_missing` when a passed reporting deadline
    lacks something."""
    from jarjesto_cli.files.loading import load_valid

    planset = load_valid(plans)
    day = clock.today()
    width = _terminal_width()
    choice = None
    if owner is not None:  # an unknown actor is a usage error listing the known ids
        choice = TaskChoice(owner, planset.actor(owner).name)
    elif measures:
        choice = TaskChoice()
    if audience is not None:
        planset.audience(audience)  # an unknown audience is a usage error listing the known
        deadline = next_deadline(planset, audience, day, year)
        if deadline is None:
            raise UsageError(
                f"'{audience}' has no deadline left in {year or day.year} or the year after",
                hint="give --year to see an earlier year's",
            )
        text, lacking = render_checklist(planset, deadline, day, width)
        the_year = year or deadline.date.year
        tasks = tasks_in(planset, the_year, day, choice)
        if choice is not None:
            text += "\n" + render_tasks(the_year, day, tasks, _actors(planset), choice, width)
        if ics is not None:
            # the audience's deadlines of the year its checklist is for
            found = [d for d in deadlines(planset, the_year) if d.audience_id == audience]
            name = planset.audience(audience).name
            write_ics(planset, ics, found, tasks, year=the_year, today=day, audience_name=name)
        _print(text)
        if ics is not None:
            err(f"Wrote {ics}")
        return 1 if fail_on_missing and lacking and deadline.date < day else 0
    the_year = year or day.year
    result = run_calendar(
        planset,
        year=the_year,
        today=day,
        ics=ics,
        width=width,
        tasks=tasks_in(planset, the_year, day, choice),
        choice=choice,
    )
    _print(result.text)
    if ics is not None:
        err(f"Wrote {ics}")
    return 1 if fail_on_missing and result.missing_count else 0


def tasks_in(planset: PlanSet, year: int, today: dt.date, choice: TaskChoice | None) -> list[Task]:
    """The measures and sub-actions due in `year` (the last day of their end period in it), in
    date order, then plan order; none when not asked for."""
    if choice is None:
        return []
    from jarjesto_cli.domain.todo import scheduled

    found = [t for t in scheduled(planset, today, owner=choice.owner) if t.due_date.year == year]
    return sorted(found, key=lambda t: t.due_date)  # stable: plan order within a day


def _actors(planset: PlanSet) -> dict[str, str]:
    return {a.id: a.name for a in planset.shared.actors} if planset.shared else {}


def write_ics(
    planset: PlanSet,
    path: Path,
    found: Sequence[Deadline],
    tasks: Sequence[Task],
    *,
    year: int,
    today: dt.date,
    stamp: dt.datetime | None = None,
    audience_name: str | None = None,
    owner_name: str | None = None,
) -> None:
    """The deadlines (and the measures' deadlines in `tasks`) as an iCalendar file, written
    atomically; the calendar's name says whose and which year."""
    from jarjesto_cli.files.writing import write_bytes_atomic
    from jarjesto_cli.outputs.ics import calendar_ics

    organisation = planset.shared.organisation if planset.shared else "jarjesto-cli"
    what = "raportoinnin ja toimenpiteiden määräpäivät" if tasks else "raportoinnin määräpäivät"
    whose = "".join(f" – {n}" for n in (audience_name, owner_name) if n)
    data = calendar_ics(
        found,
        calendar_name=f"{organisation}: {what} {year}{whose}",
        stamp=stamp or clock.now(),
        tasks=tasks,
        actors=_actors(planset),
        plan_names={p.id: p.name for p in planset.plans},
        today=today,
    )
    write_bytes_atomic(path, data)


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
    tasks: Sequence[Task] = (),
    choice: TaskChoice | None = None,
) -> CalendarResult:
    """List `year`'s deadlines as of `today`; with `ics`, write them there (atomically). With
    `choice`, the measures' deadlines in `tasks` follow (and go into the file).

    A deadline has passed when its date is before `today`; for each passed one the measures and
    indicators it lacks are listed. `missing_count` counts each lacking item once per period,
    however many audiences wait for it (optional deadlines included).
    """
    found = deadlines(planset, year)
    gaps = {i: missing(planset, d) for i, d in enumerate(found) if d.date < today}
    text = render(year, today, found, gaps, width)
    if choice is not None:
        text += "\n" + render_tasks(year, today, tasks, _actors(planset), choice, width)
    if ics is not None:
        owner_name = choice.owner_name if choice else None
        write_ics(
            planset, ics, found, tasks, year=year, today=today, stamp=stamp, owner_name=owner_name
        )
    return CalendarResult(text, len(_lacking(found, gaps)), found, ics, list(tasks))


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


def render_tasks(
    year: int,
    today: dt.date,
    tasks: Sequence[Task],
    actors: dict[str, str],
    choice: TaskChoice,
    width: int | None = None,
) -> str:
    """The measures' and sub-actions' deadlines in `year`: the day, the id and name, its state
    (⏰ myöhässä, ✅ toteutuu, tulossa) and its owners by name."""
    whose = f": {choice.owner_name}" if choice.owner_name else ""
    lines = [line(f"Toimenpiteiden määräajat {year}{whose}"), line()]
    if not tasks:
        lines.append(line(f"Ei toimenpiteiden määräaikoja vuonna {year}."))
        return plain(lines)
    ids = max(len(t.id) for t in tasks)
    pad = " " * INDENT
    for task in tasks:
        if task.late_on(today):
            state = display.LATE_TEXT
        elif task.status is Status.TOTEUTUU:
            state = display.status_text(task.status)
        else:
            state = "tulossa"  # a passed one is late or done
        lead = f"{display.date(task.due_date):>10}  "
        title = sanitize.line(task.title)  # whole, as `plan todo` shows it; wrapped at words
        owners = sanitize.line(display.owners_text(task.owners, actors)) or "ei nimetty"
        if width is None:  # one line each, as the reporting deadlines
            lines.append(line(f"{lead}{task.id:<{ids}}  {title} — {state} — vastuu: {owners}"))
        else:
            lines += hanging([(lead, "")], [(f"{task.id}  {title} — {state}", "")], width)
            lines += hanging([(pad, "")], [(f"vastuu: {owners}", "")], width)
    return plain(lines)


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
