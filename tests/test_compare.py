"""Cross-year rules and the year-over-year diff (issue #6)."""

from __future__ import annotations

import json
import string
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import build, form
from gov_disclosure.cellview import cells, ref, replace_cell
from gov_disclosure.checks.xyear import xyear_findings
from gov_disclosure.comparison import Comparison, compare, diff
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import Severity, catalogue
from gov_disclosure.model import ActiveDisclosure, DocumentCounts, Meta, Narrative, Report
from gov_disclosure.strategies import reports
from gov_disclosure.text.similarity import duplicate_ratio, text_similarity

NAMES = st.text(alphabet="甲乙丙丁戊己庚辛壬癸", min_size=1, max_size=6)


def report(year: int, agency: str = "某区人民政府", **kwargs: Any) -> Report:
    return Report(meta=Meta(agency=agency, year=year), **kwargs)


def in_year(r: Report, year: int) -> Report:
    return attrs.evolve(r, meta=attrs.evolve(r.meta, year=year))


def codes(findings: list[Any]) -> list[str]:
    return [f.code for f in findings]


LAST = report(
    2023,
    applications=build.applications(
        received={"natural_person": 5, "commercial": 1},
        disclosed={"natural_person": 3},
        carried_forward={"natural_person": 2, "commercial": 1},
    ),
)


# ---------------------------------------------------------------------------------------------------------
# xyear.carry-over


def test_carry_over_passes_when_this_years_carried_over_is_last_years_carried_forward() -> None:
    this = report(
        2024,
        applications=build.applications(
            carried_over={"natural_person": 2, "commercial": 1},
            disclosed={"natural_person": 2, "commercial": 1},
        ),
    )
    assert codes(xyear_findings(LAST, this)) == []


def test_carry_over_fails_in_each_differing_column_with_exact_messages() -> None:
    this = report(
        2024,
        applications=build.applications(
            carried_over={"natural_person": 3, "commercial": 1},
            disclosed={"natural_person": 3, "commercial": 1},
        ),
    )
    found = xyear_findings(LAST, this)
    assert codes(found) == ["xyear.carry-over", "xyear.carry-over"]
    person, total = found
    assert person.severity is Severity.ERROR
    assert (person.location.table, person.location.row, person.location.column) == (
        "三",
        "carried_over",
        "natural_person",
    )
    assert person.location.path == "$.applications.carried_over.natural_person"
    assert person.cells == (
        ("三", "二、上年结转政府信息公开申请数量", "自然人"),
        ("三", "四、结转下年度继续办理", "自然人"),
    )
    assert person.message() == (
        "表三 二、上年结转政府信息公开申请数量 × 自然人：本年填报3，"
        "应等于上年（2023年）报告“四、结转下年度继续办理”的2（相差1）"
    )
    assert person.message("en") == (
        "table 三 二、上年结转政府信息公开申请数量 × 自然人: this year states 3; last year's (2023) report "
        "carried forward 2 under 四、结转下年度继续办理 (difference 1)"
    )
    assert total.location.column == "total" and total.args["expected"] == 3 and total.args["actual"] == 4


def test_carry_over_reads_blank_as_zero() -> None:
    last = report(2023, applications=build.applications(carried_forward={"research": 0}))
    assert xyear_findings(last, report(2024)) == []
    found = xyear_findings(LAST, report(2024))
    assert [f.location.column for f in found] == ["natural_person", "commercial", "total"]
    assert found[0].message().startswith("表三 二、上年结转政府信息公开申请数量 × 自然人：本年填报—，")


@settings(max_examples=25, deadline=None)
@given(reports(max_count=1000, text=st.just("正文。"), names=NAMES, years=(2022, 2030)), st.data())
def test_carry_over_findings_are_exactly_the_differing_columns(r: Report, data: st.DataObject) -> None:
    columns = [c.id for c in form.APPLICATIONS.blocks[0].columns]
    changed = data.draw(st.sets(st.sampled_from(columns)))
    last = report(r.meta.year - 1, agency=r.meta.agency)
    for col in columns:
        value = cells(r)[ref("三", "carried_over", col).address]
        if col in changed:
            value = (value or 0) + data.draw(st.integers(1, 9))
        last = replace_cell(last, ref("三", "carried_forward", col), value)
    found = [f for f in xyear_findings(last, r) if f.code == "xyear.carry-over"]
    assert {f.location.column for f in found} == changed


# ---------------------------------------------------------------------------------------------------------
# xyear.in-force


def docs(rules: DocumentCounts, normative: DocumentCounts | None = None) -> ActiveDisclosure:
    return ActiveDisclosure(rules=rules, normative_documents=normative or DocumentCounts())


