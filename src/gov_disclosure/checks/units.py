"""The units of a consolidation: which reports are summed and which refused (:class:`Refusal`), their 200
cells summed as flat arrays, and the units whose own tables break rules (:class:`Flagged`). Shared by
:func:`gov_disclosure.consolidate` and the hierarchy rules (``docs/consolidate.md``).
"""

from __future__ import annotations

import decimal
import enum
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from itertools import compress, repeat
from operator import attrgetter, lt, ne, sub
from typing import Any, Final

from attrs import frozen

from .. import form
from ..cellview import CellValue, cell_refs
from ..findings import Finding, Lang, Severity, info
from ..model import Report
from ..text.names import agency_key

__all__ = [
    "FEE",
    "REFS",
    "Flagged",
    "Gathered",
    "Refusal",
    "RefusalReason",
    "gather",
    "vector",
]


class RefusalReason(enum.StrEnum):
    """Why a unit's report was not summed."""

    #: The report is of another year than the consolidation.
    OTHER_YEAR = "other-year"
    #: A report of the same unit came earlier (agency names compared after NFKC folding, without spaces).
    DUPLICATE = "duplicate"
    #: The report is the consolidating agency's own (an earlier result left among the units' files, say).
    ITSELF = "itself"


_REASONS: Final[dict[RefusalReason, tuple[str, str]]] = {
    RefusalReason.OTHER_YEAR: (
        "报告年度为{unit_year}年，不是{year}年",
        "its report is for {unit_year}, not {year}",
    ),
    RefusalReason.DUPLICATE: (
        "与第{first}份报告为同一单位，重复",
        "the same unit as report #{first}, a duplicate",
    ),
    RefusalReason.ITSELF: (
        "为汇总单位自身的报告（例如此前的汇总结果），不能计入",
        "it is the consolidating agency's own report (an earlier result, say), not a unit's",
    ),
}


@frozen(kw_only=True)
class Refusal:
    """A unit's report that was not summed, and why."""

    #: The unit's agency name as given in its report.
    unit: str
    #: 0-based position of the report in the input.
    index: int
    reason: RefusalReason
    #: :attr:`RefusalReason.OTHER_YEAR`: the unit's report year and the consolidation's year.
    unit_year: int | None = None
    year: int | None = None
    #: :attr:`RefusalReason.DUPLICATE`: 1-based position of the report of the same unit that was kept.
    first: int | None = None

    def message(self, lang: Lang = "zh") -> str:
        """Why the report was refused, in Chinese or English."""
        zh, en = _REASONS[self.reason]
        return (zh if lang == "zh" else en).format(unit_year=self.unit_year, year=self.year, first=self.first)


@frozen(kw_only=True)
class Flagged:
    """A unit included in the sum whose own tables break accounting rules."""

    unit: str
    #: 0-based position of the report in the input.
    index: int
    #: Codes of the rules its tables break (``t3.balance``, ``t3.outcome-total``, ``t3.row-total``,
    #: ``t4.total``, ``cell.negative``), sorted.
    rules: tuple[str, ...]
    #: The error findings of :func:`gov_disclosure.check` located in its tables (empty in the findings of
    #: the hierarchy rules, which do not run the other rules on the units).
    findings: tuple[Finding, ...] = ()


# ---------------------------------------------------------------------------------------------------------
# Flat cell arrays

#: Every cell, in form order.
REFS: Final = cell_refs()
_N: Final = len(REFS)
_INDEX: Final = {r.key: i for i, r in enumerate(REFS)}
#: The position of the fee (万元), the one cell summed as a Decimal.
FEE: Final = _INDEX[("二", "fees", "amount")]

#: Reads the 200 cell values of a report, in form order, as a tuple (one C call).
vector: Final[Callable[[Report], tuple[Any, ...]]] = attrgetter(*(".".join(r.attr_path) for r in REFS))


def _sum_columns(
    columns: Sequence[Sequence[Any]], owners: Sequence[str]
) -> tuple[list[CellValue], list[int]]:
    """Sum each cell over the units (blank + blank = blank); fees exactly.

    Returns the sums and the indices of the cells where some unit holds a negative value. (``filter(None,
    ...)`` drops blanks and zeros alike, which changes no sum; ``count(None)`` tells an all-blank column.)
    """
    out: list[CellValue] = []
    negative: list[int] = []
    with decimal.localcontext() as ctx:
        ctx.prec = decimal.MAX_PREC
        ctx.traps[decimal.Inexact] = True
        for i, column in enumerate(columns):
            if column.count(None) == len(column):
                out.append(None)
                continue
            try:
                if i == FEE:
                    total: Any = sum((v for v in column if v is not None), Decimal(0))
                    bad = not isinstance(total, Decimal)
                else:
                    total = sum(filter(None, column))
                    bad = type(total) is not int
            except TypeError:
                bad = True
            if bad:
                _raise_bad_value(i, column, owners)
            if min(filter(None, column), default=0) < 0:
                negative.append(i)
            out.append(total)
    return out, negative


