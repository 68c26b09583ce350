"""The pandoc reference document: county page setup and styles on top of pandoc's own default."""

from __future__ import annotations

import io
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from tools.reference_docx import DEFAULT_ORGANISATION, build_reference_docx, main

docx = pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "templates" / "reference.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ORGANISATION = "Testikunnan hyvinvointialue & <kumppanit>"  # needs escaping in the header XML

A4 = {"width": 11906, "height": 16838}
MARGINS = {"left": 1134, "right": 1134, "top": 1417, "bottom": 1417, "header": 709, "footer": 709}

MARKDOWN = """\
# Johdanto

Tämä on raportin ensimmäinen kappale.

| Tavoite | Mittari | Tila |
|---------|---------|------|
| T1      | M1      | Etenee |
| T2      | M2      | Valmis |
"""


@pytest.fixture(scope="module")
def pandoc() -> str:
    pypandoc = pytest.importorskip("pypandoc")
    return str(pypandoc.get_pandoc_path())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, pandoc: str) -> Path:
    out = tmp_path_factory.mktemp("reference") / "reference.docx"
    build_reference_docx(out, organisation=ORGANISATION, pandoc=pandoc)
    return out


@pytest.fixture(params=["built", "committed"])
def reference(request: pytest.FixtureRequest) -> tuple[Path, str]:
    """The freshly built file and the committed one must both carry the county setup."""
    if request.param == "built":
        return request.getfixturevalue("built"), ORGANISATION
    assert COMMITTED.is_file(), "run: python tools/reference_docx.py templates/reference.docx"
    return COMMITTED, DEFAULT_ORGANISATION


def part(path: Path | bytes, name: str) -> ET.Element:
    source = io.BytesIO(path) if isinstance(path, bytes) else path
    with zipfile.ZipFile(source) as zf:
        return ET.fromstring(zf.read(name))


def style_ids(path: Path | bytes) -> set[str]:
    return {s.get(f"{W}styleId", "") for s in part(path, "word/styles.xml").iter(f"{W}style")}


def style(path: Path, style_id: str) -> ET.Element:
    for s in part(path, "word/styles.xml").iter(f"{W}style"):
        if s.get(f"{W}styleId") == style_id:
            return s
    raise AssertionError(f"no style {style_id}")


def field_instructions(element: ET.Element) -> list[str]:
    simple = [f.get(f"{W}instr", "") for f in element.iter(f"{W}fldSimple")]
    complex_ = [t.text or "" for t in element.iter(f"{W}instrText")]
    return [instr.split()[0] for instr in simple + complex_ if instr.strip()]


def test_page_is_a4_portrait_with_county_margins(reference: tuple[Path, str]) -> None:
    section = docx.Document(str(reference[0])).sections[-1]
    assert section.orientation == docx.enum.section.WD_ORIENT.PORTRAIT
    assert (section.page_width.twips, section.page_height.twips) == (A4["width"], A4["height"])
    assert section.left_margin.twips == MARGINS["left"]
    assert section.right_margin.twips == MARGINS["right"]
    assert section.top_margin.twips == MARGINS["top"]
    assert section.bottom_margin.twips == MARGINS["bottom"]
    assert section.header_distance.twips == MARGINS["header"]
    assert section.footer_distance.twips == MARGINS["footer"]


def test_header_names_the_organisation(reference: tuple[Path, str]) -> None:
    path, organisation = reference
    header = docx.Document(str(path)).sections[-1].header
    assert not header.is_linked_to_previous  # i.e. the header part really exists
    assert organisation in "\n".join(p.text for p in header.paragraphs)


def test_header_shows_the_reports_title(reference: tuple[Path, str]) -> None:
    # a TITLE field: each report's header shows its own title and period
    header = docx.Document(str(reference[0])).sections[-1].header
    assert "TITLE" in field_instructions(header._element)


def test_headings_keep_with_the_next_paragraph(reference: tuple[Path, str]) -> None:
    for level in range(1, 7):
        heading = style(reference[0], f"Heading{level}")
        assert heading.find(f"{W}pPr/{W}keepNext") is not None, level
        assert heading.find(f"{W}pPr/{W}keepLines") is not None, level


def test_table_rows_do_not_split_and_contents_have_styles(reference: tuple[Path, str]) -> None:
    assert style(reference[0], "Table").find(f"{W}trPr/{W}cantSplit") is not None
    size = style(reference[0], "Table").find(f"{W}rPr/{W}sz")
    assert size is not None and size.get(f"{W}val") == "19"  # 9.5 pt: five columns fit
    for level in (1, 2):
        tab = style(reference[0], f"TOC{level}").find(f"{W}pPr/{W}tabs/{W}tab")
        assert tab is not None and tab.get(f"{W}leader") == "dot"


