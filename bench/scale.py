"""Scaled copies of the real plans for benchmarks: every goal repeated with suffixed ids.

`python bench/scale.py OUT FACTOR` writes OUT/ with the shared file and each plan holding
FACTOR copies of its goals (copy k of goal `T1` is `T1r<k>`, its measure `T1r<k>.1`, …), so the
result validates and its ids stay unique. Used by bench/run.py.
"""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"


def _rename(node: Any, old: str, new: str) -> Any:
    """Every `id` inside `node` that is `old` or starts with `old.` gets the `new` prefix."""
    if isinstance(node, dict):
        out = {k: _rename(v, old, new) for k, v in node.items()}
        value = out.get("id")
        if isinstance(value, str) and (value == old or value.startswith(old + ".")):
            out["id"] = new + value[len(old) :]
        return out
    if isinstance(node, list):
        return [_rename(v, old, new) for v in node]
    return node


def scale(out: Path, factor: int) -> Path:
    """Write the plans scaled by `factor` into `out` (replacing it)."""
    from ruamel.yaml import YAML

    loader = YAML(typ="safe")
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = False
    dumper.allow_unicode = True
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for path in sorted(PLANS.glob("*.yaml")):
        data = loader.load(path.read_text(encoding="utf-8"))
        if "tavoitteet" in data:
            goals = data["tavoitteet"]
            data["tavoitteet"] = [
                goal if k == 0 else _rename(copy.deepcopy(goal), goal["id"], f"{goal['id']}r{k}")
                for k in range(factor)
                for goal in goals
            ]
        with (out / path.name).open("w", encoding="utf-8") as fh:
            dumper.dump(data, fh)
    return out


if __name__ == "__main__":
    target, times = Path(sys.argv[1]), int(sys.argv[2])
    scale(target, times)
    print(f"wrote {target} ({times}x)")
