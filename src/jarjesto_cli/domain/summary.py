"""Status as data: the state of every plan, goal, measure and indicator for one period.

`summarize` builds the tree that every output shows; `GoalState.lines()` is the one walk over a
goal (its own indicators, then each measure followed by its indicators) that tables, plain text
and the export follow; `as_json` is the stable JSON interface (documented in the README).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jarjesto_cli.domain import status as rules
from jarjesto_cli.domain.indicators import IndicatorBase, MeasurementBase, Met
from jarjesto_cli.domain.models import (
    Goal,
    Measure,
    Plan,
    Schedule,
    sub_action_owners,
    sub_action_schedule,
    sub_action_text,
)
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.status import MeasureStatus, Status
from jarjesto_cli.errors import UsageError

JSON_VERSION = 1


@dataclass(frozen=True)
class IndicatorState:
    indicator: IndicatorBase
    met: Met
    latest: MeasurementBase | None
    known: list[MeasurementBase]  # every measurement known by the period (with or without value)
    trend: str | None
    period: Period

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def kind(self) -> str:
        return self.indicator.kind


@dataclass(frozen=True)
class MeasureState:
    measure: Measure
    state: MeasureStatus
    indicators: list[IndicatorState]
    period: Period

    @property
    def status(self) -> Status:
        return self.state.status

    @property
    def late(self) -> bool:
        """Its schedule's end has passed by the end of the period and it is not done."""
        return is_late(self.measure.schedule, self.status, self.period)

    @property
    def not_started(self) -> bool:
        """Its schedule starts after the period: not started yet (never "no data")."""
        return self.measure.not_started(self.period)

    def involves(self, actor: str) -> bool:
        """The actor leads or shares the measure, or owns one of its sub-actions."""
        return actor in self.measure.owners or any(actor in s.owners for s in self.sub_actions())

    def sub_actions(self) -> list[SubActionState]:
        """The sub-actions with their owners, schedule and whether each is late."""
        return [
            SubActionState(
                index=i + 1,
                text=sub_action_text(item),
                owners=sub_action_owners(item),
                schedule=sub_action_schedule(item),
                late=is_late(sub_action_schedule(item), self.status, self.period),
                not_started=(s := sub_action_schedule(item)) is not None
                and s.not_started(self.period),
            )
            for i, item in enumerate(self.measure.sub_actions)
        ]


@dataclass(frozen=True)
class SubActionState:
    """A sub-action for a period; `index` is its place (1-based): `T1.2/3` on the command line."""

    index: int
    text: str
    owners: list[str]
    schedule: Schedule | None
    late: bool
    not_started: bool

    @property
    def planned(self) -> bool:
        """It has an owner or a schedule of its own (a plain text sub-action has neither)."""
        return bool(self.owners or self.schedule)


def is_late(schedule: Schedule | None, status: Status, period: Period) -> bool:
    """The late rule: the schedule's end has passed by the end of `period` and the status is
    not toteutuu (a sub-action follows its measure's status)."""
    return schedule is not None and schedule.late(period) and status is not Status.TOTEUTUU


@dataclass(frozen=True)
class Line:
    """One line of the walk over a goal: a measure, or an indicator (of the goal or a measure)."""

    measure: MeasureState | None = None
    indicator: IndicatorState | None = None

    @property
    def depth(self) -> int:
        """0 for a measure or the goal's own indicator, 1 for a measure's indicator."""
        return 1 if self.measure is not None and self.indicator is not None else 0


@dataclass(frozen=True)
class GoalState:
    goal: Goal
    measures: list[MeasureState]
    indicators: list[IndicatorState]

    @property
    def counts(self) -> dict[str, int]:
        return rules.count(m.status for m in self.measures)

    def lines(self) -> Iterator[Line]:
        """The goal's own indicators, then each measure followed by its indicators."""
        for indicator in self.indicators:
            yield Line(indicator=indicator)
        for measure in self.measures:
            yield Line(measure=measure)
            for indicator in measure.indicators:
                yield Line(measure=measure, indicator=indicator)


