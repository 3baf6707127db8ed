"""The two PDF readers (pypdfium2, pdfplumber): each turns every page into characters, straight strokes and
whether it holds images, within the reading bounds, repairing a cut-short file where it can.

Engines, bounds and findings: ``docs/pdf.md`` ("Engines", "Findings and bounds").
"""

from __future__ import annotations

import ctypes
import io
import itertools
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from ...findings import Finding, make
from ..doc import too_complex
from .page import UNMAPPED, Char, PageContent, read_page
from .ruling import THIN, Seg

__all__ = [
    "ENGINES",
    "MAX_BYTES",
    "MAX_CHARS_PER_PAGE",
    "MAX_PAGES",
    "Engine",
    "Reader",
    "available_engines",
    "ranges",
    "reader",
]


class Engine(StrEnum):
    """The library that reads a PDF's characters and strokes."""

    #: pdfium when installed, else pdfplumber.
    AUTO = "auto"
    #: pypdfium2 (PDFium): fast.
    PDFIUM = "pdfium"
    #: pdfplumber (pdfminer.six): pure Python.
    PDFPLUMBER = "pdfplumber"


#: Reading engines, in order of preference.
ENGINES = (Engine.PDFIUM, Engine.PDFPLUMBER)

#: Default bound on the pages read (later pages are skipped, with a finding).
MAX_PAGES = 200
#: Default bound on the size of the file (larger files are not read, with a finding).
MAX_BYTES = 50 * 1024 * 1024
#: Characters read on one page at most (a page with more is skipped, with a finding).
MAX_CHARS_PER_PAGE = 200_000
#: Pages with more characters than this are not read again with pdfplumber when pdfium misses some text
#: (pdfminer's time grows with the page's content).
_MAX_REREAD_CHARS = 20_000
#: Form XObjects are followed this deep.
_MAX_FORM_DEPTH = 8
#: pdfium is not thread-safe: one document at a time.
_PDFIUM_LOCK = threading.Lock()

#: How pdfminer writes a glyph without a Unicode value.
_CID = re.compile(r"\(cid:\d+\)")
_CATALOG = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\s*<<(?:(?!endobj).){0,400}?/Type\s*/Catalog\b", re.S)

#: An engine: ``(data, password, max_pages, findings, title) -> pages``; it adds its findings and the
#: document's ``/Title`` to the lists it is given.
Reader = Callable[[bytes, str, int, list[Finding], list[str]], list[PageContent]]

_Matrix = tuple[float, float, float, float, float, float]


def available_engines() -> list[Engine]:
    """The engines of :data:`ENGINES` whose library is installed here, in order of preference."""
    out = []
    for name in ENGINES:
        try:
            reader(name)
        except ImportError:
            continue
        out.append(name)
    return out


def reader(name: Engine | str) -> Reader:
    """The reader of engine ``name`` (``"auto"``: pdfium when installed, else pdfplumber).

    Raises:
        ImportError: the engine's library is not installed.
        ValueError: an unknown engine.
    """
    try:
        engine = Engine(name)
    except ValueError:
        raise ValueError(
            f"unknown PDF engine {name!r}; expected one of 'auto', 'pdfium', 'pdfplumber'"
        ) from None
    if engine in (Engine.AUTO, Engine.PDFIUM):
        try:
            import pypdfium2  # noqa: F401
        except ImportError:
            if engine == Engine.PDFIUM:
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


def ranges(numbers: Sequence[int]) -> str:
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


# ---------------------------------------------------------------------------------------------------------
# Bounds, damaged files, metadata


