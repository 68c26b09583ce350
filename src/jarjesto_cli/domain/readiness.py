"""Readiness for a deadline: how much of an audience's next report is in the plans, and what is
missing, each item with the actors who owe it.

Pure functions of the plan set and a deadline (`deadlines.py`); no I/O. `plan todo`, the hyte
unit's report and the status views use it.

The rules:

* a **measure** is ready when it has a reported status *with a narrative* (`teksti`) for a period
  inside the deadline's period (a status without a narrative is half done: it is listed as
  missing its narrative);
* an **indicator** is ready when it has a measurement, a value or a note, for a period inside the
  deadline's period;
* a measure whose schedule starts after the deadline's period is **not started yet**: it and its
  indicators are not needed and are left out of the shares;
* each missing item names its **owners**: a measure's `vastuu`; an indicator of a measure, the
  measure's; a goal's own indicator has none (it is the plan's, so the whole team's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from jarjesto_cli.domain.deadlines import Deadline
from jarjesto_cli.domain.indicators import IndicatorBase
from jarjesto_cli.domain.models import Measure
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet


class Need(Enum):
    """What a missing item lacks (the value is the Finnish phrase readers see)."""

    STATUS = "tila ja kertomus"
    NARRATIVE = "kertomus"
    VALUE = "arvo"


@dataclass(frozen=True)
class Gap:
    """One thing the deadline's report still lacks."""

    plan_id: str
    goal_id: str
    id: str
    name: str
    kind: str  # "measure" or "indicator"
    need: Need
    owners: tuple[str, ...]  # actor ids, the lead first


@dataclass(frozen=True)
class Readiness:
    """How ready one deadline's report is."""

    deadline: Deadline
    measures_ready: int
    measures_total: int
    indicators_ready: int
    indicators_total: int
    gaps: tuple[Gap, ...]
    not_started: tuple[str, ...] = ()  # ids of measures left out because they start later

    @property
    def measure_share(self) -> float | None:
        """The share (0–1) of measures with a status and a narrative; None when there are none."""
        return _share(self.measures_ready, self.measures_total)

    @property
    def indicator_share(self) -> float | None:
        """The share (0–1) of indicators with a value or note; None when there are none."""
        return _share(self.indicators_ready, self.indicators_total)

    @property
    def complete(self) -> bool:
        return not self.gaps

    def for_owner(self, actor_id: str) -> tuple[Gap, ...]:
        """The gaps this actor leads or shares."""
        return tuple(g for g in self.gaps if actor_id in g.owners)


def _share(ready: int, total: int) -> float | None:
    return ready / total if total else None


def readiness(planset: PlanSet, deadline: Deadline) -> Readiness:
    """The deadline's readiness over the plans it covers, in the deadline's plan order."""
    period = deadline.period
    order = {pid: i for i, pid in enumerate(deadline.plan_ids)}
    plans = sorted((p for p in planset.plans if p.id in order), key=lambda p: order[p.id])
    gaps: list[Gap] = []
    counts = {"measures_ready": 0, "measures_total": 0, "indicators_ready": 0}
    indicators_total = 0
    not_started: list[str] = []
    for plan in plans:
        for goal in plan.goals:
            items: list[tuple[IndicatorBase, tuple[str, ...]]] = [(i, ()) for i in goal.indicators]
            for measure in goal.measures:
                if measure.not_started(period):
                    not_started.append(measure.id)
                    continue
                owners = tuple(measure.owners)
                counts["measures_total"] += 1
                need = _measure_need(measure, period)
                if need is None:
                    counts["measures_ready"] += 1
                else:
                    gaps.append(
                        Gap(plan.id, goal.id, measure.id, measure.name, "measure", need, owners)
                    )
                items += [(i, owners) for i in measure.indicators]
            for indicator, owners in items:
                indicators_total += 1
                if _covers(period, (m.period for m in indicator.measurements)):
                    counts["indicators_ready"] += 1
                else:
                    gaps.append(
                        Gap(
                            plan.id,
                            goal.id,
                            indicator.id,
                            indicator.name,
                            "indicator",
                            Need.VALUE,
                            owners,
                        )
                    )
    return Readiness(
        deadline=deadline,
        indicators_total=indicators_total,
        gaps=tuple(gaps),
        not_started=tuple(not_started),
        **counts,
    )


def _measure_need(measure: Measure, period: Period) -> Need | None:
    """What the measure lacks for the period: nothing (None), its narrative, or its status."""
    reports = [r for r in measure.reports if period.contains(r.period)]
    if not reports:
        return Need.STATUS
    if not any(r.text and r.text.strip() for r in reports):
        return Need.NARRATIVE
    return None


def _covers(period: Period, recorded: Iterable[Period]) -> bool:
    return any(period.contains(p) for p in recorded)
