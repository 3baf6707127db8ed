"""The XLSX template: a workbook in the official layout, written from a report and read back exactly.

``write(report, path)`` produces one sheet per table (表二、表三、表四) in the official layout,
with merged label cells carrying the exact labels of :mod:`gov_disclosure.form`, a 基本信息 (metadata)
sheet, a 正文 (narrative) sheet and a 说明 sheet on how to fill it in. Label cells are locked (sheet
protection without a password); data cells are unlocked, tinted and validated (whole numbers ≥ 0; the fee
a decimal ≥ 0). Next to the stated totals of tables 三 and 四, 核对 cells compute the totals with
formulas and show 相符 / 不符, so the person filling the workbook sees a mismatch at once.

``read(path)`` gives the :class:`~gov_disclosure.model.Report` back exactly (blank stays blank), or raises
:class:`XlsxError` carrying every finding at once: each unreadable cell with its sheet, A1 reference, what was
expected and what was found. ``read_result(path)`` returns the report (or ``None``) and the findings without
raising.

Storage decisions (see ``docs/xlsx.md``):

* **Fee** (万元, :class:`~decimal.Decimal`): stored as a number with a number format that has as many decimal
  places as the Decimal's exponent (``Decimal("1.50")`` → 1.5 shown as ``0.00``); reading uses the format's
  places to restore the trailing zeros. A Decimal a double cannot carry exactly (more than 15 significant
  digits, a positive exponent, negative zero) is stored as text in a text-formatted cell instead.
* **Text** is always written as a string cell, never as a formula or an error value, whatever its first
  character (``=``, ``+``, ``-``, ``@``, ``#N/A``). Characters XML cannot carry (C0 controls other than tab
  and line feed, carriage return, U+FFFE, U+FFFF, lone surrogates) are written with the OOXML escape
  ``_xHHHH_`` that Excel itself uses, and a literal ``_xHHHH_`` in the text is protected as ``_x005F_xHHHH_``;
  reading decodes both, so every string round-trips.
* **Rows are found by a key** in a hidden column, so an inserted row does not shift anything and a deleted
  row is reported by name; labels are verified where the row is found.
* The output is deterministic: fixed workbook timestamps and fixed ZIP entry dates.

Requires openpyxl (``pip install 'gov-disclosure[xlsx]'``), imported on first use.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, Final, Literal

from attrs import frozen

from . import form
from .cellview import CellRef, ref
from .findings import Finding, Lang, Location, Severity, define, make
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
    unchecked,
)

__all__ = [
    "KIND_LABELS",
    "SHEET_NAMES",
    "XlsxError",
    "XlsxResult",
    "read",
    "read_result",
    "to_bytes",
    "write",
]

Source = str | os.PathLike[str] | IO[bytes] | bytes

# ---------------------------------------------------------------------------------------------------------
# Finding codes

_WHERE_ZH = "工作表“{sheet}”{ref}"
_WHERE_EN = "sheet “{sheet}” {ref}"

define(
    "xlsx.unreadable",
    Severity.ERROR,
    title_zh="无法读取工作簿",
    title_en="Workbook cannot be read",
    template_zh="无法读取工作簿：{error}",
    template_en="The workbook cannot be read: {error}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.not-template",
    Severity.ERROR,
    title_zh="不是年度报告模板",
    title_en="Not a report template",
    template_zh="该工作簿不是 gov-disclosure 年度报告模板：没有工作表 {expected}（现有工作表：{found}）",
    template_en="This workbook is not a gov-disclosure report template: none of the sheets {expected} "
    "(sheets found: {found})",
    basis="docs/xlsx.md",
)
define(
    "xlsx.missing-sheet",
    Severity.ERROR,
    title_zh="缺少工作表",
    title_en="Missing sheet",
    template_zh="缺少工作表“{sheet}”（现有工作表：{found}）",
    template_en="Sheet “{sheet}” is missing (sheets found: {found})",
    basis="docs/xlsx.md",
)
define(
    "xlsx.sheet-renamed",
    Severity.WARNING,
    title_zh="工作表被改名",
    title_en="Sheet renamed",
    template_zh="工作表“{sheet}”被改名为“{found}”，已按原工作表读取",
    template_en="Sheet “{sheet}” was renamed to “{found}”; it was read as the original sheet",
    basis="docs/xlsx.md",
)
define(
    "xlsx.missing-row",
    Severity.ERROR,
    title_zh="缺少行",
    title_en="Missing row",
    template_zh="工作表“{sheet}”缺少“{label}”这一行（模板中为第{row}行）",
    template_en="Sheet “{sheet}” has lost the row “{label}” (row {row} of the template)",
    basis="docs/xlsx.md",
)
define(
    "xlsx.label",
    Severity.ERROR,
    title_zh="标签被改动",
    title_en="Label changed",
    template_zh=_WHERE_ZH + "：标签应为“{expected}”，实为“{found}”",
    template_en=_WHERE_EN + ": the label should be “{expected}”, found “{found}”",
    basis="format.md §3–§5",
)
define(
    "xlsx.formula",
    Severity.ERROR,
    title_zh="数据单元格中有公式",
    title_en="Formula in a data cell",
    template_zh=_WHERE_ZH + "（{label}）：数据单元格应直接填写数值，不能是公式 {found}",
    template_en=_WHERE_EN + " ({label}): a data cell must hold a value, not the formula {found}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.wrong-type",
    Severity.ERROR,
    title_zh="单元格类型错误",
    title_en="Wrong cell type",
    template_zh=_WHERE_ZH + "（{label}）：应填写{expected_zh}，实为 {found}",
    template_en=_WHERE_EN + " ({label}): expected {expected}, found {found}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.not-integer",
    Severity.ERROR,
    title_zh="数量不是整数",
    title_en="Count not a whole number",
    template_zh=_WHERE_ZH + "（{label}）：应填写整数，实为 {found}",
    template_en=_WHERE_EN + " ({label}): expected a whole number, found {found}",
    basis="DESIGN.md §4 cell.not-integer",
)
define(
    "xlsx.number-as-text",
    Severity.WARNING,
    title_zh="数字以文本形式存储",
    title_en="Number stored as text",
    template_zh=_WHERE_ZH + "（{label}）：数字以文本形式存储（{found}），已按 {value} 读取",
    template_en=_WHERE_EN + " ({label}): a number stored as text ({found}), read as {value}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.bad-value",
    Severity.ERROR,
    title_zh="取值无效",
    title_en="Invalid value",
    template_zh=_WHERE_ZH + "（{label}）：应为{expected_zh}，实为 {found}",
    template_en=_WHERE_EN + " ({label}): expected {expected}, found {found}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.missing-value",
    Severity.ERROR,
    title_zh="必填项为空",
    title_en="Required value missing",
    template_zh=_WHERE_ZH + "（{label}）：必须填写{expected_zh}",
    template_en=_WHERE_EN + " ({label}): {expected} is required",
    basis="docs/xlsx.md",
)
define(
    "xlsx.cannot-write",
    Severity.ERROR,
    title_zh="无法写入单元格",
    title_en="Value cannot be written",
    template_zh="{path}：{reason_zh}",
    template_en="{path}: {reason}",
    basis="docs/xlsx.md",
)


class XlsxError(ValueError):
    """A workbook could not become a report (or a report could not become a workbook).

    ``findings`` holds every problem found, each with its sheet, A1 reference, expected and found values in
    ``args``; ``str()`` lists them in English, :meth:`to_text` in Chinese or English.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__(self.to_text("en"))

    def to_text(self, lang: Lang = "zh") -> str:
        """Every finding's message, one per line, errors first."""
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        head = f"工作簿有 {len(errors)} 处错误" if lang == "zh" else f"{len(errors)} error(s) in the workbook"
        ordered = sorted(self.findings, key=lambda f: f.severity.rank)
        return "\n".join([head + ("：" if lang == "zh" else ":"), *("  " + f.message(lang) for f in ordered)])


