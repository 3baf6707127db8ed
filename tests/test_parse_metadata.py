"""Metadata from loose text (crawler copies without a title line): the first sentence, the preamble, the
article header a site prints above the text and a sign-off whose date comes first; and a parse that keeps
everything it read when the agency or the year cannot be found."""

from __future__ import annotations

import datetime as _dt
import json
import re

import pytest

from gov_disclosure import check, render
from gov_disclosure.cellview import cells as all_cells
from gov_disclosure.codec import CodecError, from_dict
from gov_disclosure.parsers import ParseResult, parse
from gov_disclosure.parsers.assembly.title import (
    agency_from_issuer,
    header_fields,
    is_full_name,
    name_at_start,
)
from parse_helpers import SEED, sample_report

TITLE = "示例区人民政府2023年政府信息公开工作年度报告"
PERIOD = "报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
SIGNOFF = "示例区人民政府办公室\n2024年3月28日"
FIRST = "2023年，示例区认真贯彻落实《条例》，政府信息公开工作取得新进展。"
PREAMBLE = "本报告依据《中华人民共和国政府信息公开条例》编制。"


@pytest.fixture(scope="module")
def text() -> str:
    rendered: str = render(sample_report(), "text")
    assert rendered.startswith(TITLE + "\n") and SIGNOFF in rendered and PERIOD in rendered
    assert FIRST in rendered and PREAMBLE in rendered
    return rendered


@pytest.fixture(scope="module")
def bare(text: str) -> str:
    """The sample as a crawler keeps it at worst: no title, no statistical period, no sign-off."""
    return text.removeprefix(TITLE + "\n").replace(PERIOD, "").replace(SIGNOFF, "")


def inferred(result: ParseResult) -> dict[str, tuple[object, str]]:
    """field -> (value, source) of the parse.meta-inferred findings."""
    return {
        f.args["field"]: (f.args["value"], f.args["source"])
        for f in result.findings
        if f.code == "parse.meta-inferred"
    }


def meta_of(result: ParseResult) -> tuple[object, object]:
    return result.metadata.get("agency"), result.metadata.get("year")


# -- names of agencies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("某某镇人民政府认真贯彻落实《条例》", "某某镇人民政府"),
        ("某某县人民政府办公室认真做好", "某某县人民政府办公室"),
        ("某某市交通运输局始终坚持", "某某市交通运输局"),
        ("某某县发展和改革局高度重视", "某某县发展和改革局"),
        ("某某街道办事处认真落实", "某某街道办事处"),
        ("镇江市人民政府高度重视", "镇江市人民政府"),
        ("全州县人民政府高度重视", "全州县人民政府"),
        # Not a full name: a bare level, a pronoun, a preposition, a verb inside.
        ("区人民政府办公室综合各部门", None),
        ("县交通运输局认真落实", None),
        ("我局认真落实", None),
        ("全县各级政府", None),
        ("在县委县政府的坚强领导下", None),
        ("某某区坚持以人民为中心", None),
        ("乃东区坚持以习近平新时代中国特色社会主义思想为指导", None),
        ("示例区认真贯彻落实《条例》", None),
    ],
)
def test_name_at_the_start_of_a_clause(text: str, name: str | None) -> None:
    assert name_at_start(text) == name
    if name is not None:
        assert is_full_name(name)


