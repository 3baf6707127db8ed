"""Consolidation of units' reports and the hierarchy check (issue #6)."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import build, form
from gov_disclosure.cellview import cell_refs, cells, ref, replace_cell
from gov_disclosure.checks.hierarchy import hierarchy_findings
from gov_disclosure.consolidation import Consolidation, consolidate, summary_paragraph
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import Severity, catalogue
from gov_disclosure.model import (
    ActiveDisclosure,
    AgencyKind,
    ApplicantCounts,
    Applications,
    CaseCounts,
    DocumentCounts,
    Meta,
    Narrative,
    Report,
    ReviewLitigation,
    unchecked,
)
from gov_disclosure.strategies import reports

NAMES = st.text(alphabet="甲乙丙丁戊己庚辛壬癸", min_size=1, max_size=6)
SMALL_REPORTS = reports(max_count=1000, text=st.just("正文。"), names=NAMES, years=(2024, 2024))


def table_rule_errors(report: Report) -> list[str]:
    """The table rules of DESIGN.md §4 checked directly (blank as 0); one string per broken instance."""
    v = {r.key: (cells(report)[r.address] or 0) for r in cell_refs()}
    errors = []
    for c in form.APPLICATIONS.blocks[0].columns:
        g = {row.id: v[("三", row.id, c.id)] for row in form.APPLICATIONS.rows}
        if g["received"] + g["carried_over"] != g["outcome_total"] + g["carried_forward"]:
            errors.append(f"t3.balance {c.id}")
        if sum(g[r] for r in form.RESULT_ROWS) != g["outcome_total"]:
            errors.append(f"t3.outcome-total {c.id}")
    for row in form.APPLICATIONS.rows:
        if sum(v[("三", row.id, c)] for c in form.APPLICANT_COLUMNS) != v[("三", row.id, "total")]:
            errors.append(f"t3.row-total {row.id}")
    for block in form.REVIEW_LITIGATION.blocks:
        rid = block.rows[0].id
        if sum(v[("四", rid, p)] for p in form.CASE_PARTS) != v[("四", rid, "total")]:
            errors.append(f"t4.total {rid}")
    errors += [f"cell.negative {k}" for k, x in v.items() if x < 0]
    return errors


def named(report: Report, name: str, year: int | None = None) -> Report:
    meta = attrs.evolve(report.meta, agency=name, year=report.meta.year if year is None else year)
    return attrs.evolve(report, meta=meta)


def _scaled(value: Any, factor: int) -> Any:
    return None if value is None else value * factor


def variant(report: Report, name: str, perm: list[str], factor: int) -> Report:
    """Another consistent report: the applicant columns of table 三 permuted, every count scaled."""
    rows = {}
    for row in form.APPLICATIONS.rows:
        old = report.applications.row(row.id)
        values = {
            new: _scaled(getattr(old, c), factor) for c, new in zip(form.APPLICANT_COLUMNS, perm, strict=True)
        }
        rows[row.id] = ApplicantCounts(**values, total=_scaled(old.total, factor))
    ad = report.active_disclosure
    return attrs.evolve(
        report,
        meta=attrs.evolve(report.meta, agency=name),
        applications=Applications(**rows),
        active_disclosure=ActiveDisclosure(
            rules=DocumentCounts(**{k: _scaled(v, factor) for k, v in attrs.asdict(ad.rules).items()}),
            normative_documents=ad.normative_documents,
            licensing=_scaled(ad.licensing, factor),
            penalty=ad.penalty,
            coercion=ad.coercion,
            fees=_scaled(ad.fees, factor),
        ),
        review_litigation=ReviewLitigation(
            **{
                b: CaseCounts(
                    **{
                        k: _scaled(v, factor)
                        for k, v in attrs.asdict(getattr(report.review_litigation, b)).items()
                    }
                )
                for b in ("reconsideration", "litigation_direct", "litigation_after_review")
            }
        ),
    )


@st.composite
def units(draw: st.DrawFn, min_size: int = 0, max_size: int = 6) -> list[Report]:
    """Consistent reports of 2024 with distinct agency names.

    Drawing a report with ``reports()`` is slow (one draw per cell), so one or two are drawn and the others
    derived from them (applicant columns permuted, counts scaled), which keeps every rule.
    """
    bases = draw(st.lists(SMALL_REPORTS, min_size=1, max_size=2))
    n = draw(st.integers(min_size, max_size))
    out = []
    for i in range(n):
        base = bases[draw(st.integers(0, len(bases) - 1))]
        perm = draw(st.permutations(form.APPLICANT_COLUMNS))
        out.append(variant(base, f"单位{i}", list(perm), draw(st.integers(1, 3))))
    return out


def unit(name: str, **rows: Any) -> Report:
    return Report(meta=Meta(agency=name, year=2024), applications=build.applications(**rows))


# ---------------------------------------------------------------------------------------------------------
# Properties


@settings(max_examples=25, deadline=None)
@given(units())
def test_consolidation_of_consistent_reports_is_consistent(us: list[Report]) -> None:
    result = consolidate(us, agency="某区人民政府", year=2024)
    assert table_rule_errors(result.report) == []
    assert result.flagged == () and result.refused == ()
    assert result.included == tuple(u.meta.agency for u in us)


@settings(max_examples=15, deadline=None)
@given(units(max_size=4))
def test_consolidation_passes_check(us: list[Report]) -> None:
    import gov_disclosure

    result = consolidate(us, agency="某区人民政府", year=2024, narrative=True)
    findings = gov_disclosure.check(result.report).findings
    assert [f for f in findings if f.severity is Severity.ERROR and f.location.table is not None] == []
    # The generated paragraph quotes the summed figures: the text rule finds them equal to the table.
    assert [f for f in findings if f.code == "text.figure-mismatch"] == []


@settings(max_examples=25, deadline=None)
@given(units(), st.randoms(use_true_random=False))
def test_consolidation_is_order_independent(us: list[Report], rnd: Any) -> None:
    shuffled = list(us)
    rnd.shuffle(shuffled)
    a = consolidate(us, agency="某区", year=2024, narrative=True)
    b = consolidate(shuffled, agency="某区", year=2024, narrative=True)
    assert a.report == b.report
    assert sorted(a.included) == sorted(b.included)


@settings(max_examples=25, deadline=None)
@given(units(max_size=8), st.data())
def test_consolidation_is_associative(us: list[Report], data: st.DataObject) -> None:
    """Consolidating district sums equals consolidating all units at once."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(us)), max_size=3)))
    bounds = [0, *cuts, len(us)]
    districts = [
        consolidate(us[a:b], agency=f"第{k}区", year=2024).report
        for k, (a, b) in enumerate(itertools.pairwise(bounds))
    ]
    city = consolidate(districts, agency="某市", year=2024)
    direct = consolidate(us, agency="某市", year=2024)
    assert city.report == direct.report


