"""`plan export` with the living plan (issue 14): owners, schedule, deadline, priority and late
on a measure's rows, the target in force and the target history on an indicator's, and the XLSX
sheet of target changes — read back as an analyst would (csv module, openpyxl)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
from typer.testing import Result

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.summary import summarize
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.export_rows import Row, change_rows, rows, strategy_names
from tests.conftest import LIVING_PLANS

NOV_25_2026 = dt.date(2026, 11, 25)
CHANGE = (
    "15.10.2026: 4 → 4,5 (Järjestöyhteistyön neuvottelukunta 15.10.2026 § 12; perustelu: "
    "Tavoitetta nostettiin vastaamaan strategian tavoitetasoa.)"
)


def living_rows(period: str, plans: Path = LIVING_PLANS) -> dict[str, Row]:
    """The rows by measure or indicator id."""
    planset = load_valid(plans)
    summary = summarize(planset, period=Period.parse(period), today=NOV_25_2026)
    assert planset.shared is not None
    actors = {a.id: a.name for a in planset.shared.actors}
    table = rows(summary, strategy_names(planset.shared), actors)
    return {str(r["mittari"] or r["toimenpide"]): r for r in table}


def test_measure_rows_carry_owners_schedule_priority_and_late() -> None:
    table = living_rows("2026-Q3")
    t11 = table["T1.1"]
    assert t11["vastuu"] == "hyte-tiimi; neuvottelukunta"  # the lead first
    assert t11["vastuu_nimi"] == "Hyte-tiimi; Järjestöyhteistyön neuvottelukunta"
    assert (t11["alkukausi"], t11["loppukausi"]) == ("2026-H2", "2027")
    assert t11["määräaika"] == dt.date(2027, 12, 31)
    assert t11["prioriteetti"] == "korkea"
    assert t11["myöhässä"] == "ei"
    t21 = table["T2.1"]  # ended 2026-Q3, toteutuu osittain
    assert (t21["loppukausi"], t21["määräaika"], t21["myöhässä"]) == (
        "2026-Q3",
        dt.date(2026, 9, 30),
        "kyllä",
    )
    t31 = table["T3.1"]  # a start, no end: it cannot be late
    assert (t31["alkukausi"], t31["loppukausi"], t31["myöhässä"]) == ("2026-H2", None, None)
    assert t31["vastuu_nimi"] == "Viestintäyksikkö; Hyte-tiimi"
    plain = table["T2.2"]
    assert all(plain[k] is None for k in ("vastuu", "alkukausi", "prioriteetti", "myöhässä"))


def test_late_is_for_the_exports_period() -> None:
    assert living_rows("2026-H1")["T2.1"]["myöhässä"] == "ei"  # its end had not come yet
    assert living_rows("2026-Q3")["T2.1"]["myöhässä"] == "kyllä"


def test_indicator_rows_have_their_measures_owners_and_the_target_history() -> None:
    before = living_rows("2026-Q3")
    row = before["T1.1.2"]
    assert row["rivityyppi"] == "mittari"
    assert row["vastuu_nimi"] == "Hyte-tiimi; Järjestöyhteistyön neuvottelukunta"
    assert row["myöhässä"] is None  # late is a measure's
    assert row["tavoitemuutokset"] == CHANGE
    # the target in force at the period's end, as a number as in words: the change to 4.5
    # (today's `tavoite`) came on 15.10.2026
    assert (row["tavoitearvo"], row["tavoitetaso"]) == (4, "≥ 4 (asteikko 1–5)")
    assert before["T1.1.1"]["tavoitemuutokset"] is None


def test_change_rows_one_per_change_oldest_first(tmp_path: Path) -> None:
    plans = Path(shutil.copytree(LIVING_PLANS, tmp_path / "plans"))
    path = plans / "jarjestoyhteistyo-2026-2030.yaml"
    text = path.read_text(encoding="utf-8")
    # an earlier change listed after the later one: 3,5 → 4 on 1.2.2026
    text = text.replace(
        "                perustelu: Tavoitetta nostettiin vastaamaan strategian tavoitetasoa.\n",
        "                perustelu: Tavoitetta nostettiin vastaamaan strategian tavoitetasoa.\n"
        "              - päivä: 2026-02-01\n"
        "                päätös: Hyte-tiimi 1.2.2026\n"
        "                aiempi: 3.5\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    planset = load_valid(plans)
    changes = change_rows(summarize(planset, period=Period.parse("2026-Q4"), today=NOV_25_2026))
    assert [(c["mittari"], c["päivä"], c["aiempi"], c["uusi"]) for c in changes] == [
        ("T1.1.2", dt.date(2026, 2, 1), 3.5, 4),
        ("T1.1.2", dt.date(2026, 10, 15), 4, 4.5),
    ]
    assert changes[0]["perustelu"] is None and changes[1]["toimenpide"] == "T1.1"
    cell = living_rows("2026-Q4", plans)["T1.1.2"]["tavoitemuutokset"]
    assert cell == f"1.2.2026: 3,5 → 4 (Hyte-tiimi 1.2.2026); {CHANGE}"


def test_csv_as_an_analyst_reads_it(invoke: Callable[..., Result]) -> None:
    result = invoke("export", "-p", LIVING_PLANS, "--period", "2026-Q3", "-o", "-")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout), delimiter=";"))
    header = list(table[0])
    assert header[-8:] == [
        "Vastuutaho",
        "Vastuutahon nimi",
        "Alkukausi",
        "Loppukausi",
        "Määräaika",
        "Prioriteetti",
        "Myöhässä",
        "Tavoitemuutokset",
    ]
    t21 = next(r for r in table if r["Toimenpide"] == "T2.1" and r["Rivin tyyppi"] == "toimenpide")
    assert (t21["Määräaika"], t21["Myöhässä"], t21["Vastuutahon nimi"]) == (
        "30.9.2026",
        "kyllä",
        "Hyte-tiimi",
    )
    t112 = next(r for r in table if r["Mittari"] == "T1.1.2")
    assert t112["Tavoitearvo"] == "4" and t112["Tavoitemuutokset"] == CHANGE


def test_xlsx_has_typed_dates_and_a_sheet_of_changes(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "vienti.xlsx"
    result = invoke("export", "-p", LIVING_PLANS, "-f", "xlsx", "--period", "2026-Q3", "-o", out)
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Vienti", "Tavoitemuutokset"]
    sheet = workbook["Vienti"]
    header = [c.value for c in sheet[1]]
    by_measure = {
        row[header.index("Toimenpide")].value: row
        for row in sheet.iter_rows(min_row=2)
        if row[header.index("Rivin tyyppi")].value == "toimenpide"
    }
    deadline = by_measure["T2.1"][header.index("Määräaika")]
    assert deadline.is_date and deadline.value.date() == dt.date(2026, 9, 30)
    assert deadline.number_format == "d.m.yyyy"
    changes = workbook["Tavoitemuutokset"]
    assert [c.value for c in changes[1]] == [
        "Suunnitelma",
        "Tavoite",
        "Toimenpide",
        "Mittari",
        "Mittarin nimi",
        "Päivä",
        "Päätös",
        "Aiempi tavoite",
        "Uusi tavoite",
        "Perustelu",
    ]
    (row,) = changes.iter_rows(min_row=2, values_only=True)
    assert row[:4] == ("jarjestoyhteistyo-2026-2030", "T1", "T1.1", "T1.1.2")
    assert row[5] == dt.datetime(2026, 10, 15) and row[7:9] == (4, 4.5)
    assert changes.freeze_panes == "A2" and changes.auto_filter.ref == "A1:J2"


def test_hostile_decision_stays_text(invoke: Callable[..., Result], tmp_path: Path) -> None:
    plans = Path(shutil.copytree(LIVING_PLANS, tmp_path / "plans"))
    path = plans / "jarjestoyhteistyo-2026-2030.yaml"
    text = path.read_text(encoding="utf-8")
    old = "päätös: Järjestöyhteistyön neuvottelukunta 15.10.2026 § 12"
    assert old in text
    path.write_text(
        text.replace(old, 'päätös: "=HYPERLINK(\\"http://x.invalid\\")\\x01"'), encoding="utf-8"
    )
    out = tmp_path / "x.xlsx"
    result = invoke("export", "-p", plans, "-f", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    cell = openpyxl.load_workbook(out)["Tavoitemuutokset"]["G2"]
    assert cell.data_type == "s"  # text, never a formula
    assert cell.value == '=HYPERLINK("http://x.invalid")\\x01'
