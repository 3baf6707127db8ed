"""Layouts met in published copies (a sweep of web, Word and PDF copies): titles behind page chrome or wrapped,
sign-offs on one line or before a page footer, old or bare labels, headings run into their text."""

from __future__ import annotations

import datetime as _dt

import attrs
import pytest

from gov_disclosure import check, render
from gov_disclosure.parsers import parse, parse_title
from parse_helpers import sample_report

TITLE = "示例区人民政府2023年政府信息公开工作年度报告"


@pytest.fixture(scope="module")
def text() -> str:
    """The sample report as flat text (the seed's layout: rows as " | " cells, sign-off after an empty line)."""
    rendered: str = render(sample_report(), "text")
    return rendered


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


# -- titles -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        f"当前位置：首页 > 政府信息公开 > 年度报告 > {TITLE}",
        f"标题：{TITLE}",
        f"您的位置:首页>政务公开>{TITLE}",
    ],
)
def test_title_after_page_chrome_on_its_line(text: str, line: str) -> None:
    assert parse_title(line) == ("示例区人民政府", 2023)
    result = parse(text.replace(TITLE, line, 1))
    assert result.report == sample_report()
    assert result.findings == ()


def test_a_clean_title_line_wins_over_the_breadcrumb_before_it(text: str) -> None:
    result = parse(f"当前位置：首页 > 年度报告 > {TITLE}\n" + text)
    assert result.report == sample_report()
    assert result.findings == ()


@pytest.mark.parametrize("link", ["上一篇：", "下一篇：", "相关链接："])
def test_a_link_to_another_report_is_never_the_title(text: str, link: str) -> None:
    line = f"{link}示例区人民政府2022年政府信息公开工作年度报告"
    assert parse_title(line) is None
    result = parse(line + "\n" + text)
    assert result.report == sample_report()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("示例区人民政府二〇二三年政府信息公开工作年度报告", ("示例区人民政府", 2023)),
        ("二〇二三年度示例区人民政府政府信息公开工作年度报告", ("示例区人民政府", 2023)),
        ("示例区人民政府二○二三年政府信息公开工作年度报告", ("示例区人民政府", 2023)),
        ("<示例区人民政府2023年政府信息公开工作年度报告>", ("示例区人民政府", 2023)),
        ("示例区人民政府二〇二三政府信息公开工作年度报告", None),  # no 年
    ],
)
def test_title_year_in_chinese_numerals(title: str, expected: tuple[str, int] | None) -> None:
    assert parse_title(title) == expected


def test_title_in_chinese_numerals_is_kept_as_written(text: str) -> None:
    title = "示例区人民政府二〇二三年政府信息公开工作年度报告"
    result = parse(text.replace(TITLE, title, 1))
    assert result.report == attrs.evolve(
        sample_report(), meta=attrs.evolve(sample_report().meta, title=title)
    )
    assert result.findings == ()


@pytest.mark.parametrize(
    "wrapped",
    [
        "示例区人民政府\n2023年政府信息公开工作年度报告",
        "示例区人民政府2023年\n政府信息公开工作年度报告",
    ],
)
def test_title_wrapped_onto_two_lines(text: str, wrapped: str) -> None:
    result = parse(text.replace(TITLE, wrapped, 1))
    assert result.report == sample_report()
    assert result.findings == ()


def test_title_wrapped_inside_one_paragraph() -> None:
    html = render(sample_report(), "html").replace(
        TITLE, "示例区人民政府<br>2023年政府信息公开工作年度报告", 1
    )
    # Without the machine-readable metadata our rendering carries, as a CMS page would publish it.
    html = html.replace('class="gd-report"', 'class="article"')
    result = parse(html, "html")
    assert result.report is not None
    assert (result.report.meta.agency, result.report.meta.year) == ("示例区人民政府", 2023)
    assert result.report.preamble == sample_report().preamble
    assert "parse.meta-inferred" not in codes(result)


# -- sign-off -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("gap", [" ", "\u3000\u3000\u3000\u3000", "    "])
def test_issuer_and_date_on_one_line(text: str, gap: str) -> None:
    result = parse(
        text.replace("示例区人民政府办公室\n2024年3月28日", f"示例区人民政府办公室{gap}2024年3月28日")
    )
    assert result.report == sample_report()
    assert result.findings == ()


def test_a_sentence_ending_with_a_date_is_not_a_sign_off(text: str) -> None:
    """Only an organisation line before the date makes a sign-off: a sentence keeps its date."""
    sentence = "本年度未收取信息处理费，截至 2024年3月28日"
    result = parse(text.replace("本年度未收取信息处理费。", sentence))
    assert result.report is not None
    assert sentence in result.report.other_matters.paragraphs


