"""`plan status` for people: an overview that fits a screen, the details of every goal,
measure and indicator (wrapped at words for the terminal's width, or one line each for pipes),
one measure or indicator in full, or Markdown.

All follow the one walk over each goal (`GoalState.lines`) and show the same display values
(`display.py`); the terminal and plain text are the same lines (`layout.py`), with or without
colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jarjesto_cli.domain.indicators import Met
from jarjesto_cli.domain.status import Status
from jarjesto_cli.domain.summary import (
    GoalState,
    IndicatorState,
    MeasureState,
    Phase,
    PlanState,
    SubActionState,
    Summary,
)
from jarjesto_cli.outputs import display, sanitize
from jarjesto_cli.outputs.display import IndicatorView, MeasureView, indicator_view, measure_view
from jarjesto_cli.outputs.layout import BLANK, Line, Segment, cells, fit, hanging, line
from jarjesto_cli.outputs.mdtext import cell

if TYPE_CHECKING:
    from jarjesto_cli.domain.models import Goal

STATUS_STYLE = {
    Status.TOTEUTUU: "green",
    Status.OSITTAIN: "yellow",
    Status.EI_TOTEUDU: "red",
    Status.EI_TIETOA: "dim",
    Status.EI_ALKANUT: "dim",
}
MET_STYLE = {Met.MET: "green", Met.PARTIAL: "yellow", Met.NOT_MET: "red", Met.NO_DATA: "dim"}


def goal_title(goal: Goal) -> str:
    """`O1 Tarjoamme tietoa … [Tieto-osallisuus]`: id, name and the dimension if it has one."""
    return f"{goal.id} {goal.name}" + (f" [{goal.dimension}]" if goal.dimension else "")


def _latest_with_trend(view: IndicatorView) -> str:
    return f"{view.latest_text} {view.trend_text}" if view.trend else view.latest_text


def quiet(state: PlanState) -> bool:
    """A plan shown in one line: not started at the period, or nothing known for its period."""
    return state.phase is Phase.NOT_STARTED or not state.has_data


def size_text(state: PlanState) -> str:
    """`3 tavoitetta, 10 toimenpidettä, 27 mittaria`."""
    goals = len(state.goals)
    measures = sum(len(g.measures) for g in state.goals)
    indicators = sum(
        len(g.indicators) + sum(len(m.indicators) for m in g.measures) for g in state.goals
    )
    return (
        f"{goals} {'tavoite' if goals == 1 else 'tavoitetta'}, "
        f"{measures} {'toimenpide' if measures == 1 else 'toimenpidettä'}, "
        f"{indicators} {'mittari' if indicators == 1 else 'mittaria'}"
    )


def _count_segments(tally: dict[str, int]) -> list[Segment]:
    """`✅ 14 toteutuu · 🟡 8 toteutuu osittain · …`, each in its status's colour."""
    parts: list[Segment] = []
    for i, status in enumerate(display.statuses_shown(tally)):
        if i:
            parts.append((" · ", "dim"))
        # one item never breaks over two lines
        item = f"{status.symbol} {tally[status.key]} {status.value}".replace(" ", "\u00a0")
        parts.append((item, STATUS_STYLE[status]))
    return parts


# --- the overview: what fits a screen -----------------------------------------------------------

LISTED = 5  # measures named per list in the overview; the rest are given by id
COUNT_WIDTH = 4  # one count column: "  12"


def overview(summary: Summary, width: int | None) -> list[Line]:
    """The default `plan status`: each plan in a few lines — where it stands, each goal's counts
    on one line, what is off track and what is missing. A plan not started, or with nothing
    for its period, is one line. `width` None: no limit. (How to see more is the command's to
    say: see `first_of_interest`.)"""
    lines = [line((f"Tilanne kaudella {summary.period}", "bold"))]
    for state in summary.plans:
        lines += [BLANK, line((state.plan.name, "bold"))]
        period_text = display.plan_period_text(state, summary.period)
        if quiet(state):
            lines += hanging([("  ", "")], [(f"{period_text} · {size_text(state)}", "")], width)
            continue
        lines += hanging([("  ", "")], [(period_text, "")], width)
        lines += hanging([("  ", "")], _count_segments(state.counts), width)
        lines += _goal_table(state, width)
        off, missing, disagree = _attention(state)
        lines += _listed("❌ Ei toteudu", off, width, "red")
        lines += _listed("⏰ Myöhässä", _late(state), width, "yellow")
        lines += _listed("⚠ Raportoitu tila ja mittarit eroavat", disagree, width, "yellow")
        lines += _listed("⚪ Ei tietoa", missing, width, "")
        waiting = [m.measure.id for g in state.goals for m in g.measures if m.not_started]
        if waiting:  # not started is never "no data": named, in one line
            text = f"{display.NOT_STARTED_TEXT.capitalize()}: {', '.join(waiting)}"
            lines += [BLANK, *hanging([("  ", "")], [(text, "dim")], width)]
    return lines


