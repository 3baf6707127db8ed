"""The flat cell view: 200 official addresses in form order, with the exact labels of format.md §11."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import cells, form, get_cell
from gov_disclosure.cellview import cell_refs, ref, replace_cell
from gov_disclosure.codec import to_dict
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import Report
from gov_disclosure.strategies import reports

LABELS = Path(__file__).resolve().parent / "data" / "format-11-labels.txt"


def reference_labels() -> set[str]:
    """Every label of format.md §11 (the repository's copy, checked against the reference in test_form)."""
    out: set[str] = set()
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.update(part.strip() for part in line.split(" | "))
    return out


def test_two_hundred_addresses_in_form_order() -> None:
    view = cells(naidong_2024())
    assert len(view) == 200
    assert list(view) == list(form.cell_addresses())
    assert len(set(view)) == 200
    tables = [address[0] for address in view]
    assert tables == ["二"] * 10 + ["三"] * 175 + ["四"] * 15


def test_addresses_use_the_exact_reference_labels() -> None:
    labels = reference_labels()
    for table, row, column in cells(naidong_2024()):
        assert table in {"二", "三", "四"}
        assert row in labels, row
        assert column in labels, column


def test_table_three_addresses_cover_rows_times_columns() -> None:
    view = cells(naidong_2024())
    rows = [r.label for r in form.APPLICATIONS.rows]
    columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert [a for a in view if a[0] == "三"] == [("三", r, c) for r in rows for c in columns]


def test_examples_from_the_issue() -> None:
    view = cells(naidong_2024())
    assert ("三", "一、本年新收政府信息公开申请数量", "自然人") in view
    assert ("四", "复议后起诉", "总计") in view
    assert ("二", "行政事业性收费", "本年收费金额（单位：万元）") in view
    assert view[("二", "行政规范性文件", "本年制发件数")] == 1
    assert view[("二", "行政规范性文件", "本年废止件数")] == 0
    assert view[("二", "规章", "本年制发件数")] is None


def test_table_four_addresses() -> None:
    view = cells(naidong_2024())
    four = [a for a in view if a[0] == "四"]
    parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert four == [("四", r, c) for r in ("行政复议", "未经复议直接起诉", "复议后起诉") for c in parts]


def test_lookup_by_ids_and_by_labels() -> None:
    report = naidong_2024()
    assert get_cell(report, "二", "normative_documents", "issued") == 1
    assert get_cell(report, "二", "行政规范性文件", "本年制发件数") == 1
    by_ids = ref("三", "received", "natural_person")
    assert by_ids is ref("三", "一、本年新收政府信息公开申请数量", "自然人")
    assert by_ids.json_path == "$.applications.received.natural_person"
    assert by_ids.key == ("三", "received", "natural_person")
    assert ref("二", "fees", "amount").json_path == "$.active_disclosure.fees"
    assert (
        ref("四", "litigation_after_review", "total").json_path
        == "$.review_litigation.litigation_after_review.total"
    )
    with pytest.raises(KeyError, match="no cell"):
        ref("三", "received", "nobody")


def _walk(data: Any, json_path: str) -> Any:
    assert json_path.startswith("$.")
    for part in json_path[2:].split("."):
        data = data[part]
    return data


@given(reports())
@settings(max_examples=30, deadline=None)
def test_json_paths_point_into_the_english_document(report: Report) -> None:
    doc = to_dict(report)
    view = cells(report)
    for c in cell_refs():
        value = view[c.address]
        expected = format(value, "f") if isinstance(value, Decimal) else value
        assert _walk(doc, c.json_path) == expected


@given(reports(), st.sampled_from(cell_refs()), st.integers(0, 10**9))
@settings(max_examples=40, deadline=None)
def test_replace_cell_changes_exactly_one_cell(report: Report, cell: Any, n: int) -> None:
    value: int | Decimal = Decimal(n) / 100 if cell.row.unit == "amount" else n
    changed = replace_cell(report, cell, value)
    before, after = cells(report), cells(changed)
    assert after[cell.address] == value
    assert {a for a in before if before[a] != after[a]} <= {cell.address}
    assert changed.meta == report.meta and changed.overview == report.overview


def test_replace_cell_keeps_validators() -> None:
    with pytest.raises(ValueError):
        replace_cell(naidong_2024(), ref("三", "received", "total"), -1)
    blanked = replace_cell(naidong_2024(), ref("二", "normative_documents", "issued"), None)
    assert get_cell(blanked, "二", "normative_documents", "issued") is None
