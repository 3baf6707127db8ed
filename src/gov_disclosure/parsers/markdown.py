"""Markdown front-end: the CommonMark + GitHub-table subset reports are written in.

* ATX headings (``#`` … ``######``) give the paragraph's level (``#`` the title, ``##`` sections, ``###``
  sub-headings); a Setext underline (``===`` / ``---`` right under a paragraph line) gives level 1 / 2.
* A thematic break (``---``, ``***``, ``___`` after an empty line) marks the start of the sign-off: the
  paragraphs after it are the issuer and the date.
* GitHub tables: consecutive lines starting with ``|`` (or containing ``|`` when a delimiter row follows); the
  delimiter row is skipped; cells are split on unescaped ``|``. A header row followed by a delimiter row
  starts a table even right after a paragraph line (GFM lets a table interrupt a paragraph: ``单位：件``
  directly above the table). Merged cells are written in their top-left position with empty cells after
  them; the assembler reads columns by header.
* Paragraphs: consecutive non-blank lines; a hard break (a line ending in ``\\`` or in two spaces) is a line
  break inside the paragraph; a soft break joins the lines (without a space between two CJK characters).
  ``>`` is dropped. A list item is a paragraph of its own: bullet markers (``-``, ``*``, ``+``) are dropped,
  ordered-list numbers (``1.``, ``2)``) are kept — in a report they are content, like ``一是``. As in
  CommonMark, a bullet item, or an ordered item numbered 1, interrupts a paragraph; any item follows another
  item. When the document uses ATX headings, its paragraphs are running text (never read as sub-headings
  from their wording).
* Inline text: backslash escapes are undone, character references (``&#32;``, ``&amp;``) decoded, ``<br>``
  is a line break, other raw HTML tags (``<div align="right">``, ``</span>``) and comments are removed with
  their text kept, an autolink ``<https://…>`` is its address, emphasis markers (``*``, ``__``), code
  backticks and link syntax ``[text](url)`` removed. Leading and trailing spaces of a line are removed
  *before* decoding, so ``&#32;`` keeps a deliberate space.
"""

from __future__ import annotations

import html
import re
from typing import Final

from ..text.fold import label_key
from .decode import read_lines
from .doc import Block, Cell, Document, Limits, Origin, Paragraph, Role, TableBlock
from .labels import HEADINGS
from .normalize import read_date
from .text import Bounds, row_cells

__all__ = ["inline", "read"]

