"""Reading numeric cells and date lines of a published report — never narrative text.

A cell is folded (NFKC) and stripped of every space, then read as blank (:mod:`gov_disclosure.text.blanks`),
a count (:func:`read_count`: a whole number, thousands separators and a unit such as 件 allowed, a sign
kept) or an amount in 万元 (:func:`read_amount`: a :class:`~decimal.Decimal`, digits kept exactly; 元 is a
problem), or a problem is said plainly. Label keys live in :mod:`gov_disclosure.text.fold`. See
``docs/parse.md``.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

from ..text.blanks import is_blank
from ..text.dates import DATE_RE, PERIOD_RE, date_of, period_of
from ..text.fold import nfkc, squeeze

__all__ = [
    "Problem",
    "find_date",
    "fold",
    "read_amount",
    "read_count",
    "read_date",
]

#: Why a numeric cell could not be read.
Problem = Literal["not-a-number", "not-integer", "unit", "too-long"]


def fold(text: str) -> str:
    """NFKC folding: full-width digits and punctuation to ASCII, compatibility forms to plain ones."""
    return nfkc(text)


# ---------------------------------------------------------------------------------------------------------
# Numbers

_COUNT_RE: Final = re.compile(r"^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:件|项|項|个|個|次|条|條|家)?$")
_AMOUNT_RE: Final = re.compile(r"^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))(\.\d+)?(万元|萬元|万|萬)?$")
_YUAN_RE: Final = re.compile(r"^[+\-−]?[\d,]*(?:\.\d+)?元$")
_DECIMAL_RE: Final = re.compile(r"^[+\-−]?[\d,]+\.\d+(?:件|项|个|次|条|家)?$")
_MAX_NUMBER_CHARS: Final = 40


def _clean_number(raw: str) -> str:
    return squeeze(nfkc(raw))


def read_count(raw: str) -> tuple[int | None, Problem | None]:
    """Read a count cell: ``(value, None)``, ``(None, None)`` for a blank, or ``(None, problem)``."""
    if not raw:
        return None, None
    if raw.isascii() and raw.isdigit() and len(raw) <= _MAX_NUMBER_CHARS:
        return int(raw), None
    text = _clean_number(raw)
    if is_blank(text):
        return None, None
    if len(text) > _MAX_NUMBER_CHARS:
        return None, "too-long"
    m = _COUNT_RE.match(text)
    if m is None:
        if _DECIMAL_RE.match(text):
            return None, "not-integer"
        return None, "not-a-number"
    value = int(m.group(2).replace(",", ""))
    return (-value if m.group(1) in ("-", "−") else value), None


def read_amount(raw: str) -> tuple[Decimal | None, Problem | None]:
    """Read an amount cell in 万元 (a :class:`~decimal.Decimal`, digits kept exactly)."""
    if not raw:
        return None, None
    text = _clean_number(raw)
    if is_blank(text):
        return None, None
    if len(text) > _MAX_NUMBER_CHARS:
        return None, "too-long"
    m = _AMOUNT_RE.match(text)
    if m is None:
        return None, ("unit" if _YUAN_RE.match(text) else "not-a-number")
    digits = (m.group(2) or "0").replace(",", "") + (m.group(3) or "")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid digits
        return None, "not-a-number"
    return (-value if m.group(1) in ("-", "−") else value), None


# ---------------------------------------------------------------------------------------------------------
# Dates


#: The longest line :func:`read_date` reads (二〇二五年十二月三十一日 with spaces is far shorter).
_MAX_DATE_LINE: Final = 60


def read_date(text: str) -> tuple[_dt.date | None, bool]:
    """Read a line that is only a date: ``(date, True)``; ``(None, True)`` if it looks like one but is
    not valid (e.g. 2月30日); ``(None, False)`` if it is not a date line at all.

    Accepts ``2025年1月27日``, ``二〇二五年一月二十七日``, ``2025-01-27``, ``2025/1/27``, ``2025.1.27``
    (full-width digits too).
    """
    if len(text) > _MAX_DATE_LINE:
        return None, False  # a sentence, not a date line (and no need to fold it)
    m = DATE_RE.fullmatch(fold(text).strip())
    if m is None:
        return None, False
    return date_of(m), True


def find_date(text: str, start: int = 0) -> tuple[_dt.date | None, int, int] | None:
    """The first date-like span in (folded) ``text`` from ``start``: ``(date or None, start, end)``."""
    m = DATE_RE.search(text, start)
    if m is None:
        return None
    return date_of(m), m.start(), m.end()


def find_period(text: str) -> tuple[_dt.date, _dt.date] | None:
    """The statistical period stated in a sentence, e.g. ``自2024年1月1日起至2024年12月31日止`` or
    ``2024年1月1日至12月31日`` (the end's year defaults to the start's)."""
    m = PERIOD_RE.search(fold(text))
    return None if m is None else period_of(m)
