"""Laying a table block out on its grid: a merged cell repeated at every position it covers.

Each position also carries the cell's label meanings, computed once per cell. See ``docs/parse.md``
("Tables, by label").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final, NamedTuple

from ...findings import Finding
from ...text.fold import label_key
from ..doc import Cell, Limits, TableBlock, too_complex
from ..labels import LABELS, Label

__all__ = ["CJK_RE", "YEAR_NOTE_RE", "Slot", "blank_text", "cell_labels", "is_blank_slot", "lay_out"]

CJK_RE: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: A year in parentheses inside a header label (``本年(2023)制发件数``).
YEAR_NOTE_RE: Final = re.compile(r"[（(]\s*(?:19|20)\d{2}\s*年?\s*[)）]")


class Slot(NamedTuple):
    """A grid position: the cell covering it, whether this is a copy (not the cell's top-left position),
    and the cell's label meanings (computed once per cell)."""

    cell: Cell
    copy: bool
    labels: tuple[Label, ...]


_EMPTY_CELL: Final = Cell(text="")
_HOLE: Final = Slot(_EMPTY_CELL, True, ())


@lru_cache(maxsize=8192)
def cell_labels(text: str) -> tuple[Label, ...]:
    """The meanings of a cell's text as a label (``()`` for numbers, blanks and other text)."""
    if not text or CJK_RE.search(text) is None:
        return ()
    found = LABELS.get(label_key(text), ())
    if not found and YEAR_NOTE_RE.search(text):
        # A header naming the year, ``本年(2023)制发件数``: the label of the 2021 form without it.
        found = LABELS.get(label_key(YEAR_NOTE_RE.sub("", text)), ())
    return found


def blank_text(text: str) -> bool:
    return not text.strip()


def is_blank_slot(g: Slot) -> bool:
    return blank_text(g.cell.text)


def lay_out(table: TableBlock, limits: Limits, notes: list[Finding]) -> list[list[Slot]]:
    """Lay the table's cells on a grid (HTML table model); spans clipped to ``limits.max_span``."""
    rows: Sequence[tuple[Cell, ...]] = table.rows
    if all(c.rowspan == 1 and c.colspan == 1 for row in rows for c in row):
        if sum(len(row) for row in rows) > limits.max_cells:
            notes.append(_too_many_cells(limits))
            rows = _clip_rows(rows, limits.max_cells)
        return [[Slot(c, False, cell_labels(c.text)) for c in row] for row in rows]
    grid: list[list[Slot | None]] = [[] for _ in rows]
    total = 0
    n_rows = len(rows)
    max_span = limits.max_span
    for r, row in enumerate(rows):
        c = 0
        line = grid[r]
        for cell in row:
            n = len(line)
            while c < n and line[c] is not None:
                c += 1
            labels = cell_labels(cell.text)
            rs, cs = cell.rowspan, cell.colspan
            if rs == 1 and cs == 1:
                total += 1
                if total > limits.max_cells:
                    notes.append(_too_many_cells(limits))
                    return _filled(grid)
                if c == n:
                    line.append(Slot(cell, False, labels))
                else:
                    line[c] = Slot(cell, False, labels)
                c += 1
                continue
            rs = max(1, min(rs, max_span, n_rows - r))
            cs = max(1, min(cs, max_span))
            total += rs * cs
            if total > limits.max_cells:
                notes.append(_too_many_cells(limits))
                return _filled(grid)
            for dr in range(rs):
                target = grid[r + dr]
                need = c + cs - len(target)
                if need > 0:
                    target.extend([None] * need)
                for dc in range(cs):
                    if target[c + dc] is None:
                        target[c + dc] = Slot(cell, dr != 0 or dc != 0, labels)
            c += cs
    return _filled(grid)


def _filled(grid: list[list[Slot | None]]) -> list[list[Slot]]:
    """The grid with its holes (positions no cell covers) as empty copies."""
    return [[g if g is not None else _HOLE for g in ln] for ln in grid]


def _too_many_cells(limits: Limits) -> Finding:
    return too_complex("表格单元格数", "The number of cells of a table", limits.max_cells)


def _clip_rows(rows: Sequence[tuple[Cell, ...]], limit: int) -> list[tuple[Cell, ...]]:
    out: list[tuple[Cell, ...]] = []
    left = limit
    for row in rows:
        if left <= 0:
            break
        out.append(row[:left])
        left -= len(row)
    return out
