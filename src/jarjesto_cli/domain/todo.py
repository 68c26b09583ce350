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
    """A measure (`T1.2`) or sub-action (`T1.2/3`) with a schedule, late or due."""

    id: str
    plan_id: str
    title: str
    kind: str  # "measure" or "sub_action"
    owners: tuple[str, ...]
    schedule: Schedule
    status: Status  # the measure's status as known today


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
                )  # fmt: skip
            )
    return found


def todo(
    planset: PlanSet, today: dt.date, *, owner: str | None = None, audience: str | None = None
) -> Todo:
    """The list for `owner` (everyone's without), against `audience`'s next deadline (without
    one, the next deadline of any audience)."""
    period = quarter_of(today)
    summary = summarize(planset, period=period, today=today)
    late: list[Task] = []
    due: list[Task] = []
    for plan_state in summary.plans:
        for goal_state in plan_state.goals:
            for state in goal_state.measures:
                for task in _tasks(state, plan_state.plan.id):
                    if owner is not None and owner not in task.owners:
                        continue
                    if task.status is Status.TOTEUTUU:
                        continue
                    end = task.schedule.end
                    assert end is not None
                    if end.end < today:
                        late.append(task)
                    elif end.end <= period.end:
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
