"""The document: pages into blocks, paragraphs and tables in reading order. Running headers, footers and
page numbers are dropped, tables continued on the next page (and rows broken by the page break) are joined,
lines become paragraphs, and the layout marks the title, the sign-off and headings.

The rules are in ``docs/pdf.md`` ("How a PDF becomes blocks"); the entry points are re-exported by
:mod:`gov_disclosure.parsers.pdf`.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from enum import Enum
from statistics import median

from ...findings import Finding, make
from ...model import AgencyKind
from ...text.fold import label_key
from ..doc import Block, Cell, Document, Limits, Origin, Paragraph, Role, TableBlock
from ..result import ParseResult
from .engines import MAX_BYTES, MAX_PAGES, Engine, ranges, reader
from .page import Item, Line, PageContent
from .ruling import JOIN, Region, Table, nearest

__all__ = ["extract_blocks", "parse_pdf", "read"]

#: Top and bottom bands of a page (fraction of its height) where running headers and footers live.
_BAND = 0.12
_DASHES = "-‐‑‒–—―－~～·•"
_PAGE_NUMBER = re.compile(
    rf"[{_DASHES}]*\d+[{_DASHES}]*"
    r"|第\d+页(?:[,、]?共\d+页)?|\d+/\d+|(?:page|p\.?)\d+(?:(?:of|/)\d+)?",
    re.IGNORECASE,
)
#: Most header rows looked for at the top of a table's continuation.
_MAX_HEADER_ROWS = 8
#: Longest line taken for a heading from its layout.
_MAX_HEADING = 60
_NUMERIC = re.compile(r"[\d\s.,，。%％\-—–/]*")
#: Findings after which nothing of the file was read.
_FATAL = frozenset({"parse.too-large", "parse.pdf-damaged", "parse.pdf-encrypted"})


class _Band(Enum):
    """Where a running header or footer stands on its page."""

    TOP = "top"
    BOTTOM = "bottom"


# ---------------------------------------------------------------------------------------------------------
# Entry points


def read(data: bytes | str, limits: Limits) -> Document:
    """The front-end interface every format shares: a PDF's blocks and findings as a
    :class:`~gov_disclosure.parsers.doc.Document` (``unreadable`` when no text at all could be read: a
    damaged, encrypted or too large file, or one without a text layer). Uses the default engine."""
    if isinstance(data, str):
        raise ValueError("a PDF must be given as bytes, not as str")
    return _extract(data, "", limits.max_pages, limits.max_bytes, Engine.AUTO)


def parse_pdf(
    data: bytes,
    *,
    password: str = "",
    engine: Engine | str = Engine.AUTO,
    max_pages: int = MAX_PAGES,
    max_bytes: int = MAX_BYTES,
    agency: str | None = None,
    year: int | None = None,
    kind: AgencyKind | str | None = None,
    region: str | None = None,
) -> ParseResult:
    """Read a report published as PDF (like ``parse(data, fmt="pdf")``, with the PDF options).

    Args:
        data: the PDF file's bytes.
        password: the password of an encrypted file.
        engine: see :func:`extract_blocks`.
        max_pages, max_bytes: reading bounds (later pages are skipped; a larger file is not read).
        agency, year, kind, region: metadata the caller knows (see :func:`gov_disclosure.parsers.parse`).

    Never raises on bad content: findings say what could not be read.
    """
    from ..assembly import assemble

    doc = _extract(bytes(data), password, max_pages, max_bytes, engine)
    if doc.unreadable:
        return ParseResult(report=None, findings=doc.findings)
    return assemble(
        doc.blocks,
        findings=doc.findings,
        title=doc.title,
        agency=agency,
        year=year,
        kind=kind,
        region=region,
        limits=Limits(max_pages=max_pages, max_bytes=max_bytes),
    )


def extract_blocks(
    data: bytes,
    *,
    password: str = "",
    max_pages: int = MAX_PAGES,
    max_bytes: int = MAX_BYTES,
    engine: Engine | str = Engine.AUTO,
) -> tuple[tuple[Block, ...], tuple[Finding, ...]]:
    """The paragraphs and tables of a PDF in reading order, and findings on what could not be read.

    Every :class:`~gov_disclosure.parsers.doc.Paragraph` and :class:`~gov_disclosure.parsers.doc.Cell`
    carries an :class:`~gov_disclosure.parsers.doc.Origin` with its 1-based page and its box
    ``(x0, top, x1, bottom)`` in points from the top-left corner of the page; cells also carry the table
    index and their row and column in the table as laid out.

    Args:
        data: the PDF file's bytes.
        password: the password of an encrypted file.
        max_pages: pages after this many are not read (``parse.too-complex``).
        max_bytes: a larger file is not read at all (``parse.too-large``).
        engine: ``"pdfium"`` (pypdfium2: fast; a page whose text pdfium cannot all measure is read again with
            pdfplumber), ``"pdfplumber"`` (pdfminer.six, pure Python) or ``"auto"`` (pdfium when installed,
            else pdfplumber). Both give the same blocks.

    Raises:
        ImportError: neither engine is installed (``pip install 'gov-disclosure[pdf]'``).
        ValueError: an unknown ``engine``.
    """
    doc = _extract(bytes(data), password, max_pages, max_bytes, engine)
    return doc.blocks, doc.findings


def _extract(data: bytes, password: str, max_pages: int, max_bytes: int, engine: Engine | str) -> Document:
    """Read the pages with ``engine`` and turn them into blocks; findings on what could not be read."""
    read_pages = reader(engine)
    findings: list[Finding] = []
    if len(data) > max_bytes:
        findings.append(make("parse.too-large", size=len(data), limit=max_bytes))
        return Document(blocks=(), findings=tuple(findings), unreadable=True)
    title: list[str] = []
    pages = read_pages(data, password, max(0, max_pages), findings, title)
    for p in pages:
        findings.extend(p.notes)
    empty = [p for p in pages if p.empty]
    if empty:
        if len(empty) == len(pages):
            shown = [p.number for p in empty]
        else:
            shown = [p.number for p in empty if p.has_images]
        if shown:
            findings.append(make("parse.no-text-layer", pages=ranges(shown), count=len(shown)))
    unmapped = [p for p in pages if p.unmapped]
    if unmapped:
        findings.append(
            make(
                "parse.pdf-unmapped",
                pages=ranges([p.number for p in unmapped]),
                count=sum(p.unmapped for p in unmapped),
            )
        )
    blocks = tuple(_document(pages))
    unreadable = not blocks and (
        not pages or len(empty) == len(pages) or any(f.code in _FATAL for f in findings)
    )
    return Document(
        blocks=blocks,
        findings=tuple(findings),
        title=title[0] if title else None,
        unreadable=unreadable,
    )


# ---------------------------------------------------------------------------------------------------------
# Running headers and footers, tables over several pages, paragraphs


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _running_lines(pages: Sequence[PageContent]) -> set[int]:
    """Ids of the lines that are running headers, footers or page numbers.

    A line is one when it sits in the top or bottom band of its page with nothing but other such lines
    between it and the page edge, and it is a page number, or it is set smaller than the body text, or the
    same text (up to its digits) stands at the same place on another page.
    """
    sizes: Counter[float] = Counter()
    for p in pages:
        for it in p.items:
            if isinstance(it, Line):
                sizes[round(it.size * 2) / 2] += len(it.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    candidates: list[tuple[_Band, str, Line, float]] = []
    for p in pages:
        n = len(p.items)
        k = 0
        while k < n:
            it = p.items[k]
            if not isinstance(it, Line) or it.bottom > _BAND * p.height:
                break
            candidates.append((_Band.TOP, _key(it.text), it, it.top))
            k += 1
        m = n - 1
        while m >= k:
            it = p.items[m]
            if not isinstance(it, Line) or it.top < (1 - _BAND) * p.height:
                break
            candidates.append((_Band.BOTTOM, _key(it.text), it, p.height - it.bottom))
            m -= 1
    out: set[int] = set()
    groups: dict[tuple[_Band, str, int], list[tuple[Line, float]]] = {}
    for band, key, line, pos in candidates:
        if _PAGE_NUMBER.fullmatch(key) or line.size < 0.85 * body:
            out.add(id(line))
            continue
        masked = re.sub(r"\d+", "#", key)
        groups.setdefault((band, masked, round(line.size)), []).append((line, pos))
    for members in groups.values():
        for line, pos in members:
            if any(
                other.page != line.page and abs(opos - pos) <= max(2.0, 0.5 * line.size)
                for other, opos in members
            ):
                out.add(id(line))
    return out


def _union_xs(a: Sequence[float], b: Sequence[float]) -> list[float] | None:
    """Column edges of two table parts that continue each other, or None when they do not fit."""
    if abs(a[0] - b[0]) > JOIN or abs(a[-1] - b[-1]) > JOIN:
        return None

    def within(p: Sequence[float], q: Sequence[float]) -> bool:
        return all(abs(q[nearest(q, x)] - x) <= JOIN for x in p)

    if not (within(b, a) or within(a, b)):
        return None
    out = list(a)
    for x in b:
        if abs(out[nearest(out, x)] - x) > JOIN:
            bisect.insort(out, x)
    return out


def _label(text: str) -> bool:
    """True for the text of a label cell: not blank and not a number (or a dash standing for none)."""
    key = _key(text)
    return bool(key) and not _NUMERIC.fullmatch(key)


def _join_tables(a: Table, b: Table, xs: list[float]) -> None:
    """Append table part ``b`` (from the next page) to ``a``."""
    for r in (*a.regions, *b.regions):
        r.c0 = nearest(xs, r.bbox[0])
        r.c1 = nearest(xs, r.bbox[2])
    a.xs = xs
    rest = list(b.regions)
    n_b = b.n_rows
    header = 0
    # Header rows repeated at the top of the continuation.
    for k in range(min(a.n_rows, n_b - 1, _MAX_HEADER_ROWS), 0, -1):
        head_b = [r for r in rest if r.r0 < k]
        head_a = [r for r in a.regions if r.r0 < k]
        if any(r.r1 > k for r in head_a + head_b) or not any(_key(r.text) for r in head_b):
            continue
        sig_a = sorted((r.r0, r.r1, r.c0, r.c1, _key(r.text)) for r in head_a)
        sig_b = sorted((r.r0, r.r1, r.c0, r.c1, _key(r.text)) for r in head_b)
        if sig_a == sig_b:
            rest = [r for r in rest if r.r0 >= k]
            for r in rest:
                r.r0 -= k
                r.r1 -= k
            n_b -= k
            header = k
            break
    first_row = [r for r in rest if r.r0 == 0]
    # A row broken by the page break: its first part ends this part, the rest begins the next one.
    seam = _broken_row(a, first_row)
    if seam is not None:
        offset = a.n_rows - 1
        for upper, lower in seam:
            _continue_cell(upper, lower, offset)
        rest = [r for r in rest if r.r0 > 0]
        a.n_rows -= 1  # the rows below count on from the broken row
    # Row labels merged over several rows and cut by the page break: their continuation at the top of the
    # next part is blank (or repeats the label, or goes on with its text), and a label follows it in the
    # same row. (A blank data cell under a column header is not a continuation: no label follows it.)
    if seam is None:
        ending = {(r.c0, r.c1): r for r in a.regions if r.r1 == a.n_rows and r.r0 >= header}
        kept: list[Region] = []
        for r in rest:
            above = ending.get((r.c0, r.c1)) if r.r0 == 0 else None
            if above is not None:
                label = _key(above.text)
                followed = any(_label(o.text) for o in first_row if o.c0 >= r.c1)
                if _label(label) and followed and (_key(r.text) in ("", label) or _text_continues(above, r)):
                    _continue_cell(above, r, a.n_rows)
                    continue
            kept.append(r)
        rest = kept
    for r in rest:
        r.r0 += a.n_rows
        r.r1 += a.n_rows
    a.regions.extend(rest)
    a.regions.sort(key=lambda r: (r.r0, r.c0))
    a.n_rows += n_b


def _continue_cell(above: Region, below: Region, offset: int) -> None:
    """Extend cell ``above`` over its continuation ``below`` (rows counted from ``offset``), its text too."""
    above.r1 = offset + below.r1
    text = _key(below.text)
    if text and text != _key(above.text):
        above.text += below.text
        above.full = below.full


def _text_continues(above: Region, below: Region) -> bool:
    """Whether the label text of ``below`` (at the top of a page) goes on with that of ``above``: together
    they make a form label, or neither is a form label on its own and ``above`` ends with a full line."""
    from ..labels import lookup

    if not (_label(above.text) and _label(below.text)):
        return False
    if lookup(above.text + below.text):
        return True
    return not lookup(above.text) and not lookup(below.text) and above.full


def _broken_row(a: Table, first_row: Sequence[Region]) -> list[tuple[Region, Region]] | None:
    """The cells of a row broken by the page break, as (part above, part below) pairs; None when the
    first row of the continuation is a row of its own.

    The last row of ``a`` and the first row of the next part are one row when their cells line up one for
    one (each cell of the first row continues a cell ending ``a``, a merged one included), no column has
    text on both sides but a label that goes on (:func:`_text_continues`) — values stand on one side only
    — and at least one label goes on, or the lower part is blank. A row beginning with a form label of its
    own, or a value on both sides, is a row of its own.
    """
    if not first_row or a.n_rows < 1:
        return None
    ending = {(r.c0, r.c1): r for r in a.regions if r.r1 == a.n_rows}
    if len(ending) != len(first_row) or any((r.c0, r.c1) not in ending for r in first_row):
        return None
    pairs = [(ending[(r.c0, r.c1)], r) for r in first_row]
    going_on = 0
    for above, below in pairs:
        x, y = _key(above.text), _key(below.text)
        if not y or y == x:
            continue
        if not x:
            if _label(y):
                return None  # a label that starts below the break: a row of its own
            continue  # a value set lower in its cell than the label: one side only
        if not _text_continues(above, below):
            return None
        going_on += 1
    if not going_on and any(_key(r.text) for r in first_row):
        return None
    return pairs


def _table_block(t: Table, index: int) -> TableBlock:
    rows_at = sorted({r.r0 for r in t.regions})
    cols_at = sorted({r.c0 for r in t.regions})
    rows: list[list[Cell]] = [[] for _ in rows_at]
    for r in sorted(t.regions, key=lambda r: (r.r0, r.c0)):
        i = bisect.bisect_left(rows_at, r.r0)
        j = bisect.bisect_left(cols_at, r.c0)
        rows[i].append(
            Cell(
                text=r.text,
                origin=Origin(page=r.page, table=index, row=i, col=j, bbox=_box(r.bbox)),
                rowspan=bisect.bisect_left(rows_at, r.r1) - i,
                colspan=bisect.bisect_left(cols_at, r.c1) - j,
            )
        )
    return TableBlock(
        rows=tuple(tuple(row) for row in rows),
        origin=Origin(page=t.page, table=index, bbox=_box(t.bbox)),
    )


def _box(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


class _Style:
    """The body text's size, margins and line pitch, measured over the whole document."""

    def __init__(self, lines: Sequence[Line]) -> None:
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
        self.body = sizes.most_common(1)[0][0] if sizes else 12.0
        body = [line for line in lines if self.is_body(line)] or list(lines)
        starts = Counter(round(line.x0 * 2) / 2 for line in body)
        repeated = [x for x, n in starts.items() if n >= 2]
        self.left = min(repeated) if repeated else min((line.x0 for line in body), default=0.0)
        # The right margin: where most lines end (justified text), not the farthest end when punctuation
        # hangs past the margin; the farthest end when no such place stands out near it.
        farthest = max((line.x1 for line in body), default=0.0)
        ends = Counter(round(line.x1) for line in body)
        common = max(ends.items(), key=lambda e: (e[1], e[0]), default=(0, 0))
        near = common[1] >= 3 and farthest - common[0] <= 2 * self.body
        self.right = float(common[0]) if near else farthest
        pitches = [
            b.top - a.top
            for a, b in itertools.pairwise(body)
            if a.page == b.page and b.top > a.top and abs(a.size - b.size) < 0.5
        ]
        self.pitch = median(pitches) if pitches else float("inf")
        from ..labels import HEADINGS

        #: Lines that are a section heading by themselves (a paragraph of their own, however set).
        self.headings = {id(line) for line in lines if label_key(line.text) in HEADINGS}

    def is_body(self, line: Line) -> bool:
        return abs(line.size - self.body) <= 0.1 * self.body

    def starts_paragraph(self, prev: Line, cur: Line) -> bool:
        """Whether ``cur`` begins a new paragraph after ``prev``."""
        if id(cur) in self.headings or id(prev) in self.headings:
            return True
        if abs(cur.size - prev.size) > 0.15 * max(cur.size, prev.size):
            return True
        if prev.page == cur.page:
            pitch = cur.top - prev.top
            if pitch <= 0 or pitch > 1.5 * self.pitch * cur.size / self.body:
                return True
        if cur.size > 1.15 * self.body:
            return False  # a title set over several lines, often centred
        em = cur.size
        if cur.x0 > self.left + 0.8 * em:
            return True
        return prev.x1 < self.right - prev.size - 0.5


