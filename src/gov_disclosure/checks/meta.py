"""Metadata rules: ``meta.period`` (statistical period), ``meta.late`` (publication deadline) and
``meta.early`` (a publication date within the report year).

- ``meta.period`` (warning), one instance: the statistical period must run from 1 January to 31 December of
  the report year. Taken from ``meta.period_start``/``meta.period_end`` when both are given, else from a
  sentence of the preamble (or of section 一) such as "统计期限自2024年1月1日起至2024年12月31日止" (dates in
  Arabic or Chinese numerals, read by the parsers' date reader); when neither states it, the instance is not
  assessable.
- ``meta.late`` (warning), one instance: the report was published after the statutory deadline of
  :meth:`gov_disclosure.model.AgencyKind.deadline` (departments of county-level-and-above governments: 31
  January; those governments: 31 March; Regulation art. 49). Agencies of kind ``OTHER`` have no statutory
  date: the rule does not apply (no instance). An unknown publication date is not assessable.
- ``meta.early`` (warning), one instance: the report was published after the year it reports on ended. A
  publication date on or before 31 December of the report year is impossible for an annual report: the date
  (its year, most often) is wrong, or it is not the report's own date. An unknown publication date is not
  assessable.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Final

from ..findings import Finding, Location, Severity, define, make
from ..text.dates import PERIOD_RE, period_of
from ..text.fold import nfkc
from .base import CheckContext, Counted, Rule, register

__all__ = ["find_period"]

define(
    "meta.period",
    Severity.WARNING,
    title_zh="统计期限与报告年度不符",
    title_en="Statistical period does not match the report year",
    template_zh="统计期限为{actual_start}至{actual_end}，与报告年度{year}年不符（应为{expected_start}至{expected_end}）",
    template_en=(
        "The statistical period is {actual_start} to {actual_end}, which does not match the report year "
        "{year} (expected {expected_start} to {expected_end})"
    ),
    basis="format.md §2.1, §6; §8 C14",
)
define(
    "meta.late",
    Severity.WARNING,
    title_zh="逾期发布",
    title_en="Published late",
    template_zh="发布日期{published}晚于法定期限{deadline}，逾期{days}天",
    template_en="Published on {published}, {days} day(s) after the statutory deadline {deadline}",
    basis="Regulation art. 49; format.md §6; §8 C11",
)

define(
    "meta.early",
    Severity.WARNING,
    title_zh="发布日期早于报告年度结束",
    title_en="Published before the report year ended",
    template_zh="发布日期{published}不晚于报告年度{year}年的最后一天（{year_end}），年度报告应在年度结束后发布，日期可能有误",
    template_en=(
        "Published on {published}, not after the last day of the report year {year} ({year_end}): an annual "
        "report is published after its year ends, so the date is probably wrong"
    ),
    basis="Regulation art. 49; format.md §6 (the report covers the whole year)",
)

#: A period (Arabic or Chinese numerals) stated within 30 characters of 统计, in the same sentence.
_PERIOD: Final = re.compile(r"统计[^。]{0,30}?" + PERIOD_RE.pattern)


@lru_cache(maxsize=4096)
def _period_in(text: str) -> tuple[_dt.date, _dt.date] | None:
    if "统计" not in text:
        return None
    m = _PERIOD.search(nfkc(text))
    return None if m is None else period_of(m)


def find_period(paragraphs: tuple[str, ...]) -> tuple[int, tuple[_dt.date, _dt.date]] | None:
    """The first statistical period stated in ``paragraphs``, with the index of its paragraph.

    >>> find_period(("报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",))
    (0, (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)))
    """
    for i, p in enumerate(paragraphs):
        found = _period_in(p)
        if found is not None:
            return i, found
    return None


_META_PERIOD: Final = Location(section="meta", row="period", path="$.meta.period_start")
_META_PUBLISHED: Final = Location(section="meta", row="published", path="$.meta.published")


def period(ctx: CheckContext) -> Counted:
    """The statistical period is 1 January – 31 December of the report year."""
    meta = ctx.report.meta
    year = meta.year
    if meta.period_start is not None and meta.period_end is not None:
        start, end = meta.period_start, meta.period_end
        loc = _META_PERIOD
    else:
        hit = find_period(ctx.report.preamble)
        if hit is not None:
            loc = Location(section="preamble", path=f"$.preamble[{hit[0]}]")
        else:
            hit = find_period(ctx.report.overview.paragraphs)
            if hit is None:
                return [], 0, 0, 1
            loc = Location(section="overview", path=f"$.overview.paragraphs[{hit[0]}]")
        start, end = hit[1]
    expected_start, expected_end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    if start == expected_start and end == expected_end:
        return [], 1, 0, 0
    finding = make(
        "meta.period",
        location=loc,
        year=year,
        actual_start=start.isoformat(),
        actual_end=end.isoformat(),
        expected_start=expected_start.isoformat(),
        expected_end=expected_end.isoformat(),
    )
    return [finding], 0, 1, 0


def late(ctx: CheckContext) -> Counted:
    """Published no later than the statutory deadline of the agency's kind."""
    meta = ctx.report.meta
    deadline = meta.kind.deadline(meta.year)
    if deadline is None:
        return [], 0, 0, 0
    published = meta.published
    if published is None:
        return [], 0, 0, 1
    if published <= deadline:
        return [], 1, 0, 0
    found: list[Finding] = [
        make(
            "meta.late",
            location=_META_PUBLISHED,
            published=published.isoformat(),
            deadline=deadline.isoformat(),
            days=(published - deadline).days,
            kind=meta.kind.value,
        )
    ]
    return found, 0, 1, 0


def early(ctx: CheckContext) -> Counted:
    """Published after the report year ended (a date within the year is wrong)."""
    meta = ctx.report.meta
    published = meta.published
    if published is None:
        return [], 0, 0, 1
    year_end = _dt.date(meta.year, 12, 31)
    if published > year_end:
        return [], 1, 0, 0
    finding = make(
        "meta.early",
        location=_META_PUBLISHED,
        published=published.isoformat(),
        year=meta.year,
        year_end=year_end.isoformat(),
    )
    return [finding], 0, 1, 0


for _code, _func in (("meta.period", period), ("meta.late", late), ("meta.early", early)):
    register(Rule(code=_code, func=_func, description=(_func.__doc__ or "").split("\n", 1)[0], counted=True))