def first_of_interest(summary: Summary) -> str | None:
    """The id to show in full first: the first measure off track, contradicted or without data
    in a plan with data, else that plan's first goal."""
    for state in summary.plans:
        if quiet(state) or not state.goals:
            continue
        off, missing, disagree = _attention(state)
        first = [*off, *disagree, *missing]
        return first[0].measure.id if first else state.goals[0].goal.id
    return None


def _goal_table(state: PlanState, width: int | None) -> list[Line]:
    """One line per goal: its id and name (shortened at a word to fit) and its four counts
    under the status symbols."""
    if not state.goals:
        return []
    ids = max(len(g.goal.id) for g in state.goals)
    shown = display.statuses_shown(*(g.counts for g in state.goals))
    room = None if width is None else max(width - 2 - ids - 1 - COUNT_WIDTH * len(shown), 10)
    names = [fit(g.goal.name, room) for g in state.goals]
    name_width = max(cells(n) for n in names)
    symbols = "".join(" " * (COUNT_WIDTH - cells(s.symbol)) + s.symbol for s in shown)
    out = [BLANK, line(" " * (2 + ids + 1 + name_width), (symbols, "dim"))]
    for goal_state, name in zip(state.goals, names, strict=True):
        segments: list[Segment] = [
            (f"  {goal_state.goal.id:<{ids}} ", "bold"),
            (name + " " * (name_width - cells(name)), ""),
        ]
        for status in shown:
            value = goal_state.counts[status.key]
            segments.append((f"{value:>{COUNT_WIDTH}}", STATUS_STYLE[status] if value else "dim"))
        out.append(Line(segments))
    return out


def _attention(
    state: PlanState,
) -> tuple[list[MeasureState], list[MeasureState], list[MeasureState]]:
    """The measures not met, those without any data, and those whose reported status the
    indicators contradict, in plan order."""
    measures = [m for g in state.goals for m in g.measures]
    return (
        [m for m in measures if m.status is Status.EI_TOTEUDU],
        [m for m in measures if m.status is Status.EI_TIETOA and not m.not_started],
        [m for m in measures if m.state.disagrees and not m.state.accepted],
    )


def _late(state: PlanState) -> list[MeasureState]:
    """The measures past their schedule's end and not done (a sub-action's lateness is in the
    details: the overview stays one screen)."""
    return [m for g in state.goals for m in g.measures if m.late]


def _listed(title: str, measures: list[MeasureState], width: int | None, style: str) -> list[Line]:
    """A heading and the first measures, each on one line (id and name); the rest by id."""
    if not measures:
        return []
    out = [BLANK, line((f"  {title} ({len(measures)})", style or "bold"))]
    ids = max(len(m.measure.id) for m in measures[:LISTED])
    room = None if width is None else max(width - 4 - ids - 1, 10)
    for m in measures[:LISTED]:
        out.append(line((f"    {m.measure.id:<{ids}} ", "bold"), fit(m.measure.name, room)))
    if len(measures) > LISTED:
        rest = ", ".join(m.measure.id for m in measures[LISTED:])
        out += hanging([("    ", "")], [(f"ja {rest}", "")], width)
    return out


# --- details: every goal, measure and indicator ---------------------------------------------------

ID_GAP = 2  # columns between an id and what follows it


