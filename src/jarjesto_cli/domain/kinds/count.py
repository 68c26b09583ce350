"""`määrä`: a count (uses, referrals, euros). Met when it reaches its target, or without one,
when it has grown from its baseline period's value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from jarjesto_cli.domain.fields import Number, PeriodField, Value
from jarjesto_cli.domain.finnish import number, parse_number
from jarjesto_cli.domain.indicators import (
    BadValue,
    ChartAxis,
    IndicatorBase,
    MeasurementBase,
    Met,
    ValueFinding,
    numeric_text,
)
from jarjesto_cli.domain.periods import Period


class CountMeasurement(MeasurementBase):
    value: Number | None = Field(None, alias="arvo", description="Määrä, luku ≥ 0.")


class CountIndicator(IndicatorBase):
    """Määrä; toteutuu, kun määrä kasvaa lähtökaudesta tai saavuttaa tavoitteen."""

    KIND: ClassVar[str] = "määrä"
    LABEL: ClassVar[str] = "määrä"
    TARGETED: ClassVar[bool] = True

    kind: Literal["määrä"] = Field(alias="tyyppi")
    target: Number | None = Field(None, alias="tavoite", ge=0, description="Tavoitemäärä.")
    baseline_period: PeriodField | None = Field(
        None, alias="lähtökausi", description="Kausi, josta kasvua mitataan (oletus: ensimmäinen)."
    )
    unit: str | None = Field(None, alias="yksikkö", description="Yksikkö, esim. € tai kertaa.")
    measurements: list[CountMeasurement] = Field(
        default_factory=list, alias="mittaukset", description="Mittaukset kausittain."
    )

    def parse_value(self, text: str) -> Value:
        try:
            value = parse_number(text)
        except ValueError:
            raise BadValue(f"{self.id} needs a number, not '{text}'") from None
        if value < 0:
            raise BadValue(f"a count cannot be negative ({number(value)})")
        return value

    def target_problem(self, value: Value) -> str | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        return None if ok else "is not a count (a number ≥ 0)"

    def value_findings(self) -> Iterator[ValueFinding]:
        for i, m in enumerate(self.measurements):
            if m.value is not None and m.value < 0:
                yield ValueFinding(
                    ("mittaukset", i, "arvo"), f"a count cannot be negative ({m.value})"
                )

    def met(self, period: Period) -> Met:
        values = self.known(period)
        if not values:
            return Met.NO_DATA
        newest = values[-1]
        assert isinstance(newest.value, int | float)
        target = self.target_at(period)
        if isinstance(target, int | float):
            return Met.MET if newest.value >= target else Met.NOT_MET
        if self.baseline_period is not None:
            at_base = [m for m in values if m.period == self.baseline_period]
            if not at_base:
                return Met.NO_COMPARISON
            base = at_base[-1]
        else:
            base = values[0]
        if not base.period < newest.period:
            return Met.NO_COMPARISON  # nothing measured after the baseline yet
        assert isinstance(base.value, int | float)
        return Met.MET if newest.value > base.value else Met.NOT_MET

    def target_text(self, period: Period | None = None) -> str:
        target = self.target_at(period)
        if isinstance(target, int | float):
            return f"≥ {self.value_text(target)}"
        if self.baseline_period:
            return f"kasvaa kaudesta {self.baseline_period}"
        return "kasvaa"

    def target_value(self) -> Value | None:
        return self.target

    def value_text(self, value: Value) -> str:
        return numeric_text(value, self.unit)

    def chart_axis(self) -> ChartAxis | None:
        return ChartAxis(None, None, self.target, self.unit)

    def details(self) -> dict[str, Any]:
        baseline = str(self.baseline_period) if self.baseline_period else None
        return {"unit": self.unit, "baseline_period": baseline}

    def unit_text(self) -> str | None:
        return self.unit
