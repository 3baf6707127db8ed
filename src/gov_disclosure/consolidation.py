"""Consolidation: sum the reports of sub-units (towns, departments, districts) into one regional report.

A district office compiles its report from its towns' and departments' reports, and a city from its
districts' ("综合各乡镇(街道)和区直各部门编制而成"). :func:`consolidate` sums tables 二, 三 and 四 cell by
cell and keeps a manifest of what it did:

* blank + blank stays blank, blank + n = n (blank is not zero, but counts as 0 in a sum);
* fees (万元) are summed exactly as :class:`~decimal.Decimal`, never rounded;
* a unit of another year is refused, and so is the same unit a second time (by agency name, compared after
  NFKC folding and without spaces); the first occurrence is kept; a report of the consolidating agency
  itself (an earlier result left among the units' files) is refused too;
* a unit whose own tables break a rule (t3.balance, t3.outcome-total, t3.row-total, t4.total, cell.negative)
  is included — its figures are what it published — but flagged, so that its errors are not summed unseen;
* units named in ``expected`` but not included are listed as missing.

The narrative of the consolidated report is left to its authors; ``narrative=True`` writes one paragraph in
section 一 stating the summed figures in the usual wording.

:func:`hierarchy_findings` checks a *published* consolidated report against its units: one
``consolidate.mismatch`` error for every cell where the stated value differs from the sum.

The sums work on flat arrays of the 200 cells (:func:`gov_disclosure.cellview.cell_refs`), not on records, and
build the report once at the end: 10,000 units take well under a second (``benchmarks/consolidate.py``).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import gc
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from itertools import compress, repeat
from operator import add, attrgetter, ne
from typing import Any, Final

from attrs import frozen

from . import form
from .cellview import CellRef, CellValue, cell_refs
from .findings import Finding, Lang, Location, Severity, define, make
from .model import (
    ActiveDisclosure,
    AgencyKind,
    ApplicantCounts,
    Applications,
    CaseCounts,
    DocumentCounts,
    Meta,
    Narrative,
    Report,
    ReviewLitigation,
    unchecked,
)
from .text.fold import nfkc

__all__ = [
    "Consolidation",
    "Flagged",
    "Refusal",
    "consolidate",
    "hierarchy_findings",
    "summary_paragraph",
]

# ---------------------------------------------------------------------------------------------------------
# Finding codes

define(
    "consolidate.mismatch",
    Severity.ERROR,
    title_zh="合并报告数据与各单位合计不符",
    title_en="Consolidated cell differs from the sum of its units",
    template_zh="{location}：合并报告填报{stated_text}，各单位合计{summed_text}（相差{difference}；{units_text}）",
    template_en=(
        "{location}: the consolidated report states {stated_text}, its units sum to {summed_text} "
        "(difference {difference}; {units_text})"
    ),
    basis="DESIGN.md §4; issue #6 (hierarchy check)",
)
define(
    "consolidate.unit-errors",
    Severity.WARNING,
    title_zh="被汇总单位的报告自身有错误",
    title_en="A consolidated unit's own report has errors",
    template_zh="单位“{unit}”的报告表格有错误（{rules}），其数据已计入合计，请先核实",
    template_en=(
        "The tables of unit {unit!s} break rules ({rules}); its figures were summed: check them first"
    ),
    basis="issue #6 (refusals: a unit whose own errors would be summed)",
)
define(
    "consolidate.refused-unit",
    Severity.WARNING,
    title_zh="单位报告未计入合计",
    title_en="A unit's report was not summed",
    template_zh="单位“{unit}”（第{position}份）未计入合计：{reason_zh}",
    template_en="Unit {unit!s} (report #{position}) was not summed: {reason_en}",
    basis="issue #6 (refusals)",
)
define(
    "consolidate.missing-unit",
    Severity.WARNING,
    title_zh="缺少应汇总单位的报告",
    title_en="An expected unit's report is missing",
    template_zh="应汇总的单位“{unit}”没有报告计入合计",
    template_en="No report of the expected unit {unit!s} was summed",
    basis="issue #6 (manifest)",
)

_REASONS: Final[dict[str, tuple[str, str]]] = {
    "other-year": ("报告年度为{unit_year}年，不是{year}年", "its report is for {unit_year}, not {year}"),
    "duplicate": (
        "与第{first}份报告为同一单位，重复",
        "the same unit as report #{first}, a duplicate",
    ),
    "itself": (
        "为汇总单位自身的报告（例如此前的汇总结果），不能计入",
        "it is the consolidating agency's own report (an earlier result, say), not a unit's",
    ),
}

# ---------------------------------------------------------------------------------------------------------
# The manifest


@frozen(kw_only=True)
class Refusal:
    """A unit's report that was not summed, and why."""

    #: The unit's agency name as given in its report.
    unit: str
    #: 0-based position of the report in the input.
    index: int
    #: ``"other-year"``, ``"duplicate"`` or ``"itself"`` (the consolidating agency's own report).
    reason: str
    #: ``"other-year"``: the unit's report year and the consolidation's year.
    unit_year: int | None = None
    year: int | None = None
    #: ``"duplicate"``: 1-based position of the report of the same unit that was kept.
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
    #: The error findings of :func:`gov_disclosure.check` located in its tables, when the checks are
    #: available (an empty tuple otherwise).
    findings: tuple[Finding, ...] = ()