@pytest.mark.parametrize(
    ("issuer", "agency"),
    [
        ("某某县人民政府办公室", "某某县人民政府"),
        ("某某省人民政府办公厅", "某某省人民政府"),
        ("某某区政府办公室", "某某区政府"),
        ("某某县交通运输局", "某某县交通运输局"),
        ("某某县交通运输局办公室", "某某县交通运输局办公室"),
    ],
)
def test_the_office_of_a_government_stands_for_it(issuer: str, agency: str) -> None:
    assert agency_from_issuer(issuer) == agency


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("发布机关：某某县人民政府", [("发布机关", "某某县人民政府")]),
        ("发布日期：2020-01-31", [("发布日期", "2020-01-31")]),
        (
            "索引号：11530000/2024-00012　发布机构：某某县交通运输局 | 成文日期：2024年01月20日",
            [
                ("索引号", "11530000/2024-00012"),
                ("发布机构", "某某县交通运输局"),
                ("成文日期", "2024年01月20日"),
            ],
        ),
        ("发文机关: 某某县人民政府", [("发文机关", "某某县人民政府")]),
        ("本报告的发布机关：某某县人民政府", []),  # a sentence, not a header line
        ("主动公开", []),
    ],
)
def test_article_header_lines(line: str, fields: list[tuple[str, str]]) -> None:
    assert header_fields(line) == fields


# -- the first sentence and the preamble --------------------------------------------------------------


def test_the_first_sentence_gives_the_year(bare: str) -> None:
    result = parse(bare)
    assert result.report is None and result.missing == ("agency",)
    assert result.metadata["year"] == 2023
    assert inferred(result) == {"year": (2023, "first sentence")}
    assert result.source_map["$.meta.year"].text.strip() == FIRST


@pytest.mark.parametrize("lead", ["2023年，", "2023年度，", "2023年,", "二〇二三年，", "2023年"])
def test_the_first_sentence_gives_the_agency_and_the_year(bare: str, lead: str) -> None:
    sentence = f"{lead}某某镇人民政府认真贯彻落实《条例》，政府信息公开工作取得新进展。"
    result = parse(bare.replace(FIRST, sentence))
    assert result.report is not None
    assert (result.report.meta.agency, result.report.meta.year) == ("某某镇人民政府", 2023)
    assert inferred(result) == {
        "agency": ("某某镇人民政府", "first sentence"),
        "year": (2023, "first sentence"),
    }
    assert result.source_map["$.meta.agency"].text.strip() == sentence
    assert result.source_map["$.meta.year"].text.strip() == sentence


def test_the_first_sentence_of_the_preamble_comes_first(bare: str) -> None:
    result = parse(bare.replace(PREAMBLE, "2022年，某某县人民政府持续推进政务公开。" + PREAMBLE))
    assert meta_of(result) == ("某某县人民政府", 2022)


@pytest.mark.parametrize(
    "later",
    [
        "全年主动公开政府信息1200条，较2022年增长5%。",
        "全年主动公开政府信息1200条。2022年，某某县人民政府公开信息1100条。",
        "全年主动公开政府信息1200条。某某县人民政府高度重视。",
    ],
)
def test_a_year_or_an_agency_later_in_the_text_is_not_the_reports(bare: str, later: str) -> None:
    no_year = bare.replace(FIRST, "示例区认真贯彻落实《条例》，政府信息公开工作取得新进展。")
    result = parse(no_year.replace("全年主动公开政府信息1200条。", later))
    assert result.report is None and result.missing == ("agency", "year")
    assert meta_of(result) == (None, None)
    assert "$.meta.agency" not in result.source_map and "$.meta.year" not in result.source_map


@pytest.mark.parametrize(
    "first",
    [
        "2023年12月，示例区召开政务公开工作会议。",  # a month, not the report's year
        "2023年度报告如下。",
        "2021年以来，某某县人民政府持续推进政务公开。",  # since 2021: not the report's year
        "在县委县政府的坚强领导下，2023年某某县人民政府认真落实《条例》。",  # the year not at the start
    ],
)
def test_a_first_sentence_that_does_not_state_the_year(bare: str, first: str) -> None:
    result = parse(bare.replace(FIRST, first))
    assert meta_of(result) == (None, None)


