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

from .numerals import DIGIT_VALUE

__all__ = ["DATE_RE", "PERIOD_RE", "YEAR_DIGITS", "cn_number", "date_of", "period_of"]

#: Digits of a date: the ordinary ones, and the circle and letter O that dates often use for 〇.
_CN_DIGITS: Final = {**DIGIT_VALUE, "○": 0, "O": 0, "o": 0, "Ｏ": 0}
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
    """A Chinese or Arabic number from 0 to 9999 (year digits read one by one, 十 for 10–99)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        head, _, tail = text.partition("十")
        if len(head) > 1 or len(tail) > 1:
            return None
        tens = _CN_DIGITS.get(head, -1) if head else 1
        ones = _CN_DIGITS.get(tail, -1) if tail else 0
        if tens < 0 or ones < 0:
            return None
        return tens * 10 + ones
    value = 0
    for ch in text:
        digit = _CN_DIGITS.get(ch)
        if digit is None:
            return None
        value = value * 10 + digit
    return value


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
