"""What `plan import-survey` prints: question → indicator, mean, n, skipped, invalid; the
export's columns (`--columns`) and a map file to fill in (`--template`).

The export's texts reach rich only sanitised and as `Text` (never parsed as rich markup)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from jarjesto_cli.domain.finnish import number
from jarjesto_cli.files.surveys import Column, QuestionResult
from jarjesto_cli.outputs.sanitize import line


def _text(value: object) -> Any:
    from rich.text import Text

    return Text(line(value))


def render_results(results: Sequence[QuestionResult], console: Any) -> None:
    from rich.table import Table

    table = Table(title="Kyselyn tulokset", title_justify="left")
    table.add_column("Kysymys", overflow="fold", ratio=3)
    table.add_column("Mittari", no_wrap=True)
    table.add_column("Keskiarvo", justify="right")
    table.add_column("n", justify="right")
    table.add_column("Ohitettu", justify="right")
    table.add_column("Virheelliset", justify="right")
    for r in results:
        table.add_row(
            _text(r.question),
            _text(r.indicator_id),
            number(r.mean) if r.mean is not None else "–",
            str(r.n),
            str(r.skipped),
            str(len(r.invalid)),
        )
    console.print(table)
    for r in results:
        for row, answer, why in r.invalid:
            console.print(_text(f"{r.indicator_id}: row {row}: {answer!r} {why}; not counted"))
        if r.mean is None:
            console.print(_text(f"{r.indicator_id}: no countable answers; nothing recorded"))


def render_columns(name: str, respondents: int, found: Sequence[Column], console: Any) -> None:
    """`import-survey FILE --columns`: every question (column header) with its answers."""
    from rich import box
    from rich.table import Table

    # no vertical lines: a question is copied from here into the map file
    table = Table(
        title=_text(f"{name}: {len(found)} saraketta, {respondents} vastaajaa"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Kysymys (sarakkeen otsikko)", ratio=1)
    table.add_column("Vastauksia", justify="right", no_wrap=True)
    table.add_column("Lukuina", justify="right", no_wrap=True)
    for column in found:
        table.add_row(
            str(column.number),
            _text(column.header or "–"),
            str(column.answers),
            str(column.numbers),
        )
    console.print(table)


def map_template(
    name: str,
    respondents: int,
    found: Sequence[Column],
    scales: Sequence[tuple[str, str]],
    usage: str,
) -> str:
    """A map file to fill in: each question with numeric answers as a commented line
    `# ID: "question"`; the plans' scale indicators are listed to choose the ids from, and
    `usage` says how the filled-in map is used."""
    lines = [
        f"# Kyselyn {name} kysymykset ({respondents} vastaajaa) → asteikkomittarit.",
        "# Kirjoita tuotavan kysymyksen riville ID:n tilalle mittarin tunniste ja poista '# '.",
        f"# Käyttö: {usage}",
    ]
    if scales:
        lines.append("#")
        lines.append("# Asteikkomittarit (asteikko) suunnitelmissa:")
        width = max(len(i) for i, _ in scales)
        lines += [f"#   {i:<{width}}  {' '.join(title.split())}" for i, title in scales]
    lines.append("")
    numeric = [c for c in found if c.numbers]
    for column in numeric:
        lines.append(
            f"# {column.number}. sarake: {column.answers} vastausta, {column.numbers} lukuina"
        )
        lines.append(f"# ID: {json.dumps(column.header, ensure_ascii=False)}")
    if not numeric:
        lines.append("# Yhdessäkään sarakkeessa ei ole lukuina annettuja vastauksia.")
    return "\n".join(lines) + "\n"
