"""fee.section-six: a fee amount in table 二 but nothing about fees in section 六."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from gov_disclosure import check
from gov_disclosure.model import Narrative, Report, Subsection, unchecked
from test_checks_tables import address, full_report


def with_fee(fee: Decimal | None, *six: str) -> Report:
    report = full_report()
    report = attrs.evolve(report, active_disclosure=attrs.evolve(report.active_disclosure, fees=fee))
    if six:
        report = attrs.evolve(report, other_matters=Narrative(paragraphs=six))
    return report


def test_fee_without_mention_is_a_warning() -> None:
    result = check(with_fee(Decimal("12.50")))
    assert result.codes == ("fee.section-six",)
    f = result.findings[0]
    assert f.message("zh") == "表二“行政事业性收费”为12.50万元，但“六、其他需要报告的事项”未提及收费情况"
    assert f.message("en") == "Table 二 states fees of 12.50 (万元), but section 六 says nothing about fees"
    assert f.cells == (address("二", "fees", "amount"),)
    assert f.location.key() == "other_matters"
    assert f.args["amount"] == Decimal("12.50")
    assert result.ok


@pytest.mark.parametrize(
    "six",
    [
        "本年度未收取信息处理费。",
        "依据《政府信息公开信息处理费管理办法》，本机关2024年没有收取信息处理费。",
        "本年度行政事业性收费按规定公开。",
        "申请人缴费情况：无。",
    ],
)
def test_any_mention_of_fees_passes(six: str) -> None:
    assert check(with_fee(Decimal("3"), six)).findings == ()


def test_mention_in_a_subsection_heading_passes() -> None:
    report = attrs.evolve(
        with_fee(Decimal("3")),
        other_matters=Narrative(
            subsections=(Subsection(heading="（一）收取信息处理费情况", paragraphs=("无。",)),)
        ),
    )
    assert check(report).findings == ()


def test_zero_or_blank_fee_passes() -> None:
    assert check(with_fee(Decimal("0"))).findings == ()
    blank = check(with_fee(None))
    assert blank.codes == ("cell.blank",)
    assert blank.stats.by_rule["fee.section-six"] == (1, 1, 0, 0)
    strict = check(with_fee(None), blank_policy="strict")
    assert strict.stats.by_rule["fee.section-six"] == (1, 0, 0, 1)


def test_fee_that_is_not_a_number_is_not_assessable() -> None:
    with unchecked():
        report = with_fee("12")  # type: ignore[arg-type]
    result = check(report, select="fee.")
    assert result.findings == ()
    assert result.stats.by_rule["fee.section-six"] == (1, 0, 0, 1)
