"""The site's pages as data: one `Page` per file, each with the template that shows it.

Built from the domain's summary and the display layer (`outputs/display.py`), so a status, value,
target or trend reads on the site exactly as in the terminal and the reports. Templates get
plain dicts and lists; links are file names in the site's one flat folder, so every link is
relative and the site works from `file://` and from any sub-path of a web host.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from jarjesto_cli.domain.deadlines import Deadline, Missing, deadlines, missing
from jarjesto_cli.domain.indicators import Met
from jarjesto_cli.domain.models import Measure, Plan, Shared
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.status import Status, measure_status
from jarjesto_cli.domain.summary import (
    GoalState,
    IndicatorState,
    MeasureState,
    Phase,
    PlanState,
    Summary,
    off_track,
)
from jarjesto_cli.outputs import display
from jarjesto_cli.outputs.living_data import target_history
from jarjesto_cli.outputs.report_data import (
    items,
    off_track_row,
    plan_about,
    status_chart,
    sub_action_line,
    trend_chart,
)

DOWNLOADS = "lataukset"
ASSETS = "tyyli"
DEFAULT_TITLE = "Suunnitelmien seuranta"
DEFAULT_PRIMARY = "#004a80"  # a dark blue: 9:1 with white
DEFAULT_ACCENT = "#6b2c91"
MISSING_SHOWN = 10  # ids listed under a calendar deadline; the rest are counted

INDEX = "index.html"
CHANGES = "muutokset.html"
CALENDAR = "raportointikalenteri.html"
DOWNLOADS_PAGE = "lataukset.html"
STATEMENT = "saavutettavuusseloste.html"


def page_file(kind: str, node_id: str) -> str:
    """The file of a plan's, goal's, measure's or indicator's page: `mittari-T1.1.2.html`."""
    prefix = {"plan": "suunnitelma", "goal": "tavoite", "measure": "toimenpide"}.get(
        kind, "mittari"
    )
    return f"{prefix}-{node_id}.html"


def href(file: str) -> str:
    """A file name as a relative link (an id with ä or ö is percent-encoded)."""
    return quote(file, safe="/.-_~")


def csv_file(indicator_id: str) -> str:
    return f"{DOWNLOADS}/mittari-{indicator_id}.csv"


@dataclass
class Page:
    """One HTML file: where it goes, which template shows it, what the template gets."""

    file: str
    template: str
    title: str
    context: dict[str, Any]
    figures: list[dict[str, Any]] = field(default_factory=list)  # charts to draw and inline


@dataclass(frozen=True)
class Changes:
    """What changed since the last report (from git), or why that could not be known."""

    base: str | None
    rows: list[dict[str, Any]]
    plan_names: dict[str, str]
    notes: list[str] = field(default_factory=list)
    unavailable: str | None = None  # why not, for readers (Finnish)
    detail: str | None = None  # why not, for the person building (git's words)


# --- small views ------------------------------------------------------------------------------


def status_badge(status: Status) -> dict[str, str]:
    """A status as the site shows it: a print-safe glyph (● ◐ × ○), the word, a CSS key."""
    return {
        "key": status.key,
        "word": status.value,
        "label": status.label,
        "glyph": display.PRINT_SYMBOLS[status.symbol],
    }


def met_badge(met: Met) -> dict[str, str] | None:
    """An indicator's result in the display layer's words (`toteutuu`, `ei`, `ei vertailukohtaa`),
    with its print-safe glyph when it has a symbol; None when it is not computed (`–`)."""
    text = display.MET_TEXT[met]
    if text == "–":
        return None
    symbol, _, word = text.partition(" ")
    if symbol not in display.PRINT_SYMBOLS:
        return {"key": met.value, "word": text, "glyph": ""}
    return {"key": met.value, "word": word, "glyph": display.PRINT_SYMBOLS[symbol]}


def counts_view(tally: dict[str, int]) -> dict[str, Any]:
    """Counts per status with their badges and shares (for the bar), and the total."""
    total = sum(tally.values())
    return {
        "total": total,
        "text": display.for_print(display.counts(tally, zeros=False)),
        "items": [
            {
                **status_badge(s),
                "count": tally[s.key],
                "share": round(100 * tally[s.key] / total, 1) if total else 0,
            }
            for s in display.statuses_shown(tally)
        ],
    }


def link(kind: str, node_id: str, name: str) -> dict[str, str]:
    return {"href": href(page_file(kind, node_id)), "id": node_id, "name": name}


# --- the site ---------------------------------------------------------------------------------


@dataclass
class SiteData:
    """Everything the pages are built from."""

    planset: PlanSet
    summary: Summary
    today: dt.date
    changes: Changes  # known once git has answered (see `build`)
    downloads: list[dict[str, str]]  # the whole set: {href, name, format, size}
    reports: list[dict[str, str]] = field(default_factory=list)  # built in the same run


def site_context(shared: Shared | None, today: dt.date, logo: str | None) -> dict[str, Any]:
    """What every page's frame shows: the organisation, the site's name, colours and logo."""
    settings = shared.site if shared else None
    colours = settings.colours if settings else None
    return {
        "organisation": shared.organisation if shared else "",
        "title": (settings.title if settings and settings.title else DEFAULT_TITLE),
        "primary": (colours.primary if colours and colours.primary else DEFAULT_PRIMARY),
        "accent": (colours.accent if colours and colours.accent else DEFAULT_ACCENT),
        "logo": logo,
        "date": display.date(today),
        "nav": [
            {"href": INDEX, "text": "Etusivu"},
            {"href": CHANGES, "text": "Muutokset"},
            {"href": CALENDAR, "text": "Raportointikalenteri"},
            {"href": DOWNLOADS_PAGE, "text": "Lataukset"},
        ],
        "statement": STATEMENT,
    }


def node_pages(data: SiteData) -> list[Page]:
    """The pages of the plans' contents: each plan, goal, measure and indicator, and the
    reporting calendar (nothing here waits for git or for the downloads)."""
    shared = data.planset.shared
    strategy = {s.id: s.name for s in shared.strategy_goals} if shared else {}
    metrics = {s.id: s.name for s in shared.strategy_metrics} if shared else {}
    audiences = {a.id: a.name for a in shared.audiences} if shared else {}
    result = []
    for state in data.summary.plans:
        result.append(
            _plan(state, data.summary.period, strategy, metrics, audiences, data.summary.actors)
        )
        for goal in state.goals:
            result.append(_goal(state, goal, strategy, metrics))
            result += [_indicator(state, goal, None, i, data.today) for i in goal.indicators]
            for measure in goal.measures:
                result.append(_measure(state, goal, measure, data.summary.actors))
                result += [
                    _indicator(state, goal, measure, i, data.today) for i in measure.indicators
                ]
    result.append(_calendar_page(_calendar(data.planset, data.today), data.today))
    return result


def summary_pages(data: SiteData) -> list[Page]:
    """The pages about the whole: the front page, the changes and the downloads (the accessibility
    statement is made last: it reports on all the others)."""
    return [
        _index(data, _calendar(data.planset, data.today)),
        _changes(data.changes, known=_node_ids(data.summary)),
        _downloads_page(data),
    ]


def _node_ids(summary: Summary) -> dict[str, str]:
    """Every node that has a page: id → its page's file."""
    found: dict[str, str] = {}
    for state in summary.plans:
        found[state.plan.id] = page_file("plan", state.plan.id)
        for goal in state.goals:
            found[goal.goal.id] = page_file("goal", goal.goal.id)
            for ind in goal.indicators:
                found[ind.id] = page_file("indicator", ind.id)
            for m in goal.measures:
                found[m.measure.id] = page_file("measure", m.measure.id)
                for ind in m.indicators:
                    found[ind.id] = page_file("indicator", ind.id)
    return found


