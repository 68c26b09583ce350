"""Run from any folder of the repository (issue 12 §13): the plans folder is found as git finds
its root, and named when it is not ./plans."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jarjesto_cli.files.finding import find_plans_dir
from tests.conftest import copy_fixture_plans


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "suunnitelmat"
    copy_fixture_plans(root / "plans")
    (root / ".git").mkdir()  # the top of a repository, as git marks it
    (root / "docs" / "kokoukset").mkdir(parents=True)
    return root


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("plans", "Using the plans in this folder"),
        ("docs/kokoukset", "Using the plans in ../../plans"),
        (".", None),
    ],
)
def test_commands_find_the_plans_from_any_folder(
    invoke: Callable[..., Result],
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    said: str | None,
) -> None:
    monkeypatch.chdir(repo / where)
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == "OK: 3 files valid.\n"
    if said is None:
        assert "Using the plans" not in result.stderr  # ./plans needs no word
    else:
        assert result.stderr.startswith(said + "\n")
    status = invoke("status", "--format", "json")
    assert status.exit_code == 0 and '"period": "2026"' in status.stdout


def test_the_search_stops_at_the_top_of_the_repository(
    invoke: Callable[..., Result], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = repo / "docs" / "toinen"
    (other / ".git").mkdir(parents=True)  # another repository inside this folder
    assert find_plans_dir(other) is None
    assert find_plans_dir(repo / "docs" / "kokoukset") == (repo / "plans").resolve()
    monkeypatch.chdir(other)
    result = invoke("status")
    assert result.exit_code == 2
    assert "plans: no such file or directory" in result.stderr


def test_reports_go_beside_the_plans_when_run_inside(
    invoke: Callable[..., Result], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "plans")
    result = invoke("report", "--audience", "hyte", "--period", "2023")
    assert result.exit_code == 0, result.output
    assert (repo / "reports" / "hyte-2023.md").exists()
    assert not (repo / "plans" / "reports").exists()  # nothing written into the plans folder
    export = invoke("export", "--period", "2023")
    assert export.exit_code == 0, export.output
    assert (repo / "reports" / "vienti-2023.csv").exists()
