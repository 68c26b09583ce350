"""Status as data: the state of every plan, goal, measure and indicator for one period.

`summarize` is what `plan status` prints and what reports render; `as_json` is the stable JSON
interface (documented in the README) that other tools read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jarjesto_cli.domain import status as rules
from jarjesto_cli.domain.models import (
    CountIndicator,
    Goal,
    IndicatorBase,
    Measure,
    MeasurementBase,
    Plan,
    ScaleIndicator,
    YesNoIndicator,
)
from jarjesto_cli.domain.periods import Period, PeriodError
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.status import MeasureStatus, Met, Status
from jarjesto_cli.errors import UsageError

JSON_VERSION = 1


@dataclass(frozen=True)
class IndicatorState:
    indicator: IndicatorBase
    met: Met
    latest: MeasurementBase | None
    known: list[MeasurementBase]  # every measurement known by the period (with or without value)
    trend: str | None

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def kind(self) -> str:
        return str(getattr(self.indicator, "kind", ""))


@dataclass(frozen=True)
class MeasureState:
    measure: Measure
    state: MeasureStatus
    indicators: list[IndicatorState]

    @property
    def status(self) -> Status:
        return self.state.status


@dataclass(frozen=True)
class GoalState:
    goal: Goal
    measures: list[MeasureState]
    indicators: list[IndicatorState]

    @property
    def counts(self) -> dict[str, int]:
        return rules.count(m.status for m in self.measures)


@dataclass(frozen=True)
class PlanState:
    plan: Plan
    goals: list[GoalState]

    @property
    def counts(self) -> dict[str, int]:
        return rules.count(m.status for g in self.goals for m in g.measures)


@dataclass(frozen=True)
class Summary:
    period: Period
    plans: list[PlanState] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return rules.count(m.status for p in self.plans for g in p.goals for m in g.measures)


def recorded_periods(plans: Iterable[Plan]) -> list[Period]:
    """Every period that has a measurement or a reported status, oldest first."""
    found: set[Period] = set()
    for plan in plans:
        for goal in plan.goals:
            for ind in goal.indicators:
                found.update(Period.parse(m.period) for m in ind.measurements)
            for measure in goal.measures:
                found.update(Period.parse(r.period) for r in measure.reports)
                for ind in measure.indicators:
                    found.update(Period.parse(m.period) for m in ind.measurements)
    return sorted(found)


def default_period(plans: Iterable[Plan], today: dt.date) -> Period:
    """The latest period with data, or the current year when there is none."""
    periods = recorded_periods(plans)
    return periods[-1] if periods else Period(today.year)


def parse_period(text: str) -> Period:
    """A period from the command line; a bad one is a usage error."""
    try:
        return Period.parse(text.strip())
    except PeriodError as exc:
        raise UsageError(f"--period: {exc}") from None


def indicator_state(indicator: IndicatorBase, period: Period) -> IndicatorState:
    known = [m for m in indicator.measurements if Period.parse(m.period).known_by(period)]
    known.sort(key=lambda m: Period.parse(m.period).sort_key)
    return IndicatorState(
        indicator=indicator,
        met=rules.indicator_met(indicator, period),
        latest=rules.latest(indicator, period),
        known=known,
        trend=rules.trend(indicator, period),
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
    if period is None:
        period = default_period(plans, today or dt.date.today())
    states = []
    for plan in plans:
        goals = [g for g in plan.goals if goal_id is None or g.id == goal_id]
        states.append(PlanState(plan, [_goal_state(g, period) for g in goals]))
    return Summary(period, states)


def _goal_state(goal: Goal, period: Period) -> GoalState:
    measures = [
        MeasureState(
            m,
            rules.measure_status(m, period),
            [indicator_state(i, period) for i in m.indicators],
        )
        for m in goal.measures
    ]
    return GoalState(goal, measures, [indicator_state(i, period) for i in goal.indicators])


# --- JSON ---------------------------------------------------------------------------------------


def _target_json(indicator: IndicatorBase) -> Any:
    if isinstance(indicator, YesNoIndicator):
        return "kyllä"
    if isinstance(indicator, ScaleIndicator | CountIndicator):
        return indicator.target
    return None


def _indicator_json(state: IndicatorState) -> dict[str, Any]:
    ind = state.indicator
    data: dict[str, Any] = {
        "id": ind.id,
        "title": ind.name,
        "kind": state.kind,
        "target": _target_json(ind),
        "latest": getattr(state.latest, "value", None),
        "latest_period": state.latest.period if state.latest else None,
        "measurements": [
            {"period": m.period, "value": getattr(m, "value", None), "n": m.n, "note": m.note}
            for m in state.known
        ],
        "met": state.met.json,
        "trend": state.trend,
    }
    if isinstance(ind, ScaleIndicator):
        data["scale"] = {"min": ind.scale.min, "max": ind.scale.max}
    if isinstance(ind, CountIndicator):
        data["unit"] = ind.unit
        data["baseline_period"] = ind.baseline_period
    return data


def _measure_json(state: MeasureState) -> dict[str, Any]:
    report = state.state.report
    return {
        "id": state.measure.id,
        "title": state.measure.name,
        "status": str(state.status),
        "status_source": str(state.state.source),
        "status_period": report.period if report else None,
        "narrative": report.text if report else None,
        "derived_status": str(state.state.derived),
        "disagrees": state.state.disagrees,
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
                "counts": p.counts,
                "goals": [
                    {
                        "id": g.goal.id,
                        "title": g.goal.name,
                        "dimension": g.goal.dimension,
                        "strategy_goals": list(g.goal.strategy_goals),
                        "counts": g.counts,
                        "indicators": [_indicator_json(i) for i in g.indicators],
                        "measures": [_measure_json(m) for m in g.measures],
                    }
                    for g in p.goals
                ],
            }
            for p in summary.plans
        ],
    }