@settings(max_examples=20, deadline=None)
@given(units(min_size=1, max_size=5))
def test_hierarchy_check_passes_on_its_own_consolidation(us: list[Report]) -> None:
    report = consolidate(us, agency="某区", year=2024).report
    assert hierarchy_findings(report, us) == []


@settings(max_examples=25, deadline=None)
@given(units(min_size=1, max_size=4), st.sampled_from(cell_refs()), st.integers(1, 50))
def test_hierarchy_check_finds_any_changed_cell(us: list[Report], cell: Any, delta: int) -> None:
    report = consolidate(us, agency="某区", year=2024).report
    old = cells(report)[cell.address]
    if cell.row.unit == "amount":
        new: Any = (old or Decimal(0)) + Decimal(delta)
    else:
        new = (old or 0) + delta
    findings = hierarchy_findings(replace_cell(report, cell, new), us)
    assert [(f.code, f.cells, f.location.path) for f in findings] == [
        ("consolidate.mismatch", (cell.address,), cell.json_path)
    ]
    assert findings[0].args["stated"] == new
    assert findings[0].args["summed"] == old
    assert [v for _, v in findings[0].args["unit_values"]] == [cells(u)[cell.address] for u in us]


# ---------------------------------------------------------------------------------------------------------
# Sums, blanks and fees


def test_blank_plus_blank_is_blank_and_blank_plus_n_is_n() -> None:
    a = unit("甲", received={"natural_person": 2}, carried_forward={"natural_person": 2})
    b = unit("乙", received={"commercial": None})
    result = consolidate([a, b], agency="某区", year=2024)
    apps = result.report.applications
    assert apps.received == ApplicantCounts(natural_person=2, total=2)
    assert apps.received.commercial is None
    assert apps.disclosed == ApplicantCounts()