_ATX_RE: Final = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BREAK_RE: Final = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT_RE: Final = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_DELIM_CELL_RE: Final = re.compile(r"^:?-+:?$")
_BULLET_RE: Final = re.compile(r"^ {0,3}[-+*][ \t]+")
_ORDERED_RE: Final = re.compile(r"^ {0,3}(\d{1,9})[.)][ \t]+")
_QUOTE_RE: Final = re.compile(r"^ {0,3}>[ \t]?")
_INLINE_RE: Final = re.compile(
    r"\\([!-/:-@\[-`{-~])"  # backslash escape
    r"|(&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"  # character reference
    r"|(<br\s*/?>)"  # an HTML line break
    r"|(<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>|<!--.*?-->)"  # any other HTML tag, or a comment: removed
    r"|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9.-]+)>"  # autolink
    r"|(!?\[((?:[^\]\\]|\\.)*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\))"  # link or image
    r"|(\*+|__+|`+)",  # emphasis and code markers
    re.I,
)
_CJK: Final = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def inline(text: str) -> str:
    """Inline Markdown to plain text (see the module docstring)."""

    def repl(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return m.group(1)
        if m.group(2) is not None:
            decoded = html.unescape(m.group(2))
            return "\ufffd" if decoded == "\x00" else decoded
        if m.group(3) is not None:
            return "\n"
        if m.group(4) is not None:
            return ""
        if m.group(5) is not None:
            return m.group(5)
        if m.group(6) is not None:
            return "" if m.group(6).startswith("!") else inline(m.group(7))
        return ""

    return _INLINE_RE.sub(repl, text)


_CELL_RE: Final = re.compile(r"((?:\\.|[^\\|])*)(\||$)")


def _split_cells(line: str, max_cells: int = 500) -> list[str]:
    """The raw cells of a table row, split on unescaped ``|`` (escapes are undone later, by
    :func:`inline`)."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    cells: list[str] = []
    for m in _CELL_RE.finditer(body):
        if len(cells) >= max_cells:
            break
        if not m.group(2) and not m.group(1):
            break
        cells.append(m.group(1).strip())
        if not m.group(2):
            break
    return cells


_MARKUP_RE: Final = re.compile(r"[\\&<*_`\[!]")


def _cell_text(raw: str) -> str:
    """A table cell's text (inline Markdown is undone only when the cell holds some)."""
    return inline(raw).strip() if _MARKUP_RE.search(raw) else raw


def _is_delimiter(line: str) -> bool:
    if "-" not in line:
        return False
    cells = _split_cells(line)
    return bool(cells) and all(_DELIM_CELL_RE.match(c) for c in cells)


def _join(lines: list[str]) -> str:
    """Join the raw lines of a paragraph: hard breaks become ``\\n``, soft breaks a space (none between
    CJK)."""
    out = ""
    for k, raw in enumerate(lines):
        line = raw.strip(" \t")
        hard = False
        if k < len(lines) - 1:
            if raw.endswith("  "):
                hard = True
            elif (len(line) - len(line.rstrip("\\"))) % 2 == 1:
                hard = True
                line = line[:-1]
        out += inline(line)
        if k < len(lines) - 1:
            if hard:
                out += "\n"
            else:
                nxt = lines[k + 1].strip(" \t")
                if not (out and nxt and _CJK.match(out[-1]) and _CJK.match(nxt[0])):
                    out += " "
    return out


def read(data: bytes | str, limits: Limits) -> Document:
    """Read Markdown into blocks (see the module docstring)."""
    lines, findings = read_lines(data, limits)
    # Running text is marked only when the headings carry the structure: some ATX heading is a section
    # heading. A lone ``# title`` over bold or plain section headings (HTML-to-Markdown tools write them so,
    # with ``###`` sub-headings or none) marks none: the assembler reads the headings from the text.
    has_atx = any(
        (m := _ATX_RE.match(line)) is not None and label_key(inline(m.group(2) or "")) in HEADINGS
        for line in lines
    )

    blocks: list[Block] = []
    bounds = Bounds(limits)
    para: list[str] = []
    para_line = 0
    in_item = False  # the open paragraph is a list item
    signoff = False
    n_tables = 0
    i = 0

    def flush_para(level: int | None = None) -> None:
        nonlocal para
        if para:
            role: Role | None = None
            if level is None:
                role = Role.SIGNOFF if signoff else Role.BODY if has_atx else None
            text = _join(para)
            origin = Origin(line=para_line)
            if role == Role.SIGNOFF and "\n" in text.strip():
                # "名称<br>日期" in one sign-off paragraph: the date line is a paragraph of its own.
                name, _, date = text.strip().rpartition("\n")
                if name.strip() and read_date(date)[1]:
                    blocks.append(Paragraph(text=name, origin=origin, role=role))
                    text, origin = date, Origin(line=para_line + len(para) - 1)
            blocks.append(Paragraph(text=text, origin=origin, level=level, role=role))
            para = []

    while i < len(lines) and len(blocks) < limits.max_blocks:
        line = lines[i]
        number = i + 1
        if not line.strip():
            flush_para()
            i += 1
            continue
        if para and _SETEXT_RE.match(line) and not _QUOTE_RE.match(line):
            flush_para(1 if line.strip().startswith("=") else 2)
            i += 1
            continue
        m = _ATX_RE.match(line)
        if m:
            flush_para()
            blocks.append(
                Paragraph(
                    text=inline((m.group(2) or "").strip()), origin=Origin(line=number), level=len(m.group(1))
                )
            )
            i += 1
            continue
        if not para and _BREAK_RE.match(line):
            signoff = True
            i += 1
            continue
        header_row = "|" in line and i + 1 < len(lines) and _is_delimiter(lines[i + 1])
        if header_row and para:
            # A table interrupts a paragraph when its header and delimiter rows match (GFM).
            delimiter = lines[i + 1]
            header_row = "|" in delimiter and len(_split_cells(line)) == len(_split_cells(delimiter))
        if header_row or (line.lstrip().startswith("|") and not para):
            flush_para()
            rows: list[tuple[Cell, ...]] = []
            first = number
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                if not bounds.exhausted and not _is_delimiter(lines[i]):
                    texts = _split_cells(lines[i], limits.max_row_cells)
                    if bounds.take(len(texts)):
                        origin = Origin(line=i + 1, table=n_tables, row=len(rows))
                        rows.append(row_cells([_cell_text(t) for t in texts], origin))
                i += 1
            blocks.append(TableBlock(rows=tuple(rows), origin=Origin(line=first, table=n_tables)))
            n_tables += 1
            bounds.end_table()
            continue
        stripped = _QUOTE_RE.sub("", line)
        bullet = _BULLET_RE.match(stripped)
        ordered = _ORDERED_RE.match(stripped)
        if (bullet or ordered) and (
            not para or in_item or bullet or (ordered is not None and int(ordered.group(1)) == 1)
        ):
            # A list item starts a paragraph of its own: a bullet is dropped, a number kept.
            flush_para()
            if bullet:
                stripped = stripped[bullet.end() :]
        if not para:
            para_line = number
            in_item = bool(bullet or ordered)
        para.append(stripped)
        i += 1
    flush_para()
    return Document(blocks=tuple(blocks), findings=(*findings, *bounds.findings), signoff_marked=signoff)
