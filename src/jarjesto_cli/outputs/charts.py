"""Charts for reports and the site, drawn with matplotlib (Agg, no pyplot state): imported only
by `report` and `site`.

What to draw comes from `report_data` (a chart is a dict with its file name, title, alt text and
numbers); this module only turns it into a PNG (reports) or an SVG (the site, inline).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jarjesto_cli.domain.finnish import number
from jarjesto_cli.domain.status import STATUS_ORDER, Status

COLOURS = {
    Status.TOTEUTUU: "#2e7d32",
    Status.OSITTAIN: "#f9a825",
    Status.EI_TOTEUDU: "#c62828",
    Status.EI_TIETOA: "#b0b7bf",
}
INK = "#1f2933"
DPI = 110  # pandoc sizes images by their DPI: 6.3 in at 110 dpi fills an A4 text width


def load() -> None:
    """Import what drawing needs (matplotlib takes longer to import than to draw a chart)."""
    from matplotlib.backends import backend_agg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401


def draw(chart: dict[str, Any], path: Path, fmt: str | None = None) -> None:
    """Draw one chart to `path`, as PNG or SVG (`fmt`, by default from the file's suffix)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    fmt = fmt or path.suffix.lstrip(".").lower() or "png"
    if chart["kind"] == "status":
        figure = _status(chart, Figure)
    elif chart["kind"] == "trend":
        figure = _trend(chart, Figure)
    else:
        raise ValueError(f"unknown chart kind {chart['kind']!r}")
    if fmt == "svg":
        # text stays text (small files, readable by search and copy); ids and the file are the
        # same for the same chart (no date, a fixed hash salt), so the cache and git diffs hold
        with rc_context({"svg.fonttype": "none", "svg.hashsalt": "jarjesto-cli"}):
            figure.savefig(path, format="svg", metadata={"Date": None, "Creator": None})
    else:
        figure.savefig(path, format="png", dpi=DPI, metadata={"Software": None})


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


def _margins(fig: Any, *, left: float, right: float, top: float, bottom: float) -> None:
    """Fixed margins in inches: the charts' layouts are known, and matplotlib's automatic
    ("constrained") layout would cost a second full drawing of every chart."""
    width, height = fig.get_size_inches()
    fig.subplots_adjust(
        left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
    )


def _status(chart: dict[str, Any], figure_class: Any) -> Any:
    goals = chart["goals"]
    height = 1.0 + 0.45 * max(len(goals), 1)
    fig = figure_class(figsize=(6.3, height))
    _margins(fig, left=0.45, right=0.2, top=0.35, bottom=0.75)
    ax = fig.subplots()
    labels = [g["id"] for g in goals][::-1]
    left = [0] * len(goals)
    for status in STATUS_ORDER:
        values = [g["counts"][status.key] for g in goals][::-1]
        bars = ax.barh(
            labels,
            values,
            left=left,
            color=COLOURS[status],
            label=status.value,
            edgecolor="white",
            linewidth=0.8,
        )
        for bar, value in zip(bars, values, strict=True):
            if value:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if status is not Status.EI_TIETOA else INK,
                )
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlim(0, max(max(left, default=0), 1) * 1.02)
    ax.set_xlabel("toimenpiteitä", color=INK)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(chart["title"], fontsize=10, color=INK, loc="left")
    # the legend sits in the bottom margin, below the axis label
    ax.legend(
        ncols=4,
        fontsize=8,
        frameon=False,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=fig.transFigure,
    )
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _trend(chart: dict[str, Any], figure_class: Any) -> Any:
    from matplotlib.ticker import FuncFormatter

    points = chart["points"]
    fig = figure_class(figsize=(6.3, 2.8))
    _margins(fig, left=0.5, right=0.2, top=0.35, bottom=0.35)
    ax = fig.subplots()
    xs = list(range(len(points)))
    ys = [p["value"] for p in points]
    ax.plot(xs, ys, marker="o", color="#1f4e79", linewidth=2, label="arvo")
    for x, y in zip(xs, ys, strict=True):
        ax.annotate(
            number(y),
            (x, y),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize=8,
            color=INK,
        )
    if chart.get("target") is not None:
        ax.axhline(
            chart["target"],
            color="#c62828",
            linestyle="--",
            linewidth=1.2,
            label=f"tavoite {number(chart['target'])}",
        )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(float(value))))
    scale = chart.get("scale")
    if scale:
        ax.set_ylim(scale[0], scale[1])
    else:
        top = max([*ys, chart.get("target") or 0])
        ax.set_ylim(0, top * 1.15 if top else 1)
    ax.set_xticks(xs, [p["period"] for p in points], fontsize=8)
    unit = chart.get("unit")
    if unit:
        ax.set_ylabel(unit, color=INK)
    ax.set_title(chart["title"], fontsize=10, color=INK, loc="left")
    ax.grid(axis="y", color="#e4e7eb", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    return fig
