"""Where everything sits in the template: sheet names, every label and data cell of the official tables
(derived from :mod:`gov_disclosure.form`), the metadata and narrative fields, and the 核对 cells. Shared by
the writer and the reader; see ``docs/xlsx.md``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from attrs import frozen

from .. import form
from ..cellview import CellRef, ref
from ..model import AgencyKind
from .formulas import Check, column_letter

__all__ = [
    "CHECK_FLAG",
    "CHECK_SUM",
    "HEADING",
    "KIND_LABELS",
    "MARKER",
    "META_FIELDS",
    "NARRATIVE_FIELDS",
    "NARRATIVE_HEADER",
    "PARAGRAPH",
    "PREAMBLE",
    "SHEET_NAMES",
    "Field",
    "FieldKind",
    "Row",
    "Sheet",
    "coord",
    "layout",
    "span",
]

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

#: Prefix of the hidden marker naming a sheet (``gov-disclosure:三``), to find a renamed sheet.
MARKER: Final = "gov-disclosure:"
CHECK_SUM: Final = "核对：合计"
CHECK_FLAG: Final = "核对结果"
PARAGRAPH: Final = "段落"
HEADING: Final = "小标题"
PREAMBLE: Final = "前言"

#: Narrative fields of the report in the 正文 sheet, with the label shown in its 部分 column.
NARRATIVE_FIELDS: Final[tuple[tuple[str, str], ...]] = (
    ("preamble", PREAMBLE),
    *((s.text_field, s.heading) for s in form.SECTIONS),
)
#: The header of the 正文 sheet's columns: part, paragraph kind, text.
NARRATIVE_HEADER: Final = ("部分", "类型", "内容")

FieldKind = Literal["count", "amount", "text", "year", "kind", "date"]

#: The 基本信息 sheet: (attribute, label, kind, hint).
META_FIELDS: Final[tuple[tuple[str, str, FieldKind, str], ...]] = (
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

# ---------------------------------------------------------------------------------------------------------
# The layout, as data shared by the writer and the reader


@frozen
class Field:
    """A cell the reader reads: a table cell (``cell``) or a metadata attribute (``meta``)."""

    column: int
    kind: FieldKind
    label: str
    cell: CellRef | None = None
    meta: str | None = None


@frozen
class Row:
    """A row of the template: its key (in the hidden key column), where it is, its labels and fields."""

    key: str
    index: int
    #: Label cells the reader verifies: (column, text) at the top-left of each label (merged) cell.
    labels: tuple[tuple[int, str], ...]
    fields: tuple[Field, ...] = ()
    #: Name of the row in messages (the row's own label).
    name: str = ""


@frozen
class Sheet:
    """A sheet of the template."""

    id: str
    rows: tuple[Row, ...]
    key_column: int
    width: int
    merges: tuple[str, ...] = ()
    #: (coordinate, text) of labels written but not verified (check rows, hints).
    notes: tuple[tuple[str, str], ...] = ()
    #: The 核对 cells: each rule instance checked in the sheet and where (see :mod:`.formulas`).
    checks: tuple[Check, ...] = ()
    #: Ranges of cells showing 相符 / 不符 (red when 不符).
    flags: tuple[str, ...] = ()
    widths: tuple[tuple[int, float], ...] = ()

    @property
    def name(self) -> str:
        """The sheet's name in the workbook."""
        return SHEET_NAMES[self.id]

    def positions(self) -> dict[form.CellId, tuple[int, int]]:
        """(column, row) of every table cell of the sheet, by cell id."""
        return _positions(self.rows)


def _positions(rows: list[Row] | tuple[Row, ...]) -> dict[form.CellId, tuple[int, int]]:
    return {f.cell.key: (f.column, row.index) for row in rows for f in row.fields if f.cell is not None}


def coord(column: int, row: int) -> str:
    """The A1 reference of (column, row)."""
    return f"{column_letter(column)}{row}"


def span(c1: int, r1: int, c2: int, r2: int) -> str:
    """The A1 range from (c1, r1) to (c2, r2)."""
    return f"{coord(c1, r1)}:{coord(c2, r2)}"


