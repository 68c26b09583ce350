"""Finding the plans directory from wherever a command is run, the way git finds its root.

`cd plans && plan status` should work as `plan status` does at the top of the repository: the
folder `plans/` is looked for here, then in each folder above, up to the top of the git
repository (the folder that holds `.git`) or of the file system.
"""

from __future__ import annotations

from pathlib import Path

PLANS_DIRNAME = "plans"
YAML_SUFFIXES = (".yaml", ".yml")


def _has_plans(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(
            p.suffix in YAML_SUFFIXES and p.is_file() for p in folder.iterdir()
        )
    except OSError:
        return False


def find_plans_dir(start: Path) -> Path | None:
    """The nearest `plans/` folder with YAML files in `start` or a folder above it, not above
    the repository's top; None when there is none."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / PLANS_DIRNAME
        if _has_plans(candidate):
            return candidate
        if (folder / ".git").exists():
            return None  # the top of the repository: what lies above is another project
    return None
