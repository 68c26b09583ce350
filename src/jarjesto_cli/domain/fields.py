"""The building blocks of the plan models: the strict base model and the scalar types (periods,
numbers, ids, text) that every model uses.

YAML keys are Finnish (the planners' words), attribute names English (the code's).
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from jarjesto_cli.domain.periods import PERIOD_PATTERN, Period, PeriodError


class Model(BaseModel):
    """Strict base: unknown keys are errors, types are not coerced, Finnish aliases are the keys."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        # validators are built on first use, inside the one schema that uses them: faster start-up
        defer_build=True,
    )


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError(
            "period",
            "should be a period such as 2026, 2026-H1 or 2023-Q3, not {got}",
            {"got": repr(value)},
        )
    try:
        return Period.parse(value)
    except PeriodError as exc:
        raise PydanticCustomError("period", str(exc)) from None


# A period is parsed once, when the plans are loaded; everything after works with `Period`s.
PeriodField = Annotated[
    Period,
    PlainValidator(_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {"type": "string", "pattern": PERIOD_PATTERN},
            ],
            "description": "Kausi: vuosi (2026), puolivuotis (2026-H1, 2026-H2) tai neljännes "
            "(2023-Q1 … 2023-Q4).",
        }
    ),
]


# No value, target or scale in a plan comes near this; a larger one is a typo or an attack (an
# integer beyond a float's range would crash every computation that compares it with a float).
MAX_NUMBER = 10**15
# the largest number of respondents or observations (`n`) that makes sense
MAX_COUNT = 1_000_000_000


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError(
            "number", "should be a number such as 3.5, not {got}", {"got": repr(value)}
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError(
            "number", "should be a number such as 3.5, not {got}", {"got": repr(value)}
        )
    if abs(value) > MAX_NUMBER:
        raise PydanticCustomError(
            "number_too_large",
            "{got} is too large: a number in a plan can be at most 10^15",
            {"got": _digits(value)},
        )
    return value


def _digits(value: int | float) -> str:
    """A huge number shown short: its first digits and how many there are."""
    text = str(value) if isinstance(value, int) else f"{value:g}"
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text.lstrip('-'))} digits)"


Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]

# What a measurement can hold: a number, a yes/no word or text.
Value = str | int | float

ID_PATTERN = r"^[A-Za-z0-9ÅÄÖåäö][A-Za-z0-9ÅÄÖåäö._-]*$"
PLAN_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# ids become parts of report and chart file names (`<audience>-<period>-<plan>-tilat.png`),
# which must stay well under the file systems' 255 characters
MAX_ID_LENGTH = 64

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=MAX_ID_LENGTH)]
PlanId = Annotated[str, Field(pattern=PLAN_ID_PATTERN, min_length=1, max_length=MAX_ID_LENGTH)]
Text = Annotated[str, Field(min_length=1)]


class TextTree(Model):
    """A bullet with sub-bullets."""

    text: Text = Field(alias="teksti", description="Kohdan teksti.")
    items: list[TextItem] = Field(default_factory=list, alias="kohdat", description="Alakohdat.")


TextItem = Annotated[
    str | TextTree,
    Field(description="Luettelon kohta: teksti tai {teksti, kohdat}."),
]
TextTree.model_rebuild()