def test_a_date_in_the_page_footer_is_not_the_publication_date(text: str) -> None:
    footer = "\n相关链接：\n示例区人民政府2022年政府信息公开工作年度报告\n2023年3月30日\n"
    result = parse(text.rstrip("\n") + footer)
    assert result.report == sample_report()
    assert codes(result) == ["parse.trailing-text"]
    assert result.findings[0].args["quote"] == "相关链接："


# -- tables -------------------------------------------------------------------------------------------


def test_close_row_label_after_its_group_cell(text: str) -> None:
    """（四）无法提供 | 1.本机关不掌握相关的政府信息 | …: a close variant after the group cell is read, with a
    notice, as when the label stands alone."""
    variant = "1.本机关不掌握相关的政府信息"
    result = parse(text.replace("1.本机关不掌握相关政府信息", variant))
    assert result.report == sample_report()
    assert codes(result) == ["parse.label-variant"]
    assert result.findings[0].args == {"quote": variant, "label": "1.本机关不掌握相关政府信息"}


def test_taiwan_vocabulary_in_labels(text: str) -> None:
    """資訊 (mirror sites) is read as 信息 in labels: exact, no notice."""
    result = parse(text.replace("1.本机关不掌握相关政府信息", "1.本機關不掌握相關政府資訊"))
    assert result.report == sample_report()
    assert result.findings == ()


def test_a_2021_report_with_the_2019_row_label_is_read_as_2021(text: str) -> None:
    """规范性文件 (the 2019 row) beside the 2021 columns: an old wording, not the 2019 format."""
    result = parse(text.replace("\n行政规范性文件 |", "\n规范性文件 |"))
    assert result.template == "2021"
    assert result.report == sample_report()
    assert result.findings == ()


def test_bare_total_row_is_the_outcome_total(text: str) -> None:
    result = parse(text.replace("（七）总计 |", "总计 |"))
    assert result.report == sample_report()
    assert codes(result) == ["parse.label-variant"]
    assert result.findings[0].args == {"quote": "总计", "label": "（七）总计"}


def test_bare_total_row_without_numbers_stays_a_header(text: str) -> None:
    result = parse(text.replace("（七）总计 | 10 | 2 | ||||12 | ||", "总计 | 自然人 | 其他 |"))
    assert result.report is not None
    assert result.report.applications.outcome_total.total is None
    assert "parse.missing-row" in codes(result)


@pytest.mark.parametrize("spelling", ["行政诉讼：{}", "行政诉讼-{}", "行政诉讼（{}）"])
def test_table_four_header_with_compound_block_labels(text: str, spelling: str) -> None:
    header = "行政复议 | 行政诉讼 | |||||||||||||\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n"
    compound = "行政复议 | | | | | {} | | | | | {} | | | | |\n".format(
        spelling.format("未经复议直接起诉"), spelling.format("复议后起诉")
    )
    leaves = " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + " |\n"
    assert header in text
    result = parse(text.replace(header, compound + leaves))
    assert result.report == sample_report()
    assert result.findings == ()


def test_table_four_header_split_one_character_per_row(text: str) -> None:
    """A PDF copy puts each character of the leaf labels on a row of its own: those rows are header, the row
    of numbers is the data."""
    leaf = "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||\n"
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    split = "".join(" | ".join(lab[i] if i < len(lab) else "" for lab in labels) + " |\n" for i in range(4))
    assert leaf in text
    head = "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n"
    result = parse(text.replace(head, "| | | | | 未经复议直接起诉 | 复议后起诉 |\n").replace(leaf, split))
    assert result.report == sample_report()
    assert "parse.bad-number" not in codes(result)


# -- headings -----------------------------------------------------------------------------------------


def test_section_heading_and_its_text_on_one_line(text: str) -> None:
    old = "五、存在的主要问题及改进情况\n　　政府信息公开工作仍存在一些不足。"
    assert old in text
    result = parse(text.replace(old, "五、存在的主要问题及改进情况。政府信息公开工作仍存在一些不足。"))
    assert result.report == sample_report()
    assert result.findings == ()


def test_section_heading_and_its_text_in_one_paragraph_with_a_line_break() -> None:
    """A CMS page (headings as bold paragraphs) where a <br> joins heading 五 and its first paragraph."""
    html = render(sample_report(), "html").replace('class="gd-report"', 'class="article"')
    html = html.replace("<h2>", "<p><strong>").replace("</h2>", "</strong></p>")
    old = "<p><strong>五、存在的主要问题及改进情况</strong></p>\n<p>政府信息公开工作仍存在一些不足。</p>"
    assert old in html
    html = html.replace(
        old, "<p><strong>五、存在的主要问题及改进情况</strong><br>政府信息公开工作仍存在一些不足。</p>"
    )
    result = parse(html, "html")
    assert result.report is not None
    assert result.report.problems == sample_report().problems
    assert result.report.review_litigation_text == sample_report().review_litigation_text
    assert "parse.missing-section" not in codes(result)


