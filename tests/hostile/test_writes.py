"""Writes under pressure: parallel writers, a full disk, signals, and overwrites.

20 `plan record` runs in parallel all printed `Wrote` and 1 of the 20 values was in the file;
`import-survey` over two files with the disk full on the second changed the first; SIGTERM
during a write could leave a `*.tmp` beside the plan, or "Interrupted." after the write.
"""

from __future__ import annotations

import difflib
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from jarjesto_cli.files.loading import load_valid
from tests.hostile.helpers import assert_refused, plans_copy, run_plan, snapshot

NGO = "jarjestoyhteistyo-2026-2030.yaml"
OSALLISUUS = "osallisuusohjelma.yaml"
VALUES = {"kyllä-ei": "kyllä", "asteikko": "4", "määrä": "5", "teksti": "Kirjattu."}


def test_twenty_parallel_writers_lose_nothing(tmp_path: Path) -> None:
    plans = plans_copy(tmp_path / "plans")
    indicators = [
        node.indicator
        for node in load_valid(plans).nodes()
        if node.indicator is not None and node.source.path.name == NGO
    ][:20]
    assert len(indicators) == 20
    env = {**os.environ, "JARJESTO_CLI_LOCK_TIMEOUT": "600"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "jarjesto_cli", "record", ind.id, "--period", "2026"]
            + ["--value", VALUES[ind.kind], "-p", str(plans)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for ind in indicators
    ]
    outputs = [p.communicate(timeout=600) for p in processes]
    assert [p.returncode for p in processes] == [0] * 20, outputs
    assert all(out.startswith("Wrote ") for out, _ in outputs), outputs
    after = load_valid(plans)
    for ind in indicators:
        node = after.find(ind.id)
        assert node.indicator is not None
        assert [str(m.period) for m in node.indicator.measurements].count("2026") == 1, ind.id
    assert sorted(p.name for p in plans.iterdir()) == sorted(snapshot(plans))  # no temp files


def test_a_second_writer_waits_then_says_so(tmp_path: Path) -> None:
    from jarjesto_cli.files.locking import PlansLock

    plans = plans_copy(tmp_path / "plans")
    before = snapshot(plans)
    with PlansLock(plans):
        run = run_plan(
            *("record", "T1.1.2", "--period", "2026", "--value", "4", "-p", plans),
            env={"JARJESTO_CLI_LOCK_TIMEOUT": "1"},
        )
    assert_refused(run, 1, "another `plan` command is writing to", "waited 1 s", "run this again")
    assert snapshot(plans) == before


def _two_file_import(tmp_path: Path) -> tuple[Path, Path, Path]:
    plans = plans_copy(tmp_path / "plans")
    survey = tmp_path / "kysely.csv"
    survey.write_text("Kysymys A;Kysymys B\n4;3\n5;4\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text('T1.1.2: "Kysymys A"\nO1.M1: "Kysymys B"\n', encoding="utf-8")
    return plans, survey, mapping


def test_a_full_disk_on_the_second_file_writes_neither(tmp_path: Path) -> None:
    plans, survey, mapping = _two_file_import(tmp_path)
    before = snapshot(plans)
    sizes = sorted(len(before[name]) for name in (NGO, OSALLISUUS))
    limit = (sizes[0] + sizes[1]) // 2  # the smaller file fits, the larger does not

    def disk_nearly_full() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "jarjesto_cli", "import-survey", str(survey), "--map"]
        + [str(mapping), "--period", "2026", "-p", str(plans)],
        capture_output=True,
        text=True,
        preexec_fn=disk_nearly_full,  # noqa: PLW1509
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "nothing was written" in result.stderr and "Wrote" not in result.stdout
    assert snapshot(plans) == before  # both files as they were, no temporary file left