class Phase(StrEnum):
    """Where a plan is in its years (`alkuvuosi`–`loppuvuosi`) at a period."""

    NOT_STARTED = "not_started"  # the period ends before the plan's first year
    RUNNING = "running"
    ENDED = "ended"  # the period starts after the plan's last year


@dataclass(frozen=True)
class PlanState:
    """A plan as known at the end of its own period, which is the summary's period, or (when
    the plan has nothing for that period but has something before it) its latest period with
    data: the last known state, shown with its own period and kept out of the totals."""

    plan: Plan
    goals: list[GoalState]
    period: Period
    phase: Phase = Phase.RUNNING
    current: bool = True  # its period is the summary's: its figures count in the totals

    @property
    def counts(self) -> dict[str, int]:
        return rules.count(m.status for g in self.goals for m in g.measures)

    @property
    def has_data(self) -> bool:
        """Something is reported or measured by the end of the plan's period."""
        return any(
            m.state.report is not None or any(i.latest for i in m.indicators)
            for g in self.goals
            for m in g.measures
        ) or any(i.latest for g in self.goals for i in g.indicators)

    @property
    def status_months(self) -> int | None:
        """The length in months of the shortest period the plan reports statuses for (12 for a
        plan that reports once a year), or None when it has reported none."""
        months = [r.period.months for g in self.plan.goals for m in g.measures for r in m.reports]
        return min(months, default=None)

    @property
    def statuses_not_due(self) -> bool:
        """The plan reports statuses for longer periods than its own (a year's statuses, a
        quarter's report) and none is known yet: its measures have no status for this period
        because none is due, not because one is missing."""
        months = self.status_months
        return (
            months is not None
            and self.period.months < months
            and not any(m.state.report for g in self.goals for m in g.measures)
        )


@dataclass(frozen=True)
class Summary:
    period: Period
    plans: list[PlanState] = field(default_factory=list)
    actors: dict[str, str] = field(default_factory=dict)  # actor id → name, from the shared file

    @property
    def counts(self) -> dict[str, int]:
        """Counts over the plans whose state is for the summary's own period."""
        return rules.count(
            m.status for p in self.plans if p.current for g in p.goals for m in g.measures
        )


class Reason(StrEnum):
    """Why a measure or an indicator is off track."""

    NOT_MET = "not_met"  # a measure's status is "ei toteudu"; an indicator is not met
    FALLING = "falling"  # an indicator's latest value is lower than the one before it
    LATE = "late"  # a measure past its scheduled end and not done (`is_late`)


@dataclass(frozen=True)
class OffTrack:
    """A measure or an indicator that is behind, and why (one or more reasons)."""

    goal: Goal
    reasons: tuple[Reason, ...]
    measure: MeasureState | None = None
    indicator: IndicatorState | None = None

    @property
    def id(self) -> str:
        if self.indicator is not None:
            return self.indicator.id
        assert self.measure is not None  # one of the two is always set
        return self.measure.measure.id


def off_track(state: PlanState) -> list[OffTrack]:
    """What is behind in a plan at its period, in the walk's order: measures that do not come
    true ("ei toteudu") or are late, indicators that are not met, indicators whose values are
    falling."""
    found = []
    for goal in state.goals:
        for line in goal.lines():
            if line.indicator is not None:
                reasons = []
                if line.indicator.met is Met.NOT_MET:
                    reasons.append(Reason.NOT_MET)
                if line.indicator.trend == "laskee":
                    reasons.append(Reason.FALLING)
                if reasons:
                    found.append(OffTrack(goal.goal, tuple(reasons), line.measure, line.indicator))
            elif line.measure is not None:
                measure_reasons = []
                if line.measure.status is Status.EI_TOTEUDU:
                    measure_reasons.append(Reason.NOT_MET)
                if line.measure.late:
                    measure_reasons.append(Reason.LATE)
                if measure_reasons:
                    found.append(OffTrack(goal.goal, tuple(measure_reasons), line.measure))
    return found