def _document(pages: Sequence[PageContent]) -> list[Block]:
    running = _running_lines(pages)
    flat: list[Item] = []
    last_table: Table | None = None
    for p in pages:
        items = [
            it for it in p.items if not (isinstance(it, Line) and (id(it) in running or not it.text.strip()))
        ]
        if not items:
            last_table = None  # nothing on this page: a table does not continue over it
            continue
        if isinstance(items[0], Table) and last_table is not None:
            xs = _union_xs(last_table.xs, items[0].xs)
            if xs is not None:
                _join_tables(last_table, items[0], xs)
                items = items[1:]
        if items:
            last_table = items[-1] if isinstance(items[-1], Table) else None
        flat.extend(items)
    style = _Style([it for it in flat if isinstance(it, Line)])
    parts: list[list[Line] | Table] = []
    for it in flat:
        if isinstance(it, Table):
            parts.append(it)
        elif parts and isinstance(parts[-1], list) and not style.starts_paragraph(parts[-1][-1], it):
            parts[-1].append(it)
        else:
            parts.append([it])
    return _blocks(parts, style)


def _blocks(parts: Sequence[list[Line] | Table], style: _Style) -> list[Block]:
    """Paragraphs and tables, with the roles the layout shows (see :class:`_Roles`)."""
    roles = _Roles(parts, style)
    blocks: list[Block] = []
    n_tables = 0
    for k, part in enumerate(parts):
        if isinstance(part, Table):
            blocks.append(_table_block(part, n_tables))
            n_tables += 1
            continue
        text = "".join(line.text for line in part).strip()
        if not text:
            continue
        first = [line for line in part if line.page == part[0].page]
        box = (
            min(line.x0 for line in first),
            min(line.top for line in first),
            max(line.x1 for line in first),
            max(line.bottom for line in first),
        )
        level, role = roles.of(k, text)
        blocks.append(
            Paragraph(text=text, origin=Origin(page=part[0].page, bbox=_box(box)), level=level, role=role)
        )
    return blocks