def test_zero_plus_blank_is_zero() -> None:
    a = unit("甲", received={"natural_person": 0})
    b = unit("乙")
    assert consolidate([a, b], agency="某区", year=2024).report.applications.received.natural_person == 0


def test_fees_are_summed_exactly() -> None:
    def with_fee(name: str, fee: str | None) -> Report:
        return Report(
            meta=Meta(agency=name, year=2024),
            active_disclosure=ActiveDisclosure(fees=None if fee is None else Decimal(fee)),
        )

    fees = ["0.1", "0.2", "12345678901234567890.0001", None, "0.00005"]
    result = consolidate([with_fee(f"单位{i}", f) for i, f in enumerate(fees)], agency="某区", year=2024)
    total = result.report.active_disclosure.fees
    assert isinstance(total, Decimal)
    assert str(total) == "12345678901234567890.30015"
    only_blank = consolidate([with_fee("甲", None), with_fee("乙", None)], agency="某区", year=2024)
    assert only_blank.report.active_disclosure.fees is None


def test_consolidated_meta_and_empty_narrative() -> None:
    result = consolidate([naidong_2024()], agency="山南市人民政府", year=2024)
    meta = result.report.meta
    assert (meta.agency, meta.year, meta.kind) == ("山南市人民政府", 2024, AgencyKind.GOVERNMENT)
    assert meta.period_start is not None and meta.period_start.isoformat() == "2024-01-01"
    assert meta.period_end is not None and meta.period_end.isoformat() == "2024-12-31"
    r = result.report
    for name in ("overview", "problems", "other_matters", "applications_text"):
        assert getattr(r, name) == Narrative()
    assert r.preamble == ()
    assert r.active_disclosure == naidong_2024().active_disclosure
    dept = consolidate([], agency="某局", year=2024, kind=AgencyKind.DEPARTMENT)
    assert dept.report.meta.kind is AgencyKind.DEPARTMENT
    assert dept.report.applications == consolidate([], agency="x", year=2024).report.applications


def test_generated_narrative_states_the_summed_figures() -> None:
    a = unit(
        "甲",
        received={"natural_person": 3},
        carried_over={"natural_person": 1},
        disclosed={"natural_person": 3},
        carried_forward={"natural_person": 1},
    )
    b = unit("乙", received={"commercial": 2}, unable_not_held={"commercial": 2})
    result = consolidate([a, b], agency="某区人民政府", year=2024, narrative=True)
    assert result.report.overview.paragraphs == (
        "2024年，某区人民政府本年新收政府信息公开申请5件，上年结转1件，办结5件，结转下年度继续办理1件。",
    )
    assert result.report.problems == Narrative()


def test_summary_paragraph_reads_blank_totals_as_zero() -> None:
    text = summary_paragraph(build.applications())
    assert text == "本年新收政府信息公开申请0件，上年结转0件，办结0件，结转下年度继续办理0件。"


# ---------------------------------------------------------------------------------------------------------
# The manifest


def test_other_year_and_duplicates_are_refused_with_reasons() -> None:
    a = unit("甲镇", received={"natural_person": 1}, carried_forward={"natural_person": 1})
    old = named(a, "乙镇", year=2023)
    again = named(a, "甲　镇")  # the same unit, written with an ideographic space
    result = consolidate([a, old, again], agency="某区", year=2024)
    assert result.included == ("甲镇",)
    assert [(r.unit, r.index, r.reason) for r in result.refused] == [
        ("乙镇", 1, "other-year"),
        ("甲　镇", 2, "duplicate"),
    ]
    assert result.refused[0].message() == "报告年度为2023年，不是2024年"
    assert result.refused[0].message("en") == "its report is for 2023, not 2024"
    assert result.refused[1].message() == "与第1份报告为同一单位，重复"
    assert result.report.applications.received.total == 1
    messages = [f.message() for f in result.findings]
    assert messages == [
        "单位“乙镇”（第2份）未计入合计：报告年度为2023年，不是2024年",
        "单位“甲　镇”（第3份）未计入合计：与第1份报告为同一单位，重复",
    ]
    assert not result.complete


