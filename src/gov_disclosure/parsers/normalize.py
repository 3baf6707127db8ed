"""Normalisation of labels, numeric cells and dates — never of narrative text.

Published reports fold full-width punctuation to ASCII (``（一）`` → ``(一)``), break labels with spaces or
line breaks (``结果维 持``, ``结\\n果\\n维\\n持``), pad cells with the ideographic space U+3000, write
blanks as
"—", "-", "/" or "无", and sometimes mirror the text in traditional characters. The functions here turn a
label into a *key* for lookup and a cell into a number, and say plainly when a cell cannot be read.

Rules for numeric cells (:func:`read_count`, :func:`read_amount`):

* NFKC folding (full-width digits and signs), then every kind of space is removed.
* Blank (``None``): the empty cell, dashes (``-``, ``--``, ``—``, ``——``, ``–``, ``−``), ``/``, ``\\``,
  ``无``.
* A count is a whole number, optionally with thousands separators (``1,234``) and a trailing unit
  (件, 项, 个, 次, 条, 家); a sign is kept (a negative count stated in a report is reported by the checks,
  not hidden). Anything else — words, decimals (``1.5`` or ``3.0``), other units — is a problem.
* An amount (万元) is a decimal number, optionally with thousands separators and a trailing ``万元`` or
  ``万``; the digits are kept exactly (``12.50`` stays ``Decimal("12.50")``). An amount in ``元`` is a
  problem (the cell is in 万元; converting silently would hide a mistake).
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Final, Literal

from ..text.dates import DATE_RE, PERIOD_RE, date_of, period_of
from ..text.fold import nfkc

__all__ = [
    "Problem",
    "find_date",
    "fold",
    "is_blank",
    "label_key",
    "read_amount",
    "read_count",
    "read_date",
    "strip_numbering",
]

#: Why a numeric cell could not be read.
Problem = Literal["not-a-number", "not-integer", "unit", "too-long"]

# Traditional characters that occur in the form's labels and headings, mapped to the simplified ones
# (only characters whose traditional form differs; enough for mirror sites, see format.md §9).
_TRADITIONAL: Final = str.maketrans(
    "萬業為舉於會體關決況辦務動區單發後復複處審屬廢開強當執護報據數無機權條構沒現確穩類係糾納組織經結繼續維"
    "繳罰範獲規計認議許訟訪訴詢請費轉過這進問項題額總補國實門與個級號檔衆眾內製",
    "万业为举于会体关决况办务动区单发后复复处审属废开强当执护报据数无机权条构没现确稳类系纠纳组织经结继续维"
    "缴罚范获规计认议许讼访诉询请费转过这进问项题额总补国实门与个级号档众众内制",
)
# Words, not characters (Taiwan vocabulary on mirror sites): applied after the character map.
_WORDS: Final = (("档案", "文件"), ("資訊", "信息"), ("资讯", "信息"))

_SPACE_RE: Final = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_QUOTES: Final = str.maketrans("", "", "“”\"'‘’「」『』")
_ITEM_NUMBER_RE: Final = re.compile(r"^(\d{1,2})[.、,:]")
_TRAILING_PUNCT_RE: Final = re.compile(r"[。.:;,]+$")
_NUMBERING_RE: Final = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、]|\(\d{1,2}\))"
)


def fold(text: str) -> str:
    """NFKC folding: full-width digits and punctuation to ASCII, compatibility forms to plain ones."""
    return nfkc(text)


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The lookup key of a label: folded, without any space, quotes or trailing punctuation.

    ``"（二）部分公开"``, ``"(二)部分公开"`` and ``"( 二 ) 部 分 公 开"`` have the same key; so do a label and
    its traditional-character mirror, and ``1、`` / ``1.`` item numbers.
    """
    key = _SPACE_RE.sub("", fold(text)).translate(_TRADITIONAL).translate(_QUOTES)
    for old, new in _WORDS:
        key = key.replace(old, new)
    key = key.replace("〔", "(").replace("〕", ")").replace("【", "(").replace("】", ")")
    key = _ITEM_NUMBER_RE.sub(r"\1.", key)
    return _TRAILING_PUNCT_RE.sub("", key)


def strip_numbering(key: str) -> str:
    """A label key without its leading numbering (``一、``, ``(一)``, ``1.``, ``(1)``)."""
    return _NUMBERING_RE.sub("", key, count=1)


# ---------------------------------------------------------------------------------------------------------
# Numbers

_BLANK_RE: Final = re.compile(r"^(?:[-—–―−‐‑‒/\\_~]*|无|無|空)$")
_COUNT_RE: Final = re.compile(r"^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:件|项|項|个|個|次|条|條|家)?$")
_AMOUNT_RE: Final = re.compile(r"^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))(\.\d+)?(万元|萬元|万|萬)?$")
_YUAN_RE: Final = re.compile(r"^[+\-−]?[\d,]*(?:\.\d+)?元$")
_DECIMAL_RE: Final = re.compile(r"^[+\-−]?[\d,]+\.\d+(?:件|项|个|次|条|家)?$")
_MAX_NUMBER_CHARS: Final = 40


def _clean_number(raw: str) -> str:
    return _SPACE_RE.sub("", fold(raw))


def is_blank(raw: str) -> bool:
    """True when a cell's text means "nothing stated": empty, a dash, a slash or 无."""
    return _BLANK_RE.match(_clean_number(raw)) is not None


def read_count(raw: str) -> tuple[int | None, Problem | None]:
    """Read a count cell: ``(value, None)``, ``(None, None)`` for a blank, or ``(None, problem)``."""
    if not raw:
        return None, None
    if raw.isascii() and raw.isdigit() and len(raw) <= _MAX_NUMBER_CHARS:
        return int(raw), None
    text = _clean_number(raw)
    if _BLANK_RE.match(text):
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
    if _BLANK_RE.match(text):
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
