"""Readings of a table row whose cells lost their separators: digits run together (``152001119``) or blank
cells that vanished (``12 1 13`` for seven columns). A row's candidates are the ways to lay its digits or
values out on its columns that satisfy the row's own equations of :data:`gov_disclosure.form.RULES`; the
caller chooses among the candidates of several rows with the column equations (:func:`choose`).

Only exact equations (``=``) select candidates here; a bound (``>=``, a plausibility rule) only chooses
among candidates that all satisfy the exact ones. See ``docs/parse.md`` ("Text without table markup").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Final

from attrs import frozen

__all__ = ["Budget", "Equation", "Reading", "choose", "place", "split"]

#: A candidate: one text per column (``None`` for a blank cell).
Candidate = tuple[str | None, ...]

_INF: Final = float("inf")
#: Longest number a cell is read as (a count of 10⁹ or more is not a count of applications).
_MAX_DIGITS: Final = 9
#: Most candidates listed for one row; beyond it the row is ambiguous without listing every reading.
CAP: Final = 64
#: Most search steps for one row (a few milliseconds); a row that needs more is left unread, as ambiguous.
_ROW_STEPS: Final = 2_000


@frozen
class Equation:
    """``sum(stated) (= or >=) sum(parts) - sum(minus)`` over column positions of one row (or of several
    rows, for :func:`choose`, over any keys)."""

    parts: tuple[int, ...]
    minus: tuple[int, ...]
    stated: tuple[int, ...]
    exact: bool = True

    def holds(self, value: Sequence[int | None]) -> bool:
        """Whether the equation holds with blanks (``None``) counted as 0."""
        parts = sum(value[i] or 0 for i in self.parts) - sum(value[i] or 0 for i in self.minus)
        stated = sum(value[i] or 0 for i in self.stated)
        return stated == parts if self.exact else stated >= parts


@frozen
class Reading:
    """The candidates of one row: every layout that satisfies its exact equations (at most :data:`CAP`).

    ``complete`` is false when the search stopped at the cap (more readings exist than are listed);
    ``shaped`` is true when the candidates fill every column (no blank cell had to be assumed).
    """

    candidates: tuple[Candidate, ...]
    complete: bool = True
    shaped: bool = True


def _value(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None


def _ints(c: Candidate) -> list[int | None]:
    return [_value(t) for t in c]


def _filter(cands: list[Candidate], eqs: Sequence[Equation]) -> list[Candidate]:
    exact = [e for e in eqs if e.exact]
    kept = [c for c in cands if all(e.holds(_ints(c)) for e in exact)]
    bounds = [e for e in eqs if not e.exact]
    if len(kept) > 1 and bounds:
        within = [c for c in kept if all(e.holds(_ints(c)) for e in bounds)]
        if within:
            kept = within
    return kept


# ---------------------------------------------------------------------------------------------------------
# Digits run together


class Exhausted(Exception):
    """The search spent its :class:`Budget`."""


class Budget:
    """Steps of digit search left for one document: the search is bounded, whatever the input."""

    def __init__(self, steps: int = 6_000) -> None:
        self.left = steps


class _Search:
    """The search over one digit run. The feasibility of every sub-problem is remembered, and readings are
    only built along feasible branches, so the cost follows the number of readings, not of splits."""

    def __init__(self, digits: str, blanks: bool, steps: int) -> None:
        self.digits = digits
        self.blanks = blanks
        self.steps = steps
        length = len(digits)
        #: ``numbers[pos]``: the numbers that can start at ``pos`` as ``(text, value, end)``, shortest first
        #: (no leading zero but ``0`` itself).
        self.numbers: list[list[tuple[str, int, int]]] = []
        for pos in range(length):
            if digits[pos] == "0":
                self.numbers.append([("0", 0, pos + 1)])
                continue
            row = []
            for stop in range(pos + 1, min(length, pos + _MAX_DIGITS) + 1):
                text = digits[pos:stop]
                row.append((text, int(text), stop))
            self.numbers.append(row)
        self._ok: dict[tuple[int, int, int, int], bool] = {}
        self._bounds: dict[tuple[int, int, int], tuple[float, float]] = {}

    def ok(self, pos: int, end: int, n: int, total: int) -> bool:
        """Whether ``digits[pos:end]`` can be written as ``n`` cells summing to ``total``."""
        if n == 0:
            return pos == end and total == 0
        if pos == end:
            return total == 0 and self.blanks
        if n == 1:  # the rest is one number, and it must be ``total``
            return end - pos <= _MAX_DIGITS and self.digits[pos:end] == str(total)
        key = (pos, end, n, total)
        found = self._ok.get(key)
        if found is not None:
            return found
        self.steps -= 1
        if self.steps < 0:
            raise Exhausted
        found = False
        if self.bounds(pos, end, n)[0] <= total <= self.bounds(pos, end, n)[1]:
            if self.blanks and self.ok(pos, end, n - 1, total):
                found = True
            else:
                for _, value, stop in self.numbers[pos]:
                    if value > total or stop > end:
                        break
                    if self.ok(stop, end, n - 1, total - value):
                        found = True
                        break
        self._ok[key] = found
        return found

    def bounds(self, pos: int, end: int, n: int) -> tuple[float, float]:
        """The least and greatest sums of ``digits[pos:end]`` as ``n`` cells (``inf`` bounds: no way)."""
        key = (pos, end, n)
        found = self._bounds.get(key)
        if found is not None:
            return found
        if n == 0:
            found = (0, 0) if pos == end else (_INF, -_INF)
        elif pos == end:
            found = (0, 0) if self.blanks else (_INF, -_INF)
        else:
            lo, hi = self.bounds(pos, end, n - 1) if self.blanks else (_INF, -_INF)
            for _, value, stop in self.numbers[pos]:
                if stop > end:
                    break
                rest_lo, rest_hi = self.bounds(stop, end, n - 1)
                if rest_lo <= rest_hi:
                    lo = min(lo, value + rest_lo)
                    hi = max(hi, value + rest_hi)
            found = (lo, hi)
        self._bounds[key] = found
        return found

    def parts(
        self, pos: int, end: int, n: int, total: int, head: list[str | None], out: list[Candidate]
    ) -> None:
        """Append to ``out`` every way to write ``digits[pos:end]`` as ``n`` cells summing to ``total``
        (after ``head``), up to :data:`CAP` × 4 readings."""
        if len(out) >= CAP * 4:
            return
        if n == 0:
            out.append(tuple(head))
            return
        if pos == end:
            out.append((*head, *([None] * n)))
            return
        if self.blanks and self.ok(pos, end, n - 1, total):
            head.append(None)
            self.parts(pos, end, n - 1, total, head, out)
            head.pop()
        for text, value, stop in self.numbers[pos]:
            if value > total or stop > end:
                break
            if self.ok(stop, end, n - 1, total - value):
                head.append(text)
                self.parts(stop, end, n - 1, total - value, head, out)
                head.pop()

    def segment(self, pos: int, end: int, n_parts: int) -> list[Candidate]:
        """A summed segment laid on ``digits[pos:end]``: its parts, then its total (the last digits)."""
        out: list[Candidate] = []
        if pos == end:
            if self.blanks:
                out.append((None,) * (n_parts + 1))
            return out
        digits = self.digits
        for t in range(1, min(_MAX_DIGITS, end - pos) + 1):
            total = digits[end - t : end]
            if total[0] == "0" and t > 1:
                continue
            value = int(total)
            if self.ok(pos, end - t, n_parts, value):
                found: list[Candidate] = []
                self.parts(pos, end - t, n_parts, value, [], found)
                out.extend((*c, total) for c in found)
        if self.blanks and set(digits[pos:end]) == {"0"} and self.ok(pos, end, n_parts, 0):
            # The total blank: every written part is 0.
            found = []
            self.parts(pos, end, n_parts, 0, [], found)
            out.extend((*c, None) for c in found)
        return out

    def lay(self, segments: list[tuple[int, int, bool]]) -> list[Candidate]:
        """Every reading of the digits over ``segments`` (each summed segment adds up)."""
        length = len(self.digits)
        # heads[pos]: the readings of the segments so far that end at ``pos``.
        heads: dict[int, list[Candidate]] = {0: [()]}
        for k, (start, stop, summed) in enumerate(segments):
            last = k == len(segments) - 1
            nxt: dict[int, list[Candidate]] = {}
            for pos, readings in heads.items():
                ends = [length] if last else range(pos, length + 1)
                for end in ends:
                    if summed:
                        tails = self.segment(pos, end, stop - start - 1)
                    elif end == pos:
                        tails = [(None,)] if self.blanks else []
                    else:
                        piece = self.digits[pos:end]
                        ok = end - pos <= _MAX_DIGITS and (piece[0] != "0" or len(piece) == 1)
                        tails = [(piece,)] if ok else []
                    if tails:
                        into = nxt.setdefault(end, [])
                        for r in readings:
                            into.extend((*r, *t) for t in tails)
                            if len(into) > CAP * 4:
                                raise Exhausted
                    self.steps -= 1
                    if self.steps < 0:
                        raise Exhausted
            heads = nxt
        return heads.get(length, [])


def _segments(n: int, eqs: Sequence[Equation]) -> list[tuple[int, int, bool]]:
    """The columns cut into segments ``(start, stop, summed)``: a summed segment is an exact equation whose
    stated cell is its last column and whose parts are the columns before it; other columns stand alone."""
    summed = {}
    for e in eqs:
        if e.exact and not e.minus and len(e.stated) == 1:
            stop = e.stated[0] + 1
            start = stop - 1 - len(e.parts)
            if start >= 0 and tuple(range(start, stop - 1)) == tuple(sorted(e.parts)):
                summed[start] = stop
    out: list[tuple[int, int, bool]] = []
    j = 0
    while j < n:
        end = summed.get(j)
        if end is not None:
            out.append((j, end, True))
            j = end
        else:
            out.append((j, j + 1, False))
            j += 1
    return out


def split(digits: str, n: int, eqs: Sequence[Equation], budget: Budget | None = None) -> Reading:
    """The readings of ``digits`` (a run of 0–9) as ``n`` cells satisfying the exact equations ``eqs``.

    A blank cell leaves no digit behind, so readings with blank cells are candidates too (``101`` over three
    columns is 1|0|1, but also 10|□|1 and □|10|1). ``(152001119, 7, row-total)`` has the two readings
    15|2|0|0|1|1|19 and 1|5|2|0|0|11|19. The search is bounded (``budget``, shared by the rows of a
    document, and a limit per row): a row whose search runs out has no candidate and ``complete`` false.
    """
    segments = _segments(n, eqs)
    budget = budget or Budget()
    steps = min(budget.left, _ROW_STEPS)
    search = _Search(digits, True, steps)
    try:
        found = search.lay(segments)
    except Exhausted:
        return Reading((), False, False)
    finally:
        budget.left -= steps - max(search.steps, 0)
    kept = _filter(found, eqs)
    shaped = all(None not in c for c in kept)
    return Reading(tuple(dict.fromkeys(kept[:CAP])), len(kept) <= CAP, shaped)


# ---------------------------------------------------------------------------------------------------------
# Blank cells that vanished


def place(values: Sequence[str | None], n: int, eqs: Sequence[Equation]) -> Reading:
    """The layouts of ``values`` (in order; ``None`` an explicit blank) on ``n`` columns, the missing columns
    blank, that satisfy the exact equations. With as many values as columns there is one layout, taken as
    written (a published row that does not add up is read, not corrected)."""
    k = len(values)
    if k >= n:
        return Reading((tuple(values),))
    segments = _segments(n, eqs)
    # tails[(segment, value index)]: the layouts of the remaining segments from that value on.
    memo: dict[tuple[int, int], list[Candidate]] = {}

    def lay(seg: int, i: int) -> list[Candidate]:
        if seg == len(segments):
            return [()] if i == k else []
        key = (seg, i)
        if key in memo:
            return memo[key]
        start, stop, summed = segments[seg]
        width = stop - start
        out: list[Candidate] = []
        for c in range(0, min(width, k - i) + 1):
            rest = lay(seg + 1, i + c)
            if not rest:
                continue
            for cols in combinations(range(width), c):
                head: list[str | None] = [None] * width
                for j, v in zip(cols, values[i : i + c], strict=True):
                    head[j] = v
                if summed and not _adds_up(head):
                    continue
                out.extend((*head, *r) for r in rest)
                if len(out) > CAP * 16:
                    raise Exhausted
        memo[key] = out
        return out

    try:
        found = lay(0, 0)
    except Exhausted:
        return Reading((), False, False)
    kept = _filter(found, eqs)
    return Reading(tuple(kept[:CAP]), len(kept) <= CAP, False)


def _adds_up(cells: Sequence[str | None]) -> bool:
    """A summed segment's cells: the parts (all but the last) add up to the last, blanks counted as 0."""
    values = [_value(c) for c in cells]
    if any(v is None and c is not None for v, c in zip(values, cells, strict=True)):
        return True  # a cell that is no number: nothing to check here
    return sum(v or 0 for v in values[:-1]) == (values[-1] or 0)


