"""Chinese numerals: written for headings and item numbers (一、…十一、, （一）, 1.), and read back — the one
reader of Chinese numbers in the library (dates, figures in the narrative). See ``docs/render.md``.

>>> chinese_numeral(11), chinese_numeral(105), chinese_numeral(20010)
('十一', '一百零五', '二万零一十')
>>> section_number(2), sub_number(3), item_number(1)
('二、', '（三）', '1.')
>>> parse_chinese_numeral('九十九')
99

Writing follows cn2an's ``an2cn`` (十一, 一百一十, 一千零一), from 0 to 99 999 999; reading agrees with
``cn2an.cn2an(text, "smart")`` on every text it accepts, digit-by-digit forms (二〇二四) included.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

__all__ = [
    "MAX_NUMERAL",
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
#: The value of each Chinese digit (also 〇 for 零 and 两 for 二).
_DIGIT_VALUE: Final = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
#: The value of each unit below 万.
_UNIT_VALUE: Final = {"十": 10, "百": 100, "千": 1000}


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


# ---------------------------------------------------------------------------------------------------------
# Reading

#: What :func:`parse_chinese_numeral` reads, for its error messages.
_EXPECTED: Final = (
    "a Chinese numeral below 一亿 (十一, 一百零五, 两千, 三万五千) or digits one by one (二〇二四)"
)
#: Chinese digits to ASCII ones, and ASCII digits to a letter (so a mixed 二0二四 is not read as digits).
_AS_DIGITS: Final = str.maketrans(
    {**{c: str(v) for c, v in _DIGIT_VALUE.items()}, **{str(i): "x" for i in range(10)}}
)
_NO_UNIT: Final = 10_000


def _read_below_10000(
    text: str, *, leading: bool = True, abbreviated: bool = True, after_zero: bool = False
) -> int:
    """Read 0–9999 written with 千百十 (``""`` is 0). ``leading``: nothing precedes (十一 may omit its 一);
    ``after_zero``: a 零 precedes (the place of 千 is empty); ``abbreviated``: a last digit straight after 百
    or 千 is the next place (一百五 = 150, as spoken). Raises :class:`ValueError` with the reason only.
    """
    value = 0
    last = _NO_UNIT  # the unit of the previous term
    digit = -1  # a digit waiting for its unit
    zero = after_zero  # a 零 since the previous term
    for ch in text:
        v = _DIGIT_VALUE.get(ch)
        if v is not None:
            if digit >= 0:
                raise ValueError("two digits in a row")
            if v:
                digit = v
            elif zero:
                raise ValueError(f"{ch} twice")
            elif last == _NO_UNIT:
                raise ValueError(f"{ch} before the first place")
            else:
                zero = True
            continue
        u = _UNIT_VALUE.get(ch)
        if u is None:
            raise ValueError(f"{ch!r} is not a numeral character")
        if u >= last:
            raise ValueError(f"{ch} after a place not larger than it")
        if digit < 0:
            if u != 10 or zero or (last == _NO_UNIT and not leading):
                raise ValueError(f"{ch} without a digit before it")
            digit = 1
        if zero and u * 10 >= last:
            raise ValueError("零 where no place is left empty")
        value += digit * u
        last, digit, zero = u, -1, False
    if digit >= 0:
        if zero:
            if last == 10:
                raise ValueError("零 where no place is left empty")
            return value + digit
        if last <= 10 or last == _NO_UNIT:
            return value + digit
        if not abbreviated:
            raise ValueError(f"a digit after {'千' if last == 1000 else '百'} before 万")
        return value + digit * last // 10
    if zero:
        raise ValueError("零 at the end")
    return value


@lru_cache(maxsize=4096)
def _read(text: str) -> int:
    """The value of a numeral (cached: reports repeat a few), or :class:`ValueError` with the reason."""
    if not text:
        raise ValueError("empty text")
    digits = text.translate(_AS_DIGITS)
    if digits.isdigit() and digits.isascii():  # 二〇二四, 〇, 一〇五
        return int(digits)
    high, wan, low = text.partition("万")
    if not wan:
        return _read_below_10000(text)
    if "万" in low:
        raise ValueError("万 twice")
    value = _read_below_10000(high, abbreviated=False) * 10_000
    if not value:
        raise ValueError("万 without a number before it")
    if not low:
        return value
    if low[0] in "零〇":  # 一万零五: the place of 千 is empty
        return value + _read_below_10000(low[1:], after_zero=True)
    if len(low) == 1 and _DIGIT_VALUE.get(low):  # 三万五 = 35000, as spoken
        return value + _DIGIT_VALUE[low] * 1000
    return value + _read_below_10000(low, leading=False)


def parse_chinese_numeral(text: str) -> int:
    """Read a Chinese numeral: positional below 一亿 (``一百零五``, ``十一``, ``两万``, ``一十一``,
    ``一万零一``) or digit by digit (``二〇二四``, ``一〇五``, ``〇``).

    It reads every numeral :func:`chinese_numeral` writes, and agrees with ``cn2an.cn2an(text, "smart")``
    on every text it accepts, including the spoken short forms ``一百五`` (150) and ``三万五`` (35 000).
    ``两`` is ``二`` and ``〇`` is ``零``. Arabic digits and 亿 are not read.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ValueError: ``text`` is not a Chinese numeral (the message quotes it and says why).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_chinese_numeral: expected a str, got {type(text).__name__} {text!r}")
    try:
        return _read(text)
    except ValueError as exc:
        raise ValueError(f"parse_chinese_numeral: expected {_EXPECTED}, got {text!r} ({exc})") from None
