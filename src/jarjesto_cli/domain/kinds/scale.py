"""`asteikko`: a survey scale (1–5 by default). Met when the latest value reaches the target."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from jarjesto_cli.domain.fields import Model, Number, Value
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


class Scale(Model):
    min: Number = Field(1, description="Asteikon pienin arvo.")
    max: Number = Field(5, description="Asteikon suurin arvo.")

    @model_validator(mode="after")
    def min_below_max(self) -> Scale:
        if self.min >= self.max:
            raise PydanticCustomError("scale", "`min` must be smaller than `max`")
        return self

    def text(self) -> str:
        return f"{number(self.min)}–{number(self.max)}"


class ScaleMeasurement(MeasurementBase):
    value: Number | None = Field(None, alias="arvo", description="Luku asteikon sisällä.")


class ScaleIndicator(IndicatorBase):
    """Asteikkomittari (esim. kysely 1–5); toteutuu, kun viimeisin arvo ≥ tavoite."""

    KIND: ClassVar[str] = "asteikko"
    LABEL: ClassVar[str] = "asteikko"
    TARGETED: ClassVar[bool] = True

    kind: Literal["asteikko"] = Field(alias="tyyppi")
    scale: Scale = Field(
        default_factory=Scale, alias="asteikko", description="Asteikko, oletus 1–5."
    )
    target: Number | None = Field(None, alias="tavoite", description="Tavoitearvo asteikolla.")
    measurements: list[ScaleMeasurement] = Field(
        default_factory=list, alias="mittaukset", description="Mittaukset kausittain."
    )

    def on_scale(self, value: float) -> bool:
        return self.scale.min <= value <= self.scale.max

    def parse_value(self, text: str) -> Value:
        try:
            value = parse_number(text)
        except ValueError:
            raise BadValue(f"{self.id} needs a number, not '{text}'") from None
        if not self.on_scale(value):
            raise BadValue(f"{number(value)} is outside the scale {self.scale.text()} of {self.id}")
        return value

    def target_problem(self, value: Value) -> str | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and self.on_scale(value)
        return None if ok else f"is not a number on the scale {self.scale.min}–{self.scale.max}"

    def value_findings(self) -> Iterator[ValueFinding]:
        low, high = self.scale.min, self.scale.max
        if self.target is not None and not self.on_scale(self.target):
            yield ValueFinding(
                ("tavoite",),
                f"target {self.target} is outside the scale {low}–{high}",
                "set a target inside the scale, or widen `asteikko`",
            )
        for i, m in enumerate(self.measurements):
            if m.value is not None and not self.on_scale(m.value):
                yield ValueFinding(
                    ("mittaukset", i, "arvo"),
                    f"value {m.value} is outside the scale {low}–{high} of {self.id}",
                    "check the value, or the indicator's `asteikko`",
                )

    def met(self, period: Period) -> Met:
        target = self.target_at(period)
        if not isinstance(target, int | float):
            return Met.NOT_COMPUTED  # shown as a trend only
        newest = self.latest(period)
        if newest is None or not isinstance(newest.value, int | float):
            return Met.NO_DATA
        return Met.MET if newest.value >= target else Met.NOT_MET

    def target_text(self, period: Period | None = None) -> str:
        target = self.target_at(period)
        if not isinstance(target, int | float):
            return f"– (asteikko {self.scale.text()})"
        return f"≥ {number(target)} (asteikko {self.scale.text()})"

    def target_value(self) -> Value | None:
        return self.target

    def value_text(self, value: Value) -> str:
        return numeric_text(value, None)

    def chart_axis(self) -> ChartAxis | None:
        return ChartAxis(self.scale.min, self.scale.max, self.target, None)

    def details(self) -> dict[str, Any]:
        return {"scale": {"min": self.scale.min, "max": self.scale.max}}

    def unit_text(self) -> str | None:
        return None
