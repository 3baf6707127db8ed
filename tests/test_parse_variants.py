"""Real-world variants built by hand from format.md §9: every cell and paragraph comes back, or a finding says why."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import attrs
import pytest

from gov_disclosure import form
from gov_disclosure.cellview import cell_refs, cells, get_cell, replace_cell
from gov_disclosure.model import AgencyKind, Narrative, Report, Subsection
from gov_disclosure.parsers import parse
from parse_helpers import DATA, sample_report


def zeros(report: Report) -> Report:
    """The report with every blank cell of tables 三 and 四 written as 0 (reports that print 0 everywhere)."""
    for c in cell_refs():
        if c.table.id in ("三", "四") and get_cell(report, *c.key) is None:
            report = replace_cell(report, c, 0)
    return report


def fold_narrative(report: Report) -> Report:
    """The narrative as web copies fold it: （）， → (),."""
    table = str.maketrans("（），", "(),")

    def n(x: Narrative) -> Narrative:
        return Narrative(
            paragraphs=tuple(p.translate(table) for p in x.paragraphs),
            subsections=tuple(
                Subsection(
                    heading=s.heading.translate(table),
                    paragraphs=tuple(p.translate(table) for p in s.paragraphs),
                )
                for s in x.subsections
            ),
        )

    return attrs.evolve(report, overview=n(report.overview), problems=n(report.problems))


@pytest.mark.parametrize(
    "name", ["chrome.html", "gbk.html", "gbk-nometa.html", "fullwidth.txt", "flattened.md"]
)
def test_variant_reads_exactly(name):
    result = parse(DATA / name)
    assert result.report == sample_report()
    assert result.findings == ()
    assert result.template == "2021"


def test_folded_flat_copy_like_the_seed():
    """No title, NFKC-folded labels, "—", "/", "无" blanks, "1,200", "七、总计", "结转下一年度", broken labels."""
    result = parse(DATA / "folded.txt")
    assert result.report == fold_narrative(sample_report())
    assert sorted(f.args["field"] for f in result.findings if f.code == "parse.meta-inferred") == [
        "agency",
        "year",
    ]
    assert [f.code for f in result.findings if f.code != "parse.meta-inferred"] == []
    src = result.source_map
    assert src[("二", "行政许可", "本年处理决定数量")].text == "1,200"
    assert src[("三", "一、本年新收政府信息公开申请数量", "科研机构")].text == "—"
    assert src[("三", "二、上年结转政府信息公开申请数量", "商业企业")].text == "/"
    assert src[("三", "（七）总计", "自然人")].text == "10"
    # 二〇二四年三月二十八日
    assert result.report.meta.published == _dt.date(2024, 3, 28)


def test_traditional_character_mirror():
    result = parse(DATA / "traditional.txt")
    report = result.report
    expected = sample_report()
    for name in ("active_disclosure", "applications", "review_litigation"):
        assert getattr(report, name) == getattr(expected, name)
    assert report.meta.agency == "示例區人民政府"
    assert report.meta.kind is AgencyKind.GOVERNMENT
    assert report.meta.issuer == "示例區人民政府辦公室"
    assert report.meta.published == expected.meta.published
    assert result.structure is not None
    assert [sid for sid, h in result.structure.headings if h] == [s.id for s in form.SECTIONS]
    assert [s.heading for s in report.overview.subsections] == ["(一)主動公開", "(二)依申請公開"]
    assert report.other_matters.paragraphs == ("本年度未收取信息處理費。",)


def test_split_tables_repeated_headers_and_whitespace_rows():
    """Table 二 in four tables with captions outside; table 三 split in two with a repeated header (narrower
    grid), its last row in a third table; table 四's data row in a table of its own after a blank row."""
    result = parse(DATA / "split-tables.html")
    assert result.report == zeros(sample_report())
    assert result.findings == ()


def test_table_four_as_three_rows_of_five():
    result = parse(DATA / "table4-3x5.txt")
    assert result.report.review_litigation == zeros(sample_report()).review_litigation
    assert result.report.applications == sample_report().applications


