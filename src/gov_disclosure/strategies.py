"""Public Hypothesis strategies for testing systems that produce or consume these reports.

Requires the ``hypothesis`` package (``pip install 'gov-disclosure[test]'``).

``reports()`` draws reports that satisfy every accounting rule of :data:`gov_disclosure.form.RULES`: cells are
drawn, then repaired by :func:`satisfy`. A blank cell is drawn only where the value is 0, so blanks never
break a rule (blank counts as 0).

``corruptions(report)`` draws ``(corrupted_report, changed_cell_address)`` pairs that change one cell so that
:func:`gov_disclosure.check` must find it: for testing a checker (ours or yours) against single-cell errors.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Final

from hypothesis import strategies as st

from . import form
from .cellview import CellRef, CellValue, cell_refs, from_cells, get_cell, replace_cell
from .form import CellAddress
from .model import AgencyKind, Meta, Narrative, Report, Subsection, unchecked

__all__ = ["corruptions", "narrative_text", "reports", "satisfy"]


def narrative_text(*, min_size: int = 1, max_size: int = 200) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text (no surrogates) with at least one non-space character."""
    return st.text(alphabet=st.characters(codec="utf-8"), min_size=min_size, max_size=max_size).filter(
        lambda s: bool(s.strip())
    )


_ZERO_OR_BLANK: st.SearchStrategy[int | None] = st.sampled_from((0, None))


def _maybe_blank(draw: st.DrawFn, value: int, blanks: bool) -> int | None:
    """``value``, or sometimes blank where it is 0 (one shared strategy: building one per cell is slow)."""
    if blanks and value == 0:
        return draw(_ZERO_OR_BLANK)
    return value


def satisfy(table: str, values: dict[tuple[str, str], int | None]) -> None:
    """Change ``values`` (``(row id, column id)`` -> count, blank as 0) until every rule of ``table`` in
    :data:`gov_disclosure.form.RULES` holds, keeping every count ≥ 0.

    An instance with one stated total gets the total of its parts (or, for a bound, at least that); one with
    several stated cells (table 三's balance) has its parts shared out so that they sum to the stated cells.
    Repairs are repeated until nothing changes (a repair may break an instance fixed earlier).
    """
    eqs = [eq for r in form.RULES if r.table == table for eq in r.equations()]

    def total(cells: tuple[form.CellId, ...]) -> int:
        return sum(values[c[1:]] or 0 for c in cells)

    for _ in range(len(eqs) + 2):
        changed = False
        for eq in eqs:
            parts, stated = total(eq.parts) - total(eq.minus), total(eq.stated)
            if stated == parts or (eq.relation == ">=" and stated >= parts):
                continue
            changed = True
            if len(eq.stated) == 1 and parts >= 0:
                values[eq.stated[0][1:]] = parts
                continue
            left = stated + total(eq.minus)
            for c in eq.parts[:-1]:
                values[c[1:]] = min(values[c[1:]] or 0, left)
                left -= values[c[1:]] or 0
            values[eq.parts[-1][1:]] = left
        if not changed:
            return
    raise AssertionError(f"the rules of table {table} could not all be satisfied")


@st.composite
def _table(draw: st.DrawFn, table: form.Table, max_count: int) -> dict[tuple[str, str], int | None]:
    """Every count cell of ``table``, drawn (mostly small or zero, as in real reports), then made to satisfy
    the form's rules."""
    keys = [(r.id, c.id) for b in table.blocks for r in b.rows for c in b.columns if r.unit == "count"]
    small, big = st.integers(0, 3), st.integers(0, max_count)
    drawn = draw(st.lists(small, min_size=len(keys), max_size=len(keys)))
    for i, value in draw(st.lists(st.tuples(st.integers(0, len(keys) - 1), big), max_size=4)):
        drawn[i] = value
    values: dict[tuple[str, str], int | None] = dict(zip(keys, drawn, strict=True))
    satisfy(table.id, values)
    return values