def test_a_failed_rename_puts_back_the_first_file(
    tmp_path: Path, invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    plans, survey, mapping = _two_file_import(tmp_path)
    before = snapshot(plans)
    real = Path.replace
    calls: list[Path] = []

    def second_fails(self: Path, target: Any) -> Path:
        calls.append(Path(target))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", second_fails)
    result = invoke("import-survey", survey, "--map", mapping, "--period", "2026", "-p", plans)
    monkeypatch.undo()
    assert len(calls) == 2  # the first file had been renamed into place
    assert result.exit_code == 1
    assert "No space left on device; nothing was written" in result.stderr
    assert snapshot(plans) == before


SLOW_WRITE = """
import os, sys, time
real = os.fsync
def slow(fd):
    real(fd)
    sys.stderr.write("writing\\n")
    sys.stderr.flush()
    time.sleep(2)
os.fsync = slow
from jarjesto_cli.cli import main
sys.argv = ["plan", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_write_leaves_a_whole_file_and_says_so(
    tmp_path: Path, signum: int
) -> None:
    plans = plans_copy(tmp_path / "plans")
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, "record", "T1.1.2", "--period", "2026"]
        + ["--value", "4", "-p", str(plans)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while process.stderr.readline() != "writing\n":  # inside the write, after the temp file
        assert time.monotonic() < deadline
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert f"Interrupted; already written in full: {plans / NGO}." in stderr
    assert "arvo: 4" in (plans / NGO).read_text(encoding="utf-8")
    load_valid(plans)  # the file is whole
    assert not [p for p in plans.iterdir() if p.name.endswith(".tmp")]


def test_sigterm_during_a_report_leaves_no_work_folder(tmp_path: Path) -> None:
    plans = plans_copy(tmp_path / "plans")
    before = snapshot(plans)
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE]
        + ["report", "-a", "lautakunta", "-o", str(tmp_path / "out"), "-p", str(plans)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 130), stderr
    assert "Traceback" not in stderr
    if process.returncode == 130:
        assert stderr.strip().endswith("Interrupted.") or "written in full" in stderr
    out = tmp_path / "out"
    assert not out.exists() or not [p for p in out.iterdir() if p.name.startswith(".")]
    assert snapshot(plans) == before


# --- overwrites: the same rules in every write command (issue 12.7, 12.9) -------------------


def lines_changed(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    diff = list(difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines()))
    plus = [ln[1:] for ln in diff if ln.startswith("+") and not ln.startswith("+++")]
    minus = [ln[1:] for ln in diff if ln.startswith("-") and not ln.startswith("---")]
    return plus, minus


def test_record_replace_keeps_the_details_and_says_so(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    plans = plans_copy(tmp_path / "plans")
    before = snapshot(plans)
    args = ("record", "O3.M1", "--period", "2023", "--value", "120", "--n", "40", "-p", plans)
    refused = invoke(*args)
    assert refused.exit_code == 2 and "already has a measurement for 2023" in refused.stderr
    result = invoke(*args, "--replace")
    assert result.exit_code == 0, result.output
    assert "O3.M1 2023 arvo: 100 → 120 (n 40) (kept: huomio; removed: likiarvo)" in result.stdout
    plus, minus = lines_changed(before[OSALLISUUS], snapshot(plans)[OSALLISUUS])
    assert [ln.strip() for ln in minus] == [
        "arvo: 100",
        'likiarvo: true  # lähteessä "n. 100 osallistujaa"',
    ]
    assert [ln.strip() for ln in plus] == ["arvo: 120", "n: 40"]


def test_set_status_replaces_only_with_replace(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    plans = plans_copy(tmp_path / "plans")
    before = snapshot(plans)
    args = ("set-status", "O4.3", "--period", "2023", "--status", "toteutuu", "-p", plans)
    refused = invoke(*args)
    assert refused.exit_code == 2, refused.output
    assert "O4.3 already has a reported status for 2023 (tila: ei toteudu)" in refused.stderr
    assert "add --replace to replace it" in refused.stderr
    assert snapshot(plans) == before
    preview = invoke(*args, "--dry-run")
    assert preview.exit_code == 0, preview.output
    assert "Would write" in preview.stdout and "ei toteudu → toteutuu" in preview.stdout
    assert "(exists: write it with --replace)" in preview.stdout
    assert "Dry run: nothing was written." in preview.stdout
    assert snapshot(plans) == before
    result = invoke(*args, "--replace", "--text", "Uusi kertomus.")
    assert "O4.3 2023 tila: ei toteudu → toteutuu (replaced: teksti)" in result.stdout


def test_record_dry_run_previews_a_new_and_an_existing_value(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    plans = plans_copy(tmp_path / "plans")
    before = snapshot(plans)
    new = invoke("record", "T1.1.2", "--period", "2026", "--value", "4", "--dry-run", "-p", plans)
    assert new.exit_code == 0 and "Would write" in new.stdout and "arvo: – → 4" in new.stdout
    existing = invoke(
        "record", "O1.M1", "--period", "2023-Q4", "--value", "3.6", "--dry-run", "-p", plans
    )
    assert existing.exit_code == 0, existing.output
    assert "arvo: 3,5 → 3,6 (exists: write it with --replace)" in existing.stdout
    assert snapshot(plans) == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("set-status", "T1.2", "--status", "osittain", "--text", ""), "--text: the narrative is"),
        (("set-status", "T1.2", "--status", "osittain", "--text", "  \n"), "narrative is empty"),
        (("record", "T1.1.2", "--value", "4", "--note", ""), "--note: the note is empty"),
        (("record", "T1.1.2", "--value", "4", "--n", str(10**12)), "more than the"),
        (("record", "T1.2.4", "--value", str(10**400)), "--value: the number is too large"),
    ],
)
def test_empty_and_absurd_inputs_are_refused(
    tmp_path: Path, invoke: Callable[..., Result], args: tuple[str, ...], words: str
) -> None:
    plans = plans_copy(tmp_path / "plans")
    before = snapshot(plans)
    result = invoke(*args, "--period", "2026", "-p", plans)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(plans) == before
