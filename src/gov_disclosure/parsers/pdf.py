"""PDF front-end: character positions and ruling lines to paragraphs and tables, deterministically.

Reads a PDF's text layer (the ``pdf`` extra: ``pip install 'gov-disclosure[pdf]'``) with pypdfium2 or
pdfplumber and turns it into the blocks of :mod:`gov_disclosure.parsers.doc`, in reading order, which the shared
assembler reads by label like every other front-end (``docs/pdf.md`` gives every rule):

- **Tables** come from the ruling lines alone: horizontal and vertical strokes (lines, thin rectangles, the
  sides of rectangles, straight path segments) are snapped and joined, a grid is laid through them, and grid
  units not separated by a stroke are merged into one cell, which gives every merged cell its row and column
  spans; a table drawn without its outer left or right rule is closed at its horizontal rules' extent. A
  cell's text is its characters, line by line, joined without line breaks (a label set vertically,
  one character per line, reads as one label); an empty cell stays an empty string.
- **Tables continued on the next page** (the last thing on a page and the first thing on the next, with the
  same outer edges and compatible columns) are joined into one table; header rows repeated at the top of the
  continuation are dropped, a merged row label cut by the page break is joined with its continuation, and
  a row broken by the page break (its labels wrapped over it, its values on one side) is read as one row.
- **Running text**: characters outside tables are grouped into lines; running headers and footers (lines
  in the top or bottom band of a page that repeat across pages or are set small, and page numbers such as
  ``- 4 -``, ``第4页``, ``4/6``) are removed; lines are joined into paragraphs, a new paragraph starting at an
  indented line, after a line that ends short of the right margin, after a larger gap, where the type size
  changes, and at a section heading. Characters drawn twice at the same place (a fake bold) are read once.
  The title, the sign-off and (in documents that set headings flush left and text indented) headings and
  running text are marked as the layout shows them.

Nothing is guessed from the content: a PDF with no text layer (a scan) is reported, not read. Damaged or
encrypted files, too many pages or too many bytes give findings (``parse.pdf-*``, ``parse.no-text-layer``,
``parse.too-large``, ``parse.too-complex``), never an exception.
"""

from __future__ import annotations

import bisect
import ctypes
import io
import itertools
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from statistics import median
from typing import Any

from ..findings import Finding, Severity, define, make
from ..model import AgencyKind
from .doc import Block, Cell, Document, Limits, Origin, Paragraph, TableBlock, too_complex
from .result import ParseResult

__all__ = ["ENGINES", "MAX_BYTES", "MAX_PAGES", "available_engines", "extract_blocks", "parse_pdf", "read"]

#: Default bound on the pages read (later pages are skipped, with a finding).
MAX_PAGES = 200
#: Default bound on the size of the file (larger files are not read, with a finding).
MAX_BYTES = 50 * 1024 * 1024
#: Characters read on one page at most (a page with more is skipped, with a finding).
MAX_CHARS_PER_PAGE = 200_000
#: Ruling lines looked at on one page, and grid units of one table, at most (beyond: no table, a finding).
MAX_STROKES_PER_PAGE = 5_000
MAX_GRID_UNITS = 40_000

_BASIS = "issue #8 (PDF parser)"

define(
    "parse.no-text-layer",
    Severity.ERROR,
    title_zh="PDF 页面没有文字层",
    title_en="PDF pages without a text layer",
    template_zh="PDF 第{pages}页没有可读取的文字（扫描件、图片或空白页），其内容未能读取",
    template_en="PDF page(s) {pages} have no text layer (a scan, an image or a blank page); "
    "nothing was read there",
    basis=_BASIS,
)
define(
    "parse.pdf-damaged",
    Severity.ERROR,
    title_zh="PDF 文件损坏",
    title_en="Damaged PDF",
    template_zh="PDF 文件已损坏或不是 PDF，无法读取：{error}",
    template_en="The PDF file is damaged or not a PDF and cannot be read: {error}",
    basis=_BASIS,
)
define(
    "parse.pdf-repaired",
    Severity.WARNING,
    title_zh="PDF 文件损坏，已部分读取",
    title_en="Damaged PDF read in part",
    template_zh="PDF 文件已损坏（可能不完整：{error}），已尽量读取其中可读的页面，缺少的内容见其他提示",
    template_en="The PDF file is damaged (perhaps cut short: {error}); the pages that could be read were "
    "read, and other findings name what is missing",
    basis=_BASIS,
)
define(
    "parse.pdf-encrypted",
    Severity.ERROR,
    title_zh="PDF 文件已加密",
    title_en="Encrypted PDF",
    template_zh="PDF 文件已加密，需要密码才能读取（{error}）",
    template_en="The PDF file is encrypted and needs a password to be read ({error})",
    basis=_BASIS,
)
define(
    "parse.pdf-unmapped",
    Severity.WARNING,
    title_zh="PDF 字符无法识别",
    title_en="PDF characters without a Unicode value",
    template_zh="PDF 第{pages}页有 {count} 个字符的字体没有给出对应的文字（Unicode），已读作“\ufffd”",
    template_en="{count} character(s) on PDF page(s) {pages} have no Unicode value in their font; "
    "they were read as U+FFFD",
    basis=_BASIS,
)
define(
    "parse.pdf-page-unreadable",
    Severity.ERROR,
    title_zh="PDF 页面无法读取",
    title_en="Unreadable PDF page",
    template_zh="PDF 第{page}页无法读取：{error}",
    template_en="PDF page {page} could not be read: {error}",
    basis=_BASIS,
)

# ---------------------------------------------------------------------------------------------------------
# Geometry settings (points)

#: Strokes closer than this are the same ruling line.
_SNAP = 2.0
#: Collinear strokes with a gap smaller than this are joined.
_JOIN = 3.0
#: A stroke is thinner than this (a thin filled rectangle is a line).
_THIN = 2.0
#: Shortest stroke that counts as a ruling line.
_MIN_STROKE = 3.0
#: Characters at the same place within this distance are one character drawn twice.
_DEDUPE = 1.0
#: Top and bottom bands of a page (fraction of its height) where running headers and footers live.
_BAND = 0.12

