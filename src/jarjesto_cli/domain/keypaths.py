"""Where a value sits in a plan file: a key path such as ('tavoitteet', 1, 'toimenpiteet', 0)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

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


PLACE_SEPARATOR = " › "
_ID_LIKE = re.compile(r"^[A-Za-z0-9ÅÄÖåäö][A-Za-z0-9ÅÄÖåäö._-]*$")


def place_text(path: KeyPath, data: Any) -> str:
    """Where a key path is, as a planner finds it in the plan: by the ids and periods of what it
    passes through. ('tavoitteet', 0, 'toimenpiteet', 0, 'mittarit', 1, 'mittaukset', 0,
    'arvo') → `T1.1.2 › mittaukset › 2026-H2 › arvo`.

    Ids are unique across all plans, so the path starts again at the last id it passes; an item
    with a period (`kausi`) is named by it; any other list item by its number (`kohta 2`).
    """
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            label = _item_id(item)
            if label is not None:
                parts = [label]
            elif isinstance(item, dict) and _is_period_like(item.get("kausi")):
                parts.append(str(item["kausi"]))
            else:
                parts.append(f"kohta {step + 1}")
            node = item
        else:
            parts.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return PLACE_SEPARATOR.join(parts)


def _item_id(item: Any) -> str | None:
    if isinstance(item, dict):
        value = item.get("id")
        if isinstance(value, str) and _ID_LIKE.match(value):
            return value
    return None


def _is_period_like(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)
