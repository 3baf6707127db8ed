"""Read published reports back: plain text, Markdown, HTML, Word (.docx) and PDF.

>>> from gov_disclosure import parse
>>> result = parse("一、总体情况\\n无。", agency="某某局", year=2024)
>>> result.report.meta.agency
'某某局'

:func:`parse` never raises on bad content: what it could not read is a ``parse.*`` finding, a cell it
could not
read stays blank (``None``), and the report is ``None`` when the input is not such a report at all. It raises
only for misuse: a path that does not exist (:class:`FileNotFoundError`), an unknown ``fmt`` or a ``str``
given for a binary format (:class:`ValueError`), a source of another type (:class:`TypeError`), and a missing
optional dependency (:class:`ImportError` naming the extra to install).

**What the source is.** A :class:`pathlib.Path` (any :class:`os.PathLike`) is always a file to read. ``bytes``
(or ``bytearray``/``memoryview``) are the document's content. A ``str`` is the document's text — except a
``str`` that *names a file*: a single line of at most 1024 characters, ending in one of the extensions
``.txt .text .md .markdown .html .htm .shtml .xhtml .docx .pdf``; that is read as a path (and must exist).
No ``str`` is ever opened as a file otherwise, so text that happens to equal a file name elsewhere is safe.

**The format** is ``fmt`` when given (``"text"``, ``"markdown"``, ``"html"``, ``"docx"``, ``"pdf"``), else the
file extension, else the content: a zip (``PK``) is Word, ``%PDF`` is PDF, markup such as ``<html`` or
``<table`` is HTML, ATX headings or a GitHub table delimiter row is Markdown, anything else is plain text.

The layouts each front-end reads, the normalisation of labels and numbers, and the rules that locate sections,
tables, rows and columns by label are documented in ``docs/parse.md``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from ..model import AgencyKind
from . import codes as _codes  # noqa: F401  (declares the parse.* codes for the catalogue)
from .assembly import assemble, guess_kind, parse_title
from .doc import Document, Limits
from .result import ParseResult, SourceEntry, Template

__all__ = [
    "FORMATS",
    "Limits",
    "ParseResult",
    "SourceEntry",
    "Template",
    "guess_format",
    "guess_kind",
    "parse",
    "parse_title",
]

#: The formats :func:`parse` reads.
FORMATS: Final = ("text", "markdown", "html", "docx", "pdf")
_EXTENSIONS: Final = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_MAX_PATH_STR: Final = 1024
_HTML_RE: Final = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|table|tr|td|p|div|h[1-6]|br|span|meta)[\s>/]", re.I
)
_MD_HEADING_RE: Final = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_MD_DELIM_RE: Final = re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", re.M)
_SNIFF: Final = 8192


def _is_path_str(source: str) -> bool:
    return (
        len(source) <= _MAX_PATH_STR
        and "\n" not in source
        and "\r" not in source
        and os.path.splitext(source.strip())[1].lower() in _EXTENSIONS
    )


def guess_format(source: str | bytes, name: str | None = None) -> str:
    """The format of a document, from its file ``name`` when it has a known extension, else its content."""
    if name is not None:
        ext = os.path.splitext(name)[1].lower()
        if ext in _EXTENSIONS:
            return _EXTENSIONS[ext]
    if isinstance(source, bytes):
        head = source[:_SNIFF]
        if head.startswith(b"PK\x03\x04"):
            return "docx"
        if b"%PDF-" in head[:1024]:
            return "pdf"
        text = head.decode("utf-8", "ignore")
        if not text.strip():
            text = head.decode("gb18030", "ignore")
    else:
        text = source[:_SNIFF]
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<") and _HTML_RE.search(stripped[:_SNIFF]):
        return "html"
    if _HTML_RE.search(stripped[:2048]) and re.search(r"</(?:p|div|td|table|html|body)>", text, re.I):
        return "html"
    if _MD_HEADING_RE.search(text) or _MD_DELIM_RE.search(text):
        return "markdown"
    return "text"


def _read_front_end(fmt: str, data: bytes | str, limits: Limits) -> Document:
    if fmt == "text":
        from .text import read
    elif fmt == "markdown":
        from .markdown import read
    elif fmt == "html":
        from .html import read
    else:
        from .docx import read
    return read(data, limits)


def parse(
    source: str | bytes | bytearray | memoryview | os.PathLike[str],
    fmt: str | None = None,
    *,
    agency: str | None = None,
    year: int | None = None,
    kind: AgencyKind | str | None = None,
    region: str | None = None,
    max_bytes: int = Limits().max_bytes,
) -> ParseResult:
    """Read a published report.

    Args:
        source: a path, the document's bytes, or its text (see the module docstring for the rule).
        fmt: ``"text"``, ``"markdown"``, ``"html"``, ``"docx"`` or ``"pdf"``; guessed when ``None``.
        agency, year, kind, region: metadata the caller knows; each one overrides what the document says
            (use them for a document without a title line, or to give the region, which reports rarely state).
        max_bytes: inputs larger than this are not read (``parse.too-large``); a ``str`` counts characters.

    Returns:
        A :class:`ParseResult`: the report (or ``None``), the findings, the source map, the structure
        found and
        the template recognised.

    Raises:
        FileNotFoundError: ``source`` names a file that does not exist.
        ValueError: an unknown ``fmt``; a ``str`` given for ``"docx"`` or ``"pdf"``; an unknown ``kind``.
        TypeError: ``source`` is of another type.
        ImportError: the format needs an optional dependency that is not installed.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"parse: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if kind is not None and not isinstance(kind, AgencyKind):
        try:
            kind = AgencyKind(kind)
        except ValueError:
            raise ValueError(
                f"parse: unknown kind {kind!r}; expected one of {', '.join(k.value for k in AgencyKind)}"
            ) from None
    if year is not None and (type(year) is not int):
        raise TypeError(f"parse: year must be an int, got {type(year).__name__}")
    limits = Limits(max_bytes=max_bytes)
    name: str | None = None
    data: str | bytes
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _is_path_str(source)):
        path = Path(os.fspath(source).strip() if isinstance(source, str) else source)
        if not path.is_file():
            raise FileNotFoundError(f"parse: no such file: {str(path)!r}")
        name = path.name
        size = path.stat().st_size
        if size > max_bytes:
            return _too_large(size, max_bytes)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, str):
        data = source
    else:
        raise TypeError(f"parse: expected a path, bytes or str, got {type(source).__name__}")
    if len(data) > max_bytes:
        return _too_large(len(data), max_bytes)
    fmt = fmt or guess_format(data, name)
    if fmt in ("docx", "pdf") and isinstance(data, str):
        raise ValueError(f"parse: a {fmt} document must be given as bytes or a path, not as str")
    if fmt == "pdf":
        from .pdf import parse_pdf

        assert isinstance(data, bytes)
        return parse_pdf(
            data,
            max_pages=limits.max_pages,
            max_bytes=max_bytes,
            agency=agency,
            year=year,
            kind=kind,
            region=region,
        )
    doc = _read_front_end(fmt, data, limits)
    if doc.unreadable:
        return ParseResult(report=None, findings=doc.findings)
    return assemble(
        doc.blocks,
        findings=doc.findings,
        title=doc.title,
        meta=doc.meta,
        signoff_marked=doc.signoff_marked,
        limits=limits,
        agency=agency,
        year=year,
        kind=kind,
        region=region,
    )


def _too_large(size: int, limit: int) -> ParseResult:
    from ..findings import make

    return ParseResult(report=None, findings=(make("parse.too-large", size=size, limit=limit),))
