"""The living plan as report and page data: the measures' timeline chart, an indicator's target
in force period by period (the stepped target line), the target changes since the last report,
and readiness for an audience's next deadline.

Plain dicts and lists for the templates and `charts.py`, like `report_data` (which uses these);
the rules themselves live in the domain (`Schedule.late`, `IndicatorBase.target_at`,
`readiness`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from jarjesto_cli.domain.indicators import IndicatorBase, TargetChange
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.summary import PlanState
from jarjesto_cli.outputs import display

READINESS_SHOWN = 10  # missing items named per owner near the top of a report; the rest counted


def year_fraction(day: dt.date) -> float:
    """A day as a point on a years axis: 1.7.2026 → 2026.5 (about)."""
    start = dt.date(day.year, 1, 1)
    days = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / days


def _after(day: dt.date) -> float:
    """The end of `day` on the years axis (a period's last day is inside it)."""
    return year_fraction(day + dt.timedelta(days=1))


# --- the timeline of the measures ----------------------------------------------------------------


def timeline_chart(state: PlanState, file: str, actors: dict[str, str]) -> dict[str, Any] | None:
    """One bar per measure from its schedule's start to its end over the plan's years, the
    report's period marked, late and not-started ones said in words; None when no measure has a
    schedule (nothing to draw)."""
    measures = [m for g in state.goals for m in g.measures]
    if not any(m.measure.schedule for m in measures):
        return None
    plan = state.plan
    years = [
        y
        for m in measures
        if m.measure.schedule
        for p in (m.measure.schedule.start, m.measure.schedule.end)
        if p
        for y in (p.start.year, p.end.year)
    ]
    first = plan.first_year or min(years)
    last = plan.last_year or max(years)
    rows = []
    for m in measures:
        schedule = m.measure.schedule
        start = schedule.start if schedule else None
        end = schedule.end if schedule else None
        rows.append(
            {
                "id": m.measure.id,
                "scheduled": schedule is not None and (start or end) is not None,
                "start": year_fraction(start.start) if start else float(first),
                "end": _after(end.end) if end else float(last + 1),
                "open_start": start is None,
                "open_end": end is None,
                "late": m.late,
                "not_started": m.not_started,
                "text": display.schedule_text(schedule),
                "owners": display.owners_text(m.measure.owners, actors),
            }
        )
    period = state.period
    return {
        "kind": "timeline",
        "file": file,
        # short enough for one line; the plan's name is in the alt text and the heading above
        "title": f"Toimenpiteiden aikataulut {first}–{last}",
        "first_year": first,
        "last_year": last,
        "period": {
            "start": year_fraction(period.start),
            "end": _after(period.end),
            "label": period.label(),
        },
        "rows": rows,
        "alt": _timeline_alt(plan.name, first, last, period, rows),
    }


def _timeline_alt(
    name: str, first: int, last: int, period: Period, rows: list[dict[str, Any]]
) -> str:
    late = [r for r in rows if r["late"]]
    waiting = [r for r in rows if r["not_started"]]
    parts = [
        f"Aikajana, {name}: toimenpiteiden aikataulut vuosina {first}–{last}, raportin kausi "
        f"{period.label()} merkitty."
    ]
    if late:
        parts.append("Myöhässä: " + ", ".join(f"{r['id']} ({r['text']})" for r in late) + ".")
    else:
        parts.append("Yksikään toimenpide ei ole myöhässä.")
    if waiting:
        parts.append("Ei vielä alkanut: " + ", ".join(r["id"] for r in waiting) + ".")
    scheduled = [r for r in rows if r["scheduled"] and not r["late"] and not r["not_started"]]
    if scheduled:
        parts.append(
            "Muut aikataulut: " + "; ".join(f"{r['id']} {r['text']}" for r in scheduled) + "."
        )
    without = [r["id"] for r in rows if not r["scheduled"]]
    if without:
        parts.append("Ilman aikataulua: " + ", ".join(without) + ".")
    return " ".join(parts).replace("\u00a0", " ")


# --- the target in force, period by period ------------------------------------------------------


def _number(value: Any) -> float | int | None:
    """A numeric target as it is (4 stays 4, not 4,0); None for none or a word."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _changes_between(
    indicator: IndicatorBase, after: dt.date | None, until: dt.date
) -> list[TargetChange]:
    """The indicator's target changes dated after `after` (any, if None) and on or before
    `until`, oldest first."""
    return sorted(
        (
            c
            for c in indicator.target_changes
            if (after is None or c.date > after) and c.date <= until
        ),
        key=lambda c: c.date,
    )


def target_steps(
    indicator: IndicatorBase, periods: list[Period], today: dt.date
) -> list[dict[str, Any]]:
    """The target line of a chart over `periods` (its points, oldest first) as runs of the same
    target: `{first, last, value, since}` with the points' indexes and, for a run that a change
    started, the change's date. A change decided after the last point (by `today`) adds a run
    past the points (`first` = `last` = len(periods)): the target the next values will meet."""
    runs: list[dict[str, Any]] = []
    previous_end: dt.date | None = None
    for index, period in enumerate(periods):
        value = _number(indicator.target_at(period))
        started = _changes_between(indicator, previous_end, period.end) if runs else []
        if runs and runs[-1]["value"] == value and not started:
            runs[-1]["last"] = index
        else:
            since = display.date(started[-1].date) if started else None
            runs.append({"first": index, "last": index, "value": value, "since": since})
        previous_end = period.end
    if periods and previous_end is not None:
        later = _changes_between(indicator, previous_end, today)
        if later:
            after = [c for c in indicator.target_changes if c.date > today]
            now = min(after, key=lambda c: c.date).previous if after else indicator.target_value()
            index = len(periods)
            runs.append(
                {
                    "first": index,
                    "last": index,
                    "value": _number(now),
                    "since": display.date(later[-1].date),
                }
            )
    return runs


def steps_text(runs: list[dict[str, Any]], labels: list[str]) -> str:
    """The stepped target in words for the alt text: `Tavoite muuttui: 3,5 (2. neljännes 2026 –
    3. neljännes 2026); 4 15.10.2026 alkaen.`; `Tavoite 4.` when it never changed."""
    shown = [r for r in runs if r["value"] is not None]
    if not shown:
        return ""
    if len(runs) == 1:
        return f" Tavoite {display.number(shown[0]['value'])}."
    parts = []
    for run in shown:
        value = display.number(run["value"])
        if run["first"] >= len(labels):
            parts.append(f"{value} {run['since']} alkaen")
            continue
        first, last = labels[run["first"]], labels[run["last"]]
        when = first if first == last else f"{first} – {last}"
        since = f", päätös {run['since']}" if run["since"] else ""
        parts.append(f"{value} ({when}{since})")
    return " Tavoite muuttui: " + "; ".join(parts) + "."


def target_history(indicator: IndicatorBase) -> list[dict[str, Any]]:
    """Every recorded target change, oldest first, with the target it set: `{date, decision,
    previous, new, reason}` in readers' words (`–` for no target)."""
    rows = []
    for change, new in indicator.revisions():
        rows.append(
            {
                "date": display.date(change.date),
                "iso": change.date.isoformat(),
                "decision": change.decision,
                "previous": _value(indicator, change.previous),
                "new": _value(indicator, new),
                "reason": change.reason or "",
            }
        )
    return rows


def _value(indicator: IndicatorBase, value: Any) -> str:
    return "–" if value is None else indicator.value_text(value)


# --- target changes since the last report --------------------------------------------------------


def _indicators(states: Iterable[PlanState]) -> Iterable[IndicatorBase]:
    for state in states:
        for goal in state.goals:
            for ind in goal.indicators:
                yield ind.indicator
            for measure in goal.measures:
                for ind in measure.indicators:
                    yield ind.indicator


def target_changes(
    states: Iterable[PlanState], period: Period, today: dt.date, since: dt.date | None
) -> list[dict[str, Any]]:
    """The target changes a report tells as news: those dated after the last report (`since`,
    the day of its revision) up to today; without a last report, those dated within the
    report's period. Each with its indicator, decision, old and new target and reason."""
    found = []
    for indicator in _indicators(states):
        for row in target_history(indicator):
            day = dt.date.fromisoformat(row["iso"])
            news = since < day <= today if since is not None else period.start <= day <= period.end
            if news:
                found.append({"id": indicator.id, "name": indicator.name, **row})
    return sorted(found, key=lambda r: (r["iso"], r["id"]))


# --- readiness for the next deadline -------------------------------------------------------------


def readiness_view(
    planset: PlanSet, audience_id: str, today: dt.date, actors: dict[str, str]
) -> dict[str, Any] | None:
    """How ready the audience's next report is (`domain/readiness.py`): its deadline and period,
    the shares in words, and what is missing grouped by who owes it (the lead owner; items
    without an owner under `Ei vastuutahoa`). None when the audience has no coming deadline."""
    from jarjesto_cli.domain.deadlines import next_deadline
    from jarjesto_cli.domain.readiness import readiness

    deadline = next_deadline(planset, audience_id, today, None)
    if deadline is None:
        return None
    found = readiness(planset, deadline)
    groups: dict[str, list[dict[str, str]]] = {}
    for gap in found.gaps:
        owner = display.owners_text(gap.owners, actors) if gap.owners else "Ei vastuutahoa"
        groups.setdefault(owner, []).append(
            {"id": gap.id, "name": gap.name, "need": gap.need.value}
        )
    # the items nobody owns last: the named owners are who the list is for
    unowned = groups.pop("Ei vastuutahoa", None)
    if unowned:
        groups["Ei vastuutahoa"] = unowned
    return {
        "date": display.date(deadline.date),
        "period": str(deadline.period),
        "period_label": deadline.period.label(),
        "measures": f"{found.measures_ready}/{found.measures_total} toimenpidettä",
        "indicators": f"{found.indicators_ready}/{found.indicators_total} mittaria",
        "complete": found.complete,
        "gap_count": len(found.gaps),
        "owners": [
            {
                "owner": owner,
                "count": len(rows),
                "shown": rows[:READINESS_SHOWN],
                "more": max(0, len(rows) - READINESS_SHOWN),
            }
            for owner, rows in groups.items()
        ],
        "not_started": list(found.not_started),
    }