def test_footer_has_centred_page_number(reference: tuple[Path, str]) -> None:
    footer = docx.Document(str(reference[0])).sections[-1].footer
    assert not footer.is_linked_to_previous
    assert "PAGE" in field_instructions(footer._element)
    paragraph = footer.paragraphs[0]
    assert paragraph.text.startswith("Sivu ")
    assert paragraph.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_language_is_finnish(reference: tuple[Path, str]) -> None:
    defaults = part(reference[0], "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults is not None
    lang = defaults.find(f"{W}lang")
    assert lang is not None
    assert lang.get(f"{W}val") == "fi-FI"
    # the East Asian and bidi languages are pandoc's, untouched
    assert (lang.get(f"{W}eastAsia"), lang.get(f"{W}bidi")) == ("zh-CN", "ar-SA")


def test_table_style_has_grid_and_shaded_bold_header_row(reference: tuple[Path, str]) -> None:
    document = docx.Document(str(reference[0]))
    assert document.styles["Table"].type == docx.enum.style.WD_STYLE_TYPE.TABLE
    table = style(reference[0], "Table")
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    assert borders is not None
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = borders.find(f"{W}{side}")
        assert border is not None and border.get(f"{W}val") == "single", side
    first_rows = [p for p in table.iter(f"{W}tblStylePr") if p.get(f"{W}type") == "firstRow"]
    assert len(first_rows) == 1
    assert first_rows[0].find(f"{W}rPr/{W}b") is not None
    shading = first_rows[0].find(f"{W}tcPr/{W}shd")
    assert shading is not None and shading.get(f"{W}fill") == "D9E2F3"


def test_body_is_arial_11pt_and_headings_blue(built: Path) -> None:
    defaults = part(built, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults is not None
    fonts = defaults.find(f"{W}rFonts")
    assert fonts is not None
    assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == fonts.get(f"{W}cs") == "Arial"
    assert fonts.get(f"{W}asciiTheme") is None  # a theme font would override Arial
    size = defaults.find(f"{W}sz")
    assert size is not None and size.get(f"{W}val") == "22"
    for heading in ("Heading1", "Heading2", "Heading3", "Title"):
        colour = style(built, heading).find(f"{W}rPr/{W}color")
        assert colour is not None and colour.get(f"{W}val") == "1F4E79", heading
        assert colour.get(f"{W}themeColor") is None, heading


def test_every_style_of_pandocs_default_is_kept(built: Path, pandoc: str) -> None:
    default = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], capture_output=True, check=True
    ).stdout
    default_ids = style_ids(default)
    assert {"Normal", "BodyText", "Heading1", "Table", "Compact", "VerbatimChar"} <= default_ids
    assert default_ids - style_ids(built) == set()


def test_package_parts_are_wired_and_prefixed(built: Path) -> None:
    with zipfile.ZipFile(built) as zf:
        names = set(zf.namelist())
        styles_xml = zf.read("word/styles.xml")
        document_xml = zf.read("word/document.xml")
    assert zf.namelist()[0] == "[Content_Types].xml"
    rels = part(built, "word/_rels/document.xml.rels")
    targets = {
        r.get("Type", "").rsplit("/", 1)[-1]: r.get("Target")
        for r in rels
        if r.get("TargetMode") != "External"
    }
    assert targets["header"] == "header1.xml" and targets["footer"] == "footer1.xml"
    assert {f"word/{t}" for t in targets.values()} <= names
    overrides = {o.get("PartName") for o in part(built, "[Content_Types].xml")}
    assert {"/word/header1.xml", "/word/footer1.xml"} <= overrides
    # ElementTree would write ns0: without registered prefixes; keep Word's usual w:/r:
    assert b"<w:styles" in styles_xml and b"ns0:" not in styles_xml
    assert b'r:id="' in document_xml


def test_pandoc_output_gets_header_and_table_style(
    built: Path, pandoc: str, tmp_path: Path
) -> None:
    source = tmp_path / "raportti.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    out = tmp_path / "raportti.docx"
    subprocess.run(
        [pandoc, str(source), "-f", "markdown", "--reference-doc", str(built), "-o", str(out)],
        check=True,
    )
    document = docx.Document(str(out))
    section = document.sections[-1]
    assert section.page_width.twips == A4["width"]
    assert ORGANISATION in "\n".join(p.text for p in section.header.paragraphs)
    assert "PAGE" in field_instructions(section.footer._element)
    assert [t.style.name for t in document.tables] == ["Table"]
    # The firstRow conditional format only applies because pandoc asks for it and marks the row.
    tbl = document.tables[0]._tbl
    look = tbl.find(f"{W}tblPr/{W}tblLook")
    assert look is not None and look.get(f"{W}firstRow") == "1"
    assert tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
    assert document.tables[0].rows[0].cells[0].text == "Tavoite"
    assert any(p.style.name == "Heading 1" and p.text == "Johdanto" for p in document.paragraphs)


def test_cli_writes_the_file_atomically(tmp_path: Path, pandoc: str) -> None:
    out = tmp_path / "templates" / "reference.docx"
    assert main([str(out), "--organisation", "Kunta X", "--pandoc", pandoc]) == 0
    assert "Kunta X" in docx.Document(str(out)).sections[-1].header.paragraphs[0].text
    assert main([str(out), "--pandoc", pandoc]) == 0  # overwrites in place
    assert DEFAULT_ORGANISATION in docx.Document(str(out)).sections[-1].header.paragraphs[0].text
    assert sorted(p.name for p in out.parent.iterdir()) == ["reference.docx"]  # no temp left


def test_cli_reports_a_missing_pandoc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "reference.docx"
    assert main([str(out), "--pandoc", str(tmp_path / "no-such-pandoc")]) == 1
    assert "reference_docx:" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = []
        for i in (0, 2, 4):
            c = int(colour[i : i + 2], 16) / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_have_contrast(reference: tuple[Path, str]) -> None:
    # EN 301 549 10.1.4.3: text at least 4.5:1 on its background (docs/accessibility.md)
    for style_id in ("Heading1", "Heading2", "Heading3", "Heading4", "Title", "Header", "Footer"):
        colour = style(reference[0], style_id).find(f"{W}rPr/{W}color")
        value = colour.get(f"{W}val", "auto") if colour is not None else "auto"
        if value != "auto":
            assert _contrast(value, "FFFFFF") >= 4.5, (style_id, value)
    first_rows = [
        p
        for p in style(reference[0], "Table").iter(f"{W}tblStylePr")
        if p.get(f"{W}type") == "firstRow"
    ]
    shading = first_rows[0].find(f"{W}tcPr/{W}shd")
    assert shading is not None
    assert _contrast("000000", shading.get(f"{W}fill", "FFFFFF")) >= 4.5  # header row text
