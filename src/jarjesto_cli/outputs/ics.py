"""Deadlines as an iCalendar file that Outlook and Google Calendar import.

Each deadline is an all-day event whose UID depends only on the audience and the period it
reports on, so importing a newer file updates the events instead of adding copies. `icalendar`
is imported inside `calendar_ics`: `plan --help` and `plan status` never load it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from jarjesto_cli.domain.deadlines import Deadline
from jarjesto_cli.outputs.sanitize import block, line

PRODID = "-//jarjesto-cli//plan calendar//FI"
UID_DOMAIN = "jarjesto-cli"
CATEGORY = "Raportointi"


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


def calendar_ics(deadlines: Sequence[Deadline], *, calendar_name: str, stamp: dt.datetime) -> bytes:
    """The deadlines as an iCalendar (RFC 5545) file: one all-day event per deadline."""
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
    return bytes(cal.to_ical())
