"""`plan import-survey`: CSV and XLSX exports, every quirk, means checked against hand counts."""

from __future__ import annotations

import csv
import io
import re
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
    # rows as a spreadsheet shows them (the header is row 1), as in the XLSX of the same export
    assert [row for row, _ in table.rows] == [2, 3, 4, 5, 6, 7]
    assert table.rows[0][1][3] == "Hyvä yhteistyö; kiitos.\nToinen rivi palautetta."
    assert table.rows[2][1][3] == 'Lainausmerkit "näin" toimivat'
    q1, q2 = tally(table, {"T1.1.2": Q1, "T2.2.3": Q2}, {"T1.1.2": (1, 5), "T2.2.3": (1, 5)})
    # by hand: 5, 4, 3, 4 (two skipped: "En osaa sanoa" and blank) → 16 / 4
    assert (q1.values, q1.mean, q1.n, q1.skipped, q1.invalid) == ([5, 4, 3, 4], 4.0, 4, 2, [])
    # by hand: 2, 3.5, 5, 1 → 11.5 / 4 = 2.875 → 2.88; "jotain muuta" invalid, one blank
    assert (q2.mean, q2.n, q2.skipped) == (2.88, 4, 1)
    assert q2.invalid == [(4, "jotain muuta", "is not a number")]


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
    assert "row 4: 'jotain muuta' is not a number; not counted" in result.stdout
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
    result = invoke("import-survey", path, "--map", MAP, "--period", "2026", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    assert measurement(plans_copy, "T1.1.2", "2026") == (3.67, 3, "kysely.xlsx")


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
        (
            "webropol-pilkku.csv",
            'T1.1.2: "Tätä kysymystä ei ole"\n',
            1,
            "map.yaml:1:9: T1.1.2: webropol-pilkku.csv has no column 'Tätä kysymystä ei ole'",
        ),
        (
            "webropol-pilkku.csv",
            f'T1.1.1: "{Q1}"\n',
            1,
            "T1.1.1 is a kyllä-ei indicator, not a scale",
        ),
        ("webropol-pilkku.csv", f'T9.9.9: "{Q1}"\n', 1, "no indicator with id 'T9.9.9'"),
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
    assert result.exit_code == 1  # the map (an input file) is wrong: bad data, not bad usage
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


# --- issue 12 §10: the encodings Excel saves in ---------------------------------------------------


def puolipiste_text() -> str:
    return (FIXTURES / "webropol-puolipiste.csv").read_text(encoding="utf-8-sig")


def test_windows_1252_is_read_and_said(
    invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    survey = tmp_path / "kysely.csv"
    survey.write_bytes(puolipiste_text().encode("cp1252"))  # Excel's "CSV (semicolon delimited)"
    table = read_table(survey)
    assert table.encoding == "Windows-1252" and table.headers[1] == Q1  # "ä" is 0xe4 here
    result = invoke("import-survey", survey, "--map", MAP, "--period", "2026-H2", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    assert "Note: kysely.csv is not UTF-8; it was read as Windows-1252" in result.stderr
    assert measurement(plans_copy, "T2.2.3", "2026-H2") == (2.88, 4, "kysely.csv")


def test_utf16_unicode_text_is_read(
    invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    survey = tmp_path / "kysely.txt"
    # Excel's "Unicode text": UTF-16 with a byte order mark, tabs between the cells
    records = csv.reader(io.StringIO(puolipiste_text(), newline=""), delimiter=";")
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter="\t").writerows(records)
    survey.write_bytes(buffer.getvalue().encode("utf-16"))
    assert read_table(survey).encoding == "UTF-16"
    result = invoke("import-survey", survey, "--map", MAP, "--period", "2026-H2", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    assert "Note:" not in result.stderr
    assert measurement(plans_copy, "T1.1.2", "2026-H2") == (4.0, 4, "kysely.txt")


def test_the_small_fixtures_in_other_encodings() -> None:
    assert read_table(FIXTURES / "latin1.csv").headers == ["Vastaaja", "Kysymys ä"]
    assert read_table(FIXTURES / "utf16.csv").headers == ["Vastaaja", "Kysymys"]


def test_text_in_no_known_encoding(
    invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    survey = tmp_path / "rikki.csv"
    survey.write_bytes(b"Vastaaja;Kysymys\n1;\x81\x8d\n")  # bytes Windows-1252 leaves undefined
    result = invoke("import-survey", survey, "--map", MAP, "--period", "2026", "-p", plans_copy)
    assert result.exit_code == 1 and "is neither UTF-8 nor Windows-1252 text" in result.stderr


# --- §11: the questions, and a map to fill in ------------------------------------------------------


def test_columns_lists_the_questions_with_their_answers(invoke: Callable[..., Result]) -> None:
    result = invoke("import-survey", FIXTURES / "webropol-puolipiste.csv", "--columns")
    assert result.exit_code == 0, result.output
    assert "webropol-puolipiste.csv: 4 saraketta, 6 vastaajaa" in result.stdout
    # question 1: four answers ("En osaa sanoa" and a blank are not answers), all numbers;
    # question 2: five answers, one of them not a number
    assert re.search(rf"2\s+{re.escape(Q1)}\s+4\s+4[ ]*\n", result.stdout), result.stdout
    assert re.search(rf"3\s+{re.escape(Q2)}\s+5\s+4[ ]*\n", result.stdout), result.stdout
    assert "--template" in result.stdout


def test_the_template_is_a_map_once_the_ids_are_filled_in(
    invoke: Callable[..., Result], plans_copy: Path, tmp_path: Path
) -> None:
    survey = FIXTURES / "webropol-puolipiste.csv"
    result = invoke("import-survey", survey, "--template", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    template = result.stdout
    assert "#   T1.1.2  Järjestöjen kokemus osallisuudesta" in template  # ids to choose from
    assert f'# ID: "{Q1}"' in template and f'# ID: "{Q2}"' in template
    assert "Vapaa palaute" not in template  # a free-text column has no numbers to import
    filled = template.replace(f'# ID: "{Q1}"', f'T1.1.2: "{Q1}"').replace(
        f'# ID: "{Q2}"', f'T2.2.3: "{Q2}"'
    )
    map_file = tmp_path / "kysely-map.yaml"
    map_file.write_text(filled, encoding="utf-8")
    done = invoke(
        "import-survey", survey, "--map", map_file, "--period", "2026-H2", "-p", plans_copy
    )
    assert done.exit_code == 0, done.output
    assert measurement(plans_copy, "T1.1.2", "2026-H2") == (4.0, 4, survey.name)


def test_importing_needs_the_map_and_the_period(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    result = invoke("import-survey", FIXTURES / "webropol-pilkku.csv", "-p", plans_copy)
    assert result.exit_code == 2
    assert "give --map and --period to import the survey" in result.stderr
    assert "--columns" in result.stderr


# --- §12: the same row numbers in CSV and XLSX ----------------------------------------------------


def test_csv_and_xlsx_of_one_export_number_the_rows_alike(tmp_path: Path) -> None:
    from openpyxl import Workbook

    records = list(csv.reader(io.StringIO(puolipiste_text(), newline=""), delimiter=";"))
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for record in records:
        sheet.append(record)  # Excel's XLSX of the same export: one row per record
    workbook.save(tmp_path / "kysely.xlsx")
    from_csv = read_table(FIXTURES / "webropol-puolipiste.csv")
    from_xlsx = read_table(tmp_path / "kysely.xlsx")
    assert [n for n, _ in from_csv.rows] == [n for n, _ in from_xlsx.rows]
    mapping, scales = {"T2.2.3": Q2}, {"T2.2.3": (1.0, 5.0)}
    assert (
        tally(from_csv, mapping, scales)[0].invalid == tally(from_xlsx, mapping, scales)[0].invalid
    )
    assert tally(from_csv, mapping, scales)[0].invalid == [(4, "jotain muuta", "is not a number")]
