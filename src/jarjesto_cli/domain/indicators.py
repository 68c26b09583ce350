"""What every indicator kind has and must do.

An indicator kind (`kyllä-ei`, `asteikko`, `määrä`, `teksti`) is one module in `kinds/`: its
measurement and indicator models and all its behaviour — reading a value typed on the command
line, checking values against the indicator, whether it is met as of a period, its target and
value as readers see them, how it is charted and what it adds to the JSON and the export. The
abstract methods below are that contract; `kinds/__init__.py` registers the kinds, and mypy
refuses a registered kind that leaves one out.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from jarjesto_cli.domain.fields import MAX_COUNT, Id, Model, PeriodField, Text, Value
from jarjesto_cli.domain.finnish import number
from jarjesto_cli.domain.keypaths import Key
from jarjesto_cli.domain.periods import Period


class Met(Enum):
    """Whether one indicator is met for a period."""

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    NO_DATA = "no_data"  # computable, but nothing measured yet
    # a value, but nothing to compare it with yet (a count's first value, or no value at its
    # baseline period): not "no data", which readers would take it for
    NO_COMPARISON = "no_comparison"
    NOT_COMPUTED = "not_computed"  # text indicators, scales without a target

    @property
    def json(self) -> bool | str | None:
        """JSON form: true / false / "partial" / null."""
        return _MET_JSON.get(self)


_MET_JSON: dict[Met, bool | str] = {Met.MET: True, Met.NOT_MET: False, Met.PARTIAL: "partial"}


class BadValue(ValueError):
    """A value typed by a person that the indicator cannot hold; the message says why."""


@dataclass(frozen=True)
class ValueFinding:
    """A value in the file that the indicator cannot hold, at `steps` below the indicator."""

    steps: tuple[Key, ...]
    message: str
    hint: str = ""


@dataclass(frozen=True)
class ChartAxis:
    """How a numeric indicator is charted: the value axis and the target line."""

    low: float | None  # None: from zero up to the data
    high: float | None
    target: float | None
    unit: str | None


class MeasurementBase(Model):
    """One period's value (or only a note) of an indicator."""

    period: PeriodField = Field(alias="kausi", description="Kausi, jota arvo koskee.")
    value: Value | None = None  # each kind declares its own `arvo`
    approximate: bool = Field(
        False,
        alias="likiarvo",
        description="true, kun arvo on arvio (lähteessä esim. 'n. 100'); näytetään 'noin 100'.",
    )
    n: int | None = Field(None, ge=0, le=MAX_COUNT, description="Vastaajien tai havaintojen määrä.")
    note: str | None = Field(None, alias="huomio", description="Huomio tai sanallinen tilanne.")
    source: str | None = Field(None, alias="lähde", description="Arvon lähde (esim. tiedosto).")

    @model_validator(mode="after")
    def value_or_note(self) -> MeasurementBase:
        if self.value is None and not self.note:
            raise PydanticCustomError(
                "measurement_empty", "a measurement needs `arvo` or at least a `huomio`"
            )
        return self


class TargetChange(Model):
    """Tavoitteen muutos: milloin, millä päätöksellä, mikä tavoite oli ennen ja miksi."""

    date: dt.date = Field(alias="päivä", description="Päätöksen päivä (VVVV-KK-PP).")
    decision: Text = Field(
        alias="päätös",
        description="Päätös, esim. 'Lähidemokratia- ja osallisuuslautakunta 26.5.2027 § 45'.",
    )
    previous: Value | None = Field(
        None, alias="aiempi", description="Tavoite ennen muutosta (tyhjä: ei tavoitetta)."
    )
    reason: str | None = Field(None, alias="perustelu", description="Muutoksen perustelu.")


