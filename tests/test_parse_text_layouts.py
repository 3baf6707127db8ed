"""Plain-text and Markdown layouts of real copies: separators other than ``|``, the flat / indented decision,
sign-offs of indented copies, and Markdown tables, raw HTML and lists (sweep b, failures 7, 10, 11 and
documented items 1, 3, 4)."""

from __future__ import annotations

import attrs
import pytest

from gov_disclosure.model import Narrative
from gov_disclosure.parsers import parse
from gov_disclosure.parsers.doc import Limits, Paragraph, TableBlock
from gov_disclosure.parsers.markdown import inline
from gov_disclosure.parsers.markdown import read as read_markdown
from gov_disclosure.parsers.text import read as read_text
from gov_disclosure.parsers.text import split_row
from gov_disclosure.renderers import render
from parse_helpers import sample_report

L = Limits()
IND = "\u3000\u3000"
ISSUER = "示例区人民政府办公室"
DATE = "2024年3月28日"
SIGNOFF = f"\n\n{ISSUER}\n{DATE}\n"


def _flat() -> str:
    """The sample report as a flat web copy (the seed's layout): no indentation, ``|`` rows."""
    text = render(sample_report(), "text", indent=False)
    assert text.endswith(SIGNOFF)
    return text


def _indented() -> str:
    """The sample report as a copy that keeps 首行缩进 (our own text rendering)."""
    text = render(sample_report(), "text")
    assert text.endswith(SIGNOFF)
    return text


def _retable(text: str, join: str, *, prefix: str = "", suffix: str = "") -> str:
    """``text`` with every ``|`` row rewritten with another separator."""
    out = []
    for line in text.split("\n"):
        if "|" in line and not line.startswith(IND):
            line = prefix + join.join(split_row(line)) + suffix
        out.append(line)
    return "\n".join(out)


def _paragraphs(doc) -> list[tuple[str, int | None, str | None]]:
    return [(b.text, b.level, b.role) for b in doc.blocks if isinstance(b, Paragraph)]


def _tables(doc) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in b.rows] for b in doc.blocks if isinstance(b, TableBlock)]


def _clean(result) -> None:
    """No finding of a lost or unreadable part."""
    assert not [
        f.code
        for f in result.findings
        if f.code.startswith(("parse.missing-", "parse.bad-", "parse.unknown-"))
    ]


# ---------------------------------------------------------------------------------------------------------
# Plain text: cell separators


@pytest.mark.parametrize(
    ("name", "join", "prefix", "suffix"),
    [
        ("tab", "\t", "", ""),
        ("full-width", " ｜ ", "", " ｜"),
        ("box-drawing", "│", "│", "│"),
        ("heavy box-drawing", " ┃ ", "┃ ", " ┃"),
    ],
    ids=["tab", "full-width", "box", "heavy-box"],
)
def test_tables_with_other_separators_read_like_pipes(name, join, prefix, suffix):
    for text in (_flat(), _indented()):
        result = parse(_retable(text, join, prefix=prefix, suffix=suffix))
        assert result.report == sample_report(), name
        _clean(result)


def test_tab_separated_cells_and_their_origin():
    text = "规章\t0\t0\t5\n行政规范性文件\t3\t1\t20\n行政许可\t1200\t\t\n第二十条第（八）项\t\t\t\n"
    doc = read_text(text, L)
    assert _tables(doc) == [
        [
            ["规章", "0", "0", "5"],
            ["行政规范性文件", "3", "1", "20"],
            ["行政许可", "1200", "", ""],
            ["第二十条第（八）项", "", "", ""],
        ]
    ]
    table = doc.blocks[0]
    assert isinstance(table, TableBlock)
    origin = table.rows[3][0].origin
    assert (origin.line, origin.table, origin.row) == (4, 0, 3)


