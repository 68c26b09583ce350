"""Reports as data: everything a report template shows, as plain dicts and lists.

Templates get no models and no functions, only this data (values pre-formatted for readers where
formatting is Finnish-specific, raw values beside them). Charts are planned here (file name, alt
text, the numbers to draw); the edge (`reports.py`) draws them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from jarjesto_cli.domain.models import (
    CountIndicator,
    ScaleIndicator,
    TextItem,
    TextTree,
)
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
from jarjesto_cli.outputs import fmt

KIND_TEXT = {
    "kyllä-ei": "kyllä/osittain/ei",
    "asteikko": "asteikko",
    "määrä": "määrä",
    "teksti": "sanallinen",
}


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
        "period_end": fmt.date(wanted.end),
        "date": fmt.date(today),
        "counts": summary.counts,
        "counts_text": fmt.counts(summary.counts),
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
    status_chart = {
        "kind": "status",
        "file": f"{stem}-{plan.id}-tilat.png",
        "alt": _status_alt(plan.name, state),
        "title": f"Toimenpiteiden tila tavoitteittain ({period})",
        "goals": [{"id": g.goal.id, "counts": g.counts} for g in state.goals],
    }
    charts.append(status_chart)
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
        "counts_text": fmt.counts(state.counts),
        "measure_count": sum(len(g.measures) for g in state.goals),
        "status_chart": status_chart,
        "events": [
            {"date": fmt.date(e.date), "body": e.body, "description": e.description}
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
        "counts_text": fmt.counts(state.counts),
        "strategy_goals": [{"id": s, "name": strategy.get(s, s)} for s in goal.strategy_goals],
        "strategy_metrics": [{"id": s, "name": metrics.get(s, s)} for s in goal.strategy_metrics],
        "indicators": [_indicator(i, stem, charts) for i in state.indicators],
        "measures": [_measure(m, stem, charts) for m in state.measures],
    }


def _measure(state: MeasureState, stem: str, charts: list[dict[str, Any]]) -> dict[str, Any]:
    measure = state.measure
    report = state.state.report
    status = state.status
    return {
        "id": measure.id,
        "name": measure.name,
        "description": measure.description,
        "sub_actions": list(measure.sub_actions),
        "target_groups": list(measure.target_groups),
        "baseline": list(measure.baseline),
        "follow_up": measure.follow_up,
        "status": status.key,
        "status_word": status.value,
        "status_label": status.label,
        "status_symbol": status.symbol,
        "status_source": str(state.state.source),
        "source_text": fmt.SOURCE_TEXT[state.state.source]
        + (f" {report.period}" if report is not None else ""),
        "status_period": report.period if report else None,
        "narrative": report.text if report else None,
        "derived_word": state.state.derived.value,
        "disagrees": state.state.disagrees,
        "indicators": [_indicator(i, stem, charts) for i in state.indicators],
    }


def _indicator(state: IndicatorState, stem: str, charts: list[dict[str, Any]]) -> dict[str, Any]:
    ind = state.indicator
    latest = state.latest
    numeric = [
        (m.period, getattr(m, "value", None))
        for m in state.known
        if isinstance(getattr(m, "value", None), int | float)
    ]
    chart = None
    if isinstance(ind, ScaleIndicator | CountIndicator) and len(numeric) >= 2:
        target = ind.target
        chart = {
            "kind": "trend",
            "file": file_name(f"{stem}-{ind.id}.png"),
            "title": f"{ind.id} {ind.name}",
            "points": [{"period": p, "value": v} for p, v in numeric],
            "target": target,
            "scale": [ind.scale.min, ind.scale.max] if isinstance(ind, ScaleIndicator) else None,
            "unit": getattr(ind, "unit", None),
            "alt": _trend_alt(ind.id, ind.name, numeric, target),
        }
        charts.append(chart)
    notes = [{"period": m.period, "text": m.note} for m in state.known if m.note]
    return {
        "id": ind.id,
        "name": ind.name,
        "group": ind.group,
        "description": ind.description,
        "source": ind.source,
        "kind": state.kind,
        "kind_text": KIND_TEXT.get(state.kind, state.kind),
        "target_text": fmt.target(ind),
        "latest_text": fmt.value(getattr(latest, "value", None), ind) if latest else "–",
        "latest_period": latest.period if latest else None,
        "latest_n": latest.n if latest else None,
        "met": state.met.value,
        "met_text": fmt.MET_TEXT[state.met],
        "trend": state.trend,
        "trend_text": f"{fmt.TREND_SYMBOLS[state.trend]} {state.trend}" if state.trend else "",
        "measurements": [
            {
                "period": m.period,
                "value_text": fmt.value(getattr(m, "value", None), ind),
                "n": m.n,
                "note": m.note,
            }
            for m in state.known
        ],
        "notes": notes,
        "chart": chart,
    }


def _trend_alt(
    indicator_id: str, name: str, points: list[tuple[str, Any]], target: float | None
) -> str:
    values = ", ".join(f"{p}: {fmt.number(v)}" for p, v in points)
    goal = f" Tavoite {fmt.number(target)}." if target is not None else ""
    return f"Viivakaavio, {indicator_id} {name}: {values}.{goal}"
