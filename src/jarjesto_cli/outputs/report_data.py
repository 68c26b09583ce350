"""Reports as data: everything a report template shows, as plain dicts and lists.

Templates get no models and no functions, only this data (values pre-formatted for readers where
formatting is Finnish-specific, raw values beside them). Charts are planned here (file name, alt
text, the numbers to draw); the edge (`reports.py`) draws the ones the report links to.

Each plan is shown at its own period (`summarize`), in one of these modes, which the templates
follow so that a reader sees only what applies:

* `current`: it has statuses or values for the report's period: the full picture;
* `not_due`: a sub-year period of a plan that reports statuses once a year (or half-yearly):
  the values measured in the period, and a line saying why there are no statuses;
* `no_data`: running, but nothing is recorded for the period yet: one line (and what the plan
  holds, without statuses);
* `earlier`: nothing for the period, but an earlier period has data: one line with the last
  known counts and their period, kept out of the report's totals;
* `not_started` / `ended`: the period lies before or after the plan's years: one line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from jarjesto_cli.domain.fields import TextItem, TextTree
from jarjesto_cli.domain.models import Plan
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.status import STATUS_ORDER, Source, Status
from jarjesto_cli.domain.summary import (
    GoalState,
    IndicatorState,
    MeasureState,
    OffTrack,
    Phase,
    PlanState,
    Reason,
    SubActionState,
    gaps,
    off_track,
    summarize,
)
from jarjesto_cli.outputs import display
from jarjesto_cli.outputs.display import indicator_view, measure_view
from jarjesto_cli.outputs.living_data import (
    readiness_view,
    steps_text,
    target_changes,
    target_steps,
    timeline_chart,
)

CURRENT, NOT_DUE, NO_DATA, EARLIER, NOT_STARTED, ENDED = (
    "current",
    "not_due",
    "no_data",
    "earlier",
    "not_started",
    "ended",
)
# the modes whose plan has a section of its own after the summary
DETAILED = (CURRENT, NOT_DUE, NO_DATA)
CADENCE = {12: "kerran vuodessa", 6: "puolivuosittain", 3: "neljännesvuosittain"}
REPORT_TAG = "raportti-"


def file_name(name: str) -> str:
    """A file name safe in any file system and in a Markdown link: [A-Za-z0-9.-] only."""
    return re.sub(r"[^A-Za-z0-9.-]+", "-", name)


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3`… (before the suffix) if it is taken; then it is taken.
    Ids can make equal file names (`Ä1` and `Ö1` are both `-1`; an indicator may be called
    like a plan's status chart), and one file must never overwrite another."""
    base, dot, suffix = name.rpartition(".")
    if not dot:
        base, suffix = name, ""
    candidate, count = name, 1
    while candidate in taken:
        count += 1
        candidate = f"{base}-{count}{dot}{suffix}"
    taken.add(candidate)
    return candidate


def items(entries: list[TextItem]) -> list[dict[str, Any]]:
    """Bullets as {text, items} trees."""
    out = []
    for entry in entries:
        if isinstance(entry, TextTree):
            out.append({"text": entry.text, "items": items(entry.items)})
        else:
            out.append({"text": entry, "items": []})
    return out


def plural(n: int, one: str, many: str) -> str:
    """`1 toimenpide`, `3 toimenpidettä`."""
    return f"{n} {one if n == 1 else many}"