def test_tabs_in_narrative_do_not_make_a_table():
    text = (
        "示例局2023年政府信息公开工作年度报告\n"
        "\t本报告依据《条例》编制。\n"  # a tab as first-line indent
        "一、总体情况\n"
        "（一）主动公开\t\n"  # a trailing tab, not next to a row
        "全年主动公开政府信息1200条。\t另有政策解读12篇。\n"  # a sentence on each side of the tab
        "信息内容\t本年处理决定数量\n"
        "行政许可\t1200\n"
        "\t（二）依申请公开\n"  # tab-indented right after a row: not a row
    )
    doc = read_text(text, L)
    assert _paragraphs(doc) == [
        ("示例局2023年政府信息公开工作年度报告", None, None),
        ("本报告依据《条例》编制。", None, None),
        ("一、总体情况", None, None),
        ("（一）主动公开", None, None),
        ("全年主动公开政府信息1200条。\t另有政策解读12篇。", None, None),
        ("（二）依申请公开", None, None),
    ]
    assert _tables(doc) == [[["信息内容", "本年处理决定数量"], ["行政许可", "1200"]]]


def test_box_drawing_borders_are_skipped():
    text = (
        "二、主动公开政府信息情况\n"
        "┌────────┬──────────┐\n"
        "│信息内容│本年处理决定数量│\n"
        "├────────┼──────────┤\n"
        "│行政许可│1200│\n"
        "└────────┴──────────┘\n"
        "\n"
        "+--------+----+\n"
        "| 行政处罚 | 35 |\n"
        "+--------+----+\n"
        "- | - | -\n"  # blanks written as -: a row, not a border
        "\n"
        "----------\n"  # a rule that is no table border
        "正文。\n"
    )
    doc = read_text(text, L)
    assert _tables(doc) == [
        [["信息内容", "本年处理决定数量"], ["行政许可", "1200"]],  # a leading │ is the frame
        [["", "行政处罚", "35"], ["-", "-", "-"]],  # a leading | is an empty cell
    ]
    assert _paragraphs(doc) == [
        ("二、主动公开政府信息情况", None, None),
        ("----------", None, None),
        ("正文。", None, None),
    ]


def test_full_width_bar_is_a_separator_even_in_a_flat_copy():
    doc = read_text("行政处罚｜35｜\n行政强制 ｜ 2 ｜\n", L)
    assert _tables(doc) == [[["行政处罚", "35"], ["行政强制", "2"]]]


# ---------------------------------------------------------------------------------------------------------
# Plain text: the flat / indented decision


@pytest.mark.parametrize("pad", [IND, "\u3000" * 20, " " * 30], ids=["two-u3000", "u3000-padded", "spaces"])
def test_flat_copy_with_a_right_aligned_signoff_stays_flat(pad):
    text = _flat().replace(SIGNOFF, f"\n{pad}{ISSUER}\n{pad}{DATE}\n")
    result = parse(text)
    assert result.report == sample_report()
    _clean(result)
    assert result.source_map["$.meta.issuer"].text == ISSUER


def test_flat_copy_with_one_indented_paragraph_stays_flat():
    text = _flat().replace("\n2023年，示例区认真", f"\n{IND}2023年，示例区认真")
    result = parse(text)
    assert result.report == sample_report()
    _clean(result)


def test_copy_indenting_every_line_is_read_as_flat():
    # Headings indented like the text: the indentation says nothing, so the text decides.
    lines = [
        line if "|" in line or not line else IND + line.lstrip("\u3000") for line in _indented().split("\n")
    ]
    result = parse("\n".join(lines))
    assert result.report == sample_report()
    _clean(result)


def test_indented_copy_is_still_indented():
    doc = read_text(_indented(), L)
    paragraphs = _paragraphs(doc)
    assert paragraphs[0] == ("示例区人民政府2023年政府信息公开工作年度报告", 1, None)
    assert ("（一）主动公开", 2, None) in paragraphs
    assert ("全年主动公开政府信息1200条。", None, "body") in paragraphs
    assert paragraphs[-2:] == [(ISSUER, None, "signoff"), (DATE, None, "signoff")]
    assert doc.signoff_marked


# ---------------------------------------------------------------------------------------------------------
# Plain text: the sign-off of an indented copy


