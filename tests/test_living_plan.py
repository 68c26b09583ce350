"""The living implementation plan's rules (README: "The living plan"): the target in force for a
period, late and not-started measures, accepted disagreement, actors as references."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from jarjesto_cli.domain.models import Measure
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.status import Status
from jarjesto_cli.domain.summary import is_late
from tests.conftest import SHARED_YAML, make_plans

P = Period.parse

ACTORS = """\
toimijat:
  - id: hyte-tiimi
    nimi: Hyte-tiimi
    tyyppi: yksikkö
  - id: neuvottelukunta
    nimi: Järjestöyhteistyön neuvottelukunta
    tyyppi: toimielin
"""


def measure(**extra: Any) -> Measure:
    data: dict[str, Any] = {"id": "X1.1", "nimi": "Toimenpide"} | extra
    return Measure.model_validate(data)


def scale_with_changes(changes: list[dict[str, Any]], target: float = 4.5) -> Any:
    return measure(
        mittarit=[
            {
                "id": "X1.1.1",
                "nimi": "Kokemus",
                "tyyppi": "asteikko",
                "tavoite": target,
                "tavoitemuutokset": changes,
                "mittaukset": [{"kausi": "2026", "arvo": 4.2}, {"kausi": "2027", "arvo": 4.2}],
            }
        ]
    ).indicators[0]


# --- the target in force -------------------------------------------------------------------------

CHANGES = [
    {"päivä": dt.date(2027, 5, 26), "päätös": "Lautakunta 26.5.2027 § 45", "aiempi": 4},
    {"päivä": dt.date(2028, 3, 1), "päätös": "Lautakunta 1.3.2028 § 12", "aiempi": 4.2},
]


def test_the_target_in_force_is_the_one_decided_by_the_periods_end() -> None:
    ind = scale_with_changes(CHANGES, target=4.5)
    assert ind.target_at(P("2026")) == 4  # before either change
    assert ind.target_at(P("2027-H1")) == 4.2  # the change of 26.5.2027 is in force by 30.6.
    assert ind.target_at(P("2027-Q1")) == 4
    assert ind.target_at(P("2028")) == 4.5  # both changes made: today's target
    assert ind.target_at(None) == 4.5


def test_status_uses_the_target_in_force_not_todays() -> None:
    ind = scale_with_changes(CHANGES, target=4.5)
    # 4.2 met the target of 2027 (4.2 from 26.5.2027) but not today's 4.5
    assert ind.met(P("2027")).value == "met"
    assert ind.met(P("2028")).value == "not_met"
    assert ind.target_text(P("2026")) == "≥ 4 (asteikko 1–5)"
    assert ind.target_text() == "≥ 4,5 (asteikko 1–5)"


dates = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2030, 12, 31))


# generating distinct dates is slow on a loaded machine: that is no finding about the code
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(st.tuples(dates, st.floats(1, 5)), min_size=1, max_size=6, unique_by=lambda c: c[0]),
    st.randoms(),
    st.sampled_from(["2026", "2026-H2", "2027-Q3", "2028", "2029-H1", "2030"]),
)
def test_the_target_in_force_does_not_depend_on_the_order_of_the_changes(
    changes: list[tuple[dt.date, float]], shuffler: Any, period: str
) -> None:
    listed = [{"päivä": d, "päätös": "Päätös", "aiempi": v} for d, v in changes]
    shuffled = list(listed)
    shuffler.shuffle(shuffled)
    assert scale_with_changes(listed).target_at(P(period)) == scale_with_changes(
        shuffled
    ).target_at(P(period))


# --- late and not started ------------------------------------------------------------------------


def test_late_when_the_schedule_has_ended_and_the_measure_is_not_done() -> None:
    schedule = measure(aikataulu={"alku": "2026", "loppu": "2026-H2"}).schedule
    assert is_late(schedule, Status.OSITTAIN, P("2026-H2"))
    assert is_late(schedule, Status.EI_TIETOA, P("2027"))
    assert not is_late(schedule, Status.TOTEUTUU, P("2027"))
    assert not is_late(schedule, Status.EI_TOTEUDU, P("2026-H1"))
    assert not is_late(None, Status.EI_TOTEUDU, P("2030"))


def test_not_started_is_never_no_data(invoke: Callable[..., Result], tmp_path: Path) -> None:
    plans = make_plans(
        tmp_path / "plans",
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
                nimi: Myöhemmin alkava
                aikataulu: {alku: 2028}
              - id: T1.2
                nimi: Myöhässä oleva
                aikataulu: {loppu: 2026-H1}
                raportit:
                  - {kausi: 2026-H1, tila: toteutuu osittain}
        """,
    )
    data = json.loads(invoke("status", "-p", plans, "--format", "json", "--period", "2026").stdout)
    later, behind = data["plans"][0]["goals"][0]["measures"]
    assert (later["not_started"], later["late"]) == (True, False)
    assert (later["status"], later["status_source"]) == ("ei vielä alkanut", "schedule")
    assert (behind["late"], behind["schedule"]) == (True, {"start": None, "end": "2026-H1"})
    counts = data["plans"][0]["counts"]
    assert (counts["ei_tietoa"], counts["ei_alkanut"], counts["osittain"]) == (0, 1, 1)
    # once its year has come, nothing known of it is "ei tietoa" again
    from jarjesto_cli.domain.status import measure_status

    t11 = measure(aikataulu={"alku": 2028})
    assert measure_status(t11, P("2027-H2")).status is Status.EI_ALKANUT
    assert measure_status(t11, P("2028")).status is Status.EI_TIETOA
    # and a report's checklist does not ask for a measure that has not started
    from jarjesto_cli.domain.deadlines import deadlines, missing
    from jarjesto_cli.files.loading import load_valid

    planset = load_valid(plans)
    (due,) = [d for d in deadlines(planset, 2026) if d.period == P("2026-H2")]
    assert [m.id for m in missing(planset, due).measures] == ["T1.2"]  # not T1.1


