"""`plan status` on the living plan (issue 14): `--owner`, and the views showing owners,
schedule, priority, late / not started and an accepted disagreement with its reason."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

from tests.conftest import LIVING_PLANS

Invoke = Callable[..., Result]
AT = ("--period", "2026-Q3", "-p", LIVING_PLANS)


def test_owner_shows_only_what_the_actor_leads_or_shares(invoke: Invoke) -> None:
    result = invoke("status", "--owner", "neuvottelukunta", "--format", "json", *AT)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = [m["id"] for p in data["plans"] for g in p["goals"] for m in g["measures"]]
    # T1.1 shared (second owner); no other measure names neuvottelukunta
    assert ids == ["T1.1"]
    plain = invoke("status", "--owner", "viestinta", *AT)
    assert "T3.1" in plain.stdout and "T1.1 " not in plain.stdout
    assert "vastuu: Viestintäyksikkö, Hyte-tiimi" in plain.stdout


def test_owner_of_a_sub_action_only_shows_its_measure(invoke: Invoke) -> None:
    # neuvottelukunta owns T1.1/1, and T1.1 itself; hyte-tiimi owns no sub-action
    result = invoke("status", "--owner", "neuvottelukunta", *AT)
    assert "T1.1/1 Järjestöjen tuominen" in result.stdout
    assert "aikataulu: 3.\u00a0neljännes 2026 mennessä" in result.stdout


def test_unknown_owner_is_a_usage_error_naming_the_known(invoke: Invoke) -> None:
    result = invoke("status", "--owner", "hyte", *AT)
    assert result.exit_code == 2
    assert "unknown actor 'hyte' — known actors: hyte-tiimi, neuvottelukunta" in result.stderr


def test_summary_lists_late_and_not_started_apart_from_no_data(invoke: Invoke) -> None:
    result = invoke("status", *AT)
    text = result.stdout
    late = text.split("⏰ Myöhässä (1)", 1)[1].split("\n\n", 1)[0]
    assert "T2.1" in late
    no_data = text.split("⚪ Ei tietoa", 1)[1].split("\n\n", 1)[0]
    assert "T1.3" not in no_data  # starts in 2027: not started, never "ei tietoa"
    assert "Ei vielä alkanut: T1.3" in text
    # the accepted disagreement of T1.2 is not among the warnings
    assert "⚠ Raportoitu tila ja mittarit eroavat" not in text


def test_details_show_the_living_facts_and_the_target_in_force(invoke: Invoke) -> None:
    plain = invoke("status", "--details", *AT).stdout
    t12 = next(line for line in plain.splitlines() if line.strip().startswith("T1.2 "))
    assert "hyväksytty ero: Prosessit otetaan käyttöön" in t12 and "⚠" not in t12
    assert "prioriteetti: normaali" in t12
    t21 = next(line for line in plain.splitlines() if line.strip().startswith("T2.1 "))
    assert "⏰ myöhässä" in t21
    t13 = next(line for line in plain.splitlines() if line.strip().startswith("T1.3 "))
    assert "ei vielä alkanut" in t13
    # T1.1.2's target became 4.5 on 15.10.2026: for 2026-Q3 the target in force is 4
    t112 = next(line for line in plain.splitlines() if line.strip().startswith("T1.1.2 "))
    assert "tavoite ≥ 4 (asteikko" in t112
    md = invoke("status", "--details", "--format", "md", *AT).stdout
    assert "vastuu: Hyte-tiimi, Järjestöyhteistyön neuvottelukunta" in md
    assert "| ↳ T1.1/1 |" in md


def test_measure_in_full_numbers_its_sub_actions(invoke: Invoke) -> None:
    text = invoke("status", "T1.1", *AT).stdout
    assert "Alatoimenpiteet" in text
    assert " 1. Järjestöjen tuominen" in text and " 2. Järjestöjen teemaverkostojen" in text
