"""The public Hypothesis strategies: reports() and corruptions()."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gov_disclosure import form
from gov_disclosure.cellview import cells, ref
from gov_disclosure.model import AgencyKind, Report
from gov_disclosure.strategies import corruptions, reports

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports(blanks=False, max_count=50))
def test_reports_without_blanks_fill_every_cell(report: Report) -> None:
    values = cells(report)
    assert None not in values.values()
    # Counts drawn directly are ≤ max_count; derived ones (totals, 一 and 二 of table 三) may be larger.
    drawn = {
        ref("三", r, c).address
        for r in (*form.RESULT_ROWS, "carried_forward")
        for c in form.APPLICANT_COLUMNS
    }
    assert all(values[a] <= 50 for a in drawn)


@SETTINGS
@given(reports())
def test_reports_have_text_in_sections_one_five_six(report: Report) -> None:
    for name in ("overview", "problems", "other_matters"):
        assert not getattr(report, name).is_empty


@SETTINGS
@given(reports(complete=False, kinds=(AgencyKind.OTHER,)))
def test_reports_options(report: Report) -> None:
    assert report.meta.kind is AgencyKind.OTHER


@SETTINGS
@given(reports())
def test_in_force_is_plausible(report: Report) -> None:
    for docs in (report.active_disclosure.rules, report.active_disclosure.normative_documents):
        assert (docs.in_force or 0) >= (docs.issued or 0) - (docs.repealed or 0)


@SETTINGS
@given(reports().flatmap(lambda r: st.tuples(st.just(r), corruptions(r))))
def test_corruption_changes_exactly_the_returned_cell(pair: tuple[Report, Any]) -> None:
    original, (corrupted, address) = pair
    before, after = cells(original), cells(corrupted)
    changed = [k for k in before if before[k] != after[k] or (before[k] is None) != (after[k] is None)]
    assert changed == [address]
    new = after[address]
    if address[0] == "二":
        assert new is not None and new < 0
    else:
        assert isinstance(new, int) and new >= 0
        assert new != (before[address] or 0)  # blank counts as 0: a blank becomes a count ≥ 1


@SETTINGS
@given(reports().flatmap(lambda r: corruptions(r, tables=("四",))))
def test_corruption_tables_option(pair: tuple[Report, Any]) -> None:
    assert pair[1][0] == "四"


@settings(max_examples=5, deadline=None)
@given(reports(), st.data())
def test_corruption_rejects_unknown_tables(report: Report, data: st.DataObject) -> None:
    with pytest.raises(ValueError, match="tables must be among"):
        data.draw(corruptions(report, tables=("五",)))