def _cell_label(cell: CellRef) -> str:
    return f"表{cell.table.id} {cell.row.label} × {cell.column.label}"


def _table_field(column: int, cell: CellRef) -> Field:
    return Field(column, "amount" if cell.row.unit == "amount" else "count", _cell_label(cell), cell=cell)


def _equations(code: str) -> dict[str, form.Equation]:
    """The instances of the rule ``code``, by the row or column id each is about."""
    return {eq.axis: eq for eq in form.rule(code).equations()}


# ---------------------------------------------------------------------------------------------------------
# Table 二


def _active_sheet() -> Sheet:
    t = form.ACTIVE_DISCLOSURE
    width = 4
    rows = [Row("二:@title", 1, ((1, SHEET_NAMES["二"]),), name=SHEET_NAMES["二"])]
    merges = [span(1, 1, width, 1)]
    r = 2
    for block in t.blocks:
        rows.append(Row(f"二:{block.id}:caption", r, ((1, block.caption),), name=block.caption))
        merges.append(span(1, r, width, r))
        r += 1
        head: list[tuple[int, str]] = [(1, block.header or "")]
        single = len(block.columns) == 1
        for j, col in enumerate(block.columns):
            head.append((2 + j, col.label))
        if single:
            merges.append(span(2, r, width, r))
        rows.append(Row(f"二:{block.id}:header", r, tuple(head), name=block.header or ""))
        r += 1
        for row in block.rows:
            fields = tuple(
                _table_field(2 + j, ref("二", row.id, col.id)) for j, col in enumerate(block.columns)
            )
            if single:
                merges.append(span(2, r, width, r))
            rows.append(Row(f"二:{row.id}", r, ((1, row.label),), fields, name=row.label))
            r += 1
    return Sheet(
        "二",
        tuple(rows),
        key_column=width + 2,
        width=width,
        merges=tuple(merges),
        widths=((1, 22.0), (2, 18.0), (3, 18.0), (4, 18.0)),
    )


# ---------------------------------------------------------------------------------------------------------
# Table 三

_T3_FIRST: Final = 4  # column D: the first data column
_T3_HEADER: Final = (2, 3, 4)  # the three header rows (format.md §4.1)


def _t3_header(merges: list[str]) -> list[Row]:
    """The three header rows of table 三 (their merges go to ``merges``)."""
    t = form.APPLICATIONS
    columns = t.blocks[0].columns
    first = _T3_FIRST
    h1, h2, h3 = _T3_HEADER
    row2: list[tuple[int, str]] = []
    row3: list[tuple[int, str]] = []
    j = 0
    while j < len(columns):
        col = columns[j]
        c = first + j
        if col.group is None:
            row2.append((c, col.label))
            merges.append(span(c, h2, c, h3))
            j += 1
            continue
        k = j
        while k < len(columns) and columns[k].group == col.group:
            row3.append((first + k, columns[k].label))
            k += 1
        row2.append((c, col.group))
        merges.append(span(c, h2, first + k - 1, h2))
        j = k
    name = t.columns_header or ""
    return [
        Row("三:header:1", h1, ((1, t.note or ""), (first, name)), name=name),
        Row("三:header:2", h2, tuple(row2), name=name),
        Row("三:header:3", h3, tuple(row3), name=name),
    ]


def _t3_body(merges: list[str], start: int) -> list[Row]:
    """The data rows of table 三 from row ``start``, their label cells nested by the rows' groups."""
    block = form.APPLICATIONS.blocks[0]
    body = block.rows
    rows: list[Row] = []
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
                merges.append(span(1 + level, r, 1 + level, r + n - 1))
        labels.append((1 + depth, row.label))
        if depth < 2:
            merges.append(span(1 + depth, r, 3, r))
        fields = tuple(
            _table_field(_T3_FIRST + j, ref("三", row.id, col.id)) for j, col in enumerate(block.columns)
        )
        rows.append(Row(f"三:{row.id}", r, tuple(labels), fields, name=row.label))
    return rows


def _t3_row_checks(body: list[Row], sum_col: int, flag_col: int) -> list[Check]:
    """``t3.row-total`` beside each row: the sum of the applicant columns, then 相符 / 不符."""
    equations = _equations("t3.row-total")
    return [
        Check(equations[form_row.id], coord(sum_col, row.index), coord(flag_col, row.index))
        for form_row, row in zip(form.APPLICATIONS.blocks[0].rows, body, strict=True)
    ]


