"""Front-end details: plain text layouts, Markdown, HTML and Word structures."""

from __future__ import annotations

import io

import pytest

from gov_disclosure.parsers import parse
from gov_disclosure.parsers.doc import Limits, Paragraph, TableBlock
from gov_disclosure.parsers.markdown import inline
from gov_disclosure.parsers.markdown import read as read_markdown
from gov_disclosure.parsers.text import read as read_text
from gov_disclosure.parsers.text import split_row
from gov_disclosure.renderers import render
from parse_helpers import sample_report

L = Limits()

# ---------------------------------------------------------------------------------------------------------
# Plain text


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("规章 | |||", ["规章", "", "", ""]),
        ("行政规范性文件 | 1 | 0 | 1 | |", ["行政规范性文件", "1", "0", "1", ""]),
        ("行政事业性收费 |", ["行政事业性收费"]),
        ("|5 | |", ["", "5", ""]),
        ("a | b", ["a", "b"]),
    ],
)
def test_split_row(line, cells):
    assert split_row(line) == cells


def test_flat_text_every_line_is_a_paragraph_or_a_row():
    doc = read_text("标题\n　　\n一、总体情况\n正文 一\n\n规章 | 1 |\r\n行政许可 | 2 |\n尾", L)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Paragraph", "TableBlock", "Paragraph"]
    assert all(b.level is None and b.role is None for b in doc.blocks if isinstance(b, Paragraph))
    table = doc.blocks[3]
    assert isinstance(table, TableBlock)
    assert [[c.text for c in row] for row in table.rows] == [["规章", "1"], ["行政许可", "2"]]
    # Line-based tables locate a cell by its line (and table and row), not by column.
    origin = table.rows[1][1].origin
    assert (origin.line, origin.row, origin.col) == (7, 1, None)
    assert not doc.signoff_marked


def test_indented_text_roles():
    text = "标题\n\u3000\u3000前言 | 含竖线\n一、总体情况\n（一）小标题\n\u3000\u3000正文\n\n某局\n2025年1月2日\n"
    doc = read_text(text, L)
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.level, p.role) for p in paras] == [
        ("标题", 1, None),
        ("前言 | 含竖线", None, "body"),
        ("一、总体情况", 2, None),
        ("（一）小标题", 2, None),
        ("正文", None, "body"),
        ("某局", None, "signoff"),
        ("2025年1月2日", None, "signoff"),
    ]
    assert doc.signoff_marked


def test_lines_split_on_newline_only():
    text = "某局2024年政府信息公开工作年度报告\n一、总体情况\n\u3000\u3000甲\u2028乙\x1c丙\n"
    report = parse(text).report
    assert report.overview.paragraphs == ("甲\u2028乙\x1c丙",)


def test_flat_subheading_rule():
    text = (
        "某局2024年政府信息公开工作年度报告\n一、总体情况\n(一)健全完善组织体系。2024年,在市政府的坚强领导下。\n"
        "（二）主动公开\n全年主动公开信息。\n（三）这一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n"
    )
    overview = parse(text).report.overview
    assert overview.paragraphs == ("(一)健全完善组织体系。2024年,在市政府的坚强领导下。",)
    assert [s.heading for s in overview.subsections] == ["（二）主动公开"]
    assert overview.subsections[0].paragraphs[-1].startswith("（三）这一行很长")


# ---------------------------------------------------------------------------------------------------------
# Markdown


@pytest.mark.parametrize(
    ("md", "text"),
    [
        (r"1\. 属于 \*国家\* 秘密", "1. 属于 *国家* 秘密"),
        ("&#32;前导空格", " 前导空格"),
        ("a &amp; b &#x4e00;", "a & b 一"),
        ("**加粗** 和 `代码`", "加粗 和 代码"),
        ("[链接](http://example.com)", "链接"),
        ("一<br>二", "一\n二"),
        (r"\\", "\\"),
    ],
)
def test_markdown_inline(md, text):
    assert inline(md) == text


