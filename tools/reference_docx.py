"""Build the pandoc reference document (`templates/reference.docx`) for the county's reports.

The file starts from pandoc's own default reference document, so every style pandoc's DOCX
writer refers to exists, and is then restyled: A4 page, Finnish language, Arial 11 pt, dark
blue headings that keep with the next paragraph, a header with the organisation's name and the
report's title (a TITLE field: each report sets its own), a "Sivu N (M)" footer, a bordered
table style with a shaded header row whose rows do not split across pages, and table-of-contents
styles. Developers run it (`make reference-docx`); reports only read the committed file, and the
organisation may restyle that file in Word afterwards.

Usage: python tools/reference_docx.py templates/reference.docx [--organisation TEXT]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

DEFAULT_ORGANISATION = "Vantaan ja Keravan hyvinvointialue"
_DESCRIPTION = "Write the county's pandoc reference.docx (built from pandoc's default)."

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"

# Without these ElementTree writes ns0:, ns1: ...: valid XML, but unlike what Word and pandoc
# write, and hard to read or diff. These are the prefixes pandoc's own parts use.
_PREFIXES = {
    "w": W_NS,
    "r": R_NS,
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "o": "urn:schemas-microsoft-com:office:office",
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}
for _prefix, _uri in _PREFIXES.items():
    ET.register_namespace(_prefix, _uri)

# Page geometry in twentieths of a point (1 cm = 567 twips).
A4_WIDTH, A4_HEIGHT = 11906, 16838
MARGIN_SIDE, MARGIN_TOP_BOTTOM, HEADER_FOOTER_DISTANCE = 1134, 1417, 709  # 2 cm, 2.5 cm, 1.25 cm
TEXT_WIDTH = A4_WIDTH - 2 * MARGIN_SIDE

FONT = "Arial"
BODY_SIZE = 22  # half-points: 11 pt
TABLE_SIZE = 19  # 9.5 pt
HEADING_COLOUR = "1F4E79"
HEADER_COLOUR = "595959"
BORDER_COLOUR = "808080"
TABLE_HEADER_FILL = "D9E2F3"
# styleId -> (size in half-points, bold, colour); None keeps pandoc's value. The linked "...Char"
# styles get the same so Word's style pane stays consistent. Subtitle, Author and Date are based
# on Title, so they have to switch its bold off again.
HEADINGS: dict[str, tuple[int | None, bool | None, str]] = {
    "Title": (40, True, HEADING_COLOUR),
    "Subtitle": (None, False, HEADING_COLOUR),
    "Author": (None, False, "auto"),
    "Date": (None, False, "auto"),
    "Heading1": (32, True, HEADING_COLOUR),
    "Heading2": (28, True, HEADING_COLOUR),
    "Heading3": (24, True, HEADING_COLOUR),
    "Heading4": (None, True, HEADING_COLOUR),
    "Heading5": (None, None, HEADING_COLOUR),
    "TOCHeading": (None, None, HEADING_COLOUR),
}

# Schema order of the children we touch: Word rejects parts whose children are out of order.
_STYLE_ORDER = (
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed "
    "qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
).split()
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
_TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
).split()
_TBLSTYLEPR_ORDER = "pPr rPr tblPr trPr tcPr".split()
_TCPR_ORDER = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark"
).split()
_SECTPR_ORDER = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
).split()
_TRPR_ORDER = (
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden"
).split()
_ORDERS = {
    "style": _STYLE_ORDER,
    "trPr": _TRPR_ORDER,
    "pPr": _PPR_ORDER,
    "rPr": _RPR_ORDER,
    "tblPr": _TBLPR_ORDER,
    "tblStylePr": _TBLSTYLEPR_ORDER,
    "tcPr": _TCPR_ORDER,
    "sectPr": _SECTPR_ORDER,
}


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _set(elem: ET.Element, **attrs: str) -> ET.Element:
    """Set w:-namespaced attributes (keyword names are the local names)."""
    for key, value in attrs.items():
        elem.set(_w(key), value)
    return elem


def _child(parent: ET.Element, name: str) -> ET.Element:
    """Return parent's w:`name` child, inserting it at its schema position if missing."""
    found = parent.find(_w(name))
    if found is not None:
        return found
    order = _ORDERS[_local(parent.tag)]
    rank = order.index(name)
    new = ET.Element(_w(name))
    for index, sibling in enumerate(parent):
        sibling_name = _local(sibling.tag)
        if sibling_name in order and order.index(sibling_name) > rank:
            parent.insert(index, new)
            return new
    parent.append(new)
    return new


