"""Tables 二/三/四 read from classified rows: cell values (by column header or in form order), the source map,
the template (2021 or 2019) and the table findings.

See ``docs/parse.md`` ("Tables, by label", "The 2019 trial format").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from ... import form
from ...cellview import CellValue, ref
from ...findings import Finding, Location, make
from ...text.fold import label_key, nfkc
from ..doc import Limits, Origin, TableBlock, too_complex
from ..labels import MARKERS_2019, MARKERS_2021, Kind, Label
from ..normalize import read_amount, read_count
from ..result import SourceEntry, Template
from .grid import Slot, blank_text, is_blank_slot, lay_out
from .narrative import SECTION_BY_ID
from .rows import Row, RowKind, classify, label_text_only, labels_at, positions

__all__ = ["TableReader", "table_findings"]


# Row kinds as module constants (see the note in .rows: Enum attribute access is slow in the row loops).
_DATA: Final = RowKind.DATA
_HEADER: Final = RowKind.HEADER
_GROUP: Final = RowKind.GROUP
_BLANK: Final = RowKind.BLANK
_OTHER: Final = RowKind.OTHER

#: A CJK character that is not part of a Chinese numeral: the cell is a label, not a (badly written) value.
_LABEL_LIKE_RE: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff](?<![零〇一二三四五六七八九十百千万亿两])")


class _Col(NamedTuple):
    """A column as the reader needs it: id, official label, unit, table-四 block, and the cell's address."""

    id: str
    label: str
    unit: str
    block: str | None
    address: tuple[str, str, str]


def _build_targets() -> dict[tuple[str, str], tuple[str, str, tuple[_Col, ...]]]:
    out: dict[tuple[str, str], tuple[str, str, tuple[_Col, ...]]] = {}
    for t in form.TABLES:
        for b in t.blocks:
            for r in b.rows:
                key = (t.id, b.id if t.id == "四" else r.id)
                out[key] = (
                    b.id,
                    r.label,
                    tuple(_Col(c.id, c.label, r.unit, None, (t.id, r.label, c.label)) for c in b.columns),
                )
    return out


#: (table, row id — or block id for table 四) -> (block id, row label, columns).
_TARGETS: Final = _build_targets()


_T4_ALL: Final = [
    _Col(c.id, c.label, "count", b.id, ("四", b.rows[0].label, c.label))
    for b in form.REVIEW_LITIGATION.blocks
    for c in b.columns
]


def _quote(cells: Iterable[Slot]) -> str:
    text = " | ".join(g.cell.text.strip() for g in cells if not g.copy and not blank_text(g.cell.text))
    return text if len(text) <= 80 else text[:79] + "…"


#: Findings the table reader reports at most this many times each (junk input would repeat them endlessly).
_MAX_REPEATED: Final = 20
_REPEATABLE: Final = frozenset(
    {
        "parse.unknown-row",
        "parse.extra-cells",
        "parse.label-variant",
        "parse.duplicate-row",
        "parse.missing-cell",
    }
)


class _Capped(list[Finding]):
    """A findings list that keeps at most :data:`_MAX_REPEATED` of each repeatable code, and says so once."""

    def __init__(self, target: list[Finding]) -> None:
        super().__init__()
        self.target = target
        self.counts: dict[str, int] = {}
        self.capped = False

    def append(self, finding: Finding) -> None:
        if finding.code in _REPEATABLE:
            n = self.counts.get(finding.code, 0) + 1
            self.counts[finding.code] = n
            if n > _MAX_REPEATED:
                if not self.capped:
                    self.capped = True
                    self.target.append(
                        too_complex("同类提示数", "The number of findings of one kind", _MAX_REPEATED)
                    )
                return
        self.target.append(finding)