def test_a_late_department_report_signed_on_one_line_is_found_late(text: str) -> None:
    """The sign-off on one line used to be missed, and with it the lateness of the report."""
    department = text.replace("示例区人民政府办公室\n2024年3月28日", "示例区交通运输局　2024年3月28日")
    department = department.replace(TITLE, TITLE.replace("人民政府", "交通运输局"))
    result = parse(department)
    assert result.report is not None
    assert result.report.meta.published == _dt.date(2024, 3, 28)
    assert "meta.late" in [f.code for f in check(result.report, structure=result.structure).findings]


# -- Markdown as HTML-to-Markdown tools write it ----------------------------------------------------------


def _bold_headings_markdown() -> str:
    """Our Markdown rendering with the section headings as bold paragraphs under a lone ``# title``."""
    md: str = render(sample_report(), "markdown")
    lines = []
    for line in md.split("\n"):
        if line.startswith("## "):
            line = f"**{line[3:].strip()}**"
        lines.append(line)
    return "\n".join(lines)


def test_markdown_lone_title_over_bold_section_headings() -> None:
    md = _bold_headings_markdown()
    assert md.startswith("# ") and "\n## " not in md
    result = parse(md, "markdown")
    assert result.report is not None
    assert [sid for sid, h in result.structure.headings if h is not None] == [
        "overview",
        "active_disclosure",
        "applications",
        "review_litigation",
        "problems",
        "other_matters",
    ]
    assert result.report.problems == sample_report().problems
    assert result.report.preamble == sample_report().preamble


def test_markdown_table_note_above_a_table_is_furniture() -> None:
    md: str = render(sample_report(), "markdown")
    first_row = next(
        line for line in md.split("\n") if line.startswith("| 一、本年新收") or "申请人情况" in line
    )
    note = "单位：件"
    result = parse(md.replace(first_row, f"{note}\n{first_row}", 1), "markdown")
    assert result.report is not None
    assert result.report.applications == sample_report().applications
    assert note not in result.report.applications_text.paragraphs


def test_section_heading_in_square_brackets(text: str) -> None:
    result = parse(text.replace("\n二、主动公开政府信息情况\n", "\n【二、主动公开政府信息情况】\n"))
    assert result.report == sample_report()
    assert ("active_disclosure", "【二、主动公开政府信息情况】") in result.structure.headings


def test_sign_off_in_a_small_borderless_table() -> None:
    """<table align="right" border="0"> holding the issuer and the date, as some CMS pages print it."""
    html = render(sample_report(), "html").replace('class="gd-report"', 'class="article"')
    start = html.index('<div class="gd-signoff">')
    end = html.index("</div>", start) + len("</div>")
    table = (
        '<table align="right" border="0"><tr><td>示例区人民政府办公室</td></tr>'
        "<tr><td>2024年3月28日</td></tr></table>"
    )
    result = parse(html[:start] + table + html[end:], "html")
    assert result.report is not None
    assert (result.report.meta.issuer, result.report.meta.published) == (
        "示例区人民政府办公室",
        _dt.date(2024, 3, 28),
    )
    assert result.report.other_matters == sample_report().other_matters
    assert "parse.unknown-row" not in codes(result)


def test_a_small_table_without_a_date_is_still_a_table(text: str) -> None:
    result = parse(text.rstrip("\n") + "\n联系单位 | 示例区人民政府办公室 |\n")
    assert "parse.unknown-row" in codes(result)


@pytest.mark.parametrize("note", ["单位：件", "（单位：件）", "收到和处理政府信息公开申请情况", "续表"])
def test_a_note_or_caption_row_in_a_table_is_furniture(text: str, note: str) -> None:
    row = "（本列数据的勾稽关系为"
    assert text.count(row) == 1
    result = parse(text.replace(row, f"{note} |\n{row}"))
    assert result.report == sample_report()
    assert result.findings == ()


def test_a_paragraph_reading_like_a_label_is_kept_when_the_markup_says_it_is_text() -> None:
    """Running text or a heading that happens to read like a table label stays (our own renderings keep any
    narrative); only unmarked lines are set aside as table furniture."""
    from gov_disclosure.parsers.assembly import assemble
    from gov_disclosure.parsers.doc import Paragraph

    blocks = [
        Paragraph(text=TITLE, level=1),
        Paragraph(text="二、主动公开政府信息情况", level=2),
        Paragraph(text="第二十条第（一）项", role="body"),
        Paragraph(text="本年废止件数", level=3),
        Paragraph(text="第二十条第（五）项"),
        Paragraph(text="（续表）", role="body"),
    ]
    report = assemble(blocks).report
    assert report is not None
    assert report.active_disclosure_text.paragraphs == ("第二十条第（一）项",)
    assert [s.heading for s in report.active_disclosure_text.subsections] == ["本年废止件数"]
    assert report.active_disclosure_text.subsections[0].paragraphs == ()
