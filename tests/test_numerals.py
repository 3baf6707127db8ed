"""The one reader of Chinese numerals: it reads back every numeral it writes, and agrees with cn2an (the oracle)
on every text it accepts — cn2an's own renderings, digit-by-digit years, spoken short forms, near misses."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gov_disclosure.checks.text import cn_to_int
from gov_disclosure.text.dates import cn_number
from gov_disclosure.text.numerals import MAX_NUMERAL, chinese_numeral, parse_chinese_numeral

_DIGITS = "零一二三四五六七八九"
#: Every character a Chinese numeral may hold (and 亿, which the reader refuses).
_ALPHABET = "零〇一二两三四五六七八九十百千万亿"


def _oracle(text: str) -> int | None:
    """cn2an's reading, or None where cn2an refuses the text."""
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(value)


def _accepted(text: str) -> int | None:
    try:
        return parse_chinese_numeral(text)
    except ValueError:
        return None


def test_reads_every_numeral_it_writes_below_20000() -> None:
    for n in range(20_000):
        assert parse_chinese_numeral(chinese_numeral(n)) == n, n


@given(st.integers(min_value=0, max_value=MAX_NUMERAL))
@settings(max_examples=500, deadline=None)
@example(MAX_NUMERAL)
@example(10_001)
@example(100_010)
def test_reads_every_numeral_it_writes(n: int) -> None:
    assert parse_chinese_numeral(chinese_numeral(n)) == n


@given(st.integers(min_value=0, max_value=MAX_NUMERAL))
@settings(max_examples=300, deadline=None)
def test_agrees_with_cn2an_on_its_renderings(n: int) -> None:
    text = cn2an.an2cn(n)
    assert parse_chinese_numeral(text) == _oracle(text) == n


@given(st.text(alphabet=_DIGITS + "〇两", min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
@example("二〇二四")
@example("二零二四")
@example("〇")
@example("一〇五")
def test_reads_digits_one_by_one_as_cn2an(text: str) -> None:
    expected = int("".join(str(_DIGITS.index(c.replace("〇", "零").replace("两", "二"))) for c in text))
    assert parse_chinese_numeral(text) == _oracle(text) == expected


@st.composite
def _spellings(draw: st.DrawFn) -> str:
    """cn2an's rendering of a number, spelled another common way: 两 for 二, 〇 for 零, 一十 for a leading
    十, or the spoken short form that drops the last place's unit (一百五十 → 一百五)."""
    text = cn2an.an2cn(draw(st.integers(min_value=1, max_value=MAX_NUMERAL)))
    if draw(st.booleans()):
        text = text.replace("二", "两")
    if draw(st.booleans()):
        text = text.replace("零", "〇")
    if text.startswith("十") and draw(st.booleans()):
        text = "一" + text
    if len(text) >= 3 and text[-1] in "十百千" and text[-2] != "零" and draw(st.booleans()):
        text = text[:-1]
    return text


@given(_spellings())
@settings(max_examples=300, deadline=None)
@example("一百五")
@example("三万五")
@example("两千三百")
@example("一十一")
def test_agrees_with_cn2an_on_other_spellings(text: str) -> None:
    value = _accepted(text)
    if value is not None:
        assert value == _oracle(text), text


@st.composite
def _near_misses(draw: st.DrawFn) -> str:
    """A rendering with a character deleted, inserted or replaced."""
    chars = list(cn2an.an2cn(draw(st.integers(min_value=0, max_value=MAX_NUMERAL))))
    i = draw(st.integers(min_value=0, max_value=len(chars)))
    c = draw(st.sampled_from(_ALPHABET))
    match draw(st.sampled_from(("delete", "insert", "replace"))):
        case "delete" if i < len(chars):
            del chars[i]
        case "insert":
            chars.insert(i, c)
        case _ if i < len(chars):
            chars[i] = c
    return "".join(chars)


@given(st.one_of(_near_misses(), st.text(alphabet=_ALPHABET, min_size=1, max_size=10)))
@settings(max_examples=1000, deadline=None)
@example("一千五十")
@example("十万零一")
@example("一万一百")
def test_wherever_it_accepts_it_agrees_with_cn2an(text: str) -> None:
    value = _accepted(text)
    if value is not None:
        assert value == _oracle(text), text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty text"),
        ("十x", "'x' is not a numeral character"),
        ("2024", "'2' is not a numeral character"),
        ("二0二四", "'0' is not a numeral character"),
        ("一亿", "'亿' is not a numeral character"),
        ("百", "百 without a digit before it"),
        ("一二十", "two digits in a row"),
        ("十十", "十 after a place not larger than it"),
        ("一百零", "零 at the end"),
        ("一千零零五", "零 twice"),
        ("一千零五百", "零 where no place is left empty"),
        ("一百五万", "a digit after 百 before 万"),
        ("万", "万 without a number before it"),
        ("一万二万", "万 twice"),
        ("一万零一千", "零 where no place is left empty"),
        ("一万零", "零 at the end"),
    ],
)
def test_rejects_with_what_was_expected(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_chinese_numeral(text)
    message = str(info.value)
    assert message.startswith("parse_chinese_numeral: expected a Chinese numeral")
    assert f"got {text!r}" in message and reason in message


@pytest.mark.parametrize("bad", [None, 5, b"\xe5\x8d\x81"])
def test_rejects_what_is_not_text(bad: object) -> None:
    with pytest.raises(TypeError, match="parse_chinese_numeral: expected a str"):
        parse_chinese_numeral(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value"),
    [("二〇二四", 2024), ("二O二四", 2024), ("二○二四", 2024), ("2024", 2024), ("十二", 12), ("三十一", 31)],
)
def test_dates_read_with_the_one_reader(text: str, value: int) -> None:
    assert cn_number(text) == value


@pytest.mark.parametrize("text", ["x", "十十", "二0二四"])
def test_dates_say_none_for_what_is_not_a_number(text: str) -> None:
    assert cn_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("一百零五", 105), ("二〇二四", 2024), ("1,234", 1234)])
def test_narrative_figures_read_with_the_one_reader(text: str, value: int) -> None:
    assert cn_to_int(text) == value