def test_in_force_passes_when_last_plus_issued_minus_repealed_is_this() -> None:
    last = report(2023, active_disclosure=docs(DocumentCounts(in_force=10), DocumentCounts(in_force=4)))
    this = report(
        2024,
        active_disclosure=docs(
            DocumentCounts(issued=3, repealed=1, in_force=12),
            DocumentCounts(issued=0, repealed=4, in_force=0),
        ),
    )
    assert xyear_findings(last, this) == []


def test_in_force_fails_as_a_warning_with_exact_message() -> None:
    last = report(2023, active_disclosure=docs(DocumentCounts(in_force=10)))
    this = report(2024, active_disclosure=docs(DocumentCounts(issued=3, repealed=1, in_force=15)))
    [f] = xyear_findings(last, this)
    assert f.code == "xyear.in-force" and f.severity is Severity.WARNING
    assert (f.location.table, f.location.row, f.location.column) == ("二", "rules", "in_force")
    assert f.args["expected"] == 12 and f.args["difference"] == 3
    assert f.message() == (
        "表二 规章 × 现行有效件数：上年现行有效件数10 + 本年制发件数3 − 本年废止件数1 = 12，"
        "本年填报15（相差3；修改、清理等情形可致不一致，请核实）"
    )
    assert f.message("en") == (
        "table 二 规章 × 现行有效件数: last year's 现行有效件数 10 + 本年制发件数 3 − 本年废止件数 1 = 12, "
        "but this year states 15 (difference 3; amendments and clean-ups can explain it: please verify)"
    )


def test_in_force_on_the_seed_report_against_an_empty_last_year() -> None:
    this = naidong_2024()
    last = report(2023, agency=this.meta.agency)
    # 0 + 1 − 0 = 1: consistent.
    assert [f for f in xyear_findings(last, this) if f.code == "xyear.in-force"] == []
    last = attrs.evolve(last, active_disclosure=docs(DocumentCounts(), DocumentCounts(in_force=2)))
    [f] = [f for f in xyear_findings(last, this) if f.code == "xyear.in-force"]
    assert f.location.row == "normative_documents" and f.args["expected"] == 3


# ---------------------------------------------------------------------------------------------------------
# xyear.duplicate-text

OLD_TEXT = (
    "2023年，我区坚持以人民为中心，扎实推进政务公开工作，全年主动公开政府信息1200条，办理依申请公开35件。"
)
NEW_TEXT = "本年度围绕优化营商环境，重点公开惠企政策解读材料，组织专题培训两次，完善网站栏目设置与审核流程。"


def test_duplicate_text_warns_above_the_threshold_with_the_ratio() -> None:
    last = report(2023, overview=Narrative(paragraphs=(OLD_TEXT,)))
    # Copied with the year and the figures changed: still a copy.
    copied = OLD_TEXT.replace("2023", "2024").replace("1200", "1350").replace("35", "41")
    this = report(2024, overview=Narrative(paragraphs=(copied,)))
    [f] = xyear_findings(last, this)
    assert f.code == "xyear.duplicate-text" and f.severity is Severity.WARNING
    assert f.args["ratio"] == 1.0
    assert (
        f.message()
        == f"本年报告正文有100.0%与上年报告重复（{f.args['total']}/{f.args['total']}字，警示阈值50.0%）"
    )
    assert f.message("en").startswith("100.0% of this year's narrative repeats last year's (")


def test_duplicate_text_passes_below_the_threshold_and_the_threshold_is_an_option() -> None:
    last = report(2023, overview=Narrative(paragraphs=(OLD_TEXT,)))
    half = report(2024, overview=Narrative(paragraphs=(OLD_TEXT, NEW_TEXT)))
    ratio = duplicate_ratio([OLD_TEXT], [OLD_TEXT, NEW_TEXT])
    assert ratio is not None and 0.45 < ratio < 0.55
    assert codes(xyear_findings(last, half, duplicate_threshold=0.6)) == []
    [f] = xyear_findings(last, half, duplicate_threshold=0.3)
    assert f.args["ratio"] == round(ratio, 4) and f.args["threshold_percent"] == "30.0%"
    fresh = report(2024, overview=Narrative(paragraphs=(NEW_TEXT,)))
    assert xyear_findings(last, fresh) == []
    assert duplicate_ratio([OLD_TEXT], [NEW_TEXT]) == 0.0
    with pytest.raises(ValueError, match="duplicate_threshold"):
        xyear_findings(last, fresh, duplicate_threshold=1.5)


def test_duplicate_ratio_counts_characters_and_ignores_the_preamble() -> None:
    # 20 characters repeated + 20 new ones: exactly one half.
    a, b = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收"
    assert duplicate_ratio([a], [a, b[:20]]) == 0.5
    assert duplicate_ratio([], []) is None
    assert duplicate_ratio(["无。"], ["无。"]) == 1.0  # a short paragraph repeated whole
    last = report(2023, preamble=(OLD_TEXT,), overview=Narrative(paragraphs=(NEW_TEXT,)))
    this = report(2024, preamble=(OLD_TEXT,), overview=Narrative(paragraphs=(a,)))
    assert xyear_findings(last, this) == []


