"""The check() API: ValidationReport, validate/is_valid, rules registry, select/ignore, waivers, outputs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest

import gov_disclosure
from gov_disclosure import check, findings, is_valid, validate
from gov_disclosure.checks import (
    CheckContext,
    Rule,
    RuleResult,
    ValidationReport,
    registered_rules,
    rule,
    unregister,
)
from gov_disclosure.checks import hierarchy as checks_hierarchy
from gov_disclosure.checks import xyear as checks_xyear
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import CodeInfo, Finding, FindingsError, Location, Severity, make
from gov_disclosure.model import Narrative, Report
from test_checks_tables import full_report, with_row


@pytest.fixture(autouse=True)
def caller_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Codes of the callers' rules in these tests, in the catalogue for one test only (other test files
    compare the catalogue with the docs)."""
    for info in (
        CodeInfo(
            code="test.short-agency",
            severity=Severity.WARNING,
            title_zh="机关名称过短",
            title_en="Agency name too short",
            template_zh="机关名称“{name}”过短",
            template_en="Agency name “{name}” is too short",
        ),
        CodeInfo(
            code="xyear.test-fake",
            severity=Severity.ERROR,
            title_zh="假",
            title_en="Fake",
            template_zh="上年{year}",
            template_en="previous {year}",
        ),
    ):
        monkeypatch.setitem(findings.core._CATALOGUE, info.code, info)


def bad_report() -> Report:
    """Errors (outcome-total in 自然人 and 总计), a warning (fee) and the blank notice."""
    report = with_row(full_report(), "disclosed", natural_person=7, total=9)
    report = with_row(report, "received", commercial=None, total=11)
    ad = attrs.evolve(report.active_disclosure, fees=Decimal("5"))
    return attrs.evolve(report, active_disclosure=ad)


def test_lazy_public_api() -> None:
    assert govd_check() is check


def govd_check() -> object:
    return gov_disclosure.check


def test_report_properties_and_order() -> None:
    result = check(bad_report())
    assert isinstance(result, ValidationReport)
    assert not result.ok and not result
    # Severity first, then form order: cells by row and column; a finding on a whole column after the rows.
    assert [(f.code, f.location.key()) for f in result.findings] == [
        ("t3.outcome-total", "三/outcome_total/natural_person"),
        ("t3.outcome-total", "三/outcome_total/total"),
        ("t3.balance", "三/commercial"),
        ("t3.balance", "三/total"),
        ("fee.section-six", "other_matters"),
        ("cell.blank", "$"),
    ]
    assert [f.code for f in result.errors] == [
        "t3.outcome-total",
        "t3.outcome-total",
        "t3.balance",
        "t3.balance",
    ]
    assert [f.code for f in result.warnings] == ["fee.section-six"]
    assert [f.code for f in result.notices] == ["cell.blank"]
    assert result.waived == ()


def test_to_text_both_languages() -> None:
    result = check(bad_report(), select=["fee.", "cell.blank"])
    assert result.to_text() == (
        "校验结果：通过（错误0个，警告1个，提示1个，已豁免0个）\n"
        "规则实例：运行201，通过199，未通过2，无法判断0\n"
        "[警告] fee.section-six: 表二“行政事业性收费”为5万元，但“六、其他需要报告的事项”未提及收费情况\n"
        "[提示] cell.blank: 1个单元格空白（表二0个、表三1个、表四0个）\n"
    )
    assert result.to_text("en") == (
        "Result: valid (0 errors, 1 warnings, 1 notices, 0 waived)\n"
        "Rule instances: 201 run, 199 passed, 2 failed, 0 not assessable\n"
        "[warning] fee.section-six: Table 二 states fees of 5 (万元), but section 六 says nothing about fees\n"
        "[notice] cell.blank: 1 cells are blank (table 二: 0, table 三: 1, table 四: 0)\n"
    )


