"""Running `plan` in a real pseudo-terminal, as a planner at an 80-column terminal does."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def in_terminal(
    args: Sequence[object],
    *,
    columns: int = 80,
    rows: int = 40,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[int, str, str]:
    """Run `python -m jarjesto_cli ARGS` with a terminal of `columns` × `rows` as its standard
    input, output and error; returns (exit code, what the terminal showed, the same without
    colour codes and with plain newlines)."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "jarjesto_cli", *map(str, args)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**base, "TERM": "xterm-256color", **(env or {})},
        cwd=cwd,
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
    code = process.wait(timeout=60)
    os.close(leader)
    raw = b"".join(chunks).decode("utf-8")
    return code, raw, ANSI.sub("", raw).replace("\r\n", "\n")
