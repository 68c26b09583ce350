"""What changed between two versions of the plans, at the level of the model, not the text.

Pure: both sides are loaded `PlanSet`s. A plan whose old (or new) version did not validate is
left out (it is reported by the caller), so a broken file never shows as "everything added".
A change holds the old and new content in full (None for "none"); outputs shorten it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from jarjesto_cli.domain.indicators import IndicatorBase, MeasurementBase
from jarjesto_cli.domain.models import Measure
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import Node, PlanSet
from jarjesto_cli.domain.status import measure_status
from jarjesto_cli.domain.summary import recorded_periods


@dataclass(frozen=True)
class Change:
    """One change: which node, what about it, for which period, old → new (as readers see them)."""

    plan_id: str
    kind: str  # plan, goal, measure, indicator
    id: str
    name: str
    what: str  # lisätty, poistettu, nimi, tila, kertomus, mittaus, tavoite, tyyppi
    old: str | None  # None: there was none
    new: str | None
    period: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def label(self) -> str:
        """`mittaus 2026-H2`, `tila 2023`, `lisätty`…"""
        return f"{self.what} {self.period}" if self.period else self.what


def _nodes(planset: PlanSet, skip: set[str]) -> dict[str, Node]:
    return {n.id: n for n in planset.nodes() if n.plan.id not in skip}


def diff(old: PlanSet, new: PlanSet) -> list[Change]:
    """Every change from `old` to `new`, in the new (then old) file order."""
    skip = old.unvalidated_plan_ids | new.unvalidated_plan_ids
    before, after = _nodes(old, skip), _nodes(new, skip)
    reference = _reference_period(new)
    changes: list[Change] = []
    for node_id, node in after.items():
        was = before.get(node_id)
        if was is None or was.kind != node.kind:
            changes.append(_change(node, "lisätty", None, _name(node)))
            continue
        if _name(was) != _name(node):
            changes.append(_change(node, "nimi", _name(was), _name(node)))
        if node.measure is not None and node.kind == "measure":
            assert was.measure is not None
            changes += _measure_changes(node, was.measure, node.measure, reference)
        if node.indicator is not None and node.kind == "indicator":
            assert was.indicator is not None
            changes += _indicator_changes(node, was.indicator, node.indicator)
    for node_id, was in before.items():
        if node_id not in after or after[node_id].kind != was.kind:
            changes.append(_change(was, "poistettu", _name(was), None))
    return changes


def _reference_period(planset: PlanSet) -> Period | None:
    periods = recorded_periods(planset.plans)
    return periods[-1] if periods else None


def _name(node: Node) -> str:
    obj = node.indicator or node.measure or node.goal or node.plan
    return obj.name


def _change(
    node: Node, what: str, old: str | None, new: str | None, period: Period | None = None
) -> Change:
    when = str(period) if period is not None else None
    return Change(node.plan.id, node.kind, node.id, _name(node), what, old, new, when)


def _measure_changes(
    node: Node, old: Measure, new: Measure, reference: Period | None
) -> list[Change]:
    changes: list[Change] = []
    old_reports = {r.period: r for r in old.reports}
    new_reports = {r.period: r for r in new.reports}
    for period in sorted(old_reports.keys() | new_reports.keys()):
        was, now = old_reports.get(period), new_reports.get(period)
        if (was.status if was else None) != (now.status if now else None):
            changes.append(
                _change(
                    node, "tila", was.status if was else None, now.status if now else None, period
                )
            )
        if (was.text if was else None) != (now.text if now else None):
            changes.append(
                _change(
                    node, "kertomus", was.text if was else None, now.text if now else None, period
                )
            )
    if reference is not None and not any(c.what == "tila" for c in changes):
        # a status that changed because new values came in, not because one was reported
        was_state, now_state = measure_status(old, reference), measure_status(new, reference)
        if was_state.status is not now_state.status:
            changes.append(
                _change(node, "tila", was_state.status.value, now_state.status.value, reference)
            )
    return changes


def _value_text(measurement: MeasurementBase | None, indicator: IndicatorBase) -> str | None:
    """A measurement as a change shows it: `3,8 (n 41)`, `huomio: …`; None when there is none."""
    if measurement is None:
        return None
    if measurement.value is None:
        return f"huomio: {measurement.note}"
    text = indicator.measurement_text(measurement)
    if measurement.n is not None:
        text += f" (n {measurement.n})"
    return text


def _indicator_changes(node: Node, old: IndicatorBase, new: IndicatorBase) -> list[Change]:
    changes: list[Change] = []
    if old.kind != new.kind:
        changes.append(_change(node, "tyyppi", old.kind, new.kind))
    if old.target_text() != new.target_text():
        changes.append(_change(node, "tavoite", old.target_text(), new.target_text()))
    old_values = {m.period: m for m in old.measurements}
    new_values = {m.period: m for m in new.measurements}
    for period in sorted(old_values.keys() | new_values.keys()):
        was, now = old_values.get(period), new_values.get(period)
        if _comparable(was) != _comparable(now):
            changes.append(
                _change(node, "mittaus", _value_text(was, old), _value_text(now, new), period)
            )
    return changes


def _comparable(measurement: MeasurementBase | None) -> tuple[Any, ...] | None:
    if measurement is None:
        return None
    return (measurement.value, measurement.approximate, measurement.n, measurement.note)


def by_plan(changes: list[Change]) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        grouped.setdefault(change.plan_id, []).append(change)
    return grouped
