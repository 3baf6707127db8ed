"""Word (.docx) variants real reports use: automatic list numbering, runs inside wrappers (smart tags,
content controls, tracked changes, fields), tables nested in layout tables, content controls around blocks.

Most tests start from our own rendering of the sample report with its ``gov-disclosure:*`` properties
renamed, so that the file is read like anyone else's (every field from the text), then edit its XML the way
Word, WPS or an OA template writes it; the parse must give back exactly the sample report.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

docx = pytest.importorskip("docx")

from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from gov_disclosure import parse, render  # noqa: E402
from gov_disclosure.parsers import docx as docx_reader  # noqa: E402
from gov_disclosure.parsers.doc import Limits, Paragraph, TableBlock  # noqa: E402
from parse_helpers import sample_report  # noqa: E402

W = nsdecls("w")
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'

SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
SUBHEADINGS = ("（一）主动公开", "（二）依申请公开")


# ---------------------------------------------------------------------------------------------------------
# Helpers


def _foreign() -> bytes:
    """The sample report rendered as .docx, without our metadata: read from its text like any other file."""
    src = zipfile.ZipFile(io.BytesIO(render(sample_report(), "docx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "docProps/custom.xml":
                content = content.replace(b"gov-disclosure:", b"x-other:")
            zf.writestr(info, content)
    return out.getvalue()


def _save(document: Any) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _edit(change: Callable[[Any], None]) -> bytes:
    document = docx.Document(io.BytesIO(_foreign()))
    change(document)
    return _save(document)


def _assert_sample(data: bytes) -> None:
    result = parse(data, fmt="docx")
    assert result.report == sample_report()
    assert [f.code for f in result.findings] == []
    assert [h for _, h in result.structure.headings] == list(SECTIONS)


def _texts(data: bytes, limits: Limits | None = None) -> list[Any]:
    """The blocks the reader gives: a paragraph as its text, a table as its rows of cell texts."""
    doc = docx_reader.read(data, limits or Limits())
    return [
        b.text if isinstance(b, Paragraph) else [[c.text for c in row] for row in b.rows] for b in doc.blocks
    ]


def _para(document: Any, text: str) -> Any:
    return next(p for p in document.paragraphs if p.text == text)


def _set_runs(p: Any, xml: str) -> None:
    """Replace the runs of a paragraph by ``xml`` (one or more elements, ``w`` namespace declared here)."""
    for r in list(p._p):
        if r.tag != qn("w:pPr"):
            p._p.remove(r)
    for el in parse_xml(f"<w:wrap {W}>{xml}</w:wrap>"):
        p._p.append(el)


def _numbering(document: Any, abstract_id: int, levels: str, *nums: str) -> None:
    """Add an abstract list with ``levels`` (``w:lvl`` elements) and ``w:num`` elements ``nums``."""
    numbering = document.part.numbering_part.element
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>')
    )
    for num in nums:
        numbering.append(parse_xml(num.replace("<w:num ", f"<w:num {W} ", 1)))


def _lvl(ilvl: int, fmt: str, text: str | None, *, start: int = 1, extra: str = "") -> str:
    lvl_text = "" if text is None else f'<w:lvlText w:val="{text}"/>'
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{lvl_text}{extra}</w:lvl>'
    )


def _num(num_id: int, abstract_id: int, override: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'


def _number(p: Any, num_id: int | str, ilvl: int | None = 0) -> None:
    level = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))


def _list_document(levels: str, items: list[tuple[str, int | str, int | None]], *nums: str) -> bytes:
    """A document with one abstract list (id 80) and paragraphs ``(text, numId, ilvl)``."""
    document = docx.Document()
    _numbering(document, 80, levels, *(nums or (_num(80, 80),)))
    for text, num_id, ilvl in items:
        _number(document.add_paragraph(text), num_id, ilvl)
    return _save(document)


# ---------------------------------------------------------------------------------------------------------
# 1. Automatic list numbering


def _strip_numbers(document: Any) -> list[tuple[Any, bool]]:
    """Remove the typed ``一、`` / ``（一）`` of the headings; the heading paragraphs, True for sections."""
    out = []
    for p in document.paragraphs:
        if p.text in SECTIONS or p.text in SUBHEADINGS:
            section = p.text in SECTIONS
            rest = p.text.split("、", 1)[1] if section else p.text.split("）", 1)[1]
            for r in p.runs[1:]:
                p._p.remove(r._r)
            p.runs[0].text = rest
            out.append((p, section))
    return out


def _heading_lists(document: Any) -> None:
    _numbering(
        document,
        90,
        '<w:multiLevelType w:val="singleLevel"/>' + _lvl(0, "chineseCounting", "%1、"),
        _num(90, 90),
    )
    _numbering(
        document,
        91,
        '<w:multiLevelType w:val="singleLevel"/>' + _lvl(0, "chineseCounting", "（%1）"),
        _num(91, 91),
    )


def test_numbered_headings_on_the_paragraphs() -> None:
    """Word/WPS numbering ``%1、`` and ``（%1）`` on the heading paragraphs: the visible numbers are read."""

    def change(document: Any) -> None:
        _heading_lists(document)
        for p, section in _strip_numbers(document):
            _number(p, 90 if section else 91)

    _assert_sample(_edit(change))


def test_numbered_headings_through_their_styles() -> None:
    """The numbering is set on the styles ``Heading 1`` and ``Heading 2`` (as outline-numbered templates do)."""

    def change(document: Any) -> None:
        _heading_lists(document)
        _strip_numbers(document)
        for name, num_id in (("Heading 1", 90), ("Heading 2", 91)):
            ppr = document.styles[name].element.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {W}><w:numId w:val="{num_id}"/></w:numPr>'))

    _assert_sample(_edit(change))


def test_one_multilevel_list_for_sections_and_subheadings() -> None:
    """One outline list: level 0 ``%1、``, level 1 ``（%2）``; the style links a level by ``w:pStyle``."""

    def change(document: Any) -> None:
        _numbering(
            document,
            92,
            '<w:multiLevelType w:val="multilevel"/>'
            + _lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>')
            + _lvl(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Heading2"/>'),
            _num(92, 92),
        )
        _strip_numbers(document)
        for name in ("Heading 1", "Heading 2"):
            ppr = document.styles[name].element.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {W}><w:numId w:val="92"/></w:numPr>'))

    _assert_sample(_edit(change))


def test_levels_restart_and_lvl_restart() -> None:
    levels = (
        _lvl(0, "chineseCounting", "%1、")
        + _lvl(1, "chineseCounting", "（%2）")
        # level 2 restarts only after level 0 (w:lvlRestart is 1-based), not after level 1
        + _lvl(2, "decimal", "%3.", extra='<w:lvlRestart w:val="1"/>')
        + _lvl(3, "decimalEnclosedCircle", "%4", extra='<w:lvlRestart w:val="0"/>')
    )
    items: list[tuple[str, int | str, int | None]] = [
        ("甲", 80, 0),
        ("乙", 80, 1),
        ("丙", 80, 2),
        ("丁", 80, 3),
        ("戊", 80, 1),
        ("己", 80, 2),
        ("庚", 80, 0),
        ("辛", 80, 1),
        ("壬", 80, 2),
        ("癸", 80, 3),
    ]
    assert _texts(_list_document(levels, items)) == [
        "一、甲",
        "（一）乙",
        "1.丙",
        "①丁",
        "（二）戊",
        "2.己",
        "二、庚",
        "（一）辛",
        "1.壬",
        "②癸",
    ]


def test_multilevel_text_start_overrides_and_legal_numbering() -> None:
    levels = (
        _lvl(0, "chineseCounting", "第%1章", start=3)
        + _lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>")
        + _lvl(2, "decimal", "%1.%2.%3", extra='<w:suff w:val="nothing"/>')
    )
    items: list[tuple[str, int | str, int | None]] = [
        ("总则", 80, 0),
        ("范围", 80, 1),
        ("细目", 80, 2),
        ("续", 81, 0),  # a second w:num of the same abstract list continues it
        ("重来", 82, 0),  # w:startOverride starts it again
        ("其后", 82, 1),
    ]
    data = _list_document(
        levels,
        items,
        _num(80, 80),
        _num(81, 80),
        _num(82, 80, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
    )
    assert _texts(data) == [
        "第三章 总则",
        "3.1 范围",
        "三.1.1细目",
        "第四章 续",
        "第一章 重来",
        "1.1 其后",
    ]


def test_level_override_replaces_the_level() -> None:
    override = '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1）"/></w:lvl></w:lvlOverride>'
    data = _list_document(
        _lvl(0, "chineseCounting", "%1、"),
        [("甲", 80, 0), ("乙", 81, 0)],
        _num(80, 80),
        _num(81, 80, override),
    )
    assert _texts(data) == ["一、甲", "2）乙"]


@pytest.mark.parametrize(
    ("fmt", "start", "label"),
    [
        ("decimal", 12, "12、"),
        ("decimalZero", 7, "07、"),
        ("decimalFullWidth", 3, "３、"),
        ("chineseCounting", 11, "十一、"),
        ("chineseCountingThousand", 105, "一百零五、"),
        ("japaneseCounting", 20, "二十、"),
        ("ideographDigital", 10, "一〇、"),
        ("ideographTraditional", 2, "乙、"),
        ("ideographZodiac", 3, "寅、"),
        ("decimalEnclosedCircle", 3, "③、"),
        ("decimalEnclosedCircleChinese", 21, "21、"),
        ("decimalEnclosedParen", 1, "⑴、"),
        ("decimalEnclosedFullstop", 2, "⒉、"),
        ("upperRoman", 4, "IV、"),
        ("lowerRoman", 9, "ix、"),
        ("upperLetter", 2, "B、"),
        ("lowerLetter", 28, "bb、"),
        ("none", 1, "、"),
    ],
)
def test_number_formats(fmt: str, start: int, label: str) -> None:
    data = _list_document(_lvl(0, fmt, "%1、", start=start), [("正文", 80, 0)])
    assert _texts(data) == [label + "正文"]


@pytest.mark.parametrize(
    "case",
    [
        "bullet",
        "unknown-format",
        "ideograph-out-of-range",
        "no-level-text",
        "null-level-text",
        "numId-0",
        "missing-num",
        "missing-abstract",
        "missing-level",
        "ilvl-out-of-range",
    ],
)
def test_numbering_without_a_visible_number(case: str) -> None:
    """Bullets, formats not known, broken references: the text alone, never an exception."""
    fmt, text, start, num_id, ilvl = "chineseCounting", "%1、", 1, "80", "0"
    if case == "bullet":
        fmt, text = "bullet", "\uf06c"
    elif case == "unknown-format":
        fmt = "hebrew1"
    elif case == "ideograph-out-of-range":
        fmt, start = "ideographTraditional", 11
    elif case == "numId-0":
        num_id = "0"
    elif case == "missing-num":
        num_id = "79"
    elif case == "missing-level":
        ilvl = "5"
    elif case == "ilvl-out-of-range":
        ilvl = "12"
    lvl = _lvl(0, fmt, None if case == "no-level-text" else text, start=start)
    if case == "null-level-text":
        lvl = lvl.replace("<w:lvlText ", '<w:lvlText w:null="1" ')
    document = docx.Document()
    abstract = 78 if case == "missing-abstract" else 80
    _numbering(document, 80, lvl, _num(80, abstract))
    p = document.add_paragraph("正文")
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    assert _texts(_save(document)) == ["正文"]


def test_list_styles_of_the_default_template_and_numid_0() -> None:
    """``List Number`` numbers through its style; ``w:numId 0`` on the paragraph removes the style's number."""
    document = docx.Document()
    document.add_paragraph("甲", style="List Number")
    document.add_paragraph("乙", style="List Number")
    _number(document.add_paragraph("丙", style="List Number"), 0, None)
    document.add_paragraph("丁", style="List Bullet")
    assert _texts(_save(document)) == ["1.甲", "2.乙", "丙", "丁"]


