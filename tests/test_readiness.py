"""Readiness for a deadline (domain/readiness.py): shares of measures with a status and a
narrative and of indicators with a value, and the gaps with their owners."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jarjesto_cli.domain.deadlines import next_deadline
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.readiness import Need, readiness
from jarjesto_cli.files.loading import load_valid
from tests.conftest import LIVING_PLANS, SHARED_YAML, make_plans

TODAY = dt.date(2026, 11, 25)


def test_the_hyte_units_q3_report_counts_what_the_living_plan_holds() -> None:
    planset = load_valid(LIVING_PLANS, today=TODAY)
    deadline = next_deadline(planset, "hyte", dt.date(2026, 9, 1), None)
    assert deadline is not None and deadline.period == Period.parse("2026-Q3")
    ready = readiness(planset, deadline)
    # T1.3 starts in 2027: not needed for 2026-Q3, so not in the shares
    assert "T1.3" in ready.not_started
    assert not any(g.id.startswith("T1.3") for g in ready.gaps)
    # T1.1, T1.2 and T2.1 have a status and a narrative for 2026-Q3
    assert ready.measures_ready == 3
    assert ready.measures_total == ready.measures_ready + sum(
        1 for g in ready.gaps if g.kind == "measure"
    )
    # the four indicators given a value for 2026-Q3 (osallisuusohjelma has none for it)
    assert ready.indicators_ready == 4
    t31 = next(g for g in ready.gaps if g.id == "T3.1")
    assert t31.need is Need.STATUS and t31.owners == ("viestinta", "hyte-tiimi")
    assert {g.id for g in ready.for_owner("viestinta")} >= {"T3.1", "T3.1.1"}
    assert all("viestinta" in g.owners for g in ready.for_owner("viestinta"))


def test_a_status_without_a_narrative_is_half_done(tmp_path: Path) -> None:
    plan = """\
id: testi
nimi: Testi
alkuvuosi: 2026
loppuvuosi: 2030
tavoitteet:
  - id: T1
    nimi: Tavoite
    mittarit:
      - id: T1.M1
        nimi: Mittari
        tyyppi: määrä
        mittaukset:
          - {kausi: 2026-Q2, arvo: 3}
    toimenpiteet:
      - id: T1.1
        nimi: Ilman kertomusta
        raportit:
          - {kausi: 2026-Q3, tila: toteutuu}
      - id: T1.2
        nimi: Kertomuksen kanssa
        raportit:
          - {kausi: 2026-Q3, tila: toteutuu, teksti: Tehty.}
"""
    shared = SHARED_YAML.replace("kertaa_vuodessa: 2", "kertaa_vuodessa: 4")
    planset = load_valid(make_plans(tmp_path / "p", plan, shared=shared), today=TODAY)
    assert planset.shared is not None
    audience = planset.shared.audiences[0].id
    deadline = next_deadline(planset, audience, dt.date(2026, 9, 1), None)
    assert deadline is not None and deadline.period == Period.parse("2026-Q3")
    ready = readiness(planset, deadline)
    assert (ready.measures_ready, ready.measures_total) == (1, 2)
    assert ready.measure_share == 0.5
    (half,) = [g for g in ready.gaps if g.kind == "measure"]
    assert half.id == "T1.1" and half.need is Need.NARRATIVE
    # a Q2 value does not fill the Q3 report; a goal's own indicator has no owner
    (value,) = [g for g in ready.gaps if g.kind == "indicator"]
    assert value.id == "T1.M1" and value.need is Need.VALUE and value.owners == ()
    assert ready.indicator_share == 0.0 and not ready.complete


def test_display_words_for_the_living_plan() -> None:
    from jarjesto_cli.domain.summary import summarize
    from jarjesto_cli.outputs import display

    planset = load_valid(LIVING_PLANS, today=TODAY)
    summary = summarize(
        planset, period=Period.parse("2026-Q3"), plan_ids=["jarjestoyhteistyo-2026-2030"]
    )
    views = {
        m.measure.id: display.measure_view(m)
        for p in summary.plans
        for g in p.goals
        for m in g.measures
    }
    assert views["T2.1"].timing_text == "⏰ myöhässä"
    assert views["T1.3"].timing_text == "ei vielä alkanut"
    assert views["T1.1"].timing_text == "" and views["T1.1"].priority == "korkea"
    assert views["T1.1"].schedule_text == "2.\u00a0vuosipuolisko 2026 – 2027"
    assert views["T3.1"].schedule_text == "2.\u00a0vuosipuolisko 2026 alkaen"
    # the accepted disagreement carries its reason and no warning sign
    assert views["T1.2"].accepted and "⚠" not in views["T1.2"].source_text
    assert "hyväksytty ero: Prosessit otetaan" in views["T1.2"].source_text
    assert display.owners_text(["viestinta", "hyte-tiimi"], summary.actors) == (
        "Viestintäyksikkö, Hyte-tiimi"
    )
