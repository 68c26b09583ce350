"""The README's exit codes, as a user meets them: 0, 1 bad data, 2 bad usage, 3 a bug (with a
crash log), 130 Ctrl-C — for every command, from the one error handler around dispatch."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import ROOT


def explode(*_: object, **__: object) -> int:
    raise RuntimeError("boom")


def interrupt(*_: object, **__: object) -> int:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("module", "args"),
    [
        ("jarjesto_cli.commands.status", ["status"]),
        ("jarjesto_cli.commands.validate", ["validate"]),
        ("jarjesto_cli.commands.schema", ["schema"]),
        ("jarjesto_cli.commands.calendar", ["calendar"]),
    ],
)
def test_an_unexpected_error_is_a_bug_with_a_log(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, module: str, args: list[str]
) -> None:
    monkeypatch.setattr(f"{module}.run", explode)
    result = invoke(*args)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert "unexpected RuntimeError: boom" in result.stderr
    assert "This is a bug in jarjesto-cli, not in your plans." in result.stderr
    found = re.search(r"Details: (\S+\.log)", result.stderr)
    assert found, result.stderr
    log = Path(found.group(1))
    try:
        text = log.read_text(encoding="utf-8")
        assert "Traceback" in text and "RuntimeError: boom" in text and "explode" in text
    finally:
        log.unlink(missing_ok=True)


def test_ctrl_c_exits_130(invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jarjesto_cli.commands.status.run", interrupt)
    result = invoke("status")
    assert result.exit_code == 130
    assert result.stderr == "Interrupted.\n"


def test_exit_codes_of_the_installed_command(tmp_path: Path) -> None:
    """Through the console script's entry point in a real process: the codes reach the shell."""
    code = (
        "import sys, jarjesto_cli.commands.status as s\n"
        "def stop(*a, **k):\n"
        "    raise {exc}\n"
        "s.run = stop\n"
        "sys.argv = ['plan', 'status']\n"
        "from jarjesto_cli.cli import main\n"
        "main()\n"
    )
    for exc, expected in (("KeyboardInterrupt", 130), ("ZeroDivisionError('x')", 3)):
        done = subprocess.run(
            [sys.executable, "-c", code.format(exc=exc)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == expected, done.stderr
        assert "Traceback" not in done.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "jarjesto_cli", "status", "-p", str(tmp_path / "none")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("Error: ") and "no such file or directory" in missing.stderr


# --- issue 12 §19: the README's table, command by command ----------------------------------------

SURVEYS = ROOT / "tests" / "fixtures" / "surveys"


def map_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kartta.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("case", "code"),
    [
        # bad data: the plans, or an input file, have errors → 1
        ("a survey column the map names is missing", 1),
        ("the map names an indicator that does not exist", 1),
        ("the plans do not validate", 1),
        # bad usage: an unknown option, id, period, path, audience or revision → 2
        ("the map file does not exist", 2),
        ("an unknown id on the command line", 2),
        ("a period that is not a period", 2),
        ("an unknown audience", 2),
        ("an unknown option", 2),
    ],
)
def test_exit_codes_follow_the_readme(
    case: str, code: int, invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    survey = SURVEYS / "webropol-pilkku.csv"
    args: list[object] = {
        "a survey column the map names is missing": [
            "import-survey", survey, "--map", map_with(tmp_path, 'T1.1.2: "Ei tätä"\n'),
            "--period", "2026",
        ],
        "the map names an indicator that does not exist": [
            "import-survey", survey, "--map", map_with(tmp_path, 'T9.9: "Kysymys"\n'),
            "--period", "2026",
        ],
        "the plans do not validate": ["status"],
        "the map file does not exist": [
            "import-survey", survey, "--map", tmp_path / "ei.yaml", "--period", "2026",
        ],
        "an unknown id on the command line": ["record", "T9.9", "--period", "2026", "--value", "1"],
        "a period that is not a period": ["status", "--period", "2026-Q5"],
        "an unknown audience": ["calendar", "--audience", "valtuusto"],
        "an unknown option": ["status", "--no-such-option"],
    }[case]  # fmt: skip
    if case == "the plans do not validate":
        path = plans_copy / "vake.yaml"
        path.write_text(path.read_text("utf-8").replace("id: S1", "id: S 1"), "utf-8")
    result = invoke(*args, "-p", plans_copy)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| {code} | bad {'data' if code == 1 else 'usage'}" in readme
