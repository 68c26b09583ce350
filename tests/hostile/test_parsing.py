"""Plans that try to crash or exhaust the reader: nesting, size, numbers, merge conflicts, ids.

Each once ended in a segmentation fault (exit 139), a RecursionError or OverflowError (exit 3)
or minutes of work; each is now one line with file, line, what and how to fix, exit 1.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.hostile.helpers import assert_refused, plans_copy, run_plan, snapshot

NGO = "jarjestoyhteistyo-2026-2030.yaml"
OSALLISUUS = "osallisuusohjelma.yaml"


def with_file(tmp_path: Path, name: str, text: str) -> Path:
    plans = plans_copy(tmp_path / "plans")
    (plans / name).write_text(text, encoding="utf-8")
    return plans


def replaced(tmp_path: Path, name: str, old: str, new: str) -> Path:
    plans = plans_copy(tmp_path / "plans")
    path = plans / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return plans


@pytest.mark.parametrize("depth", [1_000, 10_000, 100_000])
def test_deep_nesting_is_one_line_not_a_crash(tmp_path: Path, depth: int) -> None:
    plans = with_file(tmp_path, "syva.yaml", "id: syva\nnimi: " + "[" * depth + "\n")
    before = snapshot(plans)
    for args in (["validate", plans], ["status", "-p", plans]):
        run = run_plan(*args)
        line = assert_refused(run, 1, "syva.yaml:2:", "nested more than 32 levels deep")
        assert "check the brackets and the indentation" in line
        assert run.seconds < 30
    assert snapshot(plans) == before


def test_deep_block_nesting_too(tmp_path: Path) -> None:
    text = "id: syva\nnimi: x\ntavoitteet:\n" + "".join(" " * i + "- \n" for i in range(0, 200, 2))
    plans = with_file(tmp_path, "syva.yaml", text)
    assert_refused(run_plan("validate", plans), 1, "syva.yaml:", "nested more than 32 levels")


def test_deep_map_file_for_import_survey(tmp_path: Path) -> None:
    plans = plans_copy(tmp_path / "plans")
    before = snapshot(plans)
    survey = tmp_path / "kysely.csv"
    survey.write_text("Kysymys;Toinen\n4;3\n", encoding="utf-8")
    bomb = tmp_path / "map.yaml"
    bomb.write_text("T1.1.2: " + "[" * 100_000 + "\n", encoding="utf-8")
    run = run_plan("import-survey", survey, "--map", bomb, "--period", "2026", "-p", plans)
    assert_refused(run, 1, "map.yaml:1:", "nested more than 32 levels deep")
    assert snapshot(plans) == before


def test_a_deep_file_at_a_git_revision_is_skipped_and_named(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    plans = plans_copy(repo / "plans")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    (plans / "syva.yaml").write_text("id: syva\nnimi: " + "[" * 100_000 + "\n", "utf-8")
    git("add", "-A")
    git("commit", "-qm", "syvä")
    (plans / "syva.yaml").unlink()
    run = run_plan("diff", "HEAD", "-p", plans, cwd=repo)
    assert run.code == 0, run.output
    assert "Traceback" not in run.output
    notes = [ln for ln in run.stdout.splitlines() if "syva.yaml" in ln]
    assert len(notes) == 1 and "nested more than 32 levels deep" in notes[0], run.output
    assert "ei ollut kelvollinen versiossa HEAD" in notes[0]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    # a 50 MB plan with one error at its end took 179 s and 2.3 GB
    plans = plans_copy(tmp_path / "plans")
    big = plans / "iso.yaml"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("id: iso\nnimi: Iso\ntavoitteet:\n")
        line = "  - id: X\n    nimi: " + "x" * 200 + "\n"
        fh.write(line * (50_000_000 // len(line)))
        fh.write("  - id: [virhe\n")
    run = run_plan("validate", plans)
    assert_refused(run, 1, "iso.yaml:1:", "is 50.0 MB; a YAML file may be at most 10.0 MB")
    assert run.seconds < 20


@pytest.mark.parametrize(
    "conflict",
    [
        # in a quoted text that spans lines: YAML reads the markers as part of the name
        'nimi: "Osallisuusohjelma\n<<<<<<< HEAD\n  meidän\n=======\n  heidän\n>>>>>>> haara"',
        "nimi: Osallisuusohjelma\n<<<<<<< HEAD\nomistaja: A\n=======\nomistaja: B\n>>>>>>> b",
    ],
)
def test_merge_conflict_markers_anywhere(tmp_path: Path, conflict: str) -> None:
    plans = replaced(tmp_path, OSALLISUUS, "nimi: Osallisuusohjelma", conflict)
    run = run_plan("validate", plans)
    line = assert_refused(run, 1, f"{OSALLISUUS}:5:1:", "unresolved merge conflict")
    assert "'<<<<<<<'" in line and "remove the marker lines" in line


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("            tavoite: 4\n", f"            tavoite: {10**400}\n", NGO, "tavoite: 1000"),
        ("asteikko: {min: 1, max: 5}", f"asteikko: {{min: 1, max: {10**400}}}", NGO, "max"),
        ("            arvo: 3.5\n", f"            arvo: {10**400}\n", OSALLISUUS, "arvo"),
        ("            arvo: 3.5\n", "            arvo: 1e400\n", OSALLISUUS, "arvo"),
    ],
)
def test_numbers_beyond_a_float_are_errors_at_their_line(
    tmp_path: Path, old: str, new: str, where: str, words: str
) -> None:
    plans = replaced(tmp_path, where, old, new)
    for args in (["validate", plans], ["status", "-p", plans]):
        run = run_plan(*args)
        assert run.code == 1, run.output
        assert "Traceback" not in run.output and "This is a bug" not in run.output
        assert f"{where}:" in run.output and words in run.output, run.output
        assert "too large" in run.output or "should be a number" in run.output, run.output


def test_a_number_of_5000_digits(tmp_path: Path) -> None:
    plans = replaced(
        tmp_path, NGO, "            tavoite: 4\n", f"            tavoite: {'9' * 5000}\n"
    )
    run = run_plan("validate", plans)
    line = assert_refused(run, 1, f"{NGO}:", "cannot read")
    assert "as a number" in line and len(line) < 400  # the digits are not echoed


def test_an_absurd_n_is_refused(tmp_path: Path) -> None:
    plans = replaced(
        tmp_path,
        OSALLISUUS,
        "            arvo: 3.5\n",
        f"            arvo: 3.5\n            n: {10**400}\n",
    )
    run = run_plan("validate", plans)
    assert_refused(run, 1, f"{OSALLISUUS}:", "n: ", "out of range")


def test_a_plan_id_of_300_characters_is_refused(tmp_path: Path) -> None:
    # it validated, and then the report failed on a file name too long
    long_id = "a" * 300
    plans = replaced(tmp_path, OSALLISUUS, "id: osallisuusohjelma", f"id: {long_id}")
    run = run_plan("validate", plans)
    assert run.code == 1 and "Traceback" not in run.output
    assert f"{OSALLISUUS}:3:5: id: is 300 characters long; at most 64 are allowed" in run.stdout


@pytest.mark.parametrize(("length", "words"), [(150, "a key of 150 characters"), (5000, "YAML")])
def test_a_long_key_is_not_echoed_at_length(tmp_path: Path, length: int, words: str) -> None:
    # (libyaml itself refuses a key longer than 1024 characters, as a syntax error)
    plans = replaced(tmp_path, OSALLISUUS, "nimi: Osallisuusohjelma", "x" * length + ": 1")
    run = run_plan("validate", plans)
    line = assert_refused(run, 1, f"{OSALLISUUS}:4:", words)
    assert "x" * 100 not in line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("id: a\nnimi: b\ntavoitteet: []\n---\nid: c\n", "a second YAML document"),
        ("id: a\nnimi: &n b\ntavoitteet: *n\n", "anchors and aliases"),
        ("id: !!binary YQ==\nnimi: b\ntavoitteet: []\n", "YAML tags are not allowed"),
        ("? [a, b]\n: 1\n", "a key is a list or a mapping"),
    ],
)
def test_yaml_features_plans_do_not_use(tmp_path: Path, text: str, words: str) -> None:
    plans = with_file(tmp_path, "outo.yaml", text)
    assert_refused(run_plan("validate", plans), 1, "outo.yaml:", words)