def test_text_similarity_is_symmetric_and_bounded() -> None:
    assert text_similarity([OLD_TEXT], [OLD_TEXT]) == 1.0
    assert text_similarity([OLD_TEXT], [NEW_TEXT]) == 0.0
    assert text_similarity([], []) is None
    s1 = text_similarity([OLD_TEXT], [OLD_TEXT, NEW_TEXT])
    s2 = text_similarity([OLD_TEXT, NEW_TEXT], [OLD_TEXT])
    assert s1 == s2 and s1 is not None and 0 < s1 < 1


# ---------------------------------------------------------------------------------------------------------
# Refusal


def test_reports_of_other_agencies_or_years_are_not_comparable() -> None:
    other = report(2024, agency="某县人民政府")
    [f] = xyear_findings(LAST, other)
    assert f.code == "xyear.not-comparable" and f.severity is Severity.ERROR
    assert f.args["reasons"] == ("agency",)
    assert f.message() == (
        "跨年度比较需为同一机关相邻两年的报告：上年报告为“某区人民政府”2023年，本年报告为“某县人民政府”2024年"
    )
    assert f.message("en") == (
        "A cross-year comparison needs the same agency's reports of consecutive years: the previous report "
        "is 某区人民政府 for 2023, the current one 某县人民政府 for 2024"
    )
    for year, reasons in [(2025, ("years",)), (2023, ("years",)), (2022, ("years",))]:
        [g] = xyear_findings(LAST, report(year))
        assert g.args["reasons"] == reasons
    [h] = xyear_findings(LAST, report(2025, agency="别处"))
    assert h.args["reasons"] == ("agency", "years")


def test_compare_reports_not_comparable_reports() -> None:
    """compare() reports bad content as check(previous=...) does: one finding, an empty diff, not ok."""
    other = report(2024, agency="某县人民政府", overview=Narrative(paragraphs=(NEW_TEXT,)))
    c = compare(LAST, other)
    assert not c.ok and not c.comparable and c.codes == ("xyear.not-comparable",)
    assert c.findings[0].args["reasons"] == ("agency",)
    assert c.findings == tuple(xyear_findings(LAST, other))
    assert c.diff.is_empty and c.diff.cells == () and c.diff.sections == ()
    assert json.loads(c.to_json("en"))["ok"] is False
    same_year = compare(LAST, LAST)
    assert same_year.findings[0].args["reasons"] == ("years",) and not same_year.ok


def test_agency_names_are_compared_after_folding() -> None:
    this = report(
        2024,
        agency="某区　人民政府",
        applications=build.applications(
            carried_over=LAST.applications.carried_forward, disclosed=LAST.applications.carried_forward
        ),
    )
    assert compare(LAST, this).findings == ()


# ---------------------------------------------------------------------------------------------------------
# Diff


@settings(max_examples=25, deadline=None)
@given(reports(max_count=1000, names=NAMES, years=(2022, 2030)))
def test_diff_of_a_report_with_itself_is_empty(r: Report) -> None:
    d = diff(r, r)
    assert d.is_empty and d.cells == () and d.sections_added == () and d.sections_removed == ()
    assert all(s.similarity in (None, 1.0) for s in d.sections)
    # The same figures a year apart: no diff (the cross-year rules may well fail, e.g. carry-over).
    assert compare(in_year(r, r.meta.year - 1), r).diff.is_empty


def test_diff_lists_changed_cells_with_absolute_and_relative_change() -> None:
    last = report(
        2023,
        active_disclosure=ActiveDisclosure(licensing=200, penalty=0, fees=Decimal("1.50")),
        applications=build.applications(received={"natural_person": 0}),
    )
    this = report(
        2024,
        active_disclosure=ActiveDisclosure(licensing=150, penalty=3, fees=Decimal("2.25")),
        applications=build.applications(received={"natural_person": None}),  # blank vs 0: no change
    )
    d = compare(last, this).diff
    assert [(c.key, c.previous, c.current, c.absolute, c.relative) for c in d.cells] == [
        (("二", "licensing", "decisions"), 200, 150, -50, -0.25),
        (("二", "penalty", "decisions"), 0, 3, 3, None),
        (("二", "fees", "amount"), Decimal("1.50"), Decimal("2.25"), Decimal("0.75"), 0.5),
    ]
    assert d.cells[0].address == ("二", "行政许可", "本年处理决定数量")
    assert d.cells[2].path == "$.active_disclosure.fees"
    assert not d.is_empty


