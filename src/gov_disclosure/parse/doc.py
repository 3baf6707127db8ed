"""The intermediate document every front-end (text, Markdown, HTML, DOCX, PDF) produces.

A front-end only turns its bytes into a sequence of :class:`Paragraph` and :class:`TableBlock` in reading
order, with the raw text of every cell and where it came from; the one assembler
(:mod:`gov_disclosure.parse.assemble`) finds sections, tables, rows and columns by label, and builds the report.
"""

from __future__ import annotations

from attrs import field, frozen

__all__ = ["Block", "Cell", "Origin", "Paragraph", "TableBlock"]


@frozen(kw_only=True)
class Origin:
    """Where a piece of text was found in the source (every field optional)."""

    #: 1-based line number (text, Markdown).
    line: int | None = None
    #: 1-based page number (PDF).
    page: int | None = None
    #: 0-based index of the table in the source, and of the row and column inside it (as laid out).
    table: int | None = None
    row: int | None = None
    col: int | None = None
    #: Box on the page (x0, top, x1, bottom) in PDF points.
    bbox: tuple[float, float, float, float] | None = None


@frozen(kw_only=True)
class Paragraph:
    """A paragraph of running text (or a heading line), exactly as the source gives it."""

    text: str
    origin: Origin = field(factory=Origin)


@frozen(kw_only=True)
class Cell:
    """A table cell as laid out in the source: a merged cell appears once, with its spans."""

    text: str
    origin: Origin = field(factory=Origin)
    rowspan: int = 1
    colspan: int = 1


@frozen(kw_only=True)
class TableBlock:
    """A table as laid out in the source: rows of cells (rows may have different lengths)."""

    rows: tuple[tuple[Cell, ...], ...]
    origin: Origin = field(factory=Origin)


Block = Paragraph | TableBlock
