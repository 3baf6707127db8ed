"""Property tests: consistent reports have no error; every single-cell corruption is found and located."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gov_disclosure import check
from gov_disclosure.cellview import cell_refs, replace_cell
from gov_disclosure.model import Report, unchecked
from gov_disclosure.strategies import corruptions, reports

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: What a report drawn by reports() may still be warned about: its publication date is drawn up to 30 June
#: (late for departments and governments), and its fee amount with arbitrary text in section 六.
ALLOWED_WARNINGS = {"meta.late", "fee.section-six"}


@SETTINGS
@given(reports())
def test_consistent_reports_have_no_error(report: Report) -> None:
    result = check(report)
    assert result.errors == (), result.to_text("en")
    assert result.ok
    assert {f.code for f in result.warnings} <= ALLOWED_WARNINGS
    assert {f.code for f in result.notices} <= {"cell.blank"}
    s = result.stats
    assert s.run == s.passed + s.failed + s.not_assessable


@SETTINGS
@given(reports(blanks=False))
def test_strict_policy_agrees_when_nothing_is_blank(report: Report) -> None:
    strict, zero = check(report, blank_policy="strict"), check(report)
    assert (strict.findings, strict.stats) == (zero.findings, zero.stats)


@SETTINGS
@given(reports().flatmap(lambda r: st.tuples(st.just(r), corruptions(r, tables=("三", "四")))))
def test_every_single_cell_corruption_of_tables_three_and_four_is_found(pair: tuple[Report, Any]) -> None:
    _original, (corrupted, address) = pair
    result = check(corrupted)
    assert not result.ok
    assert any(address in f.cells for f in result.errors), (address, result.to_text("en"))
    # Only arithmetic rules fire on such a change.
    assert {f.code for f in result.errors} <= {"t3.balance", "t3.outcome-total", "t3.row-total", "t4.total"}


@SETTINGS
@given(reports().flatmap(lambda r: corruptions(r, tables=("二",))))
def test_negative_in_table_two_is_found_and_located(pair: tuple[Report, Any]) -> None:
    corrupted, address = pair
    result = check(corrupted)
    negatives = [f for f in result.errors if f.code == "cell.negative"]
    assert [f.cells for f in negatives] == [(address,)]
    assert (
        negatives[0].location.table,
        negatives[0].location.row_label,
        negatives[0].location.column_label,
    ) == address


_JUNK = st.one_of(
    st.none(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=3),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-100, max_value=100),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.lists(st.tuples(st.sampled_from(cell_refs()), _JUNK), max_size=6))
def test_check_never_crashes_on_anything_a_parser_may_keep(report: Report, changes: list[Any]) -> None:
    with unchecked():
        for cell, value in changes:
            report = replace_cell(report, cell, value)
    result = check(report)
    assert "internal-error" not in result.codes, result.to_text("en")
    result.to_json()
    result.to_markdown("en")


@SETTINGS
@given(reports(), st.sampled_from(["zero", "strict"]))
def test_outputs_render_for_any_report(report: Report, policy: Any) -> None:
    result = check(report, blank_policy=policy)
    for lang in ("zh", "en"):
        result.to_text(lang)
        result.to_markdown(lang)
        result.to_json(lang)
        assert len(result.flatten(lang)) == len(result.findings)


def test_fee_decimal_places_do_not_matter() -> None:
    # A fee is an amount: Decimal with any number of places, never flagged as not an integer.
    from test_checks_tables import full_report

    report = full_report()
    report = attrs.evolve(
        report, active_disclosure=attrs.evolve(report.active_disclosure, fees=Decimal("0.0001"))
    )
    assert "cell.not-integer" not in check(report).codes