def test_expected_missing_and_unexpected() -> None:
    result = consolidate(
        [unit("甲镇"), unit("丙镇"), named(unit("乙镇"), "乙镇", year=2023)],
        agency="某区",
        year=2024,
        expected=["甲镇", "乙镇", "丁镇"],
    )
    assert result.missing == ("乙镇", "丁镇")
    assert result.unexpected == ("丙镇",)
    missing = [f for f in result.findings if f.code == "consolidate.missing-unit"]
    assert [f.message() for f in missing] == [
        "应汇总的单位“乙镇”没有报告计入合计",
        "应汇总的单位“丁镇”没有报告计入合计",
    ]
    assert missing[0].message("en") == "No report of the expected unit 乙镇 was summed"
    assert consolidate([unit("甲镇")], agency="某区", year=2024, expected=["甲镇"]).complete


def test_unit_with_own_errors_is_included_but_flagged() -> None:
    good = unit("甲", received={"natural_person": 1}, carried_forward={"natural_person": 1})
    # 一 + 二 ≠ （七）总计 + 四 in the 自然人 and 总计 columns: the unit's error would be summed.
    bad = unit("乙", received={"natural_person": 4}, disclosed={"natural_person": 1})
    result = consolidate([good, bad], agency="某区", year=2024)
    assert result.included == ("甲", "乙")
    assert [(f.unit, f.index, f.rules) for f in result.flagged] == [("乙", 1, ("t3.balance",))]
    assert result.report.applications.received.natural_person == 5
    assert table_rule_errors(result.report) == ["t3.balance natural_person", "t3.balance total"]
    [finding] = [f for f in result.findings if f.code == "consolidate.unit-errors"]
    assert finding.severity is Severity.WARNING
    assert finding.message() == "单位“乙”的报告表格有错误（t3.balance），其数据已计入合计，请先核实"
    assert {f.code for f in result.flagged[0].findings} >= {"t3.balance"}


def test_every_kind_of_table_error_is_flagged() -> None:
    base = unit("甲", received={"natural_person": 1}, disclosed={"natural_person": 1})
    broken_total = replace_cell(base, ref("三", "received", "total"), 7)
    broken_outcome = replace_cell(base, ref("三", "outcome_total", "natural_person"), 0)
    broken_t4 = replace_cell(base, ref("四", "reconsideration", "upheld"), 1)
    with unchecked():
        negative = replace_cell(base, ref("二", "licensing", "decisions"), -3)
    us = [
        named(r, f"单位{i}") for i, r in enumerate([base, broken_total, broken_outcome, broken_t4, negative])
    ]
    result = consolidate(us, agency="某区", year=2024)
    assert [(f.index, f.rules) for f in result.flagged] == [
        (1, ("t3.balance", "t3.row-total")),
        (2, ("t3.balance", "t3.outcome-total", "t3.row-total")),
        (3, ("t4.total",)),
        (4, ("cell.negative",)),
    ]
    # The sum keeps what the units state, even a negative total.
    assert result.report.active_disclosure.licensing == -3


def test_misuse_raises_clear_errors() -> None:
    with pytest.raises(TypeError, match=r"unit report #2: expected a gov_disclosure.Report, got dict"):
        consolidate([unit("甲"), {}], agency="某区", year=2024)  # type: ignore[list-item]
    with unchecked():
        weird = replace_cell(unit("乙"), ref("三", "received", "natural_person"), "5")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"unit '乙', 表三 一、本年新收政府信息公开申请数量 × 自然人 "):
        consolidate([unit("甲"), weird], agency="某区", year=2024)
    with pytest.raises(TypeError, match="year must be an int"):
        consolidate([], agency="某区", year="2024")  # type: ignore[arg-type]