def test_diff_sections_added_removed_and_similarity() -> None:
    last = report(
        2023, overview=Narrative(paragraphs=(OLD_TEXT,)), problems=Narrative(paragraphs=(NEW_TEXT,))
    )
    this = report(
        2024,
        overview=Narrative(paragraphs=(OLD_TEXT, NEW_TEXT)),
        other_matters=Narrative(paragraphs=("无。",)),
        applications=build.applications(
            received={"natural_person": 1}, carried_forward={"natural_person": 1}
        ),
    )
    d = diff(last, this)
    assert d.sections_added == ("applications", "other_matters")
    assert d.sections_removed == ("problems",)
    by_id = {s.section: s for s in d.sections}
    assert by_id["overview"].status == "kept" and by_id["overview"].text_changed
    assert by_id["overview"].similarity is not None and 0.5 < by_id["overview"].similarity < 1
    assert by_id["review_litigation"].status == "empty" and by_id["review_litigation"].similarity is None
    assert by_id["problems"].similarity == 0.0
    assert [s.heading for s in d.sections] == [s.heading for s in form.SECTIONS]


def test_renderers() -> None:
    this = report(
        2024,
        overview=Narrative(paragraphs=(OLD_TEXT,)),
        applications=build.applications(carried_over={"natural_person": 3}, disclosed={"natural_person": 3}),
        active_disclosure=ActiveDisclosure(fees=Decimal("0.5")),
    )
    last = attrs.evolve(LAST, overview=Narrative(paragraphs=(OLD_TEXT,)))
    c = compare(last, this)
    assert isinstance(c, Comparison)
    text = c.to_text()
    assert text.startswith("跨年度比较: 某区人民政府 2023 → 2024\n")
    assert "  [错误] xyear.carry-over: 表三 二、上年结转政府信息公开申请数量 × 自然人：本年填报3，" in text
    assert "  表二 行政事业性收费 × 本年收费金额（单位：万元）: — → 0.5 (+0.5, —)\n" in text
    assert "  表三 一、本年新收政府信息公开申请数量 × 自然人: 5 → — (-5, -100.0%)\n" in text
    assert "  一、总体情况: 保留, 未改动, 相似度 100.0%\n" in text
    en = c.to_text("en")
    assert "Changed cells (" in en and "[error] xyear.carry-over: table 三" in en
    md = c.to_markdown()
    assert md.startswith("# 跨年度比较: 某区人民政府 2023 → 2024\n")
    assert "| 单元格 | 上年 | 本年 | 增减 | 变化率 |" in md
    assert "| 表三 一、本年新收政府信息公开申请数量 × 自然人 | 5 | — | -5 | -100.0% |" in md
    data = json.loads(c.to_json())
    assert data["previous"] == {"agency": "某区人民政府", "year": 2023}
    assert [f["code"] for f in data["findings"]] == [f.code for f in c.findings]
    fee = next(x for x in data["diff"]["cells"] if x["key"] == ["二", "fees", "amount"])
    assert fee == {
        "key": ["二", "fees", "amount"],
        "address": ["二", "行政事业性收费", "本年收费金额（单位：万元）"],
        "path": "$.active_disclosure.fees",
        "previous": None,
        "current": "0.5",
        "absolute": "0.5",
        "relative": None,
    }
    assert data["diff"]["duplicate_ratio"] == 1.0
    assert json.loads(c.to_json("en"))["findings"][0]["message"].startswith("table 三")
    empty = compare(in_year(this, 2023), this)
    assert "数据变化 (0):\n  无\n" in empty.to_text()


def test_catalogue_lists_the_cross_year_codes() -> None:
    cat = catalogue()
    assert cat["xyear.carry-over"].severity is Severity.ERROR
    assert cat["xyear.not-comparable"].severity is Severity.ERROR
    assert cat["xyear.in-force"].severity is Severity.WARNING
    assert cat["xyear.duplicate-text"].severity is Severity.WARNING
    for code, entry in cat.items():
        if code.startswith(("xyear.", "consolidate.")):
            zh = {f for _, f, _, _ in string.Formatter().parse(entry.template_zh) if f}
            en = {f for _, f, _, _ in string.Formatter().parse(entry.template_en) if f}
            assert {f.removesuffix("_zh") for f in zh} == {f.removesuffix("_en") for f in en}, code
            assert entry.title_zh and entry.title_en and entry.basis, code


def test_check_with_previous_runs_the_cross_year_rules() -> None:
    import gov_disclosure

    this = report(
        2024,
        applications=build.applications(carried_over={"natural_person": 1}, disclosed={"natural_person": 1}),
    )
    found = gov_disclosure.check(this, previous=LAST).findings
    assert [f.location.column for f in found if f.code == "xyear.carry-over"] == [
        "natural_person",
        "commercial",
        "total",
    ]
    other = gov_disclosure.check(this, previous=report(2024, agency="别处")).findings
    assert [f.code for f in other if f.code.startswith("xyear.")] == ["xyear.not-comparable"]
