"""Where a plan stands for the first page of a report: what is off track, what is missing, and
whether statuses are due at all in a period (domain/summary.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.summary import PlanState, Reason, gaps, off_track, summarize
from jarjesto_cli.files.loading import load_valid
from tests.conftest import FIXTURE_PLANS

DAY = dt.date(2026, 11, 25)

PLAN = """\
id: testi
nimi: Testi
tavoitteet:
  - id: A1
    nimi: Tavoite
    mittarit:
      - id: A1.M1
        nimi: Neljännesvuosittain
        tyyppi: asteikko
        mittaukset:
          - {kausi: 2026-Q1, arvo: 3.5}
          - {kausi: 2026-Q2, arvo: 3.1}
      - id: A1.M2
        nimi: Vuosittain
        tyyppi: määrä
        mittaukset:
          - {kausi: 2025, arvo: 10}
      - id: A1.M3
        nimi: Ei koskaan mitattu
        tyyppi: kyllä-ei
    toimenpiteet:
      - id: A1.1
        nimi: Raportoitu vuosittain
        raportit:
          - {kausi: 2025, tila: ei toteudu}
      - id: A1.2
        nimi: Mittareista
        mittarit:
          - id: A1.2.1
            nimi: Alle tavoitteen
            tyyppi: asteikko
            tavoite: 4
            mittaukset:
              - {kausi: 2026-Q2, arvo: 3.0}
"""


def state(tiny_plans: Callable[[str], Path], period: str) -> PlanState:
    (plan,) = summarize(load_valid(tiny_plans(PLAN)), period=Period.parse(period), today=DAY).plans
    return plan


def test_off_track_names_measures_not_met_indicators_below_target_and_falling_values(
    tiny_plans: Callable[[str], Path],
) -> None:
    found = [(o.id, o.reasons) for o in off_track(state(tiny_plans, "2026-Q2"))]
    assert found == [  # in the walk's order: the goal's indicators, each measure, its indicators
        ("A1.M1", (Reason.FALLING,)),  # 3,5 → 3,1
        ("A1.1", (Reason.NOT_MET,)),  # reported "ei toteudu" for 2025, the latest known
        ("A1.2", (Reason.NOT_MET,)),  # derived from A1.2.1
        ("A1.2.1", (Reason.NOT_MET,)),  # 3,0 against a target of 4
    ]


def test_off_track_in_the_committee_report_of_2023() -> None:
    summary = summarize(load_valid(FIXTURE_PLANS), period=Period(2023), today=DAY)
    plans = {p.plan.id: p for p in summary.plans}
    assert [o.id for o in off_track(plans["osallisuusohjelma"])] == ["O4.3"]
    assert off_track(plans["jarjestoyhteistyo-2026-2030"]) == []


def test_gaps_are_what_is_due_in_the_period_and_has_no_value(
    tiny_plans: Callable[[str], Path],
) -> None:
    quarter = gaps(state(tiny_plans, "2026-Q2"))
    # the yearly count is not due in a quarter; the never-measured one always is
    assert [i.id for i in quarter.indicators] == ["A1.M3"]
    assert [m.measure.id for m in quarter.measures] == []
    year = gaps(state(tiny_plans, "2026"))
    assert [i.id for i in year.indicators] == ["A1.M2", "A1.M3"]  # 2025's value is not 2026's
    assert bool(year) and not gaps(state(tiny_plans, "2026-Q2")).measures


def test_statuses_not_due_in_a_shorter_period(tiny_plans: Callable[[str], Path]) -> None:
    summary = summarize(load_valid(FIXTURE_PLANS), period=Period.parse("2023-Q2"), today=DAY)
    programme = next(p for p in summary.plans if p.plan.id == "osallisuusohjelma")
    assert programme.status_months == 12
    assert programme.current and programme.statuses_not_due
    year = summarize(load_valid(FIXTURE_PLANS), period=Period(2023), today=DAY)
    assert not next(p for p in year.plans if p.plan.id == "osallisuusohjelma").statuses_not_due
    # a 2025 status is known by 2026-Q2: it is not "not due"
    assert not state(tiny_plans, "2026-Q2").statuses_not_due
