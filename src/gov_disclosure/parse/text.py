"""Plain-text front-end: published web copies (the seed's layout) and our own text rendering.

Lines are split on ``\\n`` only (a ``\\r`` before it is dropped), never on the other characters
:meth:`str.splitlines` treats as line breaks, which narrative text may contain.

* A line containing ``|`` (and not indented, see below) is a **table row**: its cells are the pieces between
  the ``|`` signs, stripped of spaces; a final ``|`` closes the row (``规章 | |||`` is ``规章`` and
  three empty
  cells). Consecutive rows form one table; an empty line or any other line ends it.
* Any other non-empty line is a **paragraph** (its text stripped of surrounding white space).

Two layouts are told apart by indentation:

* **Flat** (the seed and most web copies): no line starts with two ideographic spaces. Every line is a
  paragraph; the assembler decides from the text which lines are headings, sub-headings and sign-off.
* **Indented** (``render(report, "text")``, and copies that keep the 首行缩进): some lines start with
two U+3000.
  An indented line is running text (its text is the rest of the line, verbatim, and it may contain ``|``); an
  unindented first line is the title, other unindented lines are headings, and the unindented lines after the
  last empty line of the file (at most three) are the sign-off.
"""

from __future__ import annotations

from typing import Final

from ..findings import Finding, make
from .decode import read_lines
from .doc import Block, Cell, Document, Limits, Origin, Paragraph, TableBlock

__all__ = ["Bounds", "read", "row_cells", "split_row"]

_INDENT: Final = "\u3000\u3000"
_MAX_SIGNOFF_LINES: Final = 3


def split_row(line: str, max_cells: int = 500) -> list[str]:
    """The cells of a ``|`` table row: ``"a | b | |"`` → ``["a", "b", ""]`` (at most ``max_cells``)."""
    pieces = line.split("|", max_cells)
    if len(pieces) > max_cells or line.rstrip().endswith("|"):
        pieces.pop()
    return [p.strip() for p in pieces]


def read(data: bytes | str, limits: Limits) -> Document:
    """Read plain text into blocks (see the module docstring)."""
    lines, findings = read_lines(data, limits)
    indented = any(line.startswith(_INDENT) and line.strip() for line in lines)
    signoff_from = len(lines)
    if indented:
        last_content = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
        last_empty = max((i for i, line in enumerate(lines[:last_content]) if not line.strip()), default=-1)
        tail = [i for i in range(last_empty + 1, len(lines)) if lines[i].strip()]
        if (
            last_empty >= 0
            and 0 < len(tail) <= _MAX_SIGNOFF_LINES
            and all(not lines[i].startswith(_INDENT) and "|" not in lines[i] for i in tail)
        ):
            signoff_from = last_empty + 1

    blocks: list[Block] = []
    rows: list[tuple[Cell, ...]] = []
    first_row_line = 0
    n_tables = 0
    seen_content = False
    bounds = Bounds(limits)

    def flush() -> None:
        nonlocal rows, n_tables
        if rows:
            blocks.append(TableBlock(rows=tuple(rows), origin=Origin(line=first_row_line, table=n_tables)))
            n_tables += 1
            rows = []
            bounds.end_table()

    for i, line in enumerate(lines):
        number = i + 1
        if len(blocks) >= limits.max_blocks:
            break
        if indented and line.startswith(_INDENT) and line.strip():
            flush()
            seen_content = True
            blocks.append(Paragraph(text=line[len(_INDENT) :], origin=Origin(line=number), role="body"))
            continue
        if not line.strip():
            flush()
            continue
        if "|" in line and i < signoff_from:
            if not rows:
                first_row_line = number
            texts = [] if bounds.exhausted else split_row(line, limits.max_row_cells)
            if texts and bounds.take(len(texts)):
                rows.append(row_cells(texts, Origin(line=number, table=n_tables, row=len(rows))))
            seen_content = True
            continue
        flush()
        origin = Origin(line=number)
        if not indented:
            blocks.append(Paragraph(text=line.strip(), origin=origin))
        elif i >= signoff_from:
            blocks.append(Paragraph(text=line.strip(), origin=origin, role="signoff"))
        else:
            blocks.append(Paragraph(text=line.strip(), origin=origin, level=2 if seen_content else 1))
        seen_content = True
    flush()
    return Document(blocks=tuple(blocks), findings=(*findings, *bounds.findings), signoff_marked=indented)


def row_cells(texts: list[str], origin: Origin) -> tuple[Cell, ...]:
    """The cells of one row of a line-based table: they share the row's origin (line, table, row), and the
    empty cells of a row are one object (cells are immutable values)."""
    empty: Cell | None = None
    out: list[Cell] = []
    for t in texts:
        if t:
            out.append(Cell(text=t, origin=origin))
        else:
            if empty is None:
                empty = Cell(text="", origin=origin)
            out.append(empty)
    return tuple(out)


class Bounds:
    """Counts table cells against :class:`Limits` and reports, once each, the bounds met."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.table = 0
        self.total = 0
        self.findings: list[Finding] = []
        self._said: set[str] = set()

    def end_table(self) -> None:
        self.table = 0

    @property
    def exhausted(self) -> bool:
        """True once the document's cell budget is spent (later rows need not even be split)."""
        return self.total >= self.limits.max_total_cells

    def take(self, n: int) -> bool:
        """Account for a row of ``n`` cells; ``False`` when it must not be read."""
        if n >= self.limits.max_row_cells:
            self._say(
                "row", "表格一行的单元格数", "The number of cells in a table row", self.limits.max_row_cells
            )
        if self.table + n > self.limits.max_cells:
            self._say("table", "表格单元格数", "The number of cells of a table", self.limits.max_cells)
            return False
        if self.total + n > self.limits.max_total_cells:
            self._say(
                "total", "文档单元格总数", "The number of cells in the document", self.limits.max_total_cells
            )
            return False
        self.table += n
        self.total += n
        return True

    def _say(self, key: str, what: str, what_en: str, limit: int) -> None:
        if key not in self._said:
            self._said.add(key)
            self.findings.append(make("parse.too-complex", what=what, what_en=what_en, limit=limit))
