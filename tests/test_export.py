"""`plan export`: the flat rows counted against the plans, and the CSV and XLSX read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from jarjesto_cli.commands.export import csv_cell, csv_text, xlsx_bytes
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.summary import summarize
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.export_rows import (
    COLUMN_HELP,
    COLUMNS,
    HEADER_ROW,
    HEADERS,
    Row,
    rows,
    strategy_names,
)
from tests.conftest import FIXTURE_PLANS

BOM = b"\xef\xbb\xbf"
MEASURES, INDICATORS = 10 + 23, 27 + 19  # NGO plan + participation programme, by hand


@pytest.fixture(scope="module")
def planset() -> PlanSet:
    return load_valid(FIXTURE_PLANS)


def export_rows(planset: PlanSet, period: str | None = None) -> list[Row]:
    summary = summarize(planset, period=Period.parse(period) if period else None)
    return rows(summary, strategy_names(planset.shared))


def by_id(table: list[Row]) -> dict[str, Row]:
    """Indicator rows by indicator id, measure rows by measure id."""
    return {
        str(r["mittari"] if r["rivityyppi"] == "mittari" else r["toimenpide"]): r for r in table
    }


def read_csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def read_xlsx(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path)


# --- rows ---------------------------------------------------------------------------------------


def test_rows_are_counted_against_the_plans(planset: PlanSet) -> None:
    table = export_rows(planset)
    measures = [m for p in planset.plans for g in p.goals for m in g.measures]
    indicators = [
        *(i for p in planset.plans for g in p.goals for i in g.indicators),
        *(i for m in measures for i in m.indicators),
    ]
    measure_rows = [r for r in table if r["rivityyppi"] == "toimenpide"]
    indicator_rows = [r for r in table if r["rivityyppi"] == "mittari"]
    assert len(measure_rows) == len(measures) == MEASURES
    assert len(indicator_rows) == len(indicators) == INDICATORS
    assert len(table) == MEASURES + INDICATORS
    assert sorted(str(r["toimenpide"]) for r in measure_rows) == sorted(m.id for m in measures)
    assert sorted(str(r["mittari"]) for r in indicator_rows) == sorted(i.id for i in indicators)
    assert all(list(r) == list(COLUMNS) for r in table)


def test_rows_follow_plan_and_goal_order(planset: PlanSet) -> None:
    expected = []
    for plan in planset.plans:
        for goal in plan.goals:
            expected += [i.id for i in goal.indicators]
            for measure in goal.measures:
                expected += [measure.id, *(i.id for i in measure.indicators)]
    assert list(by_id(export_rows(planset))) == expected


def test_goal_level_indicators_have_no_measure(planset: PlanSet) -> None:
    row = by_id(export_rows(planset))["O1.M1"]
    assert row["toimenpide"] is None and row["toimenpide_nimi"] is None
    assert (row["suunnitelma"], row["tavoite"]) == ("osallisuusohjelma", "O1")
    assert row["viimeisin_arvo"] == 3.5 and isinstance(row["viimeisin_arvo"], float)
    assert row["viimeisin_kausi"] == "2023-Q4" and row["kausi"] == "2023"
    assert row["trendi"] == "nousee"
    assert row["tila"] is None  # a scale without a target is not computed


def test_measure_rows(planset: PlanSet) -> None:
    table = by_id(export_rows(planset))
    o43 = table["O4.3"]
    assert o43["rivityyppi"] == "toimenpide" and o43["mittari"] is None
    assert (o43["tila"], o43["tilan_peruste"], o43["tilan_kausi"]) == (
        "ei toteudu",
        "raportoitu",
        "2023",
    )
    t11 = table["T1.1"]
    assert (t11["tila"], t11["tilan_peruste"], t11["tilan_kausi"]) == (
        "ei tietoa",
        "johdettu",
        None,
    )


def test_indicator_rows(planset: PlanSet) -> None:
    table = by_id(export_rows(planset))
    t112 = table["T1.1.2"]
    assert (t112["toimenpide"], t112["tyyppi"]) == ("T1.1", "asteikko")
    assert t112["tavoitetaso"] == "≥ 4 (asteikko 1–5)" and t112["tavoitearvo"] == 4
    assert t112["tila"] == "ei tietoa" and t112["viimeisin_arvo"] is None
    grants = table["O3.M2"]
    assert (grants["viimeisin_arvo"], grants["yksikkö"]) == (850000, "€")
    assert grants["tila"] == "ei vertailukohtaa"  # one value: a value, but nothing to compare
    assert isinstance(grants["viimeisin_arvo"], int)
    # a yes/no metric with only a note for 2023: no value, no result, the note
    assert (table["O6.M4"]["viimeisin_arvo"], table["O6.M4"]["tila"]) == (None, "ei tietoa")
    assert str(table["O6.M4"]["huomio"]).startswith("Järjestöyhteistyön neuvottelukunnan")
    assert table["O1.M3"]["huomio"] == "Osallisuuskysely toteutetaan syksyllä 2024"
    assert table["O1.M3"]["viimeisin_arvo"] is None


YES_NO_PLAN = """\
id: testi
nimi: Testi
tavoitteet:
  - id: A1
    nimi: Tavoite
    mittarit:
      - {id: A1.M1, nimi: Malli, tyyppi: kyllä-ei, mittaukset: [{kausi: 2026, arvo: kyllä}]}
      - {id: A1.M2, nimi: Malli, tyyppi: kyllä-ei, mittaukset: [{kausi: 2026, arvo: osittain}]}
      - {id: A1.M3, nimi: Malli, tyyppi: kyllä-ei, mittaukset: [{kausi: 2026, arvo: ei}]}
