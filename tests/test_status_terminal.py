"""`plan status` in a terminal: rich tables that fit the terminal's width, nothing cropped."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from jarjesto_cli.domain.summary import summarize
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.status_view import WIDE, render_rich
from tests.conftest import FIXTURE_PLANS

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Uncropped(Console):
    """A console that shows a table drawn too wide as too long lines (a terminal would crop
    them, and the cropped text would be lost without a trace)."""

    def print(self, *objects: Any, **options: Any) -> None:
        super().print(*objects, **{**options, "crop": False})


def rendered(width: int) -> str:
    buffer = io.StringIO()
    console = Uncropped(file=buffer, width=width, force_terminal=True, color_system="standard")
    render_rich(summarize(load_valid(FIXTURE_PLANS)), console)
    return ANSI.sub("", buffer.getvalue())


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_the_tables_fit_the_terminal(width: int) -> None:
    text = rendered(width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    summary = summarize(load_valid(FIXTURE_PLANS))
    for plan in summary.plans:
        for goal in plan.goals:
            for measure in goal.measures:
                assert re.search(rf"\b{re.escape(measure.measure.id)}\s", text)
                if width >= 80:  # every word is there; only a word wider than the column folds
                    for word in measure.measure.name.split():
                        assert word in text or len(word) > 24, (measure.measure.id, word)
            for indicator in [*goal.indicators, *(i for m in goal.measures for i in m.indicators)]:
                assert indicator.id in text


def test_a_narrow_terminal_puts_the_target_under_the_latest_value() -> None:
    narrow, wide = rendered(WIDE - 1), rendered(WIDE)
    assert "Viimeisin / tavoite" in narrow and "tavoite kyllä" in narrow
    assert re.search(r"Viimeisin\s+Tavoite", wide) and "tavoite ≥ 4" not in wide
    assert "3,5 (2023-Q4) ↑ nousee" in wide  # a latest value with its trend, on one line


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_plan_status_in_an_80_column_terminal() -> None:
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "jarjesto_cli", "status", "-p", str(FIXTURE_PLANS)],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=60) == 0
    os.close(leader)
    raw = b"".join(chunks).decode("utf-8")
    assert "\x1b[" in raw  # a terminal gets colour
    text = ANSI.sub("", raw).replace("\r\n", "\n")
    assert "Viimeisin / tavoite" in text and "O4.3" in text
    assert max(cell_len(line) for line in text.splitlines()) <= 80


def test_a_wrapped_indicator_name_keeps_its_indent() -> None:
    lines = rendered(80).splitlines()
    at = next(i for i, line in enumerate(lines) if " T1.1.1 " in line)
    first, second = lines[at], lines[at + 1]
    start = first.index("Teemaverkostot")
    assert first[:start].endswith("   ")  # indented under its measure
    assert second[start - 1] == " " and second[start] != " "  # the next line starts under it
