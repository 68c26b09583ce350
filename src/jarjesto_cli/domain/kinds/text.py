"""`teksti`: a qualitative indicator. Never computed; shown as reported."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from jarjesto_cli.domain.fields import Value
from jarjesto_cli.domain.indicators import (
    BadValue,
    ChartAxis,
    IndicatorBase,
    MeasurementBase,
    Met,
    ValueFinding,
)
from jarjesto_cli.domain.periods import Period


class TextMeasurement(MeasurementBase):
    value: str | None = Field(None, alias="arvo", description="Sanallinen arvo.")


class TextIndicator(IndicatorBase):
    """Laadullinen mittari; tilaa ei lasketa, vaan se näytetään raportoituna."""

    KIND: ClassVar[str] = "teksti"
    LABEL: ClassVar[str] = "sanallinen"

    kind: Literal["teksti"] = Field(alias="tyyppi")
    measurements: list[TextMeasurement] = Field(
        default_factory=list, alias="mittaukset", description="Mittaukset kausittain."
    )

    def parse_value(self, text: str) -> Value:
        if not text.strip():
            raise BadValue("the text is empty")
        return text

    def value_findings(self) -> Iterator[ValueFinding]:
        return iter(())  # any text is a value; it has no target (target_findings)

    def met(self, period: Period) -> Met:
        return Met.NOT_COMPUTED

    def target_text(self, period: Period | None = None) -> str:
        return "–"

    def target_value(self) -> Value | None:
        return None

    def value_text(self, value: Value) -> str:
        return str(value)

    def chart_axis(self) -> ChartAxis | None:
        return None

    def details(self) -> dict[str, Any]:
        return {}

    def unit_text(self) -> str | None:
        return None
