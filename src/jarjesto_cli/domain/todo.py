"""A person's or team's to-do list (`plan todo`): what is late, what is due this period, and
what the next reporting deadline still lacks — each item with its owners.

Late and due are judged on a day (today): a measure or sub-action is late when its schedule's
end period has ended before that day and its measure's status is not toteutuu; it is due when
its end period ends inside the current quarter. A sub-action without owners of its own is its
measure's owners' to do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jarjesto_cli.domain.deadlines import Deadline, next_deadline
from jarjesto_cli.domain.models import Schedule
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.readiness import Gap, Readiness, readiness
from jarjesto_cli.domain.status import Status
from jarjesto_cli.domain.summary import MeasureState, summarize


@dataclass(frozen=True)
class Task:
    """A measure (`T1.2`) or sub-action (`T1.2/3`) with a schedule that has an end."""

    id: str
    plan_id: str
    title: str
    kind: str  # "measure" or "sub_action"
    owners: tuple[str, ...]  # a sub-action without owners of its own: its measure's
    schedule: Schedule
    status: Status  # the measure's status as known today
    measure_id: str
    measure_name: str

    @property
    def due_date(self) -> dt.date:
        """The last day of its schedule's end period: the day it is due."""
        assert self.schedule.end is not None
        return self.schedule.end.end

    def late_on(self, day: dt.date) -> bool:
        """The late rule on a day: its end period ended before `day`, its measure not done."""
        return self.due_date < day and self.status is not Status.TOTEUTUU


@dataclass(frozen=True)
class Todo:
    today: dt.date
    period: Period  # the current quarter
    owner: str | None
    late: tuple[Task, ...]
    due: tuple[Task, ...]
    deadline: Deadline | None
    ready: Readiness | None
    missing: tuple[Gap, ...]  # the deadline's gaps (the owner's only, with an owner)


def quarter_of(day: dt.date) -> Period:
    return Period.parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def _tasks(state: MeasureState, plan_id: str) -> list[Task]:
    measure = state.measure
    found = []
    if measure.schedule is not None and measure.schedule.end is not None:
        found.append(
            Task(
                measure.id,
                plan_id,
                measure.name,
                "measure",
                tuple(measure.owners),
                measure.schedule,
                state.status,
                measure.id,
                measure.name,
            )  # fmt: skip
        )
    for sub in state.sub_actions():
        if sub.schedule is not None and sub.schedule.end is not None:
            owners = tuple(sub.owners or measure.owners)
            found.append(
                Task(
                    f"{measure.id}/{sub.index}",
                    plan_id,
                    sub.text,
                    "sub_action",
                    owners,
                    sub.schedule,
                    state.status,
                    measure.id,
                    measure.name,
                )  # fmt: skip
            )
    return found


def scheduled(planset: PlanSet, today: dt.date, *, owner: str | None = None) -> list[Task]:
    """Every measure and sub-action whose schedule has an end, in plan order, with its
    measure's status as known today; with `owner`, only those that actor leads or shares."""
    summary = summarize(planset, period=quarter_of(today), today=today)
    return [
        task
        for plan_state in summary.plans
        for goal_state in plan_state.goals
        for state in goal_state.measures
        for task in _tasks(state, plan_state.plan.id)
        if owner is None or owner in task.owners
    ]


def todo(
    planset: PlanSet, today: dt.date, *, owner: str | None = None, audience: str | None = None
) -> Todo:
    """The list for `owner` (everyone's without), against `audience`'s next deadline (without
    one, the next deadline of any audience)."""
    period = quarter_of(today)
    late: list[Task] = []
    due: list[Task] = []
    for task in scheduled(planset, today, owner=owner):
        if task.late_on(today):
            late.append(task)
        elif task.status is not Status.TOTEUTUU and task.due_date <= period.end:
            due.append(task)
    deadline = _deadline(planset, today, audience)
    ready = readiness(planset, deadline) if deadline is not None else None
    gaps: tuple[Gap, ...] = ()
    if ready is not None:
        gaps = ready.for_owner(owner) if owner is not None else ready.gaps
    return Todo(today, period, owner, tuple(late), tuple(due), deadline, ready, gaps)


def _deadline(planset: PlanSet, today: dt.date, audience: str | None) -> Deadline | None:
    if audience is not None:
        return next_deadline(planset, audience, today, None)
    audiences = planset.shared.audiences if planset.shared else []
    coming = [d for a in audiences if (d := next_deadline(planset, a.id, today, None))]
    return min(coming, key=lambda d: d.date) if coming else None
