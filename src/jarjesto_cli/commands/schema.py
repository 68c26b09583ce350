"""`plan schema`: the JSON Schema of a plan file or of the shared file."""

from __future__ import annotations

from pathlib import Path

from jarjesto_cli.outputs.terminal import err, out


def run(kind: str, output: Path | None) -> int:
    """Print the schema, or write it to `output` (atomically)."""
    from jarjesto_cli.files.writing import write_text_atomic
    from jarjesto_cli.outputs.schema import schema_text

    text = schema_text(kind)
    if output is None:
        out(text)
    else:
        write_text_atomic(output, text)
        err(f"Wrote {output}")
    return 0
