"""Errors and problems: everything that can go wrong with a user's input, as data.

A `Problem` is one finding about one place in one file (validation collects many). A `PlanError`
is raised when a command cannot go on; the CLI turns it into one message and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: where it is (file, line, column, key path), what is wrong and how to fix it.

    `keypath` is the path into the data (`tavoitteet[0].toimenpiteet[0].mittarit[1]`), for
    tools; `place` is the same place as a planner finds it in the plan, by ids and periods
    (`T1.1.2 › mittaukset › 2026-H2 › arvo`), and is what the text shows.
    """

    path: Path
    message: str
    line: int | None = None
    column: int | None = None
    keypath: str = ""
    hint: str = ""
    severity: Severity = Severity.ERROR
    subject: str = ""  # the id of the goal, measure or indicator the problem is about, if any
    place: str = ""

    @property
    def location(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def text(self) -> str:
        """`file:line:col: place: message — hint` (warnings say so)."""
        parts = [self.location + ":"]
        if self.severity is Severity.WARNING:
            parts.append("warning:")
        if self.where:
            parts.append(f"{self.where}:")
        parts.append(self.message)
        text = " ".join(parts)
        if self.hint:
            text += f" — {self.hint}"
        return text

    @property
    def where(self) -> str:
        """Where in the plan, as the text shows it: the place by ids, else the key path."""
        return self.place or self.keypath

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "line": self.line,
            "column": self.column,
            "keypath": self.keypath,
            "place": self.where or None,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
            "subject": self.subject or None,
        }


class PlanError(Exception):
    """Base of every error the user can fix; the CLI shows it without a traceback (exit 1)."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def text(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message


class UsageError(PlanError):
    """The command was called wrongly (unknown id, bad option value, missing path): exit 2.

    `field` names the input that was wrong in the core's words (`period`, `value`, `n`,
    `status`); the command line shows it as its option (`--period`).
    """

    exit_code = 2

    def __init__(self, message: str, *, hint: str = "", field: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field


class UnknownId(UsageError):
    """No node has this id; `close` holds the ids that look like it."""

    def __init__(self, message: str, *, close: list[str]) -> None:
        super().__init__(message, hint=f"did you mean {', '.join(close)}?" if close else "")
        self.close = close


class AlreadyRecorded(UsageError):
    """A value or status exists for the period; replacing it needs the user's say-so.
    `existing` is what is there, under the key `what` (`arvo`, `tila`)."""

    def __init__(self, message: str, *, existing: object = None, what: str = "arvo") -> None:
        super().__init__(message)
        self.existing = existing
        self.what = what


class PlanFileError(PlanError):
    """One file cannot be read or parsed (encoding, YAML syntax, not a mapping)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.text())
        self.problem = problem


@dataclass
class PlanDataError(PlanError):
    """The plans do not validate; carries every problem found."""

    problems: list[Problem] = field(default_factory=list)
    before_edit: bool = False  # the plans were already invalid before a write was attempted

    def __post_init__(self) -> None:
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        first = errors[0].text() if errors else "the plans do not validate"
        more = (
            f" (and {len(errors) - 1} more problems; run `plan validate`)"
            if len(errors) > 1
            else ""
        )
        prefix = "the plans have errors; fix them before editing: " if self.before_edit else ""
        PlanError.__init__(self, prefix + first + more)


class TemplateError(PlanError):
    """A report template is missing or broken (names the template and line)."""


class OutputError(PlanError):
    """An output file or folder cannot be written."""


class GitError(UsageError):
    """A git revision or repository cannot be read (a usage problem: exit 2)."""
