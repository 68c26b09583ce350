"""`plan status`: an overview of every plan that fits a screen; the details of every goal,
measure and indicator (`--details`, or one plan, goal, measure or indicator by id); as terminal
text, plain text, JSON or Markdown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from jarjesto_cli.clock import today
from jarjesto_cli.commands import options
from jarjesto_cli.domain.planset import Node, PlanSet
from jarjesto_cli.domain.summary import GoalState, Summary, summarize
from jarjesto_cli.errors import Problem
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.terminal import err, is_terminal, out, styled_output


def run(
    plans: Path,
    *,
    node_id: str | None = None,
    plan_ids: Sequence[str] | None,
    goal: str | None,
    period: str | None,
    output_format: str,
    details: bool = False,
    owner: str | None = None,
) -> int:
    """Print the status of the selected plans; warnings go to standard error."""
    wanted = options.period(period) if period else None
    planset = load_valid(plans, today=today())
    node = planset.find(node_id) if node_id is not None else None
    if node is not None:
        plan_ids, goal = [node.plan.id], node.goal.id if node.goal is not None else goal
    summary = summarize(planset, period=wanted, plan_ids=plan_ids, goal_id=goal, today=today())
    if node is not None and node.kind in ("measure", "indicator"):
        summary = only(summary, node)
    if owner is not None:
        planset.actor(owner)  # an unknown actor: a usage error naming the known ones
        summary = owned_by(summary, owner)
    selected = node is not None or bool(plan_ids) or goal is not None or owner is not None
    view = (
        "node"
        if node is not None and node.kind in ("measure", "indicator")
        else ("details" if details or selected else "overview")
    )
    RENDERERS[output_format](summary, view, node_id, not selected)
    for warning in _warnings(planset, summary):
        err(warning.text())
    return 0


def only(summary: Summary, node: Node) -> Summary:
    """The summary cut down to one measure (with its indicators) or one indicator."""
    plans = []
    for state in summary.plans:
        goals = []
        for goal_state in state.goals:
            measures = [
                m
                for m in goal_state.measures
                if m.measure.id == node.id
                or (node.measure is not None and m.measure.id == node.measure.id)
            ]
            if node.kind == "indicator" and node.measure is not None:
                measures = [
                    replace(m, indicators=[i for i in m.indicators if i.id == node.id])
                    for m in measures
                ]
            indicators = [i for i in goal_state.indicators if i.id == node.id]
            if measures or indicators:
                goals.append(GoalState(goal_state.goal, measures, indicators))
        plans.append(replace(state, goals=goals))
    return replace(summary, plans=plans)


def owned_by(summary: Summary, actor: str) -> Summary:
    """The summary cut down to the measures the actor leads or shares, or has a sub-action of
    (each with its indicators; the sub-actions are shown with their owners). A plan or goal
    without any is left out."""
    plans = []
    for state in summary.plans:
        goals = []
        for goal_state in state.goals:
            measures = [m for m in goal_state.measures if m.involves(actor)]
            if measures:
                goals.append(GoalState(goal_state.goal, measures, []))
        if goals:
            plans.append(replace(state, goals=goals))
    return replace(summary, plans=plans)


def _warnings(planset: PlanSet, summary: Summary) -> list[Problem]:
    """The plans' warnings about what is shown (all of them when everything is shown)."""
    shown = {p.plan.id for p in summary.plans}
    sources = {planset.sources[pid].path for pid in shown if pid in planset.sources}
    return [w for w in planset.warnings if w.path in sources or len(shown) == len(planset.plans)]


# --- renderers ------------------------------------------------------------------------------------


def _table(summary: Summary, view: str, node_id: str | None, quiet_plans: bool) -> None:
    """Terminal: the lines at the terminal's width, in colour, through a pager when long.
    Otherwise plain text: the overview, or one line per goal, measure and indicator."""
    from jarjesto_cli.outputs import layout, status_view

    terminal = is_terminal()
    if view == "details" and not terminal:
        out(status_view.render_plain(summary, quiet_plans=quiet_plans))
        return
    console = _console() if terminal else None
    width = console.width if console is not None else None
    if view == "overview":
        example = status_view.first_of_interest(summary) or "ID"
        lines = [
            *status_view.overview(summary, width),
            layout.BLANK,
            *layout.hanging(
                [("Tarkemmin: ", "dim")],
                [(f"plan status {example} tai plan status --details", "dim")],
                width,
            ),
        ]
    elif view == "details":
        lines = status_view.details(summary, width, quiet_plans=quiet_plans)
    else:
        lines = status_view.node_details(summary, node_id or "", width)
    if console is None:
        out(layout.plain(lines))
        return
    _show(console, layout.styled(lines))


def _console() -> Any:
    from jarjesto_cli.outputs.terminal import console

    return console()


def _show(console: Any, text: object) -> None:
    """Print to the terminal, through the pager when it is longer than the screen."""
    from jarjesto_cli.outputs.pager import page

    with console.capture() as captured:
        console.print(text, end="", soft_wrap=True, highlight=False)
    rendered = captured.get()
    if not page(rendered, height=console.height):
        styled_output(rendered)


def _json(summary: Summary, view: str, node_id: str | None, quiet_plans: bool) -> None:
    from jarjesto_cli.domain.summary import as_json
    from jarjesto_cli.outputs.sanitize import json_text

    out(json_text(as_json(summary)) + "\n")


def _markdown(summary: Summary, view: str, node_id: str | None, quiet_plans: bool) -> None:
    from jarjesto_cli.outputs.status_view import render_markdown

    out(render_markdown(summary, quiet_plans=quiet_plans))


RENDERERS: dict[str, Callable[[Summary, str, str | None, bool], None]] = {
    "table": _table,
    "json": _json,
    "md": _markdown,
}
