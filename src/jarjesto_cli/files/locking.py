"""One writer at a time per plans folder: an exclusive lock around read → change → write.

Without it, two `plan record` runs that read the same file both write their own version, and
one change is lost. The lock is `flock` on the plans folder itself, so no lock file appears in
the repository; the system releases it when the process ends, however it ends. A second writer
waits (`JARJESTO_CLI_LOCK_TIMEOUT` seconds, default 15) and then stops with a clear error.
On a system without `flock` (Windows) writes are not serialised, only atomic.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType

from jarjesto_cli.errors import OutputError

DEFAULT_TIMEOUT = 15.0
POLL = 0.05


def timeout() -> float:
    """How long a writer waits for another to finish, in seconds."""
    try:
        return max(0.0, float(os.environ.get("JARJESTO_CLI_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


class PlansLock:
    """An exclusive lock on a plans folder, held from `acquire` until `release`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._fd: int | None = None

    def acquire(self, wait: float | None = None) -> PlansLock:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no flock; writes are still atomic
            return self
        wait = timeout() if wait is None else wait
        try:
            fd = os.open(self.directory, os.O_RDONLY)
        except OSError:
            return self  # no folder to lock: loading the plans reports it
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise OutputError(
                        f"another `plan` command is writing to {self.directory} "
                        f"(waited {wait:g} s); nothing was written",
                        hint="run this again when it has finished",
                    ) from None
                time.sleep(POLL)
            except OSError:
                break  # a file system without locks: go on unlocked, as before
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> PlansLock:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()