@frozen(kw_only=True)
class XlsxResult:
    """What :func:`read_result` found: the report (``None`` when an error prevents it) and every finding."""

    report: Report | None
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity error (any of them means ``report`` is ``None``)."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)


# ---------------------------------------------------------------------------------------------------------
# Labels of the template itself (not official labels: those all come from ``form``)

#: Chinese labels of the agency kinds, as offered in the 基本信息 sheet's drop-down list.
KIND_LABELS: Final[Mapping[AgencyKind, str]] = {
    AgencyKind.GOVERNMENT: "县级以上地方人民政府",
    AgencyKind.DEPARTMENT: "县级以上人民政府部门",
    AgencyKind.OTHER: "其他",
}

_SECTION_HEADINGS = {s.id: s.heading for s in form.SECTIONS}

#: Sheet names by sheet id: the table sheets take their section's official heading.
SHEET_NAMES: Final[Mapping[str, str]] = {
    "help": "说明",
    "meta": "基本信息",
    "二": _SECTION_HEADINGS[form.ACTIVE_DISCLOSURE.section],
    "三": _SECTION_HEADINGS[form.APPLICATIONS.section],
    "四": _SECTION_HEADINGS[form.REVIEW_LITIGATION.section],
    "text": "正文",
}

_MARKER = "gov-disclosure:"
_CHECK_SUM = "核对：合计"
_CHECK_FLAG = "核对结果"
_OK = "相符"
_BAD = "不符"
_PARAGRAPH = "段落"
_HEADING = "小标题"
_PREAMBLE = "前言"
#: Cell texts read as blank in a data cell (a published report's ways of leaving a cell empty).
_BLANK_MARKS = frozenset({"—", "——", "-", "--", "－", "/", "／", "无", "空"})

