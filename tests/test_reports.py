"""`plan report`: every audience renders, the first section says where each plan stands for its
own period, Markdown matches the reviewed golden files, the DOCX reads back with its properties,
headings, lists and tables, charts read without colour vision, text from the YAML cannot inject
markup."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.summary import recorded_periods
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.reports import make_reports
from tests.conftest import FIXTURE_PLANS, ROOT

GOLDEN = ROOT / "tests" / "golden"
NBSP = "\u00a0"  # a period label keeps its ordinal with its word: "2.\u00a0neljännes 2023"
AUDIENCES = ["lautakunta", "neuvottelukunta", "hyte", "erityisasiantuntijat"]
DAY = dt.date(2026, 11, 25)
NGO_PLAN = "Järjestöyhteistyön toimintasuunnitelma 2026–2030"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def report(invoke: Callable[..., Result], *args: object) -> Result:
    """`plan report ARGS` on the frozen test plans."""
    return invoke("report", "-p", FIXTURE_PLANS, *args)


def markdown_of(audience: str, period: str | None, folder: Path) -> str:
    """The Markdown report of an audience for a period (None: the default) on the test plans."""
    (made,) = make_reports(
        load_valid(FIXTURE_PLANS),
        [audience],
        period=Period.parse(period) if period else None,
        formats=["md"],
        output_dir=folder,
        date=DAY,
    )
    return (folder / f"{audience}-{made.period}.md").read_text(encoding="utf-8")


def first_section(markdown: str) -> str:
    """The summary: from `## Yhteenveto` to the next section."""
    return markdown.split("## Yhteenveto\n", 1)[1].split("\n## ", 1)[0]


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 25, tzinfo=dt.UTC).timestamp()))
    )


# --- golden files, reviewed by eye ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "period", "files"),
    [
        (
            "lautakunta",
            "2023",
            [
                "lautakunta-2023-osallisuusohjelma-tilat.png",
                "lautakunta-2023-O1.M1.png",
                "lautakunta-2023-O1.M2.png",
                "lautakunta-2023-O2.M1.png",  # O4.M1 asks the same and refers to it
            ],
        ),
        ("neuvottelukunta", "2026", []),  # nothing measured in 2026 yet: no chart
    ],
)
def test_golden_markdown(audience: str, period: str, files: list[str], tmp_path: Path) -> None:
    (made,) = make_reports(
        load_valid(FIXTURE_PLANS),
        [audience],
        period=Period.parse(period),
        formats=["md"],
        output_dir=tmp_path,
        templates=ROOT / "templates",
        date=DAY,
    )
    name = f"{audience}-{period}.md"
    produced = (tmp_path / name).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8"), (
        "review the diff; UPDATE_GOLDEN=1 to accept"
    )
    assert sorted(p.name for p in made.files) == sorted([name, *files])
    for chart in files:
        assert (tmp_path / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"]({chart})" in produced  # every chart is linked from the Markdown


PERIODS = [str(p) for p in recorded_periods(load_valid(FIXTURE_PLANS).plans)] + ["2026", "2026-H1"]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("period", PERIODS)
def test_every_audience_renders_for_every_period(
    audience: str, period: str, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    result = report(invoke, "--audience", audience, "--period", period, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{audience}-{period}.md").read_text(encoding="utf-8")
    planset = load_valid(FIXTURE_PLANS)
    assert planset.shared is not None
    (aud,) = [a for a in planset.shared.audiences if a.id == audience]
    wanted = Period.parse(period)
    assert text.startswith(f"# Tilannekatsaus {wanted.label()}: {aud.name}\n")
    summary = first_section(text)
    for plan_id in aud.plans:  # every plan says where it stands, in the first section
        assert f"**{planset.plan(plan_id).name}**" in summary
    assert "\\\\" not in text  # a template never double-escapes
    # "tilanne" is the data's date or the report's, never a day that has not come
    (as_of,) = re.findall(r"tilanne (\d+)\.(\d+)\.(\d{4})", text)
    day = dt.date(int(as_of[2]), int(as_of[1]), int(as_of[0]))
    assert day == min(wanted.end, DAY)
    # one period convention for readers: no "2023-Q1" in the text (file names aside)
    assert not re.search(r"\b20\d\d-[QH]\d\b", re.sub(r"\]\([^)]*\)", "]", text))
    # every chart written is linked, every link has its chart: none orphaned
    linked = set(re.findall(r"\]\(([^)]+\.png)\)", text))
    assert linked == {p.name for p in tmp_path.glob("*.png")}
    # reader-facing words only
    assert "plan report" not in text and "YAML" not in text and "johdettu" not in text


def test_committee_2023_first_section_names_o43_and_counts_only_2023(tmp_path: Path) -> None:
    text = markdown_of("lautakunta", "2023", tmp_path)
    summary = first_section(text)
    assert "**O4.3** Päätösten ennakkovaikutusten arviointia (EVA)" in summary
    assert "ei toteudu (raportoitu 2023)" in summary
    assert "**Osallisuusohjelma**: 23 toimenpiteestä 14 toteutuu, 8 toteutuu osittain ja 1 ei " in (
        summary
    )
    assert (
        "| **Osallisuusohjelma** | **✅ 14 toteutuu · 🟡 8 toteutuu osittain · ❌ 1 ei toteudu** |"
        in summary
    )
    # the NGO plan had not started: one line, no figures, no table row, no measure
    assert f"**{NGO_PLAN}** alkaa vuonna 2026, joten kaudelta 2023 ei ole raportoitavaa." in summary
    ngo_lines = [line for line in summary.splitlines() if NGO_PLAN in line]
    assert len(ngo_lines) == 1
    assert not re.search(r"\bT\d(\.\d)*\b", summary) and "ei tietoa ·" not in summary
    assert "Yhteensä" not in summary  # one plan counts: its row is the total
    # nor anywhere after it: no chart, no table of "ei tietoa" for a plan not started
    assert f"## {NGO_PLAN}" not in text and "jarjestoyhteistyo" not in text
    assert text.index("O4.3") < text.index("## Osallisuusohjelma")  # before any detail


def test_committee_counts_are_the_periods_own(tmp_path: Path) -> None:
    from jarjesto_cli.outputs.report_data import build

    data = build(load_valid(FIXTURE_PLANS), "lautakunta", period=Period(2023), today=DAY)
    assert data["counts"] == {
        "toteutuu": 14,
        "osittain": 8,
        "ei_toteudu": 1,
        "ei_tietoa": 0,
        "ei_alkanut": 0,
    }
    now = build(load_valid(FIXTURE_PLANS), "lautakunta", today=DAY)
    # 2026: the programme's 2023 statuses are its last known, not 2026's
    assert now["period"] == "2026" and sum(now["counts"].values()) == 10
    assert now["counts"]["toteutuu"] == 0


def test_each_plan_at_its_own_period(tmp_path: Path) -> None:
    summary = first_section(markdown_of("lautakunta", None, tmp_path))
    assert "Kausi 2026 · tilanne 25.11.2026 · koottu seurantatiedoista 25.11.2026" in (
        (tmp_path / "lautakunta-2026.md").read_text(encoding="utf-8")
    )
    assert (
        "**Osallisuusohjelma**: kaudelta 2026 ei ole tietoja. Viimeisimmät tiedot ovat kaudelta "
        "2023: 23 toimenpiteestä 14 toteutuu, 8 toteutuu osittain ja 1 ei toteudu. Ne eivät "
        "sisälly kauden 2026 lukuihin." in summary
    )
    assert (
        f"**{NGO_PLAN}**: kaudelle 2026 ei ole vielä kirjattu toimenpiteiden tiloja eikä "
        "mittareiden arvoja (10 toimenpidettä, 27 mittaria)." in summary
    )
    # no table of zeros, no "Yhteensä ✅ 17", nothing to flag for plans without 2026 data
    assert "|" not in summary and "✅" not in summary and "### Huomiota vaativat" not in summary


def test_board_report_of_the_running_year_says_nothing_is_recorded(tmp_path: Path) -> None:
    text = markdown_of("neuvottelukunta", None, tmp_path)
    assert "tilanne 25.11.2026" in text and "31.12.2026" not in text
    # the plan's measures, sub-actions and targets, without a status no one has given
    assert "#### T1.1 Kehitetään verkostoyhteistyötä" in text
    assert "| **T1.1.2** Järjestöjen kokemus osallisuudesta | ≥ 4 (asteikko 1–5) |" in text
    assert "ei tietoa" not in text and "⚪" not in text and "Toteutuu" not in text


def test_a_quarter_of_a_yearly_programme_shows_its_values_and_says_why_no_statuses(
    tmp_path: Path,
) -> None:
    text = markdown_of("hyte", "2023-Q2", tmp_path)
    summary = first_section(text)
    assert (
        "**Osallisuusohjelma**: toimenpiteiden tila raportoidaan kerran vuodessa, joten kaudelle "
        f"2.{NBSP}neljännes 2023 ei ole tiloja. Arvo tältä kaudelta on 4 mittarilla." in summary
    )
    assert f"**{NGO_PLAN}** alkaa vuonna 2026" in summary
    # the quarter's values are there, with one period convention
    assert f"| 2\\.{NBSP}neljännes 2023 | 3,0 |" in text  # O1.M1's history
    assert f"3,0 (2.{NBSP}neljännes 2023)" in text
    # not 23 measures of "ei tietoa", and yearly indicators are not missing in a quarter
    assert "ei tietoa" not in text and "### Puuttuvat tiedot" not in summary
    assert "O3.M2" not in text  # measured once a year: not part of a quarter


def test_a_value_without_a_comparison_point_is_not_no_data(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    text = markdown_of("lautakunta", "2023", tmp_path)
    row = next(line for line in text.splitlines() if line.startswith("| **O3.M2**"))
    assert "850 000 € (2023)" in row and "ei vertailukohtaa" in row and "ei tietoa" not in row
    assert "noin 100 osallistujaa (2023)" in text  # "n. 100" keeps its "noin"
    # the same word in the terminal and in the export
    status = invoke("status", "-p", FIXTURE_PLANS, "--goal", "O3", "--period", "2023")
    assert "O3.M2" in status.stdout and "ei vertailukohtaa" in status.stdout
    exported = invoke("export", "-p", FIXTURE_PLANS, "--period", "2023", "-o", "-")
    row = next(line for line in exported.stdout.splitlines() if ";O3.M2;" in line)
    assert ";ei vertailukohtaa;" in row


def test_the_same_question_under_two_goals_is_shown_once(tmp_path: Path) -> None:
    text = markdown_of("hyte", "2023", tmp_path)
    assert "(sama kysymys kuin O2.M1)" in text
    assert "Sama kysymys ja samat arvot kuin mittarilla O2.M1 (tavoite O2)." in text
    assert "O4.M1.png" not in text and "O2.M1.png" in text
    # every indicator's history has its name as a heading; the goals' own are told apart
    assert "##### O1.M1 Tiedän miten hoitoni/palveluni jatkuu" in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == len(set(headings))


def test_audiences_get_what_they_need(tmp_path: Path) -> None:
    texts = {
        a: markdown_of(a, "2023" if a in ("lautakunta", "hyte") else None, tmp_path)
        for a in AUDIENCES
    }
    # the board steers the NGO plan: roles, strengths and every sub-action
    board = texts["neuvottelukunta"]
    assert "### Roolit toteutuksessa" in board and "### Järjestöyhteistyön vahvuudet" in board
    assert "Rakennetaan yhteinen ilmiö- ja katveanalyysiprosessi" in board
    assert "Osallisuusohjelma" not in board
    # the committee sees the reported narratives
    committee = texts["lautakunta"]
    assert "## Osallisuusohjelma" in committee and "### Toimenpiteiden raportit" in committee
    assert "Päätösten vaikutusten ennakkoarvioinnille on kehitteillä yhteinen malli." in committee
    # the hyte unit works at indicator level: measurement history and missing values, once
    hyte = texts["hyte"]
    assert "| Kausi | Arvo | Huomio |" in hyte and "### Mittarit ilman arvoa kaudelle 2023" in hyte
    assert hyte.count("**O1.M3**") == 1  # in the list of missing values only
    # the sectors' special advisers get measures with sub-actions, not the narratives
    advisers = texts["erityisasiantuntijat"]
    assert "Jatkokehitetään Hyte-puheeksi ottoa ja palveluohjausta yhteistyössä" in advisers
    assert "### Toimenpiteiden raportit" not in advisers


# --- Markdown as pandoc reads it ---------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        "ml. järjestöyhteistyön neuvottelukunta",
        "i. roomalainen numero",
        "A. iso kirjain",
        "1) sulku",
        "1\\) sulku, kuten raportti sen kirjoittaa",
        "(a) kirjain suluissa",
        "[ ] ei tehtävä",
        "#2 ei otsikko",
    ],
)
def test_pandoc_reads_a_bullet_as_written(item: str) -> None:
    from jarjesto_cli.outputs.reports import PANDOC_READER, pandoc_path

    markdown = f"- ensimmäinen\n- {item}\n- viimeinen\n"
    tree = json.loads(
        subprocess.run(
            [pandoc_path(), f"--from={PANDOC_READER}", "--to=json"],
            input=markdown,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    (bullets,) = tree["blocks"]
    assert bullets["t"] == "BulletList" and len(bullets["c"]) == 3
    (block,) = bullets["c"][1]
    assert block["t"] == "Plain"  # one plain line: no nested list, no heading, no task
    words = "".join(
        i["c"] if i["t"] == "Str" else " " for i in block["c"] if i["t"] in ("Str", "Space")
    )
    assert words == item.replace("\\", "")


def test_tables_are_sized_by_content_without_empty_columns() -> None:
    from jarjesto_cli.outputs.mdtables import fit, split_row

    table = (
        "| Kausi | Arvo | n | Huomio |\n"
        "| --- | --- | ---: | --- |\n"
        "| 1\\. neljännes 2023 | 2,9 |  |  |\n"
        "| 2023 | " + "pitkä sanallinen arvo " * 8 + "|  | a \\| b |\n"
    )
    header, separator, *rows = fit(table).splitlines()
    assert split_row(header) == ["Kausi", "Arvo", "Huomio"]  # "n" is empty in every row
    assert split_row(rows[1])[2] == "a \\| b"  # an escaped bar stays in its cell
    dashes = [len(c.strip(":")) for c in split_row(separator)]
    assert sum(dashes) in range(98, 103) and len(separator) > 72  # pandoc: relative widths
    kausi, arvo, huomio = dashes
    assert kausi >= len("neljännes 2023") and arvo > kausi  # the long text gets the room
    assert huomio >= len("a | b")
    assert separator.startswith("| ") and "---:" not in separator  # "n" and its colon are gone


# --- DOCX ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committee's 2023 report and the board's of 2026 and 2023, as DOCX (made once)."""
    folder = tmp_path_factory.mktemp("docx")
    planset = load_valid(FIXTURE_PLANS)
    for audience, period in (("lautakunta", 2023), ("neuvottelukunta", 2026)):
        make_reports(
            planset,
            [audience],
            period=Period(period),
            formats=["md", "docx"],
            output_dir=folder,
            date=DAY,
        )
    make_reports(
        planset,
        ["neuvottelukunta"],
        period=Period(2023),
        formats=["docx"],
        output_dir=folder,
        date=DAY,
    )
    return folder