def test_markdown_blocks():
    md = (
        "标题\n===\n\n段落第一行\\\n第二行\n中文\n续行\n\n> 引用\n\n- 列表项\n\n"
        "| a | b \\| c |\n|---|:--:|\n| 1 | 2 |\n\n---\n\n某局\n"
    )
    doc = read_markdown(md, L)
    paras = [(b.text, b.level, b.role) for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras[0] == ("标题", 1, None)
    assert paras[1][0] == "段落第一行\n第二行中文续行"
    assert paras[2][0] == "引用" and paras[3][0] == "列表项"
    assert paras[-1] == ("某局", None, "signoff")
    [table] = [b for b in doc.blocks if isinstance(b, TableBlock)]
    assert [[c.text for c in row] for row in table.rows] == [["a", "b | c"], ["1", "2"]]


# ---------------------------------------------------------------------------------------------------------
# HTML


def _html(body: str, *, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_html_whitespace_and_breaks():
    page = _html(
        "<h1>某局2024年政府信息公开工作年度报告</h1><h2>一、总体情况</h2>"
        "<p>　　第一行\n   第二行 and\n  English<br>换行&nbsp;保留</p>"
        "<div>裸露的文字<br>第二段</div>"
    )
    report = parse(page).report
    assert report.overview.paragraphs == ("第一行第二行 and English\n换行\xa0保留", "裸露的文字", "第二段")


def test_html_spans_and_nested_cells():
    page = _html(
        "<h2>四、政府信息公开行政复议、行政诉讼情况</h2><table>"
        "<tr><th colspan='5'>行政<br>复议</th><th colspan='10'><span>行政</span><b>诉讼</b></th></tr>"
        "<tr><td rowspan='2'>结果<p>维持</p></td><td rowspan='2'>结果纠正</td><td rowspan='2'>其他结果</td>"
        "<td rowspan='2'>尚未审结</td><td rowspan='2'>总计</td><td colspan='5'>未经复议直接起诉</td>"
        "<td colspan='5'>复议后起诉</td></tr><tr>"
        + "".join(f"<td>{x}</td>" for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
        + "</tr><tr>"
        + "".join(f"<td><font>{i}</font></td>" for i in range(15))
        + "</tr></table>",
    )
    result = parse(page, agency="某局", year=2024)
    r = result.report.review_litigation
    assert (r.reconsideration.upheld, r.litigation_direct.upheld, r.litigation_after_review.total) == (
        0,
        5,
        14,
    )


def test_html_layout_table_is_read_as_containers():
    inner = render(sample_report(), "html", fragment=True)
    page = _html(f"<table width='100%'><tr><td>导航</td></tr><tr><td>{inner}</td></tr></table>")
    assert parse(page).report == sample_report()


def test_html_skips_scripts_and_chrome():
    page = _html(
        "<nav>一、总体情况</nav><script>document.write('<p>二、主动公开政府信息情况</p>')</script>"
        "<h1>某局2024年政府信息公开工作年度报告</h1><p>发布时间：2025-01-02 来源：某局</p>"
        "<p>一、总体情况</p><p>正文。</p><footer>版权所有</footer>",
        head="<title>某局2024年政府信息公开工作年度报告_某局网站</title><style>p{}</style>",
    )
    result = parse(page)
    assert result.report.overview.paragraphs == ("正文。",)
    assert result.report.preamble == ()
    assert result.structure.headings[0] == ("overview", "一、总体情况")


def test_html_title_from_the_page_title_when_the_body_has_none():
    page = _html(
        "<p>一、总体情况</p><p>正文。</p>", head="<title>某局2024年政府信息公开工作年度报告_某局网站</title>"
    )
    meta = parse(page).report.meta
    assert (meta.agency, meta.year, meta.title) == ("某局", 2024, None)


def test_html_declared_charset_and_bad_bytes():
    page = _html("<p>一、总体情况</p><p>正文。</p>", head='<meta charset="gbk">')
    data = page.encode("gbk")
    assert parse(data, agency="某局", year=2024).report.overview.paragraphs == ("正文。",)
    result = parse(b"<p>\xff\xfe\xfa\x80 \x81</p>", fmt="html")
    assert "parse.bad-encoding" in result.codes


# ---------------------------------------------------------------------------------------------------------
# Word


def _docx(build) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    build(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_styles_and_merged_cells():
    def build(d):
        d.add_paragraph("某局2024年政府信息公开工作年度报告", style="Title")
        d.add_paragraph("一、总体情况", style="Heading 1")
        p = d.add_paragraph("第一行")
        p.add_run().add_break()
        p.add_run("第二行")
        d.add_paragraph("（一）小标题", style="Heading 2")
        d.add_paragraph("小节正文。")
        d.add_paragraph("三、收到和处理政府信息公开申请情况", style="Heading 1")
        t = d.add_table(rows=4, cols=10)
        t.cell(0, 0).merge(
            t.cell(2, 2)
        ).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        t.cell(0, 3).merge(t.cell(0, 9)).text = "申请人情况"
        t.cell(1, 3).merge(t.cell(2, 3)).text = "自然人"
        t.cell(1, 4).merge(t.cell(1, 8)).text = "法人或其他组织"
        t.cell(1, 9).merge(t.cell(2, 9)).text = "总计"
        for k, label in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
            t.cell(2, 4 + k).text = label
        t.cell(3, 0).merge(t.cell(3, 2)).text = "一、本年新收政府信息公开申请数量"
        for k in range(7):
            t.cell(3, 3 + k).text = str(k + 1)

    result = parse(_docx(build))
    report = result.report
    assert report.meta.agency == "某局" and report.meta.year == 2024
    assert report.overview.paragraphs == ("第一行\n第二行",)
    assert report.overview.subsections[0].heading == "（一）小标题"
    row = report.applications.received
    assert (row.natural_person, row.commercial, row.other, row.total) == (1, 2, 6, 7)
    assert result.source_map[("三", "一、本年新收政府信息公开申请数量", "总计")].origin.row == 3


def test_docx_core_title_when_the_body_has_none():
    def build(d):
        d.core_properties.title = "某局2024年政府信息公开工作年度报告"
        d.add_paragraph("一、总体情况")
        d.add_paragraph("正文。")

    meta = parse(_docx(build)).report.meta
    assert (meta.agency, meta.year) == ("某局", 2024)