#: A cell's ids ``(table, row id, column id)`` -> its drawn value.
_Cells = dict[tuple[str, str, str], CellValue]


@st.composite
def _counts(draw: st.DrawFn, table: form.Table, max_count: int, blanks: bool) -> _Cells:
    """The cells of table 三 or 四, drawn by :func:`_table`; a 0 may be drawn blank."""
    values = draw(_table(table, max_count))
    return {(table.id, r, c): _maybe_blank(draw, v or 0, blanks) for (r, c), v in values.items()}


def _count(max_count: int, blanks: bool) -> st.SearchStrategy[int | None]:
    values = st.integers(0, max_count)
    return st.one_of(st.none(), values) if blanks else values


#: The ids of table 二's one cell holding an amount (万元), not a count.
_FEE: Final = next(c.key for c in cell_refs() if c.table is form.ACTIVE_DISCLOSURE and c.row.unit == "amount")


@st.composite
def _active(draw: st.DrawFn, max_count: int, blanks: bool) -> _Cells:
    t = form.ACTIVE_DISCLOSURE
    counts = [(r.id, c.id) for b in t.blocks for r in b.rows for c in b.columns if r.unit == "count"]
    values = {key: draw(_count(max_count, blanks)) for key in counts}
    blank = {key for key, v in values.items() if v is None}
    satisfy(t.id, values)
    # A blank the rules did not need to fill stays blank (blank counts as 0).
    for key in blank:
        if values[key] == 0:
            values[key] = None
    # An amount up to 10^7 万元 with 0–4 decimals, keeping its exponent ("12.50" has two). Built from an
    # integer: a new st.decimals() strategy per example would be slow to construct.
    places = draw(st.integers(0, 4))
    fee = Decimal(draw(st.integers(0, 10 ** (7 + places)))).scaleb(-places)
    out: _Cells = {(t.id, r, c): v for (r, c), v in values.items()}
    out[_FEE] = draw(st.one_of(st.none(), st.just(fee))) if blanks else fee
    return out


@st.composite
def _narrative(
    draw: st.DrawFn, text: st.SearchStrategy[str], heading: st.SearchStrategy[str], min_size: int = 0
) -> Narrative:
    paragraphs = tuple(draw(st.lists(text, min_size=min_size, max_size=3)))
    subsections = tuple(
        draw(
            st.lists(
                st.builds(
                    Subsection,
                    heading=heading,
                    paragraphs=st.lists(text, max_size=2).map(tuple),
                ),
                max_size=2,
            )
        )
    )
    return Narrative(paragraphs=paragraphs, subsections=subsections)


