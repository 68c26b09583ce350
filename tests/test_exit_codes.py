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
