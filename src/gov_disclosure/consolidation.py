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

:mod:`gov_disclosure.checks.units` gathers and sums the units as flat arrays of the 200 cells; the report is
built once at the end: 10,000 units take well under a second (``benchmarks/consolidate.py``). The hierarchy
rules, which check a *published* consolidated report against its units, are in
:mod:`gov_disclosure.checks.hierarchy`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from attrs import Factory, field, frozen

from .cellview import from_cells
from .checks import check
from .checks.hierarchy import manifest_findings
from .checks.units import Flagged, Refusal, gather
from .findings import Finding, Lang, Result, Severity
from .model import AgencyKind, Applications, Meta, Narrative, Report, unchecked
from .text.names import agency_key

__all__ = ["Consolidation", "consolidate", "summary_paragraph"]


def _manifest(c: Consolidation) -> tuple[Finding, ...]:
    return manifest_findings(c.refused, c.flagged, c.missing)


@frozen(kw_only=True)
class Consolidation(Result):
    """The result of :func:`consolidate`: the summed report, the manifest of units, and the manifest as
    ``findings`` (refused, flagged and missing units: warnings, so ``ok`` stays true)."""

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
    #: The manifest as findings (computed): ``consolidate.refused-unit``, ``.unit-errors``, ``.missing-unit``.
    findings: tuple[Finding, ...] = field(init=False, eq=False, default=Factory(_manifest, takes_self=True))

    @property
    def complete(self) -> bool:
        """True when nothing is missing, refused or flagged."""
        return not (self.missing or self.refused or self.flagged)

    def _summary_lines(self, lang: Lang) -> list[str]:
        units = "、".join(self.included) if lang == "zh" else ", ".join(self.included)
        if lang == "zh":
            return [f"汇总单位{len(self.included)}个：{units or '—'}"]
        return [f"{len(self.included)} unit(s) summed: {units or '—'}"]

    def _dict_extra(self, lang: Lang) -> dict[str, Any]:
        return {
            "agency": self.report.meta.agency,
            "year": self.report.meta.year,
            "included": list(self.included),
            "missing": list(self.missing),
            "unexpected": list(self.unexpected),
            "complete": self.complete,
        }


def _check_findings(unit: Report) -> tuple[Finding, ...]:
    """The errors of :func:`gov_disclosure.check` located in the unit's tables."""
    return tuple(
        f for f in check(unit).findings if f.severity is Severity.ERROR and f.location.table is not None
    )


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
    gathered = gather(reports, year, agency)
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
            tables = from_cells(totals)
    else:
        tables = from_cells(totals)
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
        wanted_keys = {agency_key(w) for w in wanted}
        have = {agency_key(n) for n in names}
        missing = tuple(w for w in wanted if agency_key(w) not in have)
        unexpected = tuple(n for n in names if agency_key(n) not in wanted_keys)
    return Consolidation(
        report=report,
        included=tuple(names),
        missing=missing,
        unexpected=unexpected,
        refused=gathered.refused,
        flagged=flagged,
    )
