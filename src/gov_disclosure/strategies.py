"""Public Hypothesis strategies for testing systems that produce or consume these reports.

Requires the ``hypothesis`` package (``pip install 'gov-disclosure[test]'``).

``reports()`` draws reports that satisfy every accounting rule by construction: table 三 balances in every
column, （七）总计 is the sum of the 21 result rows, every 总计 column is the sum of the applicant columns, and
each table-四 block's 总计 is the sum of its results. A blank cell is drawn only where the value is 0, so
blanks never break a rule (blank counts as 0).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from hypothesis import strategies as st

from . import form
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
)

__all__ = ["narrative_text", "reports"]


def narrative_text(*, min_size: int = 1, max_size: int = 200) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text (no surrogates) with at least one non-space character."""
    return st.text(
        alphabet=st.characters(exclude_categories=("Cs",)), min_size=min_size, max_size=max_size
    ).filter(lambda s: bool(s.strip()))


def _maybe_blank(value: int, blanks: bool) -> st.SearchStrategy[int | None]:
    if blanks and value == 0:
        return st.sampled_from([0, None])
    return st.just(value)


@st.composite
def _column(draw: st.DrawFn, max_count: int) -> dict[str, int]:
    """One consistent column of table 三: row id -> count."""
    n_rows = len(form.RESULT_ROWS)
    # Most rows are small or zero in real reports; sometimes draw large numbers.
    small = st.integers(0, 3)
    big = st.integers(0, max_count)
    results = draw(st.lists(st.one_of(small, small, big), min_size=n_rows, max_size=n_rows))
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
        rows[row.id] = ApplicantCounts(
            **{k: draw(_maybe_blank(v, blanks)) for k, v in values.items()}
        )
    return Applications(**rows)


@st.composite
def _cases(draw: st.DrawFn, max_count: int, blanks: bool) -> CaseCounts:
    parts = [draw(st.one_of(st.integers(0, 3), st.integers(0, max_count))) for _ in form.CASE_PARTS]
    values = dict(zip(form.CASE_PARTS, parts, strict=True))
    values["total"] = sum(parts)
    return CaseCounts(**{k: draw(_maybe_blank(v, blanks)) for k, v in values.items()})


def _count(max_count: int, blanks: bool) -> st.SearchStrategy[int | None]:
    values = st.integers(0, max_count)
    return st.one_of(st.none(), values) if blanks else values


@st.composite
def _active(draw: st.DrawFn, max_count: int, blanks: bool) -> ActiveDisclosure:
    def docs() -> DocumentCounts:
        return DocumentCounts(
            issued=draw(_count(max_count, blanks)),
            repealed=draw(_count(max_count, blanks)),
            in_force=draw(_count(max_count, blanks)),
        )

    fee = draw(
        st.decimals(min_value=0, max_value=10**7, places=draw(st.integers(0, 4)), allow_nan=False)
    )
    return ActiveDisclosure(
        rules=docs(),
        normative_documents=docs(),
        licensing=draw(_count(max_count, blanks)),
        penalty=draw(_count(max_count, blanks)),
        coercion=draw(_count(max_count, blanks)),
        fees=draw(st.one_of(st.none(), st.just(fee))) if blanks else fee,
    )


@st.composite
def _narrative(draw: st.DrawFn, text: st.SearchStrategy[str], heading: st.SearchStrategy[str]) -> Narrative:
    paragraphs = tuple(draw(st.lists(text, max_size=3)))
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
) -> Report:
    """Reports that satisfy every accounting rule by construction.

    Args:
        blanks: allow blank cells (only where the value is 0 in tables 三 and 四; anywhere in table 二).
        max_count: the largest count drawn in a cell (row and column totals may be larger).
        kinds: the agency kinds to draw from.
        text: strategy for paragraphs (default: arbitrary Unicode, see :func:`narrative_text`).
        names: strategy for agency, issuer and region names and sub-headings (default: like ``text``).
        years: inclusive range of report years.
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
        kwargs[name] = draw(_narrative(text, names))
    return Report(**kwargs)

