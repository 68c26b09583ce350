from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from tests.conftest import FIXTURE_PLANS


def test_table_is_plain_text_when_not_a_terminal(invoke: Callable[..., Result]) -> None:
    result = invoke("status", "-p", FIXTURE_PLANS)
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    # each plan at its own period: the NGO plan's current year, the programme's last data
    assert "Tilanne kaudella 2026" in result.stdout
    assert "kausi 2026: ei vielä tietoja" in result.stdout
    assert "viimeisimmät tiedot kaudelta 2023" in result.stdout
    assert (
        "✅ 14 toteutuu · 🟡 8 toteutuu osittain · ❌ 1 ei toteudu · ⚪ 0 ei tietoa"
        in result.stdout
    )
    assert "O4.3" in result.stdout and "❌ Ei toteudu (1)" in result.stdout
    assert result.stdout.endswith("\nTarkemmin: plan status O4.3 tai plan status --details\n")
    details = invoke("status", "-p", FIXTURE_PLANS, "--details", "--period", "2026-H2")
    assert details.exit_code == 0, details.output
    assert "O4.3     ❌ ei toteudu" in details.stdout and "\x1b[" not in details.stdout
    # one line per goal, measure and indicator, to grep; the NGO plan has no data: one line
    assert "kausi 2026-H2: ei vielä tietoja · 3 tavoitetta" in details.stdout
    assert "T3.4.1" not in details.stdout
    ngo = invoke("status", "-p", FIXTURE_PLANS, "--plan", "jarjestoyhteistyo-2026-2030")
    assert "T3.4.1" in ngo.stdout  # asked for by name, the plan is shown in full