def _t3_column_checks(end: int, merges: list[str], notes: list[tuple[str, str]]) -> list[Check]:
    """Rows under table 三 (from ``end + 1``): ``t3.outcome-total`` and ``t3.balance`` of every column."""
    # The row whose cells the rule t3.outcome-total states.
    outcome = next(iter(_equations("t3.outcome-total").values())).stated[0]
    outcome_label = ref(*outcome).row.label
    below = (
        ("t3.outcome-total", f"核对：{form.RESULTS_GROUP}各项之和", f"核对：是否等于{outcome_label}"),
        ("t3.balance", "核对：第一项＋第二项－第三项" + outcome_label + "－第四项（应为 0）", CHECK_FLAG),
    )
    columns = form.APPLICATIONS.blocks[0].columns
    out: list[Check] = []
    r = end + 1
    for code, value_label, flag_label in below:
        notes += [(coord(1, r), value_label), (coord(1, r + 1), flag_label)]
        merges += [span(1, r, 3, r), span(1, r + 1, 3, r + 1)]
        equations = _equations(code)
        for j, col in enumerate(columns):
            c = _T3_FIRST + j
            out.append(Check(equations[col.id], coord(c, r), coord(c, r + 1)))
        r += 2
    return out


def _applications_sheet() -> Sheet:
    columns = form.APPLICATIONS.blocks[0].columns
    first = _T3_FIRST
    last = first + len(columns) - 1
    sum_col, flag_col = last + 1, last + 2
    width = flag_col
    h1, h3 = _T3_HEADER[0], _T3_HEADER[-1]
    rows: list[Row] = [Row("三:@title", 1, ((1, SHEET_NAMES["三"]),), name=SHEET_NAMES["三"])]
    merges = [span(1, 1, width, 1), span(1, h1, 3, h3), span(first, h1, last, h1)]
    merges += [span(sum_col, h1, sum_col, h3), span(flag_col, h1, flag_col, h3)]
    rows += _t3_header(merges)
    notes = [(coord(sum_col, h1), CHECK_SUM), (coord(flag_col, h1), CHECK_FLAG)]
    start = h3 + 1
    body = _t3_body(merges, start)
    rows += body
    end = start + len(body) - 1
    checks = _t3_row_checks(body, sum_col, flag_col) + _t3_column_checks(end, merges, notes)
    flags = (
        span(flag_col, start, flag_col, end),
        span(first, end + 2, last, end + 2),
        span(first, end + 4, last, end + 4),
    )
    widths = [(1, 9.0), (2, 11.0), (3, 40.0)] + [(first + j, 11.0) for j in range(len(columns))]
    widths += [(sum_col, 11.0), (flag_col, 9.0)]
    return Sheet(
        "三",
        tuple(rows),
        key_column=width + 2,
        width=width,
        merges=tuple(merges),
        notes=tuple(notes),
        checks=tuple(checks),
        flags=flags,
        widths=tuple(widths),
    )


# ---------------------------------------------------------------------------------------------------------
# Table 四


def _t4_header(merges: list[str]) -> list[Row]:
    """The three header rows of table 四: 行政复议 and 行政诉讼 over their blocks and columns."""
    t = form.REVIEW_LITIGATION
    h1, h2, h3 = 2, 3, 4
    row1: list[tuple[int, str]] = []
    row2: list[tuple[int, str]] = []
    row3: list[tuple[int, str]] = []
    c = 1
    groups_done: set[str] = set()
    for block in t.blocks:
        n = len(block.columns)
        if block.group is None:
            row1.append((c, block.caption))
            merges.append(span(c, h1, c + n - 1, h1))
            for j, col in enumerate(block.columns):
                row2.append((c + j, col.label))
                merges.append(span(c + j, h2, c + j, h3))
        else:
            if block.group not in groups_done:
                groups_done.add(block.group)
                width = sum(len(b.columns) for b in t.blocks if b.group == block.group)
                row1.append((c, block.group))
                merges.append(span(c, h1, c + width - 1, h1))
            row2.append((c, block.caption))
            merges.append(span(c, h2, c + n - 1, h2))
            for j, col in enumerate(block.columns):
                row3.append((c + j, col.label))
        c += n
    return [
        Row("四:header:1", h1, tuple(row1), name=row1[0][1]),
        Row("四:header:2", h2, tuple(row2), name=row2[0][1]),
        Row("四:header:3", h3, tuple(row3), name=row3[0][1]),
    ]


