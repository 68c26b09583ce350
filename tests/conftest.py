"""Shared fixtures: the CLI in-process with a pinned width, the frozen test plans, tiny plans.

The tests own their data. `plans/` is the county's working data and changes every reporting
cycle, so only tests/test_plans_data.py reads it (and tests/test_workflow.py, which copies it to
run those tests after a planner's edits); every other test uses the frozen copy in
tests/fixtures/plans (FIXTURE_PLANS) or a small plan built in tmp_path.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

# rich reads these: a fixed width and no colour make outputs comparable everywhere
os.environ["COLUMNS"] = "120"
# the chart and template cache of the test run, not the user's
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="jarjesto-cli-test-cache-")
os.environ.pop("JARJESTO_CLI_NO_CACHE", None)
os.environ["NO_COLOR"] = "1"
# "today" is fixed for the tests (25.11.2026): defaults that follow the clock (a plan's current
# year, report dates) give the same results whenever the suite runs
os.environ["SOURCE_DATE_EPOCH"] = "1795608000"
os.environ.pop("FORCE_COLOR", None)

ROOT = Path(__file__).resolve().parents[1]
# the county's working data: read only by the data tests (tests/test_plans_data.py, and
# tests/test_workflow.py which runs them on an edited copy)
REPO_PLANS = ROOT / "plans"
# a frozen copy of plans/ (as corrected in issue 10) for every other test; its first line (the
# schema hint's path) differs, and the participation programme has no years here (plans/ gives
# it 2023 since issue 12; tests that need the years add them). Change it only with the tests
# that depend on it.
FIXTURE_PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
# the frozen plans with the living plan's data added (issue 14): actors, owners, schedules,
# priorities, measurements and statuses for 2026-Q3, a target change (T1.1.2) and an accepted
# disagreement (T1.2). Example values, not the county's: the documents give none of them yet.
LIVING_PLANS = Path(__file__).resolve().parent / "fixtures" / "living"
CORPUS = Path(__file__).resolve().parent / "corpus"
SOURCES = ROOT / "docs" / "sources"

SHARED_YAML = """\
organisaatio: Testialue
strategiset_tavoitteet:
  - id: S1
    nimi: Strateginen tavoite
strategiset_mittarit:
  - id: SM1
    nimi: Strateginen mittari
yleisöt:
  - id: lautakunta
    nimi: Lautakunta
    kertaa_vuodessa: 2
    suunnitelmat: [testi]
"""


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run `plan ARGS...` in-process; returns the click Result (stdout, stderr, exit_code)."""
    from jarjesto_cli.cli import app

    runner = CliRunner()

    def run(*args: object) -> Result:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture(autouse=True)
def outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test runs in an empty folder: nothing reads the repository's plans/ through the
    default `-p plans`, and nothing writes reports/ into the repository."""
    before = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    try:
        yield
    finally:
        os.chdir(before)


def copy_fixture_plans(target: Path) -> Path:
    """A writable copy of the frozen test plans at `target`."""
    shutil.copytree(FIXTURE_PLANS, target)
    return target


@pytest.fixture
def plans_copy(tmp_path: Path) -> Path:
    """A writable copy of the frozen test plans, for tests that edit them."""
    return copy_fixture_plans(tmp_path / "plans")


def make_plans(directory: Path, plan_yaml: str, *, shared: str = SHARED_YAML) -> Path:
    """A plans directory with the given plan (dedented) and a small shared file."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "vake.yaml").write_text(shared, encoding="utf-8")
    (directory / "testi.yaml").write_text(textwrap.dedent(plan_yaml), encoding="utf-8")
    return directory


@pytest.fixture
def tiny_plans(tmp_path: Path) -> Callable[[str], Path]:
    def make(plan_yaml: str) -> Path:
        return make_plans(tmp_path / "plans", plan_yaml)

    return make
