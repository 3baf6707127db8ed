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
    "derive",
    "review_litigation",
    "sum_cells",
    "with_totals",
]

_APPLICATION_ROWS = tuple(r.id for r in form.APPLICATIONS.rows)
_APPLICATION_COLUMNS = tuple(c.id for c in form.APPLICATIONS.blocks[0].columns)


def sum_cells(values: Iterable[int | None]) -> int | None:
    """Sum counts with blank as 0; the sum of nothing but blanks is blank."""
    total: int | None = None
    for v in values:
        if v is not None:
            total = v if total is None else total + v
    return total


def _row_rules(table: str) -> list[form.AccountingRule]:
    """The rules of ``table`` that define a row's stated total from the row's parts (the 总计 columns)."""
    return [
        r
        for r in form.RULES
        if r.table == table and r.per == "row" and r.relation == "=" and len(r.stated) == 1 and not r.minus
    ]


def _row_totals(table: str, values: dict[str, int | None]) -> dict[str, int | None]:
    """``values`` (column id -> count) with every blank total of the form's row rules derived."""
    for r in _row_rules(table):
        if values.get(r.stated[0]) is None:
            values[r.stated[0]] = sum_cells(values.get(p) for p in r.parts)
    return values


def derive(table: str, values: Mapping[tuple[str, str], int | None]) -> dict[tuple[str, str], int | None]:
    """``values`` (``(row id, column id)`` -> count) with every blank total the form's rules define derived.

    A total is derived from its parts once none of the parts is itself a blank total still to be derived,
    so that nested totals (（七）总计 × 总计) come out the same whichever way they are summed.
    """
    out = dict(values)
    eqs = [eq for r in form.RULES if r.table == table for eq in r.equations() if eq.derives is not None]
    pending = {eq.derives[1:] for eq in eqs if eq.derives is not None and out.get(eq.derives[1:]) is None}
    progress = True
    while pending and progress:
        progress = False
        for eq in eqs:
            target = eq.derives[1:] if eq.derives is not None else None
            parts = [c[1:] for c in eq.parts]
            if target in pending and not pending.intersection(parts):
                out[target] = sum_cells(out.get(p) for p in parts)
                pending.discard(target)
                progress = True
    return out


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
    values: dict[str, int | None] = {
        "natural_person": natural_person,
        "commercial": commercial,
        "research": research,
        "nonprofit": nonprofit,
        "legal_services": legal_services,
        "other": other,
        "total": total,
    }
    return ApplicantCounts(**_row_totals(form.APPLICATIONS.id, values))


RowInput = ApplicantCounts | Mapping[str, int | None] | None


def applications(**rows: RowInput) -> Applications:
    """Table 三 from its rows, by form id; missing rows are blank.

    Each row may be an :class:`ApplicantCounts` or a mapping of column ids to counts. Derived when not given:
    every total the form's rules define (each row's 总计 column, every blank cell of （七）总计).
    """
    unknown = sorted(set(rows) - set(_APPLICATION_ROWS))
    if unknown:
        raise TypeError(
            f"applications(): unknown row id(s) {unknown}; expected ids of "
            f"gov_disclosure.form.APPLICATIONS rows, e.g. 'received'"
        )
    values: dict[tuple[str, str], int | None] = {}
    for rid in _APPLICATION_ROWS:
        value = rows.get(rid)
        if value is None:
            row = ApplicantCounts()
        elif isinstance(value, ApplicantCounts):
            row = value
        else:
            bad = sorted(set(value) - set(_APPLICATION_COLUMNS))
            if bad:
                raise TypeError(f"applications(): row {rid!r} has unknown column id(s) {bad}")
            row = ApplicantCounts(**value)
        values.update(((rid, c), getattr(row, c)) for c in _APPLICATION_COLUMNS)
    values = derive(form.APPLICATIONS.id, values)
    return Applications(
        **{
            rid: ApplicantCounts(**{c: values[(rid, c)] for c in _APPLICATION_COLUMNS})
            for rid in _APPLICATION_ROWS
        }
    )


def case_counts(
    *,
    upheld: int | None = None,
    corrected: int | None = None,
    other: int | None = None,
    pending: int | None = None,
    total: int | None = None,
) -> CaseCounts:
    """A block of table 四; ``total`` is derived from the four results when not given."""
    values: dict[str, int | None] = {
        "upheld": upheld,
        "corrected": corrected,
        "other": other,
        "pending": pending,
        "total": total,
    }
    return CaseCounts(**_row_totals(form.REVIEW_LITIGATION.id, values))


def _cases_with_total(c: CaseCounts) -> CaseCounts:
    values = {f.name: getattr(c, f.name) for f in attrs.fields(CaseCounts)}
    return CaseCounts(**_row_totals(form.REVIEW_LITIGATION.id, values))


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