def _crumbs(*parts: dict[str, str]) -> list[dict[str, str]]:
    return [{"href": INDEX, "id": "", "name": "Etusivu"}, *parts]


def _plan_link(state: PlanState) -> dict[str, str]:
    return link("plan", state.plan.id, state.plan.name)


# --- front page -------------------------------------------------------------------------------


def _off_track(state: PlanState, actors: dict[str, str]) -> list[dict[str, Any]]:
    """What is behind in a plan at its period (the domain's `off_track`), in the reports' words:
    measures that do not come true or are late (with their owners), indicators below their
    target or falling."""
    rows = []
    for item in off_track(state):
        row = off_track_row(item, actors)
        kind = "indicator" if item.indicator is not None else "measure"
        rows.append({**row, "href": href(page_file(kind, row["id"]))})
    return rows


def _index(data: SiteData, found: list[tuple[Deadline, Missing | None]]) -> Page:
    plans = []
    for state in data.summary.plans:
        plans.append(
            {
                **_plan_link(state),
                "period_text": display.plan_period_text(state, data.summary.period),
                "started": state.phase is not Phase.NOT_STARTED,
                "has_data": state.has_data,
                "counts": counts_view(state.counts),
                "off_track": _off_track(state, data.summary.actors),
            }
        )
    upcoming = [d for d, gap in found if gap is None][:4]
    return Page(
        INDEX,
        "site/index.html.j2",
        DEFAULT_TITLE,
        {
            "period": str(data.summary.period),
            "period_label": data.summary.period.label(),
            "plans": plans,
            "changes": {
                "available": data.changes.unavailable is None,
                "unavailable": data.changes.unavailable,
                "base": data.changes.base,
                "count": len(data.changes.rows),
                "rows": data.changes.rows[:5],
            },
            "upcoming": [_deadline_row(d, None, data.today) for d in upcoming],
        },
    )