@st.composite
def reports(
    draw: st.DrawFn,
    *,
    blanks: bool = True,
    max_count: int = 10**6,
    kinds: tuple[AgencyKind, ...] = tuple(AgencyKind),
    text: st.SearchStrategy[str] | None = None,
    names: st.SearchStrategy[str] | None = None,
    years: tuple[int, int] = (2021, 2030),
    titles: bool = True,
    table_text: bool = True,
    complete: bool = True,
) -> Report:
    """Reports that satisfy every accounting rule by construction.

    Args:
        blanks: allow blank cells (only where the value is 0 in tables 三 and 四; anywhere in table 二).
        max_count: the largest count drawn in a cell (row and column totals may be larger).
        kinds: the agency kinds to draw from.
        text: strategy for paragraphs (default: arbitrary Unicode, see :func:`narrative_text`).
        names: strategy for agency, issuer and region names and sub-headings (default: like ``text``).
        years: inclusive range of report years.
        titles: sometimes draw a published title (``Meta.title``); when false the title is always ``None``.
        table_text: sometimes draw text around the tables of sections 二、三、四 (``*_text``); when false
            those sections hold only their table.
        complete: sections 一、五、六 always have text (an empty one is a ``structure.missing-section``
            error); when false they may be empty.
    """
    text = text if text is not None else narrative_text()
    names = names if names is not None else narrative_text(max_size=30)
    year = draw(st.integers(*years))
    published = draw(
        st.one_of(
            st.none(),
            st.dates(min_value=_dt.date(year + 1, 1, 1), max_value=_dt.date(year + 1, 6, 30)),
        )
    )
    has_period = draw(st.booleans())
    meta = Meta(
        agency=draw(names),
        year=year,
        kind=draw(st.sampled_from(kinds)),
        region=draw(st.one_of(st.none(), names)),
        title=draw(st.one_of(st.none(), names)) if titles else None,
        published=published,
        issuer=draw(st.one_of(st.none(), names)),
        period_start=_dt.date(year, 1, 1) if has_period else None,
        period_end=_dt.date(year, 12, 31) if has_period else None,
    )
    preamble = tuple(draw(st.lists(text, max_size=2)))
    cells: _Cells = draw(_active(max_count, blanks))
    cells.update(draw(_counts(form.APPLICATIONS, max_count, blanks)))
    cells.update(draw(_counts(form.REVIEW_LITIGATION, max_count, blanks)))
    kwargs: dict[str, Any] = {"meta": meta, "preamble": preamble, **from_cells(cells)}
    for section in form.SECTIONS:
        if section.table is None:
            kwargs[section.text_field] = draw(_narrative(text, names, 1 if complete else 0))
    if table_text:
        for section in form.SECTIONS:
            if section.table is not None:
                kwargs[section.text_field] = draw(st.one_of(st.just(Narrative()), _narrative(text, names)))
    return Report(**kwargs)


_CORRUPTIBLE: dict[str, tuple[CellRef, ...]] = {
    t.id: tuple(c for c in cell_refs() if c.table is t) for t in form.TABLES
}


@st.composite
def corruptions(
    draw: st.DrawFn,
    report: Report,
    *,
    tables: tuple[str, ...] = ("二", "三", "四"),
    max_count: int = 10**6,
) -> tuple[Report, CellAddress]:
    """A copy of ``report`` with one cell changed, and the official address of that cell.

    In tables 三 and 四 the cell gets a different non-negative count (a blank cell, which counts as 0, gets a
    count ≥ 1), so that at least one accounting rule breaks and involves the cell. In table 二, which has no
    accounting rule, the cell gets a negative count (or a negative fee), built with
    :func:`gov_disclosure.model.unchecked` as a parser keeps what a report states; ``cell.negative`` finds it.

    >>> from hypothesis import given
    >>> from gov_disclosure import check
    >>> @given(reports().flatmap(corruptions))
    ... def test_found(pair):
    ...     bad, address = pair
    ...     assert any(address in f.cells for f in check(bad).errors)

    Args:
        report: the report to corrupt (usually drawn from :func:`reports`).
        tables: the tables to pick the cell from.
        max_count: the largest count drawn for the new value.
    """
    unknown = sorted(set(tables) - set(_CORRUPTIBLE))
    if unknown or not tables:
        raise ValueError(f"corruptions(): tables must be among '二', '三', '四', got {tables!r}")
    pool = tuple(c for t in tables for c in _CORRUPTIBLE[t])
    cell = draw(st.sampled_from(pool))
    old = get_cell(report, *cell.key)
    if cell.table is form.ACTIVE_DISCLOSURE:
        if cell.row.unit == "amount":
            new: int | Decimal = -draw(
                st.decimals(min_value=Decimal("0.01"), max_value=10**7, places=2, allow_nan=False)
            )
        else:
            new = -draw(st.integers(1, max_count))
        with unchecked():
            return replace_cell(report, cell, new), cell.address
    if old is None:
        value = draw(st.integers(1, max(1, max_count)))
    else:
        value = draw(st.integers(0, max(max_count, int(old) + 1)).filter(lambda v: v != old))
    return replace_cell(report, cell, value), cell.address
