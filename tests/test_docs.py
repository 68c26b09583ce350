"""Every command is documented in the README, with an example in its --help."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from typer.testing import Result

from jarjesto_cli.cli import app
from tests.conftest import ROOT

COMMANDS = sorted(
    c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
)


def test_commands_are_known() -> None:
    assert {"validate", "status", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_in_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^### `plan {command}\b", readme, re.M), (
        f"README lacks a section for {command}"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command: str, invoke: Callable[..., Result]) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert f"Example: plan {command}" in result.stdout


def test_readme_shows_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme


# --- issue 12 §17: help for people ---------------------------------------------------------------

PYTHON_WORDS = re.compile(r"<(list\[|str>|int>|path>|float>)|\{[A-Z]+\}|\[\[")


def help_text(command: str) -> str:
    import os
    import subprocess
    import sys

    # the installed command in an 80-column terminal's width, as a planner reads it
    done = subprocess.run(
        [sys.executable, "-m", "jarjesto_cli", *([command] if command else []), "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_python_types(command: str) -> None:
    text = help_text(command)
    assert not PYTHON_WORDS.search(text), PYTHON_WORDS.search(text)
    assert max(len(line) for line in text.splitlines()) <= 80


def test_the_command_list_is_not_cut_off() -> None:
    listed = help_text("").split("Commands:\n", 1)[1].splitlines()
    assert len(listed) == len(COMMANDS)
    assert not any(line.rstrip().endswith("...") for line in listed), listed


def test_set_status_says_what_its_period_is_for() -> None:
    text = " ".join(help_text("set-status").split())
    assert "--period PERIOD The period the status is for" in text
    assert "--period PERIOD The period the value is for" in " ".join(help_text("record").split())


@pytest.mark.parametrize("command", COMMANDS)
def test_the_example_is_a_command_that_parses(command: str) -> None:
    """The example in the help is one a planner can copy: every option in it exists."""
    import shlex

    import typer

    text = help_text(command)
    found = re.search(r"Example: plan (.+?)\n\n", text + "\n\n", re.S)
    assert found, text
    assert "\n" not in found.group(1), "the example should fit one line of 80 columns"
    args = shlex.split(" ".join(found.group(1).split()))
    assert args[0] == command
    click_command = typer.main.get_command(app)
    sub = click_command.get_command(click_command.make_context("plan", [command]), command)  # type: ignore[attr-defined]
    assert sub is not None
    sub.make_context(command, args[1:])  # raises on an unknown option or a missing value


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_shows_the_command_in_use(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.split(rf"^### `plan {command}\b", readme, flags=re.M)[1].split("\n### ", 1)[0]
    assert re.search(rf"^\$ plan {command}\b", section, re.M), f"no example of {command}"