# --- plan, goal, measure, indicator -----------------------------------------------------------


def _plan(
    state: PlanState,
    period: Period,
    strategy: dict[str, str],
    metrics: dict[str, str],
    audiences: dict[str, str],
    actors: dict[str, str],
) -> Page:
    plan = state.plan
    figures = []
    if state.goals and any(g.measures for g in state.goals):
        chart = status_chart(state, f"suunnitelma-{plan.id}.svg")
        figures.append({"id": f"kaavio-{plan.id}", "chart": chart, "alt": chart["alt"]})
    return Page(
        page_file("plan", plan.id),
        "site/plan.html.j2",
        plan.name,
        {
            "plan": _plan_info(plan),
            "period_text": display.plan_period_text(state, period),
            "period": str(state.period),
            "started": state.phase is not Phase.NOT_STARTED,
            "counts": counts_view(state.counts),
            "figure": figures[0] if figures else None,
            "goals": [
                {
                    **link("goal", g.goal.id, g.goal.name),
                    "dimension": g.goal.dimension,
                    "counts": counts_view(g.counts),
                    "strategy": _strategy(g, strategy, metrics),
                    "measure_count": len(g.measures),
                }
                for g in state.goals
            ],
            "reporting": [
                {"audience": audiences.get(r.audience, r.audience), "text": r.text}
                for r in plan.reporting
            ],
            "off_track": _off_track(state, actors),
            "breadcrumbs": _crumbs(),
        },
        figures,
    )


def _plan_info(plan: Plan) -> dict[str, Any]:
    return {
        **plan_about(plan),
        "events": [
            {"date": display.date(e.date), "body": e.body, "description": e.description}
            for e in sorted(plan.events, key=lambda e: e.date)
        ],
        "background": items(plan.background),
        "roles": [{"name": r.name, "duties": items(r.duties)} for r in plan.roles],
        "strengths": [{"name": t.name, "items": items(t.items)} for t in plan.strengths],
        "themes": [{"name": t.name, "items": items(t.items)} for t in plan.themes],
        "follow_up": items(plan.follow_up),
        "implementation": items(plan.implementation),
    }


def _strategy(
    goal: GoalState, strategy: dict[str, str], metrics: dict[str, str]
) -> dict[str, list[dict[str, str]]]:
    return {
        "goals": [{"id": s, "name": strategy.get(s, s)} for s in goal.goal.strategy_goals],
        "metrics": [{"id": s, "name": metrics.get(s, s)} for s in goal.goal.strategy_metrics],
    }


def _indicator_row(state: IndicatorState) -> dict[str, Any]:
    view = display.indicator_view(state)
    return {
        **link("indicator", view.id, view.name),
        "latest": view.latest_text,
        "latest_n": view.latest_n,
        "target": view.target_text,
        "met": met_badge(view.met),
        "trend": view.trend_text,
    }


def _measure_row(state: MeasureState) -> dict[str, Any]:
    view = display.measure_view(state)
    return {
        **link("measure", view.id, view.name),
        "status": status_badge(view.status),
        "basis": view.basis_text,
        "disagrees": view.disagrees and not view.accepted,
        "accepted": view.accepted,
        "derived": view.derived.value,
        "timing": display.for_print(view.timing_beside_status),
    }


def _goal(
    plan: PlanState, state: GoalState, strategy: dict[str, str], metrics: dict[str, str]
) -> Page:
    goal = state.goal
    return Page(
        page_file("goal", goal.id),
        "site/goal.html.j2",
        f"{goal.id} {goal.name}",
        {
            "goal": {
                "id": goal.id,
                "name": goal.name,
                "dimension": goal.dimension,
                "description": goal.description,
            },
            "plan": _plan_link(plan),
            "period": str(plan.period),
            "counts": counts_view(state.counts),
            "strategy": _strategy(state, strategy, metrics),
            "indicators": [_indicator_row(i) for i in state.indicators],
            "measures": [_measure_row(m) for m in state.measures],
            "breadcrumbs": _crumbs(_plan_link(plan)),
        },
    )


