"""`plan status`: where every goal, measure and indicator stands, in a terminal, as plain text,
JSON or Markdown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from jarjesto_cli.clock import today
from jarjesto_cli.commands import options
from jarjesto_cli.domain.summary import Summary, summarize
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.terminal import console, err, is_terminal, out


def _table(summary: Summary) -> None:
    from jarjesto_cli.outputs.status_view import render_plain, render_rich

    if is_terminal():
        render_rich(summary, console())
    else:
        out(render_plain(summary))


def _json(summary: Summary) -> None:
    from jarjesto_cli.domain.summary import as_json
    from jarjesto_cli.outputs.sanitize import json_text

    out(json_text(as_json(summary)) + "\n")


def _markdown(summary: Summary) -> None:
    from jarjesto_cli.outputs.status_view import render_markdown

    out(render_markdown(summary))


RENDERERS: dict[str, Callable[[Summary], None]] = {
    "table": _table,
    "json": _json,
    "md": _markdown,
}


def run(
    plans: Path,
    *,
    plan_ids: Sequence[str] | None,
    goal: str | None,
    period: str | None,
    output_format: str,
) -> int:
    """Print the status of the selected plans; warnings go to standard error."""
    wanted = options.period(period) if period else None
    planset = load_valid(plans)
    summary = summarize(planset, period=wanted, plan_ids=plan_ids, goal_id=goal, today=today())
    RENDERERS[output_format](summary)
    for warning in planset.warnings:
        err(warning.text())
    return 0