def listing(parts: list[str]) -> str:
    """`a`, `a ja b`, `a, b ja c`."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " ja " + parts[-1]


def build(
    planset: PlanSet,
    audience_id: str,
    *,
    period: Period | None = None,
    today: dt.date,
    changes: list[dict[str, Any]] | None = None,
    since: str | None = None,
    since_date: dt.date | None = None,
    taken: set[str] | None = None,
) -> dict[str, Any]:
    """The whole context of one audience's report for one period. `taken` holds the file names
    already used in this run (reports of other audiences); this report's are added to it.
    `since_date` is the day of the last report (`since`): target changes after it are news."""
    audience = planset.audience(audience_id)
    summary = summarize(planset, period=period, plan_ids=audience.plans, today=today)
    wanted = summary.period  # the latest with data in the audience's plans, unless given
    shared = planset.shared
    strategy = {s.id: s.name for s in shared.strategy_goals} if shared else {}
    metrics = {s.id: s.name for s in shared.strategy_metrics} if shared else {}
    taken = set() if taken is None else taken
    stem = unique_name(f"{file_name(f'{audience.id}-{wanted}')}.md", taken).removesuffix(".md")
    taken.add(f"{stem}.docx")
    charts: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    context = _Context(strategy, metrics, stem, charts, seen, wanted, summary.actors, today)
    plan_data = [_plan(ps, context) for ps in summary.plans]
    for chart in charts:  # the templates link the same dicts: renamed here, linked so there
        chart["file"] = unique_name(chart["file"], taken)
    rhythm = f"{audience.times_per_year}"
    if audience.at_most_per_year and audience.at_most_per_year != audience.times_per_year:
        rhythm += f"–{audience.at_most_per_year}"
    # "tilanne": the data's date, never a day that has not come (a report on the running year)
    as_of = min(wanted.end, today)
    title = f"Tilannekatsaus {wanted.label()}: {audience.name}"
    current = [p for p in plan_data if p["mode"] == CURRENT]
    audience_changes = (
        None
        if changes is None
        else [_change(c) for c in changes if c.get("plan_id") in set(audience.plans)]
    )
    return {
        "title": title,
        "subject": f"{audience.name}, kausi {wanted.label()}",
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
        "as_of": display.date(as_of),
        "date": display.date(today),
        "counts": summary.counts,
        "counts_text": display.counts(summary.counts, zeros=False),
        "statuses": [
            {"key": s.key, "word": s.value, "short": s.key.replace("_", " "), "symbol": s.symbol}
            for s in STATUS_ORDER
        ],
        "plans": plan_data,
        "detailed": [p for p in plan_data if p["mode"] in DETAILED],
        "overview": _overview(current, summary.counts),
        "current_plans": len(current),
        "off_track": [p for p in plan_data if p["off_track"]],
        # what is missing, on the first page: for the plans with data (a plan without any says
        # so in its one line)
        "gaps": [p for p in plan_data if p["gaps"]["count"] and p["mode"] in (CURRENT, NOT_DUE)],
        "charts": charts,
        "file_stem": stem,
        "since": since,
        "since_text": _since_text(since),
        "changes": audience_changes,
        "changes_text": _changes_text(audience_changes, since),
        "status_changes": [c for c in audience_changes or [] if c["what"] == "tila"],
        "late": [m for p in plan_data if p["mode"] == CURRENT for m in p["late"]],
        "target_changes": target_changes(summary.plans, wanted, today, since_date),
        "target_changes_since": (
            f"edellisen raportin ({display.date(since_date)}) jälkeen"
            if since_date is not None
            else f"kaudella {wanted.label()}"
        ),
        "readiness": readiness_view(planset, audience.id, today, summary.actors),
    }


class _Context:
    """What every part of one report shares while it is built."""

    def __init__(
        self,
        strategy: dict[str, str],
        metrics: dict[str, str],
        stem: str,
        charts: list[dict[str, Any]],
        seen: dict[tuple[Any, ...], dict[str, Any]],
        period: Period,
        actors: dict[str, str],
        today: dt.date,
    ) -> None:
        self.strategy = strategy
        self.metrics = metrics
        self.stem = stem
        self.charts = charts
        self.seen = seen  # the first indicator with the same question and values, by key
        self.period = period
        self.actors = actors  # actor id → name: owners are shown by name
        self.today = today


def mode(state: PlanState) -> str:
    """How a plan is shown in a report (see the module's docstring)."""
    if state.phase is Phase.NOT_STARTED:
        return NOT_STARTED
    if not state.current:
        return EARLIER if state.has_data else ENDED if state.phase is Phase.ENDED else NO_DATA
    has_values = any(
        state.period.contains(m.period)
        for g in state.goals
        for line in g.lines()
        if line.indicator is not None
        for m in line.indicator.indicator.known(state.period)
    )
    if state.statuses_not_due:
        return NOT_DUE if has_values else NO_DATA
    return CURRENT if state.has_data else NO_DATA


def plan_about(plan: Plan) -> dict[str, Any]:
    """What a report and a site page say of a plan before its figures: its name, owner, years,
    description and source document."""
    years = f"{plan.first_year}–{plan.last_year}" if plan.first_year and plan.last_year else None
    return {
        "id": plan.id,
        "name": plan.name,
        "owner": plan.owner,
        "years": years,
        "description": plan.description,
        "source": plan.source,
    }


def _plan(state: PlanState, ctx: _Context) -> dict[str, Any]:
    plan = state.plan
    shown_as = mode(state)
    goals = [_goal(g, ctx) for g in state.goals]
    measure_count = sum(len(g.measures) for g in state.goals)
    indicator_count = sum(
        len(g["indicators"]) + sum(len(m["indicators"]) for m in g["measures"]) for g in goals
    )
    chart = None
    if shown_as == CURRENT:
        chart = status_chart(state, f"{ctx.stem}-{plan.id}-tilat.png")
        ctx.charts.append(chart)
    timeline = None
    if shown_as in DETAILED:
        timeline = timeline_chart(state, f"{ctx.stem}-{plan.id}-aikajana.png", ctx.actors)
        if timeline is not None:
            ctx.charts.append(timeline)
    measures = [m for g in goals for m in g["measures"]]
    found = gaps(state) if shown_as in DETAILED else None
    missing_indicators = (
        [_gap_indicator(i, state.period) for i in found.indicators] if found else []
    )
    missing_measures = (
        [{"id": m.measure.id, "name": m.measure.name} for m in found.measures]
        if found and shown_as != NOT_DUE
        else []
    )
    return {
        **plan_about(plan),
        "mode": shown_as,
        "period": str(state.period),
        "period_label": state.period.label(),
        "line": _plan_line(state, shown_as, ctx.period, measure_count, indicator_count),
        # the line follows the plan's name: "**Nimi**: 23 toimenpiteestä…", "**Nimi** alkaa…"
        "joiner": "" if shown_as in (NOT_STARTED, ENDED) else ":",
        "shows_status": shown_as == CURRENT,
        "counts": state.counts,
        "counts_text": display.counts(state.counts, zeros=False),
        "measure_count": measure_count,
        "indicator_count": indicator_count,
        "status_chart": chart,
        "timeline_chart": timeline,
        # the table beside the timeline: only when some measure has an owner, schedule or priority
        "planning": [m for m in measures if m["planned"]] and measures,
        "late": [m for m in measures if m["late"]] if shown_as == CURRENT else [],
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
        "off_track": [off_track_row(o, ctx.actors) for o in off_track(state)]
        if shown_as == CURRENT
        else [],
        "gaps": _gaps(missing_measures, missing_indicators, state.period),
    }


def _plan_line(
    state: PlanState, shown_as: str, period: Period, measures: int, indicators: int
) -> str:
    """Where the plan stands, in one sentence that follows its name."""
    plan, label = state.plan, period.label()
    if shown_as == NOT_STARTED:
        return f"alkaa vuonna {plan.first_year}, joten kaudelta {label} ei ole raportoitavaa."
    if shown_as == ENDED:
        return f"päättyi vuonna {plan.last_year}, joten kaudelta {label} ei ole raportoitavaa."
    if shown_as == EARLIER:
        ended = f"päättyi vuonna {plan.last_year}. " if state.phase is Phase.ENDED else ""
        return (
            f"{ended}kaudelta {label} ei ole tietoja. Viimeisimmät tiedot ovat kaudelta "
            f"{state.period.label()}: {_counts_sentence(state.counts, measures)}. Ne eivät "
            f"sisälly kauden {label} lukuihin."
        )
    cadence = CADENCE.get(state.status_months or 0, "pidemmille kausille")
    if shown_as == NOT_DUE:
        with_value = sum(
            1
            for g in state.goals
            for line in g.lines()
            if line.indicator is not None
            and any(state.period.contains(m.period) for m in line.indicator.indicator.known(period))
        )
        return (
            f"toimenpiteiden tila raportoidaan {cadence}, joten kaudelle {label} ei ole tiloja. "
            f"Arvo tältä kaudelta on {plural(with_value, 'mittarilla', 'mittarilla')}."
        )
    if shown_as == NO_DATA:
        if state.statuses_not_due:
            return (
                f"toimenpiteiden tila raportoidaan {cadence}, eikä kaudelle {label} ole "
                "kirjattu mittareiden arvoja."
            )
        return (
            f"kaudelle {label} ei ole vielä kirjattu toimenpiteiden tiloja eikä mittareiden "
            f"arvoja ({plural(measures, 'toimenpide', 'toimenpidettä')}, "
            f"{plural(indicators, 'mittari', 'mittaria')})."
        )
    return f"{_counts_sentence(state.counts, measures)}."


def _counts_sentence(counts: dict[str, int], measures: int) -> str:
    """`23 toimenpiteestä 14 toteutuu, 8 toteutuu osittain ja 1 ei toteudu`."""
    parts = [f"{counts[s.key]} {s.value}" for s in STATUS_ORDER[:3] if counts[s.key]]
    if counts[Status.EI_TIETOA.key]:
        parts.append(f"{counts[Status.EI_TIETOA.key]} on ilman tilaa")
    if counts[Status.EI_ALKANUT.key]:
        parts.append(f"{counts[Status.EI_ALKANUT.key]} ei ole vielä alkanut")
    if not parts:
        return "ei toimenpiteitä"
    return f"{measures} toimenpiteestä {listing(parts)}"


def _overview(current: list[dict[str, Any]], totals: dict[str, int]) -> list[dict[str, Any]]:
    """The compact table of the summary: each current plan's total, then its goals; a grand
    total when more than one plan counts."""
    rows: list[dict[str, Any]] = []
    for plan in current:
        rows.append({"name": plan["name"], "plan": True, "counts": plan["counts"]})
        for goal in plan["goals"]:
            rows.append(
                {"name": f"{goal['id']} {goal['name']}", "plan": False, "counts": goal["counts"]}
            )
    if len(current) > 1:
        rows.append({"name": "Yhteensä", "plan": True, "counts": totals})
    for row in rows:
        row["total"] = sum(row["counts"].values())
        # "23 toimenpidettä: ✅ 14 toteutuu · 🟡 8 toteutuu osittain · ❌ 1 ei toteudu"
        row["text"] = display.counts(row["counts"], zeros=False) or "ei toimenpiteitä"
    return rows


def off_track_row(item: OffTrack, actors: dict[str, str] | None = None) -> dict[str, Any]:
    """A measure or indicator that is behind, with why in words (the reports and the site); a
    late measure names its owners (`actors`: id → name)."""
    reasons = []
    if item.indicator is not None:
        view = indicator_view(item.indicator)
        if Reason.NOT_MET in item.reasons:
            reasons.append(f"{view.value_text}, tavoite {view.target_text}")
        if Reason.FALLING in item.reasons:
            numbers = [v for _, v in item.indicator.indicator.numbers(item.indicator.period)]
            before, last = numbers[-2], numbers[-1]
            reasons.append(f"laskee: {display.number(before)} → {display.number(last)}")
        node_id, name = item.indicator.id, item.indicator.indicator.name
    else:
        assert item.measure is not None
        measure = measure_view(item.measure)
        if Reason.NOT_MET in item.reasons:
            reasons.append(f"{measure.status.value} ({_basis(item.measure)})")
        if Reason.LATE in item.reasons:
            reasons.append(late_text(item.measure, actors or {}))
        node_id, name = item.measure.measure.id, item.measure.measure.name
    return {"id": node_id, "name": name, "goal": item.goal.id, "text": "; ".join(reasons)}


def late_text(state: MeasureState, actors: dict[str, str]) -> str:
    """Why a measure is late, and whose it is: `myöhässä, aikataulun mukaan valmis 3. neljännes
    2026, tila toteutuu osittain; vastuu Viestintä`."""
    schedule = state.measure.schedule
    end = schedule.end.label() if schedule is not None and schedule.end is not None else ""
    text = f"myöhässä, aikataulun mukaan valmis {end}, tila {state.status.value}"
    if state.measure.owners:
        text += f"; vastuu {display.owners_text(state.measure.owners, actors)}"
    return text


def _gap_indicator(state: IndicatorState, period: Period) -> dict[str, Any]:
    ind = state.indicator
    notes = [m for m in state.known if m.note and period.contains(m.period)]
    latest = state.latest
    return {
        "id": ind.id,
        "name": ind.name,
        "source": ind.source,
        "target_text": ind.target_text(),
        "note": notes[-1].note if notes else None,
        "latest": f"{ind.measurement_text(latest)} ({latest.period.label()})" if latest else None,
    }


GAPS_SHOWN = 8  # the first page lists this many missing items, then says how many more


def _gaps(
    measures: list[dict[str, Any]], indicators: list[dict[str, Any]], period: Period
) -> dict[str, Any]:
    """What a plan lacks for its period: the lists, one sentence, and the first few items."""
    parts = []
    if measures:
        parts.append(f"{len(measures)} toimenpiteeltä puuttuu tila")
    if indicators:
        parts.append(f"{len(indicators)} mittarilta puuttuu arvo")
    listed = [{"id": m["id"], "name": m["name"], "detail": "tila puuttuu"} for m in measures]
    listed += [
        {"id": i["id"], "name": i["name"], "detail": f"huomio: {i['note']}" if i["note"] else ""}
        for i in indicators
    ]
    return {
        "measures": measures,
        "indicators": indicators,
        "count": len(listed),
        "text": f"{listing(parts)} kaudelta {period.label()}." if parts else "",
        "first": listed[:GAPS_SHOWN],
        "more": max(0, len(listed) - GAPS_SHOWN),
    }


def _status_alt(name: str, state: PlanState) -> str:
    parts = [
        f"{g.goal.id}: "
        + ", ".join(f"{g.counts[s.key]} {s.value}" for s in STATUS_ORDER if g.counts[s.key])
        for g in state.goals
        if g.measures
    ]
    return (
        f"Pinottu pylväskaavio, {name}: toimenpiteiden tila tavoitteittain kaudella "
        f"{state.period.label()}. " + "; ".join(parts) + "."
    )


def _goal(state: GoalState, ctx: _Context) -> dict[str, Any]:
    goal = state.goal
    indicators = [_indicator(i, goal.id, ctx) for i in state.indicators]
    measures = [_measure(m, goal.id, ctx) for m in state.measures]
    return {
        "id": goal.id,
        "name": goal.name,
        "dimension": goal.dimension,
        "description": goal.description,
        "counts": state.counts,
        "counts_text": display.counts(state.counts, zeros=False),
        "strategy_goals": [{"id": s, "name": ctx.strategy.get(s, s)} for s in goal.strategy_goals],
        "strategy_metrics": [
            {"id": s, "name": ctx.metrics.get(s, s)} for s in goal.strategy_metrics
        ],
        "indicators": indicators,
        "valued_indicators": [i for i in indicators if i["has_value"]],
        "measures": measures,
        "has_values": any(i["has_value"] for i in indicators)
        or any(m["valued_indicators"] for m in measures),
    }


def _basis(state: MeasureState) -> str:
    """Where a status comes from, as readers say it: `raportoitu 2023`, `mittareiden mukaan`."""
    report = state.state.report
    if report is None:  # derived from the indicators, or not started by the schedule
        return display.SOURCE_TEXT[state.state.source]
    return f"{display.SOURCE_TEXT[Source.REPORTED]} {report.period.label()}"


def _measure(state: MeasureState, goal_id: str, ctx: _Context) -> dict[str, Any]:
    measure = state.measure
    view = measure_view(state)
    report = state.state.report
    # "raportoitu 2023" beside every status of a 2023 report says nothing; any other basis does
    plain = report is not None and report.period == ctx.period and not view.disagrees
    indicators = [_indicator(i, goal_id, ctx) for i in state.indicators]
    owners = display.owners_text(measure.owners, ctx.actors)
    return {
        "id": measure.id,
        "name": measure.name,
        "description": measure.description,
        "sub_actions": [sub_action_line(s, ctx.actors) for s in state.sub_actions()],
        "owners": owners,
        "lead": ctx.actors.get(measure.owners[0], measure.owners[0]) if measure.owners else None,
        "schedule": view.schedule_text,
        "priority": view.priority,
        "timing": view.timing_text,
        "late": state.late,
        "not_started": state.not_started,
        "planned": bool(owners or view.schedule_text or view.priority),
        # one line of who, when, how urgent: `Vastuu: Hyte-tiimi · Aikataulu: 2027 · …`
        "planning_text": " · ".join(
            part
            for part in (
                f"Vastuu: {owners}" if owners else "",
                f"Aikataulu: {view.schedule_text}" if view.schedule_text else "",
                f"Prioriteetti: {view.priority}" if view.priority else "",
                view.timing_beside_status,
            )
            if part
        ),
        "accepted": view.accepted,
        "target_groups": list(measure.target_groups),
        "baseline": list(measure.baseline),
        "follow_up": measure.follow_up,
        "status": view.status.key,
        "status_word": view.status.value,
        "status_label": view.status.label,
        "status_symbol": view.status.symbol,
        "status_source": str(state.state.source),
        "source_text": _basis(state),
        "basis": "" if plain else _basis(state),
        "status_period": view.status_period,
        "narrative": view.narrative,
        "derived_word": view.derived.value,
        # a disagreement the team accepted (with its reason) is no warning: `accepted` shows it
        "disagrees": view.disagrees and not view.accepted,
        "indicators": indicators,
        "valued_indicators": [i for i in indicators if i["has_value"]],
    }


def sub_action_line(state: SubActionState, actors: dict[str, str]) -> str:
    """A sub-action's text, with its owners, schedule and timing when it has them: `Teksti
    (vastuu: Neuvottelukunta; aikataulu: 3. neljännes 2026 mennessä; ⏰ myöhässä)` (the
    reports and the site)."""
    timing = display.sub_action_timing(state.late, state.not_started)
    parts = display.plan_facts(state.owners, state.schedule, None, timing, actors)
    return f"{state.text} ({'; '.join(parts)})" if parts else state.text


def _indicator(state: IndicatorState, goal_id: str, ctx: _Context) -> dict[str, Any]:
    ind = state.indicator
    view = indicator_view(state)
    known = [
        {
            "period": str(m.period),
            "period_label": m.period.label(),
            "value_text": ind.measurement_text(m) if m.value is not None else "",
            "n": m.n,
            "note": m.note,
        }
        for m in state.known
    ]
    # the same question with the same answers under two goals (the participation programme
    # asks one customer-feedback question for O2 and O4): shown once, referred to after
    key = (ind.name.strip().casefold(), tuple((k["period"], k["value_text"]) for k in known))
    first = ctx.seen.get(key) if known else None
    chart = None
    if first is None:
        chart = trend_chart(state, file_name(f"{ctx.stem}-{ind.id}.png"), ctx.today)
        if chart is not None:
            ctx.charts.append(chart)
    latest = state.latest
    value_cell = ""
    if latest is not None:
        value_cell = f"{display.cut(view.value_text)} ({latest.period.label()}"
        value_cell += f", n {latest.n})" if latest.n else ")"
    in_period = any(state.period.contains(m.period) for m in ind.known(state.period))
    data = {
        "id": ind.id,
        "name": ind.name,
        "goal": goal_id,
        "group": ind.group,
        "description": ind.description,
        "source": ind.source,
        "kind": view.kind,
        "kind_text": view.kind_label,
        "target_text": view.target_text,
        "latest_text": view.value_text,
        "latest_period": view.latest_period,
        "latest_period_label": latest.period.label() if latest else None,
        "latest_n": view.latest_n,
        "value_cell": value_cell,
        "has_value": latest is not None,
        "in_period": in_period,
        "met": view.met.value,
        "met_text": "" if view.met_text == "–" else view.met_text,
        "trend": view.trend,
        "trend_text": view.trend_text,
        "measurements": known,
        "notes": [{"period": k["period_label"], "text": k["note"]} for k in known if k["note"]],
        "chart": chart,
        "same_as": None if first is None else {"id": first["id"], "goal": first["goal"]},
    }
    if known and first is None:
        ctx.seen[key] = data
    return data


def status_chart(state: PlanState, file: str) -> dict[str, Any]:
    """The plan's stacked bars: its measures' statuses per goal (the reports and the site)."""
    return {
        "kind": "status",
        "file": file,
        "alt": _status_alt(state.plan.name, state),
        "title": f"Toimenpiteiden tila tavoitteittain, {state.period.label()}",
        "goals": [{"id": g.goal.id, "counts": g.counts} for g in state.goals],
    }


def trend_chart(
    state: IndicatorState, file: str, today: dt.date | None = None
) -> dict[str, Any] | None:
    """An indicator's values over time with its target line (the reports and the site); None
    when it is not charted (not numeric, or fewer than two values). The line is the target in
    force at each value's period, stepping where a change took effect; a change decided after
    the last value (by `today`) is a last step past the values."""
    ind = state.indicator
    numeric = ind.numbers(state.period)
    axis = ind.chart_axis()
    if axis is None or len(numeric) < 2:
        return None
    points = [{"period": str(p), "label": p.label(), "value": v} for p, v in numeric]
    steps = target_steps(ind, [p for p, _ in numeric], today or state.period.end)
    return {
        "kind": "trend",
        "file": file,
        "title": f"{ind.id} {ind.name}",
        "points": points,
        # the target at the last value (the figure's caption says a target line is drawn)
        "target": _last_target(steps, len(points)),
        # drawn as one flat line when the target never changed (a chart as before issue 14)
        "steps": steps if len(steps) > 1 else None,
        "scale": [axis.low, axis.high] if axis.low is not None else None,
        "unit": axis.unit,
        "y_title": _y_title(axis.low, axis.high, axis.unit),
        "alt": _trend_alt(ind.id, ind.name, points, steps, state.trend),
    }


def _last_target(steps: list[dict[str, Any]], points: int) -> float | None:
    """The target in force at the last value."""
    at = [r for r in steps if r["first"] <= points - 1 <= r["last"]]
    value = at[0]["value"] if at else None
    return float(value) if value is not None else None


def _y_title(low: float | None, high: float | None, unit: str | None) -> str:
    """The value axis's title: `Arvo asteikolla 1–5`, `Määrä (€)`, `Määrä`."""
    if low is not None and high is not None:
        return f"Arvo asteikolla {display.number(low)}–{display.number(high)}"
    return f"Määrä ({unit})" if unit else "Määrä"


def _trend_alt(
    indicator_id: str,
    name: str,
    points: list[dict[str, Any]],
    steps: list[dict[str, Any]],
    trend: str | None,
) -> str:
    values = "; ".join(f"{p['label']}: {display.number(p['value'])}" for p in points)
    first, last = points[0], points[-1]
    course = f", {trend}" if trend else ""
    goal = steps_text(steps, [p["label"] for p in points])
    return (
        f"Viivakaavio, {indicator_id} {name}: {display.number(first['value'])} "
        f"({first['label']}) → {display.number(last['value'])} ({last['label']}){course}. "
        f"Arvot: {values}.{goal}"
    ).replace("\u00a0", " ")


def _change(change: dict[str, Any]) -> dict[str, Any]:
    """A change row with its period in the readers' label (`mittaus 2. vuosipuolisko 2026`)."""
    period = change.get("period")
    label = change["what"] if not period else f"{change['what']} {Period.parse(period).label()}"
    return change | {"label": label}


def _since_text(since: str | None) -> str | None:
    """`edellisen raportin (raportti-2026-H1) jälkeen`, or after another revision."""
    if since is None:
        return None
    if since.startswith(REPORT_TAG):
        return f"edellisen raportin ({since}) jälkeen"
    return f"version {since} jälkeen"


def _changes_text(changes: list[dict[str, Any]] | None, since: str | None) -> str | None:
    if changes is None:
        return None
    after = _since_text(since) or "edellisen raportin jälkeen"
    after = after[0].upper() + after[1:]
    if not changes:
        return f"{after} suunnitelmiin ei ole tullut muutoksia."
    statuses = sum(1 for c in changes if c["what"] == "tila")
    values = sum(1 for c in changes if c["what"] == "mittaus")
    others = len(changes) - statuses - values
    parts = []
    if statuses:
        parts.append(f"{statuses} toimenpiteen tila muuttunut")
    if values:
        parts.append(
            plural(values, "uusi tai muuttunut mittausarvo", "uutta tai muuttunutta mittausarvoa")
        )
    if others:
        parts.append(plural(others, "muu muutos", "muuta muutosta"))
    return f"{after}: {listing(parts)}."