def _history(measure: Measure, period: Period) -> list[dict[str, Any]]:
    """The measure's status at each period it has a report or a value for, newest first, with
    the narrative reported for that period."""
    periods: set[Period] = {r.period for r in measure.reports}
    for indicator in measure.indicators:
        periods.update(m.period for m in indicator.measurements if m.value is not None)
    rows = []
    for when in sorted((p for p in periods if p.known_by(period)), reverse=True):
        view = display.measure_view(MeasureState(measure, measure_status(measure, when), [], when))
        own = [r for r in measure.reports if r.period == when]
        rows.append(
            {
                "period": str(when),
                "period_label": when.label(),
                "status": status_badge(view.status),
                "basis": view.source_text.replace("⚠ ", ""),
                "narrative": own[-1].text if own else None,
            }
        )
    return rows


def _measure(plan: PlanState, goal: GoalState, state: MeasureState, actors: dict[str, str]) -> Page:
    measure = state.measure
    view = display.measure_view(state)
    return Page(
        page_file("measure", measure.id),
        "site/measure.html.j2",
        f"{measure.id} {measure.name}",
        {
            "measure": {
                "id": measure.id,
                "name": measure.name,
                "description": measure.description,
                "sub_actions": [
                    display.for_print(sub_action_line(s, actors)) for s in state.sub_actions()
                ],
                "target_groups": list(measure.target_groups),
                "baseline": list(measure.baseline),
                "follow_up": measure.follow_up,
            },
            "period": str(plan.period),
            "status": status_badge(view.status),
            "basis": view.basis_text,
            # an accepted disagreement is no warning: it shows with the team's reason
            "disagrees": view.disagrees and not view.accepted,
            "accepted": view.accepted,
            "derived": view.derived.value,
            "owners": display.owners_text(measure.owners, actors),
            "schedule": view.schedule_text,
            "priority": view.priority,
            # the site's glyphs are print-safe (no emoji font needed): `! myöhässä`
            "timing": display.for_print(view.timing_beside_status),
            "late": state.late,
            "narrative": view.narrative,
            "status_period": view.status_period,
            "history": _history(measure, plan.period),
            "indicators": [_indicator_row(i) for i in state.indicators],
            "plan": _plan_link(plan),
            "goal": link("goal", goal.goal.id, goal.goal.name),
            "breadcrumbs": _crumbs(_plan_link(plan), link("goal", goal.goal.id, goal.goal.id)),
        },
    )


def _indicator(
    plan: PlanState,
    goal: GoalState,
    measure: MeasureState | None,
    state: IndicatorState,
    today: dt.date,
) -> Page:
    ind = state.indicator
    view = display.indicator_view(state)
    chart = trend_chart(state, f"mittari-{ind.id}.svg", today)
    figures = [{"id": f"kaavio-{ind.id}", "chart": chart, "alt": chart["alt"]}] if chart else []
    parent = (
        link("measure", measure.measure.id, measure.measure.name)
        if measure
        else link("goal", goal.goal.id, goal.goal.name)
    )
    crumbs = [_plan_link(plan), link("goal", goal.goal.id, goal.goal.id)]
    if measure:
        crumbs.append(link("measure", measure.measure.id, measure.measure.id))
    return Page(
        page_file("indicator", ind.id),
        "site/indicator.html.j2",
        f"{ind.id} {ind.name}",
        {
            "indicator": {
                "id": ind.id,
                "name": ind.name,
                "group": ind.group,
                "description": ind.description,
                "source": ind.source,
                "kind": view.kind_label,
                "unit": view.unit,
            },
            "period": str(plan.period),
            "value": view.value_text,
            # periods as the reports and charts name them: `4. neljännes 2023`
            "latest_period": state.latest.period.label() if state.latest else None,
            "latest_n": view.latest_n,
            "target": view.target_text,
            "met": met_badge(view.met),
            "trend": view.trend_text,
            "measurements": [
                {
                    "period": m.period.label(),
                    "value": ind.measurement_text(m),
                    "n": m.n,
                    "note": m.note,
                    "source": m.source,
                }
                for m in state.known
            ],
            "columns": {
                "n": any(m.n is not None for m in state.known),
                "note": any(m.note for m in state.known),
                "source": any(m.source for m in state.known),
            },
            "figure": figures[0] if figures else None,
            "target_history": target_history(ind),
            "csv": href(csv_file(ind.id)),
            "parent": parent,
            "parent_kind": "toimenpiteeseen" if measure else "tavoitteeseen",
            "plan": _plan_link(plan),
            "breadcrumbs": _crumbs(*crumbs),
        },
        figures,
    )