class TableReader:
    """Reads every table block, in order, into cell values, source entries and findings.

    Pass 1 (:meth:`add`) lays out and classifies each table's rows; :meth:`decide_template` then settles the
    format; pass 2 (:meth:`read`, :meth:`finish`) reads the values.
    """

    def __init__(self, limits: Limits, findings: list[Finding]) -> None:
        self.limits = limits
        self.findings: list[Finding] = _Capped(findings)
        self.values: dict[tuple[str, str, str], CellValue] = {}
        self.entries: dict[form.CellAddress, SourceEntry] = {}
        #: (table, row id) -> the raw texts read, to detect duplicates.
        self.rows_read: dict[tuple[str, str], tuple[str, ...]] = {}
        self.tables_seen: set[str] = set()
        self.markers_2019: set[str] = set()
        self.markers_2021: set[str] = set()
        self.group6_single = False
        self.template: Template | None = None
        self.tables: list[list[Row]] = []
        self._t4_pending: list[Row] | None = None
        self._t4_blank: Row | None = None
        self._t4_done = False
        self._last_map: dict[str, tuple[int, list[int] | None]] = {}
        self._maps: dict[tuple[int, int, str], tuple[int, list[int] | None]] = {}
        self._at: dict[tuple[int, int], list[list[Label]]] = {}

    # -- pass 1: lay out and classify -----------------------------------------------------------------
    def add(self, table: TableBlock) -> int:
        """Lay out and classify ``table``; its index for :meth:`read`."""
        index = len(self.tables)
        if index >= self.limits.max_tables:
            if index == self.limits.max_tables:
                self.findings.append(too_complex("表格数", "The number of tables", self.limits.max_tables))
                self.tables.append([])
            return index
        rows = [classify(r) for r in lay_out(table, self.limits, self.findings)]
        for row in rows:
            for _, labs in row.labels or ():
                for lab in labs:
                    key = label_key(lab.label)
                    if lab.kind is Kind.MARKER_2019 or key in MARKERS_2019:
                        self.markers_2019.add(lab.label)
                    elif key in MARKERS_2021 and not lab.variant:
                        self.markers_2021.add(lab.label)
            if row.kind is _DATA and row.target and row.target[1].startswith("other_"):
                self.markers_2021.add("（六）其他处理 1–3")
        self.tables.append(rows)
        return index

    def decide_template(self, paragraph_markers: set[str]) -> Template | None:
        has_sub6 = any(
            r.kind is _DATA and r.target is not None and r.target[1].startswith("other_")
            for rows in self.tables
            for r in rows
        )
        single6 = any(
            r.kind is _GROUP and r.target == ("三", "（六）其他处理") for rows in self.tables for r in rows
        )
        if single6 and not has_sub6:
            self.group6_single = True
            self.markers_2019.add("（六）其他处理")
        self.markers_2019 |= paragraph_markers
        # A 2021 marker (the 2021 columns of table 二, the three （六） rows) settles it (format.md §7.4):
        # a 2019 label beside it is an old wording in a 2021 report (规范性文件 for 行政规范性文件).
        if self.markers_2021:
            self.template = "2021"
        elif self.markers_2019:
            self.template = "2019"
        return self.template

    # -- pass 2: read values ---------------------------------------------------------------------------
    def read(self, index: int, boundary_before: bool) -> None:
        """Read the values of table ``index``; ``boundary_before``: a paragraph separates it from the last."""
        if index >= len(self.tables):
            return
        if boundary_before:
            self._close_t4()
        run: list[Row] = []
        run_id = 0
        prev_header = False
        for row in self.tables[index]:
            kind = row.kind
            if kind is _HEADER:
                if not prev_header:
                    run = []
                    run_id += 1
                run.append(row)
                prev_header = True
                self._header(row, run)
                continue
            if kind is _BLANK:
                if self._t4_pending is not None and self._t4_blank is None:
                    self._t4_blank = row
                continue
            prev_header = False
            if kind is _OTHER:
                if self._t4_pending is not None:
                    if label_text_only(row.grid):
                        continue  # a header broken by PDF extraction: 结 | 结 | 其 | 尚 | 总 | …
                    self._read_t4_row(row, self._t4_pending)
                    continue
                self.findings.append(make("parse.unknown-row", quote=_quote(row.grid)))
                continue
            self._close_t4()
            if row.fuzzy is not None:
                self.findings.append(make("parse.label-variant", quote=row.fuzzy[0], label=row.fuzzy[1]))
            if kind is _GROUP:
                if row.target == ("三", "（六）其他处理") and self.group6_single:
                    continue
                if any(not is_blank_slot(g) for g in row.grid[row.start :] if not g.copy):
                    self.findings.append(make("parse.unknown-row", quote=_quote(row.grid)))
                continue
            self._read_data(row, index, run_id, run)

    def finish(self) -> None:
        self._close_t4()

    def _header(self, row: Row, run: list[Row]) -> None:
        """Note which table a header row belongs to; table 四's header opens its 1×15 data row."""
        # Only labels that belong to one table tell which table a header row is (总计 and 其他 do not).
        tables = {
            labs[0].table
            for _, labs in row.labels or ()
            if len({lab.table for lab in labs}) == 1 and labs[0].table
        }
        if "四" in tables and not self._t4_done:
            self._close_t4()
            self._t4_pending = list(run)
            self._t4_blank = None
        elif tables and "四" not in tables:
            self._close_t4()
        if tables:
            self.tables_seen.update(t for t in tables if t)

    def _read_data(self, row: Row, index: int, run_id: int, run: list[Row]) -> None:
        """Read a data or case row, by the column positions of the header run above it when they fit."""
        assert row.target is not None
        table, target = row.target
        self.tables_seen.add(table)
        if table == "二" and self.template == "2019":
            return
        if table == "三" and self.template == "2019" and target.startswith("other_"):
            return
        block_id, row_label, cols = _TARGETS[(table, target)]
        t2block = block_id if table == "二" else None
        key = f"{table}:{t2block or ''}"
        if run:
            cached = self._maps.get((index, run_id, key))
            if cached is None:
                if (index, run_id) not in self._at:
                    self._at[(index, run_id)] = labels_at(run)
                at_run = self._at[(index, run_id)]
                width = max((len(r.grid) for r in run), default=0)
                cached = (width, positions(at_run, table, [(c.id, None) for c in cols], t2block))
                self._maps[(index, run_id, key)] = cached
            self._last_map[key] = cached
        width_positions = self._last_map.get(key)
        at = None
        if width_positions is not None and width_positions[0] == len(row.grid):
            at = width_positions[1]
        picked, extra = self._cells(row, row.start, cols, at)
        self._store(table, target, row_label, cols, picked, extra, row)

    def _close_t4(self) -> None:
        if self._t4_pending is not None and self._t4_blank is not None:
            self._read_t4_row(self._t4_blank, self._t4_pending)
        self._t4_pending = None
        self._t4_blank = None

    def _read_t4_row(self, row: Row, run: list[Row]) -> None:
        self._t4_pending = None
        self._t4_blank = None
        self._t4_done = True
        self.tables_seen.add("四")
        at = positions(labels_at(run), "四", [(c.id, c.block) for c in _T4_ALL], None)
        picked, extra = self._cells(row, 0, _T4_ALL, at)
        last = form.REVIEW_LITIGATION.blocks[-1]
        k = 0
        for b in form.REVIEW_LITIGATION.blocks:
            n = len(b.columns)
            self._store(
                "四",
                b.id,
                b.rows[0].label,
                _T4_ALL[k : k + n],
                picked[k : k + n],
                extra if b is last else [],
                row,
            )
            k += n

    def _cells(
        self, row: Row, start: int, cols: Sequence[_Col], at: list[int] | None
    ) -> tuple[list[Slot | None], list[Slot]]:
        """The cells of ``cols`` in ``row`` (``None`` where missing), and the extra non-blank cells."""
        grid = row.grid
        extra: list[Slot] = []
        if at is not None and all(start <= p < len(grid) for p in at):
            used = set(at)
            extra = [
                g
                for j, g in enumerate(grid)
                if j >= start and j not in used and not g.copy and not is_blank_slot(g)
            ]
            return [grid[p] for p in at], extra
        data = [g for g in grid[start:] if not g.copy]
        n = len(cols)
        while len(data) > n and _LABEL_LIKE_RE.search(data[0].cell.text):
            # An unrecognised label cell (an annotation, a provincial extra label) before the values.
            extra.append(data.pop(0))
        while len(data) > n and is_blank_slot(data[-1]):
            data.pop()
        while len(data) > n and is_blank_slot(data[0]):
            data.pop(0)
        if len(data) > n:
            extra.extend(data[n:])
            data = data[:n]
        picked: list[Slot | None] = [*data, *([None] * (n - len(data)))]
        return picked, extra

    def _store(
        self,
        table: str,
        target: str,
        row_label: str,
        cols: Sequence[_Col],
        picked: Sequence[Slot | None],
        extra: Sequence[Slot],
        row: Row,
    ) -> None:
        raw = tuple([g.cell.text if g is not None else "" for g in picked])
        seen = self.rows_read.get((table, target))
        if seen is not None:
            if tuple(nfkc(v).strip() for v in seen) != tuple(nfkc(v).strip() for v in raw):
                self.findings.append(
                    make(
                        "parse.duplicate-row",
                        location=Location(table=table, row=target, row_label=row_label),
                        table=table,
                        row_label=row_label,
                        quote=_quote(row.grid),
                    )
                )
            return
        self.rows_read[(table, target)] = raw
        missing: list[_Col] = []
        entries = self.entries
        values = self.values
        for col, g in zip(cols, picked, strict=True):
            if g is None:
                missing.append(col)
                continue
            text = g.cell.text
            address = col.address
            entries[address] = SourceEntry(text, g.cell.origin)
            value: CellValue
            if col.unit == "amount":
                value, problem = read_amount(text)
            else:
                value, problem = read_count(text)
            if problem is not None:
                amount = col.unit == "amount"
                self.findings.append(
                    make(
                        "parse.bad-number",
                        location=_cell_location(table, target, row_label, col, g.cell.origin),
                        cells=(address,),
                        quote=text.strip(),
                        expected="以万元为单位的金额" if amount else "整数",
                        expected_en="an amount in 万元" if amount else "a whole number",
                        problem=problem,
                    )
                )
                value = None
            values[(table, target, col.id)] = value
        if missing:
            self.findings.append(
                make(
                    "parse.missing-cell",
                    location=Location(table=table, row=target, row_label=row_label),
                    cells=tuple((table, row_label, c.label) for c in missing),
                    table=table,
                    row_label=row_label,
                    columns=[c.label for c in missing],
                )
            )
        if extra:
            self.findings.append(
                make(
                    "parse.extra-cells",
                    location=Location(table=table, row=target, row_label=row_label),
                    table=table,
                    row_label=row_label,
                    quote=_quote(extra),
                )
            )


