"""A reader that closes the pipe early (`plan report … | head -1`) ends the command quietly
(issue 12 §14): exit 0, nothing on standard error, the command's work done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_PLANS, copy_fixture_plans
from tests.test_import_survey import FIXTURES, MAP


def closed_early(args: list[object], cwd: Path) -> tuple[int, str]:
    """Run `plan ARGS` with its standard output a pipe whose reader has gone before it writes:
    as `| head -1` after its line, but certain to happen."""
    process = subprocess.Popen(
        [sys.executable, "-m", "jarjesto_cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away at once
    error = process.stderr.read().decode("utf-8")
    return process.wait(timeout=120), error


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--details", "-p", FIXTURE_PLANS],
        ["status", "-p", FIXTURE_PLANS, "--format", "json"],
        ["validate", FIXTURE_PLANS],
        ["export", "-o", "-", "-p", FIXTURE_PLANS],
        ["calendar", "-p", FIXTURE_PLANS],
        ["--help"],
        ["status", "--help"],
    ],
)
def test_a_closed_pipe_is_not_an_error(args: list[object], tmp_path: Path) -> None:
    code, error = closed_early(args, tmp_path)
    assert (code, error) == (0, "")


def test_report_and_import_finish_their_work_before_the_pipe_matters(tmp_path: Path) -> None:
    code, error = closed_early(
        ["report", "-a", "hyte", "--period", "2023", "-o", tmp_path / "out", "-p", FIXTURE_PLANS],
        tmp_path,
    )
    assert (code, error) == (0, "")
    assert (tmp_path / "out" / "hyte-2023.md").exists()
    plans = copy_fixture_plans(tmp_path / "plans")
    code, error = closed_early(
        ["import-survey", FIXTURES / "webropol-puolipiste.csv", "--map", MAP,
         "--period", "2026-H2", "-p", plans],
        tmp_path,
    )  # fmt: skip
    assert (code, error) == (0, "")
    assert "kausi: 2026-H2" in (plans / "jarjestoyhteistyo-2026-2030.yaml").read_text("utf-8")


def test_head_in_a_shell_pipeline(tmp_path: Path) -> None:
    """As the planner types it, with pipefail: the pipeline succeeds, no note on stderr."""
    command = (
        f"set -o pipefail; {sys.executable} -m jarjesto_cli status --details "
        f"-p {FIXTURE_PLANS} | head -1"
    )
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == "Tilanne kaudella 2026\n"
