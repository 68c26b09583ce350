"""Share slow, independent work (drawing charts) between the machine's cores.

The work is split between this process and forked copies of it: a copy starts with everything
this process has imported (matplotlib's import is the slowest part of drawing a few charts), so
it costs a fork, not a second start-up. Each item's result is a file it writes; nothing is sent
back but an error. Where forking is not safe (not Linux) or not worth it, the items are simply
done one after another here.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


class WorkerError(RuntimeError):
    """A forked worker failed with an error that could not be sent back as itself."""


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the whole machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def workers_for(count: int, *, per_worker: int = 2) -> int:
    """How many processes `count` items are worth: one per core, each with `per_worker` or more."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return 1
    return max(1, min(cores(), count // per_worker))


def run_split(func: Callable[[T], object], items: Sequence[T], workers: int) -> None:
    """Call `func` on every item, the items shared round-robin between `workers` processes.

    This process does its own share while the forked ones do theirs; the first error raised in
    any of them is raised here once all have finished.
    """
    if workers <= 1 or len(items) < 2:
        for item in items:
            func(item)
        return
    shares = [items[i::workers] for i in range(workers)]
    children: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    try:
        for share in shares[1:]:
            children.append(_fork(func, share))
        for item in shares[0]:
            func(item)
    except BaseException as exc:  # noqa: BLE001 - re-raised below, after the children are reaped
        errors.append(exc)
    finally:
        for pid, pipe in children:
            error = _reap(pid, pipe)
            if error is not None:
                errors.append(error)
    if errors:
        raise errors[0]


def _fork(func: Callable[[T], object], share: Sequence[T]) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: do the share, report an error through the pipe, never return
        os.close(read)
        code = 0
        try:
            for item in share:
                func(item)
        except BaseException as exc:  # noqa: BLE001 - sent to the parent
            code = 1
            try:
                payload = pickle.dumps(exc)
            except Exception:  # noqa: BLE001 - an exception that cannot be pickled
                payload = pickle.dumps(WorkerError(f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
        os._exit(code)
    os.close(write)
    return pid, read


def _reap(pid: int, pipe: int) -> BaseException | None:
    with os.fdopen(pipe, "rb") as reader:
        payload = reader.read()
    _, status = os.waitpid(pid, 0)
    if payload:
        try:
            error = pickle.loads(payload)  # noqa: S301 - written by our own forked child
        except Exception:  # noqa: BLE001
            return WorkerError("a worker failed and its error could not be read")
        return error if isinstance(error, BaseException) else WorkerError(repr(error))
    if os.waitstatus_to_exitcode(status) != 0:
        return WorkerError(f"a worker exited with status {os.waitstatus_to_exitcode(status)}")
    return None
