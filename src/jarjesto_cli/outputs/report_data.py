"""Reports as data: everything a report template shows, as plain dicts and lists.

Templates get no models and no functions, only this data (values pre-formatted for readers where
formatting is Finnish-specific, raw values beside them). Charts are planned here (file name, alt
text, the numbers to draw); the edge (`reports.py`) draws them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from jarjesto_cli.domain.fields import TextItem, TextTree
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.status import STATUS_ORDER
from jarjesto_cli.domain.summary import (
    GoalState,
    IndicatorState,
    MeasureState,
    PlanState,
    summarize,
)
from jarjesto_cli.outputs import display
from jarjesto_cli.outputs.display import indicator_view, measure_view


def file_name(name: str) -> str:
    """A file name safe in any file system and in a Markdown link: [A-Za-z0-9.-] only."""
    return re.sub(r"[^A-Za-z0-9.-]+", "-", name)


def items(entries: list[TextItem]) -> list[dict[str, Any]]:
    """Bullets as {text, items} trees."""
    out = []
    for entry in entries:
        if isinstance(entry, TextTree):
            out.append({"text": entry.text, "items": items(entry.items)})
        else:
            out.append({"text": entry, "items": []})
    return out


def build(
    planset: PlanSet,
    audience_id: str,
    *,
    period: Period | None = None,
    today: dt.date,
    changes: list[dict[str, Any]] | None = None,
    since: str | None = None,
) -> dict[str, Any]:
    """The whole context of one audience's report for one period."""
    audience = planset.audience(audience_id)
    summary = summarize(planset, period=period, plan_ids=audience.plans, today=today)
    wanted = summary.period  # the latest with data in the audience's plans, unless given
    shared = planset.shared
    strategy = {s.id: s.name for s in shared.strategy_goals} if shared else {}
    metrics = {s.id: s.name for s in shared.strategy_metrics} if shared else {}
    stem = file_name(f"{audience.id}-{wanted}")
    charts: list[dict[str, Any]] = []
    plan_data = [_plan(ps, strategy, metrics, stem, charts, wanted) for ps in summary.plans]
    rhythm = f"{audience.times_per_year}"
    if audience.at_most_per_year and audience.at_most_per_year != audience.times_per_year:
        rhythm += f"–{audience.at_most_per_year}"
    return {
        "title": "Tilannekatsaus",
        "organisation": shared.organisation if shared else "",
        "audience": {
            "id": audience.id,
            "name": audience.name,
            "description": audience.description,
            "rhythm": f"{rhythm} kertaa vuodessa",
        },
        "period": str(wanted),
        "period_label": wanted.label(),
        "period_end": display.date(wanted.end),
        "date": display.date(today),
        "counts": summary.counts,
        "counts_text": display.counts(summary.counts),
        "statuses": [
            {"key": s.key, "word": s.value, "short": s.key.replace("_", " "), "symbol": s.symbol}
            for s in STATUS_ORDER
        ],
        "plans": plan_data,
        "charts": charts,
        "file_stem": stem,
        "since": since,
        "changes": None
        if changes is None
        else [c for c in changes if c.get("plan_id") in set(audience.plans)],
    }


def _plan(
    state: PlanState,
    strategy: dict[str, str],
    metrics: dict[str, str],
    stem: str,
    charts: list[dict[str, Any]],
    period: Period,
) -> dict[str, Any]:
    plan = state.plan
    chart = status_chart(state, f"{stem}-{plan.id}-tilat.png", period)
    charts.append(chart)
    goals = [_goal(g, strategy, metrics, stem, charts) for g in state.goals]
    return {
        "id": plan.id,
        "name": plan.name,
        "owner": plan.owner,
        "years": f"{plan.first_year}–{plan.last_year}"
        if plan.first_year and plan.last_year
        else None,
        "description": plan.description,
        "source": plan.source,
        "counts": state.counts,
        "counts_text": display.counts(state.counts),
        "measure_count": sum(len(g.measures) for g in state.goals),
        "status_chart": chart,
        "events": [
            {"date": display.date(e.date), "body": e.body, "description": e.description}
            for e in sorted(plan.events, key=lambda e: e.date)
        ],
        "background": items(plan.background),
        "schedule": [
            {"name": m.name, "when": m.when, "items": items(m.items)} for m in plan.schedule
        ],
        "follow_up": items(plan.follow_up),
        "implementation": items(plan.implementation),
        "roles": [{"name": r.name, "duties": items(r.duties)} for r in plan.roles],
        "reporting": [{"audience": r.audience, "text": r.text} for r in plan.reporting],
        "strengths": [{"name": t.name, "items": items(t.items)} for t in plan.strengths],
        "themes": [{"name": t.name, "items": items(t.items)} for t in plan.themes],
        "goals": goals,
        "reported": [m for g in goals for m in g["measures"] if m["narrative"]],
        "indicator_count": sum(
            len(g["indicators"]) + sum(len(m["indicators"]) for m in g["measures"]) for g in goals
        ),
    }