def test_numbered_table_cells_count_in_document_order() -> None:
    document = docx.Document()
    _numbering(document, 80, _lvl(0, "decimal", "%1."), _num(80, 80))
    _number(document.add_paragraph("前"), 80)
    table = document.add_table(rows=1, cols=2)
    _number(table.cell(0, 0).paragraphs[0], 80)
    table.cell(0, 0).paragraphs[0].add_run("属于国家秘密")
    _number(table.cell(0, 1).paragraphs[0], 80)
    table.cell(0, 1).paragraphs[0].add_run("其他法律行政法规禁止公开")
    _number(document.add_paragraph("后"), 80)
    assert _texts(_save(document)) == [
        "1.前",
        [["2.属于国家秘密", "3.其他法律行政法规禁止公开"]],
        "4.后",
    ]


# ---------------------------------------------------------------------------------------------------------
# 2. Runs inside wrappers


def _r(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def test_runs_inside_wrappers_in_document_order() -> None:
    xml = "".join(
        [
            _r("甲"),
            f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">{_r("乙")}</w:smartTag>',
            f'<w:sdt><w:sdtPr><w:alias w:val="落款"/></w:sdtPr><w:sdtContent>{_r("丙")}</w:sdtContent></w:sdt>',
            f'<w:ins w:id="1" w:author="a">{_r("丁")}</w:ins>',
            '<w:del w:id="2" w:author="a"><w:r><w:delText>删</w:delText></w:r></w:del>',
            f'<w:fldSimple w:instr=" DATE ">{_r("戊")}</w:fldSimple>',
            f'<w:customXml w:element="x">{_r("己")}</w:customXml>',
            f'<w:hyperlink w:anchor="x">{_r("庚")}</w:hyperlink>',
            f'<w:moveFrom w:id="3" w:author="a">{_r("移")}</w:moveFrom>',
            f'<w:moveTo w:id="4" w:author="a">{_r("辛")}</w:moveTo>',
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            _r("壬"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            "<w:r><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t><w:noBreakHyphen/><w:t>c</w:t>"
            '<w:br w:type="page"/><w:cr/><w:t>d</w:t></w:r>',
            "<w:r><w:ruby><w:rubyPr/><w:rt>"
            + _r("gui")
            + "</w:rt><w:rubyBase>"
            + _r("癸")
            + "</w:rubyBase></w:ruby></w:r>",
            f"<w:r><mc:AlternateContent {MC}><mc:Choice Requires='wps'><w:drawing><w:txbxContent><w:p>{_r('框')}</w:p>"
            f"</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>{_r('框')}</w:p>"
            "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
            f"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{_r('单击此处输入文字。')}</w:sdtContent></w:sdt>",
            f'<w:dir w:val="ltr">{_r("终")}</w:dir>',
        ]
    )
    document = docx.Document()
    p = document.add_paragraph()
    p._p.get_or_add_pPr().append(parse_xml(f'<w:tabs {W}><w:tab w:val="left" w:pos="400"/></w:tabs>'))
    _set_runs(p, xml)
    table = document.add_table(rows=1, cols=1)
    _set_runs(table.cell(0, 0).paragraphs[0], xml)
    expected = "甲乙丙丁戊己庚辛壬\ta\nb-c\nd癸终"
    assert _texts(_save(document)) == [expected, [[expected]]]


def test_signoff_in_a_smart_tag_and_in_content_controls() -> None:
    """An OA template's 落款 fields and an old ``chsdate`` smart tag: issuer and date are read."""

    def change(document: Any) -> None:
        _set_runs(
            _para(document, "示例区人民政府办公室"),
            f'<w:sdt><w:sdtPr><w:alias w:val="落款"/></w:sdtPr><w:sdtContent>{_r("示例区人民政府办公室")}</w:sdtContent></w:sdt>',
        )
        _set_runs(
            _para(document, "2024年3月28日"),
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
            f'<w:smartTagPr><w:attr w:name="Year" w:val="2024"/></w:smartTagPr>{_r("2024年3月28日")}</w:smartTag>',
        )

    _assert_sample(_edit(change))


def test_tracked_revision_in_a_cell_reads_the_inserted_text() -> None:
    """Table 二 行政许可 written as an unaccepted revision: ``w:del`` 1100, ``w:ins`` 1200."""

    def change(document: Any) -> None:
        cell = next(c for row in document.tables[0].rows for c in row.cells if c.text == "1200")
        _set_runs(
            cell.paragraphs[0],
            '<w:del w:id="1" w:author="a"><w:r><w:delText>1100</w:delText></w:r></w:del>'
            f'<w:ins w:id="2" w:author="a">{_r("1200")}</w:ins>',
        )

    _assert_sample(_edit(change))


def test_tracked_deleted_row_and_content_control_rows_and_cells() -> None:
    """A row deleted with tracked changes is not read; rows and cells inside content controls are."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    trs = table._tbl.tr_lst
    trs[1].get_or_add_trPr().append(parse_xml(f'<w:del {W} w:id="1" w:author="a"/>'))
    sdt = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
    trs[2].addprevious(sdt)
    sdt[1].append(trs[2])
    tc = trs[0].tc_lst[1]
    wrap = parse_xml(f'<w:customXml {W} w:element="x"/>')
    tc.addprevious(wrap)
    wrap.append(tc)
    assert _texts(_save(document)) == [[["00", "01"], ["20", "21"]]]


# ---------------------------------------------------------------------------------------------------------
# 3. Tables in tables


def _frame(document: Any, tbl: Any) -> Any:
    """Move ``tbl`` into the one cell of a new 1 × 1 table put where it was; the outer ``w:tbl``."""
    outer = document.add_table(rows=1, cols=1)._tbl
    tc = outer.tr_lst[0].tc_lst[0]
    tbl.addprevious(outer)
    for p in list(tc.iterchildren(qn("w:p"))):
        tc.remove(p)
    tc.append(tbl)
    tc.append(parse_xml(f"<w:p {W}/>"))  # a cell ends with a paragraph
    return outer


def test_each_table_inside_a_one_cell_frame() -> None:
    def change(document: Any) -> None:
        for table in document.tables:
            _frame(document, table._tbl)

    data = _edit(change)
    _assert_sample(data)
    doc = docx_reader.read(data, Limits())
    assert [b.origin.table for b in doc.blocks if isinstance(b, TableBlock)] == [0, 1, 2]


def test_layout_table_around_the_whole_report() -> None:
    """A two-column layout: a short side cell, then the report (paragraphs and tables) in the main cell."""

    def change(document: Any) -> None:
        body = document.element.body
        content = [el for el in body if el.tag != qn("w:sectPr")]
        outer = document.add_table(rows=1, cols=2)._tbl
        side, main = outer.tr_lst[0].tc_lst
        side.remove(side.find(qn("w:p")))
        side.append(parse_xml(f"<w:p {W}>{_r('首页')}</w:p>"))
        main.remove(main.find(qn("w:p")))
        content[0].addprevious(outer)
        for el in content:
            main.append(el)
        main.append(parse_xml(f"<w:p {W}/>"))

    _assert_sample(_edit(change))


def test_layout_cell_reads_paragraphs_and_nested_tables_in_order() -> None:
    document = docx.Document()
    document.add_paragraph("前")
    outer = document.add_table(rows=2, cols=2)
    a = outer.cell(0, 0)
    a.paragraphs[0].text = "甲"
    inner = a.add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "行", "1"
    a.add_paragraph("乙")
    outer.cell(0, 1).text = "丙"
    outer.cell(1, 0).merge(outer.cell(1, 1)).text = "丁"
    document.add_paragraph("后")
    assert _texts(_save(document)) == ["前", "甲", [["行", "1"]], "乙", "丙", "丁", "后"]


def test_a_cell_longer_than_a_data_cell_makes_a_layout_table() -> None:
    long = "本年度" * 200
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "一、总体情况"
    table.cell(0, 0).add_paragraph(long)
    assert _texts(_save(document)) == ["一、总体情况", long]


def test_nested_tables_respect_the_limits() -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    for k in range(3):
        cell.add_table(rows=1, cols=1).cell(0, 0).text = str(k)
    data = _save(document)
    assert _texts(data) == [[["0"]], [["1"]], [["2"]]]

    doc = docx_reader.read(data, Limits(max_tables=2))
    assert [[[c.text for c in r] for r in b.rows] for b in doc.blocks if isinstance(b, TableBlock)] == [
        [["0"]],
        [["1"]],
    ]
    assert [f.code for f in doc.findings] == ["parse.too-complex"]

    # Tables nested 60 deep: cut at the nesting bound, one finding, no exception.
    deep = docx.Document()
    cell = deep.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(60):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "底"
    doc = docx_reader.read(_save(deep), Limits(max_depth=30))
    assert [f.code for f in doc.findings] == ["parse.too-complex"]
    assert doc.blocks == ()
    assert _texts(_save(deep)) == [[["底"]]]


def test_element_bound() -> None:
    document = docx.Document()
    for k in range(50):
        document.add_paragraph(f"第{k}段")
    doc = docx_reader.read(_save(document), Limits(max_elements=40))
    assert [f.code for f in doc.findings] == ["parse.too-complex"]
    assert 0 < len(doc.blocks) < 50


# ---------------------------------------------------------------------------------------------------------
# 4. Content controls around whole paragraphs and tables


def test_body_content_controls_are_read_in_order() -> None:
    def change(document: Any) -> None:
        body = document.element.body
        start = _para(document, "二、主动公开政府信息情况")._p
        end = _para(document, "四、政府信息公开行政复议、行政诉讼情况")._p
        inside = []
        el = start
        while el is not end:
            inside.append(el)
            el = el.getnext()
        outer = parse_xml(f'<w:sdt {W}><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent/></w:sdt>')
        start.addprevious(outer)
        inner = parse_xml(f'<w:customXml {W} w:element="x"/>')
        outer[1].append(inner)
        for el in inside:
            inner.append(el)
        # a control still showing its placeholder prompt is not content
        placeholder = parse_xml(
            f"<w:sdt {W}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            f"<w:p>{_r('单击或点击此处输入文字。')}</w:p></w:sdtContent></w:sdt>"
        )
        end.addprevious(placeholder)
        assert len(body) > 0

    _assert_sample(_edit(change))