def test_json_interface(invoke: Callable[..., Result]) -> None:
    result = invoke("status", "-p", FIXTURE_PLANS, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == "2026"
    plans = {p["id"]: p for p in data["plans"]}
    assert (plans["osallisuusohjelma"]["period"], plans["osallisuusohjelma"]["current"]) == (
        "2023",
        False,
    )
    ngo_plan = plans["jarjestoyhteistyo-2026-2030"]
    assert (ngo_plan["period"], ngo_plan["phase"], ngo_plan["current"]) == ("2026", "running", True)
    assert data["counts"]["ei_tietoa"] == 10 and data["counts"]["toteutuu"] == 0
    assert set(plans) == {"jarjestoyhteistyo-2026-2030", "osallisuusohjelma"}
    osallisuus = plans["osallisuusohjelma"]
    assert osallisuus["counts"] == {
        "toteutuu": 14,
        "osittain": 8,
        "ei_toteudu": 1,
        "ei_tietoa": 0,
        "ei_alkanut": 0,
    }
    goal = osallisuus["goals"][0]
    assert set(goal) >= {"id", "title", "counts", "indicators", "measures"}
    measure = goal["measures"][0]
    assert measure["id"] == "O1.1"
    assert measure["status"] == "toteutuu osittain" and measure["status_source"] == "reported"
    assert measure["narrative"].startswith("Hyvinvointialueen verkkosivuja kehitetään")
    indicator = goal["indicators"][0]
    assert indicator["id"] == "O1.M1" and indicator["kind"] == "asteikko"
    assert indicator["latest"] == 3.5 and indicator["trend"] == "nousee"
    assert [m["value"] for m in indicator["measurements"]] == [2.9, 3.0, 3.3, 3.5]
    assert [m["period"] for m in indicator["measurements"]] == [
        "2023-Q1",
        "2023-Q2",
        "2023-Q3",
        "2023-Q4",
    ]
    ngo = plans["jarjestoyhteistyo-2026-2030"]
    assert ngo["counts"]["ei_tietoa"] == 10
    ind = ngo["goals"][0]["measures"][0]["indicators"][1]
    assert (ind["id"], ind["kind"], ind["target"], ind["met"]) == ("T1.1.2", "asteikko", 4, None)
    assert ngo["goals"][0]["measures"][0]["status_source"] == "derived"


def test_period_limits_what_is_known(invoke: Callable[..., Result]) -> None:
    args = ["--format", "json", "--period", "2023-Q2", "--plan", "osallisuusohjelma"]
    data = json.loads(invoke("status", "-p", FIXTURE_PLANS, *args).stdout)
    assert data["period"] == "2023-Q2"
    (plan,) = data["plans"]
    assert plan["counts"] == {
        "toteutuu": 0,
        "osittain": 0,
        "ei_toteudu": 0,
        "ei_tietoa": 23,
        "ei_alkanut": 0,
    }
    indicator = plan["goals"][0]["indicators"][0]
    assert indicator["latest"] == 3.0 and len(indicator["measurements"]) == 2


def test_a_plan_before_its_years_is_not_started_and_not_counted(
    invoke: Callable[..., Result],
) -> None:
    data = json.loads(
        invoke("status", "-p", FIXTURE_PLANS, "--format", "json", "--period", "2023").stdout
    )
    plans = {p["id"]: p for p in data["plans"]}
    ngo = plans["jarjestoyhteistyo-2026-2030"]
    assert (ngo["phase"], ngo["current"]) == ("not_started", False)
    assert data["counts"] == {
        "toteutuu": 14,
        "osittain": 8,
        "ei_toteudu": 1,
        "ei_tietoa": 0,
        "ei_alkanut": 0,
    }
    text = invoke("status", "-p", FIXTURE_PLANS, "--period", "2023").stdout
    assert "ei alkanut vielä kaudella 2023 (alkaa 2026)" in text


def test_a_plan_without_data_for_the_period_shows_its_last_known_state(
    invoke: Callable[..., Result],
) -> None:
    data = json.loads(
        invoke("status", "-p", FIXTURE_PLANS, "--format", "json", "--period", "2026-H1").stdout
    )
    plans = {p["id"]: p for p in data["plans"]}
    ohjelma = plans["osallisuusohjelma"]
    assert (ohjelma["period"], ohjelma["current"]) == ("2023", False)
    assert ohjelma["counts"]["toteutuu"] == 14  # its 2023 statuses, kept out of the totals
    assert data["counts"] == {
        "toteutuu": 0,
        "osittain": 0,
        "ei_toteudu": 0,
        "ei_tietoa": 10,
        "ei_alkanut": 0,
    }


def test_goal_filter(invoke: Callable[..., Result]) -> None:
    data = json.loads(
        invoke("status", "-p", FIXTURE_PLANS, "--format", "json", "--goal", "O4").stdout
    )
    assert [p["id"] for p in data["plans"]] == ["osallisuusohjelma"]
    assert [g["id"] for g in data["plans"][0]["goals"]] == ["O4"]
    assert data["counts"] == {
        "toteutuu": 1,
        "osittain": 2,
        "ei_toteudu": 1,
        "ei_tietoa": 0,
        "ei_alkanut": 0,
    }


def test_markdown(invoke: Callable[..., Result]) -> None:
    result = invoke("status", "-p", FIXTURE_PLANS, "--format", "md", "--goal", "O1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# Tilanne kaudella 2023"
    assert "| Id | Toimenpide / mittari | Tila | Viimeisin | Tavoite | Trendi |" in lines
    assert any(
        ln.startswith("| O1.M1 | Tiedän miten hoitoni/palveluni jatkuu |") and "3,5 (2023-Q4)" in ln
        for ln in lines
    )
    rows = [ln for ln in lines if ln.startswith("| **O1.")]
    assert len(rows) == 3 and all(ln.count(" | ") == 5 for ln in rows)


def test_unknown_plan_goal_and_period_are_usage_errors(invoke: Callable[..., Result]) -> None:
    for args, words in [
        (("--plan", "nope"), "no plan with id 'nope'"),
        (("--goal", "O9"), "no goal with id 'O9'"),
        (("--goal", "O1.1"), "'O1.1' is a measure, not a goal"),
        (("--period", "2023-Q5"), "'2023-Q5' is not a period"),
    ]:
        result = invoke("status", "-p", FIXTURE_PLANS, *args)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.stderr
        assert "Traceback" not in result.output


def test_missing_plans_dir(invoke: Callable[..., Result], tmp_path: Path) -> None:
    result = invoke("status", "-p", tmp_path / "none")
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr


def test_warnings_go_to_stderr(
    invoke: Callable[..., Result], tiny_plans: Callable[[str], Path]
) -> None:
    from tests.test_validate_cli import WARNING_PLAN

    result = invoke("status", "-p", tiny_plans(WARNING_PLAN), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    measure = data["plans"][0]["goals"][0]["measures"][0]
    assert measure["disagrees"] is True and measure["derived_status"] == "ei toteudu"
    assert "warning:" in result.stderr


def test_version_and_help(invoke: Callable[..., Result]) -> None:
    assert invoke("--version").stdout.startswith("plan (jarjesto-cli) ")
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("validate", "status", "schema"):
        assert command in result.stdout


def test_module_entry_point_runs() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "jarjesto_cli",
            "status",
            "-p",
            str(FIXTURE_PLANS),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"] == "2026"
