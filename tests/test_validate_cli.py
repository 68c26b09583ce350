from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import FIXTURE_PLANS


def test_valid_plans(invoke: Callable[..., Result]) -> None:
    result = invoke("validate", FIXTURE_PLANS)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "OK: 3 files valid."


def test_default_path_is_plans_option(invoke: Callable[..., Result]) -> None:
    result = invoke("validate", "-p", FIXTURE_PLANS)
    assert result.exit_code == 0, result.output


def test_without_a_path_the_plans_folder_here_is_read(
    invoke: Callable[..., Result], plans_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plans_copy.parent)
    assert invoke("validate").stdout.strip() == "OK: 3 files valid."
    (plans_copy / "vake.yaml").unlink()
    result = invoke("validate")
    assert result.exit_code == 1 and "unknown strategy goal" in result.stdout, result.output


def test_missing_path_is_usage_error(invoke: Callable[..., Result], tmp_path: Path) -> None:
    result = invoke("validate", tmp_path / "nope")
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr


def test_empty_directory_is_usage_error(invoke: Callable[..., Result], tmp_path: Path) -> None:
    result = invoke("validate", tmp_path)
    assert result.exit_code == 2
    assert "no .yaml files" in result.stderr


def test_bad_format_is_usage_error(invoke: Callable[..., Result]) -> None:
    result = invoke("validate", "--format", "xml", FIXTURE_PLANS)
    assert result.exit_code == 2


def test_single_file_resolves_references_from_its_siblings(invoke: Callable[..., Result]) -> None:
    result = invoke("validate", FIXTURE_PLANS / "jarjestoyhteistyo-2026-2030.yaml")
    assert result.exit_code == 0, result.output
    assert "1 file valid" in result.stdout


WARNING_PLAN = """\
id: testi
nimi: Testi
tavoitteet:
  - id: A1
    nimi: Tavoite
    toimenpiteet:
      - id: A1.1
        nimi: Toimenpide
        mittarit:
          - id: A1.1.1
            nimi: Malli
            tyyppi: kyllä-ei
            mittaukset:
              - kausi: 2026
                arvo: ei
        raportit:
          - kausi: 2026
            tila: toteutuu
"""


def test_disagreement_is_a_warning_not_an_error(
    invoke: Callable[..., Result], tiny_plans: Callable[[str], Path]
) -> None:
    plans = tiny_plans(WARNING_PLAN)
    result = invoke("validate", plans)
    assert result.exit_code == 0, result.output
    assert (
        "testi.yaml:18:19: warning: tavoitteet[0].toimenpiteet[0].raportit[0].tila:"
        in result.stdout
    )
    assert "reported 'toteutuu' for 2026, but its indicators give 'ei toteudu'" in result.stdout
    strict = invoke("validate", "--strict", plans)
    assert strict.exit_code == 1


def test_github_annotations(
    invoke: Callable[..., Result], tiny_plans: Callable[[str], Path]
) -> None:
    plans = tiny_plans(WARNING_PLAN.replace("tila: toteutuu", "tila: valmis"))
    result = invoke("validate", "--format", "github", plans)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=")
    assert (
        "testi.yaml,line=18,col=19,title=tavoitteet[0].toimenpiteet[0].raportit[0].tila::" in first
    )
    assert first.endswith("write one of: toteutuu, toteutuu osittain or ei toteudu")


def test_json_format(invoke: Callable[..., Result], tiny_plans: Callable[[str], Path]) -> None:
    plans = tiny_plans(WARNING_PLAN)
    data = json.loads(invoke("validate", "--format", "json", plans).stdout)
    assert data["ok"] is True and data["errors"] == 0 and data["warnings"] == 1
    (problem,) = data["problems"]
    assert problem["severity"] == "warning"
    assert problem["line"] == 18 and problem["file"].endswith("testi.yaml")
    assert problem["keypath"] == "tavoitteet[0].toimenpiteet[0].raportit[0].tila"


def test_many_problems_are_all_reported_in_file_order(
    invoke: Callable[..., Result], tiny_plans: Callable[[str], Path]
) -> None:
    broken = WARNING_PLAN.replace("nimi: Malli", "nimi: 12").replace("tila: toteutuu", "tila: ok")
    broken = broken.replace("nimi: Tavoite", "nimi: Tavoite\n    strategiset_mittarit: [SM7]")
    result = invoke("validate", tiny_plans(broken))
    assert result.exit_code == 1
    lines = [ln for ln in result.stdout.splitlines() if "testi.yaml" in ln]
    # structure errors stop the cross-file checks for that file: two errors, in line order
    assert [ln.split(":")[1] for ln in lines] == ["12", "19"], result.output
    assert "should be text, not 12" in lines[0]


def test_unknown_strategy_metric(
    invoke: Callable[..., Result], tiny_plans: Callable[[str], Path]
) -> None:
    plan = WARNING_PLAN.replace(
        "nimi: Tavoite", "nimi: Tavoite\n    strategiset_mittarit: [SM1, SM7]"
    )
    result = invoke("validate", tiny_plans(plan))
    assert result.exit_code == 1
    assert "strategiset_mittarit[1]: unknown strategy metric 'SM7'" in result.stdout
    assert "known strategy metrics in" in result.stdout and "SM1" in result.stdout


def test_measure_under_wrong_goal_is_a_warning(
    invoke: Callable[..., Result], tiny_plans: Callable[[str], Path]
) -> None:
    result = invoke("validate", tiny_plans(WARNING_PLAN.replace("id: A1.1\n", "id: B1.1\n")))
    assert "'B1.1' sits under 'A1' but its id does not start with 'A1.'" in result.stdout


def test_audience_naming_an_unknown_plan(invoke: Callable[..., Result], tmp_path: Path) -> None:
    from tests.conftest import SHARED_YAML, make_plans

    plans = make_plans(
        tmp_path / "p", WARNING_PLAN, shared=SHARED_YAML.replace("[testi]", "[testi, muu]")
    )
    result = invoke("validate", plans)
    assert result.exit_code == 1
    assert "vake.yaml:12:" in result.stdout and "unknown plan 'muu'" in result.stdout


def test_bom_is_accepted(invoke: Callable[..., Result], tiny_plans: Callable[[str], Path]) -> None:
    plans = tiny_plans(WARNING_PLAN)
    path = plans / "testi.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert invoke("validate", plans).exit_code == 0


def test_a_broken_plan_does_not_cascade_into_its_references(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    path = plans_copy / "osallisuusohjelma.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("tila: ei toteudu", "tila: valmis"),
        encoding="utf-8",
    )
    result = invoke("validate", plans_copy)
    assert result.exit_code == 1
    problems = [ln for ln in result.stdout.splitlines() if ".yaml:" in ln]
    assert len(problems) == 1 and "osallisuusohjelma.yaml:" in problems[0], result.stdout
    assert "1 error, 0 warnings" in result.stdout
