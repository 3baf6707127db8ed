"""The accounting rules are written once, in ``gov_disclosure.form.RULES``: change one in a copy of the form and
the checks, the builders, consolidation, the Hypothesis strategies and the workbook's check formulas all follow.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import build, check, consolidate, form, workbook
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import AgencyKind, CaseCounts, Meta, Report, ReviewLitigation
from gov_disclosure.strategies import reports, satisfy
from gov_disclosure.workbook.layout import layout

#: The edit: table 四's 总计 no longer counts 尚未审结 (the last of its parts).
PARTS = form.CASE_PARTS[:-1]
DROPPED = form.CASE_PARTS[-1]


def _edited() -> tuple[form.AccountingRule, ...]:
    return tuple(attrs.evolve(r, parts=PARTS) if r.code == "t4.total" else r for r in form.RULES)


@contextmanager
def edited_form() -> Iterator[None]:
    """The form with the edited rule, for the length of the block (as a test that edits a copy of it)."""
    original = form.RULES
    form.RULES = _edited()
    try:
        yield
    finally:
        form.RULES = original


def _with_cases(cases: CaseCounts) -> Report:
    report = naidong_2024()
    return attrs.evolve(
        report,
        meta=Meta(agency="某局", year=2024, kind=AgencyKind.DEPARTMENT),
        review_litigation=ReviewLitigation(reconsideration=cases),
    )


#: 结果维持 1, 尚未审结 2, 总计 1: right under the edited rule, wrong under the official one.
CASES = CaseCounts(upheld=1, corrected=0, other=0, pending=2, total=1)


def test_the_edited_rule_differs_from_the_official_one() -> None:
    assert form.rule("t4.total").parts == form.CASE_PARTS
    with edited_form():
        assert form.rule("t4.total").parts == PARTS
    assert form.rule("t4.total").parts == form.CASE_PARTS


def test_checks_follow() -> None:
    report = _with_cases(CASES)
    assert "t4.total" in check(report).codes
    with edited_form():
        assert "t4.total" not in check(report).codes
        wrong = _with_cases(attrs.evolve(CASES, total=3))  # right under the official rule
        found = [f for f in check(wrong).findings if f.code == "t4.total"]
        assert [(f.args["expected"], f.args["actual"]) for f in found] == [(1, 3)]
    assert "t4.total" in check(report).codes  # and back


def test_builders_follow() -> None:
    assert build.case_counts(upheld=1, pending=2).total == 3
    assert build.review_litigation(reconsideration={"upheld": 1, "pending": 2}).reconsideration.total == 3
    with edited_form():
        assert build.case_counts(upheld=1, pending=2).total == 1
        assert build.review_litigation(reconsideration={"upheld": 1, "pending": 2}).reconsideration.total == 1


def test_builders_follow_an_edited_table_three_rule() -> None:
    """Drop 其他 from the applicant columns summed by the 总计 column: the builder stops counting it."""
    rules = tuple(
        attrs.evolve(r, parts=form.APPLICANT_COLUMNS[:-1]) if r.code == "t3.row-total" else r
        for r in form.RULES
    )
    original = form.RULES
    assert build.applicant_counts(natural_person=2, other=5).total == 7
    form.RULES = rules
    try:
        assert build.applicant_counts(natural_person=2, other=5).total == 2
        apps = build.applications(received={"natural_person": 2, "other": 5})
        assert apps.received.total == 2
    finally:
        form.RULES = original


def test_consolidation_flags_follow() -> None:
    unit = _with_cases(CASES)
    kwargs = {"agency": "某市", "year": 2024, "kind": AgencyKind.GOVERNMENT}
    flagged = consolidate([unit], **kwargs).flagged
    assert [("t4.total" in f.rules) for f in flagged] == [True]
    with edited_form():
        flagged = consolidate([unit], **kwargs).flagged
        assert not any("t4.total" in f.rules for f in flagged)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_strategies_follow(data: st.DataObject) -> None:
    with edited_form():
        report = data.draw(reports(blanks=False, max_count=50))
        for block in form.REVIEW_LITIGATION.rows:
            cases = getattr(report.review_litigation, block.id)
            assert cases.total == sum(getattr(cases, p) for p in PARTS)
        assert "t4.total" not in check(report).codes


def test_satisfy_repairs_every_rule_of_a_table() -> None:
    values: dict[tuple[str, str], int | None] = {
        (r.id, c.id): 7 for r in form.APPLICATIONS.rows for c in form.APPLICATIONS.blocks[0].columns
    }
    satisfy("三", values)
    for r in form.RULES:
        if r.table != "三":
            continue
        for eq in r.equations():
            stated = sum(values[c[1:]] or 0 for c in eq.stated)
            assert stated == sum(values[c[1:]] or 0 for c in eq.parts)
    assert all(v is not None and v >= 0 for v in values.values())


def _formulas(sheet_id: str) -> dict[str, str]:
    book = openpyxl.load_workbook(io.BytesIO(workbook.to_bytes(naidong_2024())))
    ws = book[layout()[sheet_id].name]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


@pytest.mark.parametrize("edited", [False, True])
def test_workbook_formulas_follow(edited: bool) -> None:
    with edited_form() if edited else contextmanager(lambda: iter([None]))():
        sheet = layout()["四"]
        positions = sheet.positions()
        formulas = _formulas("四")
        for chk in sheet.checks:
            block = chk.equation.axis
            column, row = positions[("四", block, DROPPED)]
            dropped = f"{openpyxl.utils.get_column_letter(column)}{row}"
            summed = formulas[chk.value]
            assert summed.startswith("=SUM(")
            first, last = summed[len("=SUM(") : -1].split(":")
            covers = first[:1] <= dropped[:1] <= last[:1] and first[1:] == dropped[1:]
            assert covers is not edited, (summed, dropped)
