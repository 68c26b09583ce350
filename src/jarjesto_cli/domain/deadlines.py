"""Reporting deadlines: when each audience gets a report, on which period, and what is missing.

Pure functions of the plan set and a year; no I/O. `plan calendar` lists these and writes them as
an iCalendar file (`ics.py`).

The rules:

* **Dates.** An audience's `ajankohdat` (month-days) are its deadlines. Without them the rhythm
  `kertaa_vuodessa` = n gives month ends spread evenly over the year, month = round(12·k/n) for
  k = 1…n (halves rounded up): 1 → 31.12.; 2 → 30.6., 31.12.; 3 → 30.4., 31.8., 31.12.;
  4 → quarter ends; 6 → every second month end; 12 → every month end.
* **Optional reports.** With `enintään_kertaa_vuodessa` larger than `kertaa_vuodessa` ("1–2 times
  a year") the dates the larger rhythm adds are optional: 1–2 → 31.12. required, 30.6. optional.
  With `ajankohdat` and more anchors than `kertaa_vuodessa`, the anchors nearest to the default
  required dates are required and the others optional.
* **Period.** A deadline reports on the latest period that has ended by its date, of the
  audience's granularity: once a year → the year, twice → a half, more often → a quarter. An
  optional deadline uses the granularity of the larger rhythm (1–2 → its 30.6. reports on H1).
* **Plans.** A deadline covers the audience's plans whose years (`alkuvuosi`–`loppuvuosi`)
  include the year of the period it reports on; with none left there is no deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from jarjesto_cli.domain.models import Audience, Plan
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet

MonthDay = tuple[int, int]


@dataclass(frozen=True)
class Deadline:
    """One report due to one audience on one date."""

    date: dt.date
    audience_id: str
    audience_name: str
    plan_ids: tuple[str, ...]
    plan_names: tuple[str, ...]
    period: Period  # the period the report covers
    optional: bool = False  # the possible extra report of a "1–2 times a year" audience


@dataclass(frozen=True)
class Item:
    """A measure or indicator, by id and name."""

    id: str
    name: str


@dataclass(frozen=True)
class Missing:
    """What a deadline's report still lacks."""

    measures: tuple[Item, ...] = ()
    indicators: tuple[Item, ...] = ()

    @property
    def count(self) -> int:
        return len(self.measures) + len(self.indicators)


def default_month_days(times: int) -> list[MonthDay]:
    """Month ends spread evenly over the year for a rhythm of `times` reports (see module doc)."""
    # half up rather than Python's round-half-even, so 8 a year gives 2, 3, 5, 6, 8, 9, 11, 12;
    # with at most 12 a year, successive months differ by at least one, so none repeats
    months = [int(12 * k / times + 0.5) for k in range(1, times + 1)]
    return [(m, 31) for m in months]  # 31 is clamped to the month's last day


def granularity(times: int) -> str:
    """The kind of period a rhythm reports on: `year`, `half` or `quarter`."""
    return "year" if times == 1 else "half" if times == 2 else "quarter"


def period_ended_by(day: dt.date, kind: str) -> Period:
    """The latest period of this kind (`year`, `half`, `quarter`) that has ended on or by `day`."""
    if kind == "year":
        candidates = [Period(day.year), Period(day.year - 1)]
    elif kind == "half":
        candidates = [Period(y, p) for y in (day.year, day.year - 1) for p in ("H2", "H1")]
    else:
        candidates = [
            Period(y, p) for y in (day.year, day.year - 1) for p in ("Q4", "Q3", "Q2", "Q1")
        ]
    # ordered newest first, and the previous year's last period always qualifies
    return next(p for p in candidates if p.end <= day)


def deadlines(planset: PlanSet, year: int) -> list[Deadline]:
    """Every audience's deadlines in `year`, sorted by date, then by the audiences' file order."""
    audiences = planset.shared.audiences if planset.shared else []
    found: list[tuple[dt.date, int, Deadline]] = []
    for index, audience in enumerate(audiences):
        for deadline in _audience_deadlines(planset, audience, year):
            found.append((deadline.date, index, deadline))
    found.sort(key=lambda t: (t[0], t[1]))
    return [d for _, _, d in found]


def _audience_deadlines(planset: PlanSet, audience: Audience, year: int) -> list[Deadline]:
    larger = audience.at_most_per_year or audience.times_per_year
    result = []
    for day, optional in _dates(audience, year):
        kind = granularity(larger if optional else audience.times_per_year)
        period = period_ended_by(day, kind)
        plans = [p for p in _plans(planset, audience) if _runs_in(p, period.year)]
        if not plans:
            continue
        result.append(
            Deadline(
                date=day,
                audience_id=audience.id,
                audience_name=audience.name,
                plan_ids=tuple(p.id for p in plans),
                plan_names=tuple(p.name for p in plans),
                period=period,
                optional=optional,
            )
        )
    return result


