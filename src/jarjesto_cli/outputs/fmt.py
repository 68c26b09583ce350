"""Finnish number and value formatting for tables and reports (JSON keeps raw numbers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jarjesto_cli.domain.models import CountIndicator, IndicatorBase, ScaleIndicator, YesNoIndicator
from jarjesto_cli.domain.status import STATUS_ORDER, Met, Source

TREND_SYMBOLS = {"nousee": "↑", "laskee": "↓", "ennallaan": "→"}
MET_TEXT = {
    Met.MET: "✅ toteutuu",
    Met.PARTIAL: "🟡 osittain",
    Met.NOT_MET: "❌ ei",
    Met.NO_DATA: "⚪ ei tietoa",
    Met.NOT_COMPUTED: "–",
}
# Emoji render on a git host, but a printed or PDF'd document needs glyphs that ordinary fonts
# have (Arial and its look-alikes; ◐ comes from the usual fallback fonts): the DOCX gets these.
PRINT_SYMBOLS = {"✅": "●", "🟡": "◐", "❌": "×", "⚪": "○", "⚠": "!"}


def for_print(markdown: str) -> str:
    """The report's Markdown with the status emoji replaced by print-safe symbols."""
    for emoji, symbol in PRINT_SYMBOLS.items():
        markdown = markdown.replace(emoji, symbol)
    return markdown


SOURCE_TEXT = {Source.REPORTED: "raportoitu", Source.DERIVED: "johdettu mittareista"}


def counts(tally: dict[str, int]) -> str:
    """`✅ 14 toteutuu · 🟡 8 toteutuu osittain · ❌ 1 ei toteudu · ⚪ 0 ei tietoa`."""
    return " · ".join(f"{s.symbol} {tally[s.key]} {s.value}" for s in STATUS_ORDER)


def date(day: dt.date) -> str:
    """`30.6.2026`, as dates are written in Finnish."""
    return f"{day.day}.{day.month}.{day.year}"


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
