"""Where a long narrative (`kertomus`) comes from: `--text T`, `--text -` (standard input),
`--text-file FILE`, or the user's editor, opened as `git commit` opens it.

A narrative is often several paragraphs: typing it into one quoted option is where planners
give up. The editor gets a short template (lines starting with `#` are left out) with the
period's current narrative, if any, ready to be edited.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from jarjesto_cli.domain.planset import Node
from jarjesto_cli.errors import PlanError, PlanFileError, Problem, UsageError

STDIN = "-"


def given_text(text: str | None, text_file: Path | None) -> str | None:
    """The narrative given on the command line: `--text`, `--text -` or `--text-file`."""
    if text is not None and text_file is not None:
        raise UsageError("give the narrative once: --text or --text-file, not both")
    if text == STDIN:
        return _stripped(sys.stdin.read())
    if text_file is not None:
        return _stripped(_read(text_file))
    return text


def _read(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file", field="text-file") from None
    except OSError as exc:
        raise UsageError(
            f"{path}: cannot be read: {exc.strerror or exc}", field="text-file"
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError(
            Problem(path, "is not UTF-8 text", hint="save the narrative as UTF-8 text")
        ) from None


def _stripped(text: str) -> str:
    """The text without the blank lines around it (an editor or `echo` adds a final newline)."""
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).strip("\n")


def interactive() -> bool:
    """A person at a terminal: standard input and output are both terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def editor_command() -> str:
    """The editor as git chooses it: $VISUAL, $EDITOR, else `editor` (Debian's choice) or vi;
    Notepad on Windows."""
    for name in ("VISUAL", "EDITOR"):
        chosen = os.environ.get(name, "").strip()
        if chosen:
            return chosen
    if sys.platform == "win32":
        return "notepad"
    return "editor" if shutil.which("editor") else "vi"


TEMPLATE = """{current}
# Write the narrative (kertomus) of {id} for {period} above; its status will be '{status}'.
# {name}
#
# Lines starting with '#' are left out. Save and close the editor to set the status;
# an empty narrative sets the status without one (an existing narrative stays).
"""


def editor_prompt(node: Node, period: str, status: str, current: str | None) -> str | None:
    """Open the editor on a template; the narrative written, or None when it was left empty."""
    name = node.measure.name if node.measure is not None else ""
    template = TEMPLATE.format(
        current=(current or "") + "\n",
        id=node.id,
        period=period,
        status=status,
        name=" ".join(name.split()),
    )
    written = edit(template)
    kept = [line for line in written.splitlines() if not line.startswith("#")]
    return _stripped("\n".join(kept)) or None


def edit(text: str) -> str:
    """Let the user edit `text` in their editor; the file as they saved it."""
    command = editor_command()
    with tempfile.TemporaryDirectory(prefix="plan-") as folder:
        path = Path(folder) / "KERTOMUS.txt"
        path.write_text(text, encoding="utf-8")
        try:
            # through the shell, as git does: EDITOR="code --wait" is a command with arguments
            done = subprocess.run(f"{command} {shlex.quote(str(path))}", shell=True, check=False)
        except OSError as exc:
            raise UsageError(f"cannot start the editor '{command}': {exc}") from None
        if done.returncode == 127:
            raise UsageError(
                f"cannot start the editor '{command}'",
                hint="set EDITOR (e.g. export EDITOR=nano), or give --text or --text-file",
            )
        if done.returncode != 0:
            raise PlanError(
                f"the editor '{command}' ended with an error (exit {done.returncode}); "
                "nothing was written"
            )
        return path.read_text(encoding="utf-8", errors="replace")
