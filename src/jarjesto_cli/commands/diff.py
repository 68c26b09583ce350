"""`plan diff`: what changed in the plans since a git revision, as text, JSON or a PR comment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jarjesto_cli.domain.diffing import Change, by_plan, diff
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.errors import Problem
from jarjesto_cli.files.gitrepo import default_base, repo_root, yaml_files_at
from jarjesto_cli.files.loading import load_from_bytes, load_valid
from jarjesto_cli.outputs.display import change_row
from jarjesto_cli.outputs.mdtext import cell
from jarjesto_cli.outputs.sanitize import json_text, line, no_mentions
from jarjesto_cli.outputs.terminal import out

WORKING_TREE = "työkopio"


@dataclass
class DiffResult:
    base: str
    target: str
    changes: list[Change]
    plan_names: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (revision, problem)


def run_diff(
    plans_dir: Path,
    base: str | None = None,
    to: str | None = None,
    *,
    current: PlanSet | None = None,
) -> DiffResult:
    """Compare the plans at `base` (default: the last `raportti-*` tag, else HEAD) with the
    working tree (`current`, if the caller has loaded it already), or with revision `to`."""
    root = repo_root(plans_dir)
    base = base or default_base(root)
    old = load_from_bytes(yaml_files_at(root, base, plans_dir))
    problems = [(base, p) for p in old.errors]
    if to is None:
        new = current if current is not None else load_valid(plans_dir)
        target = WORKING_TREE
    else:
        new = load_from_bytes(yaml_files_at(root, to, plans_dir))
        problems += [(to, p) for p in new.errors]
        target = to
    names = {p.id: p.name for p in old.plans} | {p.id: p.name for p in new.plans}
    return DiffResult(base, target, diff(old, new), names, problems)


def run(plans_dir: Path, revision: str | None, to: str | None, *, output_format: str) -> int:
    """Print what changed since `revision` (to `to`, or the working tree)."""
    out(RENDERERS[output_format](run_diff(plans_dir, revision, to)))
    return 0


def _json(result: DiffResult) -> str:
    data = {
        "from": result.base,
        "to": result.target,
        "changes": [
            {k: v for k, v in change_row(c).items() if k != "label"} for c in result.changes
        ],
        "problems": [{"revision": rev, **problem.as_dict()} for rev, problem in result.problems],
    }
    return json_text(data) + "\n"


def _problem_lines(result: DiffResult) -> list[str]:
    return [
        f"{problem.path.name} ei ollut kelvollinen versiossa {rev}, eikä sitä verrattu: "
        f"{problem.text()}"
        for rev, problem in result.problems
    ]


def _text(result: DiffResult) -> str:
    lines = []
    if not result.changes:
        lines.append(f"Ei muutoksia: {result.base} → {result.target}.")
    else:
        lines.append(f"Muutokset: {result.base} → {result.target} ({len(result.changes)})")
        for plan_id, changes in by_plan(result.changes).items():
            lines.append("")
            lines.append(line(result.plan_names.get(plan_id, plan_id)))
            for c in map(change_row, changes):
                lines.append(
                    "  " + line(f"{c['id']} {c['name']}: {c['label']}: {c['old']} → {c['new']}")
                )
    for problem in _problem_lines(result):
        lines.append(line(f"Huom: {problem}"))
    return "\n".join(lines) + "\n"


def _markdown(result: DiffResult) -> str:
    """For a pull-request comment: `@name` in the plans notifies no one (`no_mentions`)."""
    return no_mentions(_markdown_text(result))


def _markdown_text(result: DiffResult) -> str:
    lines = ["### Suunnitelmien muutokset", ""]
    count = len(result.changes)
    lines.append(
        f"Vertailu: `{result.base}` → {result.target} · "
        + (f"{count} muutos" if count == 1 else f"{count} muutosta")
    )
    lines.append("")
    for plan_id, changes in by_plan(result.changes).items():
        lines += [f"#### {cell(result.plan_names.get(plan_id, plan_id))}", ""]
        lines += ["| Kohde | Muutos | Ennen | Nyt |", "| --- | --- | --- | --- |"]
        for c in map(change_row, changes):
            lines.append(
                f"| **{cell(c['id'])}** {cell(c['name'])} | {cell(c['label'])} | {cell(c['old'])} "
                f"| {cell(c['new'])} |"
            )
        lines.append("")
    for problem in _problem_lines(result):
        lines += [f"> ⚠ {cell(problem)}", ""]
    if not result.changes and not result.problems:
        lines += ["Ei muutoksia suunnitelmien sisältöön.", ""]
    return "\n".join(lines).rstrip() + "\n"


RENDERERS: dict[str, Callable[[DiffResult], str]] = {
    "text": _text,
    "json": _json,
    "md": _markdown,
}
