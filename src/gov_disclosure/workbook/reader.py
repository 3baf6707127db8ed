"""Workbook → report: :func:`read` and :func:`read_result` find each sheet (by name or hidden marker) and
each row (by its hidden key), verify the labels, read every field and the 正文 paragraphs, and report every
problem at once as ``xlsx.*`` findings. See ``docs/xlsx.md``.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from typing import IO, Any, Final

from .. import form
from ..cellview import cell_refs, from_cells
from ..findings import Location, Severity, make
from ..model import AgencyKind, Meta, Narrative, Report, Subsection, unchecked
from .cells import BAD_VALUE, EXPECTED, CellReader, CellView, Grid, norm, show
from .layout import (
    HEADING,
    MARKER,
    NARRATIVE_FIELDS,
    NARRATIVE_HEADER,
    PARAGRAPH,
    SHEET_NAMES,
    Field,
    Sheet,
    layout,
)
from .result import XlsxError, XlsxResult
from .storage import require_openpyxl, unescape

__all__ = ["Source", "read", "read_result"]

#: What :func:`read` accepts: a path, a binary file or the bytes of a workbook.
Source = str | os.PathLike[str] | IO[bytes] | bytes


def _table(sheet_id: str) -> str | None:
    return sheet_id if sheet_id in "二三四" else None


def _field_location(f: Field) -> tuple[Location, str]:
    """Where a field's findings point, and its key in the values read."""
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
        return location, ".".join(c.attr_path)
    location = Location(section="meta", row=f.meta, row_label=f.label, path=f"$.meta.{f.meta}")
    return location, f"meta.{f.meta}"


class _Reader(CellReader):
    """Reads one workbook, collecting every finding."""

    def __init__(self, grids: Sequence[Grid]) -> None:
        super().__init__()
        self.grids = {g.title: g for g in grids}

    def sheet(self, sheet_id: str, marker_column: int) -> Grid | None:
        """The sheet by its name, else by its hidden marker (a warning), else ``None`` (an error)."""
        name = SHEET_NAMES[sheet_id]
        if name in self.grids:
            return self.grids[name]
        marker = MARKER + sheet_id
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

    # -- fixed-layout sheets -------------------------------------------------------------------------------

    def layout_sheet(self, sheet: Sheet) -> dict[str, Any]:
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
                    Location(table=_table(sheet.id), section=sheet.id),
                    sheet=ws.title,
                    label=row.name,
                    row=row.index,
                    ref=f"A{row.index}",
                )
                continue
            for column, text in row.labels:
                self._label(ws, ws.cell(index, column), text, Location(table=_table(sheet.id)))
            for f in row.fields:
                cell = ws.cell(index, f.column)
                location, key = _field_location(f)
                value = self.value(ws, cell, f, location)
                if value is not BAD_VALUE:
                    out[key] = value
                if f.kind in ("text", "year") and f.meta in ("agency", "year") and value is None:
                    zh, en = EXPECTED[f.kind]
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

    def _label(self, ws: Grid, cell: CellView, text: str, location: Location) -> None:
        """Report a label cell that does not hold ``text`` (compared folded, without spaces)."""
        if norm(cell.value) != norm(text):
            self.add(
                "xlsx.label",
                location,
                sheet=ws.title,
                ref=cell.coordinate,
                expected=text,
                found="" if cell.value is None else str(cell.value),
            )

    # -- 正文 -----------------------------------------------------------------------------------------------

    def narrative(self) -> dict[str, Any]:
        """Read the 正文 sheet: {field: tuple of paragraphs | Narrative}."""
        ws = self.sheet("text", 5)
        if ws is None:
            return {}
        by_label = _part_labels()
        paragraphs: dict[str, list[str]] = {name: [] for name, _ in NARRATIVE_FIELDS}
        subsections: dict[str, list[tuple[str, list[str]]]] = {name: [] for name, _ in NARRATIVE_FIELDS}
        current: str | None = None
        header = [ws.cell(1, c) for c in (1, 2, 3)]
        if [norm(h.value) for h in header] != list(NARRATIVE_HEADER):
            for cell, want in zip(header, NARRATIVE_HEADER, strict=True):
                self._label(ws, cell, want, Location(section="text"))
        for r in range(2, ws.max_row + 1):
            a, b, c = ws.cell(r, 1), ws.cell(r, 2), ws.cell(r, 3)
            if a.value is None and b.value is None and c.value is None:
                continue
            current, ok = self._part(ws, a, r, by_label, current)
            kind = self._paragraph_kind(ws, b, r)
            text = self._content(ws, c, r)
            if not ok or current is None or kind is None or text is None:
                continue
            if kind == HEADING:
                if self._heading_ok(ws, b, c, r, current, text):
                    subsections[current].append((text, []))
            elif subsections[current]:
                subsections[current][-1][1].append(text)
            else:
                paragraphs[current].append(text)
        out: dict[str, Any] = {"preamble": tuple(paragraphs["preamble"])}
        for name, _ in NARRATIVE_FIELDS[1:]:
            out[name] = Narrative(
                paragraphs=tuple(paragraphs[name]),
                subsections=tuple(Subsection(heading=h, paragraphs=tuple(p)) for h, p in subsections[name]),
            )
        return out

    def _text_problem(self, code: str, ws: Grid, r: int, cell: CellView, label: str, **args: Any) -> None:
        self.add(
            code, Location(section="text", line=r), ref=cell.coordinate, label=label, **args, sheet=ws.title
        )

    def _part(
        self, ws: Grid, a: CellView, r: int, by_label: Mapping[str, str], current: str | None
    ) -> tuple[str | None, bool]:
        """The part a 正文 row belongs to (its 部分 cell, else the row above's) and whether it was read."""
        zh, en = EXPECTED["section"]
        if a.value is not None and norm(a.value):
            section = by_label.get(norm(a.value)) if isinstance(a.value, str) else None
            if section is None:
                self._text_problem(
                    "xlsx.bad-value", ws, r, a, "部分", found=show(a.value), expected=en, expected_zh=zh
                )
                return current, False
            return section, True
        if current is None:
            self._text_problem("xlsx.missing-value", ws, r, a, "部分", expected=en, expected_zh=zh)
            return current, False
        return current, True

    def _paragraph_kind(self, ws: Grid, b: CellView, r: int) -> str | None:
        """The 类型 of a 正文 row (``""`` when blank); ``None`` when reported."""
        kind = norm(b.value) if isinstance(b.value, str) else ("" if b.value is None else None)
        if kind in ("", PARAGRAPH, HEADING):
            return kind
        zh, en = EXPECTED["para-kind"]
        self._text_problem(
            "xlsx.bad-value", ws, r, b, "类型", found=show(b.value), expected=en, expected_zh=zh
        )
        return None

    def _content(self, ws: Grid, c: CellView, r: int) -> str | None:
        """The 内容 of a 正文 row; ``None`` when reported."""
        if c.data_type == "f":
            self._text_problem("xlsx.formula", ws, r, c, "内容", found=str(c.value))
            return None
        if c.value is None:
            return ""
        if isinstance(c.value, str):
            return unescape(c.value)
        if isinstance(c.value, int) and not isinstance(c.value, bool):
            return str(c.value)
        zh, en = EXPECTED["text"]
        self._text_problem(
            "xlsx.wrong-type", ws, r, c, "内容", found=show(c.value), expected=en, expected_zh=zh
        )
        return None

    def _heading_ok(self, ws: Grid, b: CellView, c: CellView, r: int, current: str, text: str) -> bool:
        """Whether a 小标题 row can open a sub-section (not empty, not in 前言); reported otherwise."""
        if current == "preamble":
            self._text_problem(
                "xlsx.bad-value",
                ws,
                r,
                b,
                "类型",
                found=show(b.value),
                expected="a paragraph (前言 has no sub-headings)",
                expected_zh="段落（前言没有小标题）",
            )
            return False
        if not text.strip():
            zh, en = EXPECTED["heading"]
            self._text_problem(
                "xlsx.bad-value", ws, r, c, "内容", found=show(text), expected=en, expected_zh=zh
            )
            return False
        return True


