"""Plain-text front-end: published web copies (the seed's layout) and our own text rendering.

Lines are split on ``\\n`` only (a ``\\r`` before it is dropped), never on the other characters
:meth:`str.splitlines` treats as line breaks, which narrative text may contain.

* A line containing ``|`` (and not indented, see below) is a **table row**: its cells are the pieces between
  the ``|`` signs, stripped of spaces; a final ``|`` closes the row (``规章 | |||`` is ``规章`` and three empty
  cells). Consecutive rows form one table; an empty line or any other line ends it.
* Any other non-empty line is a **paragraph** (its text stripped of surrounding white space).

Two layouts are told apart by indentation:

* **Flat** (the seed and most web copies): no line starts with two ideographic spaces. Every line is a
  paragraph; the assembler decides from the text which lines are headings, sub-headings and sign-off.
* **Indented** (``render(report, "text")``, and copies that keep the 首行缩进): some lines start with two U+3000.
  An indented line is running text (its text is the rest of the line, verbatim, and it may contain ``|``); an
  unindented first line is the title, other unindented lines are headings, and the unindented lines after the
  last empty line of the file (at most three) are the sign-off.
"""

from __future__ import annotations

from typing import Final

from ..findings import Finding
from .decode import decode
from .doc import Block, Cell, Document, Limits, Origin, Paragraph, TableBlock

__all__ = ["read", "split_row"]

_INDENT: Final = "\u3000\u3000"
_MAX_SIGNOFF_LINES: Final = 3


def split_row(line: str) -> list[str]:
    """The cells of a ``|`` table row: ``"a | b | |"`` → ``["a", "b", ""]``."""
    pieces = line.split("|")
    if line.rstrip().endswith("|"):
        pieces.pop()
    return [p.strip() for p in pieces]


def read(data: bytes | str, limits: Limits) -> Document:
    """Read plain text into blocks (see the module docstring)."""
    findings: tuple[Finding, ...] = ()
    if isinstance(data, bytes):
        text, findings = decode(data)
    else:
        text = data
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    indented = any(line.startswith(_INDENT) for line in lines)
    signoff_from = len(lines)
    if indented:
        last_content = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
        last_empty = max((i for i, line in enumerate(lines[:last_content]) if not line.strip()), default=-1)
        tail = [i for i in range(last_empty + 1, len(lines)) if lines[i].strip()]
        if (
            last_empty >= 0
            and 0 < len(tail) <= _MAX_SIGNOFF_LINES
            and all(not lines[i].startswith(_INDENT) and "|" not in lines[i] for i in tail)
        ):
            signoff_from = last_empty + 1

    blocks: list[Block] = []
    rows: list[tuple[Cell, ...]] = []
    first_row_line = 0
    n_tables = 0
    seen_content = False

    def flush() -> None:
        nonlocal rows, n_tables
        if rows:
            blocks.append(TableBlock(rows=tuple(rows), origin=Origin(line=first_row_line, table=n_tables)))
            n_tables += 1
            rows = []

    for i, line in enumerate(lines):
        number = i + 1
        if len(blocks) >= limits.max_blocks:
            break
        if indented and line.startswith(_INDENT):
            flush()
            seen_content = True
            blocks.append(Paragraph(text=line[len(_INDENT) :], origin=Origin(line=number), role="body"))
            continue
        if not line.strip():
            flush()
            continue
        if "|" in line and i < signoff_from:
            if not rows:
                first_row_line = number
            r = len(rows)
            rows.append(
                tuple(
                    Cell(text=t, origin=Origin(line=number, table=n_tables, row=r, col=c))
                    for c, t in enumerate(split_row(line))
                )
            )
            seen_content = True
            continue
        flush()
        origin = Origin(line=number)
        if not indented:
            blocks.append(Paragraph(text=line.strip(), origin=origin))
        elif i >= signoff_from:
            blocks.append(Paragraph(text=line.strip(), origin=origin, role="signoff"))
        else:
            blocks.append(Paragraph(text=line.strip(), origin=origin, level=2 if seen_content else 1))
        seen_content = True
    flush()
    return Document(blocks=tuple(blocks), findings=findings)
