"""Pipe tables sized by their content, without columns that are empty in every row.

GitHub ignores a pipe table's separator line beyond its alignment colons; pandoc reads the number
of dashes in it as the columns' relative widths (once a line of the table is longer than its
72-character limit, which a rewritten separator always is). Templates write `| --- |` and this
module rewrites each separator so that a short column ("1. neljännes 2023", a count, a status
word) is as wide as its longest cell and the columns of long text share the rest: no value is
squeezed into a narrow column beside an empty wide one.
"""

from __future__ import annotations

import re

WIDTH = 100  # the dashes of a whole table: a share per cent of the text width
LINE = 92  # characters of 9.5 pt Arial (the reference document's tables) across the A4 text
# width of 17 cm, cells' padding included
FIRST_SHARE = 0.3  # the column that names the row gets at least this share of a line
MIN_WIDTH = 4  # no column narrower than this (a share in per cent)
WORD_LIMIT = 18  # a column is at least as wide as its longest word, up to this
PADDING = 3  # a cell's padding and a bold word's extra width, in characters
_SEPARATOR_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_MARKUP = re.compile(r"\*\*|\\(?=[^\s])")


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row; a backslash-escaped `|` stays inside its cell."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    cells, current, escaped = [], [], False
    for char in body:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    if "".join(current).strip():
        cells.append("".join(current))
    return [c.strip() for c in cells]


def _visible(cell: str) -> str:
    """What a reader sees of a cell: without `**` and escaping backslashes."""
    return _MARKUP.sub("", cell)


def _is_separator(line: str) -> bool:
    cells = split_row(line)
    return bool(cells) and all(_SEPARATOR_CELL.match(c) for c in cells)


def widths(columns: list[list[str]]) -> list[int]:
    """Each column's share of the text width (summing to WIDTH): a column's natural width is its
    longest cell; when they do not all fit on a LINE, the widest give way, down to their longest
    word.
    The header (each column's first entry) may wrap between its words."""
    natural = [max((len(_visible(c)) for c in col[1:]), default=0) + PADDING for col in columns]
    least = [
        max(
            MIN_WIDTH,
            min(WORD_LIMIT, max((len(w) for c in col for w in _visible(c).split()), default=0)),
        )
        + PADDING
        for col in columns
    ]
    if least:
        least[0] = max(least[0], min(natural[0], round(LINE * FIRST_SHARE)))
    pairs = [(max(n, low), low) for n, low in zip(natural, least, strict=True)]
    # water-filling: the lowest common ceiling that the columns fit under; a column narrower
    # than the ceiling keeps its natural width, none goes below its longest word
    bottom, top = 0.0, float(max(n for n, _ in pairs))
    if sum(n for n, _ in pairs) > LINE:
        for _ in range(40):
            middle = (bottom + top) / 2
            if sum(max(low, min(n, middle)) for n, low in pairs) <= LINE:
                bottom = middle
            else:
                top = middle
        ceiling = bottom
    else:
        ceiling = top
    chosen = [max(low, min(n, ceiling)) for n, low in pairs]
    # a table narrower than the page spans it all the same: the room left goes to the last
    # column (a note, a source, a status), the short ones keep to their content
    chosen[-1] += max(0, LINE - sum(chosen))
    scale = WIDTH / sum(chosen)
    return [max(3, round(w * scale)) for w in chosen]


def fit(markdown: str) -> str:
    """Every pipe table of `markdown` with content-sized separators and no all-empty column."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and lines[i].lstrip().startswith("|") and _is_separator(lines[i + 1]):
            end = i + 2
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end += 1
            out += _fit_table(lines[i], lines[i + 1], lines[i + 2 : end])
            i = end
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _fit_table(header: str, separator: str, body: list[str]) -> list[str]:
    head = split_row(header)
    aligns = split_row(separator)
    rows = [split_row(line) for line in body]
    count = len(head)
    rows = [(r + [""] * count)[:count] for r in rows]
    # a column with nothing in any row says nothing: leave it out (the first, naming the row,
    # always stays)
    keep = [c for c in range(count) if c == 0 or any(r[c] for r in rows)] if rows else []
    keep = keep or list(range(count))
    head = [head[c] for c in keep]
    aligns = [aligns[c] if c < len(aligns) else "---" for c in keep]
    rows = [[r[c] for c in keep] for r in rows]
    shares = widths([[h, *(r[n] for r in rows)] for n, h in enumerate(head)])
    separators = []
    for align, share in zip(aligns, shares, strict=True):
        dashes = "-" * share
        left, right = align.startswith(":"), align.endswith(":")
        separators.append((":" if left else "") + dashes + (":" if right else ""))
    return [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(separators) + " |",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]
