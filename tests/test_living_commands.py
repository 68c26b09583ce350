"""The living plan written through the commands (issue 14): `plan set`, `plan set-target` and
`plan set-status --reason`, each written as `record` writes, and the living-plan fixture built
from the frozen plans by the commands alone (plus the actors, which a planner types by hand)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.conftest import FIXTURE_PLANS, LIVING_PLANS

NGO = "jarjestoyhteistyo-2026-2030.yaml"
Invoke = Callable[..., Result]


def ok(invoke: Invoke, *args: object) -> Result:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result


def loaded(plans: Path) -> dict[str, Any]:
    from jarjesto_cli.files.loading import load_plan_set

    planset = load_plan_set([plans])
    assert not planset.errors, [p.text() for p in planset.problems]
    assert planset.shared is not None
    return {
        "shared": planset.shared.model_dump(),
        "plans": {p.id: p.model_dump() for p in planset.plans},
    }


ACTORS = """
# Toimijat, joihin suunnitelmien vastuut viittaavat (testiaineisto, ei todellisia vastuita).
toimijat:
  - id: hyte-tiimi
    nimi: Hyte-tiimi
    tyyppi: yksikkö
  - id: neuvottelukunta
    nimi: Järjestöyhteistyön neuvottelukunta
    tyyppi: toimielin
  - id: lautakunta
    nimi: Lähidemokratia- ja osallisuuslautakunta
    tyyppi: toimielin
  - id: viestinta
    nimi: Viestintäyksikkö
    tyyppi: yksikkö
  - id: jarjestoverkosto
    nimi: Vantaan ja Keravan järjestöverkosto
    tyyppi: verkosto