def test_to_markdown_and_json_and_flatten() -> None:
    result = check(bad_report(), waive={"fee.section-six": "已在附件说明"})
    md = result.to_markdown()
    assert md.startswith("**校验结果：不通过（错误4个，警告0个，提示1个，已豁免1个）**\n")
    assert "| 级别 | 代码 | 位置 | 说明 |" in md
    assert "| 警告 | `fee.section-six` | 六、其他需要报告的事项 |" in md
    assert "（已豁免：已在附件说明）" in md
    assert "| Severity | Code | Location | Message |" in result.to_markdown("en")
    data = json.loads(result.to_json("en"))
    assert data["ok"] is False
    assert data["stats"]["by_rule"]["t3.balance"] == {"run": 7, "passed": 5, "failed": 2, "not_assessable": 0}
    fee = next(f for f in data["findings"] if f["code"] == "fee.section-six")
    assert fee["waived"] == "已在附件说明"
    assert fee["message"].endswith("(waived: 已在附件说明)")
    assert fee["cells"] == [["二", "行政事业性收费", "本年收费金额（单位：万元）"]]
    rows = result.flatten()
    assert rows[2] == {
        "code": "t3.balance",
        "severity": "error",
        "location": "三/commercial",
        "table": "三",
        "section": None,
        "row": None,
        "column": "commercial",
        "path": "$.applications.*.commercial",
        "line": None,
        "page": None,
        "cells": "; ".join(
            f"三 / {r} / 商业企业"
            for r in (
                "一、本年新收政府信息公开申请数量",
                "二、上年结转政府信息公开申请数量",
                "（七）总计",
                "四、结转下年度继续办理",
            )
        ),
        "message": rows[2]["message"],
        "waived": None,
    }
    assert next(r for r in rows if r["code"] == "fee.section-six")["waived"] == "已在附件说明"


def test_validate_and_is_valid() -> None:
    good = naidong_2024()
    assert validate(good) is good
    assert is_valid(good)
    with pytest.raises(FindingsError) as info:
        validate(bad_report())
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value.result, ValidationReport)
    assert len(info.value.result.errors) == len(info.value.errors) == 4
    assert str(info.value).startswith(
        "the report has 4 error finding(s):\n- t3.outcome-total: table 三 （七）总计 × 自然人 is 9, but the 21"
    )
    assert not is_valid(bad_report())
    # is_valid answers for the report's content; misuse raises.
    with pytest.raises(TypeError):
        is_valid("not a report")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="blank_policy"):
        is_valid(good, blank_policy="sometimes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="blank_polcy"):
        is_valid(good, blank_polcy="zero")


def test_misuse_raises() -> None:
    with pytest.raises(TypeError, match=r"expected a gov_disclosure\.Report"):
        check({"meta": {}})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="blank_policy"):
        check(naidong_2024(), blank_policy="lenient")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="matches no finding code"):
        check(naidong_2024(), select=["t5."])
    with pytest.raises(ValueError, match="matches no finding code"):
        check(naidong_2024(), ignore="t3.balanse")
    with pytest.raises(TypeError, match="previous"):
        check(naidong_2024(), previous="2023")  # type: ignore[arg-type]


def test_select_and_ignore_prefixes() -> None:
    result = check(bad_report(), select="t3.")
    assert set(result.codes) == {"t3.balance", "t3.outcome-total"}
    assert set(result.stats.by_rule) == {"t3.balance", "t3.outcome-total", "t3.row-total"}
    result = check(bad_report(), select=["t3"], ignore=["t3.balance"])
    assert set(result.codes) == {"t3.outcome-total"}
    result = check(bad_report(), ignore=("t3", "cell"))
    assert result.codes == ("fee.section-six",)


def test_waivers_by_code_and_by_location() -> None:
    waive = {("t3.outcome-total", "三/outcome_total/natural_person"): "已核实", "t3.balance": "口径不同"}
    result = check(bad_report(), waive=waive)
    assert len(result.findings) == 6  # waived findings stay
    assert [f.location.key() for f in result.errors] == ["三/outcome_total/total"]
    waived = {(f.code, f.location.key()): f.waived for f in result.waived}
    assert waived == {
        ("t3.balance", "三/commercial"): "口径不同",
        ("t3.outcome-total", "三/outcome_total/natural_person"): "已核实",
        ("t3.balance", "三/total"): "口径不同",
    }
    f = next(f for f in result.findings if f.waived == "已核实")
    assert f.message("zh").endswith("（已豁免：已核实）")
    assert "（已豁免：已核实）" in result.to_text()
    everything = {"t3.balance": "x", "t3.outcome-total": "y"}
    assert check(bad_report(), waive=everything).ok


def test_waiver_misuse() -> None:
    with pytest.raises(ValueError, match=r"unknown finding code 't3\.balanse'"):
        check(naidong_2024(), waive={"t3.balanse": "typo"})
    with pytest.raises(ValueError, match="needs a reason"):
        check(naidong_2024(), waive={"t3.balance": " "})
    with pytest.raises(TypeError, match="waiver key"):
        check(naidong_2024(), waive={("t3.balance",): "x"})


