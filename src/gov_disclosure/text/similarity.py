"""How much text two reports share: folded paragraphs, runs of :data:`SHINGLE` characters, coverage.

Used by the ``xyear.duplicate-text`` rule and the year-over-year diff (``docs/consolidate.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from .fold import nfkc

__all__ = ["SHINGLE", "coverage", "duplicate_ratio", "folded_paragraphs", "text_similarity"]

#: Length (in folded characters) of the runs of text compared between years.
SHINGLE: Final = 8


def _fold(text: str) -> str:
    """NFKC, no whitespace, every run of digits as one ``#``."""
    folded = "".join(nfkc(text).split())
    out: list[str] = []
    in_digits = False
    for ch in folded:
        if ch.isdigit():
            if not in_digits:
                out.append("#")
            in_digits = True
        else:
            out.append(ch)
            in_digits = False
    return "".join(out)


def folded_paragraphs(texts: Iterable[str]) -> list[str]:
    """The texts folded (NFKC, no whitespace, each run of digits as ``#``), empty ones dropped."""
    return [f for f in (_fold(t) for t in texts) if f]


def _shingles(paragraphs: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for p in paragraphs:
        out.update(p[i : i + SHINGLE] for i in range(len(p) - SHINGLE + 1))
    return out


def coverage(paragraphs: Sequence[str], other: Sequence[str]) -> tuple[int, int]:
    """(characters of ``paragraphs`` lying in a run also found in ``other``, all characters)."""
    grams = _shingles(other)
    joined = "\n".join(other)
    covered = total = 0
    for p in paragraphs:
        total += len(p)
        if len(p) < SHINGLE:
            covered += len(p) if p in joined else 0
            continue
        end = 0  # characters before `end` are counted
        for i in range(len(p) - SHINGLE + 1):
            if p[i : i + SHINGLE] in grams:
                start = max(i, end)
                covered += i + SHINGLE - start
                end = i + SHINGLE
    return covered, total


def duplicate_ratio(previous: Iterable[str], current: Iterable[str]) -> float | None:
    """Share of ``current``'s folded characters repeated from ``previous`` (``None`` when it has no text)."""
    cur = folded_paragraphs(current)
    covered, total = coverage(cur, folded_paragraphs(previous))
    return covered / total if total else None


def text_similarity(previous: Iterable[str], current: Iterable[str]) -> float | None:
    """Similarity of two texts in [0, 1], symmetric (``None`` when both are empty)."""
    a, b = folded_paragraphs(previous), folded_paragraphs(current)
    ca, ta = coverage(a, b)
    cb, tb = coverage(b, a)
    return (ca + cb) / (ta + tb) if ta + tb else None