def _part_labels() -> dict[str, str]:
    """Narrative field by folded 部分 label: the template's labels, the field names, the heading variants."""
    by_label: dict[str, str] = {}
    for name, label in NARRATIVE_FIELDS:
        by_label[norm(label)] = name
        by_label[norm(name)] = name
    for s in form.SECTIONS:
        for v in s.variants:
            by_label.setdefault(norm(v), s.text_field)
    return by_label


#: The key of each table cell in the values read (its attribute path, ``applications.received.total``).
_CELL_KEYS: Final = tuple(".".join(c.attr_path) for c in cell_refs())


def _assemble(values: Mapping[str, Any], texts: Mapping[str, Any]) -> Report:
    def v(key: str) -> Any:
        return values.get(key)

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
        **from_cells([values.get(key) for key in _CELL_KEYS]),
        **{s.text_field: texts.get(s.text_field, Narrative()) for s in form.SECTIONS},
    )


def _load(source: Source) -> Any:
    openpyxl = require_openpyxl()
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    elif isinstance(source, os.PathLike):
        source = os.fspath(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(source, read_only=True, data_only=False)


def read_result(source: Source) -> XlsxResult:
    """Read a workbook written by :func:`~gov_disclosure.workbook.write` (and filled in by hand), without
    raising on bad content.

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
            grids = [Grid(ws) for ws in wb.worksheets]
        finally:
            wb.close()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        finding = make("xlsx.unreadable", error=f"{type(exc).__name__}: {exc}")
        return XlsxResult(report=None, findings=(finding,))
    expected = [SHEET_NAMES[s] for s in ("meta", "二", "三", "四", "text")]
    markers = {MARKER + s for s in ("meta", "二", "三", "四", "text")}
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
    for sheet in layout().values():
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