def _replace(parent: ET.Element, name: str, **attrs: str) -> ET.Element:
    """Give parent exactly one w:`name` child carrying only `attrs`."""
    elem = _child(parent, name)
    elem.attrib.clear()
    elem[:] = []
    return _set(elem, **attrs)


def _serialise(root: ET.Element) -> bytes:
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data


def default_reference_docx(pandoc: str | None = None) -> bytes:
    """Return the bytes of pandoc's built-in reference.docx."""
    if pandoc is None:
        import pypandoc  # lazy: only developers building the file need pandoc

        pandoc = str(pypandoc.get_pandoc_path())
    # No "-o -": pandoc 3.9 takes that as a file literally named "-" and prints nothing.
    result = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], capture_output=True, check=True
    )
    if not zipfile.is_zipfile(io.BytesIO(result.stdout)):
        raise RuntimeError(f"{pandoc} did not print a .docx (zip) reference document")
    return result.stdout


def _restyle_styles(root: ET.Element) -> None:
    """Language, fonts, headings, table style and header/footer styles in styles.xml."""
    rpr_default = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    if rpr_default is None:
        raise ValueError("styles.xml has no w:docDefaults/w:rPrDefault/w:rPr")
    # Explicit fonts beat theme fonts only when the *Theme attributes are gone; the East Asian
    # slot keeps its theme font. Word substitutes a metric twin (e.g. Liberation Sans) if
    # Arial is missing, guided by the fontTable entry added below.
    fonts = _child(rpr_default, "rFonts")
    for attr in ("asciiTheme", "hAnsiTheme", "cstheme"):
        fonts.attrib.pop(_w(attr), None)
    _set(fonts, ascii=FONT, hAnsi=FONT, cs=FONT)
    _replace(rpr_default, "sz", val=str(BODY_SIZE))
    _replace(rpr_default, "szCs", val=str(BODY_SIZE))
    _set(_child(rpr_default, "lang"), val="fi-FI")

    styles = {s.get(_w("styleId"), ""): s for s in root.iter(_w("style"))}
    # Pandoc's headings ask for the theme's heading font (Aptos Display); drop that so they
    # inherit Arial from the defaults. Explicit fonts (Consolas for code) stay as they are.
    for style in styles.values():
        for rfonts in style.iter(_w("rFonts")):
            for attr in ("asciiTheme", "hAnsiTheme", "cstheme"):
                rfonts.attrib.pop(_w(attr), None)

    for style_id, (size, bold, colour) in HEADINGS.items():
        for sid in (style_id, f"{style_id}Char"):
            heading = styles.get(sid)
            if heading is None:
                continue
            rpr = _child(heading, "rPr")
            _replace(rpr, "color", val=colour)  # also drops themeColor, which would win
            if bold is not None:
                _replace(rpr, "b", val="1" if bold else "0")
                _replace(rpr, "bCs", val="1" if bold else "0")
            if size is not None:
                _replace(rpr, "sz", val=str(size))
                _replace(rpr, "szCs", val=str(size))
    # Finnish public-sector documents are left-aligned; Subtitle, Author and Date follow Title.
    title_ppr = styles["Title"].find(_w("pPr")) if "Title" in styles else None
    if title_ppr is not None:
        for jc in title_ppr.findall(_w("jc")):
            title_ppr.remove(jc)

    # a heading never ends a page: it keeps with its first paragraph, its lines together
    for level in range(1, 7):
        heading = styles.get(f"Heading{level}")
        if heading is not None:
            ppr = _child(heading, "pPr")
            _child(ppr, "keepNext")
            _child(ppr, "keepLines")

    _restyle_table(styles.get("Table"))
    for style_id, name in (("Header", "header"), ("Footer", "footer")):
        if style_id not in styles:
            root.append(_header_footer_style(style_id, name))
    for level in (1, 2, 3):
        if f"TOC{level}" not in styles:
            root.append(_toc_style(level))


