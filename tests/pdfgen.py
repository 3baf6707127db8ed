"""Make PDFs of annual reports in the official layout, for the PDF parser's tests and benchmark.

The layout is drawn with reportlab on A4 pages with the margins of GB/T 9704 official documents, using
reportlab's built-in CID font ``STSong-Light`` (no font file needed; pdfplumber reads its characters back
exactly). It has what published PDFs have: a title, paragraphs with a first-line indent of two characters and
lines broken anywhere (as Chinese typesetting does), headings, the issuing office and date right-aligned, the
three tables with ruling lines and merged cells (table 三's outer label columns one character wide, so that
their labels are set vertically, one character per line), tables split across pages with or without their
header rows repeated, a running page header and page numbers such as ``- 4 -``.

:func:`report_items` lays a report out (through the renderers' outline and table grids) as paragraphs and
tables to draw; :func:`blocks_of` gives the blocks a front-end should read back from them (see
:mod:`gov_disclosure.parsers.doc`); :func:`layout_pdf` draws them; :func:`pdf_of` does it all for a report.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from gov_disclosure.model import Report
from gov_disclosure.parsers.doc import Block, Cell, Paragraph, TableBlock
from gov_disclosure.renderers._common import Options, cell_text, outline
from gov_disclosure.renderers.layout import TableLayout

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

CM = 72 / 2.54

#: Characters the CID font draws and pdfplumber reads back as themselves (for text strategies).
CJK_SAMPLE = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则"
    "任取据处府乃东报告依照条例"
)
ASCII_SAMPLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
PUNCT_SAMPLE = "，。、；：（）“”《》〔〕—,.;:()%-+"


def text_alphabet() -> str:
    """Characters for generated narrative text: common CJK, ASCII letters and digits, punctuation, space."""
    return CJK_SAMPLE + ASCII_SAMPLE + PUNCT_SAMPLE + " "


# ---------------------------------------------------------------------------------------------------------
# What to draw


@dataclass(frozen=True)
class Para:
    """A paragraph to draw: ``align`` is ``"indent"`` (first line indented two characters), ``"center"``,
    ``"right"`` or ``"left"``; ``size`` None means the body size; ``space_before`` in lines."""

    text: str
    align: str = "indent"
    size: float | None = None
    space_before: float = 0.0
    #: Draw the text twice, offset by a fraction of a point (a fake bold, as some PDF producers do).
    doubled: bool = False


@dataclass(frozen=True)
class Grid:
    """A table to draw: cells as laid out (merged cells once, with spans), column widths in points, and the
    number of header rows to repeat on a new page."""

    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    header_rows: int = 0


Item = Para | Grid


@dataclass(frozen=True)
class Layout:
    """Page and type settings (points)."""

    page: tuple[float, float] = A4
    top: float = 3.7 * CM
    bottom: float = 3.5 * CM
    left: float = 2.8 * CM
    right: float = 2.6 * CM
    body_size: float = 14.0
    leading: float = 24.0
    title_size: float = 20.0
    table_size: float = 9.0
    table_leading: float = 11.0
    cell_pad: float = 3.0
    #: Running header on every page but the first (None: no header).
    header: str | None = None
    #: Page numbers "- N -" at the foot of every page.
    page_numbers: bool = True
    #: Repeat a table's header rows on the next page when the table is split.
    repeat_header: bool = True
    #: Draw cell borders as separate line segments (like most producers) instead of rectangles.
    border_lines: bool = True
    #: Forced breaks: table index (0-based, in drawing order) -> body row before which a new page starts.
    table_breaks: Mapping[int, int] = field(default_factory=dict)
    #: The document property /Title.
    info_title: str | None = None

    @property
    def width(self) -> float:
        """Width of the text block."""
        return self.page[0] - self.left - self.right


# ---------------------------------------------------------------------------------------------------------
# A report as blocks: the renderers' outline and official table grids, drawn like the text rendering


def table_rows(report: Report, layout: TableLayout) -> tuple[tuple[Cell, ...], ...]:
    """The cells of one official table grid (see :mod:`gov_disclosure.renderers.layout`) with their text."""
    options = Options()
    return tuple(
        tuple(
            Cell(
                text=cell_text(report, c.ref, options) if c.ref is not None else c.text,
                rowspan=c.rowspan,
                colspan=c.colspan,
            )
            for c in row
        )
        for row in layout.rows
    )


def table_grid(report: Report, layout: TableLayout, page: Layout = Layout()) -> Grid:
    """A table of ``report`` as a :class:`Grid`: the renderers' relative widths scaled to the text block,
    except that table 三's row-group label columns are one character wide (labels set vertically)."""
    widths = list(layout.widths)
    if layout.table.id == "三":
        narrow = (page.table_size + 2 * page.cell_pad + 1) * sum(widths) / page.width
        widths[: layout.label_columns - 1] = [narrow] * (layout.label_columns - 1)
    scale = page.width / sum(widths)
    return Grid(
        rows=table_rows(report, layout),
        widths=tuple(w * scale for w in widths),
        header_rows=layout.header_rows,
    )


