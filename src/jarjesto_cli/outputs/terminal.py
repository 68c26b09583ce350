"""Where the commands print: standard output for results, standard error for notes, warnings
and errors, and a rich console for tables (plain, fixed-width text when not a terminal)."""

from __future__ import annotations

import sys
from typing import Any


def out(text: str) -> None:
    """Write a result to standard output (as it is: the caller ends its lines)."""
    sys.stdout.write(text)


def err(line: str) -> None:
    """Write one line to standard error."""
    sys.stderr.write(line + "\n")


def is_terminal() -> bool:
    return sys.stdout.isatty()


def console() -> Any:
    """A rich console on standard output: the terminal's, or plain text 120 columns wide."""
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
