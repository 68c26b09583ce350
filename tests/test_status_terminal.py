"""`plan status` in a terminal (issue 12 §5–6): an overview that fits a screen, details wrapped
at word boundaries, each goal's counts with the goal, long output through a pager."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from jarjesto_cli.domain.summary import summarize
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.layout import cells, fit, plain, wrap
from jarjesto_cli.outputs.status_view import details, first_of_interest, node_details, overview
from tests.conftest import FIXTURE_PLANS, copy_fixture_plans
from tests.terminal import in_terminal

needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def summary(period: str | None = None):  # type: ignore[no-untyped-def]
    from jarjesto_cli.domain.periods import Period

    wanted = Period.parse(period) if period else None
    import datetime as dt

    return summarize(load_valid(FIXTURE_PLANS), period=wanted, today=dt.date(2026, 11, 25))


def all_names() -> list[str]:
    planset = load_valid(FIXTURE_PLANS)
    return [
        n.indicator.name if n.indicator else (n.measure or n.goal or n.plan).name
        for n in planset.nodes()
        if n.kind != "plan"
    ]


# --- layout -------------------------------------------------------------------------------------


def test_wrap_breaks_only_between_words() -> None:
    text = "Tarjoamme tietoa osallistumismahdollisuuksista eri kanavia hyödyntäen"
    lines = wrap(text, 20)
    assert lines == [
        "Tarjoamme tietoa",
        "osallistumismahdollisuuksista",
        "eri kanavia",
        "hyödyntäen",
    ]
    assert " ".join(lines) == text


def test_fit_cuts_after_a_whole_word() -> None:
    assert fit("Otamme eri ryhmät mukaan hyvinvointialueen toiminnan suunnitteluun", 40) == (
        "Otamme eri ryhmät mukaan …"
    )
    assert fit("Lyhyt nimi", 40) == "Lyhyt nimi"
    assert cells("✅ 2") == 4  # an emoji takes two columns


@pytest.mark.parametrize("width", [60, 80, 120])
def test_details_fit_the_width_and_keep_every_word_whole(width: int) -> None:
    text = plain(details(summary("2026-H2"), width, quiet_plans=False))
    assert max(cells(line) for line in text.splitlines()) <= width
    words = set(text.split())
    for name in all_names():
        for word in name.split():
            assert word in words, word  # never broken in the middle
    assert "osallistumismahdollisuuksista" in words


def test_a_goals_counts_come_under_its_name_before_its_measures() -> None:
    lines = plain(details(summary("2023"), 80)).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("O4  "))
    counts = next(i for i in range(at, len(lines)) if "toteutuu ·" in lines[i])
    first_measure = next(i for i in range(at, len(lines)) if lines[i].strip().startswith("O4.1 "))
    assert at < counts < first_measure
    assert lines[counts].strip() == (
        "✅ 1 toteutuu · 🟡 2 toteutuu osittain · ❌ 1 ei toteudu · ⚪ 0 ei tietoa"
    )


def test_overview_fits_a_screen_and_names_what_is_off_track() -> None:
    text = plain(overview(summary(), 80))
    lines = text.splitlines()
    assert len(lines) <= 24 and max(cells(line) for line in lines) <= 80
    # a plan without data for its period: one line, not a table of "ei tietoa"
    assert "  kausi 2026: ei vielä tietoja · 3 tavoitetta, 10 toimenpidettä, 27 mittaria" in lines
    assert "T1.1" not in text
    # each goal on one line with its counts; what is not met, by id and name
    o4 = next(line for line in lines if line.startswith("  O4 "))
    assert o4.split()[-4:] == ["1", "2", "1", "0"]
    assert any(line.startswith("    O4.3 Päätösten ennakkovaikutusten") for line in lines)
    assert first_of_interest(summary()) == "O4.3"  # the command says: plan status O4.3


def test_a_plan_not_started_is_said_to_be_so() -> None:
    text = plain(overview(summary("2023"), 80))
    assert "ei alkanut vielä kaudella 2023 (alkaa 2026) · 3 tavoitetta" in text
    assert "ei vielä tietoja" not in text


def test_a_measure_in_full_with_its_narrative_and_values() -> None:
    text = plain(node_details(summary("2023"), "O4.3", 80))
    assert text.splitlines()[:3] == [
        "Osallisuusohjelma",
        "kausi 2023",
        "O4 Mahdollistamme osallistumisen itseä ja hyvinvointialuetta koskevaan …",
    ]
    assert "❌ ei toteudu · raportoitu 2023" in text
    assert "ennakkoarvioinnille" in text  # the narrative, wrapped
    indicator = plain(node_details(summary("2023"), "O1.M1", 80))
    assert "2023-Q1  2,9" in indicator and "2023-Q4  3,5" in indicator


# --- in a real terminal -------------------------------------------------------------------------


@needs_pty
def test_plan_status_in_an_80_column_terminal() -> None:
    code, raw, text = in_terminal(["status", "-p", FIXTURE_PLANS], env={"PAGER": "cat"})
    assert code == 0, text
    assert "\x1b[" in raw  # a terminal gets colour
    lines = text.splitlines()
    assert max(cells(line) for line in lines) <= 80
    assert len(lines) <= 24  # the summary fits a screen
    assert "❌ Ei toteudu (1)" in text and "O4.3" in text


@needs_pty
def test_long_output_goes_through_the_pager_short_does_not(tmp_path: Path) -> None:
    got = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(got)!r}, 'w').write(sys.stdin.read())\""
    code, _, text = in_terminal(["status", "-p", FIXTURE_PLANS], env={"PAGER": pager})
    assert code == 0 and not got.exists(), text  # the summary fits: no pager
    code, _, text = in_terminal(
        ["status", "--details", "-p", FIXTURE_PLANS], rows=24, env={"PAGER": pager}
    )
    assert code == 0, text
    paged = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", got.read_text(encoding="utf-8"))
    assert "O4.3" in paged and "Tilanne kaudella" in paged
    assert "O4.3" not in text  # it went to the pager, not straight to the screen
    got.unlink()
    code, _, text = in_terminal(
        ["status", "--details", "-p", FIXTURE_PLANS], rows=24, env={"PAGER": "cat"}
    )
    assert code == 0 and "O4.3" in text and not got.exists()  # PAGER=cat: no pager


def test_piped_output_is_never_paged(tmp_path: Path) -> None:
    import os
    import subprocess

    got = tmp_path / "paged.txt"
    done = subprocess.run(
        [sys.executable, "-m", "jarjesto_cli", "status", "--details", "-p", str(FIXTURE_PLANS)],
        capture_output=True,
        text=True,
        env={**os.environ, "PAGER": f"touch {got}"},
        check=False,
    )
    assert done.returncode == 0 and "O4.3" in done.stdout and not got.exists()


@needs_pty
def test_status_runs_from_inside_the_plans_folder(tmp_path: Path) -> None:
    """§13 in a terminal: `cd plans && plan status` as at the repository's top."""
    repo = tmp_path / "repo"
    copy_fixture_plans(repo / "plans")
    (repo / ".git").mkdir()
    code, _, text = in_terminal(["status"], cwd=repo / "plans", env={"PAGER": "cat"})
    assert code == 0, text
    assert "Using the plans in this folder" in text
    assert "Tilanne kaudella 2026" in text


def test_a_measure_not_started_gets_its_own_column_that_still_fits_80_columns() -> None:
    import datetime as dt

    from jarjesto_cli.domain.periods import Period
    from tests.conftest import LIVING_PLANS

    living = summarize(
        load_valid(LIVING_PLANS), period=Period.parse("2026-Q3"), today=dt.date(2026, 11, 25)
    )
    lines = plain(overview(living, 80)).splitlines()
    assert max(cells(line) for line in lines) <= 80
    # the column of "not started" beside the four, each goal's counts on its own row
    t1 = next(line for line in lines if line.startswith("  T1 "))
    assert t1.split()[-5:] == ["1", "1", "0", "0", "1"]
    # a count is never split from its words
    assert any(line.strip().startswith("⏳ 1 ei vielä alkanut") for line in lines)
    assert not any(line.rstrip().endswith("· ⏳") for line in lines)
    # the plan without schedules keeps its four columns
    o4 = next(line for line in lines if line.startswith("  O4 "))
    assert o4.split()[-4:] == ["1", "2", "1", "0"] and "⏳" not in o4
