"""`plan --help`, `validate` and `status` never load DOCX, chart, template, spreadsheet or
calendar libraries: they are imported by the commands that need them, inside the command."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import FIXTURE_PLANS

HEAVY = ("matplotlib", "jinja2", "docx", "openpyxl", "pypandoc", "icalendar", "numpy", "PIL")


def imported(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from jarjesto_cli.cli import app\n"
        "try:\n"
        f"    app({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("validate", str(FIXTURE_PLANS)),
        ("status", "-p", str(FIXTURE_PLANS)),
        ("status", "-p", str(FIXTURE_PLANS), "--format", "json"),
    ],
)
def test_read_path_stays_light(args: tuple[str, ...]) -> None:
    loaded = imported(*args)
    assert "jarjesto_cli" in loaded  # the probe works
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_report_does_load_what_it_needs(tmp_path: object) -> None:
    loaded = imported(
        "report", "-a", "hyte", "-p", str(FIXTURE_PLANS), "-o", str(tmp_path), "--format", "md"
    )
    assert "jinja2" in loaded  # the probe sees heavy imports when they happen


def test_site_needs_no_browser_tools_without_check(tmp_path: object) -> None:
    loaded = imported("site", "-p", str(FIXTURE_PLANS), "-o", f"{tmp_path}/site")
    assert "jinja2" in loaded  # it did build
    assert not loaded & {"playwright", "axe_playwright_python"}, sorted(loaded)
