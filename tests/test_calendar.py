"""`plan calendar`: deadlines from each audience's rhythm, what passed ones lack, and the ICS file
read back by the icalendar library."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from typer.testing import Result

from jarjesto_cli.commands.calendar import run_calendar
from jarjesto_cli.domain.deadlines import (
    Deadline,
    deadlines,
    default_month_days,
    missing,
    period_ended_by,
)
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs.ics import calendar_ics, uids
from tests.conftest import FIXTURE_PLANS, SHARED_YAML, copy_fixture_plans, make_plans

P = Period.parse
D = dt.date
NOV_25_2026 = D(2026, 11, 25)
STAMP = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
NGO = "jarjestoyhteistyo-2026-2030"
PARTICIPATION = "osallisuusohjelma"

SMALL_PLAN = """\
id: testi
nimi: Testisuunnitelma
tavoitteet:
  - id: X1
    nimi: Tavoite
    mittarit:
      - id: X1.M1
        nimi: Tavoitetason mittari
        tyyppi: määrä
        mittaukset:
          - kausi: 2025
            arvo: 3
    toimenpiteet:
      - id: X1.1
        nimi: Puolivuotisraportoitu
        raportit:
          - kausi: 2026-H1
            tila: toteutuu
        mittarit:
          - id: X1.1.1
            nimi: Neljännesmittari
            tyyppi: määrä
            mittaukset:
              - kausi: 2026-Q1
                arvo: 5
          - id: X1.1.2
            nimi: Vain huomio
            tyyppi: teksti
            mittaukset:
              - kausi: 2026-H2
                huomio: Kysely tehdään syksyllä.
      - id: X1.2
        nimi: Vuosiraportoitu
        raportit:
          - kausi: 2026
            tila: toteutuu osittain
        mittarit:
          - id: X1.2.1
            nimi: Mittaamaton
            tyyppi: kyllä-ei