def details(summary: Summary, width: int | None, *, quiet_plans: bool = True) -> list[Line]:
    """Every goal with its measures and indicators, wrapped at words to `width`: an id, then
    its name; under the name its status (a measure) or its value and target (an indicator).
    With `quiet_plans`, a plan not started or without data for its period is one line."""
    lines = [line((f"Tilanne kaudella {summary.period}", "bold"))]
    for state in summary.plans:
        lines += [BLANK, line((state.plan.name, "bold underline"))]
        period_text = display.plan_period_text(state, summary.period)
        if quiet_plans and quiet(state):
            lines += hanging([("", "")], [(f"{period_text} · {size_text(state)}", "")], width)
            continue
        lines += hanging([("", "")], [(period_text, "")], width)
        if len(state.goals) > 1:  # one goal's counts are said under it
            lines += hanging([("", "")], _count_segments(state.counts), width)
        for goal_state in state.goals:
            lines += [BLANK, *_goal_lines(goal_state, width, summary.actors)]
    return lines


def _goal_lines(goal_state: GoalState, width: int | None, actors: dict[str, str]) -> list[Line]:
    goal = goal_state.goal
    title = goal.name + (f" [{goal.dimension}]" if goal.dimension else "")
    lead = f"{goal.id}{' ' * ID_GAP}"
    out = hanging([(lead, "bold")], [(title, "bold")], width)
    # the goal's counts come right under its name, before its measures: they are the goal's
    out += hanging([(" " * cells(lead), "")], _count_segments(goal_state.counts), width)
    for item in goal_state.lines():
        if item.indicator is not None:
            indent = cells(lead) + (2 if item.depth else 0)
            out += _indicator_lines(indicator_view(item.indicator), width, indent)
        elif item.measure is not None:
            # a blank line before each measure: the measure and its indicators read as one
            out += [BLANK, *_measure_lines(measure_view(item.measure), width, cells(lead))]
            out += _facts_lines(
                item.measure, actors, width, cells(lead) + cells(item.measure.measure.id) + ID_GAP
            )
    return out


def measure_facts(state: MeasureState, actors: dict[str, str]) -> list[str]:
    """Owners, schedule, priority and late / not started of a measure (what it has)."""
    view = measure_view(state)
    return display.plan_facts(
        state.measure.owners,
        state.measure.schedule,
        view.priority,
        view.timing_beside_status,
        actors,
    )


def sub_action_facts(sub: SubActionState, actors: dict[str, str]) -> list[str]:
    timing = display.sub_action_timing(sub.late, sub.not_started)
    return display.plan_facts(sub.owners, sub.schedule, None, timing, actors)


def _facts_lines(
    state: MeasureState, actors: dict[str, str], width: int | None, indent: int
) -> list[Line]:
    """Under a measure's status: its owners, schedule, priority and timing; then each
    sub-action that has an owner or a schedule, by its number (`T1.1/1`)."""
    out: list[Line] = []
    facts = measure_facts(state, actors)
    if facts:
        out += hanging([(" " * indent, "")], [(" · ".join(facts), "dim")], width)
    for sub in state.sub_actions():
        if sub.planned:
            lead = f"{' ' * indent}/{sub.index} "
            text = f"{fit(sub.text, 40)}: {' · '.join(sub_action_facts(sub, actors))}"
            out += hanging([(lead, "dim")], [(text, "dim")], width)
    return out


def _status_segments(view: MeasureView) -> list[Segment]:
    return [(view.status_text, STATUS_STYLE[view.status]), (f"· {view.source_text}", "dim")]


def _measure_lines(view: MeasureView, width: int | None, indent: int) -> list[Line]:
    lead = f"{view.id}{' ' * ID_GAP}"
    out = hanging([(lead, "bold")], [(view.name, "bold")], width, indent)
    out += hanging([(" " * cells(lead), "")], _status_segments(view), width, indent)
    return out


def _indicator_lines(view: IndicatorView, width: int | None, indent: int) -> list[Line]:
    lead = f"{view.id}{' ' * ID_GAP}"
    out = hanging([(lead, "")], [(view.name, "")], width, indent)
    facts: list[Segment] = []
    if view.met_text != "–":
        facts += [(view.met_text, MET_STYLE.get(view.met, "")), ("·", "dim")]
    facts += [
        (f"viimeisin {_latest_with_trend(view)}", ""),
        (f"· tavoite {view.target_text}", "dim"),
    ]
    out += hanging([(" " * cells(lead), "")], facts, width, indent)
    return out


# --- one measure or indicator, in full -----------------------------------------------------------