_DASHES = "-‐‑‒–—―－~～·•"
_PAGE_NUMBER = re.compile(
    rf"[{_DASHES}]*\d+[{_DASHES}]*"
    r"|第\d+页(?:[,、]?共\d+页)?|\d+/\d+|(?:page|p\.?)\d+(?:(?:of|/)\d+)?",
    re.IGNORECASE,
)
#: A cell's last line fills the cell when it is at most this many characters (of its size) narrower than
#: the cell (the cell's inner margins, and a character moved to the next line by line-breaking rules).
_FULL_LINE = 2.5
#: Horizontal rules reaching at least this far beyond a table's outermost vertical rule close its side.
_OPEN_SIDE = 6.0
#: Most header rows looked for at the top of a table's continuation.
_MAX_HEADER_ROWS = 8
#: Longest line taken for a heading from its layout.
_MAX_HEADING = 60
_NUMERIC = re.compile(r"[\d\s.,，。%％\-—–/]*")

# A character: (x0, x1, top, bottom, size, text)
_Char = tuple[float, float, float, float, float, str]

#: A glyph whose font gives no Unicode value is read as U+FFFD (and counted: ``parse.pdf-unmapped``).
_UNMAPPED = 0xFFFD
#: How pdfminer writes such a glyph.
_CID = re.compile(r"\(cid:\d+\)")

#: Radical code points that some PDF producers write for the ideograph drawn by the same glyph (Kangxi
#: radicals, and the simplified forms in CJK Radicals Supplement that stand for whole characters), mapped to
#: the ideograph: ``⼈⺠`` is read ``人民``.
_RADICALS: Mapping[int, str] = {
    **{cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)},
    **{
        ord(radical): ideograph
        for radical, ideograph in zip(
            "⺟⺠⺩⻁⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
            "母民王虎西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
            strict=True,
        )
    },
}


class _Line:
    """A line of running text on a page."""

    __slots__ = ("bottom", "page", "size", "text", "top", "x0", "x1")

    def __init__(self, page: int, chars: list[_Char]) -> None:
        self.page = page
        self.text = _join_chars(chars)
        self.size = max(c[4] for c in chars)
        self.top = min(c[2] for c in chars)
        self.bottom = max(c[3] for c in chars)
        visible = [c for c in chars if not c[5].isspace()] or chars
        self.x0 = visible[0][0]
        self.x1 = chars[-1][1]


class _Region:
    """A cell of a table under construction: grid units [r0, r1) × [c0, c1), its box and text."""

    __slots__ = ("bbox", "c0", "c1", "full", "page", "r0", "r1", "text")

    def __init__(
        self, r0: int, r1: int, c0: int, c1: int, bbox: tuple[float, float, float, float], page: int
    ) -> None:
        self.r0, self.r1, self.c0, self.c1 = r0, r1, c0, c1
        self.bbox = bbox
        self.page = page
        self.text = ""
        #: Whether the last line of its text fills the cell's width (text that may go on in the next line).
        self.full = False


class _Table:
    """A table found on a page (or joined over several pages): its grid and its cells."""

    __slots__ = ("at", "bbox", "chars", "n_rows", "page", "regions", "xs", "ys")

    def __init__(
        self,
        page: int,
        xs: list[float],
        ys: list[float],
        regions: list[_Region],
    ) -> None:
        self.page = page
        self.xs = xs
        self.ys = ys
        self.n_rows = len(ys) - 1
        self.regions = regions
        self.bbox = (xs[0], ys[0], xs[-1], ys[-1])
        #: The cell over each grid unit, and the characters read in each cell (while reading the page).
        self.at: dict[tuple[int, int], int] = {}
        for k, r in enumerate(regions):
            for i in range(r.r0, r.r1):
                for j in range(r.c0, r.c1):
                    self.at[(i, j)] = k
        self.chars: dict[int, list[_Char]] = {}

    @property
    def top(self) -> float:
        """Top of the table on its (first) page."""
        return self.bbox[1]


_Item = _Line | _Table


# ---------------------------------------------------------------------------------------------------------
# Entry points

#: Reading engines: ``"pdfium"`` (pypdfium2, fast), ``"pdfplumber"`` (pdfminer.six, pure Python).
ENGINES = ("pdfium", "pdfplumber")


def available_engines() -> list[str]:
    """The engines of :data:`ENGINES` whose library is installed here, in order of preference."""
    out = []
    for name in ENGINES:
        try:
            _engine(name)
        except ImportError:
            continue
        out.append(name)
    return out


#: Findings after which nothing of the file was read.
_FATAL = frozenset({"parse.too-large", "parse.pdf-damaged", "parse.pdf-encrypted"})


def read(data: bytes | str, limits: Limits) -> Document:
    """The front-end interface every format shares: a PDF's blocks and findings as a
    :class:`~gov_disclosure.parsers.doc.Document` (``unreadable`` when no text at all could be read: a damaged,
    encrypted or too large file, or one without a text layer). Uses the default engine."""
    if isinstance(data, str):
        raise ValueError("a PDF must be given as bytes, not as str")
    return _extract(data, "", limits.max_pages, limits.max_bytes, "auto")


