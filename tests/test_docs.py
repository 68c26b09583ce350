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
