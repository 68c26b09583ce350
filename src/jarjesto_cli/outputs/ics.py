"""Deadlines as an iCalendar file that Outlook and Google Calendar import.

Each deadline is an all-day event whose UID depends only on the audience and the period it
reports on, so importing a newer file updates the events instead of adding copies. A measure's or
sub-action's deadline (the last day of its schedule's end period) is an all-day event too, its
UID from its id alone: a moved deadline moves the event. `icalendar` is imported inside
`calendar_ics`: `plan --help` and `plan status` never load it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

from jarjesto_cli.domain.deadlines import Deadline
from jarjesto_cli.domain.todo import Task
from jarjesto_cli.outputs.display import date, owners_text, schedule_text
from jarjesto_cli.outputs.sanitize import block, line

PRODID = "-//jarjesto-cli//plan calendar//FI"
UID_DOMAIN = "jarjesto-cli"
CATEGORY = "Raportointi"
TASK_CATEGORY = "Määräaika"
TITLE_LIMIT = 70  # a calendar shows a title on one line; the description has the name whole


def summary(deadline: Deadline) -> str:
    """`Raportti: <audience> – <plans> (<period>)`, `(mahdollinen)` appended when optional."""
    text = (
        f"Raportti: {deadline.audience_name} – {', '.join(deadline.plan_names)} ({deadline.period})"
    )
    return f"{text} (mahdollinen)" if deadline.optional else text


def description(deadline: Deadline) -> str:
    """The event's body: audience, period, plans, and the command that writes the report."""
    lines = [
        f"Yleisö: {deadline.audience_name} ({deadline.audience_id})",
        f"Raportointikausi: {deadline.period} ({deadline.period.label()})",
        "Suunnitelmat:",
        *(
            f"- {name} ({pid})"
            for pid, name in zip(deadline.plan_ids, deadline.plan_names, strict=True)
        ),
    ]
    if deadline.optional:
        lines.append("Mahdollinen lisäraportti: yleisö saa raportin tarvittaessa myös tällöin.")
    lines.append(
        f"Komento: plan report --audience {deadline.audience_id} --period {deadline.period}"
    )
    return "\n".join(lines)


def uids(deadlines: Sequence[Deadline]) -> list[str]:
    """A UID per deadline from the audience and the period only (not the date, names or plans).

    A deadline in a later year than its period (a January report on last year) gets that year
    too, and two deadlines of one audience on one period (a rhythm denser than its periods)
    are told apart by their order, so UIDs are unique within and across the years' files.
    """
    bases = []
    for d in deadlines:
        base = f"{d.audience_id}-{d.period}"
        if d.date.year != d.period.year:
            base += f"-{d.date.year}"
        bases.append(base)
    seen: Counter[str] = Counter()
    result = []
    for base in bases:
        seen[base] += 1
        suffix = "" if seen[base] == 1 else f"-{seen[base]}"
        result.append(f"{base}{suffix}@{UID_DOMAIN}")
    return result


def task_summary(task: Task) -> str:
    """`Määräaika: T2.1 Kehitämme järjestöyhteistyön …`: the name cut at a word to fit a
    calendar's line (the description has it whole)."""
    text = " ".join(f"Määräaika: {task.id} {task.title}".split())
    if len(text) <= TITLE_LIMIT:
        return text
    head = text[: TITLE_LIMIT - 1]
    if " " in head[len("Määräaika: ") :]:
        head = head[: head.rindex(" ")]
    return f"{head} …"


def task_description(task: Task, *, actors: dict[str, str], plan_name: str, today: dt.date) -> str:
    """The event's body: what is due (the measure of a sub-action too), its owners by name, its
    schedule, its plan, its state as of `today`, and the command that shows it."""
    if task.kind == "sub_action":
        number = task.id.rsplit("/", 1)[1]
        lines = [
            f"Alatoimenpide {number}: {_flat(task.title)}",
            f"Toimenpide: {task.measure_id} {_flat(task.measure_name)}",
        ]
    else:
        lines = [f"Toimenpide: {task.id} {_flat(task.title)}"]
    lines += [
        f"Vastuu: {_flat(owners_text(task.owners, actors)) or 'ei nimetty'}",
        f"Aikataulu: {schedule_text(task.schedule)}",
        f"Suunnitelma: {_flat(plan_name)} ({task.plan_id})",
    ]
    state = task.status.value
    if task.late_on(today):
        state += ", myöhässä"
    lines += [f"Tilanne {date(today)}: {state}", f"Komento: plan status {task.measure_id}"]
    return "\n".join(lines)


def _flat(text: str) -> str:
    """A text from the plans on one line of the description: its line breaks read as spaces
    (each line of the body is one field; a name cannot add a line of its own)."""
    return " ".join(text.split())


def task_uid(task: Task) -> str:
    """From the id alone (`maaraaika-T1.1/1@jarjesto-cli`): ids are unique across the plans,
    and a changed end, name or owner updates the event that is there."""
    return f"maaraaika-{task.id}@{UID_DOMAIN}"


def calendar_ics(
    deadlines: Sequence[Deadline],
    *,
    calendar_name: str,
    stamp: dt.datetime,
    tasks: Sequence[Task] = (),
    actors: dict[str, str] | None = None,
    plan_names: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The deadlines as an iCalendar (RFC 5545) file: one all-day event per reporting deadline,
    and one per measure or sub-action in `tasks` on the day it is due."""
    import icalendar

    # DTSTAMP is UTC by the standard; a naive stamp is taken to be UTC already
    utc = stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # a name from the plans may hold a line break or a control character: one printable line
    # (the calendar's name is not escaped the way a TEXT value is)
    cal.add("x-wr-calname", " ".join(line(calendar_name).split()))
    for deadline, uid in zip(deadlines, uids(deadlines), strict=True):
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("dtstamp", utc)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))  # all-day: the end is exclusive
        event.add("summary", line(summary(deadline)))
        event.add("description", block(description(deadline)))
        event.add("categories", [CATEGORY, line(deadline.audience_name)])
        event.add("status", "TENTATIVE" if deadline.optional else "CONFIRMED")
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy that day
        cal.add_component(event)
    for task in tasks:
        event = icalendar.Event()
        event.add("uid", task_uid(task))
        event.add("dtstamp", utc)
        event.add("dtstart", task.due_date)
        event.add("dtend", task.due_date + dt.timedelta(days=1))
        event.add("summary", line(task_summary(task)))
        event.add(
            "description",
            block(
                task_description(
                    task,
                    actors=actors or {},
                    plan_name=(plan_names or {}).get(task.plan_id, task.plan_id),
                    today=today or utc.date(),
                )
            ),
        )
        event.add("categories", [TASK_CATEGORY])
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())
