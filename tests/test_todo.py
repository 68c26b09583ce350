"""`plan todo` (issue 14): late, due this quarter, missing before the next deadline."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from tests.conftest import LIVING_PLANS

Invoke = Callable[..., Result]


def test_todo_of_an_owner_lists_late_and_missing_with_the_deadline(invoke: Invoke) -> None:
    result = invoke("todo", "--owner", "hyte-tiimi", "-p", LIVING_PLANS)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Tehtävät: Hyte-tiimi (tilanne 25.11.2026)")
    late = text.split("⏰ Myöhässä (1)", 1)[1].split("\n\n", 1)[0]
    assert "T2.1" in late and "aikataulu: 3. neljännes 2026" in late
    assert "Seuraava määräpäivä 31.12.2026 (36 päivän päästä)" in text
    missing = text.split("Puuttuu", 1)[1]
    assert "T3.1 " in missing and "T2.2 " not in missing  # T2.2 has no owner


def test_todo_json_is_stable_and_names_owners(invoke: Invoke) -> None:
    result = invoke("todo", "--format", "json", "--audience", "hyte", "-p", LIVING_PLANS)
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["owner"] is None and data["period"] == "2026-Q4"
    assert data["deadline"]["audience"] == "hyte" and data["deadline"]["period"] == "2026-Q4"
    assert [t["id"] for t in data["late"]] == ["T2.1"]
    assert data["late"][0]["owners"] == [{"id": "hyte-tiimi", "name": "Hyte-tiimi"}]
    t31 = next(m for m in data["missing"] if m["id"] == "T3.1")
    assert [o["id"] for o in t31["owners"]] == ["viestinta", "hyte-tiimi"]
    assert t31["need"] == "tila ja kertomus"


def test_todo_due_this_quarter_and_a_sub_action(plans_copy: Path, invoke: Invoke) -> None:
    plans = plans_copy
    (plans / "vake.yaml").write_text(
        (LIVING_PLANS / "vake.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert (
        invoke("set", "T1.2", "--owner", "viestinta", "--end", "2026", "-p", plans).exit_code == 0
    )
    done = invoke("set", "T1.1/2", "--owner", "viestinta", "--end", "2026-Q3", "-p", plans)
    assert done.exit_code == 0, done.output
    md = invoke("todo", "--owner", "viestinta", "--format", "md", "-p", plans).stdout
    due = md.split("### Erääntyy tällä kaudella", 1)[1].split("###", 1)[0]
    assert "- **T1.2** Parannetaan" in due
    late = md.split("### ⏰ Myöhässä (1)", 1)[1].split("###", 1)[0]
    assert "- **T1.1/2** Järjestöjen teemaverkostojen" in late


def test_todo_markdown_escapes_the_plans_text(tmp_path: Path, invoke: Invoke) -> None:
    from tests.conftest import make_plans

    shared = (LIVING_PLANS / "vake.yaml").read_text(encoding="utf-8")
    plans = make_plans(
        tmp_path / "p",
        """\
        id: testi
        nimi: Testi
        alkuvuosi: 2026
        loppuvuosi: 2030
        tavoitteet:
          - id: T1
            nimi: Tavoite
            toimenpiteet:
              - id: T1.1
                nimi: "<script>x</script> *kova* [linkki](http://x)"
                vastuu: [hyte-tiimi]
                aikataulu: {loppu: 2026-Q1}
        """,
        shared=shared,
    )
    md = invoke("todo", "--format", "md", "-p", plans).stdout
    assert "<script>" not in md and "[linkki](http://x)" not in md


def test_todo_unknown_owner_or_audience_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("todo", "--owner", "hyte", "-p", LIVING_PLANS)
    assert result.exit_code == 2 and "known actors: hyte-tiimi" in result.stderr
    result = invoke("todo", "--audience", "x", "-p", LIVING_PLANS)
    assert result.exit_code == 2 and "known audiences" in result.stderr
