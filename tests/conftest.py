"""Shared fixtures: the CLI in-process with a pinned width, copies of the real plans, tiny plans."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

# rich reads these: a fixed width and no colour make outputs comparable everywhere
os.environ["COLUMNS"] = "120"
# the chart and template cache of the test run, not the user's
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="jarjesto-cli-test-cache-")
os.environ.pop("JARJESTO_CLI_NO_CACHE", None)
os.environ["NO_COLOR"] = "1"
os.environ.pop("FORCE_COLOR", None)

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
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


@pytest.fixture
def plans_copy(tmp_path: Path) -> Path:
    """A writable copy of the real plans directory."""
    target = tmp_path / "plans"
    shutil.copytree(PLANS, target)
    return target


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
