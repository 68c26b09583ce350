"""Work shared between forked processes: every item done once, errors come back, one core is fine."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jarjesto_cli.outputs import parallel

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="work is only shared on Linux")


def mark_done(folder: Path) -> Callable[[int], None]:
    """Work that leaves a file per item, named by the item, holding the pid that did it; doing an
    item twice fails (the file may only be created once)."""

    def work(item: int) -> None:
        with (folder / str(item)).open("x", encoding="utf-8") as fh:
            fh.write(str(os.getpid()))

    return work


def test_every_item_is_done_once_and_the_work_is_shared(tmp_path: Path) -> None:
    parallel.run_split(mark_done(tmp_path), list(range(10)), workers=3)
    assert sorted(int(p.name) for p in tmp_path.iterdir()) == list(range(10))
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert len(pids) == 3 and str(os.getpid()) in pids  # this process does a share too


def test_one_worker_does_everything_here(tmp_path: Path) -> None:
    parallel.run_split(mark_done(tmp_path), list(range(4)), workers=1)
    assert {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {str(os.getpid())}
    assert len(list(tmp_path.iterdir())) == 4


@pytest.mark.parametrize(
    ("failing", "done"),
    [(0, {1, 3, 5}), (5, {0, 1, 2, 3, 4})],
    ids=["in this process", "in a worker"],
)
def test_an_error_comes_back_as_itself(failing: int, done: set[int], tmp_path: Path) -> None:
    def work(item: int) -> None:
        if item == failing:
            raise OSError(28, "No space left on device")
        (tmp_path / str(item)).write_text("ok", encoding="utf-8")

    with pytest.raises(OSError) as info:
        parallel.run_split(work, list(range(6)), workers=2)  # shares: 0 2 4 here, 1 3 5 there
    assert info.value.errno == 28
    # a share stops at its error; the other share is finished before the error is raised
    assert {int(p.name) for p in tmp_path.iterdir()} == done


def test_an_error_that_cannot_travel_comes_back_as_text() -> None:
    class LocalError(Exception):  # a local class cannot be pickled
        pass

    def work(item: int) -> None:
        if item == 1:
            raise LocalError("kaavio ei piirtynyt")

    with pytest.raises(parallel.WorkerError, match="LocalError: kaavio ei piirtynyt"):
        parallel.run_split(work, [0, 1], workers=2)


def test_a_worker_that_dies_is_reported() -> None:
    def work(item: int) -> None:
        if item == 1:
            os._exit(7)

    with pytest.raises(parallel.WorkerError, match="status 7"):
        parallel.run_split(work, [0, 1], workers=2)


def test_workers_are_worth_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert parallel.cores() == 2
    assert [parallel.workers_for(n) for n in (0, 1, 3, 4, 100)] == [1, 1, 1, 2, 2]
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)))
    assert parallel.workers_for(100) == 8 and parallel.workers_for(9) == 4
    monkeypatch.setattr(sys, "platform", "darwin")  # forking is not shared work there
    assert parallel.workers_for(100) == 1


def test_cores_are_the_ones_this_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    # a container limited to one CPU of a big machine
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3})
    assert parallel.cores() == 1
    monkeypatch.delattr(os, "sched_getaffinity")  # macOS has no CPU sets
    assert parallel.cores() == 64
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert parallel.cores() == 1