def test_truncated_inside_table_three():
    result = parse(DATA / "truncated.txt")
    report = result.report
    expected = sample_report()
    assert report is not None
    assert report.meta.agency == expected.meta.agency and report.meta.year == 2023
    assert report.overview == expected.overview
    assert report.active_disclosure == expected.active_disclosure
    read = [
        "received",
        "carried_over",
        "disclosed",
        "partly_disclosed",
        "withheld_state_secret",
        "withheld_prohibited",
        "withheld_security",
        "withheld_third_party",
    ]
    for rid in read:
        assert report.applications.row(rid) == expected.applications.row(rid)
    missing = [f for f in result.findings if f.code == "parse.missing-row"]
    assert [f.location.row for f in missing] == [r.id for r in form.APPLICATIONS.rows if r.id not in read]
    assert {f.location.table for f in missing} == {"三"}
    assert "5.属于三类内部事务信息" in missing[0].message("zh")
    assert missing[0].cells == tuple(
        ("三", "5.属于三类内部事务信息", c.label) for c in form.APPLICATIONS.blocks[0].columns
    )
    codes = result.codes
    assert codes.count("parse.missing-table") == 1  # table 四
    assert {f.args["heading"] for f in result.findings if f.code == "parse.missing-section"} == {
        s.heading for s in form.SECTIONS[3:]
    }
    assert {f.args["field"] for f in result.findings if f.code == "parse.meta-missing"} == {
        "published",
        "issuer",
    }
    for r in form.APPLICATIONS.rows:
        if r.id not in read:
            assert report.applications.row(r.id).natural_person is None


def test_truncated_in_the_middle_of_a_row():
    result = parse(DATA / "truncated-midrow.txt")
    row = result.report.applications.withheld_third_party
    assert (row.natural_person, row.commercial, row.research) == (2, 1, None)
    [f] = [f for f in result.findings if f.code == "parse.missing-cell"]
    assert f.location.row == "withheld_third_party"
    assert f.args["columns"] == ["科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_template_2019():
    result = parse(DATA / "template-2019.html")
    assert result.template == "2019"
    [f] = [f for f in result.findings if f.code == "parse.template-2019"]
    assert "本年新制作数量" in f.args["markers"] and "（六）其他处理" in f.args["markers"]
    report = result.report
    # Table 二's 2019 columns mean something else: nothing is read from it.
    assert all(v is None for (t, _, _), v in cells(report).items() if t == "二")
    a = report.applications
    assert (a.received.natural_person, a.received.commercial, a.received.total) == (821, 35, 859)
    assert a.disclosed.total is None
    assert a.outcome_total.natural_person == 767 and a.outcome_total.total == 805
    assert a.carried_forward.natural_person == 72
    # The 2019 single （六）其他处理 row maps to none of the three 2021 rows.
    for rid in ("other_no_correction", "other_no_fee", "other_other"):
        assert a.row(rid).natural_person is None
    assert not [f for f in result.findings if f.code == "parse.missing-row"]
    r = report.review_litigation
    assert (r.reconsideration.upheld, r.reconsideration.pending, r.reconsideration.total) == (5, 2, 7)
    assert (r.litigation_direct.upheld, r.litigation_direct.total) == (8, 9)
    assert report.meta.kind is AgencyKind.DEPARTMENT
    assert (report.meta.period_start, report.meta.period_end) == (
        _dt.date(2019, 1, 1),
        _dt.date(2019, 12, 31),
    )


def test_bad_numbers_are_quoted_and_located():
    result = parse(DATA / "bad-numbers.txt")
    bad = {f.location.key(): f for f in result.findings if f.code == "parse.bad-number"}
    assert set(bad) == {
        "二/rules/issued",
        "二/normative_documents/issued",
        "二/fees/amount",
        "三/outcome_total/natural_person",
    }
    assert bad["二/rules/issued"].args["quote"] == "abc"
    assert "“abc”" in bad["二/rules/issued"].message("zh")
    assert bad["二/normative_documents/issued"].args["problem"] == "not-integer"
    assert bad["二/fees/amount"].args["problem"] == "unit"
    assert bad["二/fees/amount"].cells == (("二", "行政事业性收费", "本年收费金额（单位：万元）"),)
    assert bad["三/outcome_total/natural_person"].location.line is not None
    report = result.report
    assert report.active_disclosure.rules.issued is None
    assert report.active_disclosure.licensing == 1200  # "1200件"
    assert report.active_disclosure.penalty == -2  # a negative count is kept for the checks
    assert report.active_disclosure.fees is None
    assert report.applications.outcome_total.natural_person is None
    assert report.applications.outcome_total.commercial == 2


def test_negative_count_reaches_the_checks():
    from gov_disclosure import check

    result = parse(DATA / "bad-numbers.txt")
    codes = {f.code for f in check(result.report).findings}
    assert "cell.negative" in codes


def test_fee_with_decimals_keeps_its_digits():
    result = parse(DATA / "chrome.html")
    assert result.report.active_disclosure.fees == Decimal("1.50")
    assert str(result.report.active_disclosure.fees) == "1.50"


def test_html_source_map_has_lines():
    result = parse(DATA / "chrome.html")
    entry = result.source_map[("四", "行政复议", "结果维持")]
    assert entry.text == "1"
    assert entry.origin.line is not None and entry.origin.table == 2
    assert result.source_map[("三", "一、本年新收政府信息公开申请数量", "科研机构")].text == ""
