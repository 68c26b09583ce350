"""`plan todo`: a person's or team's list — late, due this period, missing before the next
deadline — in the terminal, as Markdown or as JSON."""

from __future__ import annotations

from pathlib import Path

from jarjesto_cli.clock import today
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.terminal import is_terminal, out


def run(plans: Path, *, owner: str | None, audience: str | None, output_format: str) -> int:
    from jarjesto_cli.domain.todo import todo
    from jarjesto_cli.outputs import todo_view

    planset = load_valid(plans, today=today())
    if owner is not None:
        planset.actor(owner)  # an unknown actor: a usage error naming the known ones
    if audience is not None:
        planset.audience(audience)
    found = todo(planset, today(), owner=owner, audience=audience)
    actors = {a.id: a.name for a in planset.shared.actors} if planset.shared else {}
    if output_format == "json":
        from jarjesto_cli.outputs.sanitize import json_text

        out(json_text(todo_view.as_json(found, actors)) + "\n")
    elif output_format == "md":
        out(todo_view.markdown(found, actors))
    else:
        from jarjesto_cli.outputs import layout

        width = None
        if is_terminal():
            from jarjesto_cli.outputs.terminal import console

            width = console().width
        out(layout.plain(todo_view.lines(found, actors, width)))
    return 0
