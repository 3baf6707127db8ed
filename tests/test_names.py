"""The one agency-name key: spacing and character width do not make another agency; anything else does."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.text import names
from gov_disclosure.text.fold import nfkc
from gov_disclosure.text.names import agency_key


def test_doctests() -> None:
    result = doctest.testmod(names)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("乃东区人民政府", "乃东区 人民政府"),
        ("乃东区人民政府", "\u3000乃东区人民政府\n"),
        ("某市发展和改革委员会（物价局）", "某市发展和改革委员会(物价局)"),
        ("某县第２中学", "某县第2中学"),
    ],
)
def test_same_agency(a: str, b: str) -> None:
    assert agency_key(a) == agency_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("乃东区人民政府", "乃东区政府"), ("乃东区人民政府", "乃東區人民政府"), ("某局", "某局办公室")],
)
def test_other_agency(a: str, b: str) -> None:
    assert agency_key(a) != agency_key(b)


#: Names as agencies write them: Chinese, ASCII and full-width letters, digits and brackets, spaces.
_NAME = st.text(alphabet="乃东区人民政府局办公室（）()Ａa2２-—· \u3000\n\t", max_size=20)


@given(_NAME, st.data())
@settings(max_examples=300, deadline=None)
def test_spaces_anywhere_do_not_change_the_key(name: str, data: st.DataObject) -> None:
    key = agency_key(name)
    assert key == nfkc(key) and not any(c.isspace() for c in key)
    assert agency_key(key) == key
    i = data.draw(st.integers(min_value=0, max_value=len(name)))
    assert agency_key(name[:i] + data.draw(st.sampled_from([" ", "\u3000", "\n"])) + name[i:]) == key