"""


def shared(*audiences: str) -> str:
    """A shared file whose audiences are given as YAML flow mappings."""
    head = SHARED_YAML.split("yleisöt:")[0]
    return head + "yleisöt:\n" + "".join(f"  - {a}\n" for a in audiences)


def audience(aid: str, times: int, *, at_most: int | None = None, at: str = "") -> str:
    extra = f", enintään_kertaa_vuodessa: {at_most}" if at_most else ""
    extra += f", ajankohdat: {at}" if at else ""
    return (
        f"{{id: {aid}, nimi: Yleisö {aid}, kertaa_vuodessa: {times}{extra}, suunnitelmat: [testi]}}"
    )


def small(tmp_path: Path, *audiences: str, plan: str = SMALL_PLAN) -> PlanSet:
    return load_valid(make_plans(tmp_path / "plans", plan, shared=shared(*audiences)))


def schedule(found: list[Deadline], aid: str) -> list[tuple[dt.date, str, bool]]:
    return [(d.date, str(d.period), d.optional) for d in found if d.audience_id == aid]


# --- rhythms ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("times", "months"),
    [
        (1, [12]),
        (2, [6, 12]),
        (3, [4, 8, 12]),
        (4, [3, 6, 9, 12]),
        (5, [2, 5, 7, 10, 12]),
        (6, [2, 4, 6, 8, 10, 12]),
        (8, [2, 3, 5, 6, 8, 9, 11, 12]),
        (12, list(range(1, 13))),
    ],
)
def test_default_months(times: int, months: list[int]) -> None:
    assert [m for m, _ in default_month_days(times)] == months


def test_default_rhythms_and_their_periods(tmp_path: Path) -> None:
    planset = small(
        tmp_path,
        audience("kerran", 1),
        audience("kahdesti", 2),
        audience("kolmesti", 3),
        audience("neljasti", 4),
    )
    found = deadlines(planset, 2026)
    assert schedule(found, "kerran") == [(D(2026, 12, 31), "2026", False)]
    assert schedule(found, "kahdesti") == [
        (D(2026, 6, 30), "2026-H1", False),
        (D(2026, 12, 31), "2026-H2", False),
    ]
    # three a year report on quarters: the latest quarter ended by the end of April is Q1
    assert schedule(found, "kolmesti") == [
        (D(2026, 4, 30), "2026-Q1", False),
        (D(2026, 8, 31), "2026-Q2", False),
        (D(2026, 12, 31), "2026-Q4", False),
    ]
    assert schedule(found, "neljasti") == [
        (D(2026, 3, 31), "2026-Q1", False),
        (D(2026, 6, 30), "2026-Q2", False),
        (D(2026, 9, 30), "2026-Q3", False),
        (D(2026, 12, 31), "2026-Q4", False),
    ]
    assert all(d.plan_ids == ("testi",) and d.plan_names == ("Testisuunnitelma",) for d in found)


def test_sorted_by_date_then_audience_order_in_the_file(tmp_path: Path) -> None:
    planset = small(tmp_path, audience("b", 4), audience("a", 2))
    found = deadlines(planset, 2026)
    assert [(d.date.month, d.audience_id) for d in found] == [
        (3, "b"),
        (6, "b"),
        (6, "a"),
        (9, "b"),
        (12, "b"),
        (12, "a"),
    ]


def test_once_or_twice_is_one_required_and_one_optional(tmp_path: Path) -> None:
    planset = small(tmp_path, audience("lk", 1, at_most=2), audience("kv", 2, at_most=4))
    found = deadlines(planset, 2026)
    assert schedule(found, "lk") == [
        (D(2026, 6, 30), "2026-H1", True),  # the larger rhythm's granularity: a half
        (D(2026, 12, 31), "2026", False),
    ]
    assert schedule(found, "kv") == [
        (D(2026, 3, 31), "2026-Q1", True),
        (D(2026, 6, 30), "2026-H1", False),
        (D(2026, 9, 30), "2026-Q3", True),
        (D(2026, 12, 31), "2026-H2", False),
    ]


def test_anchors_replace_the_defaults(tmp_path: Path) -> None:
    planset = small(
        tmp_path,
        audience("nk", 2, at='["09-15", "02-15"]'),
        audience("karkaus", 1, at='["02-29"]'),
        audience("lk", 1, at_most=2, at='["06-15", "12-15"]'),
    )
    found = deadlines(planset, 2026)
    # a report in February is on the half that ended before it: last year's H2
    assert schedule(found, "nk") == [
        (D(2026, 2, 15), "2025-H2", False),
        (D(2026, 9, 15), "2026-H1", False),
    ]
    assert schedule(found, "karkaus") == [(D(2026, 2, 28), "2025", False)]
    assert schedule(deadlines(planset, 2028), "karkaus") == [(D(2028, 2, 29), "2027", False)]
    # more anchors than required: the one nearest the default (31.12.) is required
    assert schedule(found, "lk") == [
        (D(2026, 6, 15), "2025-H2", True),
        (D(2026, 12, 15), "2025", False),
    ]


def test_period_ended_by() -> None:
    assert period_ended_by(D(2026, 12, 31), "year") == P("2026")
    assert period_ended_by(D(2026, 12, 30), "year") == P("2025")
    assert period_ended_by(D(2026, 6, 30), "half") == P("2026-H1")
    assert period_ended_by(D(2026, 6, 29), "half") == P("2025-H2")
    assert period_ended_by(D(2026, 1, 1), "quarter") == P("2025-Q4")
    assert period_ended_by(D(2026, 10, 1), "quarter") == P("2026-Q3")


# --- plan years ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "expected"),
    [("", 2), ("alkuvuosi: 2026\n", 2), ("alkuvuosi: 2027\n", 0), ("loppuvuosi: 2025\n", 0)],
)
def test_plan_years_limit_deadlines(tmp_path: Path, years: str, expected: int) -> None:
    plan = SMALL_PLAN.replace("nimi: Testisuunnitelma\n", f"nimi: Testisuunnitelma\n{years}")
    planset = small(tmp_path, audience("a", 2), plan=plan)
    assert len(deadlines(planset, 2026)) == expected


def test_ngo_plan_starts_in_2026() -> None:
    planset = load_valid(FIXTURE_PLANS)
    in_2025 = deadlines(planset, 2025)
    assert all(NGO not in d.plan_ids for d in in_2025)
    # audiences that follow the NGO plan only have nothing before it starts
    assert {d.audience_id for d in in_2025} == {"lautakunta", "hyte"}
    in_2026 = deadlines(planset, 2026)
    assert schedule(in_2026, "neuvottelukunta") == [
        (D(2026, 6, 30), "2026-H1", False),
        (D(2026, 12, 31), "2026-H2", False),
    ]
    assert schedule(in_2026, "lautakunta") == [
        (D(2026, 6, 30), "2026-H1", True),
        (D(2026, 12, 31), "2026", False),
    ]
    assert [d.plan_ids for d in in_2026 if d.audience_id == "hyte"] == [(NGO, PARTICIPATION)] * 4
    assert len(in_2026) == 2 + 2 + 4 + 2


# --- what is missing ----------------------------------------------------------------------------


def ids(items: tuple[object, ...]) -> list[str]:
    return [getattr(i, "id", "") for i in items]


def test_missing_counts_only_periods_inside_the_deadlines(tmp_path: Path) -> None:
    planset = small(tmp_path, audience("kahdesti", 2), audience("kerran", 1))
    by_key = {(d.audience_id, str(d.period)): d for d in deadlines(planset, 2026)}

    half = missing(planset, by_key[("kahdesti", "2026-H1")])
    # X1.2's status is for the whole year, which is not inside H1; X1.1.2's note is for H2
    assert ids(half.measures) == ["X1.2"]
    assert ids(half.indicators) == ["X1.M1", "X1.1.2", "X1.2.1"]
    assert half.measures[0].name == "Vuosiraportoitu"

    second = missing(planset, by_key[("kahdesti", "2026-H2")])
    assert ids(second.measures) == ["X1.1", "X1.2"]
    assert ids(second.indicators) == ["X1.M1", "X1.1.1", "X1.2.1"]  # a note alone counts

    year = missing(planset, by_key[("kerran", "2026")])
    assert ids(year.measures) == []  # an H1 report and a year report both lie inside 2026
    assert ids(year.indicators) == ["X1.M1", "X1.2.1"]  # last year's value does not count
    assert year.count == 2


def test_missing_on_the_participation_programme_in_2023() -> None:
    planset = load_valid(FIXTURE_PLANS)
    found = deadlines(planset, 2023)
    by_key = {(d.audience_id, str(d.period)): d for d in found}
    assert set(by_key) == {
        ("lautakunta", "2023-H1"),
        ("lautakunta", "2023"),
        ("hyte", "2023-Q1"),
        ("hyte", "2023-Q2"),
        ("hyte", "2023-Q3"),
        ("hyte", "2023-Q4"),
    }
    # every measure has a 2023 status and every indicator a 2023 or quarterly value
    assert missing(planset, by_key[("lautakunta", "2023")]).count == 0

    plan = planset.plan(PARTICIPATION)
    measures = [m.id for g in plan.goals for m in g.measures]
    quarterly = {
        i.id
        for g in plan.goals
        for i in g.indicators
        if any(str(m.period).startswith("2023-Q") for m in i.measurements)
    }
    all_indicators = [i.id for g in plan.goals for i in g.indicators]
    assert len(measures) == 23 and quarterly == {"O1.M1", "O1.M2", "O2.M1", "O4.M1"}
    for quarter in ("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"):
        gap = missing(planset, by_key[("hyte", quarter)])
        assert ids(gap.measures) == measures  # only yearly statuses: none inside a quarter
        assert ids(gap.indicators) == [i for i in all_indicators if i not in quarterly]
        assert len(gap.indicators) == 15


# --- text ---------------------------------------------------------------------------------------


def test_text_for_2023_on_the_test_plans() -> None:
    result = run_calendar(load_valid(FIXTURE_PLANS), year=2023, today=NOV_25_2026, ics=None)
    lines = result.text.splitlines()
    assert lines[0] == "Raportoinnin määräpäivät 2023 (tilanne 25.11.2026)"
    assert (
        "31.12.2023  Lähidemokratia- ja osallisuuslautakunta  2023     Osallisuusohjelma — valmis"
        in lines
    )
    assert (
        " 30.6.2023  Lähidemokratia- ja osallisuuslautakunta  2023-H1  Osallisuusohjelma "
        "(mahdollinen) — puuttuu: 23 toimenpidettä, 15 mittaria" in lines
    )
    assert (
        lines.count(
            " " * 12
            + "toimenpiteet: "
            + ", ".join(
                ["O1.1", "O1.2", "O1.3", "O2.1", "O2.2", "O2.3", "O2.4", "O3.1", "O3.2", "O3.3"]
            )
            + ", … (+13)"
        )
        == 5
    )
    assert "tulossa" not in result.text
    assert result.missing_count == 5 * (23 + 15)
    # five deadlines, each on its own period: what each lacks is a different value
    assert lines[-1].startswith("Puuttuu yhteensä 190 tietoa 5 menneeltä määräpäivältä")


def test_text_marks_coming_deadlines_and_the_next_date() -> None:
    result = run_calendar(load_valid(FIXTURE_PLANS), year=2026, today=D(2026, 6, 30), ics=None)
    lines = [line for line in result.text.splitlines() if line[:10].strip().endswith("2026")]
    assert len(lines) == 10
    assert lines[0].startswith(" 31.3.2026  Hyte-tehtäväalue") and "puuttuu: " in lines[0]
    # a deadline on today's date is still coming, and every deadline on that date is next
    assert [line.endswith("— tulossa, seuraava") for line in lines[1:5]] == [True] * 4
    assert all(line.endswith("— tulossa") for line in lines[5:])
    assert "2026-Q3" in lines[5]


def test_text_lists_only_what_is_missing_and_empty_years(tmp_path: Path) -> None:
    planset = small(tmp_path, audience("a", 1))
    plan_years = SMALL_PLAN.replace("nimi: Testisuunnitelma\n", "nimi: T\nalkuvuosi: 2030\n")
    later = small(tmp_path / "b", audience("a", 1), plan=plan_years)
    done = run_calendar(planset, year=2026, today=D(2027, 1, 1), ics=None)
    assert done.missing_count == 2 and "puuttuu: 0 toimenpidettä, 2 mittaria" in done.text
    assert "            mittarit: X1.M1, X1.2.1" in done.text and "toimenpiteet:" not in done.text
    empty = run_calendar(later, year=2026, today=D(2027, 1, 1), ics=None)
    assert empty.missing_count == 0 and "Ei määräpäiviä vuonna 2026." in empty.text


# --- ICS ----------------------------------------------------------------------------------------


def read_events(data: bytes) -> tuple[icalendar.Calendar, list[icalendar.Event]]:
    cal = icalendar.Calendar.from_ical(data)
    return cal, cal.events


def test_ics_reads_back() -> None:
    found = deadlines(load_valid(FIXTURE_PLANS), 2026)
    cal, events = read_events(calendar_ics(found, calendar_name="VAKE 2026", stamp=STAMP))
    assert str(cal["VERSION"]) == "2.0" and str(cal["CALSCALE"]) == "GREGORIAN"
    assert "jarjesto-cli" in str(cal["PRODID"]) and str(cal["X-WR-CALNAME"]) == "VAKE 2026"
    assert len(events) == len(found) == 10
    for event, deadline in zip(events, found, strict=True):
        start, end = event.start, event.end
        assert type(start) is dt.date and start == deadline.date  # all-day: a date, no time
        assert type(end) is dt.date and end == deadline.date + dt.timedelta(days=1)
        assert event.DTSTAMP == STAMP
        assert event.categories == ["Raportointi", deadline.audience_name]
        assert str(deadline.period) in str(event["DESCRIPTION"])
    summaries = [str(e["SUMMARY"]) for e in events]
    assert (
        "Raportti: Järjestöyhteistyön neuvottelukunta – "
        "Järjestöyhteistyön toimintasuunnitelma 2026–2030 (2026-H1)"
    ) in summaries
    optional = [e for e in events if str(e["STATUS"]) == "TENTATIVE"]
    assert [str(e["SUMMARY"]) for e in optional] == [
        "Raportti: Lähidemokratia- ja osallisuuslautakunta – Järjestöyhteistyön "
        "toimintasuunnitelma 2026–2030, Osallisuusohjelma (2026-H1) (mahdollinen)"
    ]
    assert sum(str(e["STATUS"]) == "CONFIRMED" for e in events) == 9


def test_ics_uids_are_stable_and_unique() -> None:
    found = deadlines(load_valid(FIXTURE_PLANS), 2026)
    first = read_events(calendar_ics(found, calendar_name="a", stamp=STAMP))[1]
    later = STAMP + dt.timedelta(days=40)
    # new plan names, another date, optional or not: the same events, to be updated on import
    changed = [
        dataclasses.replace(
            d,
            plan_names=tuple(f"Uusi {n}" for n in d.plan_names),
            date=d.date - dt.timedelta(days=14),
            optional=not d.optional,
        )
        for d in found
    ]
    second = read_events(calendar_ics(changed, calendar_name="b", stamp=later))[1]
    first_uids = [str(e["UID"]) for e in first]
    assert first_uids == [str(e["UID"]) for e in second]
    assert len(set(first_uids)) == len(first_uids)
    assert "neuvottelukunta-2026-H1@jarjesto-cli" in first_uids
    assert "hyte-2026-Q4@jarjesto-cli" in first_uids


def test_uids_unique_for_a_rhythm_denser_than_its_periods(tmp_path: Path) -> None:
    planset = small(tmp_path, audience("kk", 12))
    found = deadlines(planset, 2026)
    made = uids(found)
    assert len(made) == 12 and len(set(made)) == 12
    # January reports on last year's Q4: the UID says which year's calendar it is in
    assert made[:3] == [
        "kk-2025-Q4-2026@jarjesto-cli",
        "kk-2025-Q4-2026-2@jarjesto-cli",
        "kk-2026-Q1@jarjesto-cli",
    ]
    assert not set(made) & set(uids(deadlines(planset, 2025)))


def test_icalendar_is_not_loaded_at_start_up() -> None:
    code = (
        "import sys, jarjesto_cli.cli, jarjesto_cli.commands.calendar, jarjesto_cli.outputs.ics; "
        "print('icalendar' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- CLI ----------------------------------------------------------------------------------------


def set_today(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def test_cli_lists_the_year(invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, NOV_25_2026)
    result = invoke("calendar", "-p", FIXTURE_PLANS)  # the year defaults to today's
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Raportoinnin määräpäivät 2026 (tilanne 25.11.2026)\n")
    assert "30.9.2026  Hyte-tehtäväalue" in result.stdout
    assert result.stdout.count("— tulossa, seuraava") == 4
    assert "\x1b[" not in result.stdout


def test_cli_fail_on_missing(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_today(monkeypatch, NOV_25_2026)
    lacking = invoke("calendar", "--year", "2023", "-p", FIXTURE_PLANS, "--fail-on-missing")
    assert lacking.exit_code == 1, lacking.output
    assert "puuttuu: 23 toimenpidettä, 15 mittaria" in lacking.stdout
    assert invoke("calendar", "--year", "2023", "-p", FIXTURE_PLANS).exit_code == 0

    set_today(monkeypatch, D(2026, 1, 15))  # nothing in 2026 has passed yet
    early = invoke("calendar", "--year", "2026", "-p", FIXTURE_PLANS, "--fail-on-missing")
    assert early.exit_code == 0, early.output
    assert "puuttuu" not in early.stdout

    complete = SMALL_PLAN.replace(
        "            tyyppi: kyllä-ei\n",
        "            tyyppi: kyllä-ei\n            mittaukset:\n"
        "              - {kausi: 2026-H2, arvo: kyllä}\n",
    ).replace("          - kausi: 2025\n", "          - kausi: 2026-Q4\n")
    plans = make_plans(tmp_path / "plans", complete, shared=shared(audience("a", 1)))
    set_today(monkeypatch, D(2027, 2, 1))
    done = invoke("calendar", "--year", "2026", "-p", plans, "--fail-on-missing")
    assert done.exit_code == 0, done.output
    assert "31.12.2026  Yleisö a  2026     Testisuunnitelma — valmis" in done.stdout


def test_cli_writes_ics(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_today(monkeypatch, NOV_25_2026)
    target = tmp_path / "raportointi-2026.ics"
    result = invoke("calendar", "--year", "2026", "-p", FIXTURE_PLANS, "--ics", target)
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in result.stderr
    cal, events = read_events(target.read_bytes())
    assert len(events) == 10
    assert str(cal["X-WR-CALNAME"]).endswith("raportoinnin määräpäivät 2026")
    first = target.read_bytes()
    assert invoke("calendar", "--year", "2026", "-p", FIXTURE_PLANS, "--ics", target).exit_code == 0
    assert target.read_bytes() == first  # SOURCE_DATE_EPOCH fixes DTSTAMP: same data, same file


def test_cli_unwritable_ics(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_today(monkeypatch, NOV_25_2026)
    target = tmp_path / "no-such-folder" / "x.ics"
    result = invoke("calendar", "--year", "2026", "-p", FIXTURE_PLANS, "--ics", target)
    assert result.exit_code == 1, result.output
    assert "cannot write" in result.stderr and "Traceback" not in result.output
    assert not target.exists()


# --- issue 12 §15: each missing item once, one audience's checklist, the terminal's width ------


def ended_programme(tmp_path: Path) -> Path:
    """The test plans with the participation programme's years as in plans/ (2023)."""
    plans = copy_fixture_plans(tmp_path / "plans")
    path = plans / f"{PARTICIPATION}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("\ntavoitteet:\n", "\nalkuvuosi: 2023\nloppuvuosi: 2023\ntavoitteet:\n", 1),
        encoding="utf-8",
    )
    return plans


