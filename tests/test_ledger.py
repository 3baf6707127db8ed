"""Table 三 from an application ledger (issue #6)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import form
from gov_disclosure.checks import check
from gov_disclosure.checks.xyear import xyear_findings
from gov_disclosure.ledger import LedgerError, LedgerProblem, LedgerRecord, tabulate
from gov_disclosure.model import ApplicantCounts, Applications, Meta, Report

YEAR = 2024
D = dt.date


def t3_rule_errors(apps: Applications) -> list[str]:
    """Every table 三 rule, checked directly (blank as 0)."""

    def v(row: str, col: str) -> int:
        return getattr(apps.row(row), col) or 0

    errors = []
    for c in form.APPLICATIONS.blocks[0].columns:
        if v("received", c.id) + v("carried_over", c.id) != v("outcome_total", c.id) + v(
            "carried_forward", c.id
        ):
            errors.append(f"t3.balance {c.id}")
        if sum(v(r, c.id) for r in form.RESULT_ROWS) != v("outcome_total", c.id):
            errors.append(f"t3.outcome-total {c.id}")
    for row in form.APPLICATIONS.rows:
        if sum(v(row.id, c) for c in form.APPLICANT_COLUMNS) != v(row.id, "total"):
            errors.append(f"t3.row-total {row.id}")
    return errors


@st.composite
def records(draw: st.DrawFn, first: dt.date, last: dt.date) -> LedgerRecord:
    """A possible record received between ``first`` and ``last``; open or concluded (maybe much later)."""
    received = draw(st.dates(first, last))
    kind = draw(st.sampled_from(form.APPLICANT_COLUMNS))
    if draw(st.integers(0, 4)) == 0:
        return LedgerRecord(applicant=kind, received=received)
    concluded = received + dt.timedelta(days=draw(st.integers(0, 500)))
    return LedgerRecord(
        applicant=kind,
        received=received,
        concluded=concluded,
        outcome=draw(st.sampled_from(form.RESULT_ROWS)),
    )


FIRST, LAST = D(YEAR - 2, 1, 1), D(YEAR, 12, 31)


def ledgers(first: dt.date = FIRST, last: dt.date = LAST) -> st.SearchStrategy[list[LedgerRecord]]:
    return st.lists(records(first, last), max_size=60)


def in_year(r: LedgerRecord, year: int) -> bool:
    """The record is in the year's table: received by 31 Dec and not concluded before 1 Jan."""
    return r.received <= D(year, 12, 31) and (r.concluded is None or r.concluded >= D(year, 1, 1))


# ---------------------------------------------------------------------------------------------------------
# Properties


@settings(max_examples=80, deadline=None)
@given(ledgers(), st.sampled_from(["zero", "blank"]))
def test_tabulate_passes_every_table_rule(ledger: list[LedgerRecord], blank_policy: Any) -> None:
    apps = tabulate(ledger, YEAR, blank_policy=blank_policy)
    assert t3_rule_errors(apps) == []
    result = check(Report(meta=Meta(agency="某局", year=YEAR), applications=apps))
    assert [f.code for f in result.findings if f.code.startswith("t3.")] == []


@settings(max_examples=80, deadline=None)
@given(ledgers())
def test_tabulate_counts_every_record_exactly_once_per_year(ledger: list[LedgerRecord]) -> None:
    apps = tabulate(ledger, YEAR)
    active = [r for r in ledger if in_year(r, YEAR)]
    # Each record of the year is once on the left (一 or 二) and once on the right (a result row or 四).
    assert (apps.received.total or 0) + (apps.carried_over.total or 0) == len(active)
    assert (apps.outcome_total.total or 0) + (apps.carried_forward.total or 0) == len(active)
    left: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    for r in active:
        left[("received" if r.received.year == YEAR else "carried_over", r.applicant)] += 1
        concluded_in_year = r.concluded is not None and r.concluded.year == YEAR
        right[(r.outcome if concluded_in_year else "carried_forward", r.applicant)] += 1  # type: ignore[index]
    for row in form.APPLICATIONS.rows:
        if row.id == "outcome_total":
            continue
        for col in form.APPLICANT_COLUMNS:
            assert getattr(apps.row(row.id), col) == left[(row.id, col)] + right[(row.id, col)], (row.id, col)


@settings(max_examples=80, deadline=None)
@given(ledgers(D(YEAR - 1, 1, 1), D(YEAR + 1, 12, 31)))
def test_a_ledger_split_across_two_years_passes_carry_over(ledger: list[LedgerRecord]) -> None:
    def report(year: int) -> Report:
        known = [r for r in ledger if r.received.year <= year]
        return Report(meta=Meta(agency="某局", year=year), applications=tabulate(known, year))

    this, nxt = report(YEAR), report(YEAR + 1)
    assert [f for f in xyear_findings(this, nxt) if f.code == "xyear.carry-over"] == []
    assert this.applications.carried_forward == nxt.applications.carried_over


# ---------------------------------------------------------------------------------------------------------
# Units


