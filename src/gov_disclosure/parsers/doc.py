"""The intermediate document every front-end (text, Markdown, HTML, DOCX, PDF) produces.

A front-end only turns its bytes into a sequence of :class:`Paragraph` and :class:`TableBlock` in reading
order, with the raw text of every cell and where it came from; the one assembler
(:mod:`gov_disclosure.parsers.assembly`) finds sections, tables, rows and columns by label, and builds the
report.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from attrs import field, frozen

from ..findings import Finding

__all__ = [
    "Block",
    "Cell",
    "Document",
    "Limits",
    "Origin",
    "Paragraph",
    "Role",
    "TableBlock",
    "table_limit_reached",
]


@frozen(kw_only=True)
class Origin:
    """Where a piece of text was found in the source (every field optional)."""

    #: 1-based line number (text, Markdown).
    line: int | None = None
    #: 1-based page number (PDF).
    page: int | None = None
    #: 0-based index of the table in the source, and of the row and column inside it (as laid out); for a
    #: paragraph of plain text, ``col`` is the character column its (stripped) text starts at, when not 0.
    table: int | None = None
    row: int | None = None
    col: int | None = None
    #: Box on the page (x0, top, x1, bottom) in PDF points.
    bbox: tuple[float, float, float, float] | None = None


class Role(StrEnum):
    """What the markup says a paragraph is, when it says so (:attr:`Paragraph.role`)."""

    #: Running text, never a heading (an indented line of plain text, a ``<p>`` of our HTML).
    BODY = "body"
    #: The issuer or date at the end: HTML ``gd-signoff``, Word "GD Issuer"/"GD Date", the lines after the
    #: empty line of our plain text, after ``---`` in Markdown.
    SIGNOFF = "signoff"


@frozen(kw_only=True)
class Paragraph:
    """A paragraph of running text (or a heading line), exactly as the source gives it."""

    text: str
    origin: Origin = field(factory=Origin)
    #: Heading level given by the markup: 1 for the title (``<h1>``, ``#``, Word "Title"), 2 for a section
    #: heading (``<h2>``, ``##``, Word "Heading 1"), 3 and more for sub-headings; ``None`` for body text and
    #: for sources without markup (flat plain text, PDF), where the assembler decides from the text alone.
    level: int | None = None
    #: What the markup says the paragraph is (:class:`Role`); ``None`` when the markup says nothing.
    role: Role | None = None


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


@frozen(kw_only=True)
class Limits:
    """Bounds on what a front-end reads, so that hostile or broken input cannot exhaust memory or time.

    A front-end that meets a bound stops reading there and reports ``parse.too-large`` or
    ``parse.too-complex``; it never raises.
    """

    #: Largest input, in bytes (for a .docx: the file itself).
    max_bytes: int = 20 * 1024 * 1024
    #: Largest total uncompressed size of the parts of a .docx (a zip).
    max_unpacked: int = 100 * 1024 * 1024
    #: Largest compression ratio of one zip entry (zip bombs compress far better).
    max_ratio: int = 200
    #: Most entries in a zip.
    max_entries: int = 2000
    #: Most tables read; later tables are ignored.
    max_tables: int = 200
    #: Most cells of one table (after merged cells are laid out on the grid); later rows are not read.
    max_cells: int = 5_000
    #: Most cells in the whole document; later tables are not read.
    max_total_cells: int = 50_000
    #: Most cells of one table row; the rest of the row is not read.
    max_row_cells: int = 500
    #: Most HTML or Word XML elements walked.
    max_elements: int = 200_000
    #: Largest ``rowspan`` / ``colspan`` honoured (larger spans are clipped).
    max_span: int = 100
    #: Most blocks (paragraphs and tables) read.
    max_blocks: int = 20_000
    #: Most lines of plain text or Markdown read.
    max_lines: int = 100_000
    #: Deepest element nesting walked in HTML and Word XML.
    max_depth: int = 200
    #: Most pages read (PDF).
    max_pages: int = 200


@frozen(kw_only=True)
class Document:
    """What a front-end hands to the assembler: blocks in reading order, plus what it already found.

    Every front-end module (``text``, ``markdown``, ``html``, ``docx``, ``pdf``) exposes
    ``read(data: bytes | str, limits: Limits) -> Document``.
    """

    blocks: tuple[Block, ...]
    #: Findings of the front-end itself (encoding, size, invalid container, …).
    findings: tuple[Finding, ...] = ()
    #: A title given outside the body (HTML ``<title>``, Word core properties), used only when the body
    #: has no title line.
    title: str | None = None
    #: Machine-readable metadata the source carries (HTML ``data-*`` attributes of our ``<article>``, the
    #: ``gov-disclosure:*`` custom properties of our Word files): keys ``agency``, ``year``, ``kind``,
    #: ``region``, ``title``,
    #: ``published``, ``issuer``, ``period_start``, ``period_end`` (ISO dates), values as strings or ``None``.
    #: When present it is authoritative for the fields it lists.
    meta: Mapping[str, str | None] | None = None
    #: True when the format marks the sign-off explicitly (our own renderings; Markdown with a thematic
    #: break): then only paragraphs of role ``SIGNOFF`` are the sign-off, none is guessed from the text.
    signoff_marked: bool = False
    #: True when the input could not be read at all (not a zip, too large…): the assembler adds nothing.
    unreadable: bool = False


def table_limit_reached(count: int, limits: Limits, findings: list[Finding]) -> bool:
    """True when ``count`` tables were already read and no more may be; the first time, a finding is added."""
    if count < limits.max_tables:
        return False
    if count == limits.max_tables:
        findings.append(too_complex("表格数", "The number of tables", limits.max_tables))
    return True


def too_complex(what: str, what_en: str, limit: int) -> Finding:
    """The ``parse.too-complex`` finding of a bound met: ``what`` (zh) / ``what_en`` exceeded ``limit``."""
    from ..findings import make

    return make("parse.too-complex", what=what, what_en=what_en, limit=limit)
