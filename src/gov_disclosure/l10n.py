"""Chinese (zh_Hans_CN) formatting through babel: dates, counts, 万元 amounts, percentages, numerals.

>>> import datetime, decimal
>>> format_date(datetime.date(2025, 1, 27))
'2025年1月27日'
>>> format_count(826910), format_count(826910, grouping=False)
('826,910', '826910')
>>> format_amount(decimal.Decimal("1.50")), format_amount(decimal.Decimal("2.345"), places=2)
('1.50', '2.35')
>>> format_percent(decimal.Decimal("0.9705"), places=1)
'97.1%'

Rounding is 四舍五入 (ROUND_HALF_UP) everywhere: values are quantised with
:data:`decimal.ROUND_HALF_UP` before babel sees them, because babel itself rounds half-even. Amounts
and percentages are never converted to float.

The Chinese numerals for headings (一、, （一）, 1.) live in :mod:`gov_disclosure.text.numerals` and are
re-exported here.
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

from .text.numerals import chinese_numeral, item_number, parse_chinese_numeral, section_number, sub_number

__all__ = [
    "DATE_PATTERN",
    "LOCALE",
    "chinese_numeral",
    "format_amount",
    "format_count",
    "format_date",
    "format_percent",
    "item_number",
    "parse_chinese_numeral",
    "quantize_half_up",
    "section_number",
    "sub_number",
]

#: The babel locale used for every format.
LOCALE: Final = "zh_Hans_CN"
#: The date pattern (CLDR syntax): 2025年1月27日, no zero padding. Equal to CLDR's ``long`` zh date format,
#: pinned here so that a CLDR update cannot change published output.
DATE_PATTERN: Final = "y年M月d日"


def format_date(value: _dt.date) -> str:
    """A date as written in the sign-off and the narrative: ``2025年1月27日``."""
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise TypeError(f"format_date: expected a datetime.date, got {type(value).__name__} {value!r}")
    return _babel_date(value, DATE_PATTERN, locale=LOCALE)


def format_count(value: int, *, grouping: bool = True) -> str:
    """A count: grouped by thousands (``826,910``) for narrative text, or plain (``826910``) for tables."""
    if type(value) is not int:
        raise TypeError(f"format_count: expected an int, got {type(value).__name__} {value!r}")
    if not grouping:
        return str(value)
    return _babel_decimal(value, format="#,##0", locale=LOCALE)


def quantize_half_up(value: Decimal, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals with ROUND_HALF_UP (四舍五入): 2.345 → 2.35, 2.5 → 3."""
    if not isinstance(value, Decimal):
        raise TypeError(f"quantize_half_up: expected a Decimal, got {type(value).__name__} {value!r}")
    if type(places) is not int or places < 0:
        raise ValueError(f"quantize_half_up: expected places ≥ 0 (int), got {places!r}")
    if not value.is_finite():
        raise ValueError(f"quantize_half_up: expected a finite amount, got {value}")
    try:
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # pragma: no cover - only for absurd precisions
        raise ValueError(f"quantize_half_up: cannot round {value} to {places} places") from exc


def _places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only
    return max(0, -exponent)


def format_amount(value: Decimal, *, places: int | None = None, grouping: bool = False) -> str:
    """An amount in 万元, in fixed-point notation.

    Args:
        value: the amount; a finite :class:`~decimal.Decimal` (never a float).
        places: ``None`` keeps the decimals the value was given (``Decimal("1.50")`` → ``1.50``,
            ``Decimal("3")`` → ``3``, ``Decimal("1E+1")`` → ``10``); an int rounds to that many decimals with
            ROUND_HALF_UP and always writes them (``places=2``: ``3`` → ``3.00``).
        grouping: group thousands (``12,345.60``), for narrative text; tables print plain numbers.
    """
    if not isinstance(value, Decimal):
        raise TypeError(f"format_amount: expected a Decimal, got {type(value).__name__} {value!r}")
    if not value.is_finite():
        raise ValueError(f"format_amount: expected a finite amount, got {value}")
    if places is not None:
        value = quantize_half_up(value, places)
    if value.is_zero():
        value = abs(value)  # no "-0"
    digits = _places_of(value)
    if not grouping:
        return f"{value:.{digits}f}"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return _babel_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=False)


def format_percent(value: Decimal | int, *, places: int = 0) -> str:
    """A ratio as a percentage for narrative helpers: ``Decimal("0.9705")`` → ``97%`` (or ``97.1%``).

    The ratio is multiplied by 100 and rounded with ROUND_HALF_UP to ``places`` decimals.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(
            f"format_percent: expected a Decimal or int ratio, got {type(value).__name__} {value!r}"
        )
    percent = quantize_half_up(Decimal(value) * 100, places)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return _babel_decimal(percent, format=pattern, locale=LOCALE, decimal_quantization=False) + "%"