def test_docx_properties_title_and_header(docx_reports: Path) -> None:
    import docx

    document = docx.Document(str(docx_reports / "lautakunta-2023.docx"))
    title = "Tilannekatsaus 2023: Lähidemokratia- ja osallisuuslautakunta"
    properties = document.core_properties
    assert properties.title == title
    assert properties.author == "Vantaan ja Keravan hyvinvointialue (VAKE)"
    assert properties.subject == "Lähidemokratia- ja osallisuuslautakunta, kausi 2023"
    assert properties.language == "fi-FI"
    first = document.paragraphs[0]
    assert (first.style.name, first.text) == ("Title", title)
    # the page header names the report and its period (the TITLE field's shown text)
    header = "\n".join(p.text for p in document.sections[-1].header.paragraphs)
    assert title in header and "Raportin otsikko" not in header


def test_docx_headings_lists_and_tables(docx_reports: Path) -> None:
    import docx

    document = docx.Document(str(docx_reports / "lautakunta-2023.docx"))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "Yhteenveto")
    assert ("Heading 2", "Huomiota vaativat") in headings
    assert ("Heading 1", "Osallisuusohjelma") in headings
    for goal in load_valid(FIXTURE_PLANS).plan("osallisuusohjelma").goals:
        assert ("Heading 2", f"{goal.id} {goal.name}") in headings, goal.id
    # heading order never skips a level
    levels = [int(style.rsplit(" ", 1)[1]) for style, _ in headings]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    # headings keep with the next paragraph (their styles)
    for level in range(1, 5):
        assert document.styles[f"Heading {level}"].paragraph_format.keep_with_next, level
    # the first table: the summary, the programme's 14/8/1
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == [
        "Suunnitelma ja tavoite",
        "Toimenpiteiden tila",
    ]
    assert first.rows[1].cells[1].text == "● 14 toteutuu · ◐ 8 toteutuu osittain · × 1 ei toteudu"
    for table in document.tables:
        body = table.rows[1:]
        for column in range(len(table.columns)):
            assert any(row.cells[column].text.strip() for row in body), table.rows[0].cells[0].text
        for row in table.rows:  # rows never split across pages
            assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None  # repeated header
        # a short table stays on one page: its rows but the last keep with the next
        kept = [row._tr.find(f".//{W}pPr/{W}keepNext") is not None for row in table.rows]
        short = len(table.rows) <= 6
        assert kept == [short] * (len(table.rows) - 1) + [False], table.rows[0].cells[0].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hyvinvointialueen verkkosivuja kehitetään palautteen pohjalta." in text
    assert "✅" not in text  # print-safe symbols instead of emoji
    pictures = document.element.body.findall(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert len(pictures) == 4
    for picture in pictures:  # alt text that says what the chart shows
        assert re.match(r"(Pinottu pylväskaavio|Viivakaavio), .*\d", picture.get("descr", ""))


def test_docx_keeps_the_ml_bullet(docx_reports: Path) -> None:
    import docx

    document = docx.Document(str(docx_reports / "neuvottelukunta-2026.docx"))
    listed = [p for p in document.paragraphs if p._p.find(f"{W}pPr/{W}numPr") is not None]
    assert not [p for p in listed if not p.text.strip()]  # no empty bullet
    (item,) = [
        p for p in listed if "järjestöyhteistyön neuvottelukunta, verkostoyhteistyö" in p.text
    ]
    assert item.text.startswith("ml. järjestöyhteistyön neuvottelukunta")


def test_docx_contents_for_long_reports_after_the_summary(docx_reports: Path) -> None:
    import docx

    long = docx.Document(str(docx_reports / "lautakunta-2023.docx"))
    body = long.element.body
    instructions = [t.text or "" for t in body.iter(f"{W}instrText")]
    assert any(i.startswith("TOC ") for i in instructions)
    # the entries (inside the table of contents' content control) come after the summary
    order = [
        (p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), "".join(t.text or "" for t in p.iter(f"{W}t")))
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
    ]
    styles = [style for style, _ in order]
    assert styles.index("Heading1") < styles.index("TOCHeading")
    entries = [text for style, text in order if style.startswith("TOC") and style != "TOCHeading"]
    assert entries[:2] == [
        "Osallisuusohjelma",
        "O1 Tarjoamme tietoa osallistumis- ja vaikuttamismahdollisuuksista eri kanavia hyödyntäen",
    ]
    assert "Toimenpiteiden raportit" in entries and "Huomiota vaativat" not in entries
    short = docx.Document(str(docx_reports / "neuvottelukunta-2023.docx"))
    assert not any(
        (t.text or "").startswith("TOC") for t in short.element.body.iter(f"{W}instrText")
    )