def _cell_location(table: str, row: str, row_label: str, col: _Col, origin: Origin) -> Location:
    path = ref(table, row, col.id).json_path
    return Location(
        table=table,
        row=row,
        row_label=row_label,
        column=col.id,
        column_label=col.label,
        path=path,
        line=origin.line,
        page=origin.page,
    )


# ---------------------------------------------------------------------------------------------------------
# After reading: the template, and what was not found


def table_findings(tables: TableReader, template: Template | None, findings: list[Finding]) -> None:
    """The template finding, and ``parse.missing-table`` / ``parse.missing-row`` for what was not read."""
    if template == "2019":
        findings.append(
            make(
                "parse.template-2019",
                markers=sorted(tables.markers_2019),
                skipped=["表二", "表三（六）其他处理"],
                skipped_en=", ".join(["table 二", "table 三 （六）其他处理"]),
            )
        )
    elif template is None and tables.rows_read:
        findings.append(make("parse.template-unknown"))
    for t in form.TABLES:
        if t.id == "二" and template == "2019":
            continue
        read = [r for (tid, r) in tables.rows_read if tid == t.id]
        if not read and t.id not in tables.tables_seen:
            findings.append(
                make(
                    "parse.missing-table",
                    location=Location(table=t.id, section=t.section),
                    table=t.id,
                    title=SECTION_BY_ID[t.section].heading.split("、", 1)[1],
                )
            )
        elif t.id == "四" and not read:
            # The header of the published 1×15 layout was found, but no data row under it.
            findings.append(
                make(
                    "parse.missing-row",
                    location=Location(table=t.id, row="data"),
                    cells=tuple(
                        (t.id, row.label, c.label) for b in t.blocks for row in b.rows for c in b.columns
                    ),
                    table=t.id,
                    row_label="、".join(b.caption for b in t.blocks),
                )
            )
        else:
            _missing_rows(t, tables, template, findings)


def _missing_rows(
    t: form.Table, tables: TableReader, template: Template | None, findings: list[Finding]
) -> None:
    for block in t.blocks:
        for row in block.rows:
            if t.id == "三" and template == "2019" and row.id.startswith("other_"):
                continue
            if (t.id, row.id) in tables.rows_read:
                continue
            findings.append(
                make(
                    "parse.missing-row",
                    location=Location(table=t.id, row=row.id, row_label=row.label),
                    cells=tuple((t.id, row.label, c.label) for c in block.columns),
                    table=t.id,
                    row_label=row.label,
                )
            )
