"""Text from the plans cannot drive the terminal or command GitHub Actions.

A name holding a line break and `::error file=…::`, `::add-mask::` or `::stop-commands::` was
printed raw in the text outputs (GitHub runs such lines as workflow commands), and ESC, BEL and
OSC sequences reached the terminal.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.hostile.helpers import plans_copy

OSALLISUUS = "osallisuusohjelma.yaml"
# as YAML double-quoted text: line breaks, workflow commands, a terminal title (OSC … BEL),
# a colour (CSI), a right-to-left override and a C1 control
HOSTILE = (
    r"Osallisuusohjelma\n::error file=x.py,line=1::pwned\n  ::add-mask::secret\n"
    r"::stop-commands::tok\n##[set-env name=X]y\n\e]0;title\a\e[31mred\u202eevil\x9b2J @octocat"
)


def hostile_plans(tmp_path: Path) -> Path:
    plans = plans_copy(tmp_path / "plans")
    path = plans / OSALLISUUS
    text = path.read_text(encoding="utf-8")
    text = text.replace("nimi: Osallisuusohjelma", f'nimi: "{HOSTILE}"', 1)
    # a goal's name and a narrative too
    text = text.replace("    nimi: Tarjoamme tietoa", f'    nimi: "{HOSTILE} Tarjoamme tietoa', 1)
    text = text.replace(
        '    nimi: "' + HOSTILE + " Tarjoamme tietoa osallistumis- ja vaikuttamismahdollisuuksista "
        "eri kanavia hyödyntäen",
        '    nimi: "' + HOSTILE + " Tarjoamme tietoa osallistumis- ja vaikuttamismahdollisuuksista "
        'eri kanavia hyödyntäen"',
        1,
    )
    path.write_text(text, encoding="utf-8")
    return plans


def assert_inert(text: str) -> None:
    """No line starts a workflow command, no control character but line breaks and tabs."""
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", text.replace("\r\n", "\n"))


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--period", "2023"),
        ("status", "--period", "2023", "--format", "md"),
        ("export", "--period", "2023", "-o", "-"),
        ("calendar", "--year", "2026"),
    ],
)
def test_text_outputs_are_inert(
    tmp_path: Path, invoke: Callable[..., Result], args: tuple[str, ...]
) -> None:
    plans = hostile_plans(tmp_path)
    result = invoke(*args, "-p", plans)
    assert result.exit_code == 0, result.output
    assert "pwned" in result.stdout or args[0] == "calendar"  # the data is there, inert
    assert_inert(result.stdout)
    assert_inert(result.stderr)


def test_json_keeps_the_data_for_programs(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    plans = hostile_plans(tmp_path)
    result = invoke("status", "--period", "2023", "--format", "json", "-p", plans)
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    data = json.loads(result.stdout)
    name = data["plans"][1]["title"]
    assert "\x1b]0;title\x07" in name and "\u202e" in name and "\n::error" in name


def test_validate_text_and_github(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    plans = hostile_plans(tmp_path)
    path = plans / OSALLISUUS
    text = path.read_text(encoding="utf-8")
    key = r"k\n::error file=x::pwned\e]0;t\a"
    path.write_text(text.replace("tavoitteet:", f'"{key}": 1\ntavoitteet:', 1), "utf-8")
    result = invoke("validate", plans)
    assert result.exit_code == 1
    assert_inert(result.stdout)
    assert "unknown key" in result.stdout
    result = invoke("validate", plans, "--format", "github")
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    assert len(annotations) == 1 and annotations[0].startswith("::error file=")
    assert_inert("\n".join(ln for ln in result.stdout.splitlines() if ln not in annotations))
    assert "\x1b" not in result.stdout and "%0A" not in annotations[0]  # escaped, not broken


def test_error_messages_are_inert(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    plans = plans_copy(tmp_path / "plans")
    result = invoke(
        "record", "X\n::error::boom\x1b[2J", "--period", "2026", "--value", "1", "-p", plans
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no indicator with id" in result.stderr
    assert_inert(result.stderr)


@pytest.mark.parametrize("view", [(), ("--details",), ("O1",)])
def test_the_terminal_view_is_inert(tmp_path: Path, view: tuple[str, ...]) -> None:
    """In a terminal, rich draws the view: its own colour codes only, no OSC, no BEL."""
    from tests.terminal import in_terminal

    plans = hostile_plans(tmp_path)
    code, shown, text = in_terminal(
        ["status", *view, "--period", "2023", "-p", plans], columns=100, env={"PLAN_PAGER": ""}
    )
    assert code == 0, shown
    assert "\x1b[" in shown  # in colour: this is the terminal path
    assert "pwned" in text  # the hostile name is shown, escaped
    assert "\x07" not in shown and "\x1b]" not in shown and "\u202e" not in shown
    assert not re.search(r"\x1b(?!\[[0-9;?]*[A-Za-z])", shown)  # every ESC starts rich's code
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line


def test_diff_markdown_silences_mentions(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    repo = tmp_path / "repo"
    plans = plans_copy(repo / "plans")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "alku")
    path = plans / OSALLISUUS
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "        nimi: Tiedän miten hoitoni",
            "        nimi: '@octocat @org/team Tiedän miten hoitoni",
            1,
        ).replace("hoitoni/palveluni jatkuu\n", "hoitoni/palveluni jatkuu'\n", 1),
        "utf-8",
    )
    result = invoke("diff", "HEAD", "--format", "md", "-p", plans)
    assert result.exit_code == 0, result.output
    assert "octocat" in result.stdout
    assert not re.search(r"(?<![\w@])@[A-Za-z0-9]", result.stdout), result.stdout
    text_result = invoke("diff", "HEAD", "-p", plans)
    assert_inert(text_result.stdout)