# --- charts --------------------------------------------------------------------------------------


def _linear(channel: float) -> float:
    channel /= 255
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> list[float]:
    return [_linear(int(colour.lstrip("#")[i : i + 2], 16)) for i in (0, 2, 4)]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio."""

    def luminance(colour: str) -> float:
        r, g, b_ = _rgb(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB
DEUTERANOPIA = [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.011820, 0.042940, 0.968881],
]
PROTANOPIA = [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
]


def lab(linear: list[float]) -> tuple[float, float, float]:
    """CIELAB (D65) of a linear-RGB colour."""
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def seen_with(matrix: list[list[float]], colour: str) -> tuple[float, float, float]:
    linear = _rgb(colour)
    return lab(
        [min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear, strict=True)))) for row in matrix]
    )


def test_chart_contrast() -> None:
    from jarjesto_cli.domain.status import Status
    from jarjesto_cli.outputs import charts

    white = charts.BACKGROUND
    assert contrast(charts.INK, white) >= 4.5  # every text
    for status, fill in charts.COLOURS.items():
        # a mark: its fill, or (the light "ei tietoa") its outline, at least 3:1
        mark = fill if status is not Status.EI_TIETOA else charts.EDGES[status]
        assert contrast(mark, white) >= 3, status
    assert contrast(charts.COLOURS[Status.EI_TIETOA], white) < 1.5  # it looks empty, outlined
    assert contrast(charts.LINE, white) >= 3 and contrast(charts.TARGET, white) >= 3
    # colour is never alone: each status has its own pattern
    assert len(set(charts.HATCHES.values())) == len(charts.HATCHES)


@pytest.mark.parametrize("matrix", [DEUTERANOPIA, PROTANOPIA], ids=["deuteranopia", "protanopia"])
def test_status_colours_stay_apart_without_colour_vision(matrix: list[list[float]]) -> None:
    from jarjesto_cli.domain.status import Status
    from jarjesto_cli.outputs import charts

    seen = {s: seen_with(matrix, c) for s, c in charts.COLOURS.items()}
    distance = {
        (a, b): math.dist(seen[a], seen[b]) for a in seen for b in seen if a.value < b.value
    }
    # the old green and red were 16 apart under deuteranopia: the same olive
    met, not_met = Status.TOTEUTUU, Status.EI_TOTEUDU
    assert math.dist(seen[met], seen[not_met]) >= 25
    assert min(distance.values()) >= 25, distance


def chart_of(audience: str, period: str, kind: str) -> dict[str, Any]:
    from jarjesto_cli.outputs.report_data import build

    data = build(load_valid(FIXTURE_PLANS), audience, period=Period.parse(period), today=DAY)
    return next(c for c in data["charts"] if c["kind"] == kind)


def test_trend_chart_has_axis_title_period_labels_and_a_labelled_target() -> None:
    from jarjesto_cli.outputs import charts

    chart = chart_of("lautakunta", "2023", "trend")
    axes = charts.figure(chart).axes[0]
    assert axes.get_ylabel() == "Arvo asteikolla 1–5"
    assert [t.get_text() for t in axes.get_xticklabels()][0] == "1.\u00a0neljännes 2023"
    assert axes.get_legend() is None  # labelled directly, no "arvo" legend
    with_target = dict(chart, target=4, scale=[1, 5])
    texts = [t.get_text() for t in charts.figure(with_target).axes[0].texts]
    assert "Tavoite 4" in texts
    count = dict(chart, scale=None, unit="€", y_title="Määrä (€)")
    assert charts.figure(count).axes[0].get_ylabel() == "Määrä (€)"


def test_status_chart_labels_its_segments() -> None:
    from jarjesto_cli.outputs import charts

    chart = chart_of("lautakunta", "2023", "status")
    axes = charts.figure(chart).axes[0]
    texts = [t.get_text() for t in axes.texts]
    assert "1 ei toteudu" in texts and "4 toteutuu" in texts  # the word where it fits
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["toteutuu", "toteutuu osittain", "ei toteudu", "ei tietoa"]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["O6", "O5", "O4", "O3", "O2", "O1"]
    assert chart["alt"].startswith(
        "Pinottu pylväskaavio, Osallisuusohjelma: toimenpiteiden tila tavoitteittain kaudella "
        "2023. O1: 2 toteutuu, 1 toteutuu osittain;"
    )


def test_docx_only_writes_just_the_docx(invoke: Callable[..., Result], tmp_path: Path) -> None:
    result = report(invoke, "-a", "hyte", "--period", "2023", "--format", "docx", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hyte-2023.docx"]


def test_unknown_audience_lists_the_known_ones(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    result = report(invoke, "--audience", "valtuusto", "-o", tmp_path)
    assert result.exit_code == 2
    assert "unknown audience 'valtuusto'" in result.stderr
    assert "lautakunta, neuvottelukunta, hyte, erityisasiantuntijat" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- text from the YAML is data -----------------------------------------------------------------

NASTY = (
    "Solu | jakautuu *ei lihavoitu* _ei kursiivi_ <script>alert(1)</script> &lt;b&gt; `koodi`\n"
    "# ei otsikko\n"
    "- ei luettelo\n"
    "1. ei numeroitu\n"
    "```{=openxml}\n"
    "<w:p><w:r><w:t>INJEKTIO</w:t></w:r></w:p>\n"
    "```\n"
    "\n"
    "<div>raaka html</div> [linkki](http://example.invalid) ![kuva](x.png) $x$ ^yla^ ~ala~ @viite\n"
)

NASTY_PLAN = {
    "id": "testi",
    "nimi": "Testi | suunnitelma <b>",
    "tavoitteet": [
        {
            "id": "A1",
            "nimi": "Tavoite *tähdillä*",
            "toimenpiteet": [
                {
                    "id": "A1.1",
                    "nimi": "Toimenpide | putkella\nja rivinvaihdolla",
                    "raportit": [{"kausi": 2026, "tila": "toteutuu", "teksti": NASTY}],
                }
            ],
        }
    ],
}


@pytest.fixture
def nasty_plans(tmp_path: Path) -> Path:
    import json

    from tests.conftest import SHARED_YAML, make_plans

    return make_plans(
        tmp_path / "plans", json.dumps(NASTY_PLAN, ensure_ascii=False), shared=SHARED_YAML
    )


def pandoc(*args: str, stdin: str) -> str:
    import pypandoc

    return subprocess.run(
        [pypandoc.get_pandoc_path(), *args], input=stdin, capture_output=True, text=True, check=True
    ).stdout


def test_escaping_in_markdown(
    nasty_plans: Path, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = invoke("report", "-a", "lautakunta", "-p", nasty_plans, "-o", out)
    assert result.exit_code == 0, result.output
    markdown = (out / "lautakunta-2026.md").read_text(encoding="utf-8")
    row = next(ln for ln in markdown.splitlines() if ln.startswith("| **A1.1**"))
    assert row.count(" | ") == 1  # the | in the name did not split the cell
    # as GitHub renders it (commonmark + GFM tables): everything shows as written, no markup
    html = pandoc("-f", "gfm", "-t", "html", stdin=markdown)
    html = re.sub(r"<p><em>Tila on raportoitu.*?</em></p>", "", html, flags=re.S)  # the legend
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<div>" not in html and "<em>" not in html and "<code>" not in html
    assert "<h1>ei otsikko" not in html and "<li>ei luettelo" not in html
    assert "&amp;lt;b&amp;gt;" in html  # an entity in the data stays an entity's text
    assert "Solu | jakautuu *ei lihavoitu* _ei kursiivi_" in html.replace("&lt;", "<")
    # [text](url) is not made a link (a bare URL may be autolinked, as GitHub does: shown as is)
    assert ">linkki</a>" not in html and "[linkki](" in html and 'src="x.png"' not in html


def test_escaping_in_docx(nasty_plans: Path, invoke: Callable[..., Result], tmp_path: Path) -> None:
    import zipfile

    import docx

    out = tmp_path / "out"
    result = invoke("report", "-a", "lautakunta", "-p", nasty_plans, "-o", out, "--format", "docx")
    assert result.exit_code == 0, result.output
    path = out / "lautakunta-2026.docx"
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "<w:t>INJEKTIO</w:t>" not in xml  # the raw OpenXML block did not become markup
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "<script>alert(1)</script>" in text
    assert "```{=openxml}" in text and "<w:p><w:r><w:t>INJEKTIO</w:t></w:r></w:p>" in text
    assert "$x$ ^yla^ ~ala~ @viite" in text
    assert "- ei luettelo" in text and "# ei otsikko" in text and "1. ei numeroitu" in text


# --- templates: sandbox and errors --------------------------------------------------------------


def broken_templates(tmp_path: Path, body: str) -> Path:
    directory = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates", directory)
    (directory / "lautakunta.md.j2").write_text(body, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            "# {{ title }}\n{% for x in plans %}\n{{ x.name }\n",
            "lautakunta.md.j2:3: template syntax error",
        ),
        ("# {{ title }}\n\n{{ no_such_name }}\n", "lautakunta.md.j2:3:"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", "not allowed in a template"),
        ("{{ plans[0].goals.__class__ }}\n", "not allowed in a template"),
        ('{% extends "ei-ole.md.j2" %}\n', "template 'ei-ole.md.j2' not found"),
    ],
)
def test_template_errors_name_the_template_and_line(
    body: str, words: str, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = report(
        invoke, "-a", "lautakunta", "--templates", broken_templates(tmp_path, body), "-o", out
    )
    assert result.exit_code == 1, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_missing_audience_template(invoke: Callable[..., Result], tmp_path: Path) -> None:
    directory = broken_templates(tmp_path, "")
    (directory / "lautakunta.md.j2").unlink()
    result = report(invoke, "-a", "lautakunta", "--templates", directory, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "template 'lautakunta.md.j2' not found" in result.stderr


def test_failed_pandoc_writes_nothing(invoke: Callable[..., Result], tmp_path: Path) -> None:
    # an image that does not exist: pandoc warns, and a warning fails the report
    directory = broken_templates(tmp_path, "# {{ title }}\n\n![puuttuva kuva](ei-ole.png)\n")
    out = tmp_path / "out"
    out.mkdir()
    result = report(
        invoke, "-a", "lautakunta", "--templates", directory, "-o", out, "--format", "all"
    )
    assert result.exit_code == 1, result.output
    assert "pandoc could not make the DOCX" in result.stderr and "ei-ole.png" in result.stderr
    assert list(out.iterdir()) == []


def test_unwritable_output(invoke: Callable[..., Result], tmp_path: Path) -> None:
    blocker = tmp_path / "tiedosto"
    blocker.write_text("x", encoding="utf-8")
    result = report(invoke, "-a", "lautakunta", "-o", blocker / "reports")
    assert result.exit_code == 1
    assert "cannot write to" in result.stderr


def test_installed_templates_are_used_outside_the_repo(tmp_path: Path) -> None:
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "jarjesto_cli",
            "report",
            "-a",
            "hyte",
            "-p",
            str(FIXTURE_PLANS),
            "-o",
            "out",
            "--period",
            "2023",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "out" / "hyte-2023.md")
        .read_text(encoding="utf-8")
        .startswith("# Tilannekatsaus 2023: Hyte")
    )


def test_all_audiences_at_once(invoke: Callable[..., Result], tmp_path: Path) -> None:
    import zipfile

    result = report(invoke, "--audience", "all", "--format", "all", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    # each audience's default period is the latest of its plans' own: the NGO plan's current year
    stems = ["erityisasiantuntijat-2026", "hyte-2026", "lautakunta-2026", "neuvottelukunta-2026"]
    assert sorted(p.stem for p in tmp_path.glob("*.md")) == stems
    # the conversions ran side by side; each DOCX is its own report
    assert sorted(p.stem for p in tmp_path.glob("*.docx")) == stems
    for stem in stems:
        markdown = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
        title = markdown.splitlines()[0].removeprefix("# ")
        with zipfile.ZipFile(tmp_path / f"{stem}.docx") as docx:
            assert title in docx.read("word/document.xml").decode("utf-8")
        assert f"Wrote {tmp_path / stem}.docx" in result.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no work left behind


def test_ci_workflow_and_pre_commit_hook() -> None:
    from jarjesto_cli.files import yaml_io

    workflow = yaml_io.load(ROOT / ".github" / "workflows" / "plans.yml")
    jobs = workflow["jobs"]
    validate_steps = " ".join(str(step.get("run", "")) for step in jobs["validate"]["steps"])
    assert "plan validate plans --format github" in validate_steps
    assert "pull_request" in jobs["validate"]["if"]
    report_steps = " ".join(str(step.get("run", "")) for step in jobs["reports"]["steps"])
    assert "plan report --audience all --format all --output reports" in report_steps
    assert any(
        step.get("uses", "").startswith("actions/upload-artifact")
        for step in jobs["reports"]["steps"]
    )
    # the chart cache is kept between runs, restored before the reports are made
    uses = [str(step.get("uses", "")) for step in jobs["reports"]["steps"]]
    runs = [str(step.get("run", "")) for step in jobs["reports"]["steps"]]
    cache_at = next(i for i, u in enumerate(uses) if u.startswith("actions/cache"))
    report_at = next(i for i, r in enumerate(runs) if r.startswith("plan report"))
    assert cache_at < report_at
    cached = str(jobs["reports"]["steps"][cache_at]["with"]["path"]).split()
    assert cached == ["~/.cache/jarjesto-cli", "~/.cache/matplotlib"]
    (hook,) = yaml_io.load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["entry"] == "plan validate" and hook["id"] == "plan-validate"
    assert hook["pass_filenames"] is True and "plans/" in hook["files"]


def test_one_failed_conversion_stops_the_others_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jarjesto_cli.errors import OutputError
    from jarjesto_cli.outputs import parallel, reports

    # a stand-in pandoc: the committee's conversion fails at once, the others would take a
    # minute (each leaves its pid first, to check that it was stopped)
    pids = tmp_path / "pids"
    pids.mkdir()
    fake = tmp_path / "pandoc"
    fake.write_text(
        "#!/bin/sh\n"
        'case "$1" in *lautakunta*) echo "lautakunta: rikki" >&2; exit 3;; esac\n'
        f'echo $$ > "{pids}/$$"\n'
        "exec sleep 60\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setattr(reports, "pandoc_path", lambda: str(fake))
    monkeypatch.setattr(parallel, "cores", lambda: 4)  # all four conversions start together
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="pandoc could not make the DOCX: lautakunta: rikki"):
        reports.make_reports(
            load_valid(FIXTURE_PLANS),
            ["lautakunta", "neuvottelukunta", "hyte", "erityisasiantuntijat"],
            period=None,
            formats=["md", "docx"],
            output_dir=out,
            date=DAY,
        )
    assert list(out.iterdir()) == []  # not even the Markdown of the reports that were fine
    for pid_file in pids.iterdir():  # every conversion still running was stopped
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid_file.name), 0)


def test_a_missing_reference_document_is_reported_before_any_work(
    invoke: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jarjesto_cli.outputs import charts, templating

    directory = broken_templates(tmp_path, (ROOT / "templates" / "lautakunta.md.j2").read_text())
    (directory / "reference.docx").unlink()
    monkeypatch.setattr(templating, "PACKAGE_TEMPLATES", tmp_path / "ei-asennettu")
    monkeypatch.setattr(charts, "draw", lambda *a: pytest.fail("a chart was drawn"))
    monkeypatch.setenv("JARJESTO_CLI_NO_CACHE", "1")
    out = tmp_path / "out"
    result = report(invoke, "-a", "lautakunta", "--templates", directory, "-o", out, "-f", "all")
    assert result.exit_code == 1, result.output
    assert f"no reference.docx in {directory}" in result.stderr
    assert not out.exists()  # not even the output folder was made
