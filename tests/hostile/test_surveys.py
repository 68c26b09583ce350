"""Hostile survey workbooks: bounded, and every fault a clear line at its row.

A 3 MB XLSX that unpacks to a 1 GB sheet ran for minutes to 6 GB; `<v>nan</v>` in a number
cell and an XML entity bomb were exit 3.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.hostile.helpers import assert_refused, plans_copy, run_plan, snapshot

SHEET = "xl/worksheets/sheet1.xml"
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Kysymys A", "Kysymys B"])
    sheet.append([4, 3])
    sheet.append([5, 4])
    book.save(path)
    return path


def rewritten(source: Path, target: Path, change: object) -> Path:
    """A copy of a workbook with its sheet's XML changed by `change(text)`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            if name == SHEET:
                data = change(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            new.writestr(name, data)
    return target


@pytest.fixture
def setting(tmp_path: Path) -> tuple[Path, Path, Path]:
    plans = plans_copy(tmp_path / "plans")
    mapping = tmp_path / "map.yaml"
    mapping.write_text('T1.1.2: "Kysymys A"\nO1.M1: "Kysymys B"\n', encoding="utf-8")
    return plans, mapping, workbook(tmp_path / "kysely.xlsx")


def imported(plans: Path, mapping: Path, survey: Path) -> object:
    return run_plan("import-survey", survey, "--map", mapping, "--period", "2026", "-p", plans)


def test_nan_in_a_number_cell(tmp_path: Path, setting: tuple[Path, Path, Path]) -> None:
    plans, mapping, survey = setting
    before = snapshot(plans)
    broken = rewritten(
        survey, tmp_path / "nan.xlsx", lambda s: s.replace("<v>4</v>", "<v>nan</v>", 1)
    )
    run = imported(plans, mapping, broken)
    assert_refused(run, 1, "nan.xlsx:2:", "has a cell that cannot be read")  # type: ignore[arg-type]
    assert snapshot(plans) == before


def test_an_entity_bomb(tmp_path: Path, setting: tuple[Path, Path, Path]) -> None:
    plans, mapping, survey = setting
    bomb = rewritten(
        survey,
        tmp_path / "bomb.xlsx",
        lambda s: BOMB + s.replace("<t>Kysymys A</t>", "<t>Kysymys A&lol9;</t>"),
    )
    run = imported(plans, mapping, bomb)
    assert_refused(run, 1, "bomb.xlsx:", "declares a DTD or XML entities")  # type: ignore[arg-type]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    tmp_path: Path, setting: tuple[Path, Path, Path]
) -> None:
    plans, mapping, survey = setting
    bomb = tmp_path / "zipbomb.xlsx"
    row = '<row r="2"><c r="A2" t="n"><v>4</v></c></row>'
    with zipfile.ZipFile(survey) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            if name != SHEET:
                new.writestr(name, old.read(name))
        with new.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            chunk = (row * 20_000).encode()
            for _ in range(1_000_000_000 // len(chunk)):  # 1 GB of XML, a few MB packed
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    assert bomb.stat().st_size < 20_000_000
    run = imported(plans, mapping, bomb)
    assert_refused(run, 1, "zipbomb.xlsx:", "unpacks to 1000 MB", "at most 50 MB")  # type: ignore[arg-type]
    assert run.seconds < 30  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (
            "".join(
                f'<row r="{i}"><c r="A{i}" t="n"><v>4</v></c></row>' for i in range(2, 100_010)
            ),
            "more than 100 000 rows",
        ),
        ('<row r="4"><c r="XFD4" t="n"><v>4</v></c></row>', "a row of 16384 columns"),
        ('<row r="1048576"><c r="A1048576" t="n"><v>4</v></c></row>', "more than 100 000 rows"),
    ],
)
def test_rows_and_columns_are_bounded(
    tmp_path: Path, setting: tuple[Path, Path, Path], rows: str, words: str
) -> None:
    plans, mapping, survey = setting
    big = rewritten(
        survey,
        tmp_path / "iso.xlsx",
        lambda s: s.replace("</sheetData>", rows + "</sheetData>").replace(
            '<dimension ref="A1:B3"/>', '<dimension ref="A1:XFD1048576"/>'
        ),
    )
    run = imported(plans, mapping, big)
    assert_refused(run, 1, "iso.xlsx:", words)  # type: ignore[arg-type]
    assert run.seconds < 60  # type: ignore[attr-defined]
