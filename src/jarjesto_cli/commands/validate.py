"""`plan validate`: every problem in the plans, as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.errors import Problem, Severity
from jarjesto_cli.files.loading import load_plan_set
from jarjesto_cli.outputs.sanitize import json_text, line
from jarjesto_cli.outputs.terminal import out, workflow_commands


def validate_paths(paths: Sequence[Path]) -> PlanSet:
    """Validate files or directories; problems are sorted by file and line."""
    from jarjesto_cli.clock import today

    planset = load_plan_set(paths, today=today())
    planset.problems.sort(key=lambda p: (str(p.path), p.line or 0, p.column or 0, p.message))
    return planset


def run(paths: Sequence[Path], *, output_format: str, strict: bool) -> int:
    """Print every problem; 1 when there are errors (or, with `strict`, warnings)."""
    result = validate_paths(paths)
    text = RENDERERS[output_format](result)
    # annotations are workflow commands on purpose; their data is escaped in `_annotation`
    (workflow_commands if output_format == "github" else out)(text)
    return result.exit_code(strict=strict)


def _text(result: PlanSet) -> str:
    lines = [line(p.text()) for p in result.problems]
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def _json(result: PlanSet) -> str:
    data = {
        "ok": not result.errors,
        "files": [str(f) for f in result.files],
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "problems": [p.as_dict() for p in result.problems],
    }
    return json_text(data) + "\n"


def _github(result: PlanSet) -> str:
    return "".join(_annotation(p) + "\n" for p in result.problems) + line(_summary(result)) + "\n"


RENDERERS: dict[str, Callable[[PlanSet], str]] = {"text": _text, "json": _json, "github": _github}


def _summary(result: PlanSet) -> str:
    n_files = len(result.files)
    files = f"{n_files} file{'s' if n_files != 1 else ''}"
    if not result.problems:
        return f"OK: {files} valid."
    return (
        f"{len(result.errors)} error{'s' if len(result.errors) != 1 else ''}, "
        f"{len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''} in {files}."
    )


def _escape_property(value: str) -> str:
    return (
        value.replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace(":", "%3A")
        .replace(",", "%2C")
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: ::error file=…,line=…,col=…,title=…::message"""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    props = [f"file={_escape_property(line(problem.path))}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
    if problem.column is not None:
        props.append(f"col={problem.column}")
    props.append(f"title={_escape_property(line(problem.where or 'plan validate'))}")
    message = problem.message + (f" — {problem.hint}" if problem.hint else "")
    if problem.where:
        message = f"{problem.where}: {message}"
    # control characters shown escaped (no line breaks, no terminal codes in the log)
    return f"::{level} {','.join(props)}::{_escape_data(line(message))}"