def test_crashing_rule_becomes_internal_error_and_others_run() -> None:
    def boom(ctx: CheckContext) -> list[Finding]:
        raise RuntimeError("kaput")

    result = check(bad_report(), extra_rules=[Rule(code="test.boom", func=boom)])
    assert "t3.balance" in result.codes
    (err,) = [f for f in result.findings if f.code == "internal-error"]
    assert err.message("zh") == "检查“test.boom”运行出错：RuntimeError: kaput"
    assert err.message("en") == "The check test.boom failed to run: RuntimeError: kaput"
    assert result.stats.by_rule["test.boom"] == (1, 0, 1, 0)
    assert not check(naidong_2024(), extra_rules=[Rule(code="test.boom", func=boom)]).ok


def test_rule_returning_junk_is_an_internal_error() -> None:
    result = check(naidong_2024(), extra_rules=[Rule(code="test.junk", func=lambda ctx: ["not a finding"])])
    (err,) = [f for f in result.findings if f.code == "internal-error"]
    assert "TypeError: a rule must return Finding objects" in err.message("en")


@pytest.fixture
def short_name_rule() -> Iterator[None]:
    @rule("test.short-agency")
    def short_name(ctx: CheckContext) -> list[Finding]:
        name = ctx.report.meta.agency
        return (
            [make("test.short-agency", location=Location(section="meta"), name=name)] if len(name) < 9 else []
        )

    yield
    unregister("test.short-agency")


def test_registered_rule_runs_and_counts_as_one_instance(short_name_rule: None) -> None:
    assert registered_rules()[-1].code == "test.short-agency"
    result = check(naidong_2024())
    assert result.codes == ("test.short-agency", "cell.blank")
    assert result.findings[0].message("en") == "Agency name “乃东区人民政府” is too short"
    assert result.stats.by_rule["test.short-agency"] == (1, 0, 1, 0)
    assert check(naidong_2024(), ignore="test").codes == ("cell.blank",)


def test_unregistered_rule_is_gone(short_name_rule: None) -> None:
    rules = {r.code for r in registered_rules()}
    assert "test.short-agency" in rules
    with pytest.raises(KeyError, match="no registered rule"):
        unregister("test.nothing")


def test_extra_rule_with_counts_and_replacing_a_builtin() -> None:
    def counted(ctx: CheckContext) -> RuleResult:
        return RuleResult([], passed=3, not_assessable=2)

    result = check(naidong_2024(), extra_rules=[Rule(code="t3.balance", func=counted)])
    assert result.stats.by_rule["t3.balance"] == (5, 3, 0, 2)


def test_stats_totals() -> None:
    result = check(full_report())
    s = result.stats
    assert s.run == s.passed + s.failed + s.not_assessable
    assert s.run == sum(r.run for r in s.by_rule.values())
    assert s.to_dict()["run"] == s.run


def test_previous_and_units_call_the_cross_year_and_hierarchy_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def xyear_findings(previous: Report, current: Report, duplicate_threshold: float = 0.5) -> list[Finding]:
        calls.append(duplicate_threshold)
        return [
            make(
                "xyear.test-fake",
                location=Location(table="三", row="carried_over", column="total"),
                year=previous.meta.year,
            )
        ]

    def hierarchy_findings(report: Report, units: object) -> list[Finding]:
        calls.append(units)
        raise RuntimeError("no units")

    monkeypatch.setattr(checks_xyear, "xyear_findings", xyear_findings)
    monkeypatch.setattr(checks_hierarchy, "hierarchy_findings", hierarchy_findings)
    prev = attrs.evolve(naidong_2024(), meta=attrs.evolve(naidong_2024().meta, year=2023))
    result = check(naidong_2024(), previous=prev, units=["a"], duplicate_threshold=0.8)
    assert calls == [0.8, ["a"]]
    assert "xyear.test-fake" in result.codes
    assert result.stats.by_rule["xyear"] == (1, 0, 1, 0)
    err = next(f for f in result.findings if f.code == "internal-error")
    assert err.args["rule"] == "consolidate"
    # Selecting only the cross-year codes skips the family of the other.
    result = check(naidong_2024(), previous=prev, units=["a"], select="xyear.")
    assert result.codes == ("xyear.test-fake",)
    assert check(naidong_2024(), previous=prev, ignore="xyear").codes == ("cell.blank",)


def test_check_never_raises_on_odd_narratives() -> None:
    report = attrs.evolve(
        naidong_2024(),
        overview=Narrative(
            paragraphs=("收到政府信息公开申请" + "九" * 50 + "件", "受理政府信息公开申请" * 100)
        ),
    )
    result = check(report)
    assert "internal-error" not in result.codes