@pytest.mark.parametrize(
    ("name", "signoff"),
    [
        ("no empty line", f"\n{ISSUER}\n{DATE}\n"),
        ("empty lines between", f"\n\n{ISSUER}\n\n{DATE}\n"),
        ("right-aligned after an empty line", f"\n\n{'　' * 12}{ISSUER}\n{'　' * 12}{DATE}\n"),
        ("right-aligned, no empty line", f"\n{'　' * 12}{ISSUER}\n{'　' * 12}{DATE}\n"),
        ("right-aligned issuer only", f"\n{'　' * 12}{ISSUER}\n"),
    ],
    ids=["no-empty-line", "empty-lines", "right-aligned", "right-aligned-tight", "right-aligned-issuer"],
)
def test_indented_copy_signoff_variants(name, signoff):
    text = _indented().replace(SIGNOFF, signoff)
    result = parse(text)
    expected = sample_report()
    if DATE not in signoff:
        expected = attrs.evolve(expected, meta=attrs.evolve(expected.meta, published=None))
    assert result.report == expected, name
    assert result.report.other_matters == Narrative(paragraphs=("本年度未收取信息处理费。",))


def test_indented_copy_with_empty_lines_everywhere():
    result = parse(_indented().replace("\n", "\n\n"))
    assert result.report == sample_report()
    _clean(result)


def test_indented_signoff_roles():
    text = (
        "示例局2023年政府信息公开工作年度报告\n"
        f"{IND}本报告依据《条例》编制。\n"
        "五、存在的主要问题及改进情况\n"
        f"{'　' * 10}单位：件\n"  # right-aligned, not at the end: a paragraph without marks
        f"{IND}仍存在一些不足。\n"
        "六、其他需要报告的事项\n"
        "\n"
        "示例局\n"
        "\n"
        f"{DATE}\n"
    )
    assert _paragraphs(read_text(text, L)) == [
        ("示例局2023年政府信息公开工作年度报告", 1, None),
        ("本报告依据《条例》编制。", None, "body"),
        ("五、存在的主要问题及改进情况", 2, None),
        ("单位：件", None, None),
        ("仍存在一些不足。", None, "body"),
        ("六、其他需要报告的事项", 2, None),  # a numbered line is never taken into the sign-off
        ("示例局", None, "signoff"),
        (DATE, None, "signoff"),
    ]


def test_indented_trailing_lines_without_date_stay_headings():
    # No empty line, no date, not right-aligned: nothing says these are a sign-off.
    text = f"标题\n{IND}正文。\n一、总体情况\n{IND}正文。\n附件\n相关链接\n"
    assert _paragraphs(read_text(text, L))[-2:] == [("附件", 2, None), ("相关链接", 2, None)]


# ---------------------------------------------------------------------------------------------------------
# Markdown: a table right after a paragraph line (GFM)

_T3_HEADER = "| （本列数据的勾稽关系为："


def test_markdown_table_interrupts_a_paragraph():
    md = render(sample_report(), "markdown")
    assert md.count(_T3_HEADER) == 1
    note = "全年新收政府信息公开申请13件，详见下表："
    result = parse(md.replace(_T3_HEADER, f"{note}\n{_T3_HEADER}"))
    expected = attrs.evolve(sample_report(), applications_text=Narrative(paragraphs=(note,)))
    assert result.report == expected
    _clean(result)


def test_markdown_table_after_a_note_line_blocks():
    doc = read_markdown("正文第一行\n单位：件\n| 行政许可 | 1200 |\n|---|---|\n| 行政处罚 | 35 |\n", L)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "TableBlock"]
    assert _paragraphs(doc) == [("正文第一行单位：件", None, None)]
    assert _tables(doc) == [[["行政许可", "1200"], ["行政处罚", "35"]]]
    table = doc.blocks[1]
    assert isinstance(table, TableBlock)
    assert table.rows[1][0].origin.line == 5


def test_markdown_paragraph_lines_without_a_matching_delimiter_stay_a_paragraph():
    # A Setext underline is not a delimiter row; a header whose cell count differs does not interrupt.
    doc = read_markdown("正文\n甲 | 乙\n---\n\n正文\n| 甲 | 乙 | 丙 |\n|---|---|\n", L)
    assert _paragraphs(doc) == [("正文甲 | 乙", 2, None), ("正文 | 甲 | 乙 | 丙 | |---|---|", None, None)]
    assert _tables(doc) == []