def test_the_office_that_compiled_the_report(bare: str) -> None:
    compiled = "本报告由某某县人民政府办公室根据《条例》编制。"
    result = parse(bare.replace(PREAMBLE, compiled))
    # The office of a government compiles that government's report; it is not the issuer (as signed).
    assert result.report is not None
    assert (result.report.meta.agency, result.report.meta.issuer) == ("某某县人民政府", None)
    assert inferred(result)["agency"] == ("某某县人民政府", "office that compiled the report")
    assert result.source_map["$.meta.agency"].text.strip() == compiled
    # A department compiles its own report.
    result = parse(bare.replace(PREAMBLE, "本报告由某某县交通运输局编制。"))
    assert result.metadata["agency"] == "某某县交通运输局"


def test_a_short_name_of_the_compiling_office_is_not_taken(bare: str) -> None:
    # The seed's preamble: "由区人民政府办公室综合…编制而成" names no place.
    result = parse(bare.replace(PREAMBLE, "本报告由区人民政府办公室综合各部门编制而成。"))
    assert "agency" not in result.metadata


def test_the_reports_own_name_in_the_preamble(bare: str) -> None:
    named = "根据《条例》规定，现公布某某镇人民政府2023年度政府信息公开工作年度报告。"
    result = parse(bare.replace(FIRST, "示例区认真贯彻落实《条例》。").replace(PREAMBLE, named))
    assert meta_of(result) == ("某某镇人民政府", 2023)
    assert inferred(result) == {
        "agency": ("某某镇人民政府", "report's name in the preamble"),
        "year": (2023, "report's name in the preamble"),
    }


# -- the article header -------------------------------------------------------------------------------


def test_labelled_lines_above_the_text(bare: str) -> None:
    no_year = bare.replace(FIRST, "示例区认真贯彻落实《条例》。")
    header = "发布机关：某某县人民政府\n发布日期：2020-01-31\n"
    result = parse(header + no_year)
    assert result.report is not None
    meta = result.report.meta
    assert (meta.agency, meta.year, meta.published) == ("某某县人民政府", 2019, _dt.date(2020, 1, 31))
    assert inferred(result) == {
        "agency": ("某某县人民政府", "“发布机关” line of the page header"),
        "year": (2019, "publication date"),
    }
    assert result.source_map["$.meta.agency"].text == "发布机关：某某县人民政府"
    assert result.source_map["$.meta.published"].text == "发布日期：2020-01-31"
    assert result.source_map["$.meta.year"].text == "发布日期：2020-01-31"
    # The header is neither the title nor the preamble.
    assert meta.title is None and result.report.preamble == (PREAMBLE,)


def test_an_article_header_on_one_line(bare: str) -> None:
    header = "索引号：11530000/2024-00012　发文机关：某某县人民政府办公室　成文日期：2024年01月20日\n"
    result = parse(header + bare)
    assert result.report is not None
    meta = result.report.meta
    # The publishing office of a government stands for it; the first sentence still gives the year.
    assert (meta.agency, meta.year, meta.published) == ("某某县人民政府", 2023, _dt.date(2024, 1, 20))
    assert result.report.preamble == (PREAMBLE,)


def test_written_date_wins_over_the_posting_date(bare: str) -> None:
    result = parse("发布日期：2024-02-01 10:30:00\n成文日期：2024-01-20\n" + bare, agency="某某局")
    assert result.report is not None and result.report.meta.published == _dt.date(2024, 1, 20)


def test_an_article_header_in_a_table_of_a_web_page() -> None:
    html = render(sample_report(), "html").replace('class="gd-report"', 'class="article"')
    html = re.sub(r"<h1[^>]*>.*?</h1>", "", html, flags=re.S)
    html = re.sub(r"<title>.*?</title>", "<title>政务公开</title>", html, flags=re.S)
    html = re.sub(r'<div class="gd-signoff">.*?</div>', "", html, flags=re.S)
    header = (
        "<table><tr><td>索引号：</td><td>11530000/2024-00012</td><td>发布机构：</td><td>某某县交通运输局</td>"
        "</tr><tr><td>发布日期：</td><td>2024-01-22</td></tr></table>"
    )
    at = html.index(">", html.index("<article")) + 1
    result = parse(html[:at] + header + html[at:], "html")
    assert result.report is not None
    meta = result.report.meta
    assert (meta.agency, meta.year, meta.published) == ("某某县交通运输局", 2023, _dt.date(2024, 1, 22))


