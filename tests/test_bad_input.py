"""Every file in tests/corpus gets one clear error: the file, the line, what is wrong; exit 1."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import CORPUS, copy_fixture_plans

# corpus file → (line of the problem, words the message must contain)
EXPECTED: dict[str, tuple[int, str]] = {
    "alias-bomb.yaml": (4, "anchors and aliases"),
    "bad-date.yaml": (4, "käsittelyt › kohta 1 › päivä: should be a date"),
    "bad-id.yaml": (4, "not a valid identifier"),
    "bad-period.yaml": (10, "'2026-Q5' is not a period"),
    "binary.yaml": (2, "binary file"),
    "dangling-reference.yaml": (6, "unknown strategy goal 'S9'"),
    "duplicate-key.yaml": (3, 'the key "nimi" appears twice'),
    "duplicate-measurement.yaml": (16, "two measurements for 2026-H1"),
    "empty.yaml": (1, "is empty"),
    "empty-measurement.yaml": (14, "needs `arvo` or at least a `huomio`"),
    "missing-key.yaml": (1, "required key 'nimi' is missing"),
    "negative-count.yaml": (15, "cannot be negative"),
    "non-utf8.yaml": (2, "not valid UTF-8"),
    "not-a-list.yaml": (3, "tavoitteet: should be a list"),
    "only-comments.yaml": (1, "is empty"),
    "out-of-range.yaml": (18, "value 7 is outside the scale 1–5"),
    "python-tag.yaml": (2, "YAML tags are not allowed"),
    "scalar.yaml": (1, "top level is a single value"),
    "syntax-error.yaml": (4, "YAML syntax error"),
    "tabs.yaml": (4, "tab character"),
    "top-level-list.yaml": (1, "top level is a list"),
    "unknown-audience.yaml": (4, "unknown audience 'valtuusto'"),
    "unknown-key.yaml": (12, "unknown key 'tekstii' — did you mean 'teksti'?"),
    "unknown-kind.yaml": (10, "unknown indicator kind (tyyppi) 'prosentti'"),
    "unknown-status.yaml": (11, "'valmis' is not allowed here — write one of: toteutuu"),
    "wrong-type.yaml": (13, "tavoite: should be a number"),
    "wrong-yesno.yaml": (15, "'joo' is not allowed here"),
}
# problems that are about the clash between two files are reported on the later file
CLASHES = {
    "duplicate-id.yaml": ("jarjestoyhteistyo-2026-2030.yaml", "duplicate id 'T1.1' (first used at"),
    "duplicate-plan-id.yaml": ("osallisuusohjelma.yaml", "duplicate plan id 'osallisuusohjelma'"),
}


def test_every_corpus_file_has_an_expectation() -> None:
    assert {p.name for p in CORPUS.iterdir()} == set(EXPECTED) | set(CLASHES)


def plans_with(tmp_path: Path, name: str) -> Path:
    """The frozen test plans with one corpus file added."""
    target = copy_fixture_plans(tmp_path / "plans")
    shutil.copy(CORPUS / name, target / name)
    return target


def assert_clean_failure(result: Result) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_in_plans_dir(name: str, tmp_path: Path, invoke: Callable[..., Result]) -> None:
    result = invoke("validate", plans_with(tmp_path, name))
    assert_clean_failure(result)
    line, words = EXPECTED[name]
    problem_lines = [ln for ln in result.stdout.splitlines() if f"{name}:" in ln]
    assert len(problem_lines) == 1, result.output
    assert f"{name}:{line}:" in problem_lines[0], result.output
    assert words in problem_lines[0], result.output
    assert "1 error" in result.stdout


@pytest.mark.parametrize("name", sorted(CLASHES))
def test_clashes_name_both_files(name: str, tmp_path: Path, invoke: Callable[..., Result]) -> None:
    result = invoke("validate", plans_with(tmp_path, name))
    assert_clean_failure(result)
    reported_in, words = CLASHES[name]
    assert words in result.stdout and reported_in in result.stdout and name in result.stdout


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_alone_in_json(
    name: str, tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    import json

    result = invoke("validate", "--format", "json", plans_with(tmp_path, name) / name)
    assert_clean_failure(result)
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [p["line"] for p in data["problems"]] == [EXPECTED[name][0]]


def test_python_tag_never_runs(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    marker = Path("/tmp/jarjesto-cli-pwned")
    marker.unlink(missing_ok=True)
    invoke("validate", plans_with(tmp_path, "python-tag.yaml"))
    assert not marker.exists()


def test_commands_that_need_valid_plans_refuse_with_the_first_problem(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    result = invoke("status", "-p", plans_with(tmp_path, "out-of-range.yaml"))
    assert_clean_failure(result)
    assert result.stderr.startswith("Error: ")
    assert "out-of-range.yaml:18:" in result.stderr
