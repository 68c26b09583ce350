"""`plan calendar --measures` / `--owner`: the measures' and sub-actions' own deadlines in the
listing and the iCalendar file (issue 14), read back with the icalendar library."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import icalendar
from typer.testing import Result

from tests.conftest import FIXTURE_PLANS, LIVING_PLANS

NGO = "jarjestoyhteistyo-2026-2030.yaml"
REPORTING_EVENTS_2026 = 10  # the living plans' audiences and rhythms, as the frozen plans'


def living_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(LIVING_PLANS, tmp_path / "plans"))


def events(path: Path) -> dict[str, icalendar.Event]:
    """The file's events by UID."""
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.events}


def test_owner_adds_that_actors_deadlines_to_the_file(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "hyte.ics"
    result = invoke("calendar", "-p", LIVING_PLANS, "--owner", "hyte-tiimi", "--ics", target)
    assert result.exit_code == 0, result.output
    found = events(target)
    # T2.1 (hyte-tiimi's, ending 2026-Q3) is the only one of hyte-tiimi's that ends in 2026;
    # T1.1/1 is the advisory board's alone
    assert len(found) == REPORTING_EVENTS_2026 + 1, sorted(found)
    event = found["maaraaika-T2.1@jarjesto-cli"]
    assert event.decoded("DTSTART") == dt.date(2026, 9, 30)
    assert event.decoded("DTEND") == dt.date(2026, 10, 1)  # all-day: the end is exclusive
    assert str(event["SUMMARY"]) == (
        "Määräaika: T2.1 Kehitämme järjestöyhteistyön suunnitelmallisuutta ja …"
    )
    description = str(event["DESCRIPTION"]).splitlines()
    assert description == [
        "Toimenpide: T2.1 Kehitämme järjestöyhteistyön suunnitelmallisuutta ja vaikuttavuuden "
        "seurannan tapoja",
        "Vastuu: Hyte-tiimi",
        "Aikataulu: 3.\xa0neljännes 2026",  # a label keeps "3." and its word together
        "Suunnitelma: Järjestöyhteistyön toimintasuunnitelma 2026–2030 "
        "(jarjestoyhteistyo-2026-2030)",
        "Tilanne 25.11.2026: toteutuu osittain, myöhässä",
        "Komento: plan status T2.1",
    ]
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(cal["X-WR-CALNAME"]).endswith(
        "raportoinnin ja toimenpiteiden määräpäivät 2026 – Hyte-tiimi"
    )
    # the listing says the same
    assert "Toimenpiteiden määräajat 2026: Hyte-tiimi" in result.stdout
    assert (
        " 30.9.2026  T2.1  Kehitämme järjestöyhteistyön suunnitelmallisuutta ja vaikuttavuuden "
        "seurannan tapoja — ⏰ myöhässä — vastuu: Hyte-tiimi"
    ) in result.stdout.splitlines()
    assert "T1.1/1" not in result.stdout


def test_measures_adds_everyones_and_sub_actions(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "kaikki.ics"
    result = invoke("calendar", "-p", LIVING_PLANS, "--measures", "--ics", target)
    assert result.exit_code == 0, result.output
    found = events(target)
    sub = found["maaraaika-T1.1/1@jarjesto-cli"]
    assert sub.decoded("DTSTART") == dt.date(2026, 9, 30)
    assert str(sub["SUMMARY"]).startswith("Määräaika: T1.1/1 Järjestöjen tuominen mukaan")
    lines = str(sub["DESCRIPTION"]).splitlines()
    assert lines[:3] == [
        "Alatoimenpide 1: Järjestöjen tuominen mukaan vahvemmin verkostoyhteistyöhön ja "
        "palvelujen kehittämistyöhön",
        "Toimenpide: T1.1 Kehitetään verkostoyhteistyötä",
        "Vastuu: Järjestöyhteistyön neuvottelukunta",
    ]
    assert "Tilanne 25.11.2026: toteutuu" in lines  # its measure is met: not late
    assert "maaraaika-T2.1@jarjesto-cli" in found
    # T1.1 ends in 2027, T1.2 in 2028: not in 2026's file; in 2027's
    assert "maaraaika-T1.1@jarjesto-cli" not in found
    later = tmp_path / "2027.ics"
    assert (
        invoke(
            "calendar", "-p", LIVING_PLANS, "--measures", "--year", "2027", "--ics", later
        ).exit_code
        == 0
    )
    assert events(later)["maaraaika-T1.1@jarjesto-cli"].decoded("DTSTART") == dt.date(2027, 12, 31)
    # the listing, in date order
    listing = [line for line in result.stdout.splitlines() if " 30.9.2026  T" in line]
    assert [line.split()[1] for line in listing] == ["T1.1/1", "T2.1"]
    assert "— ✅ toteutuu — vastuu: Järjestöyhteistyön neuvottelukunta" in listing[0]


def test_without_the_flags_only_reporting_deadlines(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "raportointi.ics"
    result = invoke("calendar", "-p", LIVING_PLANS, "--ics", target)
    assert result.exit_code == 0, result.output
    assert len(events(target)) == REPORTING_EVENTS_2026
    assert "Toimenpiteiden määräajat" not in result.stdout
    # plans without schedules: the section says there are none
    plain = invoke("calendar", "-p", FIXTURE_PLANS, "--measures")
    assert plain.exit_code == 0, plain.output
    assert "Ei toimenpiteiden määräaikoja vuonna 2026." in plain.stdout


def test_a_moved_deadline_updates_its_event(invoke: Callable[..., Result], tmp_path: Path) -> None:
    plans = living_copy(tmp_path)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert invoke("calendar", "-p", plans, "--measures", "--ics", first).exit_code == 0
    moved = invoke("set", "T2.1", "--end", "2026-Q4", "-p", plans)
    assert moved.exit_code == 0, moved.output
    assert invoke("calendar", "-p", plans, "--measures", "--ics", second).exit_code == 0
    before, after = events(first), events(second)
    assert set(before) == set(after)  # same UIDs: a re-import updates, never duplicates
    uid = "maaraaika-T2.1@jarjesto-cli"
    assert before[uid].decoded("DTSTART") == dt.date(2026, 9, 30)
    assert after[uid].decoded("DTSTART") == dt.date(2026, 12, 31)
    assert "Tilanne 25.11.2026: toteutuu osittain" in str(after[uid]["DESCRIPTION"]).splitlines()


def test_an_unknown_owner_is_a_usage_error(invoke: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "x.ics"
    result = invoke("calendar", "-p", LIVING_PLANS, "--owner", "hyte", "--ics", target)
    assert result.exit_code == 2, result.output
    assert "unknown actor 'hyte'" in result.stderr
    assert "hyte-tiimi, neuvottelukunta" in result.stderr
    assert "Traceback" not in result.output and not target.exists()


def test_audience_keeps_its_own_reporting_deadlines_in_the_file(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "nk.ics"
    result = invoke(
        "calendar",
        "-p",
        LIVING_PLANS,
        "--audience",
        "neuvottelukunta",
        "--owner",
        "neuvottelukunta",
        "--ics",
        target,
    )
    assert result.exit_code == 0, result.output
    assert sorted(events(target)) == [
        "maaraaika-T1.1/1@jarjesto-cli",
        "neuvottelukunta-2026-H1@jarjesto-cli",
        "neuvottelukunta-2026-H2@jarjesto-cli",
    ]
    assert result.stdout.startswith("Järjestöyhteistyön neuvottelukunta: raportti kaudelta")
    assert "Toimenpiteiden määräajat 2026: Järjestöyhteistyön neuvottelukunta" in result.stdout


def test_hostile_names_stay_one_line_in_the_calendar(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    plans = living_copy(tmp_path)
    path = plans / NGO
    text = path.read_text(encoding="utf-8")
    old = (
        "nimi: Kehitämme järjestöyhteistyön suunnitelmallisuutta ja vaikuttavuuden seurannan tapoja"
    )
    assert old in text
    path.write_text(
        text.replace(old, 'nimi: "Kehitämme\\nDTSTART:19700101\\r\\n::error::x \\e[31mpunainen"'),
        encoding="utf-8",
    )
    target = tmp_path / "x.ics"
    result = invoke("calendar", "-p", plans, "--owner", "hyte-tiimi", "--ics", target)
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert b"\x1b" not in data and b"\nDTSTART:1970" not in data
    event = events(target)["maaraaika-T2.1@jarjesto-cli"]
    assert event.decoded("DTSTART") == dt.date(2026, 9, 30)
    summary = str(event["SUMMARY"])
    assert "\n" not in summary and "\r" not in summary
    assert summary.startswith("Määräaika: T2.1 Kehitämme DTSTART:19700101")
    description = str(event["DESCRIPTION"]).splitlines()
    assert description[0].startswith("Toimenpide: T2.1 Kehitämme DTSTART:19700101 ")
    assert description[1] == "Vastuu: Hyte-tiimi"  # the name added no line of its own
    # the terminal listing shows the name escaped, no workflow command at a line's start
    assert "\x1b" not in result.stdout
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
