"""Metadata rules: meta.period, meta.late and meta.early."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from gov_disclosure import check
from gov_disclosure.checks.meta import find_period
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import AgencyKind, Report


def with_meta(**changes: object) -> Report:
    report = naidong_2024()
    return attrs.evolve(report, meta=attrs.evolve(report.meta, **changes))


def test_period_from_meta_passes_and_fails() -> None:
    assert "meta.period" not in check(naidong_2024()).codes
    result = check(with_meta(period_end=dt.date(2024, 12, 30)), select="meta.period")
    assert result.codes == ("meta.period",)
    f = result.findings[0]
    assert (
        f.message("zh")
        == "统计期限为2024-01-01至2024-12-30，与报告年度2024年不符（应为2024-01-01至2024-12-31）"
    )
    assert f.message("en") == (
        "The statistical period is 2024-01-01 to 2024-12-30, which does not match the report year 2024 "
        "(expected 2024-01-01 to 2024-12-31)"
    )
    assert f.location.key() == "meta/period"
    assert result.ok


def test_period_from_preamble() -> None:
    report = with_meta(period_start=None, period_end=None)
    result = check(report, select="meta.period")
    assert result.findings == ()
    assert result.stats.by_rule["meta.period"] == (1, 1, 0, 0)
    wrong = attrs.evolve(report, preamble=("报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",))
    result = check(wrong, select="meta.period")
    assert result.codes == ("meta.period",)
    f = result.findings[0]
    assert f.location.key() == "preamble"
    assert f.location.path == "$.preamble[0]"
    assert f.args["actual_start"] == "2023-01-01"
    assert f.message("en").startswith("The statistical period is 2023-01-01 to 2023-12-31")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
            (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ),
        ("本报告统计时限为2024年1月1日至12月31日。", (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
        ("统计期间为２０２４年１月１日—２０２４年１２月３１日", (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
        ("数据统计期限为2024年1月1日到2024年6月30日", (dt.date(2024, 1, 1), dt.date(2024, 6, 30))),
        (
            "本报告统计期限为二〇二四年一月一日至十二月三十一日。",
            (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ),
        (
            "统计时间：二○二四年一月一日起至二○二四年十二月三十一日止",
            (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ),
        ("统计期限为2024年1月1日–2024年12月31日", (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
        ("2024年1月1日至6月30日开展专项行动", None),  # no 统计: not a statistical period
        ("统计工作。2024年1月1日至12月31日", None),  # not in the sentence of 统计
        ("统计期限为2024年2月30日至2024年12月31日", None),  # impossible date
        ("本报告由区政府办公室编制。", None),
    ],
)
def test_find_period(text: str, expected: tuple[dt.date, dt.date] | None) -> None:
    found = find_period((text,))
    assert (found[1] if found else None) == expected


def test_period_not_stated_is_not_assessable() -> None:
    report = attrs.evolve(with_meta(period_start=None, period_end=None), preamble=())
    result = check(report, select="meta.period")
    assert result.findings == ()
    assert result.stats.by_rule["meta.period"] == (1, 0, 0, 1)


def test_period_in_overview_when_no_preamble() -> None:
    report = attrs.evolve(with_meta(period_start=None, period_end=None), preamble=())
    overview = attrs.evolve(
        report.overview, paragraphs=("统计期限为2024年1月1日至2024年11月30日。", *report.overview.paragraphs)
    )
    result = check(attrs.evolve(report, overview=overview), select="meta.period")
    assert result.codes == ("meta.period",)
    assert result.findings[0].location.path == "$.overview.paragraphs[0]"


@pytest.mark.parametrize(
    ("kind", "published", "deadline", "days"),
    [
        (AgencyKind.GOVERNMENT, dt.date(2025, 4, 1), "2025-03-31", 1),
        (AgencyKind.DEPARTMENT, dt.date(2025, 2, 3), "2025-01-31", 3),
    ],
)
def test_late(kind: AgencyKind, published: dt.date, deadline: str, days: int) -> None:
    result = check(with_meta(kind=kind, published=published), select="meta.late")
    assert result.codes == ("meta.late",)
    f = result.findings[0]
    assert f.message("zh") == f"发布日期{published.isoformat()}晚于法定期限{deadline}，逾期{days}天"
    assert (
        f.message("en")
        == f"Published on {published.isoformat()}, {days} day(s) after the statutory deadline {deadline}"
    )
    assert f.location.key() == "meta/published"
    assert f.location.path == "$.meta.published"


def test_on_time_other_kind_and_unknown_date() -> None:
    assert (
        check(
            with_meta(kind=AgencyKind.DEPARTMENT, published=dt.date(2025, 1, 31)), select="meta.late"
        ).findings
        == ()
    )
    assert (
        check(
            with_meta(kind=AgencyKind.GOVERNMENT, published=dt.date(2025, 3, 31)), select="meta.late"
        ).findings
        == ()
    )
    other = check(with_meta(kind=AgencyKind.OTHER, published=dt.date(2025, 12, 1)), select="meta.late")
    assert other.findings == ()
    assert other.stats.by_rule["meta.late"].run == 0  # no statutory date: the rule does not apply
    unknown = check(with_meta(published=None), select="meta.late")
    assert unknown.findings == ()
    assert unknown.stats.by_rule["meta.late"] == (1, 0, 0, 1)


@pytest.mark.parametrize("kind", list(AgencyKind))
@pytest.mark.parametrize("published", [dt.date(2024, 1, 20), dt.date(2024, 12, 31), dt.date(2023, 3, 1)])
def test_published_within_the_report_year_is_early(kind: AgencyKind, published: dt.date) -> None:
    """2024年1月20日 for the report on 2024 (the year of the date is wrong): found for every kind of agency."""
    result = check(with_meta(kind=kind, published=published), select="meta.early")
    assert result.codes == ("meta.early",)
    f = result.findings[0]
    p = published.isoformat()
    assert f.message("zh") == (
        f"发布日期{p}不晚于报告年度2024年的最后一天（2024-12-31），年度报告应在年度结束后发布，日期可能有误"
    )
    assert f.message("en") == (
        f"Published on {p}, not after the last day of the report year 2024 (2024-12-31): an annual report is "
        "published after its year ends, so the date is probably wrong"
    )
    assert f.location.path == "$.meta.published"
    assert dict(f.args) == {"published": p, "year": 2024, "year_end": "2024-12-31"}


def test_published_after_the_report_year_is_not_early() -> None:
    assert check(naidong_2024(), select="meta.early").findings == ()
    assert check(with_meta(published=dt.date(2025, 1, 1)), select="meta.early").stats.by_rule[
        "meta.early"
    ] == (1, 1, 0, 0)
    unknown = check(with_meta(published=None), select="meta.early")
    assert unknown.findings == ()
    assert unknown.stats.by_rule["meta.early"] == (1, 0, 0, 1)