def report_items(report: Report, layout: Layout = Layout(), *, headings_indented: bool = False) -> list[Item]:
    """What to draw for ``report``, in the order of the renderers' outline: the title (large, centred), the
    preamble, each section's heading, text and table, and the sign-off (right-aligned, after a gap).

    Running text is indented two characters; headings and sub-headings are flush left with a blank line
    before them, as in the plain-text rendering, unless ``headings_indented`` (the GB/T 9704 style, where they
    are indented like the text and set without extra space).
    """
    doc = outline(report, Options())
    heading = "indent" if headings_indented else "left"
    gap = 0.0 if headings_indented else 1.0
    items: list[Item] = []
    if doc.title is not None:
        items.append(Para(doc.title, align="center", size=layout.title_size))
    items.extend(Para(p) for p in doc.preamble)
    for part in doc.sections:
        items.append(Para(part.section.heading, align=heading, space_before=gap))
        items.extend(Para(p) for p in part.narrative.paragraphs)
        for sub in part.narrative.subsections:
            items.append(Para(sub.heading, align=heading, space_before=gap))
            items.extend(Para(p) for p in sub.paragraphs)
        if part.table is not None:
            items.append(table_grid(report, part.table, layout))
    first = True
    for line in (doc.issuer, doc.date_text):
        if line:
            items.append(Para(line, align="right", space_before=2.0 if first else 0.0))
            first = False
    return items


def blocks_of(items: Iterable[Item]) -> list[Block]:
    """The blocks a front-end should read back from the drawn ``items`` (origins left empty)."""
    out: list[Block] = []
    for item in items:
        if isinstance(item, Para):
            out.append(Paragraph(text=item.text))
        else:
            out.append(TableBlock(rows=item.rows))
    return out


# ---------------------------------------------------------------------------------------------------------
# Drawing


def _width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, size))