class _Roles:
    """What the layout says a paragraph is, where it says so clearly.

    - The **title**: the first paragraph, set larger than the body text, before any table: level 1.
    - The **sign-off**: up to three single-line paragraphs at the very end that start right of the middle of
      the text block (the issuing office and the date, set to the right): role ``SIGNOFF``.
    - **Headings set flush left, running text indented**: when the document's own section headings (found by
      their labels) are all flush left while other paragraphs are indented, an indented paragraph is running
      text (role ``BODY``) — unless it is a single line that reads as a numbered sub-heading (``（一）主动
      公开``), left to the assembler — and a short flush-left single line not ending a sentence is a heading
      (level 2).
      Documents that indent their headings (the GB/T 9704 style) get no such marks; the assembler then tells
      headings by their text.
    """

    def __init__(self, parts: Sequence[list[Line] | Table], style: _Style) -> None:
        from ..labels import HEADINGS

        self.parts = parts
        self.style = style
        paras = [(k, p) for k, p in enumerate(parts) if isinstance(p, list)]
        self.title: int | None = None
        if paras and paras[0][0] == 0 and paras[0][1][0].size > 1.15 * style.body:
            self.title = 0
        self.signoff: set[int] = set()
        for k in range(len(parts) - 1, max(-1, len(parts) - 4), -1):
            part = parts[k]
            if not isinstance(part, list) or len(part) != 1 or k == self.title:
                break
            if part[0].x0 - style.left <= 0.5 * (style.right - style.left):
                break
            self.signoff.add(k)
        headings = [p for _, p in paras if label_key(_text(p)) in HEADINGS]
        self.flush = (
            len(headings) >= 2
            and not any(self.indented(p) for p in headings)
            and any(self.indented(p) for _, p in paras)
        )

    def indented(self, lines: list[Line]) -> bool:
        first = lines[0]
        return first.x0 > self.style.left + 0.8 * first.size

    def of(self, k: int, text: str) -> tuple[int | None, Role | None]:
        """``(level, role)`` of paragraph ``k``."""
        from ..assembly import reads_as_subheading, reads_as_table_caption

        if k == self.title:
            return 1, None
        if k in self.signoff:
            return None, Role.SIGNOFF
        part = self.parts[k]
        if not self.flush or not isinstance(part, list) or reads_as_table_caption(text):
            # A table caption or note on its own line (a caption row left alone at a page foot, （续表）) is
            # not marked: the assembler sets it aside as table furniture.
            return None, None
        if self.indented(part):
            # Indented like the text, but only a numbered sub-heading (（一）主动公开): the text decides.
            if len(part) == 1 and reads_as_subheading(text):
                return None, None
            return None, Role.BODY
        if len(part) == 1 and len(text) <= _MAX_HEADING and not text.endswith("。"):
            return 2, None
        return None, None


def _text(lines: list[Line]) -> str:
    return "".join(line.text for line in lines).strip()
