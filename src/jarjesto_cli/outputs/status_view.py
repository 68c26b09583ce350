"""`plan status` for people: rich tables in a terminal, plain text otherwise, or Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jarjesto_cli.domain.status import Status
from jarjesto_cli.domain.summary import IndicatorState, MeasureState, Summary
from jarjesto_cli.outputs import fmt
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


def status_text(status: Status) -> str:
    return f"{status.symbol} {status.value}"


def source_text(state: MeasureState) -> str:
    """Where the status comes from: `raportoitu 2023`, `johdettu mittareista`, and a warning
    when the indicators disagree with a reported status."""
    source = fmt.SOURCE_TEXT[state.state.source]
    if state.state.report is not None:
        source += f" {state.state.report.period}"
    if state.state.disagrees:
        source += f"; ⚠ mittarit: {state.state.derived.value}"
    return source


def goal_title(goal: Goal) -> str:
    """`O1 Tarjoamme tietoa … [Tieto-osallisuus]`: id, name and the dimension if it has one."""
    return f"{goal.id} {goal.name}" + (f" [{goal.dimension}]" if goal.dimension else "")


def latest_text(state: IndicatorState) -> str:
    if state.latest is None:
        notes = [m for m in state.known if m.note]
        return f"– ({notes[-1].period}: huomio)" if notes else "–"
    value = fmt.value(getattr(state.latest, "value", None), state.indicator)
    if state.kind == "teksti" and len(value) > 60:
        value = value[:57] + "…"
    return f"{value} ({state.latest.period})"


def trend_text(state: IndicatorState) -> str:
    return f"{fmt.TREND_SYMBOLS[state.trend]} {state.trend}" if state.trend else ""


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
        console.print(
            Text(f"{plan_state.plan.name} ({plan_state.plan.id})", style="bold underline")
        )
        console.print(fmt.counts(plan_state.counts))
        for goal_state in plan_state.goals:
            table = Table(
                title=goal_title(goal_state.goal),
                title_justify="left",
                title_style="bold",
                box=box.SIMPLE_HEAD,
                expand=False,
                caption=fmt.counts(goal_state.counts),
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
            for ind in goal_state.indicators:
                _indicator_row(table, ind, indent="", wide=wide)
            if goal_state.indicators and goal_state.measures:
                table.add_section()
            for measure_state in goal_state.measures:
                _measure_row(table, measure_state, wide=wide)
            console.print(table)


def _measure_row(table: Table, state: MeasureState, *, wide: bool) -> None:
    from rich.text import Text

    status = state.status
    label = Text(status_text(status), style=STATUS_STYLE[status])
    cells = [
        Text(state.measure.id, style="bold"),
        Text(state.measure.name, style="bold"),
        label,
        Text(source_text(state), style="dim"),
    ]
    table.add_row(*cells, *([""] if wide else []))
    for ind in state.indicators:
        _indicator_row(table, ind, indent="  ", wide=wide)


def _indicator_row(table: Table, state: IndicatorState, indent: str, *, wide: bool) -> None:
    from rich.padding import Padding
    from rich.text import Text

    latest = latest_text(state)
    if state.trend:
        latest += f" {trend_text(state)}"
    # padding, not leading spaces: a wrapped name keeps its indent on every line
    name = Padding(Text(state.indicator.name), (0, 0, 0, len(indent)))
    cells: list[RenderableType] = [indent + state.id, name, fmt.MET_TEXT[state.met]]
    if wide:
        table.add_row(*cells, latest, fmt.target(state.indicator))
    else:
        both = Text(latest)
        both.append(f"\ntavoite {fmt.target(state.indicator)}", style="dim")
        table.add_row(*cells, both)


def render_plain(summary: Summary) -> str:
    """Plain text for pipes, files and CI logs: one line per goal, measure and indicator (easy to
    grep), no colour, no table drawing."""
    lines = [f"Tilanne kaudella {summary.period}"]
    for plan_state in summary.plans:
        plan = plan_state.plan
        lines += ["", f"{plan.name} ({plan.id})", fmt.counts(plan_state.counts)]
        for goal_state in plan_state.goals:
            lines += ["", goal_title(goal_state.goal), f"  {fmt.counts(goal_state.counts)}"]
            for ind in goal_state.indicators:
                lines.append(_plain_indicator(ind, "  "))
            for ms in goal_state.measures:
                source = source_text(ms)
                lines.append(
                    f"  {ms.measure.id:<8} {status_text(ms.status):<22} "
                    f"{ms.measure.name} ({source})"
                )
                for ind in ms.indicators:
                    lines.append(_plain_indicator(ind, "    "))
    return "\n".join(lines) + "\n"


def _plain_indicator(state: IndicatorState, indent: str) -> str:
    trend = f" {trend_text(state)}" if state.trend else ""
    return (
        f"{indent}{state.id:<10} {fmt.MET_TEXT[state.met]:<14} {latest_text(state):<24} "
        f"tavoite {fmt.target(state.indicator)}{trend} · {state.indicator.name}"
    )


def render_markdown(summary: Summary) -> str:
    """The same content as GitHub-flavoured Markdown."""
    lines = [f"# Tilanne kaudella {summary.period}", ""]
    for plan_state in summary.plans:
        plan = plan_state.plan
        lines += [f"## {cell(plan.name)}", "", fmt.counts(plan_state.counts), ""]
        for goal_state in plan_state.goals:
            goal = goal_state.goal
            lines += [f"### {goal.id} {cell(goal.name)}", "", fmt.counts(goal_state.counts), ""]
            lines += [
                "| Id | Toimenpide / mittari | Tila | Viimeisin | Tavoite | Trendi |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for ind in goal_state.indicators:
                lines.append(_md_indicator(ind, ""))
            for ms in goal_state.measures:
                source = source_text(ms)
                lines.append(
                    f"| **{ms.measure.id}** | **{cell(ms.measure.name)}** | "
                    f"{status_text(ms.status)} | {cell(source)} |  |  |"
                )
                for ind in ms.indicators:
                    lines.append(_md_indicator(ind, "↳ "))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md_indicator(state: IndicatorState, prefix: str) -> str:
    return (
        f"| {prefix}{state.id} | {cell(state.indicator.name)} | {fmt.MET_TEXT[state.met]} | "
        f"{cell(latest_text(state))} | {cell(fmt.target(state.indicator))} | {trend_text(state)} |"
    )
