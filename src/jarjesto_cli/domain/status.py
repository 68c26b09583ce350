"""Status rules: when an indicator is met, what a measure's status is, how goals and plans roll up.

Pure functions of the models and a period; no I/O. The README's "Status rules" section describes
exactly these rules, and `tests/test_status.py` tests each one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum

from jarjesto_cli.domain.models import (
    CountIndicator,
    IndicatorBase,
    Measure,
    MeasurementBase,
    ScaleIndicator,
    StatusReport,
    TextIndicator,
    YesNoIndicator,
)
from jarjesto_cli.domain.periods import Period


class Status(StrEnum):
    """A measure's status for a period, in the data's own Finnish words."""

    TOTEUTUU = "toteutuu"
    OSITTAIN = "toteutuu osittain"
    EI_TOTEUDU = "ei toteudu"
    EI_TIETOA = "ei tietoa"

    @property
    def key(self) -> str:
        """The key used in counts and JSON: toteutuu, osittain, ei_toteudu, ei_tietoa."""
        return _KEYS[self]

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]

    @property
    def label(self) -> str:
        """Capitalised for tables and reports: `Toteutuu osittain`."""
        return self.value[0].upper() + self.value[1:]


_KEYS = {
    Status.TOTEUTUU: "toteutuu",
    Status.OSITTAIN: "osittain",
    Status.EI_TOTEUDU: "ei_toteudu",
    Status.EI_TIETOA: "ei_tietoa",
}
_SYMBOLS = {
    Status.TOTEUTUU: "✅",
    Status.OSITTAIN: "🟡",
    Status.EI_TOTEUDU: "❌",
    Status.EI_TIETOA: "⚪",
}
STATUS_ORDER = (Status.TOTEUTUU, Status.OSITTAIN, Status.EI_TOTEUDU, Status.EI_TIETOA)


class Met(Enum):
    """Whether one indicator is met for a period."""

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    NO_DATA = "no_data"  # computable, but nothing measured yet (or nothing to compare with)
    NOT_COMPUTED = "not_computed"  # text indicators, scales without a target

    @property
    def json(self) -> bool | str | None:
        """JSON form: true / false / "partial" / null."""
        return _MET_JSON.get(self)


_MET_JSON: dict[Met, bool | str] = {Met.MET: True, Met.NOT_MET: False, Met.PARTIAL: "partial"}


class Source(StrEnum):
    REPORTED = "reported"
    DERIVED = "derived"


def known(measurements: Iterable[MeasurementBase], period: Period) -> list[MeasurementBase]:
    """Measurements with a value, known by the end of `period`, oldest first (stable)."""
    dated = [
        (Period.parse(m.period), i, m)
        for i, m in enumerate(measurements)
        if getattr(m, "value", None) is not None and Period.parse(m.period).known_by(period)
    ]
    dated.sort(key=lambda t: (t[0].sort_key, t[1]))
    return [m for _, _, m in dated]


def latest(indicator: IndicatorBase, period: Period) -> MeasurementBase | None:
    """The newest measurement with a value known by the end of `period`."""
    values = known(indicator.measurements, period)
    return values[-1] if values else None


def trend(indicator: IndicatorBase, period: Period) -> str | None:
    """`nousee`, `laskee` or `ennallaan` between the last two numeric values; None if fewer."""
    if not isinstance(indicator, ScaleIndicator | CountIndicator):
        return None
    values = [getattr(m, "value", None) for m in known(indicator.measurements, period)]
    if len(values) < 2:
        return None
    last, before = values[-1], values[-2]
    assert isinstance(last, int | float) and isinstance(before, int | float)
    if last > before:
        return "nousee"
    if last < before:
        return "laskee"
    return "ennallaan"


def indicator_met(indicator: IndicatorBase, period: Period) -> Met:
    """Whether `indicator` is met as known at the end of `period` (see the README's rules)."""
    if isinstance(indicator, TextIndicator):
        return Met.NOT_COMPUTED
    if isinstance(indicator, ScaleIndicator) and indicator.target is None:
        return Met.NOT_COMPUTED
    newest = latest(indicator, period)
    if newest is None:
        return Met.NO_DATA
    value = getattr(newest, "value", None)
    if isinstance(indicator, YesNoIndicator):
        return {"kyllä": Met.MET, "osittain": Met.PARTIAL, "ei": Met.NOT_MET}[str(value)]
    if isinstance(indicator, ScaleIndicator):
        assert indicator.target is not None and isinstance(value, int | float)
        return Met.MET if value >= indicator.target else Met.NOT_MET
    if isinstance(indicator, CountIndicator):
        assert isinstance(value, int | float)
        if indicator.target is not None:
            return Met.MET if value >= indicator.target else Met.NOT_MET
        return _grown(indicator, period, newest)
    raise TypeError(f"unknown indicator kind: {type(indicator).__name__}")


def _grown(indicator: CountIndicator, period: Period, newest: MeasurementBase) -> Met:
    """A count without a target is met when it has grown from its baseline period's value."""
    values = known(indicator.measurements, period)
    if indicator.baseline_period is not None:
        base_period = Period.parse(indicator.baseline_period)
        at_base = [m for m in values if Period.parse(m.period) == base_period]
        if not at_base:
            return Met.NO_DATA
        base = at_base[-1]
    else:
        base = values[0]
    if not Period.parse(base.period) < Period.parse(newest.period):
        return Met.NO_DATA  # nothing measured after the baseline yet
    new_value, base_value = getattr(newest, "value", 0), getattr(base, "value", 0)
    return Met.MET if new_value > base_value else Met.NOT_MET


def derive(indicators: Sequence[IndicatorBase], period: Period) -> Status:
    """A measure's status from its indicators: all met → toteutuu; some met or partial →
    osittain; none met → ei toteudu; nothing computable measured → ei tietoa."""
    results = [indicator_met(i, period) for i in indicators]
    results = [r for r in results if r is not Met.NOT_COMPUTED]
    with_data = [r for r in results if r is not Met.NO_DATA]
    if not with_data:
        return Status.EI_TIETOA
    if len(with_data) == len(results) and all(r is Met.MET for r in with_data):
        return Status.TOTEUTUU
    if any(r in (Met.MET, Met.PARTIAL) for r in with_data):
        return Status.OSITTAIN
    return Status.EI_TOTEUDU


def reported(reports: Iterable[StatusReport], period: Period) -> StatusReport | None:
    """The newest reported status known by the end of `period`."""
    dated = [
        (Period.parse(r.period), i, r)
        for i, r in enumerate(reports)
        if Period.parse(r.period).known_by(period)
    ]
    if not dated:
        return None
    return max(dated, key=lambda t: (t[0].sort_key, t[1]))[2]


@dataclass(frozen=True)
class MeasureStatus:
    """A measure's status for a period, where it came from, and what the indicators say."""

    status: Status
    source: Source
    derived: Status
    report: StatusReport | None

    @property
    def disagrees(self) -> bool:
        """Reported and derived status differ (and the indicators say something at all)."""
        return (
            self.report is not None
            and self.derived is not Status.EI_TIETOA
            and self.derived is not self.status
        )


def measure_status(measure: Measure, period: Period) -> MeasureStatus:
    """Reported status wins; otherwise the status derived from the indicators."""
    derived = derive(measure.indicators, period)
    report = reported(measure.reports, period)
    if report is not None:
        return MeasureStatus(Status(report.status), Source.REPORTED, derived, report)
    return MeasureStatus(derived, Source.DERIVED, derived, None)


def count(statuses: Iterable[Status]) -> dict[str, int]:
    """Counts per status, every key present: {toteutuu, osittain, ei_toteudu, ei_tietoa}."""
    tally = Counter(statuses)
    return {s.key: tally.get(s, 0) for s in STATUS_ORDER}
