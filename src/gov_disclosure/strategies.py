"""Public Hypothesis strategies for testing systems that produce or consume these reports.

Requires the ``hypothesis`` package (``pip install 'gov-disclosure[test]'``).

``reports()`` draws reports that satisfy every accounting rule by construction: table 三 balances in every
column, （七）总计 is the sum of the 21 result rows, every 总计 column is the sum of the applicant columns,
and each table-四 block's 总计 is the sum of its results. A blank cell is drawn only where the value is 0, so
blanks never break a rule (blank counts as 0).

``corruptions(report)`` draws ``(corrupted_report, changed_cell_address)`` pairs that change one cell so that
:func:`gov_disclosure.check` must find it: for testing a checker (ours or yours) against single-cell errors.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from . import form
from .cellview import cell_refs, get_cell, replace_cell
from .form import CellAddress
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
    Subsection,
    unchecked,
)

__all__ = ["corruptions", "narrative_text", "reports"]


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


@st.composite
def _column(draw: st.DrawFn, max_count: int) -> dict[str, int]:
    """One consistent column of table 三: row id -> count."""
    n_rows = len(form.RESULT_ROWS)
    # Most rows are small or zero in real reports; sometimes draw large numbers.
    small = st.integers(0, 3)
    big = st.integers(0, max_count)
    results = draw(st.lists(small, min_size=n_rows, max_size=n_rows))
    for i, value in draw(st.lists(st.tuples(st.integers(0, n_rows - 1), big), max_size=4)):
        results[i] = value
    col = dict(zip(form.RESULT_ROWS, results, strict=True))
    outcome = sum(results)
    forward = draw(st.one_of(small, big))
    over = draw(st.integers(0, outcome + forward))
    col["outcome_total"] = outcome
    col["carried_forward"] = forward
    col["carried_over"] = over
    col["received"] = outcome + forward - over
    return col


@st.composite
def _applications(draw: st.DrawFn, max_count: int, blanks: bool) -> Applications:
    cols = {c: draw(_column(max_count)) for c in form.APPLICANT_COLUMNS}
    rows: dict[str, ApplicantCounts] = {}
    for row in form.APPLICATIONS.rows:
        values = {c: cols[c][row.id] for c in form.APPLICANT_COLUMNS}
        values["total"] = sum(values.values())
        rows[row.id] = ApplicantCounts(**{k: _maybe_blank(draw, v, blanks) for k, v in values.items()})
    return Applications(**rows)


@st.composite
def _cases(draw: st.DrawFn, max_count: int, blanks: bool) -> CaseCounts:
    parts = [draw(st.one_of(st.integers(0, 3), st.integers(0, max_count))) for _ in form.CASE_PARTS]
    values = dict(zip(form.CASE_PARTS, parts, strict=True))
    values["total"] = sum(parts)
    return CaseCounts(**{k: _maybe_blank(draw, v, blanks) for k, v in values.items()})


def _count(max_count: int, blanks: bool) -> st.SearchStrategy[int | None]:
    values = st.integers(0, max_count)
    return st.one_of(st.none(), values) if blanks else values


@st.composite
def _active(draw: st.DrawFn, max_count: int, blanks: bool) -> ActiveDisclosure:
    def docs() -> DocumentCounts:
        issued = draw(_count(max_count, blanks))
        repealed = draw(_count(max_count, blanks))
        # Documents issued this year and not repealed are still in force (the soft rule t2.in-force).
        floor = max(0, (issued or 0) - (repealed or 0))
        in_force = st.integers(floor, max(floor, max_count))
        return DocumentCounts(
            issued=issued,
            repealed=repealed,
            in_force=draw(st.one_of(st.none(), in_force) if blanks and floor == 0 else in_force),
        )

    # An amount up to 10^7 万元 with 0–4 decimals, keeping its exponent ("12.50" has two). Built from an
    # integer: a new st.decimals() strategy per example would be slow to construct.
    places = draw(st.integers(0, 4))
    fee = Decimal(draw(st.integers(0, 10 ** (7 + places)))).scaleb(-places)
    return ActiveDisclosure(
        rules=docs(),
        normative_documents=docs(),
        licensing=draw(_count(max_count, blanks)),
        penalty=draw(_count(max_count, blanks)),
        coercion=draw(_count(max_count, blanks)),
        fees=draw(st.one_of(st.none(), st.just(fee))) if blanks else fee,
    )


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
    kwargs: dict[str, Any] = {
        "meta": meta,
        "preamble": tuple(draw(st.lists(text, max_size=2))),
        "active_disclosure": draw(_active(max_count, blanks)),
        "applications": draw(_applications(max_count, blanks)),
        "review_litigation": ReviewLitigation(
            reconsideration=draw(_cases(max_count, blanks)),
            litigation_direct=draw(_cases(max_count, blanks)),
            litigation_after_review=draw(_cases(max_count, blanks)),
        ),
    }
    for name in ("overview", "problems", "other_matters"):
        kwargs[name] = draw(_narrative(text, names, 1 if complete else 0))
    if table_text:
        for name in ("active_disclosure_text", "applications_text", "review_litigation_text"):
            kwargs[name] = draw(st.one_of(st.just(Narrative()), _narrative(text, names)))
    return Report(**kwargs)


_CORRUPTIBLE = {t: tuple(c for c in cell_refs() if c.table.id == t) for t in ("二", "三", "四")}


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
    if cell.table.id == "二":
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