def wrap(text: str, width: float, size: float, first: float | None = None) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (``first`` for the first line), anywhere."""
    lines: list[str] = []
    line = ""
    used = 0.0
    limit = width if first is None else first
    for ch in text:
        w = _width(ch, size)
        if line and used + w > limit + 1e-6:
            lines.append(line)
            line, used, limit = "", 0.0, width
        line += ch
        used += w
    if line or not lines:
        lines.append(line)
    return lines


class _Pages:
    def __init__(self, layout: Layout, buf: io.BytesIO, encrypt: object = None) -> None:
        self.layout = layout
        self.c = canvas.Canvas(buf, pagesize=layout.page, encrypt=encrypt, invariant=1)
        if layout.info_title:
            self.c.setTitle(layout.info_title)
        self.number = 0
        self.y = 0.0
        self._start()

    @property
    def floor(self) -> float:
        return self.layout.bottom

    def _start(self) -> None:
        self.number += 1
        L = self.layout
        h = L.page[1]
        if L.header and self.number > 1:
            self.c.setFont(FONT, 9)
            self.c.drawCentredString(L.page[0] / 2, h - 1.5 * CM, L.header)
            self.c.setLineWidth(0.5)
            self.c.line(L.left, h - 1.5 * CM - 4, L.page[0] - L.right, h - 1.5 * CM - 4)
        if L.page_numbers:
            self.c.setFont(FONT, 10.5)
            self.c.drawCentredString(L.page[0] / 2, 1.5 * CM, f"- {self.number} -")
        self.y = h - L.top

    def new_page(self) -> None:
        self.c.showPage()
        self._start()

    def text(self, x: float, y: float, s: str, size: float, doubled: bool = False) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, y, s)
        if doubled:
            self.c.drawString(x + 0.25, y - 0.2, s)

    def paragraph(self, p: Para) -> None:
        L = self.layout
        size = p.size or L.body_size
        leading = L.leading * size / L.body_size
        self.y -= p.space_before * leading
        indent = 2 * size if p.align == "indent" else 0.0
        lines = wrap(p.text, L.width, size, first=L.width - indent)
        for i, line in enumerate(lines):
            if self.y - leading < self.floor:
                self.new_page()
            base = self.y - size
            w = _width(line, size)
            if p.align == "center":
                x = L.left + (L.width - w) / 2
            elif p.align == "right":
                x = L.left + L.width - w
            else:
                x = L.left + (indent if i == 0 else 0.0)
            self.text(x, base, line, size, p.doubled)
            self.y -= leading

    def grid(self, g: Grid, index: int) -> None:
        L = self.layout
        size, lead, pad = L.table_size, L.table_leading, L.cell_pad
        placed = _place(g.rows)
        n_rows = max((r + c.rowspan for r, _, c in placed), default=0)
        xs = [L.left]
        for w in g.widths:
            xs.append(xs[-1] + w)
        lines = {
            (r, k): wrap(c.text, xs[k + c.colspan] - xs[k] - 2 * pad, size) if c.text else []
            for r, k, c in placed
        }
        heights = [2 * pad + lead] * n_rows
        for r, k, c in placed:
            if c.rowspan == 1:
                heights[r] = max(heights[r], 2 * pad + len(lines[(r, k)]) * lead)
        for r, k, c in placed:
            if c.rowspan > 1:
                need = 2 * pad + len(lines[(r, k)]) * lead
                have = sum(heights[r : r + c.rowspan])
                if need > have:
                    heights[r + c.rowspan - 1] += need - have
        forced = L.table_breaks.get(index)
        self.y -= 6
        start = 0
        while start < n_rows:
            head = g.header_rows if (start > 0 and L.repeat_header) else 0
            room = self.y - self.floor - sum(heights[:head])
            end = start
            used = 0.0
            while end < n_rows and used + heights[end] <= room + 1e-6:
                if forced is not None and end == forced and end > start:
                    forced = None  # a forced break is made once (earlier if a merged cell needs it)
                    break
                used += heights[end]
                end += 1
            end = _keep(placed, lines, heights, start, end, pad, lead, n_rows)
            if end == start:
                if self.y < self.layout.page[1] - L.top - 1:
                    self.new_page()
                    continue
                end = start + 1
            rows = list(range(head)) + list(range(start, end))
            self._fragment(placed, lines, heights, xs, rows, size, lead, pad)
            start = end
            if start < n_rows:
                self.new_page()
        self.y -= 6

    def _fragment(
        self,
        placed: list[tuple[int, int, Cell]],
        lines: Mapping[tuple[int, int], list[str]],
        heights: Sequence[float],
        xs: Sequence[float],
        rows: Sequence[int],
        size: float,
        lead: float,
        pad: float,
    ) -> None:
        top_of: dict[int, float] = {}
        y = self.y
        for r in rows:
            top_of[r] = y
            y -= heights[r]
        shown = set(rows)
        c = self.c
        c.setLineWidth(0.6)
        for r, k, cell in placed:
            visible = [i for i in range(r, r + cell.rowspan) if i in shown]
            if not visible:
                continue
            top = top_of[visible[0]]
            bottom = top_of[visible[-1]] - heights[visible[-1]]
            x0, x1 = xs[k], xs[k + cell.colspan]
            if self.layout.border_lines:
                for a, b, cc, d in (
                    (x0, top, x1, top),
                    (x0, bottom, x1, bottom),
                    (x0, top, x0, bottom),
                    (x1, top, x1, bottom),
                ):
                    c.line(a, b, cc, d)
            else:
                c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
            if r in shown:
                text = lines[(r, k)]
                block = len(text) * lead
                yy = top - pad - max(0.0, ((top - bottom - 2 * pad) - block) / 2)
                for line in text:
                    w = _width(line, size)
                    self.text(x0 + (x1 - x0 - w) / 2, yy - size, line, size)
                    yy -= lead
        self.y = y


def _keep(
    placed: list[tuple[int, int, Cell]],
    lines: Mapping[tuple[int, int], list[str]],
    heights: Sequence[float],
    start: int,
    end: int,
    pad: float,
    lead: float,
    n_rows: int,
) -> int:
    """Move a page break up so that no merged cell cut by it loses text below the break."""
    while end < n_rows and end > start:
        bad = None
        for r, k, cell in placed:
            if r < end < r + cell.rowspan:
                room = sum(heights[max(r, start) : end]) - 2 * pad
                if len(lines[(r, k)]) * lead > room + 1e-6:
                    bad = r
                    break
        if bad is None:
            return end
        end = bad
    return end


def _place(rows: Sequence[Sequence[Cell]]) -> list[tuple[int, int, Cell]]:
    """Grid positions (row, column) of cells laid out HTML-style."""
    taken: set[tuple[int, int]] = set()
    out: list[tuple[int, int, Cell]] = []
    for r, row in enumerate(rows):
        k = 0
        for cell in row:
            while (r, k) in taken:
                k += 1
            out.append((r, k, cell))
            for i in range(r, r + cell.rowspan):
                for j in range(k, k + cell.colspan):
                    taken.add((i, j))
            k += cell.colspan
    return out


def layout_pdf(items: Sequence[Item], layout: Layout = Layout(), *, encrypt: object = None) -> bytes:
    """Draw ``items`` (paragraphs and tables) on A4 pages and return the PDF."""
    buf = io.BytesIO()
    pages = _Pages(layout, buf, encrypt)
    index = 0
    for item in items:
        if isinstance(item, Para):
            pages.paragraph(item)
        else:
            pages.grid(item, index)
            index += 1
    pages.c.showPage()
    pages.c.save()
    return buf.getvalue()


def pdf_of(report: Report, *, headings_indented: bool = False, **options: object) -> bytes:
    """The PDF of ``report`` in the official layout (``options`` set :class:`Layout` fields; the running
    header is the title unless given)."""
    options.setdefault("header", report.meta.display_title)
    layout = Layout(**options)  # type: ignore[arg-type]
    return layout_pdf(report_items(report, layout, headings_indented=headings_indented), layout)


def blank_pages_pdf(n: int) -> bytes:
    """A PDF of ``n`` empty pages."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(n):
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(pages: int = 2, text_pages: Sequence[int] = ()) -> bytes:
    """A PDF whose pages hold only an image (a scan), except pages in ``text_pages`` (1-based)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (60, 80), color=200)
    for x in range(10, 50):
        img.putpixel((x, 20), 0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        if number in text_pages:
            c.setFont(FONT, 14)
            c.drawString(80, 700, "一、总体情况")
        else:
            c.drawImage(ImageReader(img), 50, 50, width=495, height=740)
        c.showPage()
    c.save()
    return buf.getvalue()