# --- accepted disagreement -----------------------------------------------------------------------

DISAGREEING = """\
id: testi
nimi: Testi
tavoitteet:
  - id: T1
    nimi: Tavoite
    toimenpiteet:
      - id: T1.1
        nimi: Toimenpide
        mittarit:
          - id: T1.1.1
            nimi: Tehty
            tyyppi: kyllä-ei
            mittaukset: [{kausi: 2026, arvo: ei}]
        raportit:
          - kausi: 2026
            tila: toteutuu
"""


def test_a_disagreement_with_a_reason_is_accepted_and_no_warning(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    plans = make_plans(tmp_path / "a", DISAGREEING)
    warned = invoke("validate", plans, "--strict")
    assert warned.exit_code == 1 and "its indicators give 'ei toteudu'" in warned.stdout
    reason = "            perustelu: Mittari päivitetään vasta 2027; työ on tehty.\n"
    plans = make_plans(tmp_path / "b", DISAGREEING + reason)
    accepted = invoke("validate", plans, "--strict")
    assert accepted.exit_code == 0, accepted.output
    data = json.loads(invoke("status", "-p", plans, "--format", "json").stdout)
    m = data["plans"][0]["goals"][0]["measures"][0]
    assert m["disagrees"] is True
    assert m["accepted_disagreement"] == "Mittari päivitetään vasta 2027; työ on tehty."


# --- actors -------------------------------------------------------------------------------------


def test_owners_name_known_actors(invoke: Callable[..., Result], tmp_path: Path) -> None:
    plan = """\
    id: testi
    nimi: Testi
    alkuvuosi: 2026
    loppuvuosi: 2030
    roolit:
      - id: r1
        nimi: Neuvottelukunta
        toimija: neuvottelukunta
    tavoitteet:
      - id: T1
        nimi: Tavoite
        toimenpiteet:
          - id: T1.1
            nimi: Toimenpide
            vastuu: [hyte-tiimi, neuvottelukunta]
            prioriteetti: korkea
            alatoimenpiteet:
              - Pelkkä teksti
              - teksti: Vastuullinen alatoimenpide
                vastuu: [hyte-tiimi]
                aikataulu: {alku: 2026-H2, loppu: 2027}
    """
    good = make_plans(tmp_path / "good", plan, shared=SHARED_YAML + ACTORS)
    result = invoke("validate", good)
    assert result.exit_code == 0, result.output
    data = json.loads(invoke("status", "-p", good, "--format", "json").stdout)
    m = data["plans"][0]["goals"][0]["measures"][0]
    assert m["owners"] == [
        {"id": "hyte-tiimi", "name": "Hyte-tiimi"},
        {"id": "neuvottelukunta", "name": "Järjestöyhteistyön neuvottelukunta"},
    ]
    assert m["priority"] == "korkea"

    bad = make_plans(
        tmp_path / "bad",
        plan.replace("vastuu: [hyte-tiimi]", "vastuu: [hyte-tiimii]"),
        shared=SHARED_YAML + ACTORS,
    )
    result = invoke("validate", bad)
    assert result.exit_code == 1
    (line,) = [ln for ln in result.stdout.splitlines() if "unknown actor" in ln]
    assert "testi.yaml:20:" in line and "T1.1 › alatoimenpiteet › kohta 2" in line
    assert "'hyte-tiimii'" in line and "hyte-tiimi, neuvottelukunta" in line


def test_a_schedule_outside_the_plans_years_is_an_error(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    plan = textwrap.dedent(
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
                nimi: Toimenpide
                aikataulu: {alku: 2026, loppu: 2031-H1}
        """
    )
    result = invoke("validate", make_plans(tmp_path / "p", plan))
    assert result.exit_code == 1
    assert (
        "T1.1 › aikataulu › loppu: 2031-H1 is outside the plan's years 2026–2030" in result.stdout
    )


def test_two_target_changes_on_one_day_are_an_error(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    plan = """\
    id: testi
    nimi: Testi
    tavoitteet:
      - id: T1
        nimi: Tavoite
        mittarit:
          - id: T1.M1
            nimi: Kokemus
            tyyppi: asteikko
            tavoite: 4.5
            tavoitemuutokset:
              - {päivä: 2027-05-26, päätös: "Lautakunta § 45", aiempi: 4}
              - {päivä: 2027-05-26, päätös: "Lautakunta § 46", aiempi: 9}
    """
    result = invoke("validate", make_plans(tmp_path / "p", plan))
    assert result.exit_code == 1
    assert "two target changes on 2027-05-26" in result.stdout
    assert "earlier target 9 is not a number on the scale 1–5" in result.stdout


def test_a_kind_without_a_target_has_no_target_changes(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    plan = """\
    id: testi
    nimi: Testi
    tavoitteet:
      - id: T1
        nimi: Tavoite
        mittarit:
          - id: T1.M1
            nimi: Tehty
            tyyppi: kyllä-ei
            tavoitemuutokset: [{päivä: 2026-05-26, päätös: "Lautakunta § 45"}]
          - id: T1.M2
            nimi: Kuvaus
            tyyppi: teksti
            tavoitemuutokset: [{päivä: 2026-05-26, päätös: "Lautakunta § 45"}]
          - id: T1.M3
            nimi: Määrä
            tyyppi: määrä
            tavoite: 10
            tavoitemuutokset: [{päivä: 2026-05-26, päätös: "Lautakunta § 45", aiempi: -3}]
    """
    result = invoke("validate", make_plans(tmp_path / "p", textwrap.dedent(plan)))
    assert result.exit_code == 1
    assert "T1.M1 is a kyllä-ei indicator: it has no target to change" in result.stdout
    assert "T1.M2 is a teksti indicator: it has no target to change" in result.stdout
    assert "the earlier target -3 is not a count (a number ≥ 0)" in result.stdout
