"""Reading a plans directory (or given files) into a validated `PlanSet`, with every problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from jarjesto_cli.domain.models import Plan, Shared
from jarjesto_cli.domain.planset import PlanSet, SourceFile
from jarjesto_cli.errors import PlanDataError, PlanFileError, Problem, UsageError
from jarjesto_cli.files import yaml_io
from jarjesto_cli.files.messages import problem_from_error

YAML_SUFFIXES = (".yaml", ".yml")
SHARED_KEYS = {"organisaatio", "yleisöt", "strategiset_tavoitteet", "strategiset_mittarit"}


def collect_paths(paths: Sequence[Path]) -> list[Path]:
    """The YAML files named by `paths` (directories give their *.yaml/*.yml files, sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
            if not found:
                raise UsageError(
                    f"{path}: no .yaml files in this directory", hint="give the plans directory"
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(
                f"{path}: no such file or directory", hint="check the path (default: plans/)"
            )
    unique: list[Path] = []
    for f in files:
        if f not in unique:
            unique.append(f)
    return unique


def _context_files(files: list[Path], paths: Sequence[Path]) -> list[Path]:
    """When single files are named, their sibling plans are read too, so references resolve."""
    if all(p.is_dir() for p in paths):
        return []
    siblings: list[Path] = []
    for directory in sorted({f.parent for f in files}):
        for p in sorted(directory.iterdir()):
            if p.suffix in YAML_SUFFIXES and p.is_file() and p not in files and p not in siblings:
                siblings.append(p)
    return siblings


def load_plan_set(
    paths: Sequence[Path],
    *,
    checks: bool = True,
    overrides: Mapping[Path, str] | None = None,
    today: dt.date | None = None,
) -> PlanSet:
    """Load and validate; problems are collected in `PlanSet.problems`, never raised.

    `overrides` gives the text to use for some files instead of what is on disk (an edit being
    checked before it is written); with `today`, values for periods that have not begun are
    warned about.
    """
    from jarjesto_cli.domain.checks import check

    files = collect_paths(paths)
    context = _context_files(files, paths)
    planset = PlanSet(files=files)
    for path in [*files, *context]:
        text = overrides.get(path) if overrides else None
        planset.problems.extend(_load_file(path, planset, text))
    if checks:
        planset.problems.extend(check(planset, today))
    if context:
        wanted = {f.resolve() for f in files}
        planset.problems = [p for p in planset.problems if p.path.resolve() in wanted]
    return planset


def load_from_bytes(files: Mapping[Path, bytes], *, checks: bool = True) -> PlanSet:
    """Load plans from file contents (e.g. as they were at a git revision), by path."""
    from jarjesto_cli.domain.checks import check

    planset = PlanSet()
    for path in sorted(files):
        try:
            text = yaml_io.decode(path, files[path])
        except PlanFileError as exc:
            planset.problems.append(exc.problem)
            _unread(planset, files[path].decode("latin-1"))
            continue
        planset.problems.extend(_load_file(path, planset, text))
    if checks:
        planset.problems.extend(check(planset))
    return planset


def load_valid(plans_dir: Path, *, today: dt.date | None = None) -> PlanSet:
    """Load a plans directory for a command that needs valid data; any error raises."""
    planset = load_plan_set([plans_dir], today=today)
    if planset.errors:
        raise PlanDataError(planset.problems)
    return planset


def _load_file(path: Path, planset: PlanSet, text: str | None = None) -> list[Problem]:
    try:
        if text is None:
            text = yaml_io.read_text(path)
        data = yaml_io.parse(path, text)
    except PlanFileError as exc:
        _unread(planset, text if text is not None else _any_text(path))
        return [exc.problem]
    source = SourceFile(path, text, yaml_io.Positions(text), data)
    if not isinstance(data, dict):
        _unread(planset, text)
        what = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        return [
            Problem(
                path,
                f"the top level is {what}, not a mapping",
                line=1,
                hint="a plan starts with keys such as `id:`, `nimi:` and `tavoitteet:`",
            )
        ]
    is_shared = "tavoitteet" not in data and bool(SHARED_KEYS & set(data))
    model: type[BaseModel] = Shared if is_shared else Plan
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        if is_shared:
            planset.unvalidated_shared = True
        elif isinstance(data.get("id"), str):
            planset.unvalidated_plan_ids.add(data["id"])
        return [
            problem_from_error(
                dict(e), root=model, data=data, path=path, positions=source.positions
            )
            for e in exc.errors(include_url=False)
        ]
    return _register(obj, source, planset)


_TOP_ID = re.compile(r"""^id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*(?:#.*)?$""", re.M)
_TOP_KEY = re.compile(r"^([^\s#:][^:]*):", re.M)


def _any_text(path: Path) -> str | None:
    """The file's lines, however it is encoded (ids and keys are ASCII), to guess what it held."""
    try:
        return path.read_bytes().decode("latin-1")
    except OSError:
        return None


def _unread(planset: PlanSet, text: str | None) -> None:
    """A file that could not be read as a plan: what it holds is unknown, not absent. Its id
    (and whether it is the shared file) is taken from its top-level lines when they say; when
    they do not, references to plans (or into the shared file) are not judged at all — one slip
    must not make every reference to the file an error too."""
    keys = set(_TOP_KEY.findall(text)) if text else set()
    found = _TOP_ID.search(text) if text else None
    if "tavoitteet" in keys or found:
        if found:
            planset.unvalidated_plan_ids.add(found.group(1))
        else:
            planset.unknown_plans = True
    elif keys & SHARED_KEYS:
        planset.unvalidated_shared = True
    else:
        planset.unknown_plans = True
        planset.unvalidated_shared = True


def _register(obj: Any, source: SourceFile, planset: PlanSet) -> list[Problem]:
    if isinstance(obj, Shared):
        if planset.shared_source is not None:
            return [
                Problem(
                    source.path,
                    f"a second shared file (the first is {planset.shared_source.path})",
                    line=1,
                    hint="keep strategy goals, metrics and audiences in one file",
                )
            ]
        planset.shared, planset.shared_source = obj, source
        return []
    assert isinstance(obj, Plan)
    if obj.id in planset.sources:
        line, column = source.positions.locate(("id",))
        return [
            Problem(
                source.path,
                f"duplicate plan id '{obj.id}' (also in {planset.sources[obj.id].path})",
                line=line,
                column=column,
                keypath="id",
                hint="give each plan its own id",
            )
        ]
    planset.plans.append(obj)
    planset.sources[obj.id] = source
    return []
