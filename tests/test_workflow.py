"""A planner's reporting cycle on a copy of the repository's plans/: ordinary edits with `plan`,
after which the data tests still pass (issue 10 §1). Besides tests/test_plans_data.py this is the
only test that reads plans/, and only to copy it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

import tests.test_plans_data as data_tests
from jarjesto_cli.files import yaml_io
from tests.conftest import REPO_PLANS, ROOT
from tests.test_plans_data import NGO, OSALLISUUS, for_period, node

SURVEYS = ROOT / "tests" / "fixtures" / "surveys"

# what a planner does in a reporting cycle of 2026; --replace, as plans/ may have these already.
# The participation programme's years are 2023 (issue 12): its 2026 values would be refused, so
# the cycle is the NGO plan's, and the programme's one check is that its data stays as it is.
SURVEY = ("import-survey", SURVEYS / "webropol-puolipiste.csv", "--map", SURVEYS / "map.yaml")
EDITS: list[tuple[object, ...]] = [
    ("record", "T1.2.2", "--period", "2026-H1", "--value", "4.1", "--replace"),  # a scale value
    ("record", "T1.3.3", "--period", "2026", "--value", "3", "--replace"),  # a count from 2026
    ("record", "T1.2.4", "--period", "2026", "--value", "120", "--replace"),  # a count
    ("record", "T1.2.1", "--period", "2026", "--value", "kyllä", "--replace"),  # kyllä-ei
    ("set-status", "T1.1", "--period", "2026", "--status", "osittain", "--text", "Työ alkoi."),
    ("set-status", "T1.2", "--period", "2026", "--status", "osittain", "--text", "Osin valmis."),
    (*SURVEY, "--period", "2026-H1", "--replace"),  # T1.1.2 and T2.2.3
]


def run_data_tests(plans: Path, report: Path) -> subprocess.CompletedProcess[str]:
    """tests/test_plans_data.py on another plans folder, in a fresh interpreter, with a JUnit
    report of what ran."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(Path(data_tests.__file__)),
            "-q",
            "-p",
            "no:cacheprovider",
            f"--junitxml={report}",
        ],
        cwd=ROOT,
        env={**os.environ, "JARJESTO_CLI_DATA_PLANS": str(plans)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_data_tests_pass_after_a_reporting_cycle(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    plans = shutil.copytree(REPO_PLANS, tmp_path / "plans")
    for edit in EDITS:
        result = invoke(*edit, "-p", plans)
        assert result.exit_code == 0, (edit, result.output)
    # the edits are in the files
    files = {path.name: yaml_io.load(path) for path in plans.glob("*.yaml")}
    ngo = files[f"{NGO}.yaml"]
    assert for_period(node(ngo, "T1.2.2"), "mittaukset", "2026-H1")["arvo"] == 4.1
    assert for_period(node(ngo, "T1.3.3"), "mittaukset", "2026")["arvo"] == 3
    assert for_period(node(ngo, "T1.2.1"), "mittaukset", "2026")["arvo"] == "kyllä"
    assert for_period(node(ngo, "T1.2"), "raportit", "2026")["tila"] == "toteutuu osittain"
    assert for_period(node(ngo, "T1.1"), "raportit", "2026")["teksti"] == "Työ alkoi."
    assert (plans / f"{OSALLISUUS}.yaml").read_bytes() == (
        REPO_PLANS / f"{OSALLISUUS}.yaml"
    ).read_bytes()
    assert for_period(node(ngo, "T1.1.2"), "mittaukset", "2026-H1")["n"] == 4  # the survey

    report = tmp_path / "data-tests.xml"
    result = run_data_tests(plans, report)
    assert result.returncode == 0, result.stdout + result.stderr
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [suite.get(k) for k in ("failures", "errors", "skipped")] == ["0", "0", "0"]
    assert f"{len(cases)} passed" in result.stdout
    # every data test ran: none was skipped or left uncollected
    defined = {name for name in vars(data_tests) if name.startswith("test_")}
    assert {case.get("name", "").split("[")[0] for case in cases} == defined
