"""Accounting rules of tables 二、三、四: passing and failing cases with exact messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from gov_disclosure import build, check, form
from gov_disclosure.cellview import ref
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import (
    ActiveDisclosure,
    ApplicantCounts,
    Applications,
    DocumentCounts,
    Report,
    unchecked,
)

COLS = form.APPLICANT_COLUMNS


def row(*values: int) -> dict[str, int]:
    """A table-三 row from up to six applicant counts (the rest 0)."""
    padded = (*values, *(0,) * (len(COLS) - len(values)))
    return dict(zip(COLS, padded, strict=True))


def full_applications(**rows: dict[str, int] | ApplicantCounts) -> Applications:
    """A consistent, fully filled table 三 (every cell a number), with rows replaced as given."""
    base: dict[str, Any] = {r.id: row() for r in form.APPLICATIONS.rows if r.id != "outcome_total"}
    base.update(
        received=row(10, 2, 0, 0, 0, 1),
        carried_over=row(1),
        disclosed=row(6, 1, 0, 0, 0, 1),
        partly_disclosed=row(2),
        unable_not_held=row(1, 1),
        carried_forward=row(2),
    )
    base.update(rows)
    return build.applications(**base)


def full_report(**changes: Any) -> Report:
    """The bundled example with every table cell filled consistently (no finding at all)."""
    parts: dict[str, Any] = {
        "active_disclosure": ActiveDisclosure(
            rules=DocumentCounts(issued=0, repealed=0, in_force=0),
            normative_documents=DocumentCounts(issued=1, repealed=0, in_force=1),
            licensing=5,
            penalty=3,
            coercion=0,
            fees=Decimal("0"),
        ),
        "applications": full_applications(),
        "review_litigation": build.review_litigation(
            reconsideration={"upheld": 1, "corrected": 0, "other": 0, "pending": 1},
            litigation_direct={"upheld": 0, "corrected": 0, "other": 0, "pending": 0},
            litigation_after_review={"upheld": 0, "corrected": 0, "other": 0, "pending": 0},
        ),
    }
    parts.update(changes)
    return attrs.evolve(naidong_2024(), **parts)


def with_row(report: Report, row_id: str, **values: int | None) -> Report:
    """``report`` with some cells of one table-三 row changed (totals kept as stated)."""
    apps = report.applications
    return attrs.evolve(
        report, applications=attrs.evolve(apps, **{row_id: attrs.evolve(apps.row(row_id), **values)})
    )


def address(table: str, row_id: str, col: str) -> tuple[str, str, str]:
    return ref(table, row_id, col).address


# ---------------------------------------------------------------------------------------------------------


def test_full_report_has_no_finding() -> None:
    result = check(full_report())
    assert result.findings == ()
    assert result.ok
    by = result.stats.by_rule
    assert by["t3.balance"].run == 7 and by["t3.balance"].passed == 7
    assert by["t3.outcome-total"].run == 7
    assert by["t3.row-total"].run == 25
    assert by["t4.total"].run == 3
    assert by["t2.in-force"].run == 2


def test_balance_failure_message_location_and_cells() -> None:
    report = with_row(full_report(), "received", natural_person=11, total=14)
    result = check(report)
    assert [f.code for f in result.findings] == ["t3.balance", "t3.balance"]
    f = result.findings[0]
    assert f.location.key() == "三/natural_person"
    assert f.location.column_label == "自然人"
    assert f.location.path == "$.applications.*.natural_person"
    assert dict(f.args) == {"expected": 12, "actual": 11, "difference": -1}
    assert f.cells == tuple(
        address("三", r, "natural_person")
        for r in ("received", "carried_over", "outcome_total", "carried_forward")
    )
    assert f.message("zh") == "表三 × 自然人：第一项与第二项之和为12，第三项（七）与第四项之和为11，相差-1"
    assert f.message("en") == (
        "table 三 × 自然人: received + carried over = 12, but concluded (row （七）) + carried forward = 11 "
        "(difference -1)"
    )
    assert result.findings[1].location.column == "total"
    assert result.stats.by_rule["t3.balance"] == (7, 5, 2, 0)


def test_outcome_total_real_world_case() -> None:
    """（四）1 reads 3 | 0 | 0 | 0 | 0 | 2 | 5 and every other cell of table 三 is 0."""
    zeros = {r.id: dict(row(), total=0) for r in form.APPLICATIONS.rows}
    zeros["unable_not_held"] = {**row(3, 0, 0, 0, 0, 2), "total": 5}
    apps = Applications(**{k: ApplicantCounts(**v) for k, v in zeros.items()})
    result = check(full_report(applications=apps))
    assert [(f.code, f.location.column) for f in result.findings] == [
        ("t3.outcome-total", "natural_person"),
        ("t3.outcome-total", "other"),
        ("t3.outcome-total", "total"),
    ]
    f = result.findings[0]
    assert f.message("zh") == "表三 （七）总计 × 自然人为0，但其上21个办理结果行之和为3，相差-3"
    assert f.message("en") == (
        "table 三 （七）总计 × 自然人 is 0, but the 21 result rows above it sum to 3 (difference -3)"
    )
    assert f.location.key() == "三/outcome_total/natural_person"
    assert f.location.path == "$.applications.outcome_total.natural_person"
    assert len(f.cells) == 22
    assert address("三", "unable_not_held", "natural_person") in f.cells
    assert f.cells[-1] == address("三", "outcome_total", "natural_person")
    assert dict(result.findings[2].args) == {"expected": 5, "actual": 0, "difference": -5}


def test_row_total_failure() -> None:
    report = with_row(full_report(), "disclosed", total=9)
    result = check(report)
    # The 总计 column's result rows now sum to 13 while （七）总计 states 12.
    assert [(f.code, f.location.key()) for f in result.findings] == [
        ("t3.row-total", "三/disclosed/total"),
        ("t3.outcome-total", "三/outcome_total/total"),
    ]
    f = next(f for f in result.findings if f.code == "t3.row-total")
    assert f.message("zh") == "表三 （一）予以公开 × 总计为9，但自然人与法人或其他组织五列之和为8，相差1"
    assert f.message("en") == (
        "table 三 （一）予以公开 × 总计 is 9, but natural persons plus the five columns of legal persons and "
        "other organisations sum to 8 (difference 1)"
    )
    assert f.cells == tuple(address("三", "disclosed", c.id) for c in form.APPLICATIONS.blocks[0].columns)
    assert f.location.key() == "三/disclosed/total"


def test_t4_total_failure_and_pass() -> None:
    rl = full_report().review_litigation
    bad = attrs.evolve(rl, litigation_direct=attrs.evolve(rl.litigation_direct, total=3))
    result = check(full_report(review_litigation=bad))
    assert result.codes == ("t4.total",)
    f = result.findings[0]
    assert (
        f.message("zh")
        == "表四 未经复议直接起诉 × 总计为3，但结果维持、结果纠正、其他结果、尚未审结之和为0，相差3"
    )
    assert f.message("en") == (
        "table 四 未经复议直接起诉 × 总计 is 3, but upheld + corrected + other results + pending = 0 (difference 3)"
    )
    assert f.location.key() == "四/litigation_direct/total"
    assert f.location.path == "$.review_litigation.litigation_direct.total"
    assert f.cells == tuple(
        address("四", "litigation_direct", c) for c in ("upheld", "corrected", "other", "pending", "total")
    )
    assert result.stats.by_rule["t4.total"] == (3, 2, 1, 0)


def test_t2_in_force_warning_and_soft_pass() -> None:
    ad = full_report().active_disclosure
    bad = attrs.evolve(ad, normative_documents=DocumentCounts(issued=5, repealed=1, in_force=2))
    result = check(full_report(active_disclosure=bad))
    assert result.codes == ("t2.in-force",)
    assert result.ok  # a warning only
    f = result.findings[0]
    assert f.message("zh") == (
        "表二 行政规范性文件 × 现行有效件数为2，少于本年制发件数减本年废止件数（4），本年制发且未废止的文件应计入其中"
    )
    assert f.message("en") == (
        "table 二 行政规范性文件 × 现行有效件数 is 2, fewer than the documents issued minus those repealed this "
        "year (4); documents issued this year and not repealed should be in force"
    )
    assert f.cells == tuple(
        address("二", "normative_documents", c) for c in ("issued", "repealed", "in_force")
    )
    # Repealing more than issued (older documents) is fine, and so is an in-force count at the bound.
    ok = attrs.evolve(ad, normative_documents=DocumentCounts(issued=2, repealed=7, in_force=0))
    assert check(full_report(active_disclosure=ok)).findings == ()
    ok = attrs.evolve(ad, rules=DocumentCounts(issued=4, repealed=1, in_force=3))
    assert check(full_report(active_disclosure=ok)).findings == ()


def test_blank_counts_as_zero_under_zero_policy() -> None:
    # The stated 总计 of 一 is left blank: with blank = 0 it is wrong.
    report = with_row(full_report(), "received", total=None)
    result = check(report)
    assert set(result.codes) == {"t3.row-total", "t3.balance", "cell.blank"}
    f = next(f for f in result.findings if f.code == "t3.row-total")
    assert dict(f.args) == {"expected": 13, "actual": 0, "difference": -13, "actual_blank": True}


def test_strict_policy_makes_rules_touching_a_blank_not_assessable() -> None:
    report = with_row(full_report(), "received", total=None)
    result = check(report, blank_policy="strict")
    assert result.codes == ("cell.blank",)
    assert result.findings[0].severity.value == "warning"
    by = result.stats.by_rule
    assert by["t3.row-total"] == (25, 24, 0, 1)
    assert by["t3.balance"] == (7, 6, 0, 1)  # the 总计 column
    assert by["t3.outcome-total"] == (7, 7, 0, 0)  # 一 is not in that rule
    assert result.ok


def test_strict_policy_still_finds_errors_away_from_blanks() -> None:
    report = with_row(full_report(), "received", total=None)
    report = with_row(report, "disclosed", natural_person=7, total=9)
    result = check(report, blank_policy="strict")
    assert set(result.codes) == {"t3.outcome-total", "cell.blank"}
    # （七）总计 no longer matches in 自然人 and 总计; the balance of 总计 (which touches the blank) is not assessed.
    assert [f.location.column for f in result.errors] == ["natural_person", "total"]
    assert result.stats.by_rule["t3.balance"] == (7, 6, 0, 1)


def test_non_numbers_make_instances_not_assessable_without_crash() -> None:
    with unchecked():
        report = with_row(full_report(), "disclosed", natural_person="6")  # type: ignore[arg-type]
    result = check(report)
    assert result.codes == ("cell.not-integer",)
    by = result.stats.by_rule
    assert by["t3.row-total"].not_assessable == 1
    assert by["t3.outcome-total"].not_assessable == 1
    assert by["cell.negative"].not_assessable == 1


def test_float_cells_are_summed_and_reported_as_not_integer() -> None:
    with unchecked():
        report = with_row(full_report(), "disclosed", natural_person=6.0, total=8.0)  # type: ignore[arg-type]
    result = check(report)
    assert result.codes == ("cell.not-integer", "cell.not-integer")


@pytest.mark.parametrize("col", [c.id for c in form.APPLICATIONS.blocks[0].columns])
def test_every_column_balance_is_checked(col: str) -> None:
    report = with_row(full_report(), "carried_forward", **{col: 50})
    result = check(report)
    assert any(f.code == "t3.balance" and f.location.column == col for f in result.errors)


def _blank_total_report() -> Report:
    apps = build.applications(received={"natural_person": 3})
    apps = attrs.evolve(apps, received=attrs.evolve(apps.received, total=None))
    return attrs.evolve(naidong_2024(), applications=apps)


def test_a_blank_stated_total_is_called_blank_not_zero() -> None:
    (finding,) = check(_blank_total_report(), select="t3.row-total").findings
    assert dict(finding.args) == {"expected": 3, "actual": 0, "difference": -3, "actual_blank": True}
    assert finding.message("zh") == (
        "表三 一、本年新收政府信息公开申请数量 × 总计为空白（按0计），但自然人与法人或其他组织五列之和为3，相差-3"
    )
    assert finding.message("en") == (
        "table 三 一、本年新收政府信息公开申请数量 × 总计 is blank (counted as 0), but natural persons plus the five "
        "columns of legal persons and other organisations sum to 3 (difference -3)"
    )
    strict = check(_blank_total_report(), select="t3.row-total", blank_policy="strict")
    assert strict.findings == ()


def test_a_stated_zero_total_is_still_zero() -> None:
    apps = build.applications(received={"natural_person": 3})
    apps = attrs.evolve(apps, received=attrs.evolve(apps.received, total=0))
    (finding,) = check(attrs.evolve(naidong_2024(), applications=apps), select="t3.row-total").findings
    assert "actual_blank" not in finding.args
    assert "总计为0，" in finding.message("zh")


def test_blank_outcome_total_and_table_four_total_are_called_blank() -> None:
    apps = build.applications(received={"natural_person": 2}, disclosed={"natural_person": 2})
    apps = attrs.evolve(apps, outcome_total=attrs.evolve(apps.outcome_total, natural_person=None))
    rl = build.review_litigation(reconsideration={"upheld": 1})
    rl = attrs.evolve(rl, reconsideration=attrs.evolve(rl.reconsideration, total=None))
    report = attrs.evolve(naidong_2024(), applications=apps, review_litigation=rl)
    found = {f.code: f for f in check(report, select=("t3.outcome-total", "t4.total")).findings}
    assert found["t3.outcome-total"].args["actual_blank"] is True
    assert found["t4.total"].args["actual_blank"] is True
    assert "空白（按0计）" in found["t4.total"].message("zh")