# ---------------------------------------------------------------------------------------------------------
# Several rows at once


def choose(
    options: Sequence[Sequence[Candidate]],
    eqs: Sequence[tuple[Equation, tuple[tuple[int, int], ...]]],
    limit: int = 20_000,
) -> list[tuple[int, ...]] | None:
    """The combinations (one candidate index per row) that satisfy every exact equation across rows.

    ``eqs`` pairs an :class:`Equation` over its own cell indices with the ``(row, column)`` of each index.
    ``None`` when there are more than ``limit`` combinations to try (the caller keeps each row's candidates).
    """
    total = 1
    for o in options:
        total *= max(1, len(o))
        if total > limit:
            return None
    order = list(range(len(options)))
    # Each equation is checked as soon as the last row it involves is chosen.
    last_row = [max(r for r, _ in cells) for _, cells in eqs]
    by_row: dict[int, list[int]] = {}
    for q, r in enumerate(last_row):
        by_row.setdefault(r, []).append(q)
    picks: list[int] = []
    out: list[tuple[int, ...]] = []

    def value(r: int, c: int) -> int | None:
        return _value(options[r][picks[r]][c])

    def walk(r: int) -> None:
        if r == len(order):
            out.append(tuple(picks))
            return
        for i in range(len(options[r])):
            picks.append(i)
            if all(
                eqs[q][0].holds([value(rr, cc) for rr, cc in eqs[q][1]])
                for q in by_row.get(r, ())
                if eqs[q][0].exact
            ):
                walk(r + 1)
            picks.pop()

    walk(0)
    return out