def test_consolidation_is_frozen_and_hashable() -> None:
    result = consolidate([unit("甲"), unit("甲")], agency="某区", year=2024, expected=["乙"])
    assert isinstance(result, Consolidation)
    assert hash(result) == hash(
        consolidate([unit("甲"), unit("甲")], agency="某区", year=2024, expected=["乙"])
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.included = ()  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------------------
# Hierarchy check


def test_mismatch_names_the_cell_the_values_and_every_unit() -> None:
    a = unit("甲镇", received={"natural_person": 2}, carried_forward={"natural_person": 2})
    b = unit("乙镇", received={"natural_person": 3}, carried_forward={"natural_person": 3})
    c = unit("丙镇")
    published = consolidate([a, b, c], agency="某区", year=2024).report
    published = replace_cell(published, ref("三", "received", "natural_person"), 6)
    findings = hierarchy_findings(published, [a, b, c])
    assert len(findings) == 1
    f = findings[0]
    assert f.code == "consolidate.mismatch" and f.severity is Severity.ERROR
    assert f.cells == (("三", "一、本年新收政府信息公开申请数量", "自然人"),)
    assert (f.location.table, f.location.row, f.location.column) == ("三", "received", "natural_person")
    assert f.location.path == "$.applications.received.natural_person"
    assert f.args["stated"] == 6 and f.args["summed"] == 5 and f.args["difference"] == 1
    assert f.args["unit_values"] == (("甲镇", 2), ("乙镇", 3), ("丙镇", None))
    assert f.message() == (
        "表三 一、本年新收政府信息公开申请数量 × 自然人：合并报告填报6，各单位合计5（相差1；甲镇=2, 乙镇=3）"
    )
    assert f.message("en") == (
        "table 三 一、本年新收政府信息公开申请数量 × 自然人: the consolidated report states 6, its units sum "
        "to 5 (difference 1; 甲镇=2, 乙镇=3)"
    )


def test_blank_stated_against_a_sum_is_a_mismatch_but_blank_against_zero_is_not() -> None:
    a = unit("甲", received={"natural_person": 0})
    blank = Report(meta=Meta(agency="某区", year=2024))
    assert hierarchy_findings(blank, [a]) == []
    b = unit("乙", received={"natural_person": 4}, carried_forward={"natural_person": 4})
    findings = hierarchy_findings(blank, [a, b])
    assert {f.location.key() for f in findings} == {
        "三/received/natural_person",
        "三/received/total",
        "三/carried_forward/natural_person",
        "三/carried_forward/total",
    }
    assert (
        findings[0]
        .message()
        .startswith("表三 一、本年新收政府信息公开申请数量 × 自然人：合并报告填报—，各单位合计4")
    )


def test_fee_stated_rounded_to_its_places_agrees() -> None:
    def fee(name: str, amount: str | None) -> Report:
        return Report(
            meta=Meta(agency=name, year=2024),
            active_disclosure=ActiveDisclosure(fees=None if amount is None else Decimal(amount)),
        )

    us = [fee("甲", "1.234"), fee("乙", "2.345")]  # exact sum 3.579
    for stated, ok in [
        ("3.579", True),
        ("3.58", True),
        ("4", True),
        ("3.57", False),
        ("3.5", False),
        (None, False),
    ]:
        findings = hierarchy_findings(fee("某区", stated), us)
        assert (findings == []) is ok, stated
    [f] = hierarchy_findings(fee("某区", "3.57"), us)
    assert f.args["difference"] == Decimal("-0.009")
    assert f.cells == (("二", "行政事业性收费", "本年收费金额（单位：万元）"),)


def test_hierarchy_reports_refused_and_flagged_units() -> None:
    a = unit("甲", received={"natural_person": 1}, carried_forward={"natural_person": 1})
    old = named(a, "乙", year=2023)
    bad = unit("丙", received={"natural_person": 2})
    published = consolidate([a, bad], agency="某区", year=2024).report
    findings = hierarchy_findings(published, [a, old, bad, a])
    assert [f.code for f in findings] == [
        "consolidate.refused-unit",
        "consolidate.refused-unit",
        "consolidate.unit-errors",
    ]
    assert findings[2].args["unit"] == "丙"


def test_catalogue_lists_the_consolidation_codes() -> None:
    cat = catalogue()
    assert cat["consolidate.mismatch"].severity is Severity.ERROR
    for code in ("consolidate.unit-errors", "consolidate.refused-unit", "consolidate.missing-unit"):
        assert cat[code].severity is Severity.WARNING


def test_check_with_units_reports_mismatches() -> None:
    import gov_disclosure

    a = unit("甲镇", received={"natural_person": 2}, carried_forward={"natural_person": 2})
    published = consolidate([a], agency="某区", year=2024).report
    assert not [
        f for f in gov_disclosure.check(published, units=[a]).findings if f.code.startswith("consolidate.")
    ]
    wrong = replace_cell(published, ref("二", "licensing", "decisions"), 9)
    codes = [f.code for f in gov_disclosure.check(wrong, units=[a]).findings]
    assert codes.count("consolidate.mismatch") == 1
