"""Text laid out for a terminal of a given width: lines of styled segments, wrapped at word
boundaries with a hanging indent, long names shortened at a word with `…`.

Finnish has long words (`osallistumismahdollisuuksista`); a table column narrower than such a
word breaks it in the middle. Here a line is only ever broken between words, and the same
lines are printed as plain text (pipes, files) or with colour (a terminal, through rich).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jarjesto_cli.outputs import sanitize

# (text, style): the style is a rich style name ("bold", "green", "dim") or "" for none
Segment = tuple[str, str]


@dataclass
class Line:
    """One printed line: its segments, left to right."""

    segments: list[Segment]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


def line(*segments: Segment | str) -> Line:
    """A line from segments; a bare string is unstyled."""
    return Line([(s, "") if isinstance(s, str) else s for s in segments])


BLANK = Line([])


def cells(text: str) -> int:
    """The terminal columns `text` takes: wide characters (the emoji ✅ 🟡 ❌ ⚪) take two."""
    return sum(
        0
        if unicodedata.combining(ch)
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in text
    )


def wrap(text: str, width: int | None) -> list[str]:
    """`text` as lines of at most `width` columns, broken only between words (a word longer than
    the width stands alone on its line, whole). No width: one line."""
    words = text.split()
    if width is None or not words:
        return [" ".join(words)]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and cells(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def fit(text: str, width: int | None) -> str:
    """`text` on one line of at most `width` columns: cut after a whole word, with `…`."""
    flat = " ".join(text.split())
    if width is None or cells(flat) <= width:
        return flat
    kept = ""
    for word in flat.split(" "):
        candidate = f"{kept} {word}" if kept else word
        if cells(candidate) + 2 > width:  # room for " …"
            break
        kept = candidate
    if not kept:  # not even the first word fits: cut it (only in very narrow terminals)
        cut = ""
        for ch in flat:
            if cells(cut + ch) + 1 > width:
                break
            cut += ch
        return cut + "…"
    return kept.rstrip(",.;:") + " …"


def hanging(
    lead: Sequence[Segment], body: Sequence[Segment], width: int | None, indent: int = 0
) -> list[Line]:
    """`lead` (an id, a symbol) followed by `body` wrapped at words; the lines after the first
    start under the body's first word. `indent` spaces go before the lead."""
    pad = " " * indent
    lead_text = "".join(t for t, _ in lead)
    hang = indent + cells(lead_text)
    room = None if width is None else max(width - hang, 12)
    out: list[Line] = []
    # a no-break space keeps its neighbours on one line (`⏳ 1 ei vielä alkanut`, `1. neljännes`)
    # and is printed as a plain space
    words: list[tuple[str, str]] = [
        (w, style) for text, style in body for w in _BREAKS.split(text) if w
    ]
    current: list[tuple[str, str]] = []
    for word in words:
        candidate = [*current, word]
        if current and room is not None and cells(" ".join(w for w, _ in candidate)) > room:
            out.append(_joined(current))
            current = [word]
        else:
            current = candidate
    out.append(_joined(current))
    first = Line([(pad, ""), *lead, *out[0].segments])
    rest = [Line([(" " * hang, ""), *ln.segments]) for ln in out[1:]]
    return [first, *rest]


_BREAKS = re.compile(r"[ \t\n\r]+")


def _joined(words: list[tuple[str, str]]) -> Line:
    """Words back into segments, one space apart, neighbours of one style merged."""
    segments: list[Segment] = []
    for i, (word, style) in enumerate(words):
        word = word.replace("\u00a0", " ")
        text = word if i == 0 else " " + word
        if segments and segments[-1][1] == style:
            segments[-1] = (segments[-1][0] + text, style)
        else:
            segments.append((text, style))
    return Line(segments)


def plain(lines: Iterable[Line]) -> str:
    """The lines as plain text, each ending with a newline; text from the plans sanitised
    (`sanitize.line`: no control character, no workflow command)."""
    return "".join(line_text(ln).rstrip() + "\n" for ln in lines)


def line_text(ln: Line) -> str:
    return "".join(sanitize.line(text) for text, _ in ln.segments)


def styled(lines: Iterable[Line]) -> Any:
    """The lines as one rich `Text` (styles applied; printed without re-wrapping); text from
    the plans sanitised, so that only rich's own codes reach the terminal."""
    from rich.text import Text

    text = Text()
    for ln in lines:
        for segment, style in ln.segments:
            text.append(sanitize.line(segment), style=style or None)
        text.append("\n")
    return text
