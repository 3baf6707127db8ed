"""Builders: give the parts of a table, get every total that was not given.

A total that *is* given is kept as stated, even when it is wrong (the checks report it). A total derived
from parts that are all blank stays blank: blank is not zero.

>>> from gov_disclosure import build
>>> row = build.applicant_counts(natural_person=3, commercial=1)
>>> row.total
4
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from . import form
from .model import (
    ApplicantCounts,
    Applications,
    CaseCounts,
    ReviewLitigation,
)

__all__ = [
    "applicant_counts",
    "applications",
    "case_counts",
    "review_litigation",
    "sum_cells",
    "with_totals",
]

_APPLICATION_ROWS = tuple(r.id for r in form.APPLICATIONS.rows)


def sum_cells(values: Iterable[int | None]) -> int | None:
    """Sum counts with blank as 0; the sum of nothing but blanks is blank."""
    total: int | None = None
    for v in values:
        if v is not None:
            total = v if total is None else total + v
    return total


def applicant_counts(
    *,
    natural_person: int | None = None,
    commercial: int | None = None,
    research: int | None = None,
    nonprofit: int | None = None,
    legal_services: int | None = None,
    other: int | None = None,
    total: int | None = None,
) -> ApplicantCounts:
    """A row of table 三; ``total`` (总计) is derived from the six applicant columns when not given."""
    parts = (natural_person, commercial, research, nonprofit, legal_services, other)
    return ApplicantCounts(
        natural_person=natural_person,
        commercial=commercial,
        research=research,
        nonprofit=nonprofit,
        legal_services=legal_services,
        other=other,
        total=sum_cells(parts) if total is None else total,
    )


def _row_with_total(row: ApplicantCounts) -> ApplicantCounts:
    if row.total is not None:
        return row
    return attrs.evolve(row, total=sum_cells(getattr(row, c) for c in form.APPLICANT_COLUMNS))


RowInput = ApplicantCounts | Mapping[str, int | None] | None


def applications(**rows: RowInput) -> Applications:
    """Table 三 from its rows, by form id; missing rows are blank.

    Each row may be an :class:`ApplicantCounts` or a mapping of column ids to counts. Derived when not given:
    each row's 总计 column, and every blank cell of （七）总计 from the 21 result rows above it.
    """
    unknown = sorted(set(rows) - set(_APPLICATION_ROWS))
    if unknown:
        raise TypeError(
            f"applications(): unknown row id(s) {unknown}; expected ids of "
            f"gov_disclosure.form.APPLICATIONS rows, e.g. 'received'"
        )
    built: dict[str, ApplicantCounts] = {}
    for rid in _APPLICATION_ROWS:
        value = rows.get(rid)
        if value is None:
            row = ApplicantCounts()
        elif isinstance(value, ApplicantCounts):
            row = value
        else:
            bad = sorted(set(value) - {c.id for c in form.APPLICATIONS.blocks[0].columns})
            if bad:
                raise TypeError(f"applications(): row {rid!r} has unknown column id(s) {bad}")
            row = ApplicantCounts(**value)
        built[rid] = row
    stated_total = built["outcome_total"]
    derived = {
        col.id: (
            getattr(stated_total, col.id)
            if getattr(stated_total, col.id) is not None
            else sum_cells(getattr(built[r], col.id) for r in form.RESULT_ROWS)
        )
        for col in form.APPLICATIONS.blocks[0].columns
        if col.id != "total"
    }
    built["outcome_total"] = attrs.evolve(stated_total, **derived)
    return Applications(**{rid: _row_with_total(row) for rid, row in built.items()})


def case_counts(
    *,
    upheld: int | None = None,
    corrected: int | None = None,
    other: int | None = None,
    pending: int | None = None,
    total: int | None = None,
) -> CaseCounts:
    """A block of table 四; ``total`` is derived from the four results when not given."""
    return CaseCounts(
        upheld=upheld,
        corrected=corrected,
        other=other,
        pending=pending,
        total=sum_cells((upheld, corrected, other, pending)) if total is None else total,
    )


def _cases_with_total(c: CaseCounts) -> CaseCounts:
    if c.total is not None:
        return c
    return attrs.evolve(c, total=sum_cells(getattr(c, p) for p in form.CASE_PARTS))


CasesInput = CaseCounts | Mapping[str, int | None] | None


def review_litigation(
    *,
    reconsideration: CasesInput = None,
    litigation_direct: CasesInput = None,
    litigation_after_review: CasesInput = None,
) -> ReviewLitigation:
    """Table 四 from its three blocks; each block's 总计 is derived when not given."""

    def one(value: CasesInput) -> CaseCounts:
        if value is None:
            return CaseCounts()
        c = value if isinstance(value, CaseCounts) else CaseCounts(**value)
        return _cases_with_total(c)

    return ReviewLitigation(
        reconsideration=one(reconsideration),
        litigation_direct=one(litigation_direct),
        litigation_after_review=one(litigation_after_review),
    )


def with_totals(apps: Applications) -> Applications:
    """Fill every blank total of a table 三 (row 总计 and （七）总计); stated totals are kept."""
    return applications(**{f.name: getattr(apps, f.name) for f in attrs.fields(Applications)})
