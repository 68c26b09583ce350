"""The indicator kinds, registered in one place.

A kind is one module here (its models and behaviour, see `indicators.IndicatorBase`) and one
entry in `registered(...)` below. mypy refuses an entry whose class leaves out a piece of the
behaviour, and the plan models take their `mittarit` from this registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from jarjesto_cli.domain.indicators import IndicatorBase
from jarjesto_cli.domain.kinds.count import CountIndicator
from jarjesto_cli.domain.kinds.scale import ScaleIndicator
from jarjesto_cli.domain.kinds.text import TextIndicator
from jarjesto_cli.domain.kinds.yes_no import YesNoIndicator


def registered(*kinds: type[IndicatorBase]) -> dict[str, type[IndicatorBase]]:
    """The kinds by their YAML word; each must be a concrete class (every method implemented)."""
    return {kind.KIND: kind for kind in kinds}


KINDS = registered(YesNoIndicator, ScaleIndicator, CountIndicator, TextIndicator)
KIND_NAMES: tuple[str, ...] = tuple(KINDS)

if TYPE_CHECKING:
    # code works with indicators through the kinds' shared behaviour, never by their class
    Indicator = IndicatorBase
else:
    Indicator = Annotated[Union[tuple(KINDS.values())], Field(discriminator="kind")]  # noqa: UP007

__all__ = ["KINDS", "KIND_NAMES", "Indicator", "registered"]
