"""The table `plan import-survey` prints: question → indicator, mean, n, skipped, invalid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jarjesto_cli.domain.finnish import number
from jarjesto_cli.files.surveys import QuestionResult
from jarjesto_cli.outputs.sanitize import line


def render_results(results: Sequence[QuestionResult], console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Kyselyn tulokset", title_justify="left")
    table.add_column("Kysymys", overflow="fold", ratio=3)
    table.add_column("Mittari", no_wrap=True)
    table.add_column("Keskiarvo", justify="right")
    table.add_column("n", justify="right")
    table.add_column("Ohitettu", justify="right")
    table.add_column("Virheelliset", justify="right")
    for r in results:
        table.add_row(
            Text(line(r.question)),
            Text(line(r.indicator_id)),
            number(r.mean) if r.mean is not None else "–",
            str(r.n),
            str(r.skipped),
            str(len(r.invalid)),
        )
    console.print(table)
    for r in results:
        for row, answer, why in r.invalid:
            console.print(Text(line(f"{r.indicator_id}: row {row}: {answer!r} {why}; not counted")))
        if r.mean is None:
            console.print(Text(line(f"{r.indicator_id}: no countable answers; nothing recorded")))