def status_chart(state: PlanState, file: str, period: Period) -> dict[str, Any]:
    """The plan's stacked bars: its measures' statuses per goal (reports and the site)."""
    return {
        "kind": "status",
        "file": file,
        "alt": _status_alt(state.plan.name, state),
        "title": f"Toimenpiteiden tila tavoitteittain ({period})",
        "goals": [{"id": g.goal.id, "counts": g.counts} for g in state.goals],
    }


def trend_chart(state: IndicatorState, file: str) -> dict[str, Any] | None:
    """An indicator's values over time with its target line (reports and the site); None when
    it is not charted (not numeric, or fewer than two values)."""
    ind = state.indicator
    numeric = ind.numbers(state.period)
    axis = ind.chart_axis()
    if axis is None or len(numeric) < 2:
        return None
    points = [(str(p), v) for p, v in numeric]
    return {
        "kind": "trend",
        "file": file,
        "title": f"{ind.id} {ind.name}",
        "points": [{"period": p, "value": v} for p, v in points],
        "target": axis.target,
        "scale": [axis.low, axis.high] if axis.low is not None else None,
        "unit": axis.unit,
        "alt": _trend_alt(ind.id, ind.name, points, axis.target),
    }


def _status_alt(name: str, state: PlanState) -> str:
    parts = [
        f"{g.goal.id}: "
        + ", ".join(f"{g.counts[s.key]} {s.value}" for s in STATUS_ORDER if g.counts[s.key])
        for g in state.goals
    ]
    return (
        f"Pinottu pylväskaavio, {name}: toimenpiteiden tilat tavoitteittain. "
        + "; ".join(parts)
        + "."
    )


def _goal(
    state: GoalState,
    strategy: dict[str, str],
    metrics: dict[str, str],
    stem: str,
    charts: list[dict[str, Any]],
) -> dict[str, Any]:
    goal = state.goal
    return {
        "id": goal.id,
        "name": goal.name,
        "dimension": goal.dimension,
        "description": goal.description,
        "counts": state.counts,
        "counts_text": display.counts(state.counts),
        "strategy_goals": [{"id": s, "name": strategy.get(s, s)} for s in goal.strategy_goals],
        "strategy_metrics": [{"id": s, "name": metrics.get(s, s)} for s in goal.strategy_metrics],
        "indicators": [_indicator(i, stem, charts) for i in state.indicators],
        "measures": [_measure(m, stem, charts) for m in state.measures],
    }


def _measure(state: MeasureState, stem: str, charts: list[dict[str, Any]]) -> dict[str, Any]:
    measure = state.measure
    view = measure_view(state)
    return {
        "id": measure.id,
        "name": measure.name,
        "description": measure.description,
        "sub_actions": list(measure.sub_actions),
        "target_groups": list(measure.target_groups),
        "baseline": list(measure.baseline),
        "follow_up": measure.follow_up,
        "status": view.status.key,
        "status_word": view.status.value,
        "status_label": view.status.label,
        "status_symbol": view.status.symbol,
        "status_source": str(state.state.source),
        "source_text": view.basis_text,
        "status_period": view.status_period,
        "narrative": view.narrative,
        "derived_word": view.derived.value,
        "disagrees": view.disagrees,
        "indicators": [_indicator(i, stem, charts) for i in state.indicators],
    }


def _indicator(state: IndicatorState, stem: str, charts: list[dict[str, Any]]) -> dict[str, Any]:
    ind = state.indicator
    view = indicator_view(state)
    chart = trend_chart(state, file_name(f"{stem}-{ind.id}.png"))
    if chart is not None:
        charts.append(chart)
    notes = [{"period": str(m.period), "text": m.note} for m in state.known if m.note]
    return {
        "id": ind.id,
        "name": ind.name,
        "group": ind.group,
        "description": ind.description,
        "source": ind.source,
        "kind": view.kind,
        "kind_text": view.kind_label,
        "target_text": view.target_text,
        "latest_text": view.value_text,
        "latest_period": view.latest_period,
        "latest_n": view.latest_n,
        "met": view.met.value,
        "met_text": view.met_text,
        "trend": view.trend,
        "trend_text": view.trend_text,
        "measurements": [
            {
                "period": str(m.period),
                "value_text": ind.measurement_text(m),
                "n": m.n,
                "note": m.note,
            }
            for m in state.known
        ],
        "notes": notes,
        "chart": chart,
    }


def _trend_alt(
    indicator_id: str, name: str, points: list[tuple[str, float]], target: float | None
) -> str:
    values = ", ".join(f"{p}: {display.number(v)}" for p, v in points)
    goal = f" Tavoite {display.number(target)}." if target is not None else ""
    return f"Viivakaavio, {indicator_id} {name}: {values}.{goal}"