_FIXED_TIME = _dt.datetime(2021, 9, 26, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MAX_TEXT = 32767
_MAX_COUNT = 10**15

#: Narrative fields of the report in the 正文 sheet, with the label shown in its 部分 column.
_NARRATIVE_FIELDS: Final[tuple[tuple[str, str], ...]] = (
    ("preamble", _PREAMBLE),
    ("overview", _SECTION_HEADINGS["overview"]),
    ("active_disclosure_text", _SECTION_HEADINGS["active_disclosure"]),
    ("applications_text", _SECTION_HEADINGS["applications"]),
    ("review_litigation_text", _SECTION_HEADINGS["review_litigation"]),
    ("problems", _SECTION_HEADINGS["problems"]),
    ("other_matters", _SECTION_HEADINGS["other_matters"]),
)

FieldKind = Literal["count", "amount", "text", "year", "kind", "date"]

_EXPECTED: Final[Mapping[str, tuple[str, str]]] = {
    "count": ("一个不小于 0 的整数", "a whole number ≥ 0"),
    "amount": ("一个不小于 0 的金额（万元）", "an amount ≥ 0 (万元)"),
    "text": ("文字", "text"),
    "year": ("1990 至 2999 之间的年份", "a year between 1990 and 2999"),
    "kind": ("“" + "”“".join(KIND_LABELS.values()) + "”之一", "one of " + ", ".join(KIND_LABELS.values())),
    "date": ("日期（如 2025-01-27）", "a date (e.g. 2025-01-27)"),
    "section": (
        "“部分”列中的一项（" + "、".join(label for _, label in _NARRATIVE_FIELDS) + "）",
        "one of the parts listed in the 部分 column",
    ),
    "para-kind": (f"“{_PARAGRAPH}”或“{_HEADING}”", f"“{_PARAGRAPH}” or “{_HEADING}”"),
    "heading": ("非空的小标题", "a non-empty sub-heading"),
}


# ---------------------------------------------------------------------------------------------------------
# The layout, as data shared by the writer and the reader


@frozen
class _Field:
    """A cell the reader reads: a table cell (``cell``) or a metadata attribute (``meta``)."""

    column: int
    kind: FieldKind
    label: str
    cell: CellRef | None = None
    meta: str | None = None


@frozen
class _Row:
    """A row of the template: its key (in the hidden key column), where it is, its labels and fields."""

    key: str
    index: int
    #: Label cells the reader verifies: (column, text) at the top-left of each label (merged) cell.
    labels: tuple[tuple[int, str], ...]
    fields: tuple[_Field, ...] = ()
    #: Name of the row in messages (the row's own label).
    name: str = ""


@frozen
class _Sheet:
    """A sheet of the template."""

    id: str
    rows: tuple[_Row, ...]
    key_column: int
    width: int
    merges: tuple[str, ...] = ()
    #: (coordinate, text) of labels written but not verified (check rows, hints).
    notes: tuple[tuple[str, str], ...] = ()
    formulas: tuple[tuple[str, str], ...] = ()
    #: Ranges of cells showing 相符 / 不符 (red when 不符).
    flags: tuple[str, ...] = ()
    widths: tuple[tuple[int, float], ...] = ()

    @property
    def name(self) -> str:
        """The sheet's name in the workbook."""
        return SHEET_NAMES[self.id]


def _col(index: int) -> str:
    """Column letter of a 1-based column index (A … ZZ), without openpyxl."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _coord(column: int, row: int) -> str:
    return f"{_col(column)}{row}"


def _span(c1: int, r1: int, c2: int, r2: int) -> str:
    return f"{_coord(c1, r1)}:{_coord(c2, r2)}"


def _cell_label(cell: CellRef) -> str:
    return f"表{cell.table.id} {cell.row.label} × {cell.column.label}"


def _active_sheet() -> _Sheet:
    t = form.ACTIVE_DISCLOSURE
    width = 4
    rows = [_Row("二:@title", 1, ((1, SHEET_NAMES["二"]),), name=SHEET_NAMES["二"])]
    merges = [_span(1, 1, width, 1)]
    r = 2
    for block in t.blocks:
        rows.append(_Row(f"二:{block.id}:caption", r, ((1, block.caption),), name=block.caption))
        merges.append(_span(1, r, width, r))
        r += 1
        head: list[tuple[int, str]] = [(1, block.header or "")]
        single = len(block.columns) == 1
        for j, col in enumerate(block.columns):
            head.append((2 + j, col.label))
        if single:
            merges.append(_span(2, r, width, r))
        rows.append(_Row(f"二:{block.id}:header", r, tuple(head), name=block.header or ""))
        r += 1
        for row in block.rows:
            fields = tuple(
                _Field(
                    2 + j,
                    "amount" if row.unit == "amount" else "count",
                    _cell_label(ref("二", row.id, col.id)),
                    cell=ref("二", row.id, col.id),
                )
                for j, col in enumerate(block.columns)
            )
            if single:
                merges.append(_span(2, r, width, r))
            rows.append(_Row(f"二:{row.id}", r, ((1, row.label),), fields, name=row.label))
            r += 1
    return _Sheet(
        "二",
        tuple(rows),
        key_column=width + 2,
        width=width,
        merges=tuple(merges),
        widths=((1, 22.0), (2, 18.0), (3, 18.0), (4, 18.0)),
    )


def _applications_sheet() -> _Sheet:
    t = form.APPLICATIONS
    block = t.blocks[0]
    first = 4  # column D: the first data column
    columns = block.columns
    last = first + len(columns) - 1
    total_col = first + [c.id for c in columns].index("total")
    parts = [first + j for j, c in enumerate(columns) if c.id != "total"]
    sum_col, flag_col = last + 1, last + 2
    width = flag_col
    rows: list[_Row] = [_Row("三:@title", 1, ((1, SHEET_NAMES["三"]),), name=SHEET_NAMES["三"])]
    merges = [_span(1, 1, width, 1)]
    # Header: three rows (format.md §4.1).
    h1, h2, h3 = 2, 3, 4
    merges += [_span(1, h1, 3, h3), _span(first, h1, last, h1), _span(sum_col, h1, sum_col, h3)]
    merges.append(_span(flag_col, h1, flag_col, h3))
    row2: list[tuple[int, str]] = []
    row3: list[tuple[int, str]] = []
    j = 0
    while j < len(columns):
        col = columns[j]
        c = first + j
        if col.group is None:
            row2.append((c, col.label))
            merges.append(_span(c, h2, c, h3))
            j += 1
            continue
        k = j
        while k < len(columns) and columns[k].group == col.group:
            row3.append((first + k, columns[k].label))
            k += 1
        row2.append((c, col.group))
        merges.append(_span(c, h2, first + k - 1, h2))
        j = k
    rows.append(
        _Row(
            "三:header:1",
            h1,
            ((1, t.note or ""), (first, t.columns_header or "")),
            name=t.columns_header or "",
        )
    )
    rows.append(_Row("三:header:2", h2, tuple(row2), name=t.columns_header or ""))
    rows.append(_Row("三:header:3", h3, tuple(row3), name=t.columns_header or ""))
    notes = [(_coord(sum_col, h1), _CHECK_SUM), (_coord(flag_col, h1), _CHECK_FLAG)]
    formulas: list[tuple[str, str]] = []
    # Body: label cells nested by the rows' groups.
    start = h3 + 1
    body = block.rows
    index = {row.id: start + i for i, row in enumerate(body)}
    for i, row in enumerate(body):
        r = start + i
        labels: list[tuple[int, str]] = []
        depth = len(row.groups)
        for level, group in enumerate(row.groups):
            if i > 0 and body[i - 1].groups[: level + 1] == row.groups[: level + 1]:
                continue  # inside a group cell opened above
            n = 1
            while i + n < len(body) and body[i + n].groups[: level + 1] == row.groups[: level + 1]:
                n += 1
            labels.append((1 + level, group))
            if n > 1:
                merges.append(_span(1 + level, r, 1 + level, r + n - 1))
        labels.append((1 + depth, row.label))
        if depth < 2:
            merges.append(_span(1 + depth, r, 3, r))
        fields = tuple(
            _Field(first + j, "count", _cell_label(ref("三", row.id, col.id)), cell=ref("三", row.id, col.id))
            for j, col in enumerate(columns)
        )
        rows.append(_Row(f"三:{row.id}", r, tuple(labels), fields, name=row.label))
        a, b, tot = _coord(parts[0], r), _coord(parts[-1], r), _coord(total_col, r)
        formulas.append((_coord(sum_col, r), f"=SUM({a}:{b})"))
        formulas.append(
            (
                _coord(flag_col, r),
                f'=IF(COUNT({_coord(first, r)}:{_coord(last, r)})=0,"",'
                f'IF({_coord(sum_col, r)}=N({tot}),"{_OK}","{_BAD}"))',
            )
        )
    end = start + len(body) - 1
    # Check rows under the table: （七）总计 and the 勾稽关系 of every column.
    results = sorted(index[r] for r in form.RESULT_ROWS)
    if results != list(range(results[0], results[-1] + 1)):  # pragma: no cover - the form is fixed
        raise AssertionError("table 三's result rows are not contiguous")
    outcome = index["outcome_total"]
    received, carried_over, forward = index["received"], index["carried_over"], index["carried_forward"]
    outcome_label = form.APPLICATIONS.blocks[0].rows[[r.id for r in body].index("outcome_total")].label
    c1, c2, c3, c4 = end + 1, end + 2, end + 3, end + 4
    notes += [
        (_coord(1, c1), f"核对：{form.RESULTS_GROUP}各项之和"),
        (_coord(1, c2), f"核对：是否等于{outcome_label}"),
        (_coord(1, c3), "核对：第一项＋第二项－第三项" + outcome_label + "－第四项（应为 0）"),
        (_coord(1, c4), _CHECK_FLAG),
    ]
    for cr in (c1, c2, c3, c4):
        merges.append(_span(1, cr, 3, cr))
    for j in range(len(columns)):
        c = first + j
        L = _col(c)
        formulas.append((_coord(c, c1), f"=SUM({L}{results[0]}:{L}{results[-1]})"))
        formulas.append(
            (
                _coord(c, c2),
                f'=IF(COUNT({L}{results[0]}:{L}{outcome})=0,"",IF({L}{c1}=N({L}{outcome}),"{_OK}","{_BAD}"))',
            )
        )
        formulas.append(
            (_coord(c, c3), f"=N({L}{received})+N({L}{carried_over})-N({L}{outcome})-N({L}{forward})")
        )
        formulas.append(
            (
                _coord(c, c4),
                f'=IF(COUNT({L}{received},{L}{carried_over},{L}{outcome},{L}{forward})=0,"",'
                f'IF({L}{c3}=0,"{_OK}","{_BAD}"))',
            )
        )
    flags = (
        _span(flag_col, start, flag_col, end),
        _span(first, c2, last, c2),
        _span(first, c4, last, c4),
    )
    widths = [(1, 9.0), (2, 11.0), (3, 40.0)] + [(first + j, 11.0) for j in range(len(columns))]
    widths += [(sum_col, 11.0), (flag_col, 9.0)]
    return _Sheet(
        "三",
        tuple(rows),
        key_column=width + 2,
        width=width,
        merges=tuple(merges),
        notes=tuple(notes),
        formulas=tuple(formulas),
        flags=flags,
        widths=tuple(widths),
    )


def _review_sheet() -> _Sheet:
    t = form.REVIEW_LITIGATION
    h1, h2, h3, data = 2, 3, 4, 5
    width = sum(len(b.columns) for b in t.blocks)
    rows: list[_Row] = [_Row("四:@title", 1, ((1, SHEET_NAMES["四"]),), name=SHEET_NAMES["四"])]
    merges = [_span(1, 1, width, 1)]
    row1: list[tuple[int, str]] = []
    row2: list[tuple[int, str]] = []
    row3: list[tuple[int, str]] = []
    fields: list[_Field] = []
    formulas: list[tuple[str, str]] = []
    notes: list[tuple[str, str]] = []
    flags: list[str] = []
    c = 1
    groups_done: set[str] = set()
    for block in t.blocks:
        n = len(block.columns)
        if block.group is None:
            row1.append((c, block.caption))
            merges.append(_span(c, h1, c + n - 1, h1))
            for j, col in enumerate(block.columns):
                row2.append((c + j, col.label))
                merges.append(_span(c + j, h2, c + j, h3))
        else:
            if block.group not in groups_done:
                groups_done.add(block.group)
                span = sum(len(b.columns) for b in t.blocks if b.group == block.group)
                row1.append((c, block.group))
                merges.append(_span(c, h1, c + span - 1, h1))
            row2.append((c, block.caption))
            merges.append(_span(c, h2, c + n - 1, h2))
            for j, col in enumerate(block.columns):
                row3.append((c + j, col.label))
        row = block.rows[0]
        total = c + [col.id for col in block.columns].index("total")
        parts = [c + j for j, col in enumerate(block.columns) if col.id != "total"]
        for j, col in enumerate(block.columns):
            cell = ref("四", row.id, col.id)
            fields.append(_Field(c + j, "count", _cell_label(cell), cell=cell))
        # 核对 under each block's 总计: the sum of the four results, then 相符 / 不符.
        names = "＋".join(col.label for col in block.columns if col.id != "total")
        notes.append((_coord(parts[0], data + 1), f"核对：{names}"))
        notes.append((_coord(parts[0], data + 2), _CHECK_FLAG))
        merges.append(_span(parts[0], data + 1, parts[-1], data + 1))
        merges.append(_span(parts[0], data + 2, parts[-1], data + 2))
        a, b = _coord(parts[0], data), _coord(parts[-1], data)
        formulas.append((_coord(total, data + 1), f"=SUM({a}:{b})"))
        formulas.append(
            (
                _coord(total, data + 2),
                f'=IF(COUNT({a}:{_coord(c + n - 1, data)})=0,"",'
                f'IF({_coord(total, data + 1)}=N({_coord(total, data)}),"{_OK}","{_BAD}"))',
            )
        )
        flags.append(_coord(total, data + 2))
        c += n
    rows.append(_Row("四:header:1", h1, tuple(row1), name=row1[0][1]))
    rows.append(_Row("四:header:2", h2, tuple(row2), name=row2[0][1]))
    rows.append(_Row("四:header:3", h3, tuple(row3), name=row3[0][1]))
    data_name = "、".join(b.caption for b in t.blocks)
    rows.append(_Row("四:data", data, (), tuple(fields), name=data_name))
    return _Sheet(
        "四",
        tuple(rows),
        key_column=width + 2,
        width=width,
        merges=tuple(merges),
        notes=tuple(notes),
        formulas=tuple(formulas),
        flags=tuple(flags),
        widths=tuple((i, 10.0) for i in range(1, width + 1)),
    )


#: The 基本信息 sheet: (attribute, label, kind, hint).
_META_FIELDS: Final[tuple[tuple[str, str, FieldKind, str], ...]] = (
    ("agency", "机关名称", "text", "必填，与报告标题中的机关名称一致，如：乃东区人民政府"),
    ("year", "报告年度", "year", "必填，报告所统计的年度，四位数字，如：2024"),
    ("kind", "机关类别", "kind", "从下拉列表选择；决定法定公开时限（条例第四十九条）"),
    ("region", "行政区划", "text", "选填，如：西藏自治区山南市乃东区"),
    ("title", "报告标题", "text", f"选填；不填则为“机关名称＋年度＋年{form.TITLE_SUFFIX}”"),
    ("published", "发布日期", "date", "选填，落款日期，如：2025-01-27"),
    ("issuer", "发布机关", "text", "选填，落款机关，如：乃东区人民政府办公室"),
    ("period_start", "统计期间起", "date", "选填，如：2024-01-01"),
    ("period_end", "统计期间止", "date", "选填，如：2024-12-31"),
)
_META_LABELS = {name: label for name, label, _, _ in _META_FIELDS}


def _meta_sheet() -> _Sheet:
    rows = [
        _Row("meta:@title", 1, ((1, SHEET_NAMES["meta"]),), name=SHEET_NAMES["meta"]),
        _Row("meta:@header", 2, ((1, "项目"), (2, "填写内容"), (3, "填写说明")), name="项目"),
    ]
    notes: list[tuple[str, str]] = []
    for i, (name, label, kind, hint) in enumerate(_META_FIELDS):
        r = 3 + i
        rows.append(_Row(f"meta:{name}", r, ((1, label),), (_Field(2, kind, label, meta=name),), name=label))
        notes.append((_coord(3, r), hint))
    r = 3 + len(_META_FIELDS)
    notes.append((_coord(1, r), "报告格式"))
    notes.append((_coord(2, r), f"{form.FORM_VERSION}年版（{form.FORM_SOURCE}）"))
    return _Sheet(
        "meta",
        tuple(rows),
        key_column=5,
        width=3,
        merges=(_span(1, 1, 3, 1),),
        notes=tuple(notes),
        widths=((1, 14.0), (2, 40.0), (3, 60.0)),
    )


_LAYOUT: dict[str, _Sheet] = {}


def _layout() -> dict[str, _Sheet]:
    if not _LAYOUT:
        for sheet in (_meta_sheet(), _active_sheet(), _applications_sheet(), _review_sheet()):
            _LAYOUT[sheet.id] = sheet
    return _LAYOUT


# ---------------------------------------------------------------------------------------------------------
# Text escaping (OOXML ST_Xstring)

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def _escape(text: str) -> str:
    """Protect literal ``_xHHHH_`` and encode characters XML cannot carry as ``_xHHHH_``."""
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _unescape(text: str) -> str:
    """Decode ``_xHHHH_`` escapes (the inverse of :func:`_escape`)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


# ---------------------------------------------------------------------------------------------------------
# Writing


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
        raise ModuleNotFoundError(
            "reading and writing XLSX workbooks needs openpyxl: pip install 'gov-disclosure[xlsx]'",
            name="openpyxl",
        ) from exc
    return openpyxl


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


def _fee_storage(value: Decimal) -> tuple[float | int | str, str]:
    """How a fee is stored: (cell value, number format). Number when exact, otherwise text."""
    exp = value.as_tuple().exponent
    if (
        isinstance(exp, int)
        and -15 <= exp <= 0
        and not value.is_signed()
        and len(value.as_tuple().digits) <= 15
    ):
        number: float | int = int(value) if exp == 0 else float(value)
        fmt = "0" if exp == 0 else "0." + "0" * -exp
        if _fee_from_number(_reread_number(number), fmt) == value and str(
            _fee_from_number(_reread_number(number), fmt)
        ) == str(value):
            return number, fmt
    return str(value), "@"


def _reread_number(number: float | int) -> float | int:
    """The number openpyxl reads back after writing ``number`` (it writes ``%.16g``)."""
    text = f"{number:.16g}"
    return float(text) if any(ch in text for ch in ".eE") else int(text)


def _fee_from_number(number: float | int, number_format: str) -> Decimal:
    """A number cell's fee: the shortest decimal of the double, padded to the format's decimal places."""
    value = Decimal(number) if isinstance(number, int) else Decimal(repr(number))
    m = re.fullmatch(r"(?:#,##)?0(?:\.(0+))?", number_format or "")
    if m:
        places = len(m.group(1) or "")
        exp = value.as_tuple().exponent
        if isinstance(exp, int) and exp > -places:
            value = value.quantize(Decimal(1).scaleb(-places))
    return value


def _problem(path: str, reason: str, reason_zh: str) -> Finding:
    return make(
        "xlsx.cannot-write", location=Location(path=path), path=path, reason=reason, reason_zh=reason_zh
    )


def _text_for_cell(text: str, path: str, problems: list[Finding]) -> str:
    if not isinstance(text, str):
        problems.append(_problem(path, f"expected text, got {type(text).__name__}", "应为文字"))
        return ""
    escaped = _escape(text)
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
    openpyxl = _openpyxl()
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.worksheet.cell_range import MultiCellRange
    from openpyxl.worksheet.datavalidation import DataValidation

    st = _Styles()
    problems: list[Finding] = []
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _write_help(wb.create_sheet(SHEET_NAMES["help"]), st)

    for sheet in _layout().values():
        ws = wb.create_sheet(sheet.name)
        ws.cell(1, sheet.key_column + 1).value = _MARKER + sheet.id
        ws.column_dimensions[_col(sheet.key_column)].hidden = True
        ws.column_dimensions[_col(sheet.key_column + 1)].hidden = True
        for column, w in sheet.widths:
            ws.column_dimensions[_col(column)].width = w
        counts = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="数量",
            error="请填写不小于 0 的整数；没有数据请留空。",
        )
        amounts = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="金额",
            error="请填写不小于 0 的金额（单位：万元）；没有数据请留空。",
        )
        table = sheet.id != "meta"
        edge = ("border",) if table else ()
        if table:
            _borders(ws, sheet, st)
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
        for coordinate, text in sheet.notes:
            c = ws[coordinate]
            _put_text(c, text)
            if table:
                st.apply(c, "check", "center", "italic", *edge)
            else:
                st.apply(c, "left")
        for coordinate, formula in sheet.formulas:
            c = ws[coordinate]
            c.value = formula
            st.apply(c, "check", "center", "italic", *edge)
        for rng in sheet.merges:
            _merge(ws, rng)
        if count_cells:
            counts.sqref = MultiCellRange(" ".join(count_cells))
            ws.add_data_validation(counts)
        if amount_cells:
            amounts.sqref = MultiCellRange(" ".join(amount_cells))
            ws.add_data_validation(amounts)
        for rng in sheet.flags:
            ws.conditional_formatting.add(
                rng, CellIsRule(operator="equal", formula=[f'"{_BAD}"'], fill=st.bad_fill, font=st.bad_font)
            )
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.freeze_panes = None
    _write_narrative(wb.create_sheet(SHEET_NAMES["text"]), report, st, problems)
    if problems:
        raise XlsxError(problems)
    wb.active = 0
    props = wb.properties
    props.creator = "gov-disclosure"
    props.lastModifiedBy = "gov-disclosure"
    props.title = _escape(report.meta.display_title)[:255] if isinstance(report.meta.agency, str) else ""
    props.created = _FIXED_TIME
    props.modified = _FIXED_TIME
    return wb


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


