"""The XLSX template: layout, round trip, and precise findings for edited workbooks."""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from gov_disclosure import build, form, workbook
from gov_disclosure.cellview import cell_refs, get_cell, ref, replace_cell
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import Severity, catalogue
from gov_disclosure.model import (
    ActiveDisclosure,
    AgencyKind,
    ApplicantCounts,
    Meta,
    Narrative,
    Report,
    Subsection,
    unchecked,
)
from gov_disclosure.strategies import reports

T2, T3, T4 = workbook.SHEET_NAMES["二"], workbook.SHEET_NAMES["三"], workbook.SHEET_NAMES["四"]
META, TEXT = workbook.SHEET_NAMES["meta"], workbook.SHEET_NAMES["text"]


def _wb(report: Report) -> Any:
    return openpyxl.load_workbook(io.BytesIO(workbook.to_bytes(report)))


def _save(wb: Any) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _find(ws: Any, text: str) -> Any:
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c
    raise AssertionError(f"{text!r} not in {ws.title}")


def _data_cell(ws: Any, table: str, row_id: str, col_id: str) -> Any:
    """The data cell of a table cell, found through the row's label and the column's position in the form."""
    cell = ref(table, row_id, col_id)
    label = _find(ws, cell.row.label)
    block = cell.block
    if table == "二":
        return ws.cell(label.row, 2 + [c.id for c in block.columns].index(col_id))
    if table == "三":
        return ws.cell(label.row, 4 + [c.id for c in block.columns].index(col_id))
    offset = sum(
        len(b.columns) for b in form.REVIEW_LITIGATION.blocks[: form.REVIEW_LITIGATION.blocks.index(block)]
    )
    return ws.cell(5, 1 + offset + [c.id for c in block.columns].index(col_id))


def _full_report() -> Report:
    apps = build.applications(
        received={"natural_person": 10, "commercial": 2},
        carried_over={"natural_person": 1},
        disclosed={"natural_person": 6, "commercial": 1},
        unable_not_held={"natural_person": 3},
        carried_forward={"natural_person": 2, "commercial": 1},
    )
    return attrs.evolve(
        naidong_2024(),
        applications=apps,
        review_litigation=build.review_litigation(reconsideration={"upheld": 1, "pending": 1}),
        active_disclosure=attrs.evolve(naidong_2024().active_disclosure, fees=Decimal("1.50"), licensing=12),
    )


# ---------------------------------------------------------------------------------------------------------
# Layout


def test_sheets_in_order() -> None:
    wb = _wb(naidong_2024())
    assert wb.sheetnames == ["说明", META, T2, T3, T4, TEXT]
    assert wb.active.title == "说明"
    # The table sheets are named by their section's official heading.
    headings = {s.id: s.heading for s in form.SECTIONS}
    assert headings["applications"] == T3


def test_every_official_label_is_written_exactly() -> None:
    wb = _wb(naidong_2024())
    texts = {
        sheet: {c.value for row in wb[sheet].iter_rows() for c in row if isinstance(c.value, str)}
        for sheet in (T2, T3, T4)
    }
    for t, sheet in (("二", T2), ("三", T3), ("四", T4)):
        table = form.table(t)
        for block in table.blocks:
            for row in block.rows:
                assert row.label in texts[sheet]
                for group in row.groups:
                    assert group in texts[sheet]
            for col in block.columns:
                assert col.label in texts[sheet]
                if col.group:
                    assert col.group in texts[sheet]
            if block.caption:
                assert block.caption in texts[sheet]
    assert form.APPLICATIONS.note in texts[T3]
    assert form.APPLICATIONS.columns_header in texts[T3]


def test_table3_layout_follows_the_official_merges() -> None:
    ws = _wb(naidong_2024())[T3]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A2:C4" in merged  # the 勾稽 note
    assert "D2:J2" in merged  # 申请人情况
    assert "E3:I3" in merged  # 法人或其他组织
    assert "D3:D4" in merged and "J3:J4" in merged  # 自然人, 总计
    results = _find(ws, form.RESULTS_GROUP)
    assert f"A{results.row}:A{results.row + 21}" in merged  # 三、本年度办理结果 spans 22 rows
    withheld = _find(ws, "（三）不予公开")
    assert f"B{withheld.row}:B{withheld.row + 7}" in merged
    first = _find(ws, "一、本年新收政府信息公开申请数量")
    assert f"A{first.row}:C{first.row}" in merged