@frozen(kw_only=True)
class Consolidation:
    """The result of :func:`consolidate`: the summed report and the manifest of units."""

    #: The consolidated report: summed tables, the given agency/year/kind, statistical period of the year.
    report: Report
    #: Agency names of the units summed, in input order.
    included: tuple[str, ...]
    #: Names in ``expected`` with no included unit, in the order given.
    missing: tuple[str, ...] = ()
    #: Included units that were not in ``expected`` (empty when ``expected`` was not given).
    unexpected: tuple[str, ...] = ()
    #: Reports not summed, with the reason.
    refused: tuple[Refusal, ...] = ()
    #: Units summed although their own tables break rules.
    flagged: tuple[Flagged, ...] = ()

    @property
    def complete(self) -> bool:
        """True when nothing is missing, refused or flagged."""
        return not (self.missing or self.refused or self.flagged)

    def findings(self) -> list[Finding]:
        """The manifest as findings: refused units, flagged units and missing units (all warnings)."""
        out: list[Finding] = []
        for r in self.refused:
            out.append(
                make(
                    "consolidate.refused-unit",
                    unit=r.unit,
                    position=r.index + 1,
                    reason=r.reason,
                    reason_zh=r.message("zh"),
                    reason_en=r.message("en"),
                )
            )
        for f in self.flagged:
            out.append(make("consolidate.unit-errors", unit=f.unit, position=f.index + 1, rules=f.rules))
        for name in self.missing:
            out.append(make("consolidate.missing-unit", unit=name))
        return out


# ---------------------------------------------------------------------------------------------------------
# Flat cell arrays

_REFS: Final = cell_refs()
_N: Final = len(_REFS)
_INDEX: Final = {r.key: i for i, r in enumerate(_REFS)}
_FEE: Final = _INDEX[("二", "fees", "amount")]


#: Reads the 200 cell values of a report, in form order, as a tuple (one C call).
_vector: Final[Callable[[Report], tuple[Any, ...]]] = attrgetter(*(".".join(r.attr_path) for r in _REFS))


_SECTION_TYPES: Final = {
    "active_disclosure": (ActiveDisclosure, DocumentCounts),
    "applications": (Applications, ApplicantCounts),
    "review_litigation": (ReviewLitigation, CaseCounts),
}