class IndicatorBase(Model):
    """The keys and behaviour every indicator kind shares; each kind adds its own."""

    # the kind's word in the YAML (`tyyppi`) and for readers
    KIND: ClassVar[str]
    LABEL: ClassVar[str]
    # whether the kind has a target a decision can change (`tavoite`, `tavoitemuutokset`)
    TARGETED: ClassVar[bool] = False

    id: Id = Field(
        description="Tunniste, esim. T1.1.2 tai O1.M1; yksilöllinen kaikissa tiedostoissa."
    )
    kind: str = Field(alias="tyyppi")
    name: Text = Field(alias="nimi", description="Mittarin nimi.")
    group: str | None = Field(None, alias="ryhmä", description="Otsikko, jonka alla mittari on.")
    description: str | None = Field(None, alias="kuvaus", description="Tarkennus sellaisenaan.")
    source: str | None = Field(None, alias="lähde", description="Tietolähde (esim. kysely).")
    measurements: Sequence[MeasurementBase] = Field(default_factory=list, alias="mittaukset")
    target_changes: list[TargetChange] = Field(
        default_factory=list,
        alias="tavoitemuutokset",
        description="Tavoitteen muutokset päätöksineen; `tavoite` on nyt voimassa oleva tavoite.",
    )

    # --- what each kind must say --------------------------------------------------------------

    @abstractmethod
    def parse_value(self, text: str) -> Value:
        """A value as a person types it (`3,8`, `Kyllä`); BadValue saying why when it is not one."""

    @abstractmethod
    def value_findings(self) -> Iterator[ValueFinding]:
        """Values and targets in the file that this indicator cannot hold (a scale's range…)."""

    def target_problem(self, value: Value) -> str | None:
        """Why `value` cannot be this kind's target (None when it can); kinds with a target
        (TARGETED) say their rule: a number on the scale, a count ≥ 0."""
        return None

    @abstractmethod
    def met(self, period: Period) -> Met:
        """Whether the indicator is met as known at the end of `period`."""

    @abstractmethod
    def target_text(self, period: Period | None = None) -> str:
        """The target in force at the end of `period` (default: now) in words:
        `≥ 4 (asteikko 1–5)`, `kyllä`, `kasvaa`, `–`."""

    @abstractmethod
    def target_value(self) -> Value | None:
        """The target in force now as data (JSON, export): a number, a word, or None."""

    @abstractmethod
    def value_text(self, value: Value) -> str:
        """A measured value as readers see it, with its unit."""

    @abstractmethod
    def chart_axis(self) -> ChartAxis | None:
        """How its values are charted; None when the kind is not charted (not numeric)."""

    @abstractmethod
    def details(self) -> dict[str, Any]:
        """Kind-specific keys of the status JSON (`scale`, `unit`, `baseline_period`)."""

    @abstractmethod
    def unit_text(self) -> str | None:
        """The unit of its values, for tables and the export (`€`, `osallistujaa`), or None."""

    # --- shared by every kind -------------------------------------------------------------------

    def revisions(self) -> list[tuple[TargetChange, Value | None]]:
        """Its target changes, oldest first, each with the target it set: the next change's
        `aiempi`, or today's `tavoite` for the last."""
        changes = sorted(self.target_changes, key=lambda c: c.date)
        after = [c.previous for c in changes[1:]] + [self.target_value()]
        return list(zip(changes, after, strict=True)) if changes else []

    def target_at(self, period: Period | None) -> Value | None:
        """The target in force at the end of `period`: a change took effect when its date is on
        or before that day, so the target then is the `aiempi` of the first change after it, or
        today's `tavoite` when none came after. The order the changes are listed in does not
        matter."""
        current = self.target_value()
        if period is None:
            return current
        later = sorted(
            (c for c in self.target_changes if c.date > period.end), key=lambda c: c.date
        )
        return later[0].previous if later else current

    def target_findings(self) -> Iterator[ValueFinding]:
        """Target changes on a kind without a target, earlier targets the kind cannot hold, and
        changes that cannot be placed in time (two on the same day)."""
        if not self.TARGETED:
            for i, _ in enumerate(self.target_changes):
                yield ValueFinding(
                    ("tavoitemuutokset", i),
                    f"{self.id} is a {self.KIND} indicator: it has no target to change",
                    "remove `tavoitemuutokset`, or make the indicator a scale or a count",
                )
            return
        for i, change in enumerate(self.target_changes):
            problem = None if change.previous is None else self.target_problem(change.previous)
            if problem:
                yield ValueFinding(
                    ("tavoitemuutokset", i, "aiempi"),
                    f"the earlier target {change.previous!r} {problem}",
                    "write the target as it was before the change",
                )
        seen: dict[dt.date, int] = {}
        for i, change in enumerate(self.target_changes):
            if change.date in seen:
                yield ValueFinding(
                    ("tavoitemuutokset", i, "päivä"),
                    f"{self.id} has two target changes on {change.date.isoformat()} "
                    f"(the other is tavoitemuutokset[{seen[change.date]}])",
                    "record one change per day, with the target in force at the end of it",
                )
            seen.setdefault(change.date, i)

    def known(self, period: Period) -> list[MeasurementBase]:
        """Measurements with a value, known by the end of `period`, oldest first (stable)."""
        dated = [
            (m.period.sort_key, i, m)
            for i, m in enumerate(self.measurements)
            if m.value is not None and m.period.known_by(period)
        ]
        dated.sort(key=lambda t: (t[0], t[1]))
        return [m for _, _, m in dated]

    def history(self, period: Period) -> list[MeasurementBase]:
        """Every measurement known by the end of `period` (notes too), oldest first."""
        found = [m for m in self.measurements if m.period.known_by(period)]
        return sorted(found, key=lambda m: m.period.sort_key)

    def latest(self, period: Period) -> MeasurementBase | None:
        """The newest measurement with a value known by the end of `period`."""
        values = self.known(period)
        return values[-1] if values else None

    def numbers(self, period: Period) -> list[tuple[Period, float]]:
        """The numeric values known by the end of `period`, oldest first (empty unless charted)."""
        if self.chart_axis() is None:
            return []
        return [
            (m.period, float(m.value))
            for m in self.known(period)
            if isinstance(m.value, int | float) and not isinstance(m.value, bool)
        ]

    def trend(self, period: Period) -> str | None:
        """`nousee`, `laskee` or `ennallaan` between the last two numeric values; None if fewer."""
        values = [v for _, v in self.numbers(period)]
        if len(values) < 2:
            return None
        last, before = values[-1], values[-2]
        if last > before:
            return "nousee"
        if last < before:
            return "laskee"
        return "ennallaan"

    def measurement_text(self, measurement: MeasurementBase) -> str:
        """A measurement's value as readers see it: `3,5`, `noin 100 osallistujaa`, `–`."""
        if measurement.value is None:
            return "–"
        text = self.value_text(measurement.value)
        return f"noin {text}" if measurement.approximate else text


def numeric_text(value: Value, unit: str | None) -> str:
    """A number in Finnish with its unit (`850 000 €`); text as it is."""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, int | float):
        return f"{number(value)} {unit}" if unit else number(value)
    return str(value)
