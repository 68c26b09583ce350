"""Long output in a terminal goes through a pager, as git does it.

The pager is `$PLAN_PAGER`, else `$PAGER`, else `less`; an empty value or `cat` turns it off.
`less` gets `LESS=FRX` unless the user has set LESS (quit at once when the text fits, keep the
colours, leave the text on the screen). Output that is not a terminal is never paged.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys


def pager_command() -> str | None:
    """The pager to use, or None when paging is off or no pager is installed."""
    chosen = os.environ.get("PLAN_PAGER")
    if chosen is None:
        chosen = os.environ.get("PAGER", "less")
    chosen = chosen.strip()
    if not chosen or chosen == "cat":
        return None
    try:
        program = shlex.split(chosen)[0]
    except (ValueError, IndexError):
        return None
    return chosen if shutil.which(program) else None


def page(text: str, *, height: int) -> bool:
    """Show `text` through the pager when it has more lines than the screen; False (nothing
    shown) when it fits, or when there is no pager: the caller prints it."""
    if text.count("\n") < height:
        return False
    command = pager_command()
    if command is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    # Ctrl-C belongs to the pager (less uses it to stop a search); we only wait for it
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode("utf-8"))
            process.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit the pager before the end: that is fine
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
