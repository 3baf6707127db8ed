"""A blank cell: the ways a published report leaves a table cell empty (a dash, a slash, 无), defined once for
every reader of cells (the parsers, the workbook reader). Blank is not zero: a blank cell is ``None``. See
``docs/parse.md`` (Normalisation).
"""

from __future__ import annotations

import re
from typing import Final

from .fold import nfkc, squeeze

__all__ = ["BLANK_MARKS", "BLANK_WORDS", "is_blank"]

#: The marks a blank cell is a run of, after NFKC folding (so ``－`` and ``／`` are ``-`` and ``/``): the
#: hyphen-minus, the em dash, the en dash, the horizontal bar, the minus sign, the hyphens, the figure dash,
#: the slash, the backslash, the low line and the tilde. ``—``, ``——``, ``--`` and ``//`` are all blank.
BLANK_MARKS: Final = "-—–―−‐‑‒/\\_~"
#: The words a cell may hold instead: 无 and its traditional form 無 ("none"), 空 ("empty").
BLANK_WORDS: Final = frozenset({"无", "無", "空"})

_MARKS_RE: Final = re.compile(f"[{re.escape(BLANK_MARKS)}]*")


def is_blank(text: str) -> bool:
    """True when a cell's text states nothing: NFKC-folded and without any white space, it is empty, a run
    of :data:`BLANK_MARKS` or one of :data:`BLANK_WORDS`.

    >>> [is_blank(t) for t in ("", " — ", "——", "／", "无", "0", "-1")]
    [True, True, True, True, True, False, False]
    """
    folded = squeeze(nfkc(text))
    return folded in BLANK_WORDS or _MARKS_RE.fullmatch(folded) is not None
