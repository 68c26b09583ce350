"""Finnish number and value formatting for tables and reports (JSON keeps raw numbers)."""

from __future__ import annotations

from typing import Any

from jarjesto_cli.models import CountIndicator, IndicatorBase, ScaleIndicator, YesNoIndicator

TREND_SYMBOLS = {"nousee": "↑", "laskee": "↓", "ennallaan": "→"}


def number(value: float | int) -> str:
    """`2,9`, `3,0`, `850 000`, `4`: decimal comma, no-break space between thousands."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u00a0")
    text = f"{value:,.2f}"
    if text.endswith("0"):  # 3.50 → 3,5 but 3.00 → 3,0: a float keeps one decimal
        text = text[:-1]
    return text.replace(",", "\u00a0").replace(".", ",")


def value(raw: Any, indicator: IndicatorBase | None = None) -> str:
    """A measured value as shown to readers, with the indicator's unit."""
    if raw is None:
        return "–"
    if isinstance(raw, bool):
        return "kyllä" if raw else "ei"
    if isinstance(raw, int | float):
        text = number(raw)
        unit = getattr(indicator, "unit", None)
        return f"{text} {unit}" if unit else text
    return str(raw)


def target(indicator: IndicatorBase) -> str:
    """The target in words: `≥ 4 (1–5)`, `kyllä`, `kasvaa vuodesta 2026`, `–`."""
    if isinstance(indicator, YesNoIndicator):
        return "kyllä"
    if isinstance(indicator, ScaleIndicator):
        scale = f"{number(indicator.scale.min)}–{number(indicator.scale.max)}"
        if indicator.target is None:
            return f"– (asteikko {scale})"
        return f"≥ {number(indicator.target)} (asteikko {scale})"
    if isinstance(indicator, CountIndicator):
        if indicator.target is not None:
            return f"≥ {value(indicator.target, indicator)}"
        if indicator.baseline_period:
            return f"kasvaa kaudesta {indicator.baseline_period}"
        return "kasvaa"
    return "–"