def _describe(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = str(inner).strip()
    return f"{type(inner).__name__}: {text[:200]}" if text else type(inner).__name__


def _too_many(findings: list[Finding], total: int | str, limit: int) -> None:
    findings.append(too_complex(f"PDF 页数（{total}）", f"The number of PDF pages ({total})", limit))


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
# pypdfium2


def _read_pdfium(
    data: bytes, password: str, max_pages: int, findings: list[Finding], title: list[str]
) -> list[PageContent]:
    import pypdfium2.raw as raw

    pages: list[PageContent] = []
    lossy: list[int] = []
    unreread: list[int] = []
    with _PDFIUM_LOCK:
        opened = _open_pdfium(data, password, findings)
        if opened is None:
            return []
        doc, data = opened
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
                pages.append(read_page(index + 1, walk.height, walk.chars, walk.segs, walk.images))
        finally:
            doc.close()
    return _reread(pages, lossy, unreread, data, password, max_pages, findings)


def _open_pdfium(data: bytes, password: str, findings: list[Finding]) -> tuple[Any, bytes] | None:
    """The pdfium document and the bytes it was read from (repaired when damaged); None when it cannot be
    opened (a finding says why)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data, password=password or None), data
    except Exception as exc:
        if getattr(exc, "err_code", None) in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            findings.append(make("parse.pdf-encrypted", error=_describe(exc)))
            return None
        fixed = _with_trailer(data)
        if fixed is not None:
            try:
                doc = pdfium.PdfDocument(fixed, password=password or None)
            except Exception:
                pass
            else:
                findings.append(make("parse.pdf-repaired", error=_describe(exc)))
                return doc, fixed
        findings.append(make("parse.pdf-damaged", error=_describe(exc)))
        return None


def _reread(
    pages: list[PageContent],
    lossy: list[int],
    unreread: list[int],
    data: bytes,
    password: str,
    max_pages: int,
    findings: list[Finding],
) -> list[PageContent]:
    """``pages`` with the ``lossy`` ones read again with pdfplumber; the pages that could not be are named."""
    redone: dict[int, PageContent] = {}
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
                page=ranges(missed),
                error="pdfium could not measure some text, and it was not read again with pdfplumber",
            )
        )
    return pages


class _PdfiumPage:
    """Characters, straight strokes and images of one page, read with pdfium."""

    def __init__(self, doc: Any, index: int, raw: Any) -> None:
        self.raw = raw
        self.chars: list[Char] = []
        self.segs: list[Seg] = []
        self.images = False
        self.lossy = False
        #: A point of a path, as pdfium gives it.
        self._xy = (ctypes.c_float(), ctypes.c_float())
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
                code = UNMAPPED
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

    def _objects(self, page: Any, form: Any, ctm: _Matrix, depth: int) -> None:
        """Straight strokes, images and unread text objects of the page (or of a form XObject in it)."""
        raw = self.raw
        count = raw.FPDFFormObj_CountObjects(form) if form is not None else raw.FPDFPage_CountObjects(page)
        m = raw.FS_MATRIX()
        fill, stroke = ctypes.c_int(), ctypes.c_int()
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
                if depth < _MAX_FORM_DEPTH:
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
                and min(right.value - left.value, top.value - bottom.value) <= THIN
            ):
                # A line, or a thin filled rectangle: its box is the stroke (page space, so no matrix).
                dx = ctm[4]
                self.segs.append((left.value + dx, y1 - top.value, right.value + dx, y1 - bottom.value))
                continue
            self._path(obj, t)

    def _path(self, obj: Any, t: _Matrix) -> None:
        """The straight segments of a path object, in page space (``t``: its matrix)."""
        raw = self.raw
        x, y = self._xy
        y1 = self.top
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


def _compose(m: _Matrix, n: _Matrix) -> _Matrix:
    """The matrix applying ``m`` then ``n`` (PDF order ``m × n``)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _seg(p: tuple[float, float], q: tuple[float, float]) -> Seg:
    return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))


# ---------------------------------------------------------------------------------------------------------
# pdfplumber


def _read_pdfplumber(
    data: bytes,
    password: str,
    max_pages: int,
    findings: list[Finding],
    title: list[str],
    only: Sequence[int] = (),
) -> list[PageContent]:
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
    pages: list[PageContent] = []
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
            pages.append(read_page(page.page_number, float(page.height), chars, segs, images))
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


def _plumber_page(page: Any) -> tuple[list[Char], list[Seg], bool]:
    objects: Mapping[str, list[dict[str, Any]]] = page.objects
    raw_chars = objects.get("char", [])
    if len(raw_chars) > MAX_CHARS_PER_PAGE:
        raise _TooManyChars
    chars: list[Char] = [
        (
            float(c["x0"]),
            float(c["x1"]),
            float(c["top"]),
            float(c["bottom"]),
            float(c["size"]),
            chr(UNMAPPED) if _CID.fullmatch(c["text"]) else c["text"],
        )
        for c in raw_chars
        if c["text"] and not any(ord(t) < 32 for t in c["text"])
    ]
    segs: list[Seg] = []
    for obj in objects.get("line", ()):
        segs.append((float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])))
    for obj in objects.get("rect", ()):
        if not (obj.get("stroke") or obj.get("fill")):
            continue
        if not obj.get("stroke") and _white(obj.get("non_stroking_color")):
            continue
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        if x1 - x0 <= THIN or bottom - top <= THIN:
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
