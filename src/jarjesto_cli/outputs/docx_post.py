"""Finishing a report's DOCX where pandoc's writer has no option for it.

pandoc writes the body from the Markdown and copies the rest (styles, header, footer) from the
reference document; a few things a reader of the printed page needs are then set here:

* **rows never split across pages** (`w:cantSplit` on every table row): a row is read as a
  whole, and a measure's name on one page with its status on the next is misread;
* **a paragraph that introduces a table keeps with it** (`w:keepNext`), as headings already do
  through their styles, and **a short table stays on one page** (each of its rows but the last
  keeps with the next: a measurement history of four quarters is read at a glance);
* **the table of contents comes after the summary**, not before it (page 1 answers "where do we
  stand"), and it is **filled**: pandoc writes an empty field that only Word fills (on opening,
  as the field is marked dirty); the entries written here, with page references, show in
  LibreOffice, in a PDF made from it and in Word until it updates the field;
* **the page header's fields** (TITLE, SUBJECT: the report's title and its audience and period)
  get the report's own text as their shown result, so every viewer shows it before it updates
  fields.

The XML is pandoc's own (the pinned pandoc-binary writes it one way), edited as text at the
places named above; nothing else is touched.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_TABLE_ROW = re.compile(r"<w:tr>(?!<w:trPr>)")
_ROW_PROPERTIES = re.compile(r"<w:tr><w:trPr>(?!<w:cantSplit)")
_TOC_BLOCK = re.compile(r"<w:sdt>(?:(?!</w:sdt>).)*?TOC \\o(?:(?!</w:sdt>).)*</w:sdt>", re.S)
_TOC_FIELD = re.compile(
    r"<w:p><w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\" />"
    r"(<w:instrText xml:space=\"preserve\">TOC [^<]*</w:instrText>)"
    r"<w:fldChar w:fldCharType=\"separate\" /><w:fldChar w:fldCharType=\"end\" /></w:r></w:p>"
)
_HEADING = re.compile(
    r"<w:bookmarkStart w:id=\"\d+\" w:name=\"([^\"]+)\" />\s*"
    r"<w:p><w:pPr><w:pStyle w:val=\"Heading([1-9])\" />(.*?)</w:p>",
    re.S,
)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def finish(path: Path, *, title: str, subject: str, toc_depth: int | None) -> None:
    """Apply the finishing touches to the DOCX at `path` in place (see the module's doc)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    changed = []
    for info, data in entries:
        if info.filename == "word/document.xml":
            text = data.decode("utf-8")
            text = keep_rows_whole(text)
            text = keep_short_tables_together(text)
            text = keep_intros_with_tables(text)
            if toc_depth:
                text = place_contents(text, toc_depth)
            data = text.encode("utf-8")
        elif re.fullmatch(r"word/(header|footer)\d*\.xml", info.filename):
            text = data.decode("utf-8")
            text = fill_field(text, "TITLE", title)
            text = fill_field(text, "SUBJECT", subject)
            data = text.encode("utf-8")
        changed.append((info, data))
    with zipfile.ZipFile(path, "w") as target:
        for info, data in changed:
            # pictures are compressed already: stored as they are, the rewrite takes half as long
            stored = info.filename.startswith("word/media/")
            target.writestr(
                info, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            )


def keep_rows_whole(document: str) -> str:
    """Every table row gets `w:cantSplit`: Word and LibreOffice move it whole to the next page."""
    document = _TABLE_ROW.sub("<w:tr><w:trPr></w:trPr>", document)
    return _ROW_PROPERTIES.sub("<w:tr><w:trPr><w:cantSplit />", document)


SHORT_TABLE_ROWS = 6  # header included


def keep_short_tables_together(document: str) -> str:
    """In a table of at most SHORT_TABLE_ROWS rows, every paragraph of every row but the last
    keeps with the next, so that Word and LibreOffice move the table whole to the next page."""

    def together(match: re.Match[str]) -> str:
        table = match.group(0)
        rows = table.split("</w:tr>")
        if len(rows) - 1 > SHORT_TABLE_ROWS:
            return table
        kept = [re.sub(r"<w:p>(?:<w:pPr>.*?</w:pPr>)?", _keep_next_start, row) for row in rows[:-2]]
        return "</w:tr>".join([*kept, *rows[-2:]])

    return re.sub(r"<w:tbl>.*?</w:tbl>", together, document, flags=re.S)


def _keep_next_start(match: re.Match[str]) -> str:
    """A paragraph's opening (`<w:p>` and its properties) with `w:keepNext` added."""
    return _keep_next(match.group(0) + "</w:p>")[: -len("</w:p>")]


def keep_intros_with_tables(document: str) -> str:
    """The paragraph right before a table keeps with it (`w:keepNext`)."""
    out: list[str] = []
    position = 0
    for match in re.finditer(
        r"</w:p>(\s*(?:<w:bookmark(?:Start|End) [^>]*/>\s*)*)<w:tbl>", document
    ):
        start = document.rfind("<w:p>", position, match.start())
        if start < 0:
            continue
        out.append(document[position:start])
        out.append(_keep_next(document[start : match.end()]))
        position = match.end()
    out.append(document[position:])
    return "".join(out)


def _keep_next(paragraph: str) -> str:
    if "<w:keepNext" in paragraph.split("</w:pPr>", 1)[0]:
        return paragraph
    if paragraph.startswith("<w:p><w:pPr>"):
        style = re.match(r"<w:p><w:pPr>(<w:pStyle [^>]*/>)?", paragraph)
        assert style is not None  # the prefix was just checked
        return paragraph[: style.end()] + "<w:keepNext />" + paragraph[style.end() :]
    return "<w:p><w:pPr><w:keepNext /></w:pPr>" + paragraph[len("<w:p>") :]


def place_contents(document: str, depth: int) -> str:
    """Move pandoc's table of contents after the first section (the summary) and fill it with
    the headings after it down to `depth`, each linked to its section. (Word replaces the
    entries with its own, with page numbers, when it updates the field on opening.)"""
    block = _TOC_BLOCK.search(document)
    if block is None:
        return document
    document = document[: block.start()] + document[block.end() :]
    # before the second top-level section: the summary stays on the first page
    tops = [m for m in _HEADING.finditer(document) if m.group(2) == "1"]
    at = tops[1].start() if len(tops) > 1 else block.start()
    headings = [
        (m.group(1), int(m.group(2)), "".join(_TEXT.findall(m.group(3))))
        for m in _HEADING.finditer(document, at)
        if int(m.group(2)) <= depth
    ]
    toc = _TOC_FIELD.sub(lambda m: _entries(m.group(1), headings), block.group(0))
    return document[:at] + toc + document[at:]


def _entries(instruction: str, headings: list[tuple[str, int, str]]) -> str:
    """The TOC field's result: one paragraph per heading, the field's begin in the first and its
    end in the last, as Word writes a table of contents."""
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true" /></w:r>'
        f"<w:r>{instruction}</w:r>"
        '<w:r><w:fldChar w:fldCharType="separate" /></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end" /></w:r>'
    if not headings:
        return f"<w:p>{begin}{end}</w:p>"
    paragraphs = []
    for index, (name, level, text) in enumerate(headings):
        runs = begin if index == 0 else ""
        runs += (
            f'<w:hyperlink w:anchor="{name}" w:history="1">'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
            "</w:hyperlink>"
        )
        if index == len(headings) - 1:
            runs += end
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="TOC{level}" /></w:pPr>{runs}</w:p>')
    return "".join(paragraphs)


def fill_field(part: str, field: str, value: str) -> str:
    """Set the shown result of every `field` (TITLE, SUBJECT…) field in a header or footer."""
    complex_field = re.compile(
        r"(<w:instrText[^>]*>\s*" + field + r"\b[^<]*</w:instrText>.*?"
        r"<w:fldChar w:fldCharType=\"separate\"\s*/>.*?<w:t(?: [^>]*)?>)[^<]*(</w:t>)",
        re.S,
    )
    simple_field = re.compile(
        r"(<w:fldSimple w:instr=\"\s*"
        + field
        + r"\b[^\"]*\"[^>]*>.*?<w:t(?: [^>]*)?>)[^<]*(</w:t>)",
        re.S,
    )
    text = escape(value)
    part = complex_field.sub(lambda m: m.group(1) + text + m.group(2), part)
    return simple_field.sub(lambda m: m.group(1) + text + m.group(2), part)