# -- the sign-off, date first -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "signoff",
    [
        "2024年3月28日\n示例区人民政府办公室",
        "2024年3月28日　示例区人民政府办公室",
        "2024年3月28日 示例区人民政府办公室",
        "2024年3月28日示例区人民政府办公室",
    ],
)
def test_a_signoff_with_the_date_first(text: str, signoff: str) -> None:
    result = parse(text.replace(SIGNOFF, signoff))
    assert result.report == sample_report()
    assert result.findings == ()
    # Without a title, the agency comes from it.
    result = parse(text.removeprefix(TITLE + "\n").replace(SIGNOFF, signoff))
    assert result.report is not None
    assert (result.report.meta.agency, result.report.meta.issuer) == (
        "示例区人民政府",
        "示例区人民政府办公室",
    )
    assert result.report.meta.published == _dt.date(2024, 3, 28)
    assert result.source_map["$.meta.agency"].text == "示例区人民政府办公室"
    assert result.source_map["$.meta.published"].text == "2024年3月28日"


def test_a_signoff_with_the_date_first_in_one_paragraph() -> None:
    html = render(sample_report(), "html").replace('class="gd-report"', 'class="article"')
    html = re.sub(
        r'<div class="gd-signoff">.*?</div>', "<p>2024年3月28日<br>示例区人民政府办公室</p>", html, flags=re.S
    )
    result = parse(html, "html")
    assert result.report is not None
    assert (result.report.meta.issuer, result.report.meta.published) == (
        "示例区人民政府办公室",
        _dt.date(2024, 3, 28),
    )
    assert result.report.other_matters == sample_report().other_matters


def test_a_date_first_signoff_before_a_page_footer(text: str) -> None:
    signed = text.replace(SIGNOFF, "2024年3月28日\n示例区人民政府办公室").rstrip("\n")
    result = parse(signed + "\n相关链接：政府信息公开\n")
    assert result.report is not None and result.report.meta.issuer == "示例区人民政府办公室"
    assert [f.code for f in result.findings] == ["parse.trailing-text"]


# -- precedence ---------------------------------------------------------------------------------------


def test_a_title_line_wins(text: str) -> None:
    header = "发布机构：别的县人民政府\n发布日期：2020-01-31\n"
    result = parse(header + text.replace(FIRST, "2021年，别的镇人民政府认真落实《条例》。"))
    assert result.report is not None
    assert (result.report.meta.agency, result.report.meta.year) == ("示例区人民政府", 2023)
    assert "parse.meta-inferred" not in result.codes
    # The sign-off keeps its date; the header's is not used.
    assert result.report.meta.published == _dt.date(2024, 3, 28)


def test_the_callers_hints_win_over_all(bare: str) -> None:
    header = "发布机构：别的县人民政府\n"
    result = parse(header + bare, agency="某某局", year=2030)
    assert result.report is not None
    assert (result.report.meta.agency, result.report.meta.year) == ("某某局", 2030)
    assert "parse.meta-inferred" not in result.codes


def test_the_signed_issuer_wins_over_the_first_sentence(text: str) -> None:
    untitled = text.removeprefix(TITLE + "\n").replace(FIRST, "2023年，某某镇人民政府认真落实《条例》。")
    result = parse("发布机构：别的县人民政府\n" + untitled)
    assert meta_of(result) == ("示例区人民政府", 2023)
    assert inferred(result)["agency"][1] == "issuer"
    assert inferred(result)["year"][1] == "statistical period"


def test_the_seed_is_read_as_before() -> None:
    result = parse(SEED)
    assert result.report is not None and result.missing == ()
    assert inferred(result) == {
        "agency": ("乃东区人民政府", "issuer"),
        "year": (2024, "statistical period"),
    }
    assert result.source_map["$.meta.agency"].text == "乃东区人民政府办公室"
    assert result.draft is result.report