def parse_pdf(
    data: bytes,
    *,
    password: str = "",
    engine: str = "auto",
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
    from .assemble import assemble

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
    engine: str = "auto",
) -> tuple[tuple[Block, ...], tuple[Finding, ...]]:
    """The paragraphs and tables of a PDF in reading order, and findings on what could not be read.

    Every :class:`~gov_disclosure.parsers.doc.Paragraph` and :class:`~gov_disclosure.parsers.doc.Cell` carries an
    :class:`~gov_disclosure.parsers.doc.Origin` with its 1-based page and its box ``(x0, top, x1, bottom)`` in
    points from the top-left corner of the page; cells also carry the table index and their row and column
    in the table as laid out.

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


def _extract(data: bytes, password: str, max_pages: int, max_bytes: int, engine: str) -> Document:
    reader = _engine(engine)
    findings: list[Finding] = []
    if len(data) > max_bytes:
        findings.append(make("parse.too-large", size=len(data), limit=max_bytes))
        return Document(blocks=(), findings=tuple(findings), unreadable=True)
    title: list[str] = []
    pages = reader(data, password, max(0, max_pages), findings, title)
    for p in pages:
        findings.extend(p.notes)
    empty = [p for p in pages if p.empty]
    if empty:
        if len(empty) == len(pages):
            shown = [p.number for p in empty]
        else:
            shown = [p.number for p in empty if p.has_images]
        if shown:
            findings.append(make("parse.no-text-layer", pages=_ranges(shown), count=len(shown)))
    unmapped = [p for p in pages if p.unmapped]
    if unmapped:
        findings.append(
            make(
                "parse.pdf-unmapped",
                pages=_ranges([p.number for p in unmapped]),
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


_Reader = Callable[[bytes, str, int, list[Finding], list[str]], list["_PageContent"]]


def _engine(name: str) -> _Reader:
    if name not in ("auto", *ENGINES):
        raise ValueError(f"unknown PDF engine {name!r}; expected one of 'auto', 'pdfium', 'pdfplumber'")
    if name in ("auto", "pdfium"):
        try:
            import pypdfium2  # noqa: F401
        except ImportError:
            if name == "pdfium":
                raise ImportError(
                    "the pdfium engine needs pypdfium2: pip install 'gov-disclosure[pdf]'"
                ) from None
        else:
            return _read_pdfium
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        raise ImportError("reading PDF needs pdfplumber: pip install 'gov-disclosure[pdf]'") from None
    return _read_pdfplumber


def _describe(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = str(inner).strip()
    return f"{type(inner).__name__}: {text[:200]}" if text else type(inner).__name__


def _ranges(numbers: Sequence[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``"1–3、5"``."""
    out: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        out.append(str(numbers[i]) if i == j else f"{numbers[i]}–{numbers[j]}")
        i = j + 1
    return "、".join(out)


def _too_many(findings: list[Finding], total: int | str, limit: int) -> None:
    findings.append(too_complex(f"PDF 页数（{total}）", f"The number of PDF pages ({total})", limit))


_CATALOG = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\s*<<(?:(?!endobj).){0,400}?/Type\s*/Catalog\b", re.S)


def _with_trailer(data: bytes) -> bytes | None:
    """A damaged (typically truncated) file cut after its last complete object, with a trailer naming its
    document catalog appended, so that the reader rebuilds the cross-reference table by scanning the objects;
    ``None`` when no catalog is found."""
    if b"%PDF" not in data[:1024]:
        return None
    end = data.rfind(b"endobj")
    if end < 0:
        return None
    data = data[: end + len(b"endobj")]
    catalogs = list(_CATALOG.finditer(data))
    if not catalogs:
        return None
    root = catalogs[-1]
    return data + b"\ntrailer\n<< /Root %s %s R >>\n%%%%EOF\n" % (root.group(1), root.group(2))


class _TooManyChars(Exception):
    """A page holds more characters than :data:`MAX_CHARS_PER_PAGE`."""


def _too_many_chars(page: int) -> Finding:
    return too_complex(
        f"PDF 第{page}页的字符数", f"The number of characters on PDF page {page}", MAX_CHARS_PER_PAGE
    )


