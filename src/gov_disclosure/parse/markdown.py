"""Markdown front-end: the CommonMark + GitHub-table subset reports are written in.

* ATX headings (``#`` … ``######``) give the paragraph's level (``#`` the title, ``##`` sections, ``###``
  sub-headings); a Setext underline (``===`` / ``---`` right under a paragraph line) gives level 1 / 2.
* A thematic break (``---``, ``***``, ``___`` after an empty line) marks the start of the sign-off: the
  paragraphs after it are the issuer and the date.
* GitHub tables: consecutive lines starting with ``|`` (or containing ``|`` when a delimiter row follows); the
  delimiter row is skipped; cells are split on unescaped ``|``. Merged cells are written in their top-left
  position with empty cells after them; the assembler reads columns by header.
* Paragraphs: consecutive non-blank lines; a hard break (a line ending in ``\\`` or in two spaces) is a line
  break inside the paragraph; a soft break joins the lines (without a space between two CJK characters).
  List markers and ``>`` are dropped. When the document uses ATX headings, its paragraphs are running text
  (never read as sub-headings from their wording).
* Inline text: backslash escapes are undone, character references (``&#32;``, ``&amp;``) decoded, ``<br>``
  is a line break, emphasis markers (``*``, ``__``), code backticks and link syntax ``[text](url)`` removed.
  Leading and trailing spaces of a line are removed *before* decoding, so ``&#32;`` keeps a deliberate space.
"""

from __future__ import annotations

import html
import re
from typing import Final

from .decode import read_lines
from .doc import Block, Cell, Document, Limits, Origin, Paragraph, TableBlock
from .text import Bounds, row_cells

__all__ = ["inline", "read"]

_ATX_RE: Final = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BREAK_RE: Final = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT_RE: Final = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_DELIM_CELL_RE: Final = re.compile(r"^:?-+:?$")
_LIST_RE: Final = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+")
_QUOTE_RE: Final = re.compile(r"^ {0,3}>[ \t]?")
_INLINE_RE: Final = re.compile(
    r"\\([!-/:-@\[-`{-~])"  # backslash escape
    r"|(&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"  # character reference
    r"|(<br\s*/?>)"  # an HTML line break
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
            return "" if m.group(4).startswith("!") else inline(m.group(5))
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
    has_atx = any(_ATX_RE.match(line) for line in lines)

    blocks: list[Block] = []
    bounds = Bounds(limits)
    para: list[str] = []
    para_line = 0
    signoff = False
    n_tables = 0
    i = 0

    def flush_para(level: int | None = None) -> None:
        nonlocal para
        if para:
            role = "signoff" if signoff and level is None else ("body" if has_atx and level is None else None)
            blocks.append(Paragraph(text=_join(para), origin=Origin(line=para_line), level=level, role=role))
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
        starts_table = line.lstrip().startswith("|") or (
            "|" in line and i + 1 < len(lines) and _is_delimiter(lines[i + 1])
        )
        if starts_table and not para:
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
        stripped = _LIST_RE.sub("", stripped) if not para else stripped
        if not para:
            para_line = number
        para.append(stripped)
        i += 1
    flush_para()
    return Document(blocks=tuple(blocks), findings=(*findings, *bounds.findings), signoff_marked=signoff)