# -- nothing read is lost -----------------------------------------------------------------------------


def test_without_agency_and_year_the_draft_keeps_every_cell_and_paragraph(bare: str) -> None:
    no_year = bare.replace(FIRST, "示例区认真贯彻落实《条例》，政府信息公开工作取得新进展。")
    result = parse(no_year)
    assert result.report is None and not result.ok
    assert result.missing == ("agency", "year")
    assert {f.args["field"] for f in result.findings if f.code == "parse.meta-required"} == {"agency", "year"}
    draft = result.draft
    assert draft is not None and (draft.meta.agency, draft.meta.year) == ("", 0)
    expected = sample_report()
    # Every cell read, by official address, equal to the report's.
    assert result.cells == all_cells(expected)
    assert result.texts["preamble"] == (PREAMBLE,)
    assert result.texts["overview"][1:] == (
        "（一）主动公开",
        "全年主动公开政府信息1200条。",
        "（二）依申请公开",
        "全年新收政府信息公开申请13件。",
    )
    assert result.texts["problems"] == expected.problems.paragraphs
    assert draft.applications == expected.applications
    # The table rules still run on the draft.
    assert [f for f in check(draft).findings if f.code.startswith(("t2.", "t3.", "t4."))] == []


def test_the_draft_goes_through_to_dict_and_to_json(bare: str) -> None:
    result = parse(bare.replace(FIRST, "示例区认真贯彻落实《条例》。"))
    data = json.loads(result.to_json())
    assert data["report"] is None and data["missing"] == ["agency", "year"]
    cells = {(c["table"], c["row"], c["column"]): c["value"] for c in data["cells"]}
    assert cells[("三", "一、本年新收政府信息公开申请数量", "自然人")] == 10
    assert cells[("二", "行政事业性收费", "本年收费金额（单位：万元）")] == "1.50"
    assert len(cells) == len(all_cells(sample_report()))
    assert data["texts"]["other_matters"] == ["本年度未收取信息处理费。"]
    assert data["metadata"] == {}  # nothing known: no agency, year, kind, period, sign-off
    assert "未读出完整报告" in result.to_text("zh") and "No complete report" in result.to_text("en")
    # The report document of the draft: the same shape as a report's, the unknown fields null.
    document = result.document()
    assert document is not None
    assert document["meta"]["agency"] is None and document["meta"]["year"] is None
    assert document["applications"]["received"]["natural_person"] == 10
    with pytest.raises(CodecError):
        from_dict(document)
    zh = result.document("zh")
    assert zh is not None and zh["基本信息"]["机关名称"] is None and zh["基本信息"]["报告年度"] is None


def test_with_only_the_year_missing_the_agency_is_kept(bare: str) -> None:
    result = parse(bare.replace(FIRST, "示例区认真贯彻落实《条例》。"), agency="示例区人民政府")
    assert result.missing == ("year",)
    assert result.metadata["agency"] == "示例区人民政府"
    document = result.document()
    assert document is not None and document["meta"]["agency"] == "示例区人民政府"
    assert document["meta"]["year"] is None and document["meta"]["kind"] == "government"


def test_a_complete_report_has_its_cells_and_texts_too(text: str) -> None:
    result = parse(text)
    assert result.report is not None and result.draft is result.report and result.missing == ()
    assert result.cells == all_cells(sample_report())
    assert result.metadata["agency"] == "示例区人民政府" and result.metadata["year"] == 2023
    assert result.document() is not None and result.document()["meta"]["agency"] == "示例区人民政府"


def test_not_a_report_has_no_draft() -> None:
    result = parse("随便写的一段话。\n另一段。")
    assert result.report is None and result.draft is None and result.missing == ()
    assert result.cells == {} and result.texts == {} and result.document() is None
    data = json.loads(result.to_json())
    assert data["cells"] == [] and data["texts"] == {} and data["missing"] == []