HISTORY = 5  # measurements shown under each indicator of a measure (an indicator shows all)


def node_details(summary: Summary, node_id: str, width: int | None) -> list[Line]:
    """A measure (status, narrative, its indicators with their recent values) or an indicator
    (every value with n, note and source), as known at its plan's period."""
    for state in summary.plans:
        for goal_state in state.goals:
            heading = _heading(summary, state, goal_state, width)
            for item in goal_state.lines():
                if item.indicator is not None and item.indicator.id == node_id:
                    return heading + _indicator_full(item.indicator, width)
                if item.indicator is None and item.measure and item.measure.measure.id == node_id:
                    return heading + _measure_full(item.measure, width, summary.actors)
    return []


def _heading(
    summary: Summary, state: PlanState, goal_state: GoalState, width: int | None
) -> list[Line]:
    """The plan, its period, and the goal: where the measure or indicator belongs."""
    goal = goal_state.goal
    return [
        line((state.plan.name, "bold")),
        line(display.plan_period_text(state, summary.period)),
        line((f"{goal.id} ", "bold"), fit(goal.name, None if width is None else width - 4)),
        BLANK,
    ]


def _measure_full(
    measure: MeasureState, width: int | None, actors: dict[str, str] | None = None
) -> list[Line]:
    view = measure_view(measure)
    lead = f"{view.id}{' ' * ID_GAP}"
    pad = " " * cells(lead)
    out = hanging([(lead, "bold")], [(view.name, "bold")], width)
    out += hanging([(pad, "")], _status_segments(view), width)
    facts = measure_facts(measure, actors or {})
    if facts:
        out += hanging([(pad, "")], [(" · ".join(facts), "")], width)
    subs = measure.sub_actions()
    if subs:
        # numbered as `plan set T1.2/3` addresses them
        out += [BLANK, line(pad, ("Alatoimenpiteet", "bold"))]
        for sub in subs:
            extra = sub_action_facts(sub, actors or {})
            text = sub.text + (f" ({'; '.join(extra)})" if extra else "")
            out += hanging([(f"{pad}{sub.index:>2}. ", "dim")], [(text, "")], width)
    if view.narrative:
        out.append(BLANK)
        for paragraph in view.narrative.splitlines():
            if paragraph.strip():
                out += hanging([(pad, "")], [(paragraph, "")], width)
    if measure.indicators:
        out += [BLANK, line(pad, ("Mittarit", "bold"))]
        for indicator in measure.indicators:
            out += _indicator_lines(indicator_view(indicator), width, cells(pad))
            out += _history(indicator, width, cells(pad) + cells(indicator.id) + ID_GAP)
    return out


def _indicator_full(indicator: IndicatorState, width: int | None) -> list[Line]:
    view = indicator_view(indicator)
    pad = " " * (cells(view.id) + ID_GAP)
    out = _indicator_lines(view, width, 0)
    if indicator.indicator.source:
        out += hanging([(pad, "")], [(f"lähde: {indicator.indicator.source}", "dim")], width)
    if indicator.known:
        out += [BLANK, line(pad, ("Mittaukset", "bold"))]
    out += _history(indicator, width, cells(pad), every=True)
    revisions = indicator.indicator.revisions()
    if revisions:  # the decisions behind the target, so a changed verdict has its reason
        out += [BLANK, line(pad, ("Tavoitteen muutokset", "bold"))]
        for change, new in revisions:
            lead = f"{pad}{display.date(change.date):<10} "
            out += hanging([(lead, "dim")], [(display.revision_text(change, new), "")], width)
    return out


def _history(
    indicator: IndicatorState, width: int | None, indent: int, *, every: bool = False
) -> list[Line]:
    """The measurements known by the period, oldest first (the newest few unless `every`)."""
    known = indicator.known if every else indicator.known[-HISTORY:]
    out: list[Line] = []
    for m in known:
        extra = [f"n {m.n}"] if m.n is not None else []
        if m.note:
            extra.append(f"huomio: {m.note}")
        if every and m.source:
            extra.append(f"lähde: {m.source}")
        text = indicator.indicator.measurement_text(m)
        body = text + (f" ({'; '.join(extra)})" if extra else "")
        lead = f"{' ' * indent}{m.period!s:<8} "
        out += hanging([(lead, "dim")], [(body, "")], width)
    return out


