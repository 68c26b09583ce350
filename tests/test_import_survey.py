"""`plan import-survey`: CSV and XLSX exports, every quirk, means checked against hand counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.files.surveys import parse_answer, read_table, tally
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "surveys"
MAP = FIXTURES / "map.yaml"
Q1 = "Kuinka osalliseksi koet järjestösi VAKEn yhteistyössä?"
Q2 = "Miten järjestökumppanuudet ovat vahvistuneet; arvio 1–5"


def measurement(plans: Path, indicator_id: str, period: str) -> tuple[object, object, object]:
    node = load_valid(plans).find(indicator_id)
    assert node.indicator is not None
    m = next(m for m in node.indicator.measurements if str(m.period) == period)
    return m.value, m.n, m.source


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("5 - Erittäin osallinen", 5.0),
        ("4", 4.0),
        ("3,5", 3.5),
        ("2 – Vähän", 2.0),
        (4, 4.0),
        (3.5, 3.5),
        ("  4  ", 4.0),
        ("En osaa sanoa", None),
        ("EOS", None),
        ("", None),
        (None, None),
        ("jotain", "jotain"),
        ("Erittäin osallinen (5)", "Erittäin osallinen (5)"),
        ("4 kertaa", 4.0),
    ],
)
def test_parse_answer(cell: object, expected: object) -> None:
    assert parse_answer(cell) == expected


def test_semicolon_csv_with_bom_quotes_and_line_breaks() -> None:
    table = read_table(FIXTURES / "webropol-puolipiste.csv")
    assert table.headers[:3] == ["Vastaaja", Q1, Q2]
    assert len(table.rows) == 6  # a quoted cell's line breaks do not start new rows
    assert [row for row, _ in table.rows] == [
        2,
        4,
        5,
        6,
        7,
        10,
    ]  # the line each respondent starts on
    assert table.rows[0][1][3] == "Hyvä yhteistyö; kiitos.\nToinen rivi palautetta."
    assert table.rows[2][1][3] == 'Lainausmerkit "näin" toimivat'
    q1, q2 = tally(table, {"T1.1.2": Q1, "T2.2.3": Q2}, {"T1.1.2": (1, 5), "T2.2.3": (1, 5)})
    # by hand: 5, 4, 3, 4 (two skipped: "En osaa sanoa" and blank) → 16 / 4
    assert (q1.values, q1.mean, q1.n, q1.skipped, q1.invalid) == ([5, 4, 3, 4], 4.0, 4, 2, [])
    # by hand: 2, 3.5, 5, 1 → 11.5 / 4 = 2.875 → 2.88; "jotain muuta" invalid, one blank
    assert (q2.mean, q2.n, q2.skipped) == (2.88, 4, 1)
    assert q2.invalid == [(5, "jotain muuta", "is not a number")]


def test_comma_csv_without_bom() -> None:
    table = read_table(FIXTURES / "webropol-pilkku.csv")
    q1, q2 = tally(table, {"T1.1.2": Q1, "T2.2.3": Q2}, {"T1.1.2": (1, 5), "T2.2.3": (1, 5)})
    assert (q1.values, q1.mean, q1.skipped) == ([2, 1], 1.5, 1)  # "EOS" skipped
    assert (q2.values, q2.mean) == ([4, 4], 4.0)
    assert q2.invalid == [(4, "9", "is outside the scale 1–5")]


def write_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Vastaaja", Q1, Q2])
    ws.append([1, 5, "3 - Jonkin verran"])
    ws.append([2, "4 - Melko osallinen", 4])
    ws.append([3, None, "En osaa sanoa"])
    ws.append([None, None, None])  # an empty row is not a respondent
    ws.append([4, 2, "ei vastausta"])
    wb.save(path)
    return path


def test_xlsx(tmp_path: Path) -> None:
    table = read_table(write_xlsx(tmp_path / "kysely.xlsx"))
    q1, q2 = tally(table, {"T1.1.2": Q1, "T2.2.3": Q2}, {"T1.1.2": (1, 5), "T2.2.3": (1, 5)})
    # by hand: 5, 4, 2 → 11 / 3 = 3.666… → 3.67; one blank
    assert (q1.values, q1.mean, q1.n, q1.skipped) == ([5, 4, 2], 3.67, 3, 1)
    # by hand: 3, 4 → 3.5; "En osaa sanoa" skipped; "ei vastausta" invalid on row 6
    assert (q2.mean, q2.n, q2.skipped, q2.invalid) == (
        3.5,
        2,
        1,
        [(6, "ei vastausta", "is not a number")],
    )


def test_import_records_mean_n_and_source(invoke: Callable[..., Result], plans_copy: Path) -> None:
    result = invoke(
        "import-survey",
        FIXTURES / "webropol-puolipiste.csv",
        "--map",
        MAP,
        "--period",
        "2026-H2",
        "-p",
        plans_copy,
    )
    assert result.exit_code == 0, result.output
    assert "row 5: 'jotain muuta' is not a number; not counted" in result.stdout
    assert "T1.1.2 2026-H2 arvo: – → 4,0 (n 4)" in result.stdout
    assert measurement(plans_copy, "T1.1.2", "2026-H2") == (4.0, 4, "webropol-puolipiste.csv")
    assert measurement(plans_copy, "T2.2.3", "2026-H2") == (2.88, 4, "webropol-puolipiste.csv")
    again = invoke(
        "import-survey",
        FIXTURES / "webropol-pilkku.csv",
        "--map",
        MAP,
        "--period",
        "2026-H2",
        "-p",
        plans_copy,
    )
    assert again.exit_code == 2 and "--replace" in again.stderr
    replaced = invoke(
        "import-survey",
        FIXTURES / "webropol-pilkku.csv",
        "--map",
        MAP,
        "--period",
        "2026-H2",
        "--replace",
        "-p",
        plans_copy,
    )
    assert replaced.exit_code == 0, replaced.output
    assert measurement(plans_copy, "T1.1.2", "2026-H2") == (1.5, 2, "webropol-pilkku.csv")


def test_xlsx_through_the_cli(
    invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "kysely.xlsx")
    result = invoke("import-survey", path, "--map", MAP, "--period", "2027", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    assert measurement(plans_copy, "T1.1.2", "2027") == (3.67, 3, "kysely.xlsx")


def test_dry_run_writes_nothing(invoke: Callable[..., Result], plans_copy: Path) -> None:
    before = {p.name: p.read_bytes() for p in plans_copy.iterdir()}
    result = invoke(
        "import-survey",
        FIXTURES / "webropol-puolipiste.csv",
        "--map",
        MAP,
        "--period",
        "2026-H2",
        "--dry-run",
        "-p",
        plans_copy,
    )
    assert result.exit_code == 0
    assert "2,88" in result.stdout and "Dry run: nothing was written." in result.stdout
    assert {p.name: p.read_bytes() for p in plans_copy.iterdir()} == before


@pytest.mark.parametrize(
    ("survey", "map_text", "code", "words"),
    [
        ("utf16.csv", None, 1, "is UTF-16 text, not UTF-8"),
        ("latin1.csv", None, 1, "is not UTF-8 (byte 0xe4)"),
        (
            "webropol-pilkku.csv",
            'T1.1.2: "Tätä kysymystä ei ole"\n',
            2,
            "no column 'Tätä kysymystä ei ole'",
        ),
        (
            "webropol-pilkku.csv",
            f'T1.1.1: "{Q1}"\n',
            2,
            "T1.1.1 is a kyllä-ei indicator, not a scale",
        ),
        ("webropol-pilkku.csv", f'T9.9.9: "{Q1}"\n', 2, "no indicator with id 'T9.9.9'"),
        ("webropol-pilkku.csv", "T1.1.2: [1, 2]\n", 1, "the question should be text"),
        ("webropol-pilkku.csv", "- vain lista\n", 1, "should map indicator ids to questions"),
        ("ei-ole.csv", None, 2, "no such file"),
    ],
)
def test_bad_inputs(
    survey: str,
    map_text: str | None,
    code: int,
    words: str,
    invoke: Callable[..., Result],
    plans_copy: Path,
    tmp_path: Path,
) -> None:
    map_file = MAP
    if map_text is not None:
        map_file = tmp_path / "map.yaml"
        map_file.write_text(map_text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in plans_copy.iterdir()}
    result = invoke(
        "import-survey", FIXTURES / survey, "--map", map_file, "--period", "2026", "-p", plans_copy
    )
    assert result.exit_code == code, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in plans_copy.iterdir()} == before


def test_a_near_miss_column_is_suggested(
    invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    map_file = tmp_path / "map.yaml"
    map_file.write_text(
        'T1.1.2: "Kuinka osalliseksi koet järjestösi VAKEn yhteistyössä"\n', encoding="utf-8"
    )
    result = invoke(
        "import-survey",
        FIXTURES / "webropol-pilkku.csv",
        "--map",
        map_file,
        "--period",
        "2026",
        "-p",
        plans_copy,
    )
    assert result.exit_code == 2
    assert f"closest: '{Q1}'" in result.stderr


def test_broken_xlsx(invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "rikki.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = invoke("import-survey", bad, "--map", MAP, "--period", "2026", "-p", plans_copy)
    assert result.exit_code == 1 and "cannot be read as an Excel workbook" in result.stderr


def test_in_a_terminal_the_invalid_answers_are_plain_words() -> None:
    import io

    from rich.console import Console

    from jarjesto_cli.files.surveys import QuestionResult
    from jarjesto_cli.outputs.survey_view import render_results

    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=True, color_system="standard")
    result = QuestionResult("T1.1.2", "Kokemus", [3.0], 0, [(5, "x", "is not a number")])
    render_results([result, QuestionResult("T1.2.2", "Toinen")], console)
    # no highlighting splits an id or a row number into coloured pieces
    assert buffer.getvalue().splitlines()[-2:] == [
        "T1.1.2: row 5: 'x' is not a number; not counted",
        "T1.2.2: no countable answers; nothing recorded",
    ]
