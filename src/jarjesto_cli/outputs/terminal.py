"""Where the commands print: standard output for results, standard error for notes, warnings
and errors, and a rich console for tables (plain, fixed-width text when not a terminal).

Everything printed here passes the sanitiser (`sanitize.block`): text from the plans can never
drive the terminal or start a GitHub Actions workflow command. Only `workflow_commands` prints
such commands, for `plan validate --format github`, which makes them on purpose.
"""

from __future__ import annotations

import sys
from typing import Any

from jarjesto_cli.outputs.sanitize import block


def out(text: str) -> None:
    """Write a result to standard output (as it is: the caller ends its lines)."""
    sys.stdout.write(block(text))


def err(line: str) -> None:
    """Write one line to standard error."""
    sys.stderr.write(block(line) + "\n")


def styled_output(text: str) -> None:
    """Write what rich rendered for the terminal: its own colour codes stay; the data in it
    was sanitised before rich saw it (`layout.styled`)."""
    sys.stdout.write(text)


def workflow_commands(text: str) -> None:
    """Write GitHub Actions workflow commands (`::error file=…::…`) to standard output; the
    caller has escaped the data inside them."""
    sys.stdout.write(text)


def is_terminal() -> bool:
    return sys.stdout.isatty()


def console() -> Any:
    """A rich console on standard output: the terminal's, or plain text 120 columns wide.

    Rich writes the tables itself, so the renderers pass every text from the plans through
    `sanitize.line` before it becomes a cell."""
    from rich.console import Console

    if is_terminal():
        made = Console()
    else:
        # plain text for pipes and files: no colour codes, a fixed comfortable width
        made = Console(no_color=True, width=120, force_terminal=False, highlight=False, emoji=False)
    # not rich's own exit 1 on a closed pipe: the error handler's quiet 0
    made.on_broken_pipe = _reader_gone  # type: ignore[method-assign]
    return made


def _reader_gone() -> None:
    raise BrokenPipeError
