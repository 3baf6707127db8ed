"""Folding text for comparison: NFKC (:func:`nfkc`, exact and fast on Chinese text), white space removed
(:func:`squeeze`), and the lookup key of a label or heading (:func:`label_key`, :func:`strip_numbering`) that
the parsers match labels by and the checks compare headings by. See ``docs/parse.md`` (Normalisation).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

__all__ = ["label_key", "nfkc", "squeeze", "strip_numbering"]

#: U+FF01–U+FF5E (full-width ASCII) to U+0021–U+007E, and the ideographic space to a space: their NFKC forms.
_WIDE: Final = {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}
_ANY_WIDE: Final = re.compile("[\uff01-\uff5e\u3000]")
#: The full-width marks of everyday Chinese text, replaced one by one before any translation.
_COMMON: Final = tuple((chr(cp), chr(_WIDE[cp])) for cp in map(ord, "，；：（）！？"))


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on ASCII and on Chinese text with full-width forms.

    Chinese text is full of full-width punctuation (，；：（）) and sometimes full-width digits, which NFKC
    maps to ASCII; normalising a whole sentence character by character costs several times more than
    replacing the common marks with :meth:`str.replace`, mapping any other full-width form with
    :meth:`str.translate` (only when one is left) and confirming with the Unicode quick check that nothing
    else needs folding. The result is always exactly NFKC: the full-width forms map to their NFKC forms,
    and the slow path runs whenever the quick check is not sure.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    folded = text
    for wide, narrow in _COMMON:
        folded = folded.replace(wide, narrow)
    if _ANY_WIDE.search(folded):
        folded = folded.translate(_WIDE)
    if unicodedata.is_normalized("NFKC", folded):
        return folded
    return unicodedata.normalize("NFKC", folded)


# ---------------------------------------------------------------------------------------------------------
# Labels

#: White space of every kind, and the zero-width characters that break labels in published HTML and PDF.
_SPACE_RE: Final = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
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
_QUOTES: Final = str.maketrans("", "", "“”\"'‘’「」『』")
_ITEM_NUMBER_RE: Final = re.compile(r"^(\d{1,2})[.、,:]")
_TRAILING_PUNCT_RE: Final = re.compile(r"[。.:;,]+$")
_NUMBERING_RE: Final = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、]|\(\d{1,2}\))"
)


def squeeze(text: str) -> str:
    """``text`` without any white space (line breaks, U+3000, no-break spaces) or zero-width character."""
    return _SPACE_RE.sub("", text)


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The lookup key of a label: folded, without any space, quotes or trailing punctuation.

    ``"（二）部分公开"``, ``"(二)部分公开"`` and ``"( 二 ) 部 分 公 开"`` have the same key; so do a label and
    its traditional-character mirror, and ``1、`` / ``1.`` item numbers.
    """
    key = _SPACE_RE.sub("", nfkc(text)).translate(_TRADITIONAL).translate(_QUOTES)
    for old, new in _WORDS:
        key = key.replace(old, new)
    key = key.replace("〔", "(").replace("〕", ")").replace("【", "(").replace("】", ")")
    key = _ITEM_NUMBER_RE.sub(r"\1.", key)
    return _TRAILING_PUNCT_RE.sub("", key)


def strip_numbering(key: str) -> str:
    """A label key without its leading numbering (``一、``, ``(一)``, ``1.``, ``(1)``)."""
    return _NUMBERING_RE.sub("", key, count=1)