def test_table4_layout() -> None:
    ws = _wb(naidong_2024())[T4]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "行政复议" and "A2:E2" in merged
    assert ws["F2"].value == "行政诉讼" and "F2:O2" in merged
    assert ws["F3"].value == "未经复议直接起诉" and ws["K3"].value == "复议后起诉"
    assert "A3:A4" in merged and ws["A3"].value == "结果维持"
    assert [ws.cell(4, c).value for c in range(6, 11)] == [
        c.label for c in form.REVIEW_LITIGATION.blocks[1].columns
    ]


def test_protection_locks_labels_and_unlocks_data_cells() -> None:
    wb = _wb(naidong_2024())
    for name in (META, T2, T3, T4):
        ws = wb[name]
        assert ws.protection.sheet is True
        assert not ws.protection.password
    ws = wb[T3]
    assert ws["A5"].protection.locked is True
    assert _data_cell(ws, "三", "received", "natural_person").protection.locked is False
    assert wb[META]["B3"].protection.locked is False
    assert wb[META]["A3"].protection.locked is True


def test_data_validation() -> None:
    wb = _wb(naidong_2024())

    def rules(ws: Any) -> dict[str, Any]:
        out = {}
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                    for c in row:
                        out[c.coordinate] = dv
        return out

    t3 = rules(wb[T3])
    dv = t3[_data_cell(wb[T3], "三", "outcome_total", "total").coordinate]
    assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert len([c for c in t3 if t3[c].type == "whole"]) == 175
    t2 = rules(wb[T2])
    fee = t2[_data_cell(wb[T2], "二", "fees", "amount").coordinate]
    assert (fee.type, fee.operator, fee.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert len(t2) == 10
    assert len(rules(wb[T4])) == 15


def test_check_formulas_beside_the_totals() -> None:
    wb = _wb(_full_report())
    ws = wb[T3]
    row = _find(ws, "一、本年新收政府信息公开申请数量").row
    assert ws[f"K{row}"].value == f"=SUM(D{row}:I{row})"
    assert "N(J" in ws[f"L{row}"].value and "不符" in ws[f"L{row}"].value
    outcome = _find(ws, "（七）总计").row
    sums = _find(ws, f"核对：{form.RESULTS_GROUP}各项之和").row
    assert ws[f"D{sums}"].value == f"=SUM(D{outcome - 21}:D{outcome - 1})"
    t4 = wb[T4]
    assert t4["E6"].value == "=SUM(A5:D5)" and t4["O6"].value == "=SUM(K5:N5)"
    assert "不符" in t4["E7"].value
    # Mismatches are painted red by conditional formatting.
    assert any("不符" in r.formula[0] for cf in ws.conditional_formatting for r in cf.rules)


def test_deterministic_output() -> None:
    a = workbook.to_bytes(_full_report())
    assert a == workbook.to_bytes(_full_report())
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2021-09-26T00:00:00Z" in core


def test_write_to_path_and_file(tmp_path: Any) -> None:
    report = _full_report()
    path = tmp_path / "r.xlsx"
    workbook.write(report, path)
    buf = io.BytesIO()
    workbook.write(report, buf)
    assert path.read_bytes() == buf.getvalue()
    assert workbook.read(path) == report
    assert workbook.read(str(path)) == report
    with path.open("rb") as fh:
        assert workbook.read(fh) == report


# ---------------------------------------------------------------------------------------------------------
# Round trip


def test_round_trip_example() -> None:
    report = naidong_2024()
    back = workbook.read(workbook.to_bytes(report))
    assert back == report
    # Blank stays blank: the example's tables 三 and 四 are all blank.
    assert all(get_cell(back, *c.key) is None for c in cell_refs() if c.table.id in "三四")
    assert back.active_disclosure.normative_documents.repealed == 0


def test_round_trip_full_report() -> None:
    report = _full_report()
    back = workbook.read(workbook.to_bytes(report))
    assert back == report
    assert str(back.active_disclosure.fees) == "1.50"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_round_trip_property(report: Report) -> None:
    back = workbook.read(workbook.to_bytes(report))
    assert back == report
    # Decimal equality ignores trailing zeros; the exponent must survive too.
    assert str(back.active_disclosure.fees) == str(report.active_disclosure.fees)


@pytest.mark.parametrize(
    "fee",
    [
        "0",
        "1.50",
        "0.0001",
        "10000000.0000",
        "123456789012.345",
        "1234567890123456789.5",
        "1E+3",
        "-0",
        "2.5E-20",
    ],
)
def test_fee_exact(fee: str) -> None:
    report = attrs.evolve(naidong_2024(), active_disclosure=ActiveDisclosure(fees=Decimal(fee)))
    back = workbook.read(workbook.to_bytes(report))
    assert str(back.active_disclosure.fees) == fee


def test_fee_is_a_number_when_exact() -> None:
    wb = _wb(_full_report())
    cell = _data_cell(wb[T2], "二", "fees", "amount")
    assert cell.value == 1.5 and cell.number_format == "0.00" and cell.data_type == "n"
    report = attrs.evolve(
        naidong_2024(), active_disclosure=ActiveDisclosure(fees=Decimal("1234567890123456789.5"))
    )
    cell = _data_cell(_wb(report)[T2], "二", "fees", "amount")
    assert cell.data_type == "s" and cell.value == "1234567890123456789.5"


TRICKY = [
    "=1+1",
    '=HYPERLINK("http://x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "#N/A",
    "  leading and trailing  ",
    "a\r\nb\rc\nd\te",
    "bell\x07 vt\x0b ff\x0c nul\x00",
    "\ufffe\uffff",
    "_x0041_ and _x005F_ and _X00e9_",
    "x005F_",
    "😀 emoji \U0010fffd",
    "\u3000全角空格\u3000",
]


@pytest.mark.parametrize("text", TRICKY)
def test_text_round_trip(text: str) -> None:
    report = Report(
        meta=Meta(agency=text if text.strip() else "x", year=2024, issuer=text if text.strip() else None),
        preamble=(text, ""),
        overview=Narrative(
            paragraphs=(text,), subsections=(Subsection(heading=text, paragraphs=(text, "")),)
        ),
        other_matters=Narrative(subsections=(Subsection(heading="h"),)),
    )
    back = workbook.read(workbook.to_bytes(report))
    assert back == report


def test_text_is_never_a_formula() -> None:
    report = Report(
        meta=Meta(agency="=cmd|' /C calc'!A0", year=2024),
        overview=Narrative(paragraphs=("=1+1", "+1", "-1", "@x")),
    )
    wb = _wb(report)
    assert wb[META]["B3"].data_type == "s"
    cells = [c for row in wb[TEXT].iter_rows(min_row=2, min_col=3, max_col=3) for c in row if c.value]
    assert [c.value for c in cells] == ["=1+1", "+1", "-1", "@x"]
    assert {c.data_type for c in cells} == {"s"}


def test_negative_counts_are_kept_for_the_checks() -> None:
    with unchecked():
        report = attrs.evolve(
            naidong_2024(),
            applications=attrs.evolve(
                naidong_2024().applications, received=ApplicantCounts(natural_person=-3, total=-3)
            ),
            active_disclosure=ActiveDisclosure(fees=Decimal("-1.5")),
        )
    back = workbook.read(workbook.to_bytes(report))
    assert back.applications.received.natural_person == -3
    assert back.active_disclosure.fees == Decimal("-1.5")


def test_write_refuses_what_a_cell_cannot_hold() -> None:
    long = "长" * 40000
    report = Report(meta=Meta(agency="x", year=2024), problems=Narrative(paragraphs=("ok", long)))
    report = replace_cell(report, ref("三", "received", "natural_person"), 10**16)
    with pytest.raises(workbook.XlsxError) as info:
        workbook.to_bytes(report)
    paths = {f.args["path"] for f in info.value.findings}
    assert paths == {"$.problems.paragraphs[1]", "$.applications.received.natural_person"}
    assert "32767" in str(info.value)


# ---------------------------------------------------------------------------------------------------------
# Reading edited workbooks


def _codes(result: workbook.XlsxResult) -> list[str]:
    return [f.code for f in result.findings]


def _only(result: workbook.XlsxResult, code: str) -> Any:
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, result.findings
    return found[0]


def test_wrong_types_are_reported_all_at_once() -> None:
    wb = _wb(_full_report())
    ws = wb[T3]
    text = _data_cell(ws, "三", "received", "natural_person")
    text.value = "十"
    fraction = _data_cell(ws, "三", "received", "commercial")
    fraction.value = 1.5
    boolean = _data_cell(ws, "三", "disclosed", "research")
    boolean.value = True
    date = _data_cell(ws, "三", "disclosed", "other")
    date.value = _dt.datetime(2024, 1, 2)
    fee = _data_cell(wb[T2], "二", "fees", "amount")
    fee.value = "about 3"
    with pytest.raises(workbook.XlsxError) as info:
        workbook.read(_save(wb))
    findings = info.value.findings
    got = {(f.args["sheet"], f.args["ref"], f.code) for f in findings}
    assert got == {
        (T3, text.coordinate, "xlsx.wrong-type"),
        (T3, fraction.coordinate, "xlsx.not-integer"),
        (T3, boolean.coordinate, "xlsx.wrong-type"),
        (T3, date.coordinate, "xlsx.wrong-type"),
        (T2, fee.coordinate, "xlsx.wrong-type"),
    }
    first = next(f for f in findings if f.args["ref"] == text.coordinate)
    assert first.args["found"] == "“十”"
    assert first.location.table == "三" and first.location.row == "received"
    assert first.location.path == "$.applications.received.natural_person"
    assert first.cells == (("三", "一、本年新收政府信息公开申请数量", "自然人"),)
    message = first.message("zh")
    assert T3 in message and text.coordinate in message and "整数" in message
    assert "expected a whole number" in first.message("en")
    assert text.coordinate in str(info.value)


def test_formula_in_a_data_cell() -> None:
    wb = _wb(_full_report())
    cell = _data_cell(wb[T3], "三", "outcome_total", "total")
    cell.value = "=SUM(J7:J27)"
    result = workbook.read_result(_save(wb))
    assert result.report is None
    f = _only(result, "xlsx.formula")
    assert (f.args["sheet"], f.args["ref"], f.args["found"]) == (T3, cell.coordinate, "=SUM(J7:J27)")
    assert f.severity is Severity.ERROR


def test_deleted_row_is_named() -> None:
    wb = _wb(_full_report())
    ws = wb[T3]
    row = _find(ws, "2.重复申请").row
    ws.delete_rows(row)
    result = workbook.read_result(_save(wb))
    f = _only(result, "xlsx.missing-row")
    assert f.args["label"] == "2.重复申请" and f.args["sheet"] == T3 and f.args["row"] == row
    assert _codes(result) == ["xlsx.missing-row"]  # nothing else is misread
    assert "2.重复申请" in f.message("zh")


def test_inserted_row_shifts_nothing() -> None:
    report = _full_report()
    wb = _wb(report)
    wb[T3].insert_rows(8, amount=2)
    wb[T2].insert_rows(3)
    assert workbook.read(_save(wb)) == report


def test_renamed_sheet_is_found_by_its_marker() -> None:
    report = _full_report()
    wb = _wb(report)
    wb[T3].title = "表三"
    result = workbook.read_result(_save(wb))
    assert result.report == report
    f = _only(result, "xlsx.sheet-renamed")
    assert (f.args["sheet"], f.args["found"]) == (T3, "表三")
    assert f.severity is Severity.WARNING


def test_renamed_sheet_without_marker_is_missing() -> None:
    wb = _wb(_full_report())
    ws = wb[T4]
    ws.title = "Sheet9"
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("gov-disclosure:"):
                c.value = None
    result = workbook.read_result(_save(wb))
    f = _only(result, "xlsx.missing-sheet")
    assert f.args["sheet"] == T4 and "Sheet9" in f.args["found"]
    assert result.report is None


def test_changed_label() -> None:
    wb = _wb(_full_report())
    cell = _find(wb[T3], "自然人")
    cell.value = "个人"
    f = _only(workbook.read_result(_save(wb)), "xlsx.label")
    assert (f.args["ref"], f.args["expected"], f.args["found"]) == (cell.coordinate, "自然人", "个人")


def test_label_compared_after_folding() -> None:
    report = _full_report()
    wb = _wb(report)
    cell = _find(wb[T3], "（七）总计")
    cell.value = "(七) 总计"  # NFKC-folded punctuation and a space
    assert workbook.read(_save(wb)) == report


def test_positional_reading_without_keys() -> None:
    """A workbook whose hidden key column was cleared is read by position."""
    report = _full_report()
    wb = _wb(report)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                value = c.value
                if isinstance(value, str) and value.split(":")[0] in ("二", "三", "四", "meta"):
                    c.value = None
    assert workbook.read(_save(wb)) == report


def test_number_stored_as_text_is_read_with_a_warning() -> None:
    report = _full_report()
    wb = _wb(report)
    cell = _data_cell(wb[T3], "三", "received", "natural_person")
    cell.value = "１０"  # full-width digits, as text
    result = workbook.read_result(_save(wb))
    assert result.report == report
    f = _only(result, "xlsx.number-as-text")
    assert f.severity is Severity.WARNING and f.args["value"] == 10


@pytest.mark.parametrize("mark", ["—", "/", "无", " "])
def test_blank_marks_read_as_blank(mark: str) -> None:
    report = naidong_2024()
    wb = _wb(report)
    _data_cell(wb[T3], "三", "received", "natural_person").value = mark
    assert workbook.read(_save(wb)) == report


def test_user_typed_fee_keeps_the_displayed_places() -> None:
    wb = _wb(naidong_2024())
    _data_cell(wb[T2], "二", "fees", "amount").value = 2.5  # blank fee cells are formatted 0.00
    assert str(workbook.read(_save(wb)).active_disclosure.fees) == "2.50"
    cell = _data_cell(wb[T2], "二", "fees", "amount")
    cell.value = 2.125  # more places than the format shows: nothing is rounded
    assert str(workbook.read(_save(wb)).active_disclosure.fees) == "2.125"


def test_metadata_problems() -> None:
    wb = _wb(naidong_2024())
    ws = wb[META]
    ws["B3"].value = None  # agency
    ws["B4"].value = 1850  # year out of range
    ws["B5"].value = "省政府"  # kind
    ws["B8"].value = "yesterday"  # published
    result = workbook.read_result(_save(wb))
    got = {(f.code, f.args["ref"]) for f in result.findings}
    assert got == {
        ("xlsx.missing-value", "B3"),
        ("xlsx.bad-value", "B4"),
        ("xlsx.bad-value", "B5"),
        ("xlsx.bad-value", "B8"),
    }


def test_metadata_accepts_friendly_input() -> None:
    wb = _wb(naidong_2024())
    ws = wb[META]
    ws["B4"].value = "2024"
    ws["B5"].value = "department"
    ws["B8"].value = "2025年1月27日"
    ws["B6"].value = None
    result = workbook.read_result(_save(wb))
    assert result.report is not None
    meta = result.report.meta
    assert (meta.year, meta.kind, meta.published, meta.region) == (
        2024,
        AgencyKind.DEPARTMENT,
        _dt.date(2025, 1, 27),
        None,
    )
    assert _codes(result) == ["xlsx.number-as-text"]


def test_narrative_sheet_editing() -> None:
    wb = _wb(Report(meta=Meta(agency="某局", year=2024)))
    ws = wb[TEXT]
    rows = [
        ("一、总体情况", "段落", "第一段"),
        (None, None, "第二段"),  # blank 部分 and 类型: a paragraph of the same part
        (None, "小标题", "（一）主动公开"),
        (None, "段落", "小标题下的段落"),
        ("六、其他需要报告的事项", None, "无。"),
        ("五、政府信息公开工作存在的主要问题及改进情况", None, "heading variant"),
    ]
    for r, values in enumerate(rows, start=2):
        for c, v in enumerate(values, start=1):
            ws.cell(r, c).value = v
    report = workbook.read(_save(wb))
    assert report.overview == Narrative(
        paragraphs=("第一段", "第二段"),
        subsections=(Subsection(heading="（一）主动公开", paragraphs=("小标题下的段落",)),),
    )
    assert report.other_matters.paragraphs == ("无。",)
    assert report.problems.paragraphs == ("heading variant",)


def test_narrative_sheet_problems() -> None:
    wb = _wb(Report(meta=Meta(agency="某局", year=2024)))
    ws = wb[TEXT]
    ws["C2"].value = "no part yet"
    ws["A3"].value, ws["C3"].value = "七、附录", "unknown part"
    ws["A4"].value, ws["B4"].value, ws["C4"].value = "一、总体情况", "标题", "bad kind"
    ws["A5"].value, ws["B5"].value, ws["C5"].value = "一、总体情况", "小标题", None
    ws["A6"].value, ws["C6"].value = "一、总体情况", "=A1"
    ws["A7"].value, ws["C7"].value = "一、总体情况", 1.5
    result = workbook.read_result(_save(wb))
    got = {(f.code, f.args["ref"]) for f in result.findings}
    assert got == {
        ("xlsx.missing-value", "A2"),
        ("xlsx.bad-value", "A3"),
        ("xlsx.bad-value", "B4"),
        ("xlsx.bad-value", "C5"),
        ("xlsx.formula", "C6"),
        ("xlsx.wrong-type", "C7"),
    }
    assert all(f.location.line == int(f.args["ref"][1:]) for f in result.findings)


def test_not_a_workbook() -> None:
    result = workbook.read_result(b"PK\x03\x04 definitely not a zip")
    assert _codes(result) == ["xlsx.unreadable"]
    with pytest.raises(workbook.XlsxError, match="cannot be read"):
        workbook.read(b"hello")


def test_an_unrelated_workbook() -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    result = workbook.read_result(_save(wb))
    f = _only(result, "xlsx.not-template")
    assert "Sheet" in f.args["found"]


def test_missing_file_raises() -> None:
    with pytest.raises(FileNotFoundError):
        workbook.read("/nonexistent/file.xlsx")


def test_all_sheets_missing_but_one() -> None:
    wb = _wb(naidong_2024())
    for name in (META, T2, T3):
        del wb[name]
    result = workbook.read_result(_save(wb))
    assert sorted(f.args["sheet"] for f in result.findings if f.code == "xlsx.missing-sheet") == sorted(
        [META, T2, T3]
    )


def test_every_cell_corruption_is_located() -> None:
    """Any single data cell holding text is reported at exactly that cell."""
    report = _full_report()
    wb = _wb(report)
    sheets = {"二": wb[T2], "三": wb[T3], "四": wb[T4]}
    coords = {}
    for c in cell_refs():
        cell = _data_cell(sheets[c.table.id], *c.key)
        coords[cell.coordinate, c.table.id] = c
        cell.value = "x"
    result = workbook.read_result(_save(wb))
    assert len(result.findings) == 200
    for f in result.findings:
        assert f.code == "xlsx.wrong-type"
        c = coords[f.args["ref"], f.location.table]
        assert f.location.path == c.json_path


def test_every_edited_value_is_read() -> None:
    """Each of the 200 data cells, given a distinct value by hand, is read into its own model cell."""
    report = naidong_2024()
    wb = _wb(report)
    sheets = {"二": wb[T2], "三": wb[T3], "四": wb[T4]}
    expected = report
    for i, cell in enumerate(cell_refs()):
        value = 1000 + i
        _data_cell(sheets[cell.table.id], *cell.key).value = value
        expected = replace_cell(expected, cell, Decimal(value) if cell.row.unit == "amount" else value)
    assert workbook.read(_save(wb)) == expected


def test_codes_in_catalogue() -> None:
    codes = {c for c in catalogue() if c.startswith("xlsx.")}
    assert {
        "xlsx.unreadable",
        "xlsx.not-template",
        "xlsx.missing-sheet",
        "xlsx.sheet-renamed",
        "xlsx.missing-row",
        "xlsx.label",
        "xlsx.formula",
        "xlsx.wrong-type",
        "xlsx.not-integer",
        "xlsx.number-as-text",
        "xlsx.bad-value",
        "xlsx.missing-value",
        "xlsx.cannot-write",
    } == codes
    for code in codes:
        entry = catalogue()[code]
        assert entry.title_zh and entry.title_en and entry.template_zh and entry.template_en


def test_error_text_in_both_languages() -> None:
    wb = _wb(naidong_2024())
    wb[META]["B3"].value = None
    with pytest.raises(workbook.XlsxError) as info:
        workbook.read(_save(wb))
    assert "机关名称" in info.value.to_text("zh") and "工作簿有 1 处错误" in info.value.to_text("zh")
    assert "is required" in info.value.to_text("en")
    assert isinstance(info.value, ValueError)
