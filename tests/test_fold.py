"""The fast NFKC folding used by the checks and the parsers gives exactly what unicodedata gives."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.text.fold import nfkc

#: Characters that matter: full-width forms and the ideographic space, compatibility characters (①, ㈠,
#: Kangxi radicals, ligatures), combining marks that compose with what a full-width letter folds to, CJK.
_INTERESTING = st.sampled_from(
    [
        "，",
        "；",
        "（",
        "）",
        "１",
        "２",
        "Ａ",
        "ａ",
        "\u3000",
        "①",
        "㈠",
        "⼀",
        "ﬁ",
        "\u0301",
        "\u0308",
        "件",
        "申",
        "。",
        "e",
        "1",
        " ",
    ]
)
_TEXT = st.lists(st.one_of(_INTERESTING, st.characters()), max_size=30).map("".join)


@given(_TEXT)
@settings(max_examples=500, deadline=None)
def test_nfkc_equals_unicodedata(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("全年共收到申请１２件，办结１０件。", "全年共收到申请12件,办结10件。"),
        ("（一）主动公开", "(一)主动公开"),
        ("Ａ\u0301", "Á"),  # the full-width letter folds, then composes with the accent
        ("ascii only", "ascii only"),
        ("①", "1"),
    ],
)
def test_nfkc_examples(text: str, folded: str) -> None:
    assert nfkc(text) == folded == unicodedata.normalize("NFKC", text)