def test_each_missing_item_is_counted_once(tmp_path: Path) -> None:
    planset = load_valid(ended_programme(tmp_path))
    result = run_calendar(planset, year=2026, today=NOV_25_2026, ics=None)
    # four audiences wait for the NGO plan's 2026-H1 values: 37 items, not 4 × 37; the hyte
    # quarters Q1–Q3 lack their own. The ended programme is asked for nothing in 2026.
    assert result.missing_count == 4 * (10 + 27)
    assert "Puuttuu yhteensä 148 tietoa 6 menneeltä määräpäivältä" in result.text
    assert "Osallisuusohjelma" not in result.text
    every_year = run_calendar(load_valid(FIXTURE_PLANS), year=2026, today=NOV_25_2026, ics=None)
    # without years the programme runs on: its 23 measures and 19 indicators are missing too
    assert every_year.missing_count == 4 * (10 + 27) + 4 * (23 + 19)


def test_one_audience_gets_its_checklist_for_its_next_deadline(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_today(monkeypatch, NOV_25_2026)
    plans = ended_programme(tmp_path)
    done = invoke("record", "T1.1.2", "--period", "2026-H2", "--value", "3.8", "-p", plans)
    assert done.exit_code == 0, done.output
    result = invoke("calendar", "--audience", "neuvottelukunta", "-p", plans)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Järjestöyhteistyön neuvottelukunta: raportti kaudelta 2026-H2",
        "Määräpäivä 31.12.2026 (36 päivän päästä)",
        "Valmiina 1/37; puuttuu 36 tietoa.",
    ]
    assert "    [x] T1.1.2   Järjestöjen kokemus osallisuudesta (arvo)" in lines
    assert "  [ ] T1.1     Kehitetään verkostoyhteistyötä (tila)" in lines
    assert lines[-1] == "Kirjaa: plan set-status T1.1 --period 2026-H2 --status …"
    unknown = invoke("calendar", "--audience", "valtuusto", "-p", plans)
    assert unknown.exit_code == 2 and "known audiences: lautakunta" in unknown.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_calendar_fits_an_80_column_terminal(tmp_path: Path) -> None:
    from rich.cells import cell_len

    from tests.terminal import in_terminal

    plans = ended_programme(tmp_path)
    for args in (["calendar"], ["calendar", "--audience", "hyte"]):
        code, _, text = in_terminal(
            [*args, "-p", plans], env={"PAGER": "cat", "SOURCE_DATE_EPOCH": "1795608000"}
        )
        assert code == 0, text
        assert max(cell_len(line) for line in text.splitlines()) <= 80, text
        # wrapped at words, nothing cut off (only id lists say how many more there are)
        assert "…" not in text.replace(", … (+", "").replace("--status …", "")
