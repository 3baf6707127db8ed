"""Builders derive every total that is not given, and keep a given total as stated, even when it is wrong."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import build, form
from gov_disclosure.model import ApplicantCounts, Applications, CaseCounts, Report
from gov_disclosure.strategies import reports

counts = st.one_of(st.none(), st.integers(0, 10**9))


def test_sum_cells_blank_is_not_zero() -> None:
    assert build.sum_cells([]) is None
    assert build.sum_cells([None, None]) is None
    assert build.sum_cells([None, 0]) == 0
    assert build.sum_cells([1, None, 2]) == 3


def test_applicant_counts_derives_the_total() -> None:
    assert build.applicant_counts(natural_person=3, commercial=1).total == 4
    assert build.applicant_counts().total is None
    assert build.applicant_counts(other=0).total == 0


def test_applicant_counts_keeps_a_stated_wrong_total() -> None:
    row = build.applicant_counts(natural_person=3, commercial=1, total=7)
    assert row.total == 7


@given(st.lists(counts, min_size=6, max_size=6), counts)
@settings(max_examples=100, deadline=None)
def test_applicant_counts_property(parts: list[int | None], total: int | None) -> None:
    kwargs = dict(zip(form.APPLICANT_COLUMNS, parts, strict=True))
    row = build.applicant_counts(**kwargs, total=total)
    assert row.total == (build.sum_cells(parts) if total is None else total)
    assert [getattr(row, c) for c in form.APPLICANT_COLUMNS] == parts


def test_applications_derives_row_totals_and_outcome_total() -> None:
    apps = build.applications(
        received={"natural_person": 5, "commercial": 1},
        disclosed={"natural_person": 2},
        partly_disclosed=build.applicant_counts(natural_person=1, commercial=1),
        declined_repeated={"natural_person": 1},
        carried_forward={"natural_person": 1},
    )
    assert apps.received.total == 6
    assert apps.outcome_total.natural_person == 4
    assert apps.outcome_total.commercial == 1
    assert apps.outcome_total.research is None
    assert apps.outcome_total.total == 5
    assert apps.carried_over == ApplicantCounts()


def test_applications_keeps_stated_totals() -> None:
    apps = build.applications(
        disclosed={"natural_person": 2},
        outcome_total={"natural_person": 9, "total": 100},
        received={"natural_person": 1, "total": 50},
    )
    assert apps.outcome_total.natural_person == 9
    assert apps.outcome_total.total == 100
    assert apps.received.total == 50


def test_applications_rejects_unknown_ids() -> None:
    with pytest.raises(TypeError, match="unknown row id"):
        build.applications(recieved={"natural_person": 1})
    with pytest.raises(TypeError, match="unknown column id"):
        build.applications(received={"people": 1})


def test_case_counts_and_review_litigation() -> None:
    assert build.case_counts(upheld=1, pending=2).total == 3
    assert build.case_counts(upheld=1, total=9).total == 9
    assert build.case_counts().total is None
    table = build.review_litigation(
        reconsideration={"upheld": 2, "corrected": 1},
        litigation_direct=CaseCounts(other=4, total=1),
    )
    assert table.reconsideration.total == 3
    assert table.litigation_direct.total == 1  # stated, wrong, kept
    assert table.litigation_after_review == CaseCounts()


@given(st.lists(counts, min_size=5, max_size=5))
@settings(max_examples=100, deadline=None)
def test_case_counts_property(values: list[int | None]) -> None:
    *parts, total = values
    cases = build.case_counts(**dict(zip(form.CASE_PARTS, parts, strict=True)), total=total)
    assert cases.total == (build.sum_cells(parts) if total is None else total)


def _strip_totals(apps: Applications) -> Applications:
    rows: dict[str, Any] = {}
    for r in form.APPLICATIONS.rows:
        row = attrs.evolve(apps.row(r.id), total=None)
        if r.id == "outcome_total":
            row = ApplicantCounts()
        rows[r.id] = row
    return Applications(**rows)


@given(reports(blanks=False))
@settings(max_examples=40, deadline=None)
def test_rebuilding_a_consistent_table_restores_its_totals(report: Report) -> None:
    apps = report.applications
    assert build.with_totals(_strip_totals(apps)) == apps
    cases = report.review_litigation
    rebuilt = build.review_litigation(
        **{b.id: attrs.evolve(getattr(cases, b.id), total=None) for b in form.REVIEW_LITIGATION.blocks}
    )
    assert rebuilt == cases


@given(reports())
@settings(max_examples=30, deadline=None)
def test_with_totals_never_changes_a_stated_cell(report: Report) -> None:
    apps = report.applications
    filled = build.with_totals(apps)
    for r in form.APPLICATIONS.rows:
        for c in form.APPLICATIONS.blocks[0].columns:
            stated = getattr(apps.row(r.id), c.id)
            if stated is not None:
                assert getattr(filled.row(r.id), c.id) == stated
    assert build.with_totals(filled) == filled