def _borders(ws: Any, sheet: _Sheet, st: _Styles) -> None:
    last_row = max(r.index for r in sheet.rows)
    last_row = max([last_row] + [int(re.sub("[A-Z]", "", c)) for c, _ in sheet.formulas])
    for row in ws.iter_rows(min_row=2, max_row=last_row, min_col=1, max_col=sheet.width):
        for c in row:
            st.apply(c, "border")


def _write_number(cell: Any, f: _Field, value: Any, problems: list[Finding]) -> None:
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
    stored, fmt = _fee_storage(value)
    if isinstance(stored, str):
        _put_text(cell, stored)
    else:
        cell.value = stored
    cell.number_format = fmt


def _write_meta(ws: Any, cell: Any, f: _Field, value: Any, problems: list[Finding]) -> None:
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
    for name, label in _NARRATIVE_FIELDS:
        value = getattr(report, name)
        if name == "preamble":
            out += [(f"$.preamble[{i}]", label, _PARAGRAPH, p) for i, p in enumerate(value)]
            continue
        assert isinstance(value, Narrative)
        out += [(f"$.{name}.paragraphs[{i}]", label, _PARAGRAPH, p) for i, p in enumerate(value.paragraphs)]
        for i, sub in enumerate(value.subsections):
            out.append((f"$.{name}.subsections[{i}].heading", label, _HEADING, sub.heading))
            out += [
                (f"$.{name}.subsections[{i}].paragraphs[{j}]", label, _PARAGRAPH, p)
                for j, p in enumerate(sub.paragraphs)
            ]
    return out


