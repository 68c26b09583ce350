"""The measures' timeline (a Gantt-like chart over the plan's years), drawn with matplotlib.

Planned in `living_data.timeline_chart`; `charts.figure` calls `draw_timeline` for a chart of kind
`timeline`. Readable without colour: a late bar is crimson *and* cross-hatched *and* says
"myöhässä" beside it; a bar not started yet is light with a dotted pattern and says so; an open
end is an arrow to the edge of the plan's years; the report's period is a band between two
dashed lines with its name above. The colours are the status palette's (`charts.py`), which
stays apart for readers with deuteranopia or protanopia.
"""

from __future__ import annotations

from typing import Any

from jarjesto_cli.domain.status import Status
from jarjesto_cli.outputs.charts import (
    BACKGROUND,
    COLOURS,
    EDGES,
    GRID,
    HATCHES,
    INK,
    LABEL_POINTS,
    LINE,
    WIDTH_INCHES,
    _label_box,
    _margins,
    _title,
    legend_below,
)

ON_TIME = LINE  # dark blue, 8.9:1 on white
LATE = COLOURS[Status.EI_TOTEUDU]
LATE_HATCH = HATCHES[Status.EI_TOTEUDU]
WAITING = COLOURS[Status.EI_TIETOA]  # light, outlined: not started yet
WAITING_EDGE = EDGES[Status.EI_TIETOA]
WAITING_HATCH = HATCHES[Status.EI_TIETOA]
PERIOD_FILL = "#EEF2F6"  # decorative: the dashed lines and the label carry the period
ROW_INCHES = 0.34


def draw_timeline(chart: dict[str, Any], figure_class: Any) -> Any:
    from matplotlib.patches import Patch

    rows = chart["rows"]
    first, last = chart["first_year"], chart["last_year"] + 1
    height = 1.75 + ROW_INCHES * (len(rows) + 1)
    fig = figure_class(figsize=(WIDTH_INCHES, height))
    fig.set_facecolor(BACKGROUND)
    ax = fig.subplots()
    lines = _title(ax, chart["title"])
    _margins(fig, left=0.6, right=0.2, top=0.45 + 0.17 * lines, bottom=0.85)
    period = chart["period"]
    ax.axvspan(period["start"], period["end"], color=PERIOD_FILL, zorder=0)
    for x in (period["start"], period["end"]):
        ax.axvline(x, color=INK, linestyle=(0, (3, 2)), linewidth=0.9, zorder=1)
    # the period's name in a row of its own above the bars (not over the title)
    ax.annotate(
        f"Raportin kausi: {period['label']}",
        (period["start"], len(rows) - 0.15),
        xycoords="data",
        ha="left" if period["start"] < (first + last) / 2 else "right",
        va="center",
        fontsize=LABEL_POINTS,
        color=INK,
        bbox=_label_box(),
    )
    ys = list(range(len(rows)))[::-1]  # the first measure on top
    span = last - first
    for y, row in zip(ys, rows, strict=True):
        if not row["scheduled"]:
            ax.text(first + 0.03, y, "ei aikataulua", va="center", fontsize=LABEL_POINTS, color=INK)
            continue
        if row["late"]:
            colour, edge, hatch, word = LATE, BACKGROUND, LATE_HATCH, "myöhässä"
        elif row["not_started"]:
            colour, edge, hatch, word = WAITING, WAITING_EDGE, WAITING_HATCH, "ei vielä alkanut"
        else:
            colour, edge, hatch, word = ON_TIME, BACKGROUND, "", ""
        start, end = max(row["start"], first), min(row["end"], last)
        ax.barh(
            y,
            end - start,
            left=start,
            height=0.56,
            color=colour,
            edgecolor=edge,
            hatch=hatch,
            linewidth=1.0,
            zorder=2,
        )
        # an open end runs to the edge of the plan's years and ends in an arrow
        for is_open, x, marker in (
            (row["open_start"], start, "<"),
            (row["open_end"], end, ">"),
        ):
            if is_open:
                ax.plot([x], [y], marker=marker, color=INK, markersize=7, zorder=3, clip_on=False)
        if word:
            right_room = last - end > 0.12 * span
            ax.text(
                end + 0.04 if right_room else start - 0.04,
                y,
                word,
                ha="left" if right_room else "right",
                va="center",
                fontsize=LABEL_POINTS,
                color=INK,
                bbox=_label_box(),
                zorder=4,
            )
    ax.set_yticks(ys, [r["id"] for r in rows])
    ax.set_ylim(-0.7, len(rows) + 0.3)
    ax.set_xlim(first, last)
    ax.set_xticks([y + 0.5 for y in range(first, last)], [str(y) for y in range(first, last)])
    ax.set_xticks(list(range(first, last + 1)), minor=True)
    ax.tick_params(axis="x", which="major", length=0)
    ax.tick_params(colors=INK, labelsize=LABEL_POINTS + 0.5)
    ax.grid(axis="x", which="minor", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color(INK)
    legend_below(
        fig,
        ax,
        [
            Patch(facecolor=ON_TIME, edgecolor=BACKGROUND, label="aikataulussa"),
            Patch(facecolor=LATE, edgecolor=BACKGROUND, hatch=LATE_HATCH, label="myöhässä"),
            Patch(
                facecolor=WAITING,
                edgecolor=WAITING_EDGE,
                hatch=WAITING_HATCH,
                label="ei vielä alkanut",
            ),
            Patch(facecolor=PERIOD_FILL, edgecolor=INK, linestyle="--", label="raportin kausi"),
        ],
    )
    fig.text(
        0.99,
        0.01 + 0.3 / height,
        "▶ / ◀ = avoin loppu tai alku",
        ha="right",
        va="bottom",
        fontsize=LABEL_POINTS - 0.5,
        color=INK,
    )
    return fig