"""


def add_actors_by_hand(plans: Path) -> None:
    """What a planner types in an editor: there is no command for actors."""
    with (plans / "vake.yaml").open("a", encoding="utf-8") as shared:
        shared.write(ACTORS)
    ngo = plans / NGO
    text = ngo.read_text(encoding="utf-8")
    for role, actor in (("neuvottelukunta", "neuvottelukunta"), ("hyte-tiimi", "hyte-tiimi")):
        line = f"  - id: {role}\n"
        assert text.count(line) == 1, role
        start = text.index(line) + len(line)
        name_end = text.index("\n", start) + 1  # the role's `nimi:` line
        text = text[:name_end] + f"    toimija: {actor}\n" + text[name_end:]
    ngo.write_text(text, encoding="utf-8")


def test_the_living_fixture_is_made_by_the_commands(tmp_path: Path, invoke: Invoke) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(FIXTURE_PLANS, plans)
    add_actors_by_hand(plans)
    p = ("-p", plans)
    for indicator, period, value in (
        ("T1.1.1", "2026-Q3", "kyllä"),
        ("T1.1.2", "2026-Q2", "3.4"),
        ("T1.1.2", "2026-Q3", "4,2"),
        ("T1.2.1", "2026-Q3", "ei"),
        ("T1.2.2", "2026-Q3", "3.2"),
    ):
        ok(invoke, "record", indicator, "--period", period, "--value", value, *p)
    ok(
        invoke,
        "set-target",
        "T1.1.2",
        "--target",
        "4,5",
        "--decision",
        "Järjestöyhteistyön neuvottelukunta 15.10.2026 § 12",
        "--date",
        "15.10.2026",
        "--reason",
        "Tavoitetta nostettiin vastaamaan strategian tavoitetasoa.",
        *p,
    )
    for measure, owners, start, end, priority in (
        ("T1.1", ["hyte-tiimi", "neuvottelukunta"], "2026-H2", "2027", "korkea"),
        ("T1.2", ["hyte-tiimi"], "2026-H2", "2028", "normaali"),
        ("T1.3", ["hyte-tiimi", "jarjestoverkosto"], "2027", "2028-H1", "matala"),
        ("T2.1", ["hyte-tiimi"], "2026-Q3", "2026-Q3", "korkea"),
        ("T3.1", ["viestinta", "hyte-tiimi"], "2026-H2", None, "normaali"),
    ):
        args: list[object] = [x for o in owners for x in ("--owner", o)]
        args += ["--start", start, "--priority", priority]
        args += ["--end", end] if end else []
        ok(invoke, "set", measure, *args, *p)
    ok(invoke, "set", "T1.1/1", "--owner", "neuvottelukunta", "--end", "2026-Q3", *p)
    for measure, status, text, reason in (
        (
            "T1.1",
            "toteutuu",
            "Teemaverkostot kokoontuivat kahdesti ja järjestötietoa jaettiin verkostoissa.",
            None,
        ),
        (
            "T1.2",
            "osittain",
            "Palveluohjausprosessien kuvaus on aloitettu kahdella toimialalla.",
            "Prosessit otetaan käyttöön vasta, kun ne on hyväksytty; mittari päivittyy silloin.",
        ),
        ("T2.1", "osittain", "Arviointimallin päivitys on kesken.", None),
    ):
        extra = ["--reason", reason] if reason else []
        ok(invoke, "set-status", measure, "--period", "2026-Q3", "--status", status,
           "--text", text, *extra, *p)  # fmt: skip
    assert loaded(plans) == loaded(LIVING_PLANS)


# --- plan set -----------------------------------------------------------------------------------


def test_set_writes_owners_schedule_and_priority_and_keeps_the_rest(
    plans_copy: Path, invoke: Invoke
) -> None:
    add_actors_by_hand(plans_copy)
    before = (plans_copy / NGO).read_text(encoding="utf-8")
    result = ok(invoke, "set", "T1.2", "--owner", "hyte-tiimi", "--owner", "viestinta",
                "--start", "2026-h2", "--end", "2027", "--priority", "Korkea", "-p", plans_copy)  # fmt: skip
    assert "T1.2 vastuu: – → hyte-tiimi, viestinta" in result.stdout
    assert "T1.2 loppu: – → 2027" in result.stdout
    after = (plans_copy / NGO).read_text(encoding="utf-8")
    added = (
        "        vastuu: [hyte-tiimi, viestinta]\n        aikataulu: {alku: 2026-H2, loppu: 2027}\n"
    )
    assert added + "        prioriteetti: korkea\n" in after
    # only the added lines differ: every comment and line of the file is kept
    assert after.replace(added + "        prioriteetti: korkea\n", "", 1) == before
    again = ok(
        invoke, "set", "T1.2", "--owner", "hyte-tiimi", "--owner", "viestinta", "-p", plans_copy
    )
    assert again.stdout.startswith("Unchanged")
    ok(invoke, "set", "T1.2", "--clear", "start", "--clear", "priority", "-p", plans_copy)
    text = (plans_copy / NGO).read_text(encoding="utf-8")
    assert "aikataulu: {loppu: 2027}\n" in text and "prioriteetti" not in text


def test_a_plain_sub_action_becomes_a_mapping_and_back(plans_copy: Path, invoke: Invoke) -> None:
    add_actors_by_hand(plans_copy)
    before = (plans_copy / NGO).read_text(encoding="utf-8")
    plain = "          - Järjestöjen teemaverkostojen vahvempi hyödyntäminen"
    assert plain in before
    ok(invoke, "set", "T1.1/2", "--owner", "hyte-tiimi", "--end", "2027-H1", "-p", plans_copy)
    text = (plans_copy / NGO).read_text(encoding="utf-8")
    assert "          - teksti: Järjestöjen teemaverkostojen vahvempi hyödyntäminen" in text
    assert "            vastuu: [hyte-tiimi]\n            aikataulu: {loppu: 2027-H1}\n" in text
    # with neither owner nor schedule left it is plain text again, as it was
    ok(invoke, "set", "T1.1/2", "--clear", "owner", "--clear", "end", "-p", plans_copy)
    assert (plans_copy / NGO).read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        ((), 2, "nothing to set — give --owner"),
        (("--owner", "nobody"), 2, "--owner: unknown actor 'nobody' — known actors: hyte-tiimi"),
        (("--end", "2035"), 2, "--end: T1.2: 2035 is outside the years"),
        (("--start", "2027", "--end", "2026-Q4"), 2, "would end (2026-Q4) before it starts"),
        (("--priority", "kiire"), 2, "'kiire' is not a priority — write one of: korkea"),
        (("--clear", "nimi"), 2, "cannot clear 'nimi'"),
        (("--owner", "hyte-tiimi", "--clear", "owner"), 2, "contradict"),
    ],
)
def test_set_refuses_with_one_line(
    plans_copy: Path, invoke: Invoke, args: tuple[str, ...], code: int, words: str
) -> None:
    add_actors_by_hand(plans_copy)
    before = (plans_copy / NGO).read_bytes()
    result = invoke("set", "T1.2", *args, "-p", plans_copy)
    assert result.exit_code == code, result.output
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert (plans_copy / NGO).read_bytes() == before


def test_set_on_a_sub_action_number_that_is_not_there(plans_copy: Path, invoke: Invoke) -> None:
    result = invoke("set", "T1.1/9", "--end", "2027", "-p", plans_copy)
    assert result.exit_code == 2
    assert "T1.1 has 2 sub-actions; there is no T1.1/9" in result.stderr
    result = invoke("set", "T1.1/0", "--end", "2027", "-p", plans_copy)
    assert result.exit_code == 2 and "T1.1/1 is the first" in result.stderr


def test_set_dry_run_writes_nothing(plans_copy: Path, invoke: Invoke) -> None:
    before = (plans_copy / NGO).read_bytes()
    result = ok(invoke, "set", "T1.2", "--priority", "matala", "--dry-run", "-p", plans_copy)
    assert "Would write" in result.stdout and "Dry run: nothing was written." in result.stdout
    assert (plans_copy / NGO).read_bytes() == before


# --- plan set-target ----------------------------------------------------------------------------


def test_set_target_records_the_change_and_the_target_in_force(
    plans_copy: Path, invoke: Invoke
) -> None:
    result = ok(invoke, "set-target", "T1.1.2", "--target", "4.5", "--decision", "Lautakunta 15.6.2026 § 45",
                "--date", "2026-06-15", "--reason", "Nostettiin.", "-p", plans_copy)  # fmt: skip
    assert "T1.1.2 15.6.2026 tavoite: 4 → 4,5" in result.stdout
    text = (plans_copy / NGO).read_text(encoding="utf-8")
    assert (
        "            tavoitemuutokset:\n"
        "              - päivä: 2026-06-15\n"
        "                päätös: Lautakunta 15.6.2026 § 45\n"
        "                aiempi: 4\n"
        "                perustelu: Nostettiin.\n"
    ) in text
    status = ok(invoke, "status", "--format", "json", "--period", "2026-Q3", "-p", plans_copy)
    assert '"target": 4.5' in status.stdout
    early = ok(invoke, "status", "--format", "json", "--period", "2026-Q1", "-p", plans_copy)
    assert '"target": 4,' in early.stdout or '"target": 4\n' in early.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--target", "4", "--decision", "X", "--date", "1.7.2026"), "target is 4 already"),
        (("--target", "9", "--decision", "X", "--date", "1.7.2026"), "--target:"),
        (("--target", "4.5", "--decision", " ", "--date", "1.7.2026"), "the decision is empty"),
        (("--target", "4.5", "--decision", "X", "--date", "31.2.2027"), "is not a date"),
        (("--target", "4.5", "--date", "1.7.2026"), "Missing option '--decision'"),
        (("--target", "4.5", "--decision", "X", "--date", "1.12.2026"), "after today (25.11.2026)"),
        (("--target", "4.5", "--decision", "X", "--date", "1.1.2025"), "outside the years of"),
    ],
)
def test_set_target_refuses(
    plans_copy: Path, invoke: Invoke, args: tuple[str, ...], words: str
) -> None:
    before = (plans_copy / NGO).read_bytes()
    result = invoke("set-target", "T1.1.2", *args, "-p", plans_copy)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert (plans_copy / NGO).read_bytes() == before


def test_set_target_refuses_a_date_before_the_last_change_and_a_kind_without_target(
    plans_copy: Path, invoke: Invoke
) -> None:
    ok(invoke, "set-target", "T1.1.2", "--target", "4.5", "--decision", "A", "--date", "15.6.2026",
       "-p", plans_copy)  # fmt: skip
    result = invoke("set-target", "T1.1.2", "--target", "4.2", "--decision", "B", "--date",
                    "2026-06-01", "-p", plans_copy)  # fmt: skip
    assert result.exit_code == 2
    assert "1.6.2026 is before T1.1.2's last target change (15.6.2026)" in result.stderr
    result = invoke("set-target", "T1.1.1", "--target", "kyllä", "--decision", "B", "--date",
                    "2026-07-01", "-p", plans_copy)  # fmt: skip
    assert result.exit_code == 2 and "kyllä-ei indicator: it has no target" in result.stderr


# --- plan set-status --reason -------------------------------------------------------------------


def test_set_status_with_a_reason_is_an_accepted_disagreement(
    plans_copy: Path, invoke: Invoke
) -> None:
    ok(invoke, "record", "T1.2.1", "--period", "2026-Q3", "--value", "ei", "-p", plans_copy)
    warned = ok(invoke, "set-status", "T1.2", "--period", "2026-Q3", "--status", "toteutuu",
                "--text", "Tehty.", "-p", plans_copy)  # fmt: skip
    assert "warning" in warned.stderr
    refused = invoke("set-status", "T1.2", "--period", "2026-Q3", "--status", "toteutuu",
                     "--reason", "Mittari päivittyy myöhemmin.", "-p", plans_copy)  # fmt: skip
    assert refused.exit_code == 2  # a reported status changes only with --replace
    done = ok(invoke, "set-status", "T1.2", "--period", "2026-Q3", "--status", "toteutuu",
              "--reason", "Mittari päivittyy myöhemmin.", "--replace", "-p", plans_copy)  # fmt: skip
    assert "kept: teksti" in done.stdout and "warning" not in done.stderr
    assert "perustelu: Mittari päivittyy myöhemmin.\n" in (plans_copy / NGO).read_text("utf-8")
    strict = invoke("validate", "--strict", "-p", plans_copy)
    assert strict.exit_code == 0, strict.output
    # another status does not inherit the reason: it explained the old one
    changed = ok(invoke, "set-status", "T1.2", "--period", "2026-Q3", "--status", "osittain",
                 "--replace", "-p", plans_copy)  # fmt: skip
    assert "(kept: teksti; removed: perustelu)" in changed.stdout
    assert "perustelu" not in (plans_copy / NGO).read_text("utf-8")
    assert "Tehty." in (plans_copy / NGO).read_text("utf-8")


def test_status_of_an_indicator_shows_its_target_changes(invoke: Invoke) -> None:
    result = ok(invoke, "status", "T1.1.2", "--period", "2026-Q3", "-p", LIVING_PLANS)
    # the target in force then, and the decision that raised it afterwards
    assert "tavoite ≥ 4 (asteikko 1–5)" in result.stdout
    lines = result.stdout.splitlines()
    start = lines.index("        Tavoitteen muutokset")
    assert lines[start + 1].split() == [
        "15.10.2026", "4", "→", "4,5", "·", "Järjestöyhteistyön", "neuvottelukunta",
        "15.10.2026", "§", "12", "·", "perustelu:", "Tavoitetta", "nostettiin", "vastaamaan",
        "strategian", "tavoitetasoa.",
    ]  # fmt: skip
