"""Plain text in the layout of published web copies (the seed): one paragraph per line, tables as ``|`` rows.

See ``docs/render.md`` (section *Plain text*) for the exact line grammar the parsers rely on.
"""

from __future__ import annotations

from typing import Final

from ..model import Narrative, Report
from ._common import Options, cell_text, clean, outline
from .layout import TableLayout

__all__ = ["INDENT", "render_text", "table_lines"]

#: Paragraph indent: two ideographic spaces (首行缩进两字).
INDENT: Final = "\u3000\u3000"


def _encode_cell(text: str) -> str:
    return f"{text} | " if text else "|"


def table_lines(report: Report, layout: TableLayout, options: Options) -> list[str]:
    """The rows of one table as text lines: laid-out cells padded to the grid width (``a | `` or ``|``)."""
    lines = []
    for row in layout.rows:
        texts = [cell_text(report, c.ref, options) if c.ref is not None else c.text for c in row]
        texts += [""] * (layout.width - len(texts))
        lines.append("".join(_encode_cell(t) for t in texts).rstrip(" "))
    return lines


def _paragraph_lines(text: str, indent: str) -> list[str]:
    return [indent + line for line in clean(text).split("\n")]


def _narrative_lines(narrative: Narrative, indent: str) -> list[str]:
    lines: list[str] = []
    for p in narrative.paragraphs:
        lines += _paragraph_lines(p, indent)
    for sub in narrative.subsections:
        lines += clean(sub.heading).split("\n")
        for p in sub.paragraphs:
            lines += _paragraph_lines(p, indent)
    return lines


def render_text(report: Report, options: Options) -> str:
    """The report as plain text (``\\n`` line endings, final newline)."""
    doc = outline(report, options)
    indent = INDENT if options.indent else ""
    lines: list[str] = []
    if doc.title is not None:
        lines += clean(doc.title).split("\n")
    for p in doc.preamble:
        lines += _paragraph_lines(p, indent)
    for part in doc.sections:
        lines.append(part.section.heading)
        lines += _narrative_lines(part.narrative, indent)
        if part.table is not None:
            lines += table_lines(report, part.table, options)
    if doc.has_signoff:
        lines.append("")
        if doc.issuer is not None:
            lines += clean(doc.issuer).split("\n")
        if doc.date_text is not None:
            lines.append(doc.date_text)
    return "\n".join(lines) + "\n"