def render_plain(summary: Summary, *, quiet_plans: bool = True) -> str:
    """The details as plain text for pipes, files and CI logs: one line per goal, measure and
    indicator (easy to grep), no colour. With `quiet_plans`, a plan not started or without data
    for its period is one line."""
    lines = [f"Tilanne kaudella {summary.period}"]
    actors = summary.actors
    for plan_state in summary.plans:
        plan = plan_state.plan
        period_text = display.plan_period_text(plan_state, summary.period)
        if quiet_plans and quiet(plan_state):
            lines += ["", f"{plan.name} ({plan.id})", f"{period_text} · {size_text(plan_state)}"]
            continue
        lines += [
            "",
            f"{plan.name} ({plan.id})",
            period_text,
            display.counts(plan_state.counts),
        ]
        for goal_state in plan_state.goals:
            lines += ["", goal_title(goal_state.goal), f"  {display.counts(goal_state.counts)}"]
            for item in goal_state.lines():
                indent = "  " * (item.depth + 1)
                if item.indicator is not None:
                    lines.append(_plain_indicator(indicator_view(item.indicator), indent))
                elif item.measure is not None:
                    view = measure_view(item.measure)
                    facts = "; ".join([view.source_text, *measure_facts(item.measure, actors)])
                    lines.append(
                        f"{indent}{view.id:<8} {view.status_text:<22} {view.name} ({facts})"
                    )
                    for sub in item.measure.sub_actions():
                        if sub.planned:
                            extra = "; ".join(sub_action_facts(sub, actors))
                            lines.append(f"{indent}  {view.id}/{sub.index} {sub.text} ({extra})")
    # each entry one line: a line break or control character in a name shows escaped
    return "\n".join(sanitize.line(text) for text in lines) + "\n"


def _plain_indicator(view: IndicatorView, indent: str) -> str:
    trend = f" {view.trend_text}" if view.trend else ""
    return (
        f"{indent}{view.id:<10} {view.met_text:<14} {view.latest_text:<24} "
        f"tavoite {view.target_text}{trend} · {view.name}"
    )


def render_markdown(summary: Summary, *, quiet_plans: bool = True) -> str:
    """The same content as GitHub-flavoured Markdown (a plan without data: one line)."""
    lines = [f"# Tilanne kaudella {summary.period}", ""]
    for plan_state in summary.plans:
        plan = plan_state.plan
        period_text = display.plan_period_text(plan_state, summary.period)
        if quiet_plans and quiet(plan_state):
            lines += [
                f"## {cell(plan.name)}",
                "",
                cell(f"{period_text} · {size_text(plan_state)}"),
                "",
            ]
            continue
        lines += [
            f"## {cell(plan.name)}",
            "",
            cell(period_text),
            "",
            display.counts(plan_state.counts),
            "",
        ]
        for goal_state in plan_state.goals:
            goal = goal_state.goal
            lines += [f"### {goal.id} {cell(goal.name)}", "", display.counts(goal_state.counts), ""]
            lines += [
                "| Id | Toimenpide / mittari | Tila | Viimeisin | Tavoite | Trendi |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for item in goal_state.lines():
                if item.indicator is not None:
                    prefix = "↳ " if item.depth else ""
                    lines.append(_md_indicator(indicator_view(item.indicator), prefix))
                elif item.measure is not None:
                    view = measure_view(item.measure)
                    facts = " · ".join(
                        [view.source_text, *measure_facts(item.measure, summary.actors)]
                    )
                    lines.append(
                        f"| **{view.id}** | **{cell(view.name)}** | "
                        f"{view.status_text} | {cell(facts)} |  |  |"
                    )
                    for sub in item.measure.sub_actions():
                        if sub.planned:
                            extra = " · ".join(sub_action_facts(sub, summary.actors))
                            lines.append(
                                f"| ↳ {view.id}/{sub.index} | {cell(sub.text)} |  | "
                                f"{cell(extra)} |  |  |"
                            )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md_indicator(view: IndicatorView, prefix: str) -> str:
    return (
        f"| {prefix}{view.id} | {cell(view.name)} | {view.met_text} | "
        f"{cell(view.latest_text)} | {cell(view.target_text)} | {view.trend_text} |"
    )
