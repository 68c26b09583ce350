"""`plan status` for people: rich tables in a terminal, plain text otherwise, or Markdown.

All three follow the one walk over each goal (`GoalState.lines`) and show the same display
values (`display.py`). Text from the plans passes the sanitiser (`line`) on its way into a
line, and into rich only as `Text` (never parsed as rich markup such as `[link=…]`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jarjesto_cli.domain.status import Status
from jarjesto_cli.domain.summary import Line, Summary
from jarjesto_cli.outputs import display, sanitize
from jarjesto_cli.outputs.display import IndicatorView, MeasureView, indicator_view, measure_view
from jarjesto_cli.outputs.mdtext import cell

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

    from jarjesto_cli.domain.models import Goal

STATUS_STYLE = {
    Status.TOTEUTUU: "green",
    Status.OSITTAIN: "yellow",
    Status.EI_TOTEUDU: "red",
    Status.EI_TIETOA: "dim",
}


def goal_title(goal: Goal) -> str:
    """`O1 Tarjoamme tietoa … [Tieto-osallisuus]`: id, name and the dimension if it has one."""
    dimension = f" [{goal.dimension}]" if goal.dimension else ""
    return sanitize.line(f"{goal.id} {goal.name}{dimension}")


def _latest_with_trend(view: IndicatorView) -> str:
    return f"{view.latest_text} {view.trend_text}" if view.trend else view.latest_text


# below this many columns the latest value and the target share a column
WIDE = 110


def render_rich(summary: Summary, console: Console) -> None:
    """Rich tables: one per goal, measures with their indicators under them. The table fits the
    terminal: the short columns have a maximum width, the name takes the rest, and in a narrow
    terminal the target goes under the latest value."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    wide = console.width >= WIDE
    console.print(Text(f"Tilanne kaudella {summary.period}", style="bold"))
    for plan_state in summary.plans:
        console.print()
        title = sanitize.line(f"{plan_state.plan.name} ({plan_state.plan.id})")
        console.print(Text(title, style="bold underline"))
        console.print(Text(display.plan_period_text(plan_state, summary.period)))
        console.print(Text(display.counts(plan_state.counts)))
        for goal_state in plan_state.goals:
            table = Table(
                title=goal_title(goal_state.goal),
                title_justify="left",
                title_style="bold",
                box=box.SIMPLE_HEAD,
                expand=False,
                caption=display.counts(goal_state.counts),
                caption_justify="left",
            )
            # no min_width anywhere: with one, rich draws the table wider than the terminal
            # and the terminal crops its right edge
            table.add_column("Id", no_wrap=True)
            table.add_column("Toimenpide / mittari", overflow="fold")
            table.add_column("Tila", max_width=14)
            if wide:
                table.add_column("Viimeisin", overflow="fold", max_width=24)
                table.add_column("Tavoite", overflow="fold", max_width=20)
            else:
                table.add_column("Viimeisin / tavoite", overflow="fold", max_width=20)
            previous: Line | None = None
            for line in goal_state.lines():
                if line.indicator is not None:
                    _indicator_row(table, indicator_view(line.indicator), line.depth, wide=wide)
                elif line.measure is not None:
                    if previous is not None and previous.measure is None:
                        table.add_section()  # the goal's own indicators above, measures below
                    _measure_row(table, measure_view(line.measure), wide=wide)
                previous = line
            console.print(table)


def _measure_row(table: Table, view: MeasureView, *, wide: bool) -> None:
    from rich.text import Text

    cells = [
        Text(view.id, style="bold"),
        Text(sanitize.line(view.name), style="bold"),
        Text(view.status_text, style=STATUS_STYLE[view.status]),
        Text(sanitize.line(view.source_text), style="dim"),
    ]
    table.add_row(*cells, *([""] if wide else []))


def _indicator_row(table: Table, view: IndicatorView, depth: int, *, wide: bool) -> None:
    from rich.padding import Padding
    from rich.text import Text

    indent = "  " * depth
    # padding, not leading spaces: a wrapped name keeps its indent on every line
    name = Padding(Text(sanitize.line(view.name)), (0, 0, 0, len(indent)))
    cells: list[RenderableType] = [Text(indent + view.id), name, Text(view.met_text)]
    latest = sanitize.line(_latest_with_trend(view))
    if wide:
        table.add_row(*cells, Text(latest), Text(sanitize.line(view.target_text)))
    else:
        both = Text(latest)
        both.append(f"\ntavoite {sanitize.line(view.target_text)}", style="dim")
        table.add_row(*cells, both)


def render_plain(summary: Summary) -> str:
    """Plain text for pipes, files and CI logs: one line per goal, measure and indicator (easy to
    grep), no colour, no table drawing."""
    lines = [f"Tilanne kaudella {summary.period}"]
    for plan_state in summary.plans:
        plan = plan_state.plan
        lines += [
            "",
            sanitize.line(f"{plan.name} ({plan.id})"),
            display.plan_period_text(plan_state, summary.period),
            display.counts(plan_state.counts),
        ]
        for goal_state in plan_state.goals:
            lines += ["", goal_title(goal_state.goal), f"  {display.counts(goal_state.counts)}"]
            for line in goal_state.lines():
                indent = "  " * (line.depth + 1)
                if line.indicator is not None:
                    lines.append(_plain_indicator(indicator_view(line.indicator), indent))
                elif line.measure is not None:
                    view = measure_view(line.measure)
                    lines.append(
                        f"{indent}{view.id:<8} {view.status_text:<22} "
                        + sanitize.line(f"{view.name} ({view.source_text})")
                    )
    return "\n".join(lines) + "\n"


def _plain_indicator(view: IndicatorView, indent: str) -> str:
    trend = f" {view.trend_text}" if view.trend else ""
    latest = sanitize.line(view.latest_text)
    rest = sanitize.line(f"tavoite {view.target_text}{trend} · {view.name}")
    return f"{indent}{view.id:<10} {view.met_text:<14} {latest:<24} {rest}"


def render_markdown(summary: Summary) -> str:
    """The same content as GitHub-flavoured Markdown."""
    lines = [f"# Tilanne kaudella {summary.period}", ""]
    for plan_state in summary.plans:
        plan = plan_state.plan
        lines += [
            f"## {cell(plan.name)}",
            "",
            cell(display.plan_period_text(plan_state, summary.period)),
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
            for line in goal_state.lines():
                if line.indicator is not None:
                    prefix = "↳ " if line.depth else ""
                    lines.append(_md_indicator(indicator_view(line.indicator), prefix))
                elif line.measure is not None:
                    view = measure_view(line.measure)
                    lines.append(
                        f"| **{view.id}** | **{cell(view.name)}** | "
                        f"{view.status_text} | {cell(view.source_text)} |  |  |"
                    )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md_indicator(view: IndicatorView, prefix: str) -> str:
    return (
        f"| {prefix}{view.id} | {cell(view.name)} | {view.met_text} | "
        f"{cell(view.latest_text)} | {cell(view.target_text)} | {view.trend_text} |"
    )