def _tables(values: Sequence[CellValue]) -> dict[str, Any]:
    """Build the three table records from 200 values in form order."""
    tree: dict[str, dict[str, Any]] = {name: {} for name in _SECTION_TYPES}
    for r, v in zip(_REFS, values, strict=True):
        section, *rest = r.attr_path
        if len(rest) == 1:
            tree[section][rest[0]] = v
        else:
            tree[section].setdefault(rest[0], {})[rest[1]] = v
    out: dict[str, Any] = {}
    for section, (outer, inner) in _SECTION_TYPES.items():
        kwargs = {k: inner(**v) if isinstance(v, dict) else v for k, v in tree[section].items()}
        out[section] = outer(**kwargs)
    return out


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
                if i == _FEE:
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
    ref = _REFS[i]
    for n, v in enumerate(column):
        ok = v is None or (isinstance(v, Decimal) if i == _FEE else type(v) is int)
        if not ok:
            kind = "a Decimal amount in 万元" if i == _FEE else "a whole number (int)"
            raise TypeError(
                f"unit {owners[n]!r}, 表{ref.table.id} {ref.row.label} × {ref.column.label} "
                f"({ref.json_path}): expected {kind} or None, got {type(v).__name__} {v!r}"
            )
    raise TypeError(f"{ref.json_path}: cannot sum the units' values")  # pragma: no cover


# ---------------------------------------------------------------------------------------------------------
# Table rules on arrays (to flag units; the findings themselves come from gov_disclosure.check)


def _col(row: str, col: str) -> int:
    return _INDEX[("三", row, col)]


_T3_COLUMNS: Final = tuple(c.id for c in form.APPLICATIONS.blocks[0].columns)
_T3_ROWS: Final = tuple(r.id for r in form.APPLICATIONS.rows)


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

    for c in _T3_COLUMNS:
        a, b = z(_col("received", c)), z(_col("carried_over", c))
        t, f = z(_col("outcome_total", c)), z(_col("carried_forward", c))
        mark("t3.balance", list(map(ne, map(add, a, b), map(add, t, f))))
        parts = [columns[_col(r, c)] for r in form.RESULT_ROWS]
        mark("t3.outcome-total", list(map(ne, _sums(parts), t)))
    for r in _T3_ROWS:
        parts = [columns[_col(r, c)] for c in form.APPLICANT_COLUMNS]
        mark("t3.row-total", list(map(ne, _sums(parts), z(_col(r, "total")))))
    for block in form.REVIEW_LITIGATION.blocks:
        rid = block.rows[0].id
        parts = [columns[_INDEX[("四", rid, p)]] for p in form.CASE_PARTS]
        mark("t4.total", list(map(ne, _sums(parts), z(_INDEX[("四", rid, "total")]))))
    for i in negative:
        mark("cell.negative", [v is not None and v < 0 for v in columns[i]])
    return broken


def _check_findings(unit: Report) -> tuple[Finding, ...]:
    """Errors of :func:`gov_disclosure.check` located in the unit's tables; ``()`` if checks are absent."""
    try:
        checks: Any = importlib.import_module(".checks", __package__)
    except ModuleNotFoundError as exc:  # written separately; optional here
        if exc.name != f"{__package__}.checks":
            raise
        return ()
    check = getattr(checks, "check", None)
    if check is None:  # the package exists but does not export check() yet
        return ()
    result: Any = check(unit)
    return tuple(
        f
        for f in getattr(result, "findings", result)
        if f.severity is Severity.ERROR and f.location.table is not None
    )


# ---------------------------------------------------------------------------------------------------------
# Consolidation


def _norm(name: str) -> str:
    return "".join(nfkc(name).split())


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
class _Gathered:
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
        return [u.meta.agency for _, u in self.included]


