"""`plan record` / `plan set-status`: small honest diffs, refusals that leave files byte-identical."""

from __future__ import annotations

import difflib
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from jarjesto_cli.commands.options import status as parse_status
from jarjesto_cli.domain.finnish import parse_number
from jarjesto_cli.errors import PlanDataError, UsageError
from jarjesto_cli.files import yaml_io
from jarjesto_cli.files.editing import PlanEditor
from jarjesto_cli.files.loading import load_valid
from tests.conftest import make_plans

NGO = "jarjestoyhteistyo-2026-2030.yaml"
OSALLISUUS = "osallisuusohjelma.yaml"


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.yaml"))}


def added_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """(+ lines, - lines) of a unified diff."""
    diff = list(
        difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), n=0)
    )
    plus = [ln[1:] for ln in diff if ln.startswith("+") and not ln.startswith("+++")]
    minus = [ln[1:] for ln in diff if ln.startswith("-") and not ln.startswith("---")]
    return plus, minus


def test_record_adds_only_the_measurement_lines(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    before = snapshot(plans_copy)
    result = invoke(
        "record", "T1.1.2", "--period", "2026-H2", "--value", "3,8", "--n", "41", "-p", plans_copy
    )
    assert result.exit_code == 0, result.output
    assert "T1.1.2 2026-H2 arvo: – → 3,8 (n 41)" in result.stdout
    after = snapshot(plans_copy)
    assert after[OSALLISUUS] == before[OSALLISUUS] and after["vake.yaml"] == before["vake.yaml"]
    plus, minus = added_lines(before[NGO], after[NGO])
    assert minus == []
    assert plus == [
        "            mittaukset:",
        "              - kausi: 2026-H2",
        "                arvo: 3.8",
        "                n: 41",
    ]


def test_record_keeps_section_comments_where_they_were(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    # T1.3.3 is the last indicator of goal 1; "# Tavoite 2" follows it in the file
    result = invoke("record", "T1.3.3", "--period", "2026", "--value", "12", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    text = (plans_copy / NGO).read_text(encoding="utf-8")
    assert "                arvo: 12\n\n  # Tavoite 2\n  - id: T2\n" in text
    invoke("set-status", "T1.3", "--period", "2026", "--status", "toteutuu", "-p", plans_copy)
    text = (plans_copy / NGO).read_text(encoding="utf-8")
    assert "            tila: toteutuu\n\n  # Tavoite 2\n" in text


def test_record_inserts_in_period_order(invoke: Callable[..., Result], plans_copy: Path) -> None:
    before = snapshot(plans_copy)
    assert (
        invoke("record", "O1.M1", "--period", "2023-H1", "--value", "3", "-p", plans_copy).exit_code
        == 0
    )
    plus, minus = added_lines(before[OSALLISUUS], snapshot(plans_copy)[OSALLISUUS])
    assert minus == [] and plus == ["          - kausi: 2023-H1", "            arvo: 3"]
    data = yaml_io.load(plans_copy / OSALLISUUS)
    periods = [m["kausi"] for m in data["tavoitteet"][0]["mittarit"][0]["mittaukset"]]
    assert periods == ["2023-Q1", "2023-Q2", "2023-H1", "2023-Q3", "2023-Q4"]


def test_replace_changes_only_the_value_line(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    before = snapshot(plans_copy)
    refused = invoke("record", "O1.M1", "--period", "2023-Q4", "--value", "3.6", "-p", plans_copy)
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    assert snapshot(plans_copy) == before
    result = invoke(
        "record", "O1.M1", "--period", "2023-Q4", "--value", "3.6", "--replace", "-p", plans_copy
    )
    assert result.exit_code == 0, result.output
    assert "arvo: 3,5 → 3,6" in result.stdout
    plus, minus = added_lines(before[OSALLISUUS], snapshot(plans_copy)[OSALLISUUS])
    assert (minus, plus) == (["            arvo: 3.5"], ["            arvo: 3.6"])


def test_note_only_measurement(invoke: Callable[..., Result], plans_copy: Path) -> None:
    result = invoke(
        "record", "O4.M2", "--period", "2025", "--note", "Aluevaalit pidettiin.", "-p", plans_copy
    )
    assert result.exit_code == 0, result.output
    data = load_valid(plans_copy).find("O4.M2").indicator
    assert data is not None and data.measurements[-1].note == "Aluevaalit pidettiin."
    assert invoke("record", "O4.M2", "--period", "2026", "-p", plans_copy).exit_code == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("T1.1.2", "--period", "2026", "--value", "7"), "outside the scale 1–5"),
        (("T1.1.2", "--period", "2026", "--value", "neljä"), "needs a number"),
        (("T1.1.1", "--period", "2026", "--value", "joo"), "is not kyllä, osittain or ei"),
        (("T1.2.4", "--period", "2026", "--value", "-3"), "cannot be negative"),
        (("T9.9.9", "--period", "2026", "--value", "1"), "no indicator with id 'T9.9.9'"),
        (("T1.1", "--period", "2026", "--value", "1"), "'T1.1' is a measure, not an indicator"),
        (("T1.1.2", "--period", "2026-Q5", "--value", "4"), "'2026-Q5' is not a period"),
        (("T1.1.2", "--period", "kevät", "--value", "4"), "is not a period"),
        (("T1.1.2", "--period", "2026", "--value", "4", "--n", "-1"), "cannot be negative"),
    ],
)
def test_record_refusals_leave_files_byte_identical(
    args: tuple[str, ...], words: str, invoke: Callable[..., Result], plans_copy: Path
) -> None:
    before = snapshot(plans_copy)
    result = invoke("record", *args, "-p", plans_copy)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(plans_copy) == before
    assert sorted(p.name for p in plans_copy.iterdir()) == sorted(before)  # no temp files left


def test_set_status_spellings_and_text(invoke: Callable[..., Result], plans_copy: Path) -> None:
    result = invoke(
        "set-status",
        "T2.1",
        "--period",
        "2026",
        "--status",
        "Osittain",
        "--text",
        "Arviointimalli 2.0 on luonnosvaiheessa.\nKäyttöönotto 2027.",
        "-p",
        plans_copy,
    )
    assert result.exit_code == 0, result.output
    assert "T2.1 2026 tila: – → toteutuu osittain" in result.stdout
    text = (plans_copy / NGO).read_text(encoding="utf-8")
    assert (
        "        raportit:\n          - kausi: 2026\n            tila: toteutuu osittain\n"
        "            teksti: |\n              Arviointimalli 2.0 on luonnosvaiheessa.\n"
        "              Käyttöönotto 2027.\n"
    ) in text
    node = load_valid(plans_copy).find("T2.1")
    assert node.measure is not None and node.measure.reports[0].status == "toteutuu osittain"


def test_set_status_replaces_status_and_keeps_narrative(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    before = snapshot(plans_copy)
    result = invoke(
        "set-status", "O4.3", "--period", "2023", "--status", "ei_toteudu", "-p", plans_copy
    )
    assert result.exit_code == 0
    assert "Unchanged" in result.stdout
    assert snapshot(plans_copy) == before  # same status: nothing to write
    # another status is not put over the reported one silently: only with --replace
    refused = invoke(
        "set-status", "O4.3", "--period", "2023", "--status", "osittain", "-p", plans_copy
    )
    assert refused.exit_code == 2, refused.output
    assert "O4.3 already has a reported status for 2023 (tila: ei toteudu)" in refused.stderr
    assert "--replace" in refused.stderr
    assert snapshot(plans_copy) == before
    result = invoke(
        "set-status",
        *("O4.3", "--period", "2023", "--status", "osittain", "--replace", "-p", plans_copy),
    )
    assert "O4.3 2023 tila: ei toteudu → toteutuu osittain (kept: teksti)" in result.stdout
    plus, minus = added_lines(before[OSALLISUUS], snapshot(plans_copy)[OSALLISUUS])
    assert (minus, plus) == (
        ["            tila: ei toteudu"],
        ["            tila: toteutuu osittain"],
    )


def test_set_status_refuses_unknown_words_and_ids(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    before = snapshot(plans_copy)
    for args, words in [
        (("T1.1", "--period", "2026", "--status", "valmis"), "'valmis' is not a status"),
        (("T1.1.1", "--period", "2026", "--status", "toteutuu"), "is an indicator, not a measure"),
        (("T1", "--period", "2026", "--status", "toteutuu"), "is a goal, not a measure"),
    ]:
        result = invoke("set-status", *args, "-p", plans_copy)
        assert result.exit_code == 2 and words in result.stderr, result.output
    assert snapshot(plans_copy) == before


def test_disagreement_after_edit_is_reported(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    invoke("record", "T3.4.1", "--period", "2026", "--value", "ei", "-p", plans_copy)
    result = invoke(
        "set-status", "T3.4", "--period", "2026", "--status", "toteutuu", "-p", plans_copy
    )
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "indicators give 'ei toteudu'" in result.stderr


def test_edits_refused_when_plans_already_invalid(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    path = plans_copy / OSALLISUUS
    path.write_text(
        path.read_text(encoding="utf-8").replace("tila: ei toteudu", "tila: valmis"),
        encoding="utf-8",
    )
    before = snapshot(plans_copy)
    result = invoke("record", "T1.1.2", "--period", "2026", "--value", "4", "-p", plans_copy)
    assert result.exit_code == 1
    assert "the plans have errors; fix them before editing" in result.stderr
    assert snapshot(plans_copy) == before


def test_result_that_would_not_validate_is_refused(plans_copy: Path) -> None:
    before = snapshot(plans_copy)
    editor = PlanEditor(plans_copy)
    editor.record("T1.1.2", "2026", 9)  # the core does not re-check; validation of the result does
    with pytest.raises(PlanDataError) as info:
        editor.commit()
    assert "value 9 is outside the scale 1–5 of T1.1.2" in str(info.value)
    assert snapshot(plans_copy) == before


def test_write_keeps_permissions(invoke: Callable[..., Result], plans_copy: Path) -> None:
    path = plans_copy / NGO
    path.chmod(0o640)
    invoke("record", "T1.1.2", "--period", "2026", "--value", "4", "-p", plans_copy)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_unwritable_directory_is_a_clear_error(
    invoke: Callable[..., Result], plans_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    before = snapshot(plans_copy)
    monkeypatch.setattr(tempfile, "mkstemp", denied)
    result = invoke("record", "T1.1.2", "--period", "2026", "--value", "4", "-p", plans_copy)
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Permission denied" in result.stderr
    assert snapshot(plans_copy) == before


def test_failed_replace_leaves_no_half_file(
    monkeypatch: pytest.MonkeyPatch, plans_copy: Path
) -> None:
    from jarjesto_cli.errors import OutputError

    before = snapshot(plans_copy)

    def broken_replace(self: Path, target: Any) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken_replace)
    editor = PlanEditor(plans_copy)
    editor.record("T1.1.2", "2026", 4)
    with pytest.raises(OutputError, match="No space left on device"):
        editor.commit()
    monkeypatch.undo()
    assert snapshot(plans_copy) == before
    assert sorted(p.name for p in plans_copy.iterdir()) == sorted(before)


def test_parsers() -> None:
    assert (
        parse_number("3,8") == 3.8 and parse_number("850 000") == 850000 and parse_number("4") == 4
    )
    assert isinstance(parse_number("4"), int)
    with pytest.raises(ValueError):
        parse_number("4 kpl")
    assert parse_status("Toteutuu osittain") == parse_status("osittain") == "toteutuu osittain"
    assert parse_status("EI") == parse_status("ei-toteudu") == "ei toteudu"
    with pytest.raises(UsageError):
        parse_status("kesken")


# --- round-trip property: a record changes exactly that value ----------------------------------

# the layout of the real plans in a few lines: comments between sections and inside a list,
# flow mappings and lists, block text, indicators of each kind with and without measurements,
# the last one of the file and the last one before a comment
LAYOUT_PLAN = """\
# yaml-language-server: $schema=../schema/plan.schema.json
# Pieni suunnitelma oikeiden asettelulla.
id: testi
nimi: Testisuunnitelma

tavoitteet:
  # Tavoite 1
  - id: A1
    nimi: Ensimmäinen tavoite
    strategiset_tavoitteet: [S1]
    # Tavoitetason mittarit
    mittarit:
      - id: A1.M1
        nimi: Asteikko neljännesvuosittain
        tyyppi: asteikko
        kuvaus: "1=huono, 5=hyvä"
        asteikko: {min: 1, max: 5}
        mittaukset:
          - kausi: 2023-Q1
            arvo: 2.9
          # huomio mittauksesta
          - kausi: 2023-Q4
            arvo: 3.5
            n: 120
      - id: A1.M2
        nimi: Määrä
        tyyppi: määrä
        yksikkö: kertaa
        mittaukset:
          - kausi: 2023
            arvo: 5
            huomio: "Viisi: kaksoispiste ja \\"lainaus\\"."
    toimenpiteet:
      - id: A1.1
        nimi: Toimenpide
        kohderyhmät: ["Kaikki kohderyhmät"]
        raportit:
          - kausi: 2023
            tila: toteutuu osittain
            teksti: |
              Kertomus kahdella

              kappaleella.
        mittarit:
          - id: A1.1.1
            nimi: Kyllä vai ei
            tyyppi: kyllä-ei
            kuvaus: kyllä/ei/osittain
          - id: A1.1.2
            nimi: Kokemus
            tyyppi: asteikko
            asteikko: {min: 1, max: 5}
            tavoite: 4
            lähde: kysely

  # Tavoite 2
  - id: A2
    nimi: Toinen tavoite
    toimenpiteet:
      - id: A2.1
        nimi: Viimeinen toimenpide
        mittarit:
          - id: A2.1.1
            nimi: Sanallinen
            tyyppi: teksti
          - id: A2.1.2
            nimi: Kasvu
            tyyppi: määrä
            lähtökausi: 2026
"""


def indicators_in(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        if "tyyppi" in data:
            yield data
        for value in data.values():
            yield from indicators_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from indicators_in(value)


LAYOUT_INDICATORS = {
    i["id"]: i for i in indicators_in(yaml_io.parse(Path("testi.yaml"), LAYOUT_PLAN))
}
# periods that have begun by the tests' today (25.11.2026): a value for a later one is refused
PERIODS = st.builds(
    lambda y, p: f"{y}{p}",
    st.integers(2020, 2026).map(str),
    st.sampled_from(["", "-H1", "-H2", "-Q1", "-Q4"]),
)


def value_for(kind: str, draw: st.DrawFn) -> str:
    if kind == "kyllä-ei":
        return draw(st.sampled_from(["kyllä", "osittain", "ei"]))
    if kind == "asteikko":
        return str(draw(st.sampled_from([1, 2.5, 3.8, 4, 5])))
    if kind == "määrä":
        return str(draw(st.integers(0, 10_000)))
    return draw(
        st.text(
            st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40
        ).filter(str.strip)
    )


def strip_measurement(data: Any, indicator_id: str, period: str) -> Any:
    """The data with the given indicator's measurement for `period` removed (and an emptied list)."""
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            out[k] = strip_measurement(v, indicator_id, period)
        if data.get("id") == indicator_id:
            kept = [m for m in data.get("mittaukset", []) if str(m["kausi"]) != period]
            if kept:
                out["mittaukset"] = kept
            else:
                out.pop("mittaukset", None)
        return out
    if isinstance(data, list):
        return [strip_measurement(v, indicator_id, period) for v in data]
    return data


def comments(text: bytes) -> list[str]:
    return [line.strip() for line in text.decode().splitlines() if line.strip().startswith("#")]


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_record_roundtrip_property(data: st.DataObject) -> None:
    from jarjesto_cli.commands.edit import record

    indicator = LAYOUT_INDICATORS[data.draw(st.sampled_from(sorted(LAYOUT_INDICATORS)))]
    indicator_id, kind = indicator["id"], indicator["tyyppi"]
    existing = {str(m["kausi"]) for m in indicator.get("mittaukset", [])}
    # a new period, or one already measured (then the value is replaced)
    period = data.draw(
        st.one_of(PERIODS, st.sampled_from(sorted(existing))) if existing else PERIODS
    )
    value = value_for(kind, data.draw)
    with tempfile.TemporaryDirectory() as folder:  # a fresh plan for every example
        plans = make_plans(Path(folder) / "plans", LAYOUT_PLAN)
        before, before_data = snapshot(plans), yaml_io.load(plans / "testi.yaml")
        record(plans, indicator_id, period, value, replace=period in existing)
        after = snapshot(plans)
        # the value comes back
        again = load_valid(plans).find(indicator_id).indicator
        assert again is not None
        stored = next(m for m in again.measurements if str(m.period) == period)
        expected: Any = value
        if kind in ("asteikko", "määrä"):
            expected = parse_number(value)
        assert stored.value == expected
        # every other node is equal, the shared file is untouched, and every comment is kept
        after_data = yaml_io.load(plans / "testi.yaml")
        assert strip_measurement(after_data, indicator_id, period) == strip_measurement(
            before_data, indicator_id, period
        )
        assert after["vake.yaml"] == before["vake.yaml"]
        assert comments(after["testi.yaml"]) == comments(before["testi.yaml"])
    # and the diff only adds lines, or when replacing changes only that measurement's lines
    plus, minus = added_lines(before["testi.yaml"], after["testi.yaml"])
    if period not in existing:
        assert minus == []
        assert all(
            ln.strip().startswith(("mittaukset:", "- kausi:", "arvo:")) or ln.startswith(" ")
            for ln in plus
        )
        assert len(plus) <= 3 + value.count("\n") + 1
    else:  # the value line changes; the old value's details (n, note, source) go with it
        assert len(plus) <= 1 and all(ln.strip().startswith("arvo: ") for ln in plus)
        assert all(ln.strip().startswith(("arvo: ", "n: ", "huomio: ", "lähde: ")) for ln in minus)


def test_crlf_and_byte_order_mark_are_kept(invoke: Callable[..., Result], plans_copy: Path) -> None:
    path = plans_copy / NGO
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    result = invoke("record", "T1.1.2", "--period", "2026", "--value", "4", "-p", plans_copy)
    assert result.exit_code == 0, result.output
    assert "Note:" not in result.stderr  # the layout was reproduced, nothing re-indented
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b"")
    plus, minus = added_lines(before[3:].replace(b"\r\n", b"\n"), after[3:].replace(b"\r\n", b"\n"))
    assert minus == [] and plus == [
        "            mittaukset:",
        "              - kausi: 2026",
        "                arvo: 4",
    ]


def test_only_warnings_about_the_edited_nodes_are_shown(
    invoke: Callable[..., Result], plans_copy: Path
) -> None:
    # T3.4 disagrees with its indicator; an edit of T3.1 must not repeat that warning
    invoke("record", "T3.4.1", "--period", "2026", "--value", "ei", "-p", plans_copy)
    invoke("set-status", "T3.4", "--period", "2026", "--status", "toteutuu", "-p", plans_copy)
    other = invoke(
        "set-status", "T3.1", "--period", "2026", "--status", "osittain", "-p", plans_copy
    )
    assert other.exit_code == 0 and "warning:" not in other.stderr
    again = invoke(
        "record", "T3.4.1", "--period", "2026", "--value", "osittain", "--replace", "-p", plans_copy
    )
    assert (
        "T3.4: reported 'toteutuu' for 2026, but its indicators give 'toteutuu osittain'"
        in again.stderr
    )
