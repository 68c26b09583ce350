"""Colours as WCAG measures them: relative luminance and the contrast ratio of two colours.

The site takes the organisation's colours from the shared file; white text on them (the header,
buttons) and links in them on white must stay readable, so a colour is checked against white
before it is used (WCAG 2.1, 1.4.3: at least 4.5:1 for normal text).
"""

from __future__ import annotations

HEX_COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
WHITE = "#ffffff"
AA_TEXT = 4.5


def luminance(colour: str) -> float:
    """The relative luminance of `#rrggbb` (WCAG 2.1 definition)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two `#rrggbb` colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