def _write_narrative(ws: Any, report: Report, st: _Styles, problems: list[Finding]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.cell(1, 5).value = _MARKER + "text"
    ws.column_dimensions["E"].hidden = True
    for i, text in enumerate(("部分", "类型", "内容"), start=1):
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
        st.apply(c, "top", *(("bold",) if kind == _HEADING else ()), number_format="@")
        escaped = _text_for_cell(text, path, problems)
        if escaped:
            _put_text(c, escaped)
        st.apply(ws.cell(r, 1), "top")
        st.apply(ws.cell(r, 2), "top")
    last = max(len(rows) + 1 + 500, 1000)
    parts = DataValidation(
        type="list", formula1='"' + ",".join(label for _, label in _NARRATIVE_FIELDS) + '"', allow_blank=True
    )
    parts.add(f"A2:A{last}")
    kinds = DataValidation(type="list", formula1=f'"{_PARAGRAPH},{_HEADING}"', allow_blank=True)
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
    f"五、表三、表四中绿色的“核对”单元格由公式自动计算：“{_CHECK_SUM}”为各项之和，"
    f"“{_CHECK_FLAG}”显示“{_OK}”或“{_BAD}”；出现“{_BAD}”（红色）说明填写的总计与各项之和不一致。",
    f"六、“{SHEET_NAMES['text']}”工作表：“部分”列选择段落所属部分（{_PREAMBLE}为第一部分之前的导语），"
    f"“类型”列选择“{_PARAGRAPH}”或“{_HEADING}”，“内容”列填写文字；小标题之后的段落属于该小标题。"
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


# ---------------------------------------------------------------------------------------------------------
# Reading


def _norm(text: Any) -> str:
    """A label folded for comparison: NFKC, no whitespace."""
    if text is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def _show(value: Any) -> str:
    """A cell value as shown in a message (language-neutral)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return value.isoformat() if not isinstance(value, _dt.timedelta) else str(value)
    return repr(value) if isinstance(value, float) else str(value)


@frozen
class _CellView:
    """What the reader needs of a cell."""

    value: Any
    data_type: str
    number_format: str
    coordinate: str


class _Grid:
    """A snapshot of a worksheet's non-empty cells (read once, in openpyxl's fast read-only mode)."""

    def __init__(self, ws: Any) -> None:
        self.title: str = ws.title
        self.cells: dict[tuple[int, int], _CellView] = {}
        self.max_row = 0
        ws.reset_dimensions()
        for row in ws.iter_rows():
            for c in row:
                value = getattr(c, "value", None)
                if value is None or not hasattr(c, "row"):
                    continue
                self.cells[(c.row, c.column)] = _CellView(
                    value, c.data_type, c.number_format or "General", _coord(c.column, c.row)
                )
                self.max_row = max(self.max_row, c.row)

    def cell(self, row: int, column: int) -> _CellView:
        """The cell at (row, column); an empty view when it holds nothing."""
        found = self.cells.get((row, column))
        return found if found is not None else _CellView(None, "n", "General", _coord(column, row))


class _Reader:
    """Reads one workbook, collecting every finding."""

    def __init__(self, grids: Sequence[_Grid]) -> None:
        self.grids = {g.title: g for g in grids}
        self.findings: list[Finding] = []
        self.negative = False

    # -- helpers -------------------------------------------------------------------------------------------

    def add(
        self, code: str, location: Location | None = None, cells: tuple[Any, ...] = (), **args: Any
    ) -> None:
        self.findings.append(make(code, location=location, cells=cells, **args))

    def sheet(self, sheet_id: str, marker_column: int) -> _Grid | None:
        name = SHEET_NAMES[sheet_id]
        if name in self.grids:
            return self.grids[name]
        marker = _MARKER + sheet_id
        for grid in self.grids.values():
            if grid.cell(1, marker_column).value == marker:
                self.add("xlsx.sheet-renamed", Location(section=sheet_id), sheet=name, found=grid.title)
                return grid
        self.add(
            "xlsx.missing-sheet",
            Location(section=sheet_id),
            sheet=name,
            found="、".join(f"“{n}”" for n in self.grids) or "—",
        )
        return None

    # -- values --------------------------------------------------------------------------------------------

    def value(self, ws: Any, cell: Any, f: _Field, location: Location) -> Any:
        """Read one field; on a problem add a finding and return ``_BAD_VALUE``."""
        v = cell.value
        args: dict[str, Any] = {"sheet": ws.title, "ref": cell.coordinate, "label": f.label}
        cells = (f.cell.address,) if f.cell is not None else ()
        expected_zh, expected_en = _EXPECTED[f.kind]
        if cell.data_type == "f":
            self.add("xlsx.formula", location, cells, found=str(v), **args)
            return _BAD_VALUE
        if cell.data_type == "e":
            self.add(
                "xlsx.wrong-type",
                location,
                cells,
                found=str(v),
                expected=expected_en,
                expected_zh=expected_zh,
                **args,
            )
            return _BAD_VALUE

        def wrong(code: str = "xlsx.wrong-type") -> Any:
            self.add(
                code, location, cells, found=_show(v), expected=expected_en, expected_zh=expected_zh, **args
            )
            return _BAD_VALUE

        if f.kind in ("count", "year"):
            return self._count(v, f, location, cells, args, wrong)
        if f.kind == "amount":
            return self._amount(v, cell.number_format, wrong)
        if f.kind == "text":
            if v is None:
                return None
            if isinstance(v, bool) or not isinstance(v, (str, int)):
                return wrong()
            text = _unescape(v) if isinstance(v, str) else str(v)
            return text if text.strip() else None
        if f.kind == "kind":
            if v is None or (isinstance(v, str) and not v.strip()):
                return AgencyKind.OTHER
            if isinstance(v, str):
                key = _norm(v)
                for kind, label in KIND_LABELS.items():
                    if key in (_norm(label), kind.value):
                        return kind
            return wrong("xlsx.bad-value")
        # date
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, _dt.datetime):
            if v.time() != _dt.time(0, 0):
                return wrong("xlsx.bad-value")
            return v.date()
        if isinstance(v, _dt.date):
            return v
        if isinstance(v, str):
            parsed = _parse_date(v)
            return parsed if parsed is not None else wrong("xlsx.bad-value")
        return wrong()

    def _count(
        self, v: Any, f: _Field, location: Location, cells: Any, args: dict[str, Any], wrong: Any
    ) -> Any:
        if v is None:
            return None
        if isinstance(v, bool):
            return wrong()
        if isinstance(v, int):
            result = v
        elif isinstance(v, float):
            if not v.is_integer():
                return wrong("xlsx.not-integer")
            result = int(v)
        elif isinstance(v, str):
            text = _norm(v)
            if not text or text in _BLANK_MARKS:
                return None
            if not re.fullmatch(r"[+-]?[0-9]+", text.replace(",", "")):
                if re.fullmatch(r"[+-]?[0-9]*\.[0-9]+", text):
                    return wrong("xlsx.not-integer")
                return wrong()
            result = int(text.replace(",", ""))
            self.add("xlsx.number-as-text", location, cells, found=_show(v), value=result, **args)
        else:
            return wrong()
        if f.kind == "year" and not 1990 <= result <= 2999:
            return wrong("xlsx.bad-value")
        if result < 0:
            self.negative = True
        return result

    def _amount(self, v: Any, number_format: str, wrong: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, bool):
            return wrong()
        if isinstance(v, (int, float)):
            if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
                return wrong()
            value = _fee_from_number(v, number_format)
        elif isinstance(v, str):
            text = _norm(v)
            if not text or text in _BLANK_MARKS:
                return None
            if not re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", text):
                return wrong()
            try:
                value = Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern is stricter than Decimal
                return wrong()
        else:
            return wrong()
        if value < 0:
            self.negative = True
        return value

    # -- sheets --------------------------------------------------------------------------------------------

    def layout_sheet(self, sheet: _Sheet) -> dict[str, Any]:
        """Read a fixed-layout sheet: {field key: value} for the fields read without error."""
        out: dict[str, Any] = {}
        ws = self.sheet(sheet.id, sheet.key_column + 1)
        if ws is None:
            return out
        keys: dict[str, int] = {}
        for r in range(1, ws.max_row + 1):
            value = ws.cell(r, sheet.key_column).value
            if isinstance(value, str) and value not in keys:
                keys[value] = r
        positional = not any(k.startswith(sheet.id + ":") for k in keys)
        for row in sheet.rows:
            index = row.index if positional else keys.get(row.key)
            if index is None:
                self.add(
                    "xlsx.missing-row",
                    Location(table=sheet.id if sheet.id in "二三四" else None, section=sheet.id),
                    sheet=ws.title,
                    label=row.name,
                    row=row.index,
                    ref=f"A{row.index}",
                )
                continue
            for column, text in row.labels:
                cell = ws.cell(index, column)
                if _norm(cell.value) != _norm(text):
                    self.add(
                        "xlsx.label",
                        Location(table=sheet.id if sheet.id in "二三四" else None),
                        sheet=ws.title,
                        ref=cell.coordinate,
                        expected=text,
                        found="" if cell.value is None else str(cell.value),
                    )
            for f in row.fields:
                cell = ws.cell(index, f.column)
                if f.cell is not None:
                    c = f.cell
                    location = Location(
                        table=c.table.id,
                        row=c.row.id,
                        row_label=c.row.label,
                        column=c.column.id,
                        column_label=c.column.label,
                        path=c.json_path,
                    )
                    key = ".".join(c.attr_path)
                else:
                    location = Location(
                        section="meta", row=f.meta, row_label=f.label, path=f"$.meta.{f.meta}"
                    )
                    key = f"meta.{f.meta}"
                value = self.value(ws, cell, f, location)
                if value is not _BAD_VALUE:
                    out[key] = value
                if f.kind in ("text", "year") and f.meta in ("agency", "year") and value is None:
                    zh, en = _EXPECTED[f.kind]
                    self.add(
                        "xlsx.missing-value",
                        location,
                        sheet=ws.title,
                        ref=cell.coordinate,
                        label=f.label,
                        expected=en,
                        expected_zh=zh,
                    )
        return out

    def narrative(self) -> dict[str, Any]:
        """Read the 正文 sheet: {field: tuple of paragraphs | Narrative}."""
        ws = self.sheet("text", 5)
        if ws is None:
            return {}
        by_label: dict[str, str] = {}
        for name, label in _NARRATIVE_FIELDS:
            by_label[_norm(label)] = name
            by_label[_norm(name)] = name
        for s in form.SECTIONS:
            target = s.id if s.id in ("overview", "problems", "other_matters") else f"{s.id}_text"
            for v in s.variants:
                by_label.setdefault(_norm(v), target)
        paragraphs: dict[str, list[str]] = {name: [] for name, _ in _NARRATIVE_FIELDS}
        subsections: dict[str, list[tuple[str, list[str]]]] = {name: [] for name, _ in _NARRATIVE_FIELDS}
        current: str | None = None
        header = [ws.cell(1, c).value for c in (1, 2, 3)]
        if [_norm(h) for h in header] != ["部分", "类型", "内容"]:
            for col, (want, got) in enumerate(zip(("部分", "类型", "内容"), header, strict=True), start=1):
                if _norm(got) != want:
                    self.add(
                        "xlsx.label",
                        Location(section="text"),
                        sheet=ws.title,
                        ref=_coord(col, 1),
                        expected=want,
                        found="" if got is None else str(got),
                    )
        for r in range(2, ws.max_row + 1):
            a, b, c = ws.cell(r, 1), ws.cell(r, 2), ws.cell(r, 3)
            if a.value is None and b.value is None and c.value is None:
                continue
            ok = True
            # 部分
            if a.value is not None and _norm(a.value):
                section = by_label.get(_norm(a.value)) if isinstance(a.value, str) else None
                if section is None:
                    zh, en = _EXPECTED["section"]
                    self.add(
                        "xlsx.bad-value",
                        Location(section="text", line=r),
                        ref=a.coordinate,
                        label="部分",
                        found=_show(a.value),
                        expected=en,
                        expected_zh=zh,
                        sheet=ws.title,
                    )
                    ok = False
                else:
                    current = section
            elif current is None:
                zh, en = _EXPECTED["section"]
                self.add(
                    "xlsx.missing-value",
                    Location(section="text", line=r),
                    ref=a.coordinate,
                    label="部分",
                    expected=en,
                    expected_zh=zh,
                    sheet=ws.title,
                )
                ok = False
            # 类型
            kind = _norm(b.value) if isinstance(b.value, str) else ("" if b.value is None else None)
            if kind not in ("", _PARAGRAPH, _HEADING):
                zh, en = _EXPECTED["para-kind"]
                self.add(
                    "xlsx.bad-value",
                    Location(section="text", line=r),
                    ref=b.coordinate,
                    label="类型",
                    found=_show(b.value),
                    expected=en,
                    expected_zh=zh,
                    sheet=ws.title,
                )
                ok = False
            # 内容
            text: str | None
            if c.data_type == "f":
                self.add(
                    "xlsx.formula",
                    Location(section="text", line=r),
                    ref=c.coordinate,
                    label="内容",
                    found=str(c.value),
                    sheet=ws.title,
                )
                ok, text = False, None
            elif c.value is None:
                text = ""
            elif isinstance(c.value, str):
                text = _unescape(c.value)
            elif isinstance(c.value, int) and not isinstance(c.value, bool):
                text = str(c.value)
            else:
                zh, en = _EXPECTED["text"]
                self.add(
                    "xlsx.wrong-type",
                    Location(section="text", line=r),
                    ref=c.coordinate,
                    label="内容",
                    found=_show(c.value),
                    expected=en,
                    expected_zh=zh,
                    sheet=ws.title,
                )
                ok, text = False, None
            if not ok or current is None or text is None:
                continue
            if kind == _HEADING:
                if not text.strip() or current == "preamble":
                    zh, en = _EXPECTED["heading"]
                    self.add(
                        "xlsx.bad-value",
                        Location(section="text", line=r),
                        ref=(c if current != "preamble" else b).coordinate,
                        label="类型" if current == "preamble" else "内容",
                        found=_show(text if current != "preamble" else b.value),
                        expected=en if current != "preamble" else "a paragraph (前言 has no sub-headings)",
                        expected_zh=zh if current != "preamble" else "段落（前言没有小标题）",
                        sheet=ws.title,
                    )
                    continue
                subsections[current].append((text, []))
            elif subsections[current]:
                subsections[current][-1][1].append(text)
            else:
                paragraphs[current].append(text)
        out: dict[str, Any] = {"preamble": tuple(paragraphs["preamble"])}
        for name, _ in _NARRATIVE_FIELDS[1:]:
            out[name] = Narrative(
                paragraphs=tuple(paragraphs[name]),
                subsections=tuple(Subsection(heading=h, paragraphs=tuple(p)) for h, p in subsections[name]),
            )
        return out


class _BadValue:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<bad value>"


_BAD_VALUE: Final = _BadValue()

_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _parse_date(text: str) -> _dt.date | None:
    m = _DATE_RE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _assemble(values: Mapping[str, Any], texts: Mapping[str, Any]) -> Report:
    def v(key: str) -> Any:
        return values.get(key)

    def docs(row: str) -> DocumentCounts:
        return DocumentCounts(
            **{c: v(f"active_disclosure.{row}.{c}") for c in ("issued", "repealed", "in_force")}
        )

    active = ActiveDisclosure(
        rules=docs("rules"),
        normative_documents=docs("normative_documents"),
        licensing=v("active_disclosure.licensing"),
        penalty=v("active_disclosure.penalty"),
        coercion=v("active_disclosure.coercion"),
        fees=v("active_disclosure.fees"),
    )
    columns3 = [c.id for c in form.APPLICATIONS.blocks[0].columns]
    apps = Applications(
        **{
            row.id: ApplicantCounts(**{c: v(f"applications.{row.id}.{c}") for c in columns3})
            for row in form.APPLICATIONS.rows
        }
    )
    review = ReviewLitigation(
        **{
            b.rows[0].id: CaseCounts(
                **{c.id: v(f"review_litigation.{b.rows[0].id}.{c.id}") for c in b.columns}
            )
            for b in form.REVIEW_LITIGATION.blocks
        }
    )
    meta = Meta(
        agency=v("meta.agency"),
        year=v("meta.year"),
        kind=v("meta.kind") or AgencyKind.OTHER,
        region=v("meta.region"),
        title=v("meta.title"),
        published=v("meta.published"),
        issuer=v("meta.issuer"),
        period_start=v("meta.period_start"),
        period_end=v("meta.period_end"),
    )
    return Report(
        meta=meta,
        preamble=texts.get("preamble", ()),
        overview=texts.get("overview", Narrative()),
        active_disclosure=active,
        active_disclosure_text=texts.get("active_disclosure_text", Narrative()),
        applications=apps,
        applications_text=texts.get("applications_text", Narrative()),
        review_litigation=review,
        review_litigation_text=texts.get("review_litigation_text", Narrative()),
        problems=texts.get("problems", Narrative()),
        other_matters=texts.get("other_matters", Narrative()),
    )


def _load(source: Source) -> Any:
    openpyxl = _openpyxl()
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    elif isinstance(source, os.PathLike):
        source = os.fspath(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(source, read_only=True, data_only=False)


def read_result(source: Source) -> XlsxResult:
    """Read a workbook written by :func:`write` (and filled in by hand) without raising on bad content.

    Returns the report, or ``None`` when an error-severity finding prevents it, and every finding: each
    unreadable cell with its sheet (``args["sheet"]``), A1 reference (``args["ref"]``), what was expected and
    what was found. A file that does not exist raises :class:`FileNotFoundError` (misuse, not content).

    Warnings (a number stored as text, a renamed sheet found by its hidden marker) do not prevent the report.
    Negative counts and fees are kept as stated (the record is built with
    :func:`~gov_disclosure.model.unchecked`) so that :func:`gov_disclosure.check` reports them.
    """
    try:
        wb = _load(source)
        try:
            grids = [_Grid(ws) for ws in wb.worksheets]
        finally:
            wb.close()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        finding = make("xlsx.unreadable", error=f"{type(exc).__name__}: {exc}")
        return XlsxResult(report=None, findings=(finding,))
    expected = [SHEET_NAMES[s] for s in ("meta", "二", "三", "四", "text")]
    markers = {_MARKER + s for s in ("meta", "二", "三", "四", "text")}
    names = [g.title for g in grids]
    if not set(expected) & set(names) and not any(
        isinstance(c.value, str) and c.value in markers for g in grids for c in g.cells.values()
    ):
        finding = make(
            "xlsx.not-template",
            expected="、".join(f"“{n}”" for n in expected),
            found="、".join(f"“{n}”" for n in names),
        )
        return XlsxResult(report=None, findings=(finding,))
    reader = _Reader(grids)
    values: dict[str, Any] = {}
    for sheet in _layout().values():
        values.update(reader.layout_sheet(sheet))
    texts = reader.narrative()
    findings = tuple(reader.findings)
    if any(f.severity is Severity.ERROR for f in findings):
        return XlsxResult(report=None, findings=findings)
    try:
        with unchecked() if reader.negative else nullcontext():
            report = _assemble(values, texts)
    except (TypeError, ValueError) as exc:  # pragma: no cover - every value was checked above
        finding = make("xlsx.unreadable", error=str(exc))
        return XlsxResult(report=None, findings=(*findings, finding))
    return XlsxResult(report=report, findings=findings)


def read(source: Source) -> Report:
    """Read a workbook back into the :class:`~gov_disclosure.model.Report` it holds.

    Raises :class:`XlsxError` carrying every finding when any error prevents the report (see
    :func:`read_result` for what is checked).
    """
    result = read_result(source)
    if result.report is None:
        raise XlsxError(result.findings)
    return result.report
