"""The living plan in the reports and charts (issue 14, "In the reports"): owners, schedules,
priorities and late measures for the boards and sectors with a timeline chart; late measures
and target changes with their decisions in the committee's summary; an accepted disagreement
with its reason wherever a status shows; the hyte unit's readiness for its next deadline; the
target line that steps where a change took effect. On `tests/fixtures/living` (LIVING_PLANS)
or small plans built here."""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.files.loading import load_valid
from tests.conftest import FIXTURE_PLANS, LIVING_PLANS, make_plans
from tests.test_reports import DEUTERANOPIA, PROTANOPIA, contrast, seen_with

TODAY = dt.date(2026, 11, 25)
Q3 = Period.parse("2026-Q3")
REASON = "Prosessit otetaan käyttöön vasta, kun ne on hyväksytty"


def build(audience: str, period: str = "2026-Q3", **options: Any) -> dict[str, Any]:
    from jarjesto_cli.outputs.report_data import build as build_report

    options.setdefault("today", TODAY)
    return build_report(load_valid(LIVING_PLANS), audience, period=Period.parse(period), **options)


def report(
    invoke: Callable[..., Result],
    out: Path,
    audience: str,
    period: str,
    plans: Path = LIVING_PLANS,
) -> str:
    result = invoke(
        "report", "-p", plans, "--audience", audience, "--period", period,
        "--output", out, "--format", "md",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # period labels keep their parts together with no-break spaces; compared as plain spaces
    return (out / f"{audience}-{period}.md").read_text(encoding="utf-8").replace("\u00a0", " ")


def summary_of(markdown: str) -> str:
    """The first section (Yhteenveto), up to the first plan's own section."""
    return markdown.split("## Yhteenveto", 1)[1].split("\n## ", 1)[0]


# --- committee: late measures and target changes on the first page ------------------------------


def test_the_committee_summary_names_late_measures_and_target_changes(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    summary = summary_of(report(invoke, tmp_path, "lautakunta", "2026-H2"))
    late = [line for line in summary.splitlines() if line.startswith("- **T2.1**")]
    assert late and "myöhässä, aikataulun mukaan valmis 3. neljännes 2026" in late[0], summary
    assert "vastuu Hyte-tiimi" in late[0]
    assert "### Tavoitteiden muutokset" in summary
    change = [line for line in summary.splitlines() if line.startswith("- **T1.1.2**")]
    assert any(
        "tavoite 4 → 4,5 (15.10.2026, Järjestöyhteistyön neuvottelukunta 15.10.2026 § 12)" in line
        and "Perustelu: Tavoitetta nostettiin vastaamaan strategian tavoitetasoa" in line
        for line in change
    ), summary


def test_target_changes_are_those_after_the_last_report_or_else_within_the_period() -> None:
    # no last report: the changes dated within the period (15.10.2026 is not in Q3)
    assert build("lautakunta", "2026-Q3")["target_changes"] == []
    assert [c["id"] for c in build("lautakunta", "2026-H2")["target_changes"]] == ["T1.1.2"]
    # with a last report: the changes dated after its day, whatever the period
    after = build("lautakunta", "2026-Q3", since="raportti-q2", since_date=dt.date(2026, 10, 1))
    assert [(c["id"], c["date"], c["new"]) for c in after["target_changes"]] == [
        ("T1.1.2", "15.10.2026", "4,5")
    ]
    assert after["target_changes_since"] == "edellisen raportin (1.10.2026) jälkeen"
    later = build("lautakunta", "2026-H2", since="raportti-x", since_date=dt.date(2026, 10, 15))
    assert later["target_changes"] == []


def test_the_since_day_is_the_tagged_reports_commit_day(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    import shutil
    import subprocess

    plans = tmp_path / "repo" / "plans"
    shutil.copytree(LIVING_PLANS, plans)

    def git(*args: str, day: str = "2026-10-01T12:00:00") -> None:
        env = {"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day, "HOME": str(tmp_path)}
        subprocess.run(
            ["git", "-C", str(plans.parent), "-c", "user.name=t", "-c", "user.email=t@t", *args],
            check=True, capture_output=True, env=env | {"PATH": "/usr/bin:/bin"},
        )  # fmt: skip

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "raportti")
    git("tag", "raportti-2026-Q3")
    out = tmp_path / "out"
    summary = summary_of(report(invoke, out, "lautakunta", "2026-Q3", plans))
    assert "Tavoitteita on muutettu edellisen raportin (1.10.2026) jälkeen" in summary
    assert "- **T1.1.2** Järjestöjen kokemus osallisuudesta: tavoite 4 → 4,5" in summary


# --- an accepted disagreement shows its reason, in every audience ---------------------------------


@pytest.mark.parametrize(
    "audience", ["lautakunta", "neuvottelukunta", "hyte", "erityisasiantuntijat"]
)
def test_an_accepted_disagreement_shows_its_reason_and_no_warning(
    invoke: Callable[..., Result], tmp_path: Path, audience: str
) -> None:
    markdown = report(invoke, tmp_path, audience, "2026-Q3")
    lines = [line for line in markdown.splitlines() if "T1.2" in line or "hyväksytty ero" in line]
    assert any(f"mittareiden mukaan ei toteudu, hyväksytty ero: {REASON}" in x for x in lines)
    assert "⚠ mittareiden mukaan ei toteudu" not in markdown
    assert "T1.2** Parannetaan" not in summary_of(markdown).split("### Puuttuvat")[0]


# --- boards and sectors: owners, schedule, priority, timeline -------------------------------------


@pytest.mark.parametrize("audience", ["neuvottelukunta", "erityisasiantuntijat"])
def test_boards_and_sectors_see_owners_schedules_priorities_and_timing(
    invoke: Callable[..., Result], tmp_path: Path, audience: str
) -> None:
    markdown = report(invoke, tmp_path, audience, "2026-Q3")
    section = markdown.split("### Vastuut ja aikataulut", 1)[1].split("\n#", 1)[0]
    rows = {r.split("**")[1]: r for r in section.splitlines() if r.startswith("| **")}
    assert "Hyte-tiimi, Järjestöyhteistyön neuvottelukunta" in rows["T1.1"]
    assert "2\\. vuosipuolisko 2026 – 2027" in rows["T1.1"] and "| korkea |" in rows["T1.1"]
    assert "⏰ myöhässä" in rows["T2.1"] and "3\\. neljännes 2026" in rows["T2.1"]
    assert "ei vielä alkanut" in rows["T1.3"] and "| matala |" in rows["T1.3"]
    assert "2\\. vuosipuolisko 2026 alkaen" in rows["T3.1"]  # an open end
    assert "Viestintäyksikkö, Hyte-tiimi" in rows["T3.1"]  # owners by name, lead first
    # the timeline chart before the table, its alt text saying which are late
    chart = re.search(r"!\[(Aikajana[^]]*)\]\(([^)]+)\)", section)
    assert chart is not None, section
    assert "Myöhässä: T2.1 (3. neljännes 2026)." in chart[1]
    assert "Ei vielä alkanut: T1.3." in chart[1]
    assert (tmp_path / chart[2]).is_file()
    # and each measure's own line
    assert (
        "Vastuu: Hyte-tiimi · Aikataulu: 3. neljännes 2026 · Prioriteetti: korkea · ⏰ myöhässä"
        in markdown
    )
    # a sub-action with its own owner and schedule says so
    assert "(vastuu: Järjestöyhteistyön neuvottelukunta; aikataulu: 3. neljännes 2026" in markdown


def test_no_timeline_or_planning_table_without_schedules_or_owners() -> None:
    from jarjesto_cli.outputs.report_data import build as build_report

    data = build_report(
        load_valid(FIXTURE_PLANS), "neuvottelukunta", period=Period.parse("2026"), today=TODAY
    )
    assert all(p["timeline_chart"] is None and not p["planning"] for p in data["plans"])
    assert not any(c["kind"] == "timeline" for c in data["charts"])


def test_the_timeline_chart_marks_late_and_waiting_measures_in_words_and_patterns() -> None:
    from jarjesto_cli.outputs import charts, timeline_chart

    chart = next(c for c in build("neuvottelukunta")["charts"] if c["kind"] == "timeline")
    rows = {r["id"]: r for r in chart["rows"]}
    assert rows["T2.1"]["late"] and rows["T1.3"]["not_started"] and rows["T3.1"]["open_end"]
    assert not rows["T2.2"]["scheduled"]
    assert (chart["first_year"], chart["last_year"]) == (2026, 2030)
    # T1.1 runs from 1.7.2026 to the end of 2027
    assert rows["T1.1"]["start"] == pytest.approx(2026.4959, abs=1e-3)
    assert rows["T1.1"]["end"] == pytest.approx(2028.0)
    axes = charts.figure(chart).axes[0]
    texts = [t.get_text() for t in axes.texts]
    assert "myöhässä" in texts and "ei vielä alkanut" in texts and "ei aikataulua" in texts
    assert "Raportin kausi: 3.\u00a0neljännes 2026" in texts
    assert [t.get_text() for t in axes.get_xticklabels()] == [str(y) for y in range(2026, 2031)]
    assert [t.get_text() for t in axes.get_yticklabels()][:2] == ["T1.1", "T1.2"]
    bars = {p.get_y() + p.get_height() / 2: p for p in axes.patches if p.get_width() > 0}
    late = [p for p in bars.values() if p.get_hatch() == timeline_chart.LATE_HATCH]
    assert len(late) == 1  # T2.1, the only late one, by its pattern too
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["aikataulussa", "myöhässä", "ei vielä alkanut", "raportin kausi"]
    # marks 3:1 on white; on time and late stay apart without colour vision
    assert contrast(timeline_chart.ON_TIME, charts.BACKGROUND) >= 3
    assert contrast(timeline_chart.LATE, charts.BACKGROUND) >= 3
    for matrix in (DEUTERANOPIA, PROTANOPIA):
        on_time = seen_with(matrix, timeline_chart.ON_TIME)
        assert math.dist(on_time, seen_with(matrix, timeline_chart.LATE)) >= 25


def test_the_docx_carries_the_timeline_with_its_alt_text(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    result = invoke(
        "report", "-p", LIVING_PLANS, "--audience", "neuvottelukunta", "--period", "2026-Q3",
        "--output", tmp_path, "--format", "docx",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "neuvottelukunta-2026-Q3.docx") as docx:
        xml = docx.read("word/document.xml").decode()
    assert 'descr="Aikajana, Järjestöyhteistyön toimintasuunnitelma 2026–2030' in xml
    assert "Vastuut ja aikataulut" in xml and "Prioriteetti" in xml


# --- hyte: readiness for the next deadline --------------------------------------------------------


def test_the_hyte_report_shows_readiness_for_its_next_deadline() -> None:
    from jarjesto_cli.domain.deadlines import next_deadline
    from jarjesto_cli.domain.readiness import readiness

    # before the Q3 deadline (30.9.2026): partly ready
    day = dt.date(2026, 9, 15)
    ready = build("hyte", today=day)["readiness"]
    assert (ready["date"], ready["period"]) == ("30.9.2026", "2026-Q3")
    planset = load_valid(LIVING_PLANS)
    deadline = next_deadline(planset, "hyte", day, None)
    assert deadline is not None
    found = readiness(planset, deadline)
    assert found.measures_ready == 3 and found.indicators_ready == 4  # the fixture's Q3 data
    assert ready["measures"] == f"3/{found.measures_total} toimenpidettä"
    assert ready["indicators"] == f"4/{found.indicators_total} mittaria"
    assert ready["not_started"] == ["T1.3"]
    owners = {g["owner"]: g for g in ready["owners"]}
    assert [i["id"] for i in owners["Viestintäyksikkö, Hyte-tiimi"]["shown"]][:1] == ["T3.1"]
    assert owners["Viestintäyksikkö, Hyte-tiimi"]["shown"][0]["need"] == "tila ja kertomus"
    assert list(owners)[-1] == "Ei vastuutahoa"  # the unowned last
    assert sum(g["count"] for g in ready["owners"]) == len(found.gaps)


def test_the_hyte_report_puts_readiness_in_its_first_section(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    summary = summary_of(report(invoke, tmp_path, "hyte", "2026-Q3"))
    assert "### Valmius seuraavaan raporttiin 31.12.2026" in summary
    assert "Seuraava raportti kaudelta 4\\. neljännes 2026 on koottava 31.12.2026 mennessä." in (
        summary
    )
    assert re.search(r"Valmiina: 0/\d+ toimenpidettä \(tila ja kertomus\), 0/\d+ mittaria", summary)
    assert "- **Hyte-tiimi** (" in summary and "T2.1 (tila ja kertomus)" in summary


# --- the target in force: a stepped line ---------------------------------------------------------

STEPPED = """\
id: testi
nimi: Testi
alkuvuosi: 2026
loppuvuosi: 2030
tavoitteet:
  - id: X1
    nimi: Tavoite
    toimenpiteet:
      - id: X1.1
        nimi: Toimenpide
        mittarit:
          - id: X1.1.1
            nimi: Kokemus
            tyyppi: asteikko
            asteikko: {min: 1, max: 5}
            tavoite: 4.2
            mittaukset:
              - {kausi: 2026-Q2, arvo: 3.4}
              - {kausi: 2026-Q3, arvo: 3.6}
              - {kausi: 2026-Q4, arvo: 3.9}
            tavoitemuutokset:
              - {päivä: 2027-02-01, päätös: "Lautakunta 1.2.2027 § 3", aiempi: 4}
              - {päivä: 2026-10-15, päätös: "Lautakunta 15.10.2026 § 12", aiempi: 3.5}
"""


def stepped_chart(tmp_path: Path, today: dt.date) -> dict[str, Any]:
    from jarjesto_cli.domain.summary import indicator_state
    from jarjesto_cli.outputs.report_data import trend_chart

    planset = load_valid(make_plans(tmp_path / "plans", STEPPED))
    indicator = planset.plans[0].goals[0].measures[0].indicators[0]
    chart = trend_chart(indicator_state(indicator, Period.parse("2026-Q4")), "x.png", today)
    assert chart is not None
    return chart


def test_the_target_line_steps_where_a_change_took_effect(tmp_path: Path) -> None:
    from jarjesto_cli.outputs import charts

    chart = stepped_chart(tmp_path, dt.date(2027, 3, 1))
    # Q2 and Q3 against 3.5; Q4 against 4 (changed 15.10.2026); 4.2 from 1.2.2027, past the values
    assert [(r["first"], r["last"], r["value"], r["since"]) for r in chart["steps"]] == [
        (0, 1, 3.5, None),
        (2, 2, 4, "15.10.2026"),
        (3, 3, 4.2, "1.2.2027"),
    ]
    assert chart["target"] == 4  # in force at the last value
    assert chart["alt"].endswith(
        "Tavoite muuttui: 3,5 (2. neljännes 2026 – 3. neljännes 2026); 4 (4. neljännes 2026, "
        "päätös 15.10.2026); 4,2 1.2.2027 alkaen."
    ), chart["alt"]
    axes = charts.figure(chart).axes[0]
    target = [line for line in axes.lines if line.get_linestyle() != "-"][0]
    xs, ys = list(target.get_xdata()), list(target.get_ydata())
    # the step between Q3 (x=1) and Q4 (x=2) is at their boundary, x=1.5
    assert (1.5, 3.5) in zip(xs, ys, strict=True) and (1.5, 4) in zip(xs, ys, strict=True)
    assert max(xs) > 2.5  # the step after the last value has its room
    texts = [t.get_text() for t in axes.texts]
    assert "Tavoite 3,5" in texts
    assert "Tavoite 4 (15.10.2026 alkaen)" in texts
    assert "Tavoite 4,2 (1.2.2027 alkaen)" in texts


def test_a_change_not_yet_decided_is_not_drawn(tmp_path: Path) -> None:
    chart = stepped_chart(tmp_path, dt.date(2026, 12, 31))
    assert [r["value"] for r in chart["steps"]] == [3.5, 4]
    assert "1.2.2027" not in chart["alt"]


def test_an_unchanged_target_is_one_flat_line_as_before() -> None:
    from jarjesto_cli.outputs.report_data import build as build_report

    data = build_report(
        load_valid(FIXTURE_PLANS), "lautakunta", period=Period.parse("2023"), today=TODAY
    )
    trends = [c for c in data["charts"] if c["kind"] == "trend"]
    assert trends and all(c["steps"] is None for c in trends)


def test_the_living_reports_table_shows_the_target_in_force_for_the_period() -> None:
    data = build("hyte", "2026-Q3")
    indicator = next(
        i
        for p in data["plans"]
        for g in p["goals"]
        for m in g["measures"]
        for i in m["indicators"]
        if i["id"] == "T1.1.2"
    )
    # 4,2 in Q3 meets the 4 then in force; today's 4,5 came on 15.10.2026
    assert indicator["target_text"] == "≥ 4 (asteikko 1–5)"
    assert indicator["met"] == "met"


def test_a_measure_not_started_is_counted_and_keyed_as_such(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    summary = summary_of(report(invoke, tmp_path, "neuvottelukunta", "2026-Q3"))
    # T1.3 starts in 2027: one "not started", the other six without a status
    assert "6 on ilman tilaa ja 1 ei ole vielä alkanut" in summary
    assert "⚪ ei tietoa · ⏳ ei vielä alkanut (aikataulu alkaa myöhemmin)." in summary
    frozen = summary_of(report(invoke, tmp_path / "frozen", "lautakunta", "2023", FIXTURE_PLANS))
    assert "⏳" not in frozen  # no schedules, no word of it


def test_a_measure_not_started_is_not_missing_and_its_reason_is_the_schedule(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    markdown = report(invoke, tmp_path, "lautakunta", "2026")
    missing = markdown.split("### Puuttuvat tiedot", 1)[1].split("\n#", 1)[0]
    assert "T1.3" not in missing  # T1.3 starts in 2027: neither it nor T1.3.1–3 are asked for
    assert "T2.2" in missing
    assert "ei vielä alkanut (aikataulun mukaan)" in markdown
    assert "ei vielä alkanut (mittareiden mukaan)" not in markdown