def _review_sheet() -> Sheet:
    t = form.REVIEW_LITIGATION
    data = 5
    width = sum(len(b.columns) for b in t.blocks)
    rows: list[Row] = [Row("四:@title", 1, ((1, SHEET_NAMES["四"]),), name=SHEET_NAMES["四"])]
    merges = [span(1, 1, width, 1)]
    rows += _t4_header(merges)
    fields: list[Field] = []
    c = 1
    for block in t.blocks:
        fields += [
            _table_field(c + j, ref("四", block.rows[0].id, col.id)) for j, col in enumerate(block.columns)
        ]
        c += len(block.columns)
    rows.append(Row("四:data", data, (), tuple(fields), name="、".join(b.caption for b in t.blocks)))
    # 核对 under each block's 总计: the sum of the four results, then 相符 / 不符.
    where = _positions(rows)
    labels = {col.id: col.label for b in t.blocks for col in b.columns}
    notes: list[tuple[str, str]] = []
    checks: list[Check] = []
    for eq in _equations("t4.total").values():
        left, right = where[eq.parts[0]][0], where[eq.parts[-1]][0]
        total = where[eq.stated[0]][0]
        notes.append((coord(left, data + 1), "核对：" + "＋".join(labels[p[2]] for p in eq.parts)))
        notes.append((coord(left, data + 2), CHECK_FLAG))
        merges += [span(left, data + 1, right, data + 1), span(left, data + 2, right, data + 2)]
        checks.append(Check(eq, coord(total, data + 1), coord(total, data + 2)))
    return Sheet(
        "四",
        tuple(rows),
        key_column=width + 2,
        width=width,
        merges=tuple(merges),
        notes=tuple(notes),
        checks=tuple(checks),
        flags=tuple(c.flag for c in checks),
        widths=tuple((i, 10.0) for i in range(1, width + 1)),
    )


# ---------------------------------------------------------------------------------------------------------
# 基本信息


def _meta_sheet() -> Sheet:
    rows = [
        Row("meta:@title", 1, ((1, SHEET_NAMES["meta"]),), name=SHEET_NAMES["meta"]),
        Row("meta:@header", 2, ((1, "项目"), (2, "填写内容"), (3, "填写说明")), name="项目"),
    ]
    notes: list[tuple[str, str]] = []
    for i, (name, label, kind, hint) in enumerate(META_FIELDS):
        r = 3 + i
        rows.append(Row(f"meta:{name}", r, ((1, label),), (Field(2, kind, label, meta=name),), name=label))
        notes.append((coord(3, r), hint))
    r = 3 + len(META_FIELDS)
    notes.append((coord(1, r), "报告格式"))
    notes.append((coord(2, r), f"{form.FORM_VERSION}年版（{form.FORM_SOURCE}）"))
    return Sheet(
        "meta",
        tuple(rows),
        key_column=5,
        width=3,
        merges=(span(1, 1, 3, 1),),
        notes=tuple(notes),
        widths=((1, 14.0), (2, 40.0), (3, 60.0)),
    )


_LAYOUT: list[tuple[object, Mapping[str, Sheet]]] = []


def layout() -> Mapping[str, Sheet]:
    """The fixed-layout sheets by id, in workbook order: 基本信息, 二, 三, 四 (not 正文, which varies).

    Built once for the form's current rules (the check cells follow :data:`gov_disclosure.form.RULES`).
    """
    if not _LAYOUT or _LAYOUT[0][0] is not form.RULES:
        sheets = (_meta_sheet(), _active_sheet(), _applications_sheet(), _review_sheet())
        _LAYOUT[:] = [(form.RULES, {sheet.id: sheet for sheet in sheets})]
    return _LAYOUT[0][1]
