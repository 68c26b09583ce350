"""`kyllä-ei`: done, partly done or not done. Met when the latest value is `kyllä`."""

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

YesNo = Literal["kyllä", "osittain", "ei"]
WORDS: dict[str, YesNo] = {
    "kyllä": "kyllä",
    "kylla": "kyllä",
    "k": "kyllä",
    "osittain": "osittain",
    "ei": "ei",
    "e": "ei",
}
MET: dict[str, Met] = {"kyllä": Met.MET, "osittain": Met.PARTIAL, "ei": Met.NOT_MET}


class YesNoMeasurement(MeasurementBase):
    value: YesNo | None = Field(None, alias="arvo", description="kyllä, osittain tai ei.")


class YesNoIndicator(IndicatorBase):
    """Toteutunut kyllä / osittain / ei."""

    KIND: ClassVar[str] = "kyllä-ei"
    LABEL: ClassVar[str] = "kyllä/osittain/ei"

    kind: Literal["kyllä-ei"] = Field(alias="tyyppi")
    measurements: list[YesNoMeasurement] = Field(
        default_factory=list, alias="mittaukset", description="Mittaukset kausittain."
    )

    def parse_value(self, text: str) -> Value:
        key = text.strip().lower()
        if key not in WORDS:
            raise BadValue(
                f"{self.id} is a kyllä-ei indicator; '{text}' is not kyllä, osittain or ei"
            )
        return WORDS[key]

    def value_findings(self) -> Iterator[ValueFinding]:
        # the model allows only the three words; the target is always kyllä (target_findings)
        return iter(())

    def met(self, period: Period) -> Met:
        newest = self.latest(period)
        return Met.NO_DATA if newest is None else MET[str(newest.value)]

    def target_text(self, period: Period | None = None) -> str:
        return "kyllä"

    def target_value(self) -> Value | None:
        return "kyllä"

    def value_text(self, value: Value) -> str:
        return str(value)

    def chart_axis(self) -> ChartAxis | None:
        return None

    def details(self) -> dict[str, Any]:
        return {}

    def unit_text(self) -> str | None:
        return None
