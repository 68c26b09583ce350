"""Only plan files are read: nothing outside the plans folder, no FIFO, no device.

A plan file that was a symbolic link to `/etc/shadow` was read, and each of its key-like lines
printed in an error (with `--format github`, as a pull-request annotation).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.hostile.helpers import assert_refused, plans_copy, run_plan, snapshot

NGO = "jarjestoyhteistyo-2026-2030.yaml"
SECRET = "superuser_r00t: $6$salt$hash\nAPI_TOKEN: hunter2\nanother_key: secret-value\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "shadow"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_a_link_out_of_the_plans_folder_is_never_read(
    tmp_path: Path, secret: Path, output_format: str
) -> None:
    plans = plans_copy(tmp_path / "plans")
    (plans / "zz.yaml").symlink_to(secret)
    run = run_plan("validate", plans, "--format", output_format)
    assert run.code == 1 and "Traceback" not in run.output
    for leak in (
        "superuser_r00t",
        "API_TOKEN",
        "hunter2",
        "another_key",
        "secret-value",
        str(secret),
    ):
        assert leak not in run.output, run.output
    assert "symbolic link to a file outside the plans folder" in run.output
    if output_format == "text":
        assert_refused(run, 1, "zz.yaml:", "outside the plans folder; it was not read")


def test_a_link_out_refuses_every_command(tmp_path: Path, secret: Path) -> None:
    plans = plans_copy(tmp_path / "plans")
    (plans / "zz.yaml").symlink_to(secret)
    before = snapshot(plans)
    for args in (
        ["status", "-p", plans],
        ["record", "T1.1.2", "--period", "2026", "--value", "4", "-p", plans],
        ["export", "-p", plans, "-o", "-"],
    ):
        run = run_plan(*args)
        assert_refused(run, 1, "zz.yaml:", "outside the plans folder")
        assert "hunter2" not in run.output
    assert snapshot(plans) == before


def test_a_link_inside_the_folder_is_read_and_written_through(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    plans = plans_copy(tmp_path / "plans")
    (plans / "data").mkdir()
    (plans / NGO).rename(plans / "data" / "ngo.yml")
    (plans / NGO).symlink_to(Path("data") / "ngo.yml")
    result = invoke("record", "T1.1.2", "--period", "2026", "--value", "4", "-p", plans)
    assert result.exit_code == 0, result.output
    assert (plans / NGO).is_symlink()  # the link stays a link
    assert "arvo: 4" in (plans / "data" / "ngo.yml").read_text(encoding="utf-8")
    assert [p.name for p in (plans / "data").iterdir()] == ["ngo.yml"]  # no temporary file


def test_a_fifo_is_refused_not_waited_for(tmp_path: Path) -> None:
    plans = plans_copy(tmp_path / "plans")
    os.mkfifo(plans / "putki.yaml")
    run = run_plan("validate", plans)
    assert_refused(run, 1, "putki.yaml:", "is not a regular file (it is a FIFO)")
    assert run.seconds < 30
    run = run_plan("validate", plans / "putki.yaml")
    assert_refused(run, 1, "putki.yaml:", "is not a regular file (it is a FIFO)")
    assert stat.S_ISFIFO((plans / "putki.yaml").stat().st_mode)


def test_a_device_is_refused(tmp_path: Path) -> None:
    plans = plans_copy(tmp_path / "plans")
    survey = tmp_path / "kysely.csv"
    survey.write_text("Kysymys\n4\n", encoding="utf-8")
    run = run_plan("validate", "/dev/zero")
    assert_refused(run, 1, "/dev/zero:", "is not a regular file (it is a device)")
    run = run_plan("import-survey", survey, "--map", "/dev/zero", "--period", "2026", "-p", plans)
    assert_refused(run, 1, "/dev/zero:", "is not a regular file (it is a device)")
    assert run.seconds < 30


def test_a_dangling_link_is_not_a_plan(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    # an editor's lock file (`.#plan.yaml` → user@host.1234) is no plan and no error
    plans = plans_copy(tmp_path / "plans")
    (plans / ".#osallisuusohjelma.yaml").symlink_to("user@host.1234")
    result = invoke("validate", plans)
    assert result.exit_code == 0, result.output
