"""Reading a plans directory (or given files) into a validated `PlanSet`, with every problem.

Plan files are read only when they are regular files inside the plans folder: a symbolic link
that leads outside it (to `/etc/shadow`, say) is an error and is never opened, and a FIFO or a
device is refused instead of blocking. Reading and parsing are bounded (`yaml_io`).
"""

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
            found = sorted(p for p in path.iterdir() if _is_plan_entry(p))
            if not found:
                raise UsageError(
                    f"{path}: no .yaml files in this directory", hint="give the plans directory"
                )
            files.extend(found)
        elif path.exists() or path.is_symlink():
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


def _is_plan_entry(path: Path) -> bool:
    """A folder entry to read as a plan: a YAML name, not a folder. A FIFO, device or link is
    included so that reading can refuse it by name; a dangling link (an editor's lock file such
    as `.#plan.yaml`) is not a file at all."""
    if path.suffix not in YAML_SUFFIXES:
        return False
    if path.is_symlink():
        return path.exists() and not path.is_dir()
    return not path.is_dir()


def _context_files(files: list[Path], paths: Sequence[Path]) -> list[Path]:
    """When single files are named, their sibling plans are read too, so references resolve."""
    if all(p.is_dir() for p in paths):
        return []
    siblings: list[Path] = []
    for directory in sorted({f.parent for f in files}):
        for p in sorted(directory.iterdir()):
            if _is_plan_entry(p) and p not in files and p not in siblings:
                siblings.append(p)
    return siblings


def read_plan_text(path: Path) -> str:
    """The text of a plan file, which must be a regular file inside its folder (the plans
    folder): a symbolic link may point to another file of the folder (or below it), not out."""
    _refuse_links_out(path)
    return yaml_io.read_text(path)


def _refuse_links_out(path: Path) -> None:
    if path.is_symlink():
        folder = path.parent.resolve()
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise PlanFileError(
                Problem(path, "is a symbolic link that leads nowhere (or in a loop)", line=1)
            ) from None
        if not target.is_relative_to(folder):
            raise PlanFileError(
                Problem(
                    path,
                    "is a symbolic link to a file outside the plans folder; it was not read",
                    hint="keep plan files in the plans folder (a link may point only inside it)",
                )
            )


def load_plan_set(
    paths: Sequence[Path],
    *,
    checks: bool = True,
    overrides: Mapping[Path, str] | None = None,
    today: dt.date | None = None,
    keep_positions: bool = False,
) -> PlanSet:
    """Load and validate; problems are collected in `PlanSet.problems`, never raised.

    `overrides` gives the text to use for some files instead of what is on disk (an edit being
    checked before it is written); with `today`, values for periods that have not begun are
    warned about. Every problem has its line once this returns; the positions noted while
    parsing are then let go unless `keep_positions` (the editor's).
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
    if not keep_positions:
        release_positions(planset)
    return planset


def reload(
    planset: PlanSet,
    texts: Mapping[Path, str],
    parsed: Mapping[Path, tuple[Any, yaml_io.Positions]] | None = None,
) -> PlanSet:
    """The plan set with new text for some of its files (an edit being checked): those are
    validated again (`parsed` holds the ones already parsed), the other files' models are
    reused as they are, and the checks across files run on the whole. `planset` must be valid
    (every file loaded)."""
    from jarjesto_cli.domain.checks import check

    models: dict[Path, tuple[Any, SourceFile]] = {
        planset.sources[plan.id].path: (plan, planset.sources[plan.id]) for plan in planset.plans
    }
    if planset.shared is not None and planset.shared_source is not None:
        models[planset.shared_source.path] = (planset.shared, planset.shared_source)
    after = PlanSet(files=list(planset.files))
    for path in planset.files:
        if path in texts:
            found = parsed.get(path) if parsed else None
            after.problems.extend(_load_file(path, after, texts[path], found))
        elif path in models:
            after.problems.extend(_register(*models[path], after))
    after.problems.extend(check(after))
    return after


def release_positions(planset: PlanSet) -> None:
    """Let go of the positions noted while parsing (they are found again if ever asked for)."""
    sources = [*planset.sources.values(), planset.shared_source]
    for source in sources:
        if source is not None and isinstance(source.positions, yaml_io.Positions):
            source.positions.release()


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


def _load_file(
    path: Path,
    planset: PlanSet,
    text: str | None = None,
    parsed: tuple[Any, yaml_io.Positions] | None = None,
) -> list[Problem]:
    try:
        if text is None:
            text = read_plan_text(path)
        data, positions = parsed or yaml_io.parse_with_positions(path, text)
    except PlanFileError as exc:
        _unread(planset, text if text is not None else _any_text(path))
        return [exc.problem]
    source = SourceFile(path, text, positions, data)
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
    """The file's lines, however it is encoded (ids and keys are ASCII), to guess what it held;
    read as carefully as a plan (never a link out of the folder, a FIFO, a huge file)."""
    try:
        _refuse_links_out(path)
        return yaml_io.read_bounded(path).decode("latin-1")
    except PlanFileError:
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