def _gather(reports: Iterable[Report], year: int, agency: str) -> _Gathered:
    included: list[tuple[int, Report]] = []
    refused: list[Refusal] = []
    seen: dict[str, int] = {}
    itself = _norm(agency)
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
                    Refusal(unit=name, index=i, reason="other-year", unit_year=unit.meta.year, year=year)
                )
                continue
            key = _norm(name)
            if key == itself:
                refused.append(Refusal(unit=name, index=i, reason="itself"))
                continue
            if key in seen:
                refused.append(Refusal(unit=name, index=i, reason="duplicate", first=seen[key] + 1))
                continue
            seen[key] = i
            included.append((i, unit))
            vectors.append(_vector(unit))
        columns = tuple(zip(*vectors, strict=True)) if vectors else tuple(() for _ in range(_N))
        del vectors
        names = [u.meta.agency for _, u in included]
        totals, negative = _sum_columns(columns, names)
        breaks = _table_rule_breaks(columns, len(included), negative)
    breaking = tuple(
        (i, unit, tuple(sorted(codes))) for (i, unit), codes in zip(included, breaks, strict=True) if codes
    )
    return _Gathered(tuple(included), tuple(refused), columns, tuple(totals), breaking)


def summary_paragraph(
    applications: Applications, *, agency: str | None = None, year: int | None = None
) -> str:
    """One paragraph stating table 三's totals in the usual wording (blank totals read as 0).

    >>> from gov_disclosure import build
    >>> apps = build.applications(received={"natural_person": 5}, outcome_total={"natural_person": 4},
    ...                           disclosed={"natural_person": 4}, carried_forward={"natural_person": 1})
    >>> summary_paragraph(apps)
    '本年新收政府信息公开申请5件，上年结转0件，办结4件，结转下年度继续办理1件。'
    """

    def n(row: str) -> int:
        return applications.row(row).total or 0

    lead = f"{year}年，" if year is not None else ""
    lead += agency if agency else ""
    return (
        f"{lead}本年新收政府信息公开申请{n('received')}件，上年结转{n('carried_over')}件，"
        f"办结{n('outcome_total')}件，结转下年度继续办理{n('carried_forward')}件。"
    )


def consolidate(
    reports: Iterable[Report],
    *,
    agency: str,
    year: int,
    expected: Iterable[str] | None = None,
    kind: AgencyKind = AgencyKind.GOVERNMENT,
    narrative: bool = False,
) -> Consolidation:
    """Sum the units' reports into one report of ``agency`` for ``year``.

    Args:
        reports: the units' reports, in any order (the sums do not depend on it).
        agency: name of the consolidating agency (the new report's ``meta.agency``).
        year: the report year; units of another year are refused.
        expected: names of the units that should be included; those without an included report are
            listed in :attr:`Consolidation.missing`, included units not named here in
            :attr:`Consolidation.unexpected`.
        kind: the consolidating agency's kind (default: a government, which publishes by 31 March).
        narrative: write a paragraph stating the summed figures in section 一 (otherwise every narrative
            section is empty, left for the authors).

    Returns:
        a :class:`Consolidation` with the summed report and the manifest.

    Raises:
        TypeError: an element is not a :class:`~gov_disclosure.Report`, or a cell holds a value that cannot be
            summed (only possible for records built with :func:`~gov_disclosure.model.unchecked`).
        ValueError: ``agency`` or ``year`` is not valid for :class:`~gov_disclosure.Meta`.
    """
    if type(year) is not int:
        raise TypeError(f"consolidate(): year must be an int, got {type(year).__name__} {year!r}")
    gathered = _gather(reports, year, agency)
    meta = Meta(
        agency=agency,
        year=year,
        kind=kind,
        period_start=_dt.date(year, 1, 1),
        period_end=_dt.date(year, 12, 31),
    )
    names = gathered.names
    totals = gathered.totals
    flagged = tuple(
        Flagged(unit=unit.meta.agency, index=i, rules=codes, findings=_check_findings(unit))
        for i, unit, codes in gathered.breaking
    )
    if any(v is not None and v < 0 for v in totals):
        with unchecked():  # the sum of units stating negative counts (flagged): keep what they state
            tables = _tables(totals)
    else:
        tables = _tables(totals)
    overview = Narrative()
    if narrative:
        overview = Narrative(
            paragraphs=(summary_paragraph(tables["applications"], agency=agency, year=year),)
        )
    report = Report(meta=meta, overview=overview, **tables)

    missing: tuple[str, ...] = ()
    unexpected: tuple[str, ...] = ()
    if expected is not None:
        wanted = list(expected)
        wanted_keys = {_norm(w) for w in wanted}
        have = {_norm(n) for n in names}
        missing = tuple(w for w in wanted if _norm(w) not in have)
        unexpected = tuple(n for n in names if _norm(n) not in wanted_keys)
    return Consolidation(
        report=report,
        included=tuple(names),
        missing=missing,
        unexpected=unexpected,
        refused=gathered.refused,
        flagged=flagged,
    )