@dataclass(frozen=True)
class Gaps:
    """What a plan lacks for its period: measures without a status, indicators without a value
    measured inside the period (a value from an earlier period does not fill it)."""

    measures: list[MeasureState]
    indicators: list[IndicatorState]

    def __bool__(self) -> bool:
        return bool(self.measures or self.indicators)


def gaps(state: PlanState) -> Gaps:
    """The plan's measures with no status (reported or derived) and its indicators, goal-level
    too, with no value inside the plan's period, in the walk's order.

    An indicator measured only for longer periods than the plan's (a yearly value, in a
    quarter's report) is not due in it and is not missing; one never measured always is. A
    measure not started yet (`ei vielä alkanut`) is not asked for, nor are its indicators."""
    measures: list[MeasureState] = []
    indicators: list[IndicatorState] = []
    for goal in state.goals:
        for line in goal.lines():
            if line.measure is not None and line.measure.status is Status.EI_ALKANUT:
                continue
            if line.indicator is not None:
                recorded = line.indicator.indicator.measurements
                due = not recorded or min(m.period.months for m in recorded) <= state.period.months
                values = line.indicator.indicator.known(state.period)
                if due and not any(state.period.contains(m.period) for m in values):
                    indicators.append(line.indicator)
            elif line.measure is not None and line.measure.status is Status.EI_TIETOA:
                measures.append(line.measure)
    return Gaps(measures, indicators)


def recorded_periods(plans: Iterable[Plan]) -> list[Period]:
    """Every period that has a measurement or a reported status, oldest first."""
    found: set[Period] = set()
    for plan in plans:
        for goal in plan.goals:
            for ind in goal.indicators:
                found.update(m.period for m in ind.measurements)
            for measure in goal.measures:
                found.update(r.period for r in measure.reports)
                for ind in measure.indicators:
                    found.update(m.period for m in ind.measurements)
    return sorted(found)


def default_period(plans: Iterable[Plan], today: dt.date) -> Period:
    """The latest of the plans' own periods (see `plan_period`)."""
    return max((plan_period(p, today) for p in plans), default=Period(today.year))


def plan_period(plan: Plan, today: dt.date) -> Period:
    """A plan's own default period: its latest period with data; without data, the current
    year kept within the plan's years."""
    periods = recorded_periods([plan])
    if periods:
        return periods[-1]
    year = today.year
    if plan.last_year is not None:
        year = min(year, plan.last_year)
    if plan.first_year is not None:
        year = max(year, plan.first_year)
    return Period(year)


def phase(plan: Plan, period: Period) -> Phase:
    """Whether `period` lies before, within or after the plan's years."""
    if plan.first_year is not None and period.end.year < plan.first_year:
        return Phase.NOT_STARTED
    if plan.last_year is not None and period.start.year > plan.last_year:
        return Phase.ENDED
    return Phase.RUNNING


def _own_period(plan: Plan, period: Period) -> Period:
    """The period a plan is shown at for a summary of `period`: `period` itself when the plan
    has data inside it (or none before it), else its latest period with data before it."""
    recorded = recorded_periods([plan])
    if any(period.contains(p) for p in recorded):
        return period
    earlier = [p for p in recorded if p.known_by(period)]
    return earlier[-1] if earlier else period


def indicator_state(indicator: IndicatorBase, period: Period) -> IndicatorState:
    return IndicatorState(
        indicator=indicator,
        met=indicator.met(period),
        latest=indicator.latest(period),
        known=indicator.history(period),
        trend=indicator.trend(period),
        period=period,
    )


