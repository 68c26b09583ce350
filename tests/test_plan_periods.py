"""Periods against the plan's years and today (issue 12 §4): a slip such as 2062 for 2026 is
refused by the write commands and warned about by `validate`; `2023-q4` is a period too."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.test_import_survey import FIXTURES, MAP

NGO_FILE = "jarjestoyhteistyo-2026-2030.yaml"


def files(plans: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in plans.iterdir()}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("record", "T1.2.3", "--period", "2062", "--value", "5"),
            "--period: T1.2.3: 2062 is outside the years of jarjestoyhteistyo-2026-2030, "
            "2026–2030 — check the year",
        ),
        (
            ("record", "T1.2.1", "--period", "2027", "--value", "kyllä"),
            "--period: T1.2.1: 2027 has not begun yet (it begins 1.1.2027)",
        ),
        (
            ("set-status", "T1.2", "--period", "2031", "--status", "ei", "--text", "x"),
            "2031 is outside the years of jarjestoyhteistyo-2026-2030",
        ),
        (
            ("import-survey", FIXTURES / "webropol-pilkku.csv", "--map", MAP, "--period", "2025"),
            "T1.1.2: 2025 is outside the years of jarjestoyhteistyo-2026-2030",
        ),
    ],
)
def test_the_write_commands_refuse_a_period_outside_the_plan(
    invoke: Callable[..., Result], plans_copy: Path, args: tuple[object, ...], words: str
) -> None:
    before = files(plans_copy)
    result = invoke(*args, "-p", plans_copy)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Traceback" not in result.output
    assert files(plans_copy) == before


def test_a_note_for_a_coming_period_is_fine(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    note = "Kysely tehdään keväällä 2027."
    result = invoke("record", "T1.1.2", "--period", "2027", "--note", note, "-p", plans_copy)
    assert result.exit_code == 0, result.output
    assert "Kysely tehdään" in (plans_copy / NGO_FILE).read_text(encoding="utf-8")


def test_validate_warns_about_a_period_outside_the_years_or_to_come(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    path = plans_copy / NGO_FILE
    text = path.read_text(encoding="utf-8")
    old = "            tyyppi: kyllä-ei\n            kuvaus: kyllä/ei/osittain\n"
    assert old in text
    path.write_text(
        text.replace(
            old,
            old + "            mittaukset:\n              - {kausi: 2062, arvo: kyllä}\n"
            "              - {kausi: 2027-H1, arvo: ei}\n",
            1,
        ),
        encoding="utf-8",
    )
    result = invoke("validate", plans_copy)
    assert result.exit_code == 0, result.output  # warnings: the data may be right
    assert (
        "warning: T1.1.1 › mittaukset › 2062 › kausi: 2062 is outside the years of "
        "jarjestoyhteistyo-2026-2030, 2026–2030" in result.stdout
    )
    assert (
        "warning: T1.1.1 › mittaukset › 2027-H1 › kausi: 2027-H1 has not begun yet "
        "(it begins 1.1.2027)" in result.stdout
    )
    assert invoke("validate", "--strict", plans_copy).exit_code == 1


def test_lower_case_periods_are_periods(invoke: Callable[..., Result], plans_copy: Path) -> None:
    result = invoke("record", "T1.1.2", "--period", "2026-h1", "--value", "3,8", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    assert "T1.1.2 2026-H1 arvo: – → 3,8" in result.stdout
    path = plans_copy / "osallisuusohjelma.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("kausi: 2023-Q4", "kausi: 2023-q4"),
        encoding="utf-8",
    )
    assert invoke("validate", plans_copy).exit_code == 0
    data = json.loads(
        invoke(
            "status", "O1.M1", "--period", "2023-q4", "--format", "json", "-p", plans_copy
        ).stdout
    )
    assert data["period"] == "2023-Q4"
    (goal,) = data["plans"][0]["goals"]
    assert goal["indicators"][0]["latest_period"] == "2023-Q4"
