"""Cell rules: cell.negative, cell.not-integer, cell.blank."""

from __future__ import annotations

from decimal import Decimal

import attrs

from gov_disclosure import check
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import Severity
from gov_disclosure.model import CaseCounts, DocumentCounts, unchecked
from test_checks_tables import address, full_report, with_row


def test_negative_in_table_two_is_found_and_located() -> None:
    report = full_report()
    with unchecked():
        ad = attrs.evolve(report.active_disclosure, penalty=-3)
        report = attrs.evolve(report, active_disclosure=ad)
    result = check(report)
    assert result.codes == ("cell.negative",)
    f = result.findings[0]
    assert f.severity is Severity.ERROR
    assert f.cells == (address("二", "penalty", "decisions"),)
    assert f.location.key() == "二/penalty/decisions"
    assert f.location.path == "$.active_disclosure.penalty"
    assert f.message("zh") == "表二 行政处罚 × 本年处理决定数量为负数（-3）"
    assert f.message("en") == "table 二 行政处罚 × 本年处理决定数量 is negative (-3)"


def test_negative_fee_and_document_counts() -> None:
    report = full_report()
    with unchecked():
        ad = attrs.evolve(
            report.active_disclosure,
            fees=Decimal("-1.50"),
            rules=DocumentCounts(issued=0, repealed=-2, in_force=0),
        )
        report = attrs.evolve(report, active_disclosure=ad)
    result = check(report)
    negatives = [f for f in result.findings if f.code == "cell.negative"]
    assert [f.location.key() for f in negatives] == ["二/rules/repealed", "二/fees/amount"]
    assert negatives[1].message("zh") == "表二 行政事业性收费 × 本年收费金额（单位：万元）为负数（-1.50）"
    assert result.stats.by_rule["cell.negative"] == (200, 198, 2, 0)


def test_negative_in_tables_three_and_four() -> None:
    with unchecked():
        report = with_row(full_report(), "declined_repeated", research=-1, total=-1)
        rl = report.review_litigation
        report = attrs.evolve(
            report,
            review_litigation=attrs.evolve(
                rl, litigation_after_review=CaseCounts(upheld=0, corrected=0, other=0, pending=-2, total=-2)
            ),
        )
    result = check(report)
    negatives = [f.location.key() for f in result.findings if f.code == "cell.negative"]
    assert negatives == [
        "三/declined_repeated/research",
        "三/declined_repeated/total",
        "四/litigation_after_review/pending",
        "四/litigation_after_review/total",
    ]
    # The rows stay consistent; the （七）总计 of 科研机构 and 总计 no longer match the result rows.
    assert set(result.codes) == {"cell.negative", "t3.outcome-total"}


def test_not_integer() -> None:
    with unchecked():
        report = with_row(full_report(), "disclosed", natural_person=2.5)  # type: ignore[arg-type]
        report = with_row(report, "partly_disclosed", commercial=True)  # type: ignore[arg-type]
    result = check(report)
    found = [f for f in result.findings if f.code == "cell.not-integer"]
    assert [f.location.key() for f in found] == [
        "三/disclosed/natural_person",
        "三/partly_disclosed/commercial",
    ]
    assert found[0].message("zh") == "表三 （一）予以公开 × 自然人的值2.5不是整数（类型为float）"
    assert found[0].message("en") == "table 三 （一）予以公开 × 自然人 holds 2.5 (float), not a whole number"
    assert found[1].message("en") == (
        "table 三 （二）部分公开（区分处理的，只计这一情形，不计其他情形） × 商业企业 holds True (bool), "
        "not a whole number"
    )
    assert found[0].cells == (address("三", "disclosed", "natural_person"),)
    assert result.stats.by_rule["cell.not-integer"] == (199, 197, 2, 0)


def test_integer_cells_pass() -> None:
    result = check(full_report(), select=["cell."])
    assert result.findings == ()
    assert result.stats.by_rule["cell.not-integer"] == (199, 199, 0, 0)
    assert result.stats.by_rule["cell.negative"] == (200, 200, 0, 0)
    assert result.stats.by_rule["cell.blank"] == (200, 200, 0, 0)


def test_example_has_exactly_one_blank_notice() -> None:
    result = check(naidong_2024())
    assert result.codes == ("cell.blank",)
    assert result.ok
    f = result.findings[0]
    assert f.severity is Severity.NOTICE
    assert len(f.cells) == 197
    assert dict(f.args) == {"count": 197, "t2": 7, "t3": 175, "t4": 15}
    assert address("三", "received", "natural_person") in f.cells
    assert address("二", "normative_documents", "issued") not in f.cells
    assert f.message("zh") == "197个单元格空白（表二7个、表三175个、表四15个）"
    assert f.message("en") == "197 cells are blank (table 二: 7, table 三: 175, table 四: 15)"


def test_blank_is_a_warning_under_strict_policy() -> None:
    result = check(naidong_2024(), blank_policy="strict")
    assert result.codes == ("cell.blank",)
    assert result.findings[0].severity is Severity.WARNING
    assert result.warnings == result.findings
    # Every arithmetic instance touches a blank: none is assessed.
    by = result.stats.by_rule
    assert by["t3.row-total"] == (25, 0, 0, 25)
    assert by["t4.total"] == (3, 0, 0, 3)
    assert by["t2.in-force"] == (2, 1, 0, 1)  # 行政规范性文件 1 / 0 / 1 is filled
