"""Markdown (CommonMark + GitHub tables): headings, paragraphs, and each table as its full official grid.

See ``docs/render.md`` (section *Markdown*) for the layout and the escaping rules the parsers rely on.
"""

from __future__ import annotations

import re
from typing import Final

from ..model import Narrative, Report
from ._common import Options, cell_text, clean, outline
from .layout import TableLayout

__all__ = ["escape_inline", "render_markdown", "table_markdown"]

#: Characters with a meaning somewhere in CommonMark/GFM inline text, backslash-escaped everywhere.
_SPECIAL: Final = frozenset("\\`*_[]<>|&~#$")
_LEADING_BLOCK: Final = re.compile(r"^([-+=])")
_LEADING_LIST: Final = re.compile(r"^(\d+)([.)])")


def _escape_line(line: str, *, block_start: bool) -> str:
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in line)
    if block_start:
        out = _LEADING_BLOCK.sub(r"\\\1", out)
        out = _LEADING_LIST.sub(r"\1\\\2", out)
    # Leading/trailing whitespace would be stripped by a reader (markdown-it strips every Unicode space,
    # U+3000 included): write it as numeric character references.
    start = 0
    while start < len(out) and out[start].isspace():
        start += 1
    end = len(out)
    while end > start and out[end - 1].isspace():
        end -= 1
    return _refs(out[:start]) + out[start:end] + _refs(out[end:])


def _refs(text: str) -> str:
    return "".join(f"&#{ord(c)};" for c in text)


def escape_inline(text: str) -> str:
    """``text`` as Markdown inline content that a CommonMark reader gives back verbatim.

    A ``\\n`` inside the text becomes a hard line break (a backslash at the end of the line); a ``\\n`` at
    the very start or end (where a hard break cannot be) is written ``&#10;``.
    """
    text = clean(text)
    core = text.strip("\n")
    if not core:
        return _refs(text)
    lead = text[: len(text) - len(text.lstrip("\n"))]
    trail = text[len(text.rstrip("\n")) :]
    body = "\\\n".join(_escape_line(line, block_start=True) for line in core.split("\n"))
    return _refs(lead) + body + _refs(trail)


def _heading(text: str) -> str:
    """A heading is one line: a line break inside it is written as a space."""
    return _escape_line(clean(text).replace("\n", " "), block_start=True)


def _cell(text: str) -> str:
    return _escape_line(clean(text).replace("\n", " "), block_start=False)


def table_markdown(report: Report, layout: TableLayout, options: Options) -> str:
    """One table as a GitHub table: the full grid, a merged cell's text in its top-left position only."""
    rows: list[list[str]] = []
    for grid_row, r in zip(layout.grid(), range(layout.height), strict=True):
        texts = []
        for k, c in enumerate(grid_row):
            if c.row != r or c.col != k:
                texts.append("")
            elif c.ref is not None:
                texts.append(cell_text(report, c.ref, options))
            else:
                texts.append(_cell(c.text))
        rows.append(texts)
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * layout.width)
    return "\n".join(lines)


def _narrative_blocks(narrative: Narrative) -> list[str]:
    blocks = [escape_inline(p) for p in narrative.paragraphs]
    for sub in narrative.subsections:
        blocks.append("### " + _heading(sub.heading))
        blocks += [escape_inline(p) for p in sub.paragraphs]
    return blocks


def render_markdown(report: Report, options: Options) -> str:
    """The report as Markdown (``\\n`` line endings, blocks separated by one empty line, final newline)."""
    doc = outline(report, options)
    blocks: list[str] = []
    if doc.title is not None:
        blocks.append("# " + _heading(doc.title))
    blocks += [escape_inline(p) for p in doc.preamble]
    for part in doc.sections:
        blocks.append("## " + _heading(part.section.heading))
        blocks += _narrative_blocks(part.narrative)
        if part.table is not None:
            blocks.append(table_markdown(report, part.table, options))
    if doc.has_signoff:
        blocks.append("---")
        if doc.issuer is not None:
            blocks.append(escape_inline(doc.issuer))
        if doc.date_text is not None:
            blocks.append(doc.date_text)
    return "\n\n".join(blocks) + "\n"