def _dates(audience: Audience, year: int) -> list[tuple[dt.date, bool]]:
    """The audience's dates in `year`, each with whether it is optional."""
    times = audience.times_per_year
    larger = max(audience.at_most_per_year or times, times)
    required = sorted({_on(year, md) for md in default_month_days(times)})
    if audience.deadlines:
        anchors = sorted({_on(year, _month_day(text)) for text in audience.deadlines})
        if larger > times and len(anchors) > times:
            chosen = _nearest(anchors, required)
            return [(d, d not in chosen) for d in anchors]
        return [(d, False) for d in anchors]
    extra = sorted({_on(year, md) for md in default_month_days(larger)} - set(required))
    return sorted([(d, False) for d in required] + [(d, True) for d in extra])


def _nearest(anchors: list[dt.date], targets: list[dt.date]) -> set[dt.date]:
    """For each target date the nearest anchor not taken yet (a tie goes to the later one)."""
    chosen: set[dt.date] = set()
    for target in targets:
        left = [a for a in anchors if a not in chosen]
        chosen.add(min(left, key=lambda a: (abs((a - target).days), -a.toordinal())))
    return chosen


def _month_day(text: str) -> MonthDay:
    month, day = text.split("-")
    return int(month), int(day)


def _on(year: int, month_day: MonthDay) -> dt.date:
    """The date in `year`, with a day past the month's end (02-29 in 2026, 04-31) on its last."""
    month, day = month_day
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _plans(planset: PlanSet, audience: Audience) -> list[Plan]:
    by_id = {p.id: p for p in planset.plans}
    # references are checked at load time; a plan left out of a partial load is simply skipped
    return [by_id[pid] for pid in audience.plans if pid in by_id]


def _runs_in(plan: Plan, year: int) -> bool:
    if plan.first_year is not None and year < plan.first_year:
        return False
    return not (plan.last_year is not None and year > plan.last_year)


def missing(planset: PlanSet, deadline: Deadline) -> Missing:
    """What the deadline's report lacks, over the plans it covers, in file order.

    * a **measure** is missing when it has no reported status (`raportit`) for any period inside
      the deadline's period (a year's report is satisfied by a report for the year or for one of
      its halves or quarters; a quarter's only by that quarter);
    * an **indicator** (goal- or measure-level) is missing when it has no measurement, with a
      value or only a note, for any period inside the deadline's period.

    Periods outside it do not count: a 2023 status does not fill a 2023-Q1 report, nor does last
    year's value fill this year's. A measure whose schedule starts after the period has not
    started: neither it nor its indicators are due (as in `readiness`).
    """
    undone = [c for c in checklist(planset, deadline) if not c.done]
    return Missing(
        tuple(c.item for c in undone if c.kind == "measure"),
        tuple(c.item for c in undone if c.kind == "indicator"),
    )


def _covers(period: Period, recorded: Iterable[Period]) -> bool:
    return any(period.contains(p) for p in recorded)


@dataclass(frozen=True)
class Check:
    """One line of an audience's checklist: a measure (its status) or an indicator (its value)
    for the deadline's period, and whether it is there."""

    plan_id: str
    goal_id: str
    goal_name: str
    item: Item
    kind: str  # "measure" or "indicator"
    done: bool
    under_measure: bool = False  # an indicator of a measure (not of the goal itself)


def checklist(planset: PlanSet, deadline: Deadline) -> list[Check]:
    """Everything the deadline's report needs, in plan order, each marked done or not (the
    rules of `missing`)."""
    plans = sorted(
        (p for p in planset.plans if p.id in deadline.plan_ids),
        key=lambda p: deadline.plan_ids.index(p.id),
    )
    found: list[Check] = []
    for plan in plans:
        for goal in plan.goals:
            entries: list[tuple[str, str, str, Iterable[Period], bool]] = [
                (i.id, i.name, "indicator", [m.period for m in i.measurements], False)
                for i in goal.indicators
            ]
            for measure in (m for m in goal.measures if not m.not_started(deadline.period)):
                entries.append(
                    (
                        measure.id,
                        measure.name,
                        "measure",
                        [r.period for r in measure.reports],
                        False,
                    )
                )
                entries += [
                    (i.id, i.name, "indicator", [m.period for m in i.measurements], True)
                    for i in measure.indicators
                ]
            found += [
                Check(
                    plan.id,
                    goal.id,
                    goal.name,
                    Item(item_id, name),
                    kind,
                    _covers(deadline.period, periods),
                    under,
                )
                for item_id, name, kind, periods, under in entries
            ]
    return found


def next_deadline(
    planset: PlanSet, audience_id: str, today: dt.date, year: int | None
) -> Deadline | None:
    """The audience's first deadline on or after `today` (looking into next year too); with
    `year`, within that year (its last one when all have passed)."""
    years = [year] if year is not None else [today.year, today.year + 1]
    found = [d for y in years for d in deadlines(planset, y) if d.audience_id == audience_id]
    coming = [d for d in found if d.date >= today]
    if coming:
        return coming[0]
    return found[-1] if found and year is not None else None
