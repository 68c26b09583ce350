"""Running `plan` on hostile input: in a subprocess with its memory and CPU time capped, so a
test that would once have taken gigabytes or minutes fails quickly instead of taking the
machine with it; and what every refusal must look like."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FIXTURE_PLANS

MEMORY_LIMIT = 1_500_000_000  # bytes of address space: the tool needs about 150 MB here
CPU_LIMIT = 60  # seconds of CPU time
WALL_LIMIT = 120  # seconds


@dataclass
class Run:
    """A finished `plan` run."""

    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def run_plan(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """`plan ARGS…` as its own process, bounded in memory and CPU time."""
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "jarjesto_cli", *map(str, args)],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=WALL_LIMIT,
        preexec_fn=_limits,  # noqa: PLW1509 - the limits must apply before the tool starts
        check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr, time.monotonic() - start)


def assert_refused(run: Run, code: int, *words: str) -> str:
    """Exit `code`, no traceback, no crash log; the error is one line holding every word."""
    assert run.code == code, run.output
    assert "Traceback" not in run.output and "This is a bug" not in run.output, run.output
    errors = [line for line in run.output.splitlines() if words[0] in line]
    assert len(errors) == 1, run.output
    for word in words:
        assert word in errors[0], run.output
    return errors[0]


def plans_copy(target: Path) -> Path:
    shutil.copytree(FIXTURE_PLANS, target)
    return target


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file of a folder (hidden ones too: a left temporary file shows here)."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}