"""


def test_yes_no_rows(tiny_plans: Callable[[str], Path]) -> None:
    table = by_id(export_rows(load_valid(tiny_plans(YES_NO_PLAN))))
    results = [(table[i]["viimeisin_arvo"], table[i]["tila"]) for i in ("A1.M1", "A1.M2", "A1.M3")]
    assert results == [
        ("kyllä", "toteutuu"),
        ("osittain", "toteutuu osittain"),
        ("ei", "ei toteudu"),
    ]


def test_strategy_links_are_named(planset: PlanSet) -> None:
    t1_rows = [r for r in export_rows(planset) if r["tavoite"] == "T1"]
    assert t1_rows
    for row in t1_rows:
        assert row["strateginen_tavoite"] == "S1"
        assert row["strateginen_tavoite_nimi"] == (
            "Asukkaiden hyvinvointia ja terveyttä edistetään aktiivisella yhteistyöllä"
        )
        assert row["strateginen_mittari"] == "SM1; SM2; SM3"
        assert str(row["strateginen_mittari_nimi"]).startswith(
            "Järjestökumppanuudet vahvistuvat; Asukkaat ohjautuvat"
        )
    o1 = by_id(export_rows(planset))["O1.1"]
    assert o1["strateginen_tavoite"] is None and o1["strateginen_tavoite_nimi"] is None


def test_period_changes_the_latest_values(planset: PlanSet) -> None:
    table = by_id(export_rows(planset, "2023-Q2"))
    assert table["O1.M1"]["viimeisin_arvo"] == 3.0
    assert table["O1.M1"]["viimeisin_kausi"] == "2023-Q2" and table["O1.M1"]["kausi"] == "2023-Q2"
    # the 2023 report is not known at the end of Q2 yet
    assert (table["O4.3"]["tila"], table["O4.3"]["tilan_peruste"]) == ("ei tietoa", "johdettu")
    assert table["O3.M2"]["viimeisin_arvo"] is None


def test_every_column_is_documented() -> None:
    assert tuple(COLUMN_HELP) == COLUMNS and all(COLUMN_HELP.values())
    assert len(set(COLUMNS)) == len(COLUMNS)
    assert tuple(HEADERS) == COLUMNS and len(set(HEADER_ROW)) == len(COLUMNS)


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (3.5, "3,5"),
        (3.0, "3,0"),
        (850000, "850000"),
        (1234567.25, "1234567,25"),
        (1e16, "10000000000000000"),
        ("toteutuu osittain", "toteutuu osittain"),
    ],
)
def test_csv_cell(value: Any, text: str) -> None:
    assert csv_cell(value) == text


def test_csv_reads_back(invoke: Callable[..., Result], tmp_path: Path, planset: PlanSet) -> None:
    out = tmp_path / "vienti.csv"
    result = invoke("export", "--format", "csv", "-o", out, "-p", FIXTURE_PLANS)
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.stderr
    data = out.read_bytes()
    assert data.startswith(BOM)
    header, *body = read_csv(data)
    # records end with CRLF; a narrative's own line breaks stay inside its quoted cell
    assert data.count(b"\r\n") == 1 + len(body)
    assert header == list(HEADER_ROW)
    assert len(body) == MEASURES + INDICATORS
    assert all(len(line) == len(COLUMNS) for line in body)
    table = {
        (line[COLUMNS.index("mittari")] or line[COLUMNS.index("toimenpide")]): dict(
            zip(COLUMNS, line, strict=True)
        )
        for line in body
    }
    assert sum(r["rivityyppi"] == "toimenpide" for r in table.values()) == MEASURES
    assert table["O1.M1"]["viimeisin_arvo"] == "3,5"
    assert table["O3.M2"]["viimeisin_arvo"] == "850000"
    assert table["T1.1.2"]["tavoitetaso"] == "≥ 4 (asteikko 1–5)"
    assert table["T1.1.2"]["suunnitelma_nimi"] == "Järjestöyhteistyön toimintasuunnitelma 2026–2030"
    assert table["O4.3"]["tila"] == "ei toteudu"
    assert table["T1.1"]["strateginen_mittari"] == "SM1; SM2; SM3"  # quoted: it holds a `;`
    assert '"SM1; SM2; SM3"' in data.decode("utf-8-sig")


def test_csv_quotes_what_it_must(tiny_plans: Callable[[str], Path]) -> None:
    plans = tiny_plans(
        """\
        id: testi
        nimi: "Testi; \\"lainaus\\""
        tavoitteet:
          - id: A1
            nimi: Tavoite
            strategiset_tavoitteet: [S1]
            mittarit:
              - id: A1.M1
                nimi: Kertomus
                tyyppi: teksti
                mittaukset:
                  - kausi: 2026
                    arvo: "Rivi yksi\\nrivi kaksi; ja puolipiste"
        """
    )
    text = csv_text(export_rows(load_valid(plans)))
    header, row = read_csv(text.encode("utf-8"))
    assert header == list(HEADER_ROW)
    cells = dict(zip(COLUMNS, row, strict=True))
    assert cells["suunnitelma_nimi"] == 'Testi; "lainaus"'
    assert cells["viimeisin_arvo"] == "Rivi yksi\nrivi kaksi; ja puolipiste"
    assert cells["strateginen_tavoite_nimi"] == "Strateginen tavoite"


def test_stdout_mode(invoke: Callable[..., Result], tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "-o", "-", "-p", FIXTURE_PLANS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Rivin tyyppi;Suunnitelma;")  # no BOM on a pipe
    assert len(read_csv(result.stdout.encode("utf-8"))) == 1 + MEASURES + INDICATORS
    assert "Wrote" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_xlsx_cannot_go_to_stdout(invoke: Callable[..., Result]) -> None:
    result = invoke("export", "-f", "xlsx", "-o", "-", "-p", FIXTURE_PLANS)
    assert result.exit_code == 2
    assert "only CSV can be printed" in result.stderr


def test_default_output_is_in_reports(
    invoke: Callable[..., Result], tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "-p", FIXTURE_PLANS, "--period", "2023-Q2")
    assert result.exit_code == 0, result.output
    path = Path("reports") / "vienti-2023-Q2.csv"
    assert f"Wrote {path}" in result.stderr
    header, *body = read_csv((tmp_path / path).read_bytes())
    cells = {line[COLUMNS.index("mittari")]: line for line in body}
    assert cells["O1.M1"][COLUMNS.index("viimeisin_arvo")] == "3,0"
    result = invoke("export", "-p", FIXTURE_PLANS, "-f", "xlsx")
    assert result.exit_code == 0, result.output
    # without --period each plan is at its own period; the file is named by the latest (the
    # NGO plan's current year, 2026; the participation programme's rows say 2023)
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "vienti-2023-Q2.csv",
        "vienti-2026.xlsx",
    ]


def test_an_existing_file_is_replaced_whole(invoke: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "vienti.csv"
    out.write_text("vanha\n" * 10_000, encoding="utf-8")
    assert invoke("export", "-o", out, "-p", FIXTURE_PLANS).exit_code == 0
    assert out.read_bytes().startswith(BOM + b"Rivin tyyppi;")
    assert [p.name for p in tmp_path.iterdir()] == ["vienti.csv"]  # no temporary file left


@pytest.mark.parametrize("output_format", ["csv", "xlsx"])
def test_unwritable_output(
    invoke: Callable[..., Result], tmp_path: Path, output_format: str
) -> None:
    blocker = tmp_path / "tiedosto"
    blocker.write_text("x", encoding="utf-8")
    result = invoke(
        "export", "-f", output_format, "-o", blocker / f"x.{output_format}", "-p", FIXTURE_PLANS
    )
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: cannot write")
    assert "Traceback" not in result.output


def test_unwritable_default_folder(
    invoke: Callable[..., Result], tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("reports").write_text("not a folder", encoding="utf-8")
    result = invoke("export", "-p", FIXTURE_PLANS)
    assert result.exit_code == 1, result.output
    assert "Error: cannot write" in result.stderr and "Traceback" not in result.output


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_reads_back(invoke: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    result = invoke("export", "--format", "xlsx", "-o", out, "-p", FIXTURE_PLANS)
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.stderr
    workbook = read_xlsx(out)
    assert workbook.sheetnames == ["Vienti", "Tavoitemuutokset"]
    sheet = workbook["Vienti"]
    assert [c.value for c in sheet[1]] == list(HEADER_ROW)
    assert all(c.font.b for c in sheet[1])
    assert all(c.fill.fill_type == "solid" for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1 + MEASURES + INDICATORS
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(COLUMNS)).column_letter}{sheet.max_row}"
    widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
    assert all(10 <= w <= 60 for w in widths), widths
    assert max(widths) == 60 and min(widths) == 10  # long names capped, short ids not squeezed

    rows_ = [
        dict(zip(COLUMNS, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert sum(r["rivityyppi"] == "toimenpide" for r in rows_) == MEASURES
    assert sum(r["rivityyppi"] == "mittari" for r in rows_) == INDICATORS
    table = {r["mittari"] or r["toimenpide"]: r for r in rows_}
    assert table["O1.M1"]["viimeisin_arvo"] == 3.5
    assert table["O3.M2"]["viimeisin_arvo"] == 850000
    assert table["T1.1.2"]["tavoitearvo"] == 4
    assert table["O4.3"]["tila"] == "ei toteudu"
    assert table["T1.1"]["suunnitelma_nimi"] == "Järjestöyhteistyön toimintasuunnitelma 2026–2030"
    # numbers are numbers, not text that looks like one
    value_column = COLUMNS.index("viimeisin_arvo") + 1
    cells = {sheet.cell(r, COLUMNS.index("mittari") + 1).value: r for r in range(2, sheet.max_row)}
    assert sheet.cell(cells["O1.M1"], value_column).data_type == "n"
    assert sheet.cell(cells["O3.M2"], value_column).data_type == "n"
    assert not any(c.alignment.wrap_text for row in sheet.iter_rows() for c in row)


def test_xlsx_text_stays_text() -> None:
    row: Row = dict.fromkeys(COLUMNS)
    row.update(
        mittari_nimi='=HYPERLINK("x")',
        huomio="ohjaus\x01merkki\ufffe",
        toimenpide_nimi="rivi\nrivi",
        n=12,
    )
    sheet = _load(xlsx_bytes([row]))["Vienti"]
    name = sheet.cell(2, COLUMNS.index("mittari_nimi") + 1)
    assert (name.value, name.data_type) == ('=HYPERLINK("x")', "s")  # not a formula
    # what XML cannot hold is shown escaped, as everywhere; a line break is a cell's own
    assert sheet.cell(2, COLUMNS.index("huomio") + 1).value == "ohjaus\\x01merkki\\ufffe"
    assert sheet.cell(2, COLUMNS.index("toimenpide_nimi") + 1).value == "rivi\nrivi"
    assert sheet.cell(2, COLUMNS.index("n") + 1).value == 12


def test_xlsx_properties_follow_today() -> None:
    created = dt.datetime(2026, 3, 1)
    workbook = _load(xlsx_bytes([], created=created))
    assert workbook.properties.created == created
    assert workbook["Vienti"].max_row == 1


def _load(data: bytes) -> Any:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


def test_openpyxl_is_not_loaded_at_start_up() -> None:
    code = (
        "import sys, jarjesto_cli.cli, jarjesto_cli.commands.export, jarjesto_cli.outputs.export_rows;"
        "sys.exit('openpyxl' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr


# --- issue 12 §18: headers people read; narrative, baseline and sources --------------------------


def test_headers_are_words_a_person_reads(invoke: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "vienti.xlsx"
    assert invoke("export", "-f", "xlsx", "-o", out, "-p", FIXTURE_PLANS).exit_code == 0
    header = [c.value for c in read_xlsx(out)["Vienti"][1]]
    assert "Viimeisin arvo" in header and "viimeisin_arvo" not in header
    assert all(" " in h or h[0].isupper() for h in header if isinstance(h, str))
    assert not any("_" in h for h in header if isinstance(h, str))


def test_the_export_carries_narrative_baseline_and_sources(planset: PlanSet) -> None:
    table = by_id(export_rows(planset, "2023"))
    assert str(table["O4.3"]["kertomus"]).startswith("Päätösten vaikutusten ennakkoarvioinnille")
    assert table["T1.1"]["lähtötaso"] == (
        "Yhteistyön perusrakenteita on luotu ja hyvinvointialue tekee laajaa verkostoyhteistyötä."
    )
    assert table["T1.1.2"]["lähtötaso"] == table["T1.1"]["lähtötaso"]  # its measure's
    assert table["O1.M1"]["tietolähde"] == "Asiakaspalautekysely"
    assert table["O1.M1"]["kertomus"] is None  # an indicator row has no narrative of its own


def test_the_source_of_an_imported_value(invoke: Callable[..., Result], plans_copy: Path) -> None:
    from tests.test_import_survey import FIXTURES, MAP

    survey = FIXTURES / "webropol-puolipiste.csv"
    args = ("import-survey", survey, "--map", MAP, "--period", "2026-H2", "-p", plans_copy)
    assert invoke(*args).exit_code == 0
    table = by_id(export_rows(load_valid(plans_copy), "2026-H2"))
    assert table["T1.1.2"]["arvon_lähde"] == "webropol-puolipiste.csv"