# ---------------------------------------------------------------------------------------------------------
# Hierarchy check


def location_of(ref: CellRef) -> Location:
    """The :class:`~gov_disclosure.findings.Location` of a cell: table, section, ids, labels and JSON path."""
    return Location(
        table=ref.table.id,
        section=ref.table.section,
        row=ref.row.id,
        row_label=ref.row.label,
        column=ref.column.id,
        column_label=ref.column.label,
        path=ref.json_path,
    )


def _text(value: CellValue) -> str:
    return "—" if value is None else str(value)


def _fee_differs(stated: CellValue, summed: CellValue) -> bool:
    """A stated amount agrees with an exact sum when it is the sum rounded to the stated places."""
    s = Decimal(0) if stated is None else Decimal(stated)
    t = Decimal(0) if summed is None else Decimal(summed)
    exponent = s.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity: never equal
        return True
    tolerance = Decimal(5).scaleb(exponent - 1) if stated is not None else Decimal(0)
    return abs(s - t) > tolerance


_UNITS_SHOWN: Final = 10


def _units_text(pairs: Sequence[tuple[str, CellValue]]) -> str:
    shown = [f"{name}={_text(v)}" for name, v in pairs if v is not None][:_UNITS_SHOWN]
    rest = sum(1 for _, v in pairs if v is not None) - len(shown)
    text = ", ".join(shown) if shown else "—"
    return text + (f", … (+{rest})" if rest > 0 else "")


def hierarchy_findings(report: Report, units: Iterable[Report]) -> list[Finding]:
    """Check a published consolidated report against the reports of its units.

    The units are sorted as :func:`consolidate` sorts them (units of another year than ``report`` and
    repeated units are not summed and are reported as ``consolidate.refused-unit``; units whose own tables
    break rules are summed and reported as ``consolidate.unit-errors``). Then every cell whose stated value
    differs from the units' sum gives a ``consolidate.mismatch`` error naming the cell, the stated and summed
    values and each unit's value (``args["unit_values"]``: ``(unit, value)`` pairs, in input order).

    Blank counts as 0 (a blank cell over units that are all blank or 0 agrees). A fee (万元) agrees when the
    stated amount is the exact sum rounded to the stated number of decimal places (``3.58`` for ``3.579``).
    """
    gathered = _gather(units, report.meta.year, report.meta.agency)
    names = gathered.names
    totals = gathered.totals
    stated = _vector(report)
    out: list[Finding] = []
    for i, ref in enumerate(_REFS):
        s, t = stated[i], totals[i]
        if i == _FEE:
            if not _fee_differs(s, t):
                continue
            difference: Any = (s or Decimal(0)) - (t or Decimal(0))
        else:
            if (s or 0) == (t or 0):
                continue
            difference = (s or 0) - (t or 0)
        pairs = tuple(zip(names, gathered.columns[i], strict=True))
        out.append(
            make(
                "consolidate.mismatch",
                location=location_of(ref),
                cells=(ref.address,),
                stated=s,
                summed=t,
                stated_text=_text(s),
                summed_text=_text(t),
                difference=difference,
                unit_values=pairs,
                units_text=_units_text(pairs),
            )
        )
    manifest = Consolidation(
        report=report,
        included=tuple(names),
        refused=gathered.refused,
        flagged=tuple(Flagged(unit=u.meta.agency, index=i, rules=codes) for i, u, codes in gathered.breaking),
    )
    return out + manifest.findings()
