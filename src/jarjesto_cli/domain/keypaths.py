"""Where a value sits in a plan file: a key path such as ('tavoitteet', 1, 'toimenpiteet', 0)."""

from __future__ import annotations

from collections.abc import Sequence

Key = str | int
KeyPath = Sequence[Key]


def keypath_text(path: KeyPath) -> str:
    """`tavoitteet[1].toimenpiteet[0].tila` from ('tavoitteet', 1, 'toimenpiteet', 0, 'tila')."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text