def _meta_title(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    text = value.replace("\x00", "").strip()
    return text if 0 < len(text) <= 200 else None


# ---------------------------------------------------------------------------------------------------------
# Engines: each turns a page into characters, straight strokes and whether it holds images

# A straight stroke or the box of a thin filled rectangle: (x0, top, x1, bottom).
_Seg = tuple[float, float, float, float]

#: Pages with more characters than this are not read again with pdfplumber when pdfium misses some text
#: (pdfminer's time grows with the page's content).
_MAX_REREAD_CHARS = 20_000
#: pdfium is not thread-safe: one document at a time.
_PDFIUM_LOCK = threading.Lock()


def _read_pdfium(
    data: bytes, password: str, max_pages: int, findings: list[Finding], title: list[str]
) -> list[_PageContent]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages: list[_PageContent] = []
    lossy: list[int] = []
    unreread: list[int] = []
    with _PDFIUM_LOCK:
        doc = None
        try:
            doc = pdfium.PdfDocument(data, password=password or None)
        except Exception as exc:
            if getattr(exc, "err_code", None) in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
                findings.append(make("parse.pdf-encrypted", error=_describe(exc)))
                return []
            fixed = _with_trailer(data)
            if fixed is not None:
                try:
                    doc = pdfium.PdfDocument(fixed, password=password or None)
                except Exception:
                    doc = None
                else:
                    data = fixed
                    findings.append(make("parse.pdf-repaired", error=_describe(exc)))
            if doc is None:
                findings.append(make("parse.pdf-damaged", error=_describe(exc)))
                return []
        try:
            try:
                found = _meta_title(doc.get_metadata_value("Title"))
            except Exception:
                found = None
            if found:
                title.append(found)
            total = len(doc)
            if total > max_pages:
                _too_many(findings, total, max_pages)
            for index in range(min(total, max_pages)):
                try:
                    walk = _PdfiumPage(doc, index, raw)
                except _TooManyChars:
                    findings.append(_too_many_chars(index + 1))
                    continue
                except Exception as exc:
                    findings.append(make("parse.pdf-page-unreadable", page=index + 1, error=_describe(exc)))
                    continue
                if walk.lossy and len(walk.chars) <= _MAX_REREAD_CHARS:
                    lossy.append(index + 1)
                elif walk.lossy:
                    unreread.append(index + 1)
                pages.append(_page(index + 1, walk.height, walk.chars, walk.segs, walk.images))
        finally:
            doc.close()
    redone: dict[int, _PageContent] = {}
    if lossy:
        # pdfium leaves out text objects it cannot measure (e.g. a single character in a CJK font that is
        # neither embedded nor installed): read those pages again with pdfminer, which reads every one.
        try:
            import pdfplumber  # noqa: F401
        except ImportError:
            pass
        else:
            again = _read_pdfplumber(data, password, max_pages, [], [], only=lossy)
            redone = {p.number: p for p in again}
            pages = [redone.get(p.number, p) for p in pages]
    missed = sorted(unreread + [n for n in lossy if n not in redone])
    if missed:
        findings.append(
            make(
                "parse.pdf-page-unreadable",
                page=_ranges(missed),
                error="pdfium could not measure some text, and it was not read again with pdfplumber",
            )
        )
    return pages


class _PdfiumPage:
    """Characters, straight strokes and images of one page, read with pdfium."""

    def __init__(self, doc: Any, index: int, raw: Any) -> None:
        self.raw = raw
        self.chars: list[_Char] = []
        self.segs: list[_Seg] = []
        self.images = False
        self.lossy = False
        page = doc[index]
        try:
            x0, _y0, _x1, self.top = page.get_mediabox()
            self.height = float(page.get_height())
            textpage = page.get_textpage()
            try:
                self.tp = textpage.raw
                self._chars(x0)
                self._objects(page.raw, None, (1.0, 0.0, 0.0, 1.0, -x0, 0.0), 0)
            finally:
                textpage.close()
        finally:
            page.close()

    def _chars(self, x0: float) -> None:
        raw, tp = self.raw, self.tp
        n = raw.FPDFText_CountChars(tp)
        if n > MAX_CHARS_PER_PAGE:
            raise _TooManyChars
        box = raw.FS_RECTF()
        matrix = raw.FS_MATRIX()
        y1 = self.top
        for i in range(max(n, 0)):
            code = raw.FPDFText_GetUnicode(tp, i)
            if code in (32, 10, 13) and raw.FPDFText_IsGenerated(tp, i) == 1:
                continue  # a space or line break pdfium made up; spaces are ours to infer
            if raw.FPDFText_HasUnicodeMapError(tp, i) == 1:
                code = _UNMAPPED
            elif code == 2 and raw.FPDFText_IsHyphen(tp, i) == 1:
                code = 0x2D  # pdfium writes a hyphen ending a line as U+0002: it was drawn as "-"
            elif code < 32 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or code in (0xFFFE, 0xFFFF):
                continue
            if not raw.FPDFText_GetLooseCharBox(tp, i, box):
                continue
            size = raw.FPDFText_GetFontSize(tp, i)
            if raw.FPDFText_GetMatrix(tp, i, matrix):
                size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            self.chars.append((box.left - x0, box.right - x0, y1 - box.top, y1 - box.bottom, size, chr(code)))

    def _objects(
        self, page: Any, form: Any, ctm: tuple[float, float, float, float, float, float], depth: int
    ) -> None:
        """Straight strokes, images and unread text objects of the page (or of a form XObject in it)."""
        raw = self.raw
        count = raw.FPDFFormObj_CountObjects(form) if form is not None else raw.FPDFPage_CountObjects(page)
        m = raw.FS_MATRIX()
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        x, y = ctypes.c_float(), ctypes.c_float()
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        y1 = self.top
        for i in range(max(count, 0)):
            obj = raw.FPDFFormObj_GetObject(form, i) if form is not None else raw.FPDFPage_GetObject(page, i)
            if not obj:
                continue
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                # A text object pdfium could not measure (no width) is left out of its text page. (One
                # with a width and no text there is a copy drawn over another, which pdfium drops too.)
                if (
                    not self.lossy
                    and raw.FPDFTextObj_GetText(obj, self.tp, None, 0) <= 2
                    and raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                    and right.value - left.value < 0.01
                ):
                    self.lossy = True
                continue
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.images = True
                continue
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM) or not raw.FPDFPageObj_GetMatrix(
                obj, m
            ):
                continue
            t = _compose((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                if depth < 8:
                    self._objects(page, obj, t, depth + 1)
                continue
            if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or not (fill.value or stroke.value):
                continue
            if (
                not stroke.value
                and raw.FPDFPageObj_GetFillColor(obj, r, g, b, a)
                and min(r.value, g.value, b.value) >= 250
            ):
                continue  # a white background, not a ruling line
            if (
                form is None
                and raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                and min(right.value - left.value, top.value - bottom.value) <= _THIN
            ):
                # A line, or a thin filled rectangle: its box is the stroke (page space, so no matrix).
                dx = ctm[4]
                self.segs.append((left.value + dx, y1 - top.value, right.value + dx, y1 - bottom.value))
                continue
            start = prev = None
            for k in range(raw.FPDFPath_CountSegments(obj)):
                seg = raw.FPDFPath_GetPathSegment(obj, k)
                if not seg or not raw.FPDFPathSegment_GetPoint(seg, x, y):
                    continue
                pt = (t[0] * x.value + t[2] * y.value + t[4], y1 - (t[1] * x.value + t[3] * y.value + t[5]))
                kind_s = raw.FPDFPathSegment_GetType(seg)
                if kind_s == raw.FPDF_SEGMENT_MOVETO:
                    start = prev = pt
                    continue
                if kind_s == raw.FPDF_SEGMENT_LINETO and prev is not None:
                    self.segs.append(_seg(prev, pt))
                prev = pt
                if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                    self.segs.append(_seg(pt, start))
                    prev = start


def _compose(
    m: tuple[float, float, float, float, float, float], n: tuple[float, float, float, float, float, float]
) -> tuple[float, float, float, float, float, float]:
    """The matrix applying ``m`` then ``n`` (PDF order ``m × n``)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _seg(p: tuple[float, float], q: tuple[float, float]) -> _Seg:
    return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))


def _read_pdfplumber(
    data: bytes,
    password: str,
    max_pages: int,
    findings: list[Finding],
    title: list[str],
    only: Sequence[int] = (),
) -> list[_PageContent]:
    import pdfplumber

    wanted = list(only) or list(range(1, max_pages + 2))
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password, pages=wanted)
        page_list = list(pdf.pages)
    except Exception as exc:  # anything pdfminer raises on a broken file
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        name = type(inner).__name__
        if "Password" in name or "Encrypt" in name:
            findings.append(make("parse.pdf-encrypted", error=_describe(exc)))
            return []
        fixed = _with_trailer(data)
        try:
            if fixed is None:
                raise exc
            pdf = pdfplumber.open(io.BytesIO(fixed), password=password, pages=wanted)
            page_list = list(pdf.pages)
        except Exception:
            findings.append(make("parse.pdf-damaged", error=_describe(exc)))
            return []
        findings.append(make("parse.pdf-repaired", error=_describe(exc)))
    pages: list[_PageContent] = []
    with pdf:
        found = _meta_title(pdf.metadata.get("Title"))
        if found:
            title.append(found)
        if not only and len(page_list) > max_pages:
            _too_many(findings, _plumber_count(pdf, max_pages), max_pages)
            page_list = page_list[:max_pages]
        for page in page_list:
            try:
                chars, segs, images = _plumber_page(page)
            except _TooManyChars:
                findings.append(_too_many_chars(page.page_number))
                continue
            except Exception as exc:
                findings.append(
                    make("parse.pdf-page-unreadable", page=page.page_number, error=_describe(exc))
                )
                continue
            finally:
                page.close()
            pages.append(_page(page.page_number, float(page.height), chars, segs, images))
    return pages


def _plumber_count(pdf: Any, limit: int) -> int | str:
    try:
        from pdfminer.pdftypes import resolve1

        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:
        return f"> {limit}"


def _white(color: Any) -> bool:
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color:
        return False
    if len(color) == 4:  # CMYK
        return all(isinstance(v, (int, float)) and v <= 0.02 for v in color)
    return all(isinstance(v, (int, float)) and v >= 0.98 for v in color)


def _plumber_page(page: Any) -> tuple[list[_Char], list[_Seg], bool]:
    objects: Mapping[str, list[dict[str, Any]]] = page.objects
    raw_chars = objects.get("char", [])
    if len(raw_chars) > MAX_CHARS_PER_PAGE:
        raise _TooManyChars
    chars: list[_Char] = [
        (
            float(c["x0"]),
            float(c["x1"]),
            float(c["top"]),
            float(c["bottom"]),
            float(c["size"]),
            chr(_UNMAPPED) if _CID.fullmatch(c["text"]) else c["text"],
        )
        for c in raw_chars
        if c["text"] and not any(ord(t) < 32 for t in c["text"])
    ]
    segs: list[_Seg] = []
    for obj in objects.get("line", ()):
        segs.append((float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])))
    for obj in objects.get("rect", ()):
        if not (obj.get("stroke") or obj.get("fill")):
            continue
        if not obj.get("stroke") and _white(obj.get("non_stroking_color")):
            continue
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        if x1 - x0 <= _THIN or bottom - top <= _THIN:
            segs.append((x0, top, x1, bottom))
        else:
            segs.extend(
                ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom))
            )
    for obj in objects.get("curve", ()):
        if not (obj.get("stroke") or obj.get("fill")):
            continue
        pts = obj.get("pts") or ()
        for p, q in itertools.pairwise(pts):
            segs.append(_seg((float(p[0]), float(p[1])), (float(q[0]), float(q[1]))))
    return chars, segs, bool(objects.get("image"))


# ---------------------------------------------------------------------------------------------------------
# One page


class _PageContent:
    """What was read on one page: its lines and tables in reading order."""

    __slots__ = ("empty", "has_images", "height", "items", "notes", "number", "unmapped")

    def __init__(self, number: int, height: float) -> None:
        self.number = number
        self.height = height
        self.items: list[_Item] = []
        self.empty = True
        self.has_images = False
        #: Characters read as U+FFFD because their font maps them to no Unicode value.
        self.unmapped = 0
        #: Findings about this page (bounds met).
        self.notes: list[Finding] = []


def _page(
    number: int,
    height: float,
    raw_chars: list[_Char],
    segs: list[_Seg],
    images: bool,
) -> _PageContent:
    content = _PageContent(number, height)
    content.has_images = images
    chars = _dedupe(
        [
            c if len(c[5]) != 1 or ord(c[5]) not in _RADICALS else (*c[:5], _RADICALS[ord(c[5])])
            for c in raw_chars
        ]
    )
    content.empty = not any(not c[5].isspace() for c in chars)
    if content.empty:
        return content
    content.unmapped = sum(1 for c in chars if c[5] == chr(_UNMAPPED))
    tables = _find_tables(segs, number, content.notes)
    free: list[_Char] = []
    for ch in chars:
        if not _put_in_table(ch, tables):
            free.append(ch)
    for table in tables:
        _finish_cells(table)
    items: list[_Item] = [_Line(number, line) for line in _group_lines(free)]
    items.extend(tables)
    items.sort(key=lambda it: it.top)
    content.items = items
    return content


#: Side of the square buckets characters are filed in while looking for ones drawn twice.
_BUCKET = 8.0


def _near(v: float) -> tuple[int, ...]:
    """The buckets within :data:`_DEDUPE` of coordinate ``v``."""
    k = int(v // _BUCKET)
    r = v - k * _BUCKET
    if r < _DEDUPE:
        return (k - 1, k)
    if _BUCKET - r <= _DEDUPE:
        return (k, k + 1)
    return (k,)


def _dedupe(chars: list[_Char]) -> list[_Char]:
    """Drop characters drawn again at (almost) the same place with the same text."""
    seen: dict[tuple[str, int, int], list[_Char]] = {}
    out: list[_Char] = []
    for ch in chars:
        text, x, y = ch[5], ch[0], ch[2]
        if not any(
            abs(o[0] - x) <= _DEDUPE and abs(o[2] - y) <= _DEDUPE
            for kx in _near(x)
            for ky in _near(y)
            for o in seen.get((text, kx, ky), ())
        ):
            seen.setdefault((text, int(x // _BUCKET), int(y // _BUCKET)), []).append(ch)
            out.append(ch)
    return out


def _group_lines(chars: Iterable[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines (top to bottom), each sorted left to right."""
    ordered = sorted(chars, key=lambda c: ((c[2] + c[3]) / 2, c[0]))
    lines: list[list[_Char]] = []
    mid = 0.0
    size = 0.0
    for ch in ordered:
        m = (ch[2] + ch[3]) / 2
        if lines and m - mid <= 0.45 * max(size, ch[4]):
            lines[-1].append(ch)
            continue
        lines.append([ch])
        mid, size = m, ch[4]
    for line in lines:
        line.sort(key=lambda c: c[0])
    return lines


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch[:1]) in ("W", "F")


def _join_chars(chars: Sequence[_Char]) -> str:
    """The text of one line; a space is added only between narrow characters set apart by a gap."""
    parts: list[str] = []
    prev: _Char | None = None
    for ch in chars:
        if prev is not None:
            gap = ch[0] - prev[1]
            a, b = prev[5], ch[5]
            if (
                gap > 0.2 * min(prev[4], ch[4])
                and not a.isspace()
                and not b.isspace()
                and not _wide(a[-1:])
                and not _wide(b[:1])
            ):
                parts.append(" ")
        parts.append(ch[5])
        prev = ch
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------
# Tables from ruling lines


def _strokes(segs: Iterable[_Seg]) -> tuple[list[list[float]], list[list[float]]]:
    """Horizontal strokes ``[y, x0, x1]`` and vertical strokes ``[x, top, bottom]``, snapped and joined."""
    h: list[list[float]] = []
    v: list[list[float]] = []
    for x0, top, x1, bottom in segs:
        w, ht = x1 - x0, bottom - top
        if ht <= _THIN and w >= _MIN_STROKE:
            h.append([(top + bottom) / 2, x0, x1])
        elif w <= _THIN and ht >= _MIN_STROKE:
            v.append([(x0 + x1) / 2, top, bottom])
    return _snap_join(h), _snap_join(v)


def _snap_join(strokes: list[list[float]]) -> list[list[float]]:
    """Snap strokes at nearly the same coordinate to one value, then join collinear overlapping ones."""
    strokes.sort(key=lambda s: s[0])
    groups: list[list[list[float]]] = []
    for s in strokes:
        if groups and s[0] - groups[-1][-1][0] <= _SNAP:
            groups[-1].append(s)
        else:
            groups.append([s])
    out: list[list[float]] = []
    for group in groups:
        pos = sum(s[0] for s in group) / len(group)
        group.sort(key=lambda s: s[1])
        cur = [pos, group[0][1], group[0][2]]
        for s in group[1:]:
            if s[1] <= cur[2] + _JOIN:
                cur[2] = max(cur[2], s[2])
            else:
                out.append(cur)
                cur = [pos, s[1], s[2]]
        out.append(cur)
    return out


def _find_tables(segs: Iterable[_Seg], page: int, notes: list[Finding]) -> list[_Table]:
    h, v = _strokes(segs)
    if len(h) < 2 or len(v) < 2:
        return []
    if len(h) + len(v) > MAX_STROKES_PER_PAGE:
        notes.append(
            too_complex(
                f"PDF 第{page}页的表格线数",
                f"The number of ruling lines on PDF page {page}",
                MAX_STROKES_PER_PAGE,
            )
        )
        return []
    # Connected groups of crossing strokes.
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = _JOIN
    for i, (y, a, b) in enumerate(h):
        for j, (x, t, u) in enumerate(v):
            if a - tol <= x <= b + tol and t - tol <= y <= u + tol:
                ri, rj = find(i), find(len(h) + j)
                if ri != rj:
                    parent[ri] = rj
    groups: dict[int, tuple[list[list[float]], list[list[float]]]] = {}
    for i, s in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(s)
    for j, s in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(s)
    tables = []
    for gh, gv in groups.values():
        if len(gh) >= 2 and gv:
            gv = gv + _open_sides(gh, gv)
        if len(gh) >= 2 and len(gv) >= 2:
            if (len(gh) - 1) * (len(gv) - 1) > MAX_GRID_UNITS:
                notes.append(
                    too_complex(
                        f"PDF 第{page}页的表格网格", f"The table grid on PDF page {page}", MAX_GRID_UNITS
                    )
                )
                continue
            table = _grid(gh, gv, page)
            if table is not None:
                tables.append(table)
    return tables


def _open_sides(h: Sequence[list[float]], v: Sequence[list[float]]) -> list[list[float]]:
    """The sides of a table drawn without its outer left or right rule (open sides), as vertical strokes.

    When two or more horizontal rules reach beyond the outermost vertical rule on one side, the table is
    closed there at the rules' extent, from the highest to the lowest of those rules; each side on its own.
    """
    out: list[list[float]] = []
    left = min(s[1] for s in h)
    if left < min(s[0] for s in v) - _OPEN_SIDE:
        ys = [s[0] for s in h if s[1] <= left + _JOIN]
        if len(ys) >= 2:
            out.append([left, min(ys), max(ys)])
    right = max(s[2] for s in h)
    if right > max(s[0] for s in v) + _OPEN_SIDE:
        ys = [s[0] for s in h if s[2] >= right - _JOIN]
        if len(ys) >= 2:
            out.append([right, min(ys), max(ys)])
    return out


def _positions(strokes: list[list[float]]) -> list[float]:
    out: list[float] = []
    for s in sorted(strokes, key=lambda s: s[0]):
        if not out or s[0] - out[-1] > _SNAP:
            out.append(s[0])
    return out


def _covered(strokes: Sequence[list[float]], a: float, b: float) -> bool:
    """True when some stroke covers the span [a, b] (within the join tolerance)."""
    return any(s[1] <= a + _JOIN and s[2] >= b - _JOIN for s in strokes)


def _grid(h: list[list[float]], v: list[list[float]], page: int) -> _Table | None:
    ys = _positions(h)
    xs = _positions(v)
    n_r, n_c = len(ys) - 1, len(xs) - 1
    if n_r < 1 or n_c < 1:
        return None
    by_y: dict[int, list[list[float]]] = {}
    for s in h:
        by_y.setdefault(_nearest(ys, s[0]), []).append(s)
    by_x: dict[int, list[list[float]]] = {}
    for s in v:
        by_x.setdefault(_nearest(xs, s[0]), []).append(s)
    # hline[i][j]: a stroke at ys[i] over column j; vline[i][j]: a stroke at xs[j] over row i.
    hline = [[_covered(by_y.get(i, ()), xs[j], xs[j + 1]) for j in range(n_c)] for i in range(n_r + 1)]
    vline = [[_covered(by_x.get(j, ()), ys[i], ys[i + 1]) for j in range(n_c + 1)] for i in range(n_r)]
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i in range(n_r):
        for j in range(n_c):
            if j + 1 < n_c and not vline[i][j + 1]:
                union(i * n_c + j, i * n_c + j + 1)
            if i + 1 < n_r and not hline[i + 1][j]:
                union(i * n_c + j, (i + 1) * n_c + j)
    units: dict[int, list[tuple[int, int]]] = {}
    for i in range(n_r):
        for j in range(n_c):
            units.setdefault(find(i * n_c + j), []).append((i, j))
    regions: list[_Region] = []
    for members in units.values():
        r0 = min(i for i, _ in members)
        r1 = max(i for i, _ in members) + 1
        c0 = min(j for _, j in members)
        c1 = max(j for _, j in members) + 1
        if len(members) != (r1 - r0) * (c1 - c0):
            continue  # not a rectangle: not a cell
        # A cell cut by a page break may lack its rule on the table's outer top or bottom edge.
        closed = all(
            (hline[r0][j] or r0 == 0) and (hline[r1][j] or r1 == n_r) for j in range(c0, c1)
        ) and all(vline[i][c0] and vline[i][c1] for i in range(r0, r1))
        if closed:
            regions.append(_Region(r0, r1, c0, c1, (xs[c0], ys[r0], xs[c1], ys[r1]), page))
    if len(regions) < 2:
        return None  # a frame around the page or a box around a paragraph, not a table
    regions.sort(key=lambda r: (r.r0, r.c0))
    return _Table(page, xs, ys, regions)


def _nearest(values: Sequence[float], x: float) -> int:
    i = bisect.bisect_left(values, x)
    if i == len(values) or (i > 0 and x - values[i - 1] < values[i] - x):
        i -= 1
    return i


def _put_in_table(ch: _Char, tables: Sequence[_Table]) -> bool:
    """File a character under the table cell it sits in; False when it is in no table."""
    cx, cy = (ch[0] + ch[1]) / 2, (ch[2] + ch[3]) / 2
    for t in tables:
        x0, top, x1, bottom = t.bbox
        if x0 <= cx <= x1 and top <= cy <= bottom:
            i = min(max(bisect.bisect_right(t.ys, cy) - 1, 0), t.n_rows - 1)
            j = min(max(bisect.bisect_right(t.xs, cx) - 1, 0), len(t.xs) - 2)
            k = t.at.get((i, j))
            if k is None:
                return False
            t.chars.setdefault(k, []).append(ch)
            return True
    return False


def _finish_cells(table: _Table) -> None:
    """Set each cell's text from its characters: its lines joined without line breaks."""
    for k, region in enumerate(table.regions):
        chars = table.chars.get(k)
        if chars:
            lines = _group_lines(chars)
            region.text = "".join(_join_chars(line) for line in lines).strip()
            last = [c for c in lines[-1] if not c[5].isspace()]
            if last:
                width = max(c[1] for c in last) - min(c[0] for c in last)
                size = max(c[4] for c in last)
                region.full = width >= region.bbox[2] - region.bbox[0] - _FULL_LINE * size
    table.at = {}
    table.chars = {}


# ---------------------------------------------------------------------------------------------------------
# The document: headers and footers, tables over several pages, paragraphs


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _running_lines(pages: Sequence[_PageContent]) -> set[int]:
    """Ids of the lines that are running headers, footers or page numbers.

    A line is one when it sits in the top or bottom band of its page with nothing but other such lines
    between it and the page edge, and it is a page number, or it is set smaller than the body text, or the
    same text (up to its digits) stands at the same place on another page.
    """
    sizes: Counter[float] = Counter()
    for p in pages:
        for it in p.items:
            if isinstance(it, _Line):
                sizes[round(it.size * 2) / 2] += len(it.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    candidates: list[tuple[str, str, _Line, float]] = []
    for p in pages:
        n = len(p.items)
        k = 0
        while k < n:
            it = p.items[k]
            if not isinstance(it, _Line) or it.bottom > _BAND * p.height:
                break
            candidates.append(("top", _key(it.text), it, it.top))
            k += 1
        m = n - 1
        while m >= k:
            it = p.items[m]
            if not isinstance(it, _Line) or it.top < (1 - _BAND) * p.height:
                break
            candidates.append(("bottom", _key(it.text), it, p.height - it.bottom))
            m -= 1
    out: set[int] = set()
    groups: dict[tuple[str, str, int], list[tuple[_Line, float]]] = {}
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
    if abs(a[0] - b[0]) > _JOIN or abs(a[-1] - b[-1]) > _JOIN:
        return None

    def within(p: Sequence[float], q: Sequence[float]) -> bool:
        return all(abs(q[_nearest(q, x)] - x) <= _JOIN for x in p)

    if not (within(b, a) or within(a, b)):
        return None
    out = list(a)
    for x in b:
        if abs(out[_nearest(out, x)] - x) > _JOIN:
            bisect.insort(out, x)
    return out


def _label(text: str) -> bool:
    """True for the text of a label cell: not blank and not a number (or a dash standing for none)."""
    key = _key(text)
    return bool(key) and not _NUMERIC.fullmatch(key)


def _join_tables(a: _Table, b: _Table, xs: list[float]) -> None:
    """Append table part ``b`` (from the next page) to ``a``."""
    for r in (*a.regions, *b.regions):
        r.c0 = _nearest(xs, r.bbox[0])
        r.c1 = _nearest(xs, r.bbox[2])
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
        kept: list[_Region] = []
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


def _continue_cell(above: _Region, below: _Region, offset: int) -> None:
    """Extend cell ``above`` over its continuation ``below`` (rows counted from ``offset``), its text too."""
    above.r1 = offset + below.r1
    text = _key(below.text)
    if text and text != _key(above.text):
        above.text += below.text
        above.full = below.full


def _text_continues(above: _Region, below: _Region) -> bool:
    """Whether the label text of ``below`` (at the top of a page) goes on with that of ``above``: together
    they make a form label, or neither is a form label on its own and ``above`` ends with a full line."""
    from .labels import lookup

    if not (_label(above.text) and _label(below.text)):
        return False
    if lookup(above.text + below.text):
        return True
    return not lookup(above.text) and not lookup(below.text) and above.full


def _broken_row(a: _Table, first_row: Sequence[_Region]) -> list[tuple[_Region, _Region]] | None:
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


def _table_block(t: _Table, index: int) -> TableBlock:
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

    def __init__(self, lines: Sequence[_Line]) -> None:
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
        from .labels import HEADINGS
        from .normalize import label_key

        #: Lines that are a section heading by themselves (a paragraph of their own, however set).
        self.headings = {id(line) for line in lines if label_key(line.text) in HEADINGS}

    def is_body(self, line: _Line) -> bool:
        return abs(line.size - self.body) <= 0.1 * self.body

    def starts_paragraph(self, prev: _Line, cur: _Line) -> bool:
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


def _document(pages: Sequence[_PageContent]) -> list[Block]:
    running = _running_lines(pages)
    flat: list[_Item] = []
    last_table: _Table | None = None
    for p in pages:
        items = [
            it for it in p.items if not (isinstance(it, _Line) and (id(it) in running or not it.text.strip()))
        ]
        if not items:
            last_table = None  # nothing on this page: a table does not continue over it
            continue
        if isinstance(items[0], _Table) and last_table is not None:
            xs = _union_xs(last_table.xs, items[0].xs)
            if xs is not None:
                _join_tables(last_table, items[0], xs)
                items = items[1:]
        if items:
            last_table = items[-1] if isinstance(items[-1], _Table) else None
        flat.extend(items)
    style = _Style([it for it in flat if isinstance(it, _Line)])
    parts: list[list[_Line] | _Table] = []
    for it in flat:
        if isinstance(it, _Table):
            parts.append(it)
        elif parts and isinstance(parts[-1], list) and not style.starts_paragraph(parts[-1][-1], it):
            parts[-1].append(it)
        else:
            parts.append([it])
    return _blocks(parts, style)


def _blocks(parts: Sequence[list[_Line] | _Table], style: _Style) -> list[Block]:
    """Paragraphs and tables, with the roles the layout shows (see :class:`_Roles`)."""
    roles = _Roles(parts, style)
    blocks: list[Block] = []
    n_tables = 0
    for k, part in enumerate(parts):
        if isinstance(part, _Table):
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
      the text block (the issuing office and the date, set to the right): role ``"signoff"``.
    - **Headings set flush left, running text indented**: when the document's own section headings (found by
      their labels) are all flush left while other paragraphs are indented, an indented paragraph is running
      text (role ``"body"``) — unless it is a single line that reads as a numbered sub-heading (``（一）主动
      公开``), left to the assembler — and a short flush-left single line not ending a sentence is a heading
      (level 2).
      Documents that indent their headings (the GB/T 9704 style) get no such marks; the assembler then tells
      headings by their text.
    """

    def __init__(self, parts: Sequence[list[_Line] | _Table], style: _Style) -> None:
        from .labels import HEADINGS
        from .normalize import label_key

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

    def indented(self, lines: list[_Line]) -> bool:
        first = lines[0]
        return first.x0 > self.style.left + 0.8 * first.size

    def of(self, k: int, text: str) -> tuple[int | None, str | None]:
        """``(level, role)`` of paragraph ``k``."""
        from .assemble import reads_as_subheading, reads_as_table_caption

        if k == self.title:
            return 1, None
        if k in self.signoff:
            return None, "signoff"
        part = self.parts[k]
        if not self.flush or not isinstance(part, list) or reads_as_table_caption(text):
            # A table caption or note on its own line (a caption row left alone at a page foot, （续表）) is
            # not marked: the assembler sets it aside as table furniture.
            return None, None
        if self.indented(part):
            # Indented like the text, but only a numbered sub-heading (（一）主动公开): the text decides.
            if len(part) == 1 and reads_as_subheading(text):
                return None, None
            return None, "body"
        if len(part) == 1 and len(text) <= _MAX_HEADING and not text.endswith("。"):
            return 2, None
        return None, None


def _text(lines: list[_Line]) -> str:
    return "".join(line.text for line in lines).strip()
