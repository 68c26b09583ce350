"""Charts for reports, drawn with matplotlib (Agg, no pyplot state): imported only when drawn.

What to draw comes from `report_data` (a chart is a dict with its file name, title, alt text and
numbers); `figure(chart)` turns it into a matplotlib Figure, which the caller saves in the format
it needs: `draw` writes the reports' PNG and the site's SVG (which `inline_svg` readies to sit
inside a page).

Readable without colour vision: the status colours differ in lightness and hue so that they stay
apart under deuteranopia and protanopia, each status also has its own pattern, the segments are
labelled with their count (and status word where it fits) and the legend names the words. Every
mark has at least 3:1 contrast with the white background (the "ei tietoa" segments by their
outline: an empty-looking bar is what "no data" should look like), every text at least 4.5:1.
`tests/test_reports.py` checks the contrasts and simulates deuteranopia.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from jarjesto_cli.domain.finnish import number
from jarjesto_cli.domain.status import STATUS_ORDER, Status
from jarjesto_cli.outputs import display

BACKGROUND = "#ffffff"
INK = "#1f2933"  # every text: 14:1 on white
# fills: teal green, dark orange, crimson (5.8:1, 4.6:1, 7.9:1 on white), a light grey for
# "ei tietoa" with a dark outline (5:1)
COLOURS = {
    Status.TOTEUTUU: "#00707F",
    Status.OSITTAIN: "#AD6200",
    Status.EI_TOTEUDU: "#9E1B32",
    Status.EI_TIETOA: "#F0F0F0",
    Status.EI_ALKANUT: "#3F51B5",  # indigo, 6.9:1, apart from the others for colour-blind eyes
}
EDGES = {
    Status.TOTEUTUU: BACKGROUND,
    Status.OSITTAIN: BACKGROUND,
    Status.EI_TOTEUDU: BACKGROUND,
    Status.EI_TIETOA: "#6E6E6E",
    Status.EI_ALKANUT: BACKGROUND,
}
# the pattern of each status (drawn in the edge colour), so that colour is never the only carrier
HATCHES = {
    Status.TOTEUTUU: "",
    Status.OSITTAIN: "///",
    Status.EI_TOTEUDU: "xx",
    Status.EI_TIETOA: "..",
    Status.EI_ALKANUT: "--",
}
LINE = "#1F4E79"  # an indicator's values: 8.9:1
TARGET = INK  # the target line, dashed and labelled
GRID = "#D5D9DE"  # decorative only
DPI = 110  # pandoc sizes images by their DPI: 6.3 in at 110 dpi fills an A4 text width
WIDTH_INCHES = 6.3
LABEL_POINTS = 8


def load() -> None:
    """Import what drawing needs (matplotlib takes longer to import than to draw a chart)."""
    from matplotlib.backends import backend_agg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401


def draw(chart: dict[str, Any], path: Path, fmt: str | None = None) -> None:
    """Draw one chart to `path` as PNG or SVG (`fmt`, by default from the file's suffix),
    without a timestamp or software name, reproducibly."""
    fmt = fmt or path.suffix.lstrip(".").lower() or "png"
    if fmt != "svg":
        figure(chart).savefig(path, format="png", dpi=DPI, metadata={"Software": None})
        return
    from matplotlib import rc_context

    # text stays text (small files, readable by search and copy); ids and the file are the
    # same for the same chart (no date, a fixed hash salt), so the cache and git diffs hold
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "jarjesto-cli"}):
        figure(chart).savefig(path, format="svg", metadata={"Date": None, "Creator": None})


_SVG_START = re.compile(r"^.*?(?=<svg\b)", re.S)
_SVG_SIZE = re.compile(r'(<svg\b[^>]*?)\s(?:width|height)="[^"]*"')
_SVG_ID = re.compile(r'\bid="([^"]+)"')


def inline_svg(svg: str, *, prefix: str, title: str) -> str:
    """A drawn SVG made fit to sit inside an HTML page: no XML prolog; scaled by its container
    (no fixed size); ids and its style rule kept to itself, so that two charts on a page never
    share an id; an image with `title` as its accessible name (the data table beside it gives
    the same numbers)."""
    from html import escape

    body = _SVG_START.sub("", svg, count=1)
    while _SVG_SIZE.search(body):
        body = _SVG_SIZE.sub(r"\1", body, count=1)
    for old in sorted(set(_SVG_ID.findall(body)), key=len, reverse=True):
        new = f"{prefix}-{old}"
        body = body.replace(f'id="{old}"', f'id="{new}"')
        body = body.replace(f"url(#{old})", f"url(#{new})")
        body = body.replace(f'href="#{old}"', f'href="#{new}"')
    title_id = f"{prefix}-otsikko"
    # matplotlib's own style rule (`*{stroke-linejoin…}`) would apply to the whole page
    body = body.replace(
        '<style type="text/css">*{', f'<style>svg[aria-labelledby="{title_id}"] *{{'
    )
    body = re.sub(
        r"<svg\b",
        f'<svg role="img" aria-labelledby="{title_id}" focusable="false"',
        body,
        count=1,
    )
    body = re.sub(
        r"(<svg\b[^>]*>)",
        lambda m: f'{m.group(1)}<title id="{title_id}">{escape(title)}</title>',
        body,
        count=1,
    )
    return body.strip()


def figure(chart: dict[str, Any]) -> Any:
    """The chart as a matplotlib Figure; the caller saves it in the format it needs."""
    from matplotlib.figure import Figure

    if chart["kind"] == "status":
        return _status(chart, Figure)
    if chart["kind"] == "trend":
        return _trend(chart, Figure)
    if chart["kind"] == "timeline":
        from jarjesto_cli.outputs.timeline_chart import draw_timeline

        return draw_timeline(chart, Figure)
    raise ValueError(f"unknown chart kind {chart['kind']!r}")


def _margins(fig: Any, *, left: float, right: float, top: float, bottom: float) -> None:
    """Fixed margins in inches: the charts' layouts are known, and matplotlib's automatic
    ("constrained") layout would cost a second full drawing of every chart."""
    width, height = fig.get_size_inches()
    fig.subplots_adjust(
        left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
    )


def legend_below(fig: Any, ax: Any, handles: list[Any]) -> None:
    """The legend of a bar chart under it, across the figure: patterns large enough to see."""
    ax.legend(
        handles=handles,
        ncols=4,
        fontsize=LABEL_POINTS + 0.5,
        frameon=False,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=fig.transFigure,
        labelcolor=INK,
        handlelength=2.4,
        handleheight=1.2,
    )


def _title(ax: Any, text: str) -> int:
    """A left-aligned title, wrapped to the chart's width; returns its number of lines."""
    lines = textwrap.wrap(text, 95)
    ax.set_title("\n".join(lines), fontsize=9.5, color=INK, loc="left")
    return len(lines)


def _label_box() -> dict[str, Any]:
    # text on a white box: readable on any fill and pattern (INK on white is 14:1)
    return {"boxstyle": "round,pad=0.18", "facecolor": BACKGROUND, "edgecolor": "none"}


def _status(chart: dict[str, Any], figure_class: Any) -> Any:
    from matplotlib.patches import Patch

    goals = chart["goals"]
    height = 1.35 + 0.5 * max(len(goals), 1)
    fig = figure_class(figsize=(WIDTH_INCHES, height))
    fig.set_facecolor(BACKGROUND)
    _margins(fig, left=0.45, right=0.2, top=0.4, bottom=0.95)
    ax = fig.subplots()
    labels = [g["id"] for g in goals][::-1]
    rows = list(range(len(goals)))
    left = [0] * len(goals)
    widest = max((sum(g["counts"].values()) for g in goals), default=0) or 1
    per_measure = (WIDTH_INCHES - 0.65) / widest  # inches per measure on the axis
    for status in STATUS_ORDER:
        values = [g["counts"][status.key] for g in goals][::-1]
        drawn = [r for r in rows if values[r]]  # an empty segment would leave its outline
        bars = ax.barh(
            drawn,
            [values[r] for r in drawn],
            left=[left[r] for r in drawn],
            color=COLOURS[status],
            edgecolor=EDGES[status],
            hatch=HATCHES[status],
            linewidth=1.0,
            height=0.62,
        )
        for bar, value in zip(bars, [values[r] for r in drawn], strict=True):
            # the status word beside the count where the segment has room for it
            word = f"{value} {status.value}"
            fits = len(word) * 0.062 + 0.15 < value * per_measure
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                bar.get_y() + bar.get_height() / 2,
                word if fits else str(value),
                ha="center",
                va="center",
                fontsize=LABEL_POINTS,
                color=INK,
                bbox=_label_box(),
            )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(rows, labels)
    ax.set_ylim(-0.6, len(goals) - 0.4)
    ax.set_xlim(0, widest * 1.02)
    ax.set_xlabel("Toimenpiteiden määrä", color=INK, fontsize=LABEL_POINTS + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(colors=INK, labelsize=LABEL_POINTS + 1)
    _title(ax, chart["title"])
    legend_below(
        fig,
        ax,
        [
            Patch(
                facecolor=COLOURS[s],
                edgecolor=EDGES[s],  # the pattern is drawn in the edge colour
                hatch=HATCHES[s],
                label=s.value,
            )
            for s in display.statuses_shown(*(g["counts"] for g in goals))
        ],
    )
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color(INK)
    return fig


def _tick(label: str, count: int) -> str:
    """A period label on the axis; on two lines when there are many (`1. neljännes` / `2023`)."""
    if count <= 4 or " " not in label:
        return label
    head, year = label.rsplit(" ", 1)
    return f"{head}\n{year}"


def _target_steps(ax: Any, steps: list[dict[str, Any]], count: int) -> None:
    """The target in force at each value as a dashed stepped line (a step where a change took
    effect, between two values' periods), each level labelled at its right end with the date of
    the change that set it: `Tavoite 4 (15.10.2026 alkaen)`."""
    xs: list[float] = []
    ys: list[float] = []
    for run in steps:
        left = -0.4 if run["first"] == 0 else run["first"] - 0.5
        right = run["last"] + 0.3 if run["first"] >= count else run["last"] + 0.5
        if run["last"] == count - 1 and steps[-1]["first"] < count:
            right = count - 0.6  # the axis ends there
        value = run["value"]
        level = float("nan") if value is None else value
        xs += [left, right]
        ys += [level, level]
        if value is None:
            continue
        label = f"Tavoite {number(value)}"
        if run["since"]:
            label += f" ({run['since']} alkaen)"
        _target_label(ax, label, (right, value))
    ax.plot(xs, ys, color=TARGET, linestyle=(0, (5, 3)), linewidth=1.2)


def _target_label(ax: Any, text: str, xy: tuple[float, float], **coords: Any) -> None:
    """A target line's label at the line itself (not in a legend), above its right end."""
    ax.annotate(
        text,
        xy,
        **coords,
        textcoords="offset points",
        xytext=(0, 3),
        ha="right",
        va="bottom",
        fontsize=LABEL_POINTS,
        color=INK,
        bbox=_label_box(),
    )


def _trend(chart: dict[str, Any], figure_class: Any) -> Any:
    from matplotlib.ticker import FuncFormatter

    points = chart["points"]
    fig = figure_class(figsize=(WIDTH_INCHES, 3.0))
    fig.set_facecolor(BACKGROUND)
    ax = fig.subplots()
    lines = _title(ax, chart["title"])
    _margins(fig, left=0.75, right=0.25, top=0.25 + 0.17 * lines, bottom=0.55)
    xs = list(range(len(points)))
    ys = [p["value"] for p in points]
    ax.plot(xs, ys, marker="o", color=LINE, linewidth=2, markersize=5)
    for x, y in zip(xs, ys, strict=True):
        ax.annotate(
            number(y),
            (x, y),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize=LABEL_POINTS,
            color=INK,
        )
    target = chart.get("target")
    steps = chart.get("steps")
    if steps:
        _target_steps(ax, steps, len(points))
    elif target is not None:
        ax.axhline(target, color=TARGET, linestyle=(0, (5, 3)), linewidth=1.2)
        _target_label(
            ax, f"Tavoite {number(target)}", (1.0, target), xycoords=("axes fraction", "data")
        )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(float(value))))
    scale = chart.get("scale")
    if scale:
        ax.set_ylim(scale[0], scale[1])
    else:
        targets = [r["value"] for r in steps or [] if r["value"] is not None]
        top = max([*ys, target or 0, *targets])
        ax.set_ylim(0, top * 1.15 if top else 1)
    # a target decided after the last value gets room for its step past the values
    beyond = steps is not None and steps[-1]["first"] >= len(points)
    ax.set_xlim(-0.4, len(points) - 0.6 + (0.9 if beyond else 0))
    ax.set_xticks(xs, [_tick(p["label"], len(points)) for p in points])
    ax.set_ylabel(chart.get("y_title") or "", color=INK, fontsize=LABEL_POINTS + 1)
    ax.tick_params(colors=INK, labelsize=LABEL_POINTS)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color(INK)
    return fig
