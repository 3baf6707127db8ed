"""The one definition of a blank cell, used by the parsers and the workbook reader."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.parsers.normalize import read_amount, read_count
from gov_disclosure.text import blanks
from gov_disclosure.text.blanks import BLANK_MARKS, BLANK_WORDS, is_blank


def test_doctests() -> None:
    result = doctest.testmod(blanks)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\u3000",
        "-",
        "--",
        "—",
        "——",
        "–",
        "―",
        "−",
        "－",
        "/",
        "／",
        "\\",
        "_",
        "~",
        "— —",
        "无",
        "無",
        "空",
        " 无 ",
        "\u200b—",
    ],
)
def test_blank(text: str) -> None:
    assert is_blank(text)
    assert read_count(text) == (None, None)
    assert read_amount(text) == (None, None)


@pytest.mark.parametrize("text", ["0", "-1", "—1", "无效", "没有", "空白", "a", "0.0", "/0"])
def test_not_blank(text: str) -> None:
    assert not is_blank(text)


@given(
    st.lists(st.sampled_from(BLANK_MARKS), max_size=5).map("".join),
    st.sampled_from(["", " ", "\u3000", "\n"]),
)
@settings(max_examples=200, deadline=None)
def test_any_run_of_marks_is_blank(marks: str, space: str) -> None:
    assert is_blank(space + marks + space)


def test_a_blank_word_is_blank_alone() -> None:
    for word in BLANK_WORDS:
        assert is_blank(word) and not is_blank(word + "1") and not is_blank(word * 2)