# ---------------------------------------------------------------------------------------------------------
# Markdown: raw HTML

_MD_SIGNOFF = f"---\n\n{ISSUER}\n\n{DATE}\n"


@pytest.mark.parametrize("rule", ["", "---\n\n"], ids=["guessed", "after-rule"])
def test_markdown_raw_html_signoff(rule):
    md = render(sample_report(), "markdown")
    assert md.endswith(_MD_SIGNOFF)
    md = md.replace(_MD_SIGNOFF, f'{rule}<div align="right">{ISSUER}<br>{DATE}</div>\n')
    result = parse(md)
    assert result.report == sample_report()
    _clean(result)
    assert result.source_map["$.meta.published"].text == DATE


def test_markdown_inline_html_tags_are_dropped_with_their_text_kept():
    md = render(sample_report(), "markdown").replace(
        "全年主动公开政府信息1200条。",
        '<span style="color:#333">全年主动公开政府信息<b>1200</b>条。</span><!-- 编辑 -->',
    )
    assert parse(md).report == sample_report()


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ('<p align="right">示例局<br/>2024年3月28日</p>', "示例局\n2024年3月28日"),
        ("<font color=red>重点</font>工作", "重点工作"),
        ("详见<https://www.example.gov.cn/a?b=1>", "详见https://www.example.gov.cn/a?b=1"),
        (r"\<b\>字\</b\>", "<b>字</b>"),  # escaped: literal text
        ("&lt;b&gt;字", "<b>字"),  # a character reference is text, not a tag
        ("1 < 2 > 0", "1 < 2 > 0"),
    ],
    ids=["block-tags", "attribute-unquoted", "autolink", "escaped", "reference", "comparison"],
)
def test_inline_html(markdown, text):
    assert inline(markdown) == text


# ---------------------------------------------------------------------------------------------------------
# Markdown: lists


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        (
            "1. 公开内容不够全面。\n\n2. 政策解读形式较单一。",
            ("1. 公开内容不够全面。", "2. 政策解读形式较单一。"),
        ),
        (
            "1. 公开内容不够全面。\n2. 政策解读形式较单一。",
            ("1. 公开内容不够全面。", "2. 政策解读形式较单一。"),
        ),
        (
            "1) 公开内容不够全面。\n2) 政策解读形式较单一。",
            ("1) 公开内容不够全面。", "2) 政策解读形式较单一。"),
        ),
        ("- 公开内容不够全面。\n- 政策解读形式较单一。", ("公开内容不够全面。", "政策解读形式较单一。")),
        ("* 公开内容不够全面。\n\n+ 政策解读形式较单一。", ("公开内容不够全面。", "政策解读形式较单一。")),
        # An ordered item numbered 1 interrupts a paragraph; a later number does not (CommonMark).
        ("存在以下不足：\n1. 公开内容不够全面。", ("存在以下不足：", "1. 公开内容不够全面。")),
        ("下一步将：\n2. 加强培训。", ("下一步将： 2. 加强培训。",)),
    ],
    ids=[
        "ordered",
        "ordered-tight",
        "parenthesis",
        "bullets",
        "mixed-bullets",
        "interrupt-1",
        "no-interrupt-2",
    ],
)
def test_markdown_list_items(body, paragraphs):
    md = render(sample_report(), "markdown").replace("政府信息公开工作仍存在一些不足。", body)
    result = parse(md)
    assert result.report.problems == Narrative(paragraphs=paragraphs)
    assert result.report.other_matters == sample_report().other_matters


def test_trailing_tab_line_before_a_tab_row_is_a_row():
    doc = read_text(
        "二、主动公开政府信息情况\n第二十条第（五）项\t\n信息内容\t本年处理决定数量\n行政许可\t1200\n", L
    )
    assert _tables(doc) == [
        [["第二十条第（五）项", ""], ["信息内容", "本年处理决定数量"], ["行政许可", "1200"]]
    ]
