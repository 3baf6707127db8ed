"""The official table grids, built once from the form, with every merged cell and its span.

Every renderer draws tables 二, 三 and 四 from :func:`table_layout`, so that text, Markdown, HTML and
DOCX show the same merged cells (reference: ``format.md`` §3, §4.1, §5). Labels come from
:mod:`gov_disclosure.form`.

A :class:`TableLayout` lists, row by row, the *laid-out* cells: a merged cell appears once, in the first grid
row and column of its span (its anchor), as in HTML. :meth:`TableLayout.grid` gives the full grid with the
covering cell at every position.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Literal

from attrs import frozen

from .. import form
from ..cellview import CellRef, ref

__all__ = ["CellKind", "LayoutCell", "Scope", "TableLayout", "table_layout", "table_layouts"]

#: What a cell holds: the block caption (table 二), a column header, the 勾稽 note, a row label, a value.
CellKind = Literal["caption", "header", "note", "label", "value"]
#: The HTML ``scope`` of a header cell.
Scope = Literal["col", "colgroup", "row", "rowgroup"]


@frozen
class LayoutCell:
    """One laid-out cell of a table grid."""

    kind: CellKind
    #: 0-based grid row and column of the cell's top-left corner.
    row: int
    col: int
    #: The label (empty for value cells: their text depends on the report and the options).
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    #: For header cells (captions, column headers, row labels): the HTML scope.
    scope: Scope | None = None
    #: For value cells: the cell of the model it shows.
    ref: CellRef | None = None

    @property
    def is_header(self) -> bool:
        """True for captions, column headers and row labels (drawn as ``<th>``)."""
        return self.kind in ("caption", "header", "label")


@frozen
class TableLayout:
    """The official grid of one table."""

    table: form.Table
    #: Number of grid columns (二 4, 三 10, 四 15) and rows (二 14, 三 28, 四 4).
    width: int
    height: int
    #: Leading grid rows that form the table head (``<thead>``): 二 0, 三 3, 四 3.
    header_rows: int
    #: Row ranges ``(start, stop)`` of the table bodies (``<tbody>``): one per 第二十条 block in 二.
    bodies: tuple[tuple[int, int], ...]
    #: Number of leading grid columns that hold row labels (二 1, 三 3, 四 0).
    label_columns: int
    #: Relative column widths (sum ≈ the A4 text width in cm).
    widths: tuple[float, ...]
    #: Laid-out cells, grouped by the grid row of their anchor.
    rows: tuple[tuple[LayoutCell, ...], ...]

    def cells(self) -> Iterator[LayoutCell]:
        """Every laid-out cell, row by row."""
        for row in self.rows:
            yield from row

    def value_cells(self) -> tuple[LayoutCell, ...]:
        """The value cells, in form order (same order as :func:`gov_disclosure.cellview.cell_refs`)."""
        return tuple(c for c in self.cells() if c.kind == "value")

    def grid(self) -> tuple[tuple[LayoutCell, ...], ...]:
        """The full ``height × width`` grid: at every position, the cell covering it."""
        out: list[list[LayoutCell | None]] = [[None] * self.width for _ in range(self.height)]
        for c in self.cells():
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if out[r][k] is not None:  # pragma: no cover - guarded by the tests
                        raise AssertionError(f"table {self.table.id}: overlap at ({r}, {k})")
                    out[r][k] = c
        result: list[tuple[LayoutCell, ...]] = []
        for r, row in enumerate(out):
            cells: list[LayoutCell] = []
            for k, cell in enumerate(row):
                if cell is None:  # pragma: no cover - guarded by the tests
                    raise AssertionError(f"table {self.table.id}: hole at ({r}, {k})")
                cells.append(cell)
            result.append(tuple(cells))
        return tuple(result)


class _Builder:
    def __init__(self) -> None:
        self.cells: list[LayoutCell] = []

    def add(self, cell: LayoutCell) -> None:
        self.cells.append(cell)

    def rows(self, height: int) -> tuple[tuple[LayoutCell, ...], ...]:
        by_row: list[list[LayoutCell]] = [[] for _ in range(height)]
        for c in self.cells:
            by_row[c.row].append(c)
        return tuple(tuple(sorted(r, key=lambda c: c.col)) for r in by_row)


def _value(
    t: form.Table, block: form.Block, row: form.Row, col: form.Column, r: int, k: int, span: int = 1
) -> LayoutCell:
    return LayoutCell("value", r, k, colspan=span, ref=ref(t.id, row.id, col.id))


def _active_disclosure() -> TableLayout:
    """Table 二: per 第二十条 block a caption row, a header row, data rows; 4 columns."""
    t = form.ACTIVE_DISCLOSURE
    width = 1 + max(len(b.columns) for b in t.blocks)
    b = _Builder()
    r = 0
    bodies: list[tuple[int, int]] = []
    for block in t.blocks:
        start = r
        b.add(LayoutCell("caption", r, 0, block.caption, colspan=width, scope="colgroup"))
        r += 1
        b.add(LayoutCell("header", r, 0, block.header or "", scope="col"))
        span = (width - 1) // len(block.columns)
        if span * len(block.columns) != width - 1:  # pragma: no cover - the form has 1 or 3 columns
            raise AssertionError(f"table 二 block {block.id}: {len(block.columns)} columns in {width - 1}")
        for i, col in enumerate(block.columns):
            b.add(
                LayoutCell(
                    "header",
                    r,
                    1 + i * span,
                    col.label,
                    colspan=span,
                    scope="col" if span == 1 else "colgroup",
                )
            )
        r += 1
        for row in block.rows:
            b.add(LayoutCell("label", r, 0, row.label, scope="row"))
            for i, col in enumerate(block.columns):
                b.add(_value(t, block, row, col, r, 1 + i * span, span))
            r += 1
        bodies.append((start, r))
    return TableLayout(
        table=t,
        width=width,
        height=r,
        header_rows=0,
        bodies=tuple(bodies),
        label_columns=1,
        widths=(5.4,) + (10.2 / (width - 1),) * (width - 1),
        rows=b.rows(r),
    )


def _applications() -> TableLayout:
    """Table 三: 3 header rows and 25 data rows; 3 label columns (nested row groups) and 7 data columns."""
    t = form.APPLICATIONS
    (block,) = t.blocks
    depth = 1 + max(len(row.groups) for row in block.rows)  # label columns
    columns = block.columns
    has_groups = any(c.group for c in columns)
    head = (1 if t.columns_header else 0) + (2 if has_groups else 1)
    width = depth + len(columns)
    b = _Builder()
    b.add(LayoutCell("note", 0, 0, t.note or "", rowspan=head, colspan=depth))
    r0 = 0
    if t.columns_header:
        b.add(LayoutCell("header", 0, depth, t.columns_header, colspan=len(columns), scope="colgroup"))
        r0 = 1
    k = 0
    while k < len(columns):
        col = columns[k]
        if col.group is None:
            b.add(LayoutCell("header", r0, depth + k, col.label, rowspan=head - r0, scope="col"))
            k += 1
            continue
        n = 1
        while k + n < len(columns) and columns[k + n].group == col.group:
            n += 1
        b.add(LayoutCell("header", r0, depth + k, col.group, colspan=n, scope="colgroup"))
        for i in range(n):
            b.add(LayoutCell("header", r0 + 1, depth + k + i, columns[k + i].label, scope="col"))
        k += n
    rows = block.rows
    for i, row in enumerate(rows):
        r = head + i
        for level, group in enumerate(row.groups):
            if i > 0 and rows[i - 1].groups[: level + 1] == row.groups[: level + 1]:
                continue  # covered by the group cell above
            span = 1
            while i + span < len(rows) and rows[i + span].groups[: level + 1] == row.groups[: level + 1]:
                span += 1
            b.add(LayoutCell("label", r, level, group, rowspan=span, scope="rowgroup"))
        level = len(row.groups)
        b.add(LayoutCell("label", r, level, row.label, colspan=depth - level, scope="row"))
        for j, col in enumerate(columns):
            b.add(_value(t, block, row, col, r, depth + j))
    height = head + len(rows)
    return TableLayout(
        table=t,
        width=width,
        height=height,
        header_rows=head,
        bodies=((head, height),),
        label_columns=depth,
        widths=(1.0, 1.5, 4.5) + (8.6 / len(columns),) * len(columns),
        rows=b.rows(height),
    )


def _review_litigation() -> TableLayout:
    """Table 四: 3 header rows and one row of 15 values, the three blocks side by side."""
    t = form.REVIEW_LITIGATION
    b = _Builder()
    k = 0
    blocks = t.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        n_cols = len(block.columns)
        if block.group is None:
            b.add(LayoutCell("header", 0, k, block.caption, colspan=n_cols, scope="colgroup"))
            for j, col in enumerate(block.columns):
                b.add(LayoutCell("header", 1, k + j, col.label, rowspan=2, scope="col"))
            k += n_cols
            i += 1
            continue
        members = [block]
        while i + len(members) < len(blocks) and blocks[i + len(members)].group == block.group:
            members.append(blocks[i + len(members)])
        total = sum(len(m.columns) for m in members)
        b.add(LayoutCell("header", 0, k, block.group, colspan=total, scope="colgroup"))
        for m in members:
            b.add(LayoutCell("header", 1, k, m.caption, colspan=len(m.columns), scope="colgroup"))
            for j, col in enumerate(m.columns):
                b.add(LayoutCell("header", 2, k + j, col.label, scope="col"))
            k += len(m.columns)
        i += len(members)
    k = 0
    for block in blocks:
        (row,) = block.rows
        for col in block.columns:
            b.add(_value(t, block, row, col, 3, k))
            k += 1
    return TableLayout(
        table=t,
        width=k,
        height=4,
        header_rows=3,
        bodies=((3, 4),),
        label_columns=0,
        widths=(15.6 / k,) * k,
        rows=b.rows(4),
    )


@cache
def table_layout(table_id: str) -> TableLayout:
    """The grid of table ``"二"``, ``"三"`` or ``"四"`` (built once, cached)."""
    builders = {"二": _active_disclosure, "三": _applications, "四": _review_litigation}
    try:
        builder = builders[table_id]
    except KeyError:
        raise KeyError(f"no table {table_id!r}: expected one of 二, 三, 四") from None
    return builder()


def table_layouts() -> tuple[TableLayout, ...]:
    """The three grids, in form order."""
    return tuple(table_layout(t.id) for t in form.TABLES)