def _restyle_table(style: ET.Element | None) -> None:
    """Thin grid, a little padding and a bold, shaded first row for pandoc's "Table" style."""
    if style is None:
        raise ValueError('styles.xml has no table style "Table" (pandoc renders tables with it)')
    tblpr = _child(style, "tblPr")
    borders = _replace(tblpr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = ET.SubElement(borders, _w(side))
        _set(border, val="single", sz="4", space="0", color=BORDER_COLOUR)
    margins = _replace(tblpr, "tblCellMar")
    for side, width in (("top", 57), ("left", 108), ("bottom", 57), ("right", 108)):
        _set(ET.SubElement(margins, _w(side)), w=str(width), type="dxa")
    # tables of five columns need a smaller size than the body to keep words whole
    rpr = _child(style, "rPr")
    _replace(rpr, "sz", val=str(TABLE_SIZE))
    _replace(rpr, "szCs", val=str(TABLE_SIZE))

    # Pandoc writes <w:tblLook w:firstRow="1"> and marks the header row with <w:tblHeader>,
    # so this conditional format applies to every Markdown table with a header.
    first_row = next(
        (p for p in style.findall(_w("tblStylePr")) if p.get(_w("type")) == "firstRow"), None
    )
    if first_row is None:
        first_row = _set(ET.SubElement(style, _w("tblStylePr")), type="firstRow")
    rpr = _child(first_row, "rPr")
    _replace(rpr, "b")
    _replace(rpr, "bCs")
    tcpr = _child(first_row, "tcPr")
    tc_borders = _replace(tcpr, "tcBorders")
    _set(ET.SubElement(tc_borders, _w("bottom")), val="single", sz="8", color=BORDER_COLOUR)
    _replace(tcpr, "shd", val="clear", color="auto", fill=TABLE_HEADER_FILL)
    _replace(tcpr, "vAlign", val="bottom")
    # a row is read as a whole: it moves to the next page rather than split (Word applies the
    # style's row property; the reports also set it on each row, for LibreOffice)
    _replace(_child(style, "trPr"), "cantSplit")


def _toc_style(level: int) -> ET.Element:
    """A table-of-contents entry style ("toc 1"…): indented by level, the page number at the
    right margin after a dotted leader."""
    style = _set(ET.Element(_w("style")), type="paragraph", styleId=f"TOC{level}")
    _set(ET.SubElement(style, _w("name")), val=f"toc {level}")
    _set(ET.SubElement(style, _w("basedOn")), val="Normal")
    _set(ET.SubElement(style, _w("next")), val="Normal")
    _set(ET.SubElement(style, _w("uiPriority")), val="39")
    ET.SubElement(style, _w("unhideWhenUsed"))
    ppr = ET.SubElement(style, _w("pPr"))
    tabs = ET.SubElement(ppr, _w("tabs"))
    _set(ET.SubElement(tabs, _w("tab")), val="right", leader="dot", pos=str(TEXT_WIDTH))
    _set(ET.SubElement(ppr, _w("spacing")), before="0", after="60")
    _set(ET.SubElement(ppr, _w("ind")), left=str(240 * (level - 1)))
    return style


def _header_footer_style(style_id: str, name: str) -> ET.Element:
    """A Word-like Header/Footer paragraph style: small grey text, no spacing, tab stops."""
    style = _set(ET.Element(_w("style")), type="paragraph", styleId=style_id)
    _set(ET.SubElement(style, _w("name")), val=name)
    _set(ET.SubElement(style, _w("basedOn")), val="Normal")
    _set(ET.SubElement(style, _w("uiPriority")), val="99")
    ET.SubElement(style, _w("unhideWhenUsed"))
    ppr = ET.SubElement(style, _w("pPr"))
    tabs = ET.SubElement(ppr, _w("tabs"))
    _set(ET.SubElement(tabs, _w("tab")), val="center", pos=str(TEXT_WIDTH // 2))
    _set(ET.SubElement(tabs, _w("tab")), val="right", pos=str(TEXT_WIDTH))
    _set(ET.SubElement(ppr, _w("spacing")), after="0", line="240", lineRule="auto")
    rpr = ET.SubElement(style, _w("rPr"))
    _set(ET.SubElement(rpr, _w("color")), val=HEADER_COLOUR)
    _set(ET.SubElement(rpr, _w("sz")), val="18")
    _set(ET.SubElement(rpr, _w("szCs")), val="18")
    return style


def _add_font(root: ET.Element) -> None:
    """Describe Arial in fontTable.xml so Word can pick a sans-serif substitute if needed."""
    if any(f.get(_w("name")) == FONT for f in root.findall(_w("font"))):
        return
    font = _set(ET.SubElement(root, _w("font")), name=FONT)
    _set(ET.SubElement(font, _w("panose1")), val="020B0604020202020204")
    _set(ET.SubElement(font, _w("charset")), val="00")
    _set(ET.SubElement(font, _w("family")), val="swiss")
    _set(ET.SubElement(font, _w("pitch")), val="variable")


def _restyle_section(root: ET.Element, header_id: str, footer_id: str) -> None:
    """A4 portrait, margins and header/footer references in the body's final w:sectPr."""
    body = root.find(_w("body"))
    if body is None:
        raise ValueError("document.xml has no w:body")
    sect = body.find(_w("sectPr"))
    if sect is None:
        sect = ET.SubElement(body, _w("sectPr"))
    for old in sect.findall(_w("headerReference")) + sect.findall(_w("footerReference")):
        sect.remove(old)
    # Pandoc copies this sectPr (and the parts it points to) into every document it writes.
    _child(sect, "headerReference").attrib.update(
        {_w("type"): "default", f"{{{R_NS}}}id": header_id}
    )
    _child(sect, "footerReference").attrib.update(
        {_w("type"): "default", f"{{{R_NS}}}id": footer_id}
    )
    _replace(sect, "pgSz", w=str(A4_WIDTH), h=str(A4_HEIGHT))
    _replace(
        sect,
        "pgMar",
        top=str(MARGIN_TOP_BOTTOM),
        right=str(MARGIN_SIDE),
        bottom=str(MARGIN_TOP_BOTTOM),
        left=str(MARGIN_SIDE),
        header=str(HEADER_FOOTER_DISTANCE),
        footer=str(HEADER_FOOTER_DISTANCE),
        gutter="0",
    )


def _paragraph(parent: ET.Element, style_id: str, jc: str | None = None) -> ET.Element:
    p = ET.SubElement(parent, _w("p"))
    ppr = ET.SubElement(p, _w("pPr"))
    _set(ET.SubElement(ppr, _w("pStyle")), val=style_id)
    if jc is not None:
        _set(ET.SubElement(ppr, _w("jc")), val=jc)
    return p


def _text_run(p: ET.Element, text: str) -> None:
    t = ET.SubElement(ET.SubElement(p, _w("r")), _w("t"))
    t.set(XML_SPACE, "preserve")
    t.text = text


def _fld_char(p: ET.Element, kind: str) -> None:
    _set(ET.SubElement(ET.SubElement(p, _w("r")), _w("fldChar")), fldCharType=kind)


def _field(p: ET.Element, instruction: str, placeholder: str) -> None:
    """A complex field (begin, instruction, separate, result, end): the form Word writes."""
    _fld_char(p, "begin")
    instr = ET.SubElement(ET.SubElement(p, _w("r")), _w("instrText"))
    instr.set(XML_SPACE, "preserve")
    instr.text = instruction
    _fld_char(p, "separate")
    _text_run(p, placeholder)  # shown until the viewer updates the field
    _fld_char(p, "end")


def _header_xml(organisation: str) -> bytes:
    # the organisation, then the document's title: a TITLE field, which shows the report's own
    # title (and period) from its document properties; each report also sets the shown text
    root = ET.Element(_w("hdr"))
    _text_run(_paragraph(root, "Header"), organisation)
    _field(_paragraph(root, "Header"), " TITLE ", "Raportin otsikko")
    return _serialise(root)


def _footer_xml() -> bytes:
    # "Sivu 2 (5)": the Finnish convention of page (pages).
    root = ET.Element(_w("ftr"))
    p = _paragraph(root, "Footer", jc="center")
    _text_run(p, "Sivu ")
    _field(p, " PAGE ", "1")
    _text_run(p, " (")
    _field(p, " NUMPAGES ", "1")
    _text_run(p, ")")
    return _serialise(root)


def _free_rel_id(rels_xml: bytes) -> str:
    taken = {rel.get("Id") for rel in ET.fromstring(rels_xml)}
    n = 1
    while f"rId{n}" in taken:
        n += 1
    return f"rId{n}"


def _insert_before_close(xml: bytes, closing_tag: str, element: str) -> bytes:
    # String edit, not ElementTree: ET cannot write a default namespace when attributes are
    # unqualified (Id, Type, PartName), and prefixed OPC parts (ns0:Types) are asking for trouble.
    index = xml.rindex(closing_tag.encode())
    return xml[:index] + element.encode() + xml[index:]


def _add_relationship(rels_xml: bytes, rel_id: str, rel_type: str, target: str) -> bytes:
    element = f"<Relationship Id={quoteattr(rel_id)} Type={quoteattr(rel_type)} "
    element += f"Target={quoteattr(target)} />"
    return _insert_before_close(rels_xml, "</Relationships>", element)


def _add_override(types_xml: bytes, part: str, content_type: str) -> bytes:
    element = f"<Override PartName={quoteattr(part)} ContentType={quoteattr(content_type)} />"
    return _insert_before_close(types_xml, "</Types>", element)


def restyle_reference_docx(default: bytes, organisation: str = DEFAULT_ORGANISATION) -> bytes:
    """Return `default` (pandoc's reference.docx) with the county's styling applied."""
    with zipfile.ZipFile(io.BytesIO(default)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}

    styles = ET.fromstring(parts["word/styles.xml"])
    _restyle_styles(styles)
    parts["word/styles.xml"] = _serialise(styles)

    font_table = ET.fromstring(parts["word/fontTable.xml"])
    _add_font(font_table)
    parts["word/fontTable.xml"] = _serialise(font_table)

    if "word/header1.xml" in parts or "word/footer1.xml" in parts:
        raise ValueError("pandoc's default already has header/footer parts; revisit this module")
    rels_name = "word/_rels/document.xml.rels"
    header_id = _free_rel_id(parts[rels_name])
    parts[rels_name] = _add_relationship(parts[rels_name], header_id, HEADER_REL, "header1.xml")
    footer_id = _free_rel_id(parts[rels_name])
    parts[rels_name] = _add_relationship(parts[rels_name], footer_id, FOOTER_REL, "footer1.xml")
    types = _add_override(parts["[Content_Types].xml"], "/word/header1.xml", HEADER_CT)
    parts["[Content_Types].xml"] = _add_override(types, "/word/footer1.xml", FOOTER_CT)

    document = ET.fromstring(parts["word/document.xml"])
    _restyle_section(document, header_id, footer_id)
    parts["word/document.xml"] = _serialise(document)
    parts["word/header1.xml"] = _header_xml(organisation)
    parts["word/footer1.xml"] = _footer_xml()

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        # [Content_Types].xml first, as Word writes it; a fixed timestamp keeps the committed
        # file byte-identical when it is regenerated from the same pandoc.
        names = ["[Content_Types].xml", *(n for n in parts if n != "[Content_Types].xml")]
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, parts[name])
    return out.getvalue()


def build_reference_docx(
    output: Path, *, organisation: str = DEFAULT_ORGANISATION, pandoc: str | None = None
) -> None:
    """Write the county's reference.docx to `output` (atomically), starting from pandoc's."""
    data = restyle_reference_docx(default_reference_docx(pandoc), organisation)
    output.parent.mkdir(parents=True, exist_ok=True)
    # A temp file in the same directory, then a rename: readers never see half a file.
    with tempfile.NamedTemporaryFile(
        dir=output.parent, prefix=f".{output.name}.", suffix=".tmp", delete=False
    ) as handle:
        tmp = Path(handle.name)
    try:
        tmp.write_bytes(data)
        tmp.chmod(0o644)  # mkstemp's 0600 would otherwise end up on the committed file
        tmp.replace(output)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the reference document to the given path."""
    parser = argparse.ArgumentParser(
        prog="python tools/reference_docx.py", description=_DESCRIPTION
    )
    parser.add_argument("output", type=Path, help="where to write, e.g. templates/reference.docx")
    parser.add_argument("--organisation", default=DEFAULT_ORGANISATION, help="header text")
    parser.add_argument("--pandoc", default=None, help="pandoc binary (default: pypandoc's)")
    args = parser.parse_args(argv)
    try:
        build_reference_docx(args.output, organisation=args.organisation, pandoc=args.pandoc)
    except (OSError, subprocess.CalledProcessError, RuntimeError, ValueError) as exc:
        print(f"reference_docx: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