def test_a_small_ledger() -> None:
    ledger = [
        LedgerRecord(
            applicant="natural_person", received=D(2024, 3, 1), concluded=D(2024, 3, 20), outcome="disclosed"
        ),
        LedgerRecord(
            applicant="natural_person",
            received=D(2023, 12, 20),
            concluded=D(2024, 1, 5),
            outcome="partly_disclosed",
        ),
        LedgerRecord(applicant="commercial", received=D(2024, 12, 25)),
        LedgerRecord(
            applicant="commercial", received=D(2024, 12, 1), concluded=D(2025, 1, 10), outcome="disclosed"
        ),
        LedgerRecord(applicant="research", received=D(2022, 5, 1)),
        LedgerRecord(
            applicant="other", received=D(2023, 1, 1), concluded=D(2023, 12, 31), outcome="unable_unclear"
        ),
    ]
    apps = tabulate(ledger, 2024)
    assert apps.received == ApplicantCounts(
        natural_person=1, commercial=2, research=0, nonprofit=0, legal_services=0, other=0, total=3
    )
    assert apps.carried_over == ApplicantCounts(
        natural_person=1, commercial=0, research=1, nonprofit=0, legal_services=0, other=0, total=2
    )
    assert apps.disclosed.total == 1 and apps.partly_disclosed.total == 1
    assert apps.outcome_total == ApplicantCounts(
        natural_person=2, commercial=0, research=0, nonprofit=0, legal_services=0, other=0, total=2
    )
    assert apps.carried_forward == ApplicantCounts(
        natural_person=0, commercial=2, research=1, nonprofit=0, legal_services=0, other=0, total=3
    )
    # The record concluded in 2023 is not in the 2024 table at all.
    assert apps.unable_unclear.total == 0 and apps.carried_over.other == 0


def test_blank_policy_blank_leaves_empty_cells_blank() -> None:
    record = LedgerRecord(applicant="nonprofit", received=D(2024, 6, 1))
    apps = tabulate([record], 2024, blank_policy="blank")
    assert apps.received == ApplicantCounts(nonprofit=1, total=1)
    assert apps.disclosed == ApplicantCounts()
    assert tabulate([], 2024, blank_policy="blank") == Applications()
    assert tabulate([], 2024).received.total == 0
    with pytest.raises(ValueError, match="blank_policy"):
        tabulate([], 2024, blank_policy="strict")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tabulate([], 2024, blanks=True)  # type: ignore[call-arg]


def test_impossible_records_are_all_rejected_at_once_with_index_and_reason() -> None:
    ledger = [
        LedgerRecord(
            applicant="natural_person", received=D(2024, 3, 1), concluded=D(2024, 3, 2), outcome="disclosed"
        ),
        LedgerRecord(
            applicant="natural_person", received=D(2024, 3, 10), concluded=D(2024, 3, 2), outcome="disclosed"
        ),
        LedgerRecord(applicant="natural_person", received=D(2024, 3, 10), outcome="disclosed"),
        LedgerRecord(applicant="company", received=D(2024, 3, 10)),
        LedgerRecord(applicant="natural_person", received=D(2024, 3, 10), concluded=D(2024, 4, 1)),
        LedgerRecord(applicant="natural_person", received=D(2025, 1, 2)),
        LedgerRecord(
            applicant="total", received=D(2024, 1, 2), concluded=D(2024, 1, 3), outcome="outcome_total"
        ),
        LedgerRecord(applicant="other", received=dt.datetime(2024, 1, 2, 9, 30)),  # a datetime, not a date
    ]
    with pytest.raises(LedgerError) as info:
        tabulate(ledger, 2024)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.year == 2024
    assert err.problems == (
        LedgerProblem(1, "concluded 2024-03-02 before it was received 2024-03-10"),
        LedgerProblem(2, "outcome 'disclosed' but no concluded date"),
        LedgerProblem(
            3,
            "unknown applicant kind 'company' (expected one of natural_person, commercial, research, "
            "nonprofit, legal_services, other)",
        ),
        LedgerProblem(4, "a concluded date but no outcome"),
        LedgerProblem(5, "received 2025-01-02, after the report year 2024"),
        LedgerProblem(
            6,
            "unknown applicant kind 'total' (expected one of natural_person, commercial, research, nonprofit, "
            "legal_services, other); unknown outcome 'outcome_total' (expected None or a result row id, "
            "e.g. 'disclosed')",
        ),
        LedgerProblem(
            7, "received: expected a datetime.date, got datetime datetime.datetime(2024, 1, 2, 9, 30)"
        ),
    )
    lines = str(err).splitlines()
    assert lines[0] == "7 impossible ledger record(s) for the 2024 table 三:"
    assert lines[1] == "  record #1: concluded 2024-03-02 before it was received 2024-03-10"


def test_long_lists_of_problems_are_shortened_in_the_message_only() -> None:
    bad = [LedgerRecord(applicant="x", received=D(2024, 1, 1)) for _ in range(25)]
    with pytest.raises(LedgerError, match=r"… and 5 more$") as info:
        tabulate(bad, 2024)
    assert len(info.value.problems) == 25
    assert [p.index for p in info.value.problems] == list(range(25))


def test_year_must_be_an_int() -> None:
    with pytest.raises(TypeError, match="year must be an int"):
        tabulate([], "2024")  # type: ignore[arg-type]
