"""Word (.docx) in the GB/T 9704 official-document style, with python-docx (optional extra ``docx``).

A4; margins 3.7 / 3.5 / 2.8 / 2.6 cm; title 方正小标宋简体 二号; section headings 黑体 三号;
body 仿宋_GB2312 三号 with an exact 28 pt line and a two-character first-line indent; the three
tables with the official merged cells and borders; issuer and date right-aligned; ``— PAGE —`` in the
footer. Fonts are named in every ``w:rFonts`` slot (East Asian included), not embedded. The bytes are
deterministic: fixed core-properties timestamps and zip entry dates. See ``docs/render.md`` (section
*Word*) for the styles the parsers rely on.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from ..model import Narrative, Report
from ._common import Document, Options, cell_text, clean, outline
from .layout import LayoutCell, TableLayout

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocxDocument

__all__ = [
    "BODY_FONT",
    "DATE_STYLE",
    "HEADING_FONT",
    "ISSUER_STYLE",
    "SUBHEADING_FONT",
    "TABLE_STYLE",
    "TITLE_FONT",
    "render_docx",
]

#: Font names (as Chinese Word installations name them).
TITLE_FONT: Final = "方正小标宋简体"
HEADING_FONT: Final = "黑体"
SUBHEADING_FONT: Final = "楷体_GB2312"
BODY_FONT: Final = "仿宋_GB2312"
FOOTER_FONT: Final = "宋体"
#: Custom paragraph style names.
TABLE_STYLE: Final = "GD Table Text"
ISSUER_STYLE: Final = "GD Issuer"
DATE_STYLE: Final = "GD Date"

#: Page geometry in cm (A4, GB/T 9704 margins).
PAGE: Final = {"width": 21.0, "height": 29.7, "top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
_TEXT_WIDTH_CM: Final = PAGE["width"] - PAGE["left"] - PAGE["right"]
_ZIP_DATE: Final = (1980, 1, 1, 0, 0, 0)
#: Style ids of the paragraph styles used (python-docx derives ids from names by removing spaces).
_STYLE_IDS: Final = {
    "Normal": "Normal",
    "Title": "Title",
    "Heading 1": "Heading1",
    "Heading 2": "Heading2",
    TABLE_STYLE: "GDTableText",
    ISSUER_STYLE: "GDIssuer",
    DATE_STYLE: "GDDate",
}


def _require_docx() -> Any:
    try:
        import docx
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError("rendering .docx needs python-docx: pip install 'gov-disclosure[docx]'") from None
    return docx


# ---------------------------------------------------------------------------------------------------------
# Fonts and styles


def _set_fonts(rpr: Any, name: str) -> None:
    """Name ``name`` in every slot of ``w:rFonts`` (removing theme fonts, which would win) and set zh-CN."""
    from docx.oxml.ns import qn

    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style_font(style: Any, name: str, size: float, *, bold: bool = False) -> None:
    from docx.shared import Pt, RGBColor

    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr(), name)


def _paragraph(
    style: Any,
    *,
    line: float | None,
    indent: float,
    align: Any,
    before: float = 0,
    after: float = 0,
) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    pf = style.paragraph_format
    if line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line)
    pf.first_line_indent = Pt(indent)
    pf.left_indent = Pt(0)
    pf.right_indent = Pt(0)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.alignment = align


def _setup_styles(document: DocxDocument) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    styles = document.styles
    # Document defaults: the body font everywhere, no theme fonts, zh-CN.
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_fonts(rpr, BODY_FONT)

    normal = styles["Normal"]
    _style_font(normal, BODY_FONT, 16)
    _paragraph(normal, line=28, indent=32, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    title = styles["Title"]
    ppr = title.element.get_or_add_pPr()
    for old in (ppr.find(qn("w:pBdr")), ppr.find(qn("w:contextualSpacing"))):
        if old is not None:
            ppr.remove(old)
    trpr = title.element.get_or_add_rPr()
    for old in (trpr.find(qn("w:spacing")), trpr.find(qn("w:kern"))):
        if old is not None:
            trpr.remove(old)
    _style_font(title, TITLE_FONT, 22)
    _paragraph(title, line=36, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER, after=28)

    for style_name, font in (("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)):
        heading = styles[style_name]
        _style_font(heading, font, 16)
        heading.font.italic = False
        _paragraph(heading, line=28, indent=32, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        heading.paragraph_format.keep_with_next = True

    cell = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    _style_font(cell, BODY_FONT, 10.5)
    _paragraph(cell, line=None, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER)

    for name, before in ((ISSUER_STYLE, 28), (DATE_STYLE, 0)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _style_font(style, BODY_FONT, 16)
        _paragraph(style, line=28, indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT, before=before)

    footer = styles["Footer"]
    _style_font(footer, FOOTER_FONT, 14)
    _paragraph(footer, line=None, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER)


def _check_style_ids(document: DocxDocument) -> None:
    for name, style_id in _STYLE_IDS.items():
        actual = document.styles[name].style_id
        if actual != style_id:  # pragma: no cover - a python-docx change
            raise AssertionError(f"style {name!r} has id {actual!r}, expected {style_id!r}")


def _setup_page(document: DocxDocument) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width = Cm(PAGE["width"])
    section.page_height = Cm(PAGE["height"])
    section.top_margin = Cm(PAGE["top"])
    section.bottom_margin = Cm(PAGE["bottom"])
    section.left_margin = Cm(PAGE["left"])
    section.right_margin = Cm(PAGE["right"])
    section.header_distance = Cm(1.5)
    section.footer_distance = Cm(2.5)
    paragraph = section.footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.add_run("— ")
    # A PAGE field: begin, instruction, separate, placeholder result, end.
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            char = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
            run._r.append(char)
        elif text == " PAGE ":
            instr = run._r.makeelement(
                qn("w:instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
            )
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""
    paragraph.add_run(" —")


# ---------------------------------------------------------------------------------------------------------
# Tables


_W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _twips(cm: float) -> int:
    return round(cm / 2.54 * 1440)


def _table_xml(report: Report, layout: TableLayout, options: Options) -> str:
    """The ``w:tbl`` of one table, written directly (python-docx's merge() is quadratic and slow).

    Merged cells: ``w:gridSpan`` for column spans; ``w:vMerge w:val="restart"`` on the anchor and an empty
    ``w:vMerge`` (continue) cell in each later row of a row span, as Word writes them.
    """
    from xml.sax.saxutils import escape

    scale = _TEXT_WIDTH_CM / sum(layout.widths)
    widths = [_twips(w * scale) for w in layout.widths]
    widths[-1] = _twips(_TEXT_WIDTH_CM) - sum(widths[:-1])
    style = _STYLE_IDS[TABLE_STYLE]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    out = [
        f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>'
        + "".join(border.format(edge) for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    grid = layout.grid()
    for r, row in enumerate(grid):
        out.append(
            "<w:tr><w:trPr><w:cantSplit/>"
            + ("<w:tblHeader/>" if r < layout.header_rows else "")
            + "</w:trPr>"
        )
        k = 0
        while k < layout.width:
            lc = row[k]
            width = sum(widths[lc.col : lc.col + lc.colspan])
            props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if lc.colspan > 1:
                props += f'<w:gridSpan w:val="{lc.colspan}"/>'
            if lc.rowspan > 1:
                props += '<w:vMerge w:val="restart"/>' if lc.row == r else "<w:vMerge/>"
            props += '<w:vAlign w:val="center"/>'
            ppr = (
                f'<w:pPr><w:pStyle w:val="{style}"/>'
                + ('<w:jc w:val="left"/>' if _is_left(lc) else "")
                + "</w:pPr>"
            )
            text = _cell_text(report, lc, options) if lc.row == r else ""
            run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{ppr}{run}</w:p></w:tc>")
            k += lc.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _add_table(document: DocxDocument, report: Report, layout: TableLayout, options: Options) -> None:
    from docx.oxml import parse_xml

    body = document.element.body
    body.append(parse_xml(_table_xml(report, layout, options)))
    sect_pr = body.find(f"{{{_W}}}sectPr")
    if sect_pr is not None:  # keep the section properties last
        body.remove(sect_pr)
        body.append(sect_pr)


def _cell_text(report: Report, lc: LayoutCell, options: Options) -> str:
    return cell_text(report, lc.ref, options) if lc.ref is not None else lc.text


def _is_left(lc: LayoutCell) -> bool:
    """Left-align the 勾稽 note and leaf row labels; captions, headers and row-group labels are centred."""
    return lc.kind == "note" or (lc.kind == "label" and lc.scope == "row")


# ---------------------------------------------------------------------------------------------------------
# Document


def _add(document: DocxDocument, text: str, style: str) -> None:
    paragraph = document.add_paragraph(clean(text))
    paragraph._p.style = _STYLE_IDS.get(style, style)


def _add_narrative(document: DocxDocument, narrative: Narrative) -> None:
    for p in narrative.paragraphs:
        _add(document, p, "Normal")
    for sub in narrative.subsections:
        _add(document, sub.heading, "Heading 2")
        for p in sub.paragraphs:
            _add(document, p, "Normal")


#: Name prefix of the custom document properties holding the metadata.
PROPERTY_PREFIX: Final = "gov-disclosure:"
_CUSTOM_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID: Final = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def metadata_properties(report: Report) -> dict[str, str]:
    """The custom document properties written for ``report`` (name without prefix → text)."""
    meta = report.meta
    values: dict[str, str | None] = {
        "agency": meta.agency,
        "year": str(meta.year),
        "kind": meta.kind.value,
        "region": meta.region,
        "title": meta.title,
        "published": meta.published.isoformat() if meta.published else None,
        "issuer": meta.issuer,
        "period_start": meta.period_start.isoformat() if meta.period_start else None,
        "period_end": meta.period_end.isoformat() if meta.period_end else None,
    }
    return {k: clean(v) for k, v in values.items() if v is not None}


def _custom_properties_xml(values: dict[str, str]) -> bytes:
    from xml.sax.saxutils import escape, quoteattr

    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name={quoteattr(PROPERTY_PREFIX + name)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
    )
    return xml.encode("utf-8")


def _properties(document: DocxDocument, report: Report, doc: Document) -> None:
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    meta = report.meta
    props = document.core_properties
    stamp_date = meta.published or _dt.date(meta.year + 1, 1, 1)
    stamp = _dt.datetime(stamp_date.year, stamp_date.month, stamp_date.day)
    props.title = _limit(clean(doc.display_title))
    props.subject = _limit(clean(meta.agency))
    props.author = _limit(clean(meta.issuer or meta.agency))
    props.last_modified_by = props.author
    props.language = "zh-CN"
    props.keywords = ""
    props.category = ""
    props.comments = ""
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    package = document.part.package
    part = Part(
        PackURI("/docProps/custom.xml"),
        CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
        _custom_properties_xml(metadata_properties(report)),
        package,
    )
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def _limit(text: str) -> str:
    """Core properties hold at most 255 characters (python-docx's limit); the full values are custom ones."""
    return text if len(text) <= 255 else text[:254] + "…"


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry dates and attributes (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, src.read(info.filename), compresslevel=6)
    return out.getvalue()


@cache
def _template() -> bytes:
    """python-docx's default template with our styles, page and footer (built once per process)."""
    docx = _require_docx()
    document = docx.Document()
    _setup_styles(document)
    _check_style_ids(document)
    _setup_page(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_docx(report: Report, options: Options) -> bytes:
    """The report as a .docx package (bytes); needs python-docx."""
    docx = _require_docx()
    doc = outline(report, options)
    document = docx.Document(io.BytesIO(_template()))
    if doc.title is not None:
        _add(document, doc.title, "Title")
    for p in doc.preamble:
        _add(document, p, "Normal")
    for part in doc.sections:
        _add(document, part.section.heading, "Heading 1")
        _add_narrative(document, part.narrative)
        if part.table is not None:
            _add_table(document, report, part.table, options)
    if doc.issuer is not None:
        _add(document, doc.issuer, ISSUER_STYLE)
    if doc.date_text is not None:
        _add(document, doc.date_text, DATE_STYLE)
    _properties(document, report, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())
