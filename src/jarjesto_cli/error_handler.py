"""Errors reach the user here, in one place around the dispatch of every command.

A known error is one line on standard error and its exit code (1 bad data, 2 bad usage);
Ctrl-C (or SIGTERM) is 130; anything else is a bug: exit 3 and a log file with the traceback.
The core's errors name the input that was wrong (`field`); here it becomes the command-line
option. Every message passes the sanitiser: it quotes data from the plans, which may be hostile.
A reader that closes the pipe early (`plan status | head -1`) is not an error: the command
ends quietly with 0, everything it had to do done (commands print after they have written).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

from jarjesto_cli.errors import AlreadyRecorded, PlanError, UnknownId, UsageError
from jarjesto_cli.outputs.sanitize import excerpt, line

MAX_MESSAGE = 1000  # characters of one error line
EXIT_BUG = 3
EXIT_INTERRUPTED = 130

# the core's names of inputs → the options that give them
OPTIONS = {
    "period": "--period",
    "start": "--start",
    "end": "--end",
    "priority": "--priority",
    "owner": "--owner",
    "clear": "--clear",
    "target": "--target",
    "decision": "--decision",
    "date": "--date",
    "reason": "--reason",
    "value": "--value",
    "n": "--n",
    "status": "--status",
    "text": "--text",
    "note": "--note",
    "source": "--source",
    "text-file": "--text-file",
    "map": "--map",
    "templates": "--templates",
    "format": "--format",
    "output": "--output",
}


def message(exc: PlanError) -> str:
    """The one line shown for a known error, with the command line's words added."""
    text = exc.message
    hint = exc.hint
    if isinstance(exc, AlreadyRecorded):
        from jarjesto_cli.outputs.display import shown

        text += f" ({exc.what}: {shown(exc.existing)})"
        hint = hint or "add --replace to replace it"
    if isinstance(exc, UnknownId) and not exc.close:
        hint = hint or "run `plan status` to see the ids"
    if isinstance(exc, UsageError) and exc.field:
        text = f"{OPTIONS.get(exc.field, exc.field)}: {text}"
    # sanitised, and never at length: a message may quote what a hostile file holds
    return excerpt(f"Error: {text} — {hint}" if hint else f"Error: {text}", MAX_MESSAGE)


def interrupted_message() -> str:
    """What an interruption left behind, truthfully: the files written in full before it (a
    write itself is never cut: signals wait until it is complete or undone)."""
    from jarjesto_cli.files.writing import written

    done = written()
    if not done:
        return "Interrupted."
    return line("Interrupted; already written in full: " + ", ".join(str(p) for p in done) + ".")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every clean-up runs (no temporary file is left)."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated


@contextlib.contextmanager
def error_handler() -> Iterator[None]:
    """Turn every exception of a command into its message and exit code (raised as click's
    `Exit`, which the command line ends with)."""
    from typer import Exit

    from jarjesto_cli.files.writing import forget_written

    forget_written()
    previous = _on_sigterm(_terminate)
    try:
        yield
    except PlanError as exc:
        sys.stderr.write(message(exc) + "\n")
        raise Exit(exc.exit_code) from None
    except BrokenPipeError:
        _silence_stdout()
        raise Exit(0) from None
    except KeyboardInterrupt:
        sys.stderr.write(interrupted_message() + "\n")
        raise Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        if _is_exit(exc):
            raise
        log = _write_crash_log()
        sys.stderr.write(
            line(f"Error: unexpected {type(exc).__name__}: {excerpt(exc, 300)}")
            + f"\nThis is a bug in jarjesto-cli, not in your plans. Details: {log}\n"
        )
        raise Exit(EXIT_BUG) from None
    finally:
        _on_sigterm(previous)


def _on_sigterm(handler: Any) -> Any:
    """Set the SIGTERM handler (in the main thread only, where Python allows it)."""
    import threading

    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


@contextlib.contextmanager
def quiet_broken_pipe() -> Iterator[None]:
    """Around the whole program: output still buffered when the reader has gone (`| head`)
    would fail at exit with a traceback-like note; here it ends quietly, exit 0."""
    try:
        yield
    except SystemExit as exc:
        code = exc.code
        # the command line's own handler of a closed pipe (help text) exits 1: it is not an error
        if code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
            code = 0
    except BrokenPipeError:
        code = 0
    else:
        code = 0
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    raise SystemExit(code)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's own flush at exit finds no closed
    pipe to complain about."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's captured output): nothing is flushed at exit anyway


def _is_exit(exc: BaseException) -> bool:
    """The command line's own ways out (an exit code, a usage error, an abort) pass through."""
    import typer

    return isinstance(exc, typer.Exit | typer.Abort | typer.TyperException)


def _write_crash_log() -> str:
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="jarjesto-cli-crash-", suffix=".log", delete=False, encoding="utf-8"
        ) as fh:
            traceback.print_exc(file=fh)
            return fh.name
    except OSError:
        return "(could not write a log)"
