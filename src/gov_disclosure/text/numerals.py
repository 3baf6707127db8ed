"""Chinese numerals for headings and item numbers: 一、…十一、, （一）, 1.

A small, dependency-free implementation of the ordinary (小写) Chinese numerals used to number the parts of
an official document, and their inverse:

>>> chinese_numeral(11), chinese_numeral(105), chinese_numeral(20010)
('十一', '一百零五', '二万零一十')
>>> section_number(2), sub_number(3), item_number(1)
('二、', '（三）', '1.')
>>> parse_chinese_numeral('九十九')
99

The reading follows the common convention (the one cn2an's ``an2cn`` uses): ``十`` for 10–19 at the start
(十一, not 一十一), ``一十`` inside a number (一百一十), one ``零`` for any run of missing places (一千零一).
Numbers from 0 to 99 999 999 (up to 万) are supported.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "DIGIT_VALUE",
    "MAX_NUMERAL",
    "UNIT_VALUE",
    "chinese_numeral",
    "item_number",
    "parse_chinese_numeral",
    "section_number",
    "sub_number",
]

#: The largest number :func:`chinese_numeral` writes.
MAX_NUMERAL: Final = 99_999_999

_DIGITS: Final = "零一二三四五六七八九"
_UNITS: Final = ("", "十", "百", "千")
#: The value of each Chinese digit (also 〇 for 零 and 两 for 二), for the readers of Chinese numbers.
DIGIT_VALUE: Final = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
#: The value of each unit below 万.
UNIT_VALUE: Final = {"十": 10, "百": 100, "千": 1000}


def _below_10000(n: int, *, leading: bool) -> str:
    """Write 1 ≤ n ≤ 9999; ``leading`` means nothing precedes it (so 10–19 read 十…, not 一十…)."""
    digits = [int(d) for d in f"{n:04d}"]
    out: list[str] = []
    pending_zero = False
    started = False
    for i, d in enumerate(digits):
        place = 3 - i
        if d == 0:
            if started:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        if not (d == 1 and place == 1 and leading and not started):
            out.append(_DIGITS[d])
        out.append(_UNITS[place])
        started = True
    return "".join(out)


def chinese_numeral(n: int) -> str:
    """The Chinese numeral of ``n`` (0 ≤ n ≤ 99 999 999), e.g. ``11`` → ``十一``, ``110`` → ``一百一十``.

    Raises:
        TypeError: ``n`` is not an ``int`` (``bool`` is refused).
        ValueError: ``n`` is out of range.
    """
    if type(n) is not int:
        raise TypeError(f"chinese_numeral: expected an int, got {type(n).__name__} {n!r}")
    if not 0 <= n <= MAX_NUMERAL:
        raise ValueError(f"chinese_numeral: expected 0 ≤ n ≤ {MAX_NUMERAL}, got {n}")
    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    if not high:
        return _below_10000(low, leading=True)
    out = _below_10000(high, leading=True) + "万"
    if low:
        if low < 1000:
            out += "零"
        out += _below_10000(low, leading=False)
    return out


def _positive(n: int, what: str) -> None:
    if type(n) is not int:
        raise TypeError(f"{what}: expected an int, got {type(n).__name__} {n!r}")
    if n < 1:
        raise ValueError(f"{what}: expected a number ≥ 1, got {n}")


def section_number(n: int) -> str:
    """A first-level heading number: ``一、`` … ``十一、`` (numeral and the enumeration comma U+3001)."""
    _positive(n, "section_number")
    return chinese_numeral(n) + "、"


def sub_number(n: int) -> str:
    """A second-level heading number in full-width parentheses: ``（一）`` … ``（十一）``."""
    _positive(n, "sub_number")
    return "（" + chinese_numeral(n) + "）"


def item_number(n: int) -> str:
    """A third-level item number: Arabic digits and an ASCII full stop, ``1.`` (as in the official tables)."""
    _positive(n, "item_number")
    return f"{n}."


def parse_chinese_numeral(text: str) -> int:
    """Read a Chinese numeral written as :func:`chinese_numeral` writes it (also ``〇``, ``两``, ``一十``).

    Raises:
        ValueError: ``text`` is not a Chinese numeral (the message quotes it).
    """
    if not text:
        raise ValueError("parse_chinese_numeral: empty text")
    total = 0
    section = 0
    digit: int | None = None
    for ch in text:
        if ch in DIGIT_VALUE:
            if digit is not None and digit != 0:
                raise ValueError(f"parse_chinese_numeral: two digits in a row in {text!r}")
            digit = DIGIT_VALUE[ch]
        elif ch in UNIT_VALUE:
            unit = UNIT_VALUE[ch]
            section += (1 if digit is None else digit) * unit
            digit = None
        elif ch == "万":
            if total:
                raise ValueError(f"parse_chinese_numeral: 万 twice in {text!r}")
            section += digit or 0
            if not section:
                raise ValueError(f"parse_chinese_numeral: 万 without a number before it in {text!r}")
            total = section * 10_000
            section = 0
            digit = None
        else:
            raise ValueError(f"parse_chinese_numeral: {ch!r} is not a Chinese numeral character in {text!r}")
    return total + section + (digit or 0)
