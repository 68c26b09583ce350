"""Escaping text from the YAML so that it shows as written in Markdown (and in pandoc's DOCX).

Text in the plans is data: a `|` must not split a table cell, a `*` must not start emphasis, a
`<script>` or raw OpenXML must not become markup, a line break must not end a table row.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
# that can start or end markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_{}\[\]<>|#~$!])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)](?=\s|$))")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def inline(text: str) -> str:
    """Escape text for use inside a Markdown paragraph, heading or list item (one line)."""
    return (
        " ".join(_escape_line(part) for part in str(text).splitlines() if part.strip())
        if text
        else ""
    )


def cell(text: str) -> str:
    """Escape text for a table cell: like `inline`, and line breaks become spaces."""
    return inline(text)


def block(text: str) -> str:
    """Escape multi-paragraph text: paragraphs (blank-line separated) stay paragraphs, single
    line breaks inside a paragraph become hard breaks (backslash at end of line)."""
    paragraphs = re.split(r"\n\s*\n", str(text).strip())
    out = []
    for para in paragraphs:
        lines = [_escape_line(line.strip()) for line in para.splitlines() if line.strip()]
        out.append("\\\n".join(lines))
    return "\n\n".join(p for p in out if p)


def _escape_line(line: str) -> str:
    escaped = _INLINE.sub(r"\\\1", line)
    # an entity such as &lt; shows as written, not decoded; a plain "A & B" stays readable
    escaped = _ENTITY.sub(r"\\&", escaped)
    # a line that would read as a list item, heading underline or ordered list stays text
    return _LINE_START.sub(
        lambda m: (
            m.group(1) + "\\" + m.group(2)
            if not m.group(2)[0].isdigit()
            else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1]
        ),
        escaped,
    )