def _raise_bad_value(i: int, column: Sequence[Any], owners: Sequence[str]) -> None:
    ref = REFS[i]
    for n, v in enumerate(column):
        ok = v is None or (isinstance(v, Decimal) if i == FEE else type(v) is int)
        if not ok:
            kind = "a Decimal amount in 万元" if i == FEE else "a whole number (int)"
            raise TypeError(
                f"unit {owners[n]!r}, 表{ref.table.id} {ref.row.label} × {ref.column.label} "
                f"({ref.json_path}): expected {kind} or None, got {type(v).__name__} {v!r}"
            )
    raise TypeError(f"{ref.json_path}: cannot sum the units' values")  # pragma: no cover


# ---------------------------------------------------------------------------------------------------------
# Table rules on arrays (to flag units; the findings themselves come from gov_disclosure.check)


def _zeroed(column: Sequence[Any]) -> list[Any]:
    return [v or 0 for v in column]


def _sums(parts: Sequence[Sequence[Any]]) -> Iterator[Any]:
    """Per unit, the sum of the given columns with blank as 0 (all in C: map/filter/sum)."""
    return map(sum, map(filter, repeat(None), zip(*parts, strict=True)))


def _table_rule_breaks(columns: Sequence[Sequence[Any]], n: int, negative: Iterable[int]) -> list[set[str]]:
    """For each of ``n`` units, the codes of the rules it breaks.

    ``columns`` hold one value per unit for each cell; ``negative`` are the cells where some unit is negative.
    """
    broken: list[set[str]] = [set() for _ in range(n)]

    def mark(code: str, flags: list[bool]) -> None:
        if any(flags):
            for k in compress(range(n), flags):
                broken[k].add(code)

    zeroed: dict[int, list[Any]] = {}

    def z(i: int) -> list[Any]:
        if i not in zeroed:
            zeroed[i] = _zeroed(columns[i])
        return zeroed[i]

    def summed(cells: tuple[form.CellId, ...]) -> Sequence[Any]:
        if len(cells) == 1:
            return z(_INDEX[cells[0]])
        return list(_sums([columns[_INDEX[c]] for c in cells]))

    for r in form.RULES:
        if info(r.code).severity is not Severity.ERROR:
            continue  # a soft rule does not flag a unit
        for eq in r.equations():
            stated, parts = summed(eq.stated), summed(eq.parts)
            if eq.minus:
                parts = list(map(sub, parts, summed(eq.minus)))
            differs = map(lt, stated, parts) if r.relation == ">=" else map(ne, stated, parts)
            mark(r.code, list(differs))
    for i in negative:
        mark("cell.negative", [v is not None and v < 0 for v in columns[i]])
    return broken


# ---------------------------------------------------------------------------------------------------------
# Gathering


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic arrays (it would rescan them)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@frozen
class Gathered:
    """Units sorted into included and refused, with their cells summed and their rule breaks."""

    #: (input index, report) of every included unit.
    included: tuple[tuple[int, Report], ...]
    refused: tuple[Refusal, ...]
    #: One tuple per cell (form order) holding the included units' values.
    columns: tuple[tuple[Any, ...], ...]
    #: The sums, per cell.
    totals: tuple[CellValue, ...]
    #: (input index, report, codes of broken rules) of included units that break rules.
    breaking: tuple[tuple[int, Report, tuple[str, ...]], ...]

    @property
    def names(self) -> list[str]:
        """The agency names of the included units, in input order."""
        return [u.meta.agency for _, u in self.included]


def gather(reports: Iterable[Report], year: int, agency: str) -> Gathered:
    """Sort the units' reports for a consolidation by ``agency`` for ``year``, sum the included ones, and find
    those whose own tables break rules.

    Raises:
        TypeError: an element is not a :class:`~gov_disclosure.Report`, or a cell holds a value that cannot be
            summed.
    """
    included: list[tuple[int, Report]] = []
    refused: list[Refusal] = []
    seen: dict[str, int] = {}
    itself = agency_key(agency)
    vectors: list[tuple[Any, ...]] = []
    with _gc_paused():
        for i, unit in enumerate(reports):
            if not isinstance(unit, Report):
                raise TypeError(
                    f"unit report #{i + 1}: expected a gov_disclosure.Report, got {type(unit).__name__}"
                )
            name = unit.meta.agency
            if unit.meta.year != year:
                refused.append(
                    Refusal(
                        unit=name,
                        index=i,
                        reason=RefusalReason.OTHER_YEAR,
                        unit_year=unit.meta.year,
                        year=year,
                    )
                )
                continue
            key = agency_key(name)
            if key == itself:
                refused.append(Refusal(unit=name, index=i, reason=RefusalReason.ITSELF))
                continue
            if key in seen:
                refused.append(
                    Refusal(unit=name, index=i, reason=RefusalReason.DUPLICATE, first=seen[key] + 1)
                )
                continue
            seen[key] = i
            included.append((i, unit))
            vectors.append(vector(unit))
        columns = tuple(zip(*vectors, strict=True)) if vectors else tuple(() for _ in range(_N))
        del vectors
        names = [u.meta.agency for _, u in included]
        totals, negative = _sum_columns(columns, names)
        breaks = _table_rule_breaks(columns, len(included), negative)
    breaking = tuple(
        (i, unit, tuple(sorted(codes))) for (i, unit), codes in zip(included, breaks, strict=True) if codes
    )
    return Gathered(tuple(included), tuple(refused), columns, tuple(totals), breaking)
