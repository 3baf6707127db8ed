"""The report model: field names and order follow the form; validators check type and range only."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import build, form, model
from gov_disclosure.model import (
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
from gov_disclosure.strategies import reports

COUNT_RECORDS = [DocumentCounts, ApplicantCounts, CaseCounts]


def names(cls: type) -> list[str]:
    return [f.name for f in attrs.fields(cls)]


# ---------------------------------------------------------------------------------------------------------
# Field names and order come from the form


def test_table_three_fields_follow_the_form() -> None:
    assert names(Applications) == [r.id for r in form.APPLICATIONS.rows]
    assert names(ApplicantCounts) == [c.id for c in form.APPLICATIONS.blocks[0].columns]


def test_table_two_fields_follow_the_form() -> None:
    assert names(ActiveDisclosure) == [r.id for r in form.ACTIVE_DISCLOSURE.rows]
    assert names(DocumentCounts) == [c.id for c in form.ACTIVE_DISCLOSURE.block("item1").columns]


def test_table_four_fields_follow_the_form() -> None:
    assert names(ReviewLitigation) == [b.id for b in form.REVIEW_LITIGATION.blocks]
    assert names(ReviewLitigation) == [r.id for r in form.REVIEW_LITIGATION.rows]
    for block in form.REVIEW_LITIGATION.blocks:
        assert names(CaseCounts) == [c.id for c in block.columns]


def test_report_sections_follow_the_form() -> None:
    section_fields = [n for n in names(Report) if n in {s.id for s in form.SECTIONS}]
    assert section_fields == [s.id for s in form.SECTIONS]
    for t in form.TABLES:
        assert f"{t.section}_text" in names(Report)


@pytest.mark.parametrize(
    "cls", [*COUNT_RECORDS, ActiveDisclosure, Applications, ReviewLitigation, Report, Meta]
)
def test_records_are_frozen_slotted_kw_only(cls: type) -> None:
    assert attrs.has(cls)
    assert "__dict__" not in dir(cls) or not hasattr(cls, "__dict__") or "__slots__" in cls.__dict__
    assert all(f.kw_only for f in attrs.fields(cls))


def test_frozen_and_kw_only_in_practice() -> None:
    row = ApplicantCounts(natural_person=1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        row.natural_person = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        ApplicantCounts(1)  # type: ignore[misc]
    assert not hasattr(row, "__dict__")


def test_blank_is_not_zero_by_default() -> None:
    report = Report(meta=Meta(agency="某机关", year=2024))
    assert report.applications.received.natural_person is None
    assert report.active_disclosure.fees is None
    assert report.review_litigation.reconsideration.total is None
    assert report.meta.kind is AgencyKind.OTHER


# ---------------------------------------------------------------------------------------------------------
# Validators: type and range


@pytest.mark.parametrize("cls", COUNT_RECORDS)
@pytest.mark.parametrize(
    ("value", "error"),
    [
        (True, TypeError),
        (False, TypeError),
        (1.0, TypeError),
        (2.5, TypeError),
        ("5", TypeError),
        (Decimal(1), TypeError),
        (-1, ValueError),
    ],
)
def test_count_validators_reject(cls: type, value: object, error: type[Exception]) -> None:
    for name in names(cls):
        with pytest.raises(error, match=rf"{cls.__name__}\.{name}"):
            cls(**{name: value})


_ANY_VALUE = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=10**20),
    st.booleans(),
    st.floats(allow_nan=False),
    st.decimals(allow_nan=False),
    st.text(max_size=2),
)


@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_count_record_constructor_accepts_exactly_blank_or_non_negative_ints(data: st.DataObject) -> None:
    """The generated constructor of the count records (model._count_record): the one rule, every field."""
    cls = data.draw(st.sampled_from(COUNT_RECORDS))
    given_values = data.draw(st.dictionaries(st.sampled_from(names(cls)), _ANY_VALUE))
    valid = all(v is None or (type(v) is int and v >= 0) for v in given_values.values())
    in_order = [given_values.get(name) for name in names(cls)]
    if valid:
        record = cls(**given_values)
        assert attrs.asdict(record) == {name: given_values.get(name) for name in names(cls)}
        assert attrs.evolve(record) == record
        # The positional twin the codec's fast pass uses builds the same record.
        twin = cls._from_counts(*in_order)  # type: ignore[attr-defined]
        assert type(twin) is cls and twin == record
    else:
        with pytest.raises((TypeError, ValueError), match=rf"^{cls.__name__}\.\w+: expected") as info:
            cls(**given_values)
        with pytest.raises(info.type, match=f"^{re.escape(str(info.value))}$"):
            cls._from_counts(*in_order)  # type: ignore[attr-defined]
        with model.unchecked():
            assert attrs.asdict(cls(**given_values)) == {name: given_values.get(name) for name in names(cls)}
            assert cls._from_counts(*in_order) == cls(**given_values)  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", COUNT_RECORDS)
def test_count_record_constructor_signature(cls: type) -> None:
    """Keyword-only, every field defaulting to None (blank), in form order; nothing else accepted."""
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == names(cls)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is None for p in params)
    with pytest.raises(TypeError):
        cls(1)
    with pytest.raises(TypeError):
        cls(unknown=1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(cls(), names(cls)[0], 1)


@pytest.mark.parametrize("name", ["licensing", "penalty", "coercion"])
@pytest.mark.parametrize(
    ("value", "error"), [(True, TypeError), (3.0, TypeError), ("3", TypeError), (-3, ValueError)]
)
def test_table_two_counts_reject(name: str, value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=name):
        ActiveDisclosure(**{name: value})


@pytest.mark.parametrize(
    ("fee", "error"),
    [
        (1.5, TypeError),
        (2, TypeError),
        ("1.50", TypeError),
        (True, TypeError),
        (Decimal("-0.01"), ValueError),
        (Decimal("NaN"), ValueError),
        (Decimal("Infinity"), ValueError),
    ],
)
def test_fee_validator_rejects(fee: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="fees"):
        ActiveDisclosure(fees=fee)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**30))
@settings(max_examples=50, deadline=None)
def test_counts_accept_any_non_negative_int(n: int) -> None:
    assert ApplicantCounts(total=n).total == n
    assert CaseCounts(pending=n).pending == n
    assert ActiveDisclosure(licensing=n).licensing == n


@pytest.mark.parametrize("fee", [Decimal("0"), Decimal("0.00"), Decimal("12.50"), Decimal("1E+3"), None])
def test_fee_validator_accepts(fee: Decimal | None) -> None:
    assert ActiveDisclosure(fees=fee).fees == fee


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"agency": ""}, ValueError, "agency"),
        ({"agency": "  \u3000"}, ValueError, "agency"),
        ({"agency": None}, TypeError, "agency"),
        ({"year": True}, TypeError, "year"),
        ({"year": 2024.0}, TypeError, "year"),
        ({"year": model.MIN_YEAR - 1}, ValueError, "year"),
        ({"year": model.MAX_YEAR + 1}, ValueError, "year"),
        ({"kind": "government"}, TypeError, "kind"),
        ({"region": ""}, ValueError, "region"),
        ({"issuer": 5}, TypeError, "issuer"),
        ({"published": "2025-01-27"}, TypeError, "published"),
        ({"published": dt.datetime(2025, 1, 27)}, TypeError, "published"),
        ({"period_end": 20241231}, TypeError, "period_end"),
    ],
)
def test_meta_validators(kwargs: dict[str, Any], error: type[Exception], field: str) -> None:
    base: dict[str, Any] = {"agency": "某机关", "year": 2024}
    with pytest.raises(error, match=field):
        Meta(**{**base, **kwargs})


def test_narrative_validators() -> None:
    with pytest.raises(ValueError, match="heading"):
        Subsection(heading=" ")
    with pytest.raises(TypeError, match="paragraphs"):
        Narrative(paragraphs=["a list"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"paragraphs\[1\]"):
        Narrative(paragraphs=("a", 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"subsections\[0\]"):
        Narrative(subsections=("not a subsection",))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="preamble"):
        Report(meta=Meta(agency="某机关", year=2024), preamble=("a", None))  # type: ignore[arg-type]


def test_unchecked_keeps_stated_values_and_restores_checking() -> None:
    with unchecked():
        row = ApplicantCounts(natural_person=-3)
        fee = ActiveDisclosure(fees=Decimal("-1"))
        meta = Meta(agency="", year=1)
    assert row.natural_person == -3 and fee.fees == Decimal("-1") and meta.agency == ""
    with pytest.raises(ValueError):
        ApplicantCounts(natural_person=-3)
    with pytest.raises(RuntimeError), unchecked():
        raise RuntimeError
    with pytest.raises(ValueError):
        ApplicantCounts(natural_person=-3)


def test_cross_cell_rules_are_not_validators() -> None:
    wrong = build.applicant_counts(natural_person=1, commercial=1, total=5)
    assert wrong.total == 5
    Applications(received=wrong, outcome_total=ApplicantCounts(total=0))


# ---------------------------------------------------------------------------------------------------------
# Behaviour


def test_deadlines() -> None:
    assert AgencyKind.GOVERNMENT.deadline(2024) == dt.date(2025, 3, 31)
    assert AgencyKind.DEPARTMENT.deadline(2024) == dt.date(2025, 1, 31)
    assert AgencyKind.OTHER.deadline(2024) is None
    assert [k.value for k in AgencyKind] == ["government", "department", "other"]


def test_display_title() -> None:
    assert (
        Meta(agency="乃东区人民政府", year=2024).display_title
        == "乃东区人民政府2024年政府信息公开工作年度报告"
    )
    assert Meta(agency="乃东区人民政府", year=2024, title="标题").display_title == "标题"


def test_narrative_helpers() -> None:
    text = Narrative(paragraphs=("a",), subsections=(Subsection(heading="（一）h", paragraphs=("b", "c")),))
    assert text.all_paragraphs() == ("a", "（一）h", "b", "c")
    assert not text.is_empty and Narrative().is_empty


def test_row_lookup() -> None:
    apps = Applications(received=ApplicantCounts(total=3))
    assert apps.row("received").total == 3
    with pytest.raises(KeyError, match="table 三 has no row"):
        apps.row("nope")


@given(reports())
@settings(max_examples=60, deadline=None)
def test_generated_reports_are_valid_and_consistent(report: Report) -> None:
    """The public strategy draws reports that pass the validators and satisfy every accounting rule."""
    apps = report.applications

    def v(x: int | None) -> int:
        return 0 if x is None else x

    for col in [c.id for c in form.APPLICATIONS.blocks[0].columns]:
        cell = {r.id: v(getattr(apps.row(r.id), col)) for r in form.APPLICATIONS.rows}
        assert cell["received"] + cell["carried_over"] == cell["outcome_total"] + cell["carried_forward"]
        assert cell["outcome_total"] == sum(cell[r] for r in form.RESULT_ROWS)
    for r in form.APPLICATIONS.rows:
        row = apps.row(r.id)
        assert v(row.total) == sum(v(getattr(row, c)) for c in form.APPLICANT_COLUMNS)
    for b in form.REVIEW_LITIGATION.blocks:
        cases = getattr(report.review_litigation, b.id)
        assert v(cases.total) == sum(v(getattr(cases, p)) for p in form.CASE_PARTS)
    # Rebuilding the record from its own fields passes the validators again.
    assert attrs.evolve(report) == report
