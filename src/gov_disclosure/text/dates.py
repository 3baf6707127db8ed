"""Dates written in reports: ``2025年1月27日``, ``二〇二五年一月二十七日``, ``2025-01-27``, and statistical
periods such as ``自2024年1月1日起至2024年12月31日止``.

One reader for the parsers (:mod:`gov_disclosure.parsers.normalize`: the signing date, the period in the
preamble) and the checks (:mod:`gov_disclosure.checks.meta`: ``meta.period``). The patterns apply to
NFKC-folded text (full-width digits and marks as ASCII).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Final

from .numerals import parse_chinese_numeral

__all__ = ["DATE_RE", "PERIOD_RE", "YEAR_DIGITS", "cn_number", "date_of", "period_of"]

#: The circle and the letter O that dates often write for 〇.
_ZERO_LOOKALIKES: Final = str.maketrans(dict.fromkeys("○OoＯ", "〇"))
#: Four year digits, Arabic or Chinese (read digit by digit with :func:`cn_number`: 二〇二四).
YEAR_DIGITS: Final = r"\d{4}|[〇零○Oo一二三四五六七八九]{4}"
#: A month or day: one or two Arabic digits, or a Chinese number up to 三十一.
_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE_CN: Final = rf"(?P<y>{YEAR_DIGITS})\s*年\s*(?P<m>{_SMALL})\s*月\s*(?P<d>{_SMALL})\s*[日号]"
_DATE_ISO: Final = r"(?P<y2>\d{4})\s*[-/.]\s*(?P<m2>\d{1,2})\s*[-/.]\s*(?P<d2>\d{1,2})(?!\d)"
#: A date in Chinese (Arabic or Chinese numerals) or ISO-like form; read a match with :func:`date_of`.
DATE_RE: Final = re.compile(rf"(?:{_DATE_CN}|{_DATE_ISO})")
#: A period: a Chinese date, 起, a dash or 至/到, then an end date whose year may be left out; read a match
#: with :func:`period_of`.
PERIOD_RE: Final = re.compile(
    rf"{_DATE_CN}\s*起?\s*(?:至|到|—+|–+|-+|~|～|－)\s*"
    rf"(?:(?P<y3>{YEAR_DIGITS})\s*年\s*)?(?P<m3>{_SMALL})\s*月\s*(?P<d3>{_SMALL})\s*日"
)


def cn_number(text: str) -> int | None:
    """A year, month or day: Arabic digits, or a Chinese numeral read by
    :func:`~gov_disclosure.text.numerals.parse_chinese_numeral` (二〇二四 digit by digit, 二十七), with the
    circle and the letter O read as 〇; ``None`` when it is neither."""
    if text.isdigit():
        return int(text)
    try:
        return parse_chinese_numeral(text.translate(_ZERO_LOOKALIKES))
    except ValueError:
        return None


def _date(y: int | None, m: int | None, d: int | None) -> _dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:  # an impossible date such as 2月30日
        return None


def date_of(m: re.Match[str]) -> _dt.date | None:
    """The date of a :data:`DATE_RE` (or :data:`PERIOD_RE`) match; ``None`` for an impossible date."""
    if m.group("y") is not None:
        return _date(*(cn_number(m.group(k)) for k in ("y", "m", "d")))
    return _date(*(int(m.group(k)) for k in ("y2", "m2", "d2")))


def period_of(m: re.Match[str]) -> tuple[_dt.date, _dt.date] | None:
    """First and last day of a :data:`PERIOD_RE` match (the end's year defaults to the start's)."""
    start = date_of(m)
    if start is None:
        return None
    year = cn_number(m.group("y3")) if m.group("y3") else start.year
    end = _date(year, cn_number(m.group("m3")), cn_number(m.group("d3")))
    return None if end is None else (start, end)
