"""The README's pre-commit example works (issue 12 §16): run by pre-commit itself on a
repository like this one, it passes good plans and stops a commit with a broken one.
(.ci/run checks the published hook, .pre-commit-hooks.yaml, with `pre-commit try-repo`.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jarjesto_cli.files import yaml_io
from tests.conftest import ROOT, copy_fixture_plans


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(
        r"```yaml\n(# \.pre-commit-config\.yaml at the top of this repository\n.*?)```",
        readme,
        re.S,
    )
    assert found, "the README has no .pre-commit-config.yaml example"
    return found.group(1)


def test_the_repository_uses_the_example() -> None:
    assert (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8") == readme_example()


def test_the_example_is_the_published_hook() -> None:
    example = yaml_io.parse(Path("x.yaml"), readme_example())
    (hook,) = example["repos"][0]["hooks"]
    (published,) = yaml_io.load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == published["id"] == "plan-validate"
    assert hook["files"] == published["files"]
    assert hook["entry"].endswith(published["entry"])  # the same command, from .venv/bin


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="the example's entry is a POSIX path")
def test_the_readme_example_runs_under_pre_commit(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    repo = tmp_path / "repo"
    copy_fixture_plans(repo / "plans")
    (repo / ".pre-commit-config.yaml").write_text(readme_example(), encoding="utf-8")
    # what `make run` leaves: .venv/bin/plan (here the plan of the interpreter running the tests)
    plan = repo / ".venv" / "bin" / "plan"
    plan.parent.mkdir(parents=True)
    plan.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m jarjesto_cli "$@"\n', "utf-8")
    plan.chmod(0o755)
    (repo / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    good = pre_commit(repo, "run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"plan validate\.+Passed", good.stdout), good.stdout

    path = repo / "plans" / "osallisuusohjelma.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("tila: ei toteudu", "tila: valmis"), "utf-8"
    )
    git(repo, "add", ".")
    bad = pre_commit(repo, "run", "--files", "plans/osallisuusohjelma.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"plan validate\.+Failed", bad.stdout), bad.stdout
    assert "O4.3 › raportit › 2023 › tila: 'valmis' is not allowed here" in bad.stdout
