"""Report → workbook: :func:`write` and :func:`to_bytes` fill the template of :mod:`.layout` with a report's
values, label styles, input validations and hints, and the 核对 formulas of :mod:`.formulas`. The bytes are
deterministic. See ``docs/xlsx.md``.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import os
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final

from .. import form
from ..findings import Finding, Location, make
from ..model import AgencyKind, Narrative, Report
from .formulas import BAD, OK, check_formulas, column_letter
from .layout import (
    CHECK_FLAG,
    CHECK_SUM,
    HEADING,
    KIND_LABELS,
    MARKER,
    NARRATIVE_FIELDS,
    NARRATIVE_HEADER,
    PARAGRAPH,
    PREAMBLE,
    SHEET_NAMES,
    Field,
    Sheet,
    layout,
)
from .result import XlsxError
from .storage import escape, fee_storage, require_openpyxl

__all__ = ["to_bytes", "write"]

_FIXED_TIME: Final = _dt.datetime(2021, 9, 26, 0, 0, 0)
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
_MAX_TEXT: Final = 32767
_MAX_COUNT: Final = 10**15


class _Styles:
    """The few styles of the template, applied through a cache (openpyxl's style setters are slow)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        thin = Side(style="thin", color="808080")
        self.bad_fill = PatternFill("solid", fgColor="FFC7CE")
        self.bad_font = Font(color="9C0006", bold=True)
        self._parts: dict[str, tuple[str, Any]] = {
            "border": ("border", Border(left=thin, right=thin, top=thin, bottom=thin)),
            "label": ("fill", PatternFill("solid", fgColor="F2F2F2")),
            "input": ("fill", PatternFill("solid", fgColor="FFF7D6")),
            "check": ("fill", PatternFill("solid", fgColor="E2EFDA")),
            "title": ("font", Font(bold=True, size=14)),
            "bold": ("font", Font(bold=True)),
            "italic": ("font", Font(italic=True, color="375623")),
            "center": ("alignment", Alignment(horizontal="center", vertical="center", wrap_text=True)),
            "left": ("alignment", Alignment(horizontal="left", vertical="center", wrap_text=True)),
            "top": ("alignment", Alignment(horizontal="left", vertical="top", wrap_text=True)),
            "unlocked": ("protection", Protection(locked=False)),
        }
        self._cache: dict[tuple[str, ...], Any] = {}

    def apply(self, cell: Any, *names: str, number_format: str | None = None) -> None:
        """Give ``cell`` the named parts (e.g. ``"label", "center", "bold"``) and a number format."""
        key = (*names, number_format or "")
        cached = self._cache.get(key)
        if cached is not None:
            cell._style = copy.copy(cached)
            return
        for name in names:
            attr, value = self._parts[name]
            setattr(cell, attr, value)
        if number_format:
            cell.number_format = number_format
        self._cache[key] = copy.copy(cell._style)


def _put_text(cell: Any, text: str) -> None:
    """Write ``text`` as a string cell, never a formula or an error value."""
    cell.value = text
    cell.data_type = "s"


def _problem(path: str, reason: str, reason_zh: str) -> Finding:
    return make(
        "xlsx.cannot-write", location=Location(path=path), path=path, reason=reason, reason_zh=reason_zh
    )


def _text_for_cell(text: str, path: str, problems: list[Finding]) -> str:
    if not isinstance(text, str):
        problems.append(_problem(path, f"expected text, got {type(text).__name__}", "应为文字"))
        return ""
    escaped = escape(text)
    if len(escaped) > _MAX_TEXT:
        problems.append(
            _problem(
                path,
                f"{len(escaped)} characters, more than an Excel cell holds ({_MAX_TEXT})",
                f"共 {len(escaped)} 个字符，超过 Excel 单元格上限 {_MAX_TEXT}",
            )
        )
        return ""
    return escaped


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        obj = getattr(obj, name)
    return obj


def _build_workbook(report: Report) -> Any:
    wb = require_openpyxl().Workbook()
    wb.remove(wb.active)
    st = _Styles()
    problems: list[Finding] = []
    _write_help(wb.create_sheet(SHEET_NAMES["help"]), st)
    for sheet in layout().values():
        _write_sheet(wb.create_sheet(sheet.name), sheet, report, st, problems)
    _write_narrative(wb.create_sheet(SHEET_NAMES["text"]), report, st, problems)
    if problems:
        raise XlsxError(problems)
    wb.active = 0
    props = wb.properties
    props.creator = "gov-disclosure"
    props.lastModifiedBy = "gov-disclosure"
    props.title = escape(report.meta.display_title)[:255] if isinstance(report.meta.agency, str) else ""
    props.created = _FIXED_TIME
    props.modified = _FIXED_TIME
    return wb


def _write_sheet(ws: Any, sheet: Sheet, report: Report, st: _Styles, problems: list[Finding]) -> None:
    """One fixed-layout sheet: labels, data cells, notes, 核对 formulas, merges, validation, protection."""
    from openpyxl.formatting.rule import CellIsRule

    ws.cell(1, sheet.key_column + 1).value = MARKER + sheet.id
    ws.column_dimensions[column_letter(sheet.key_column)].hidden = True
    ws.column_dimensions[column_letter(sheet.key_column + 1)].hidden = True
    for column, w in sheet.widths:
        ws.column_dimensions[column_letter(column)].width = w
    table = sheet.id != "meta"
    edge = ("border",) if table else ()
    if table:
        _borders(ws, sheet, st)
    count_cells, amount_cells = _write_rows(ws, sheet, report, st, problems)
    for coordinate, text in sheet.notes:
        c = ws[coordinate]
        _put_text(c, text)
        if table:
            st.apply(c, "check", "center", "italic", *edge)
        else:
            st.apply(c, "left")
    for coordinate, formula in check_formulas(sheet.checks, sheet.positions()):
        c = ws[coordinate]
        c.value = formula
        st.apply(c, "check", "center", "italic", *edge)
    for rng in sheet.merges:
        _merge(ws, rng)
    _validate_numbers(ws, count_cells, amount_cells)
    for rng in sheet.flags:
        ws.conditional_formatting.add(
            rng, CellIsRule(operator="equal", formula=[f'"{BAD}"'], fill=st.bad_fill, font=st.bad_font)
        )
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.freeze_panes = None


def _write_rows(
    ws: Any, sheet: Sheet, report: Report, st: _Styles, problems: list[Finding]
) -> tuple[list[str], list[str]]:
    """Each row's key, label cells and data cells; returns the coordinates of the count and amount cells."""
    table = sheet.id != "meta"
    edge = ("border",) if table else ()
    count_cells: list[str] = []
    amount_cells: list[str] = []
    for row in sheet.rows:
        ws.cell(row.index, sheet.key_column).value = row.key
        for column, text in row.labels:
            c = ws.cell(row.index, column)
            _put_text(c, text)
            if row.index == 1:
                st.apply(c, "label", "left", "title", *edge)
            else:
                st.apply(c, "label", "center" if table else "left", "bold", *edge)
        for f in row.fields:
            c = ws.cell(row.index, f.column)
            numeric = f.kind in ("count", "amount")
            st.apply(c, "input", "unlocked", "center" if numeric else "left", *edge)
            if f.cell is not None:
                _write_number(c, f, _get(report, f.cell.attr_path), problems)
                (amount_cells if f.kind == "amount" else count_cells).append(c.coordinate)
            else:
                assert f.meta is not None
                _write_meta(ws, c, f, getattr(report.meta, f.meta), problems)
    return count_cells, amount_cells


def _validate_numbers(ws: Any, count_cells: list[str], amount_cells: list[str]) -> None:
    """Data validation of the count cells (whole ≥ 0) and the amount cells (decimal ≥ 0)."""
    from openpyxl.worksheet.cell_range import MultiCellRange
    from openpyxl.worksheet.datavalidation import DataValidation

    if count_cells:
        counts = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="数量",
            error="请填写不小于 0 的整数；没有数据请留空。",
        )
        counts.sqref = MultiCellRange(" ".join(count_cells))
        ws.add_data_validation(counts)
    if amount_cells:
        amounts = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="金额",
            error="请填写不小于 0 的金额（单位：万元）；没有数据请留空。",
        )
        amounts.sqref = MultiCellRange(" ".join(amount_cells))
        ws.add_data_validation(amounts)