def summarize(
    planset: PlanSet,
    *,
    period: Period | None = None,
    plan_ids: Iterable[str] | None = None,
    goal_id: str | None = None,
    today: dt.date | None = None,
) -> Summary:
    """The state of the selected plans (all by default) as known at the end of `period`."""
    plans = [planset.plan(pid) for pid in plan_ids] if plan_ids is not None else list(planset.plans)
    if goal_id is not None:
        node = planset.find(goal_id, kinds=("goal",))
        plans = [p for p in plans if p is node.plan]
        if not plans:
            raise UsageError(f"goal '{goal_id}' is not in the selected plan")
    day = today or dt.date.today()
    wanted = period if period is not None else default_period(plans, day)
    states = []
    for plan in plans:
        goals = [g for g in plan.goals if goal_id is None or g.id == goal_id]
        if period is None:
            own = plan_period(plan, day)
        else:
            own = _own_period(plan, period)
        where = phase(plan, wanted)
        current = own == wanted and where is Phase.RUNNING
        states.append(PlanState(plan, [_goal_state(g, own) for g in goals], own, where, current))
    actors = {a.id: a.name for a in planset.shared.actors} if planset.shared else {}
    return Summary(wanted, states, actors)


def _goal_state(goal: Goal, period: Period) -> GoalState:
    measures = [
        MeasureState(
            m,
            rules.measure_status(m, period),
            [indicator_state(i, period) for i in m.indicators],
            period,
        )
        for m in goal.measures
    ]
    return GoalState(goal, measures, [indicator_state(i, period) for i in goal.indicators])


# --- JSON ---------------------------------------------------------------------------------------


def _indicator_json(state: IndicatorState) -> dict[str, Any]:
    ind = state.indicator
    return {
        "id": ind.id,
        "title": ind.name,
        "kind": state.kind,
        "target": ind.target_at(state.period),
        "target_history": [
            {
                "date": c.date.isoformat(),
                "decision": c.decision,
                "previous": c.previous,
                "reason": c.reason,
            }
            for c in sorted(ind.target_changes, key=lambda c: c.date)
        ],
        "latest": state.latest.value if state.latest else None,
        "latest_period": str(state.latest.period) if state.latest else None,
        "measurements": [
            {
                "period": str(m.period),
                "value": m.value,
                "approximate": m.approximate,
                "n": m.n,
                "note": m.note,
            }
            for m in state.known
        ],
        "met": state.met.json,
        "trend": state.trend,
        **ind.details(),
    }


def _measure_json(state: MeasureState, actors: dict[str, str]) -> dict[str, Any]:
    report = state.state.report
    measure = state.measure
    schedule = measure.schedule
    return {
        "id": state.measure.id,
        "title": state.measure.name,
        "status": str(state.status),
        "status_source": str(state.state.source),
        "status_period": str(report.period) if report else None,
        "narrative": report.text if report else None,
        "derived_status": str(state.state.derived),
        "disagrees": state.state.disagrees,
        "accepted_disagreement": state.state.accepted,
        "owners": [{"id": o, "name": actors.get(o, o)} for o in measure.owners],
        "schedule": {
            "start": str(schedule.start) if schedule and schedule.start else None,
            "end": str(schedule.end) if schedule and schedule.end else None,
        },
        "priority": measure.priority,
        "late": state.late,
        "not_started": state.not_started,
        "indicators": [_indicator_json(i) for i in state.indicators],
    }


def as_json(summary: Summary) -> dict[str, Any]:
    """The documented JSON form of a summary (see README, "plan status --format json")."""
    return {
        "version": JSON_VERSION,
        "period": str(summary.period),
        "counts": summary.counts,
        "plans": [
            {
                "id": p.plan.id,
                "title": p.plan.name,
                "period": str(p.period),
                "phase": str(p.phase),
                "current": p.current,
                "counts": p.counts,
                "goals": [
                    {
                        "id": g.goal.id,
                        "title": g.goal.name,
                        "dimension": g.goal.dimension,
                        "strategy_goals": list(g.goal.strategy_goals),
                        "counts": g.counts,
                        "indicators": [_indicator_json(i) for i in g.indicators],
                        "measures": [_measure_json(m, summary.actors) for m in g.measures],
                    }
                    for g in p.goals
                ],
            }
            for p in summary.plans
        ],
    }