# --- changes, calendar, downloads ------------------------------------------------------------


def _changes(changes: Changes, *, known: dict[str, str]) -> Page:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in changes.rows:
        page = known.get(row["id"])
        groups.setdefault(row["plan_id"], []).append(
            {**row, "href": href(page) if page and row["what"] != "poistettu" else None}
        )
    return Page(
        CHANGES,
        "site/changes.html.j2",
        "Muutokset edellisestä raportista",
        {
            "base": changes.base,
            "unavailable": changes.unavailable,
            "notes": changes.notes,
            "count": len(changes.rows),
            "plans": [
                {"name": changes.plan_names.get(plan_id, plan_id), "rows": rows}
                for plan_id, rows in groups.items()
            ],
        },
    )


def _calendar(planset: PlanSet, today: dt.date) -> list[tuple[Deadline, Missing | None]]:
    """This year's and next year's deadlines, with what each passed one lacks."""
    found = [*deadlines(planset, today.year), *deadlines(planset, today.year + 1)]
    return [(d, missing(planset, d) if d.date < today else None) for d in found]


def _ids(nodes: Iterable[Any], kind: str) -> list[dict[str, str]]:
    return [link(kind, n.id, n.name) for n in nodes]


def _deadline_row(deadline: Deadline, gap: Missing | None, today: dt.date) -> dict[str, Any]:
    if gap is None:
        state = "tulossa"
    elif gap.count == 0:
        state = "valmis"
    else:
        state = "puuttuu"
    return {
        "date": display.date(deadline.date),
        "iso": deadline.date.isoformat(),
        "audience": deadline.audience_name,
        "period": str(deadline.period),
        "period_label": deadline.period.label(),
        "plans": list(deadline.plan_names),
        "optional": deadline.optional,
        "state": state,
        "measures": _ids(gap.measures[:MISSING_SHOWN], "measure") if gap else [],
        "measures_more": max(len(gap.measures) - MISSING_SHOWN, 0) if gap else 0,
        "measure_count": len(gap.measures) if gap else 0,
        "indicators": _ids(gap.indicators[:MISSING_SHOWN], "indicator") if gap else [],
        "indicators_more": max(len(gap.indicators) - MISSING_SHOWN, 0) if gap else 0,
        "indicator_count": len(gap.indicators) if gap else 0,
    }


def calendar_files(today: dt.date) -> list[tuple[int, str]]:
    """The iCalendar downloads: (year, file) for this year and the next."""
    return [(y, f"{DOWNLOADS}/raportointikalenteri-{y}.ics") for y in (today.year, today.year + 1)]


def _calendar_page(found: list[tuple[Deadline, Missing | None]], today: dt.date) -> Page:
    years: dict[int, list[dict[str, Any]]] = {}
    for deadline, gap in found:
        years.setdefault(deadline.date.year, []).append(_deadline_row(deadline, gap, today))
    upcoming = [d.date for d, gap in found if gap is None]
    next_date = display.date(min(upcoming)) if upcoming else None
    for rows in years.values():
        for row in rows:
            row["next"] = row["state"] == "tulossa" and row["date"] == next_date
    return Page(
        CALENDAR,
        "site/calendar.html.j2",
        "Raportointikalenteri",
        {
            "today": display.date(today),
            "years": [
                {"year": year, "rows": rows, "ics": href(file)}
                for (year, file) in calendar_files(today)
                for rows in [years.get(year, [])]
            ],
        },
    )


def _downloads_page(data: SiteData) -> Page:
    plans = []
    for state in data.summary.plans:
        indicators = [
            {**link("indicator", ind.id, ind.indicator.name), "csv": href(csv_file(ind.id))}
            for goal in state.goals
            for ind in [*goal.indicators, *(i for m in goal.measures for i in m.indicators)]
        ]
        plans.append({"id": state.plan.id, "name": state.plan.name, "indicators": indicators})
    return Page(
        DOWNLOADS_PAGE,
        "site/downloads.html.j2",
        "Lataukset",
        {
            "period": str(data.summary.period),
            "files": data.downloads,
            "reports": data.reports,
            "plans": plans,
        },
    )