def _merge(ws: Any, rng: str) -> None:
    """Merge ``rng``; the covered cells take the top-left cell's style.

    Same result as ``ws.merge_cells(rng)`` without its per-cell border and protection setters, which cost
    more than the rest of the workbook (falls back to ``merge_cells`` if openpyxl's internals change).
    """
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.merge import MergedCellRange

    cells = getattr(ws, "_cells", None)
    if not isinstance(cells, dict):  # pragma: no cover - another openpyxl version
        ws.merge_cells(rng)
        return
    merged = MergedCellRange(ws, rng)
    ws.merged_cells.add(merged)
    style = merged.start_cell._style
    for row, column in merged.cells:
        if (row, column) == (merged.min_row, merged.min_col):
            continue
        cell = MergedCell(ws, row=row, column=column)
        cell._style = copy.copy(style)
        cells[(row, column)] = cell


def _borders(ws: Any, sheet: Sheet, st: _Styles) -> None:
    last_row = max(r.index for r in sheet.rows)
    for check in sheet.checks:
        for coordinate in (check.value, check.flag):
            last_row = max(last_row, int(coordinate.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
    for row in ws.iter_rows(min_row=2, max_row=last_row, min_col=1, max_col=sheet.width):
        for c in row:
            st.apply(c, "border")


def _write_number(cell: Any, f: Field, value: Any, problems: list[Finding]) -> None:
    assert f.cell is not None
    path = f.cell.json_path
    if value is None:
        cell.number_format = "0" if f.kind == "count" else "0.00"
        return
    if f.kind == "count":
        if type(value) is not int:
            problems.append(_problem(path, f"expected an int, got {value!r}", "应为整数"))
        elif abs(value) >= _MAX_COUNT:
            problems.append(
                _problem(
                    path, f"{value} has more digits than Excel keeps (15)", f"{value} 超过 Excel 的 15 位精度"
                )
            )
        else:
            cell.value = value
            cell.number_format = "0"
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        problems.append(_problem(path, f"expected a finite Decimal, got {value!r}", "应为有限的金额"))
        return
    stored, fmt = fee_storage(value)
    if isinstance(stored, str):
        _put_text(cell, stored)
    else:
        cell.value = stored
    cell.number_format = fmt


def _write_meta(ws: Any, cell: Any, f: Field, value: Any, problems: list[Finding]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    path = f"$.meta.{f.meta}"
    if f.kind == "text":
        cell.number_format = "@"
        if value is not None:
            _put_text(cell, _text_for_cell(value, path, problems))
    elif f.kind == "year":
        dv = DataValidation(
            type="whole", operator="between", formula1="1990", formula2="2999", showErrorMessage=True
        )
        dv.error = "请填写四位数字年份。"
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
        cell.value = value
        cell.number_format = "0"
    elif f.kind == "kind":
        dv = DataValidation(
            type="list", formula1='"' + ",".join(KIND_LABELS.values()) + '"', allow_blank=True
        )
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
        _put_text(cell, KIND_LABELS[AgencyKind(value)])
    elif f.kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        dv.error = "请填写日期，如 2025-01-27。"
        dv.showErrorMessage = True
        dv.add(cell.coordinate)
        ws.add_data_validation(dv)
        cell.number_format = "yyyy-mm-dd"
        if value is not None:
            cell.value = value


def _narrative_rows(report: Report) -> list[tuple[str, str, str, str]]:
    """(field, 部分 label, 类型, text) for every paragraph and sub-heading, in reading order."""
    out: list[tuple[str, str, str, str]] = []
    for name, label in NARRATIVE_FIELDS:
        value = getattr(report, name)
        if name == "preamble":
            out += [(f"$.preamble[{i}]", label, PARAGRAPH, p) for i, p in enumerate(value)]
            continue
        assert isinstance(value, Narrative)
        out += [(f"$.{name}.paragraphs[{i}]", label, PARAGRAPH, p) for i, p in enumerate(value.paragraphs)]
        for i, sub in enumerate(value.subsections):
            out.append((f"$.{name}.subsections[{i}].heading", label, HEADING, sub.heading))
            out += [
                (f"$.{name}.subsections[{i}].paragraphs[{j}]", label, PARAGRAPH, p)
                for j, p in enumerate(sub.paragraphs)
            ]
    return out


def _write_narrative(ws: Any, report: Report, st: _Styles, problems: list[Finding]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.cell(1, 5).value = MARKER + "text"
    ws.column_dimensions["E"].hidden = True
    for i, text in enumerate(NARRATIVE_HEADER, start=1):
        c = ws.cell(1, i)
        _put_text(c, text)
        st.apply(c, "label", "center", "bold")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 9
    ws.column_dimensions["C"].width = 100
    rows = _narrative_rows(report)
    for r, (path, label, kind, text) in enumerate(rows, start=2):
        _put_text(ws.cell(r, 1), label)
        _put_text(ws.cell(r, 2), kind)
        c = ws.cell(r, 3)
        st.apply(c, "top", *(("bold",) if kind == HEADING else ()), number_format="@")
        escaped = _text_for_cell(text, path, problems)
        if escaped:
            _put_text(c, escaped)
        st.apply(ws.cell(r, 1), "top")
        st.apply(ws.cell(r, 2), "top")
    last = max(len(rows) + 1 + 500, 1000)
    parts = DataValidation(
        type="list", formula1='"' + ",".join(label for _, label in NARRATIVE_FIELDS) + '"', allow_blank=True
    )
    parts.add(f"A2:A{last}")
    kinds = DataValidation(type="list", formula1=f'"{PARAGRAPH},{HEADING}"', allow_blank=True)
    kinds.add(f"B2:B{last}")
    ws.add_data_validation(parts)
    ws.add_data_validation(kinds)
    ws.freeze_panes = "A2"


_HELP: Final[tuple[str, ...]] = (
    f"《政府信息公开工作年度报告》填报模板（{form.FORM_VERSION}年版格式，{form.FORM_SOURCE}）",
    "",
    "一、本工作簿由 gov-disclosure 生成，各工作表对应报告的各部分：",
    f"　　“{SHEET_NAMES['meta']}”：机关名称、报告年度、机关类别、发布日期等；",
    f"　　“{SHEET_NAMES['二']}”“{SHEET_NAMES['三']}”“{SHEET_NAMES['四']}”：三张统计表，版式与官方格式一致；",
    f"　　“{SHEET_NAMES['text']}”：报告的文字部分，每行一段。",
    "二、只填写浅黄色单元格。灰色标签单元格已锁定（工作表保护，无密码），请勿改动标签、工作表名称，"
    "也不要插入或删除行列。",
    "三、统计表中的数量填写不小于 0 的整数；行政事业性收费金额以万元为单位，可带小数。"
    "请直接填写数值，不要填写公式。",
    "四、实际为 0 的请填 0；留空表示报告未填写该项（留空与 0 含义不同，检查时会提示空白单元格）。",
    f"五、表三、表四中绿色的“核对”单元格由公式自动计算：“{CHECK_SUM}”为各项之和，"
    f"“{CHECK_FLAG}”显示“{OK}”或“{BAD}”；出现“{BAD}”（红色）说明填写的总计与各项之和不一致。",
    f"六、“{SHEET_NAMES['text']}”工作表：“部分”列选择段落所属部分（{PREAMBLE}为第一部分之前的导语），"
    f"“类型”列选择“{PARAGRAPH}”或“{HEADING}”，“内容”列填写文字；小标题之后的段落属于该小标题。"
    "“部分”留空的行属于上一行的部分。",
    "七、填好后可用命令检查和生成报告：",
    "　　gov-disclosure check 报告.xlsx",
    "　　gov-disclosure render 报告.xlsx --to docx -o 报告.docx",
    "",
    "How to fill in (English): fill the yellow cells only; counts are whole numbers ≥ 0, the fee is an "
    "amount in 万元 (10,000 yuan); leave a cell blank only when the report leaves it blank (blank is not 0). "
    "Green 核对 cells recompute the totals and show 不符 (red) on a mismatch. Do not rename sheets, "
    "change labels or insert/delete rows. Check the file with: gov-disclosure check FILE.xlsx --lang en",
)


def _write_help(ws: Any, st: _Styles) -> None:
    ws.column_dimensions["A"].width = 110
    for r, text in enumerate(_HELP, start=1):
        c = ws.cell(r, 1)
        if text:
            _put_text(c, text)
        st.apply(c, "left", *(("title",) if r == 1 else ()))
    ws.protection.sheet = True


def _deterministic_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def to_bytes(report: Report) -> bytes:
    """The workbook of ``report`` as XLSX bytes (deterministic: the same report gives the same bytes).

    Raises :class:`XlsxError` when a value cannot be stored in a cell (a text longer than 32,767 characters
    after escaping, a count of more than 15 digits), naming every such field by its JSON path.
    """
    from openpyxl.writer.excel import ExcelWriter

    wb = _build_workbook(report)
    buf = io.BytesIO()
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # closes the archive
    return _deterministic_zip(buf.getvalue())


def write(report: Report, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write ``report`` as the XLSX template to a path or a binary file.

    See :func:`to_bytes` for the errors.
    """
    data = to_bytes(report)
    if isinstance(target, (str, os.PathLike)):
        Path(target).write_bytes(data)
    else:
        target.write(data)
