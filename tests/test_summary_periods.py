"""Each plan at its own period: the default (latest data, else the current year within the plan's
years), a plan before or after its years, and the last known state kept out of the totals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jarjesto_cli.domain.models import Plan
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.summary import Phase, phase, plan_period


def plan(years: tuple[int, int] | None, *reports: tuple[str, str]) -> Plan:
    data: dict[str, Any] = {
        "id": "p",
        "nimi": "P",
        "tavoitteet": [
            {
                "id": "G1",
                "nimi": "G",
                "toimenpiteet": [
                    {
                        "id": "G1.1",
                        "nimi": "M",
                        "raportit": [{"kausi": k, "tila": s} for k, s in reports],
                    }
                ],
            }
        ],
    }
    if years:
        data["alkuvuosi"], data["loppuvuosi"] = years
    return Plan.model_validate(data)


def test_default_is_the_latest_period_with_data() -> None:
    p = plan((2026, 2030), ("2026-H1", "toteutuu"), ("2027", "ei toteudu"))
    assert plan_period(p, dt.date(2029, 5, 1)) == Period(2027)


def test_without_data_the_current_year_within_the_plans_years() -> None:
    p = plan((2026, 2030))
    assert plan_period(p, dt.date(2026, 11, 25)) == Period(2026)
    assert plan_period(p, dt.date(2024, 1, 1)) == Period(2026)  # not started: its first year
    assert plan_period(p, dt.date(2033, 1, 1)) == Period(2030)  # ended: its last year
    assert plan_period(plan(None), dt.date(2026, 3, 1)) == Period(2026)


def test_phase_by_the_plans_years() -> None:
    p = plan((2026, 2030))
    assert phase(p, Period.parse("2025-Q4")) is Phase.NOT_STARTED
    assert phase(p, Period(2026)) is Phase.RUNNING
    assert phase(p, Period.parse("2030-H2")) is Phase.RUNNING
    assert phase(p, Period(2031)) is Phase.ENDED
    assert phase(plan(None), Period(1999)) is Phase.RUNNING  # no years: always running
