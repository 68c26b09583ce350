"""Status rules: when an indicator is met, what a measure's status is, how goals and plans roll up.

Pure functions of the models and a period; no I/O. The README's "Status rules" section describes
exactly these rules, and `tests/test_status.py` tests each one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from jarjesto_cli.domain.indicators import IndicatorBase, Met
from jarjesto_cli.domain.models import Measure, StatusReport
from jarjesto_cli.domain.periods import Period


class Status(StrEnum):
    """A measure's status for a period, in the data's own Finnish words."""

    TOTEUTUU = "toteutuu"
    OSITTAIN = "toteutuu osittain"
    EI_TOTEUDU = "ei toteudu"
    EI_TIETOA = "ei tietoa"
    # its schedule starts after the period and nothing is known of it: not started, which is
    # not missing data (a plan's own words: `aikataulu.alku`)
    EI_ALKANUT = "ei vielä alkanut"

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
    Status.EI_ALKANUT: "ei_alkanut",
}
_SYMBOLS = {
    Status.TOTEUTUU: "✅",
    Status.OSITTAIN: "🟡",
    Status.EI_TOTEUDU: "❌",
    Status.EI_TIETOA: "⚪",
    Status.EI_ALKANUT: "⏳",
}
STATUS_ORDER = (
    Status.TOTEUTUU,
    Status.OSITTAIN,
    Status.EI_TOTEUDU,
    Status.EI_TIETOA,
    Status.EI_ALKANUT,
)


class Source(StrEnum):
    REPORTED = "reported"
    DERIVED = "derived"
    SCHEDULE = "schedule"  # not started yet, by its schedule


def derive(indicators: Sequence[IndicatorBase], period: Period) -> Status:
    """A measure's status from its indicators: all met → toteutuu; some met or partial →
    osittain; none met → ei toteudu; nothing computable measured → ei tietoa. A value without
    anything to compare it with says nothing about being met, so it counts as no data here."""
    results = [i.met(period) for i in indicators]
    results = [r for r in results if r is not Met.NOT_COMPUTED]
    with_data = [r for r in results if r not in (Met.NO_DATA, Met.NO_COMPARISON)]
    if not with_data:
        return Status.EI_TIETOA
    if len(with_data) == len(results) and all(r is Met.MET for r in with_data):
        return Status.TOTEUTUU
    if any(r in (Met.MET, Met.PARTIAL) for r in with_data):
        return Status.OSITTAIN
    return Status.EI_TOTEUDU


def reported(reports: Iterable[StatusReport], period: Period) -> StatusReport | None:
    """The newest reported status known by the end of `period`."""
    dated = [(r.period.sort_key, i, r) for i, r in enumerate(reports) if r.period.known_by(period)]
    if not dated:
        return None
    return max(dated, key=lambda t: (t[0], t[1]))[2]


@dataclass(frozen=True)
class MeasureStatus:
    """A measure's status for a period, where it came from, and what the indicators say."""

    status: Status
    source: Source
    derived: Status
    report: StatusReport | None

    @property
    def accepted(self) -> str | None:
        """The team's reason when it knowingly reports a status the indicators do not give."""
        return self.report.reason if self.report is not None and self.disagrees else None

    @property
    def disagrees(self) -> bool:
        """Reported and derived status differ (and the indicators say something at all)."""
        return (
            self.report is not None
            and self.derived is not Status.EI_TIETOA
            and self.derived is not self.status
        )


def measure_status(measure: Measure, period: Period) -> MeasureStatus:
    """Reported status wins; otherwise the status derived from the indicators; a measure
    without either whose schedule starts after the period has not started (never "ei tietoa")."""
    derived = derive(measure.indicators, period)
    report = reported(measure.reports, period)
    if report is not None:
        return MeasureStatus(Status(report.status), Source.REPORTED, derived, report)
    if derived is Status.EI_TIETOA and measure.not_started(period):
        return MeasureStatus(Status.EI_ALKANUT, Source.SCHEDULE, derived, None)
    return MeasureStatus(derived, Source.DERIVED, derived, None)


def count(statuses: Iterable[Status]) -> dict[str, int]:
    """Counts per status, every key present: {toteutuu, osittain, ei_toteudu, ei_tietoa,
    ei_alkanut}."""
    tally = Counter(statuses)
    return {s.key: tally.get(s, 0) for s in STATUS_ORDER}
