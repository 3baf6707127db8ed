"""Plain-text front-end: published web copies (the seed's layout) and our own text rendering.

Lines are split on ``\\n`` only (a ``\\r`` before it is dropped), never on the other characters
:meth:`str.splitlines` treats as line breaks, which narrative text may contain.

* A line containing ``|`` — or the full-width ``｜``, or the box-drawing ``│`` / ``┃``, which are read the
  same — is a **table row**: its cells are the pieces between the separators, stripped of spaces; a final
  separator closes the row (``规章 | |||`` is ``规章`` and three empty cells). A leading ``|`` or ``｜``
  opens an empty first cell; a leading ``│`` or ``┃`` is the table's frame.
* A line with a **tab** between two pieces of text is a table row too (cells split on every tab, leading
  and trailing tabs giving empty cells), unless one of its pieces holds ``。``, ``！`` or ``？`` (a
  sentence, not a cell); a line whose only tabs are at its end (``规章\\t\\t\\t``) is a row only right
  after another row or right before a tab-separated row. Tabs only at the start of a line are indentation.
* A **border line** (only box-drawing characters, ``+``, ``-``, ``=``, ``:``, separators and spaces, with a
  run of at least three dashes: ``├──┼──┤``, ``+----+----+``, ``|---|---|``) inside a table, or right before
  one, is skipped.
* Consecutive rows form one table; an empty line or any other line ends it.
* Any other non-empty line is a **paragraph** (its text stripped of surrounding white space).

Two layouts are told apart by indentation. A line is *right-aligned* when its leading white space is at
least eight columns wide (U+3000 counting two, a tab four): web copies pad a right-aligned sign-off or a
centred title that way; it is *indented* when it starts with two U+3000 (首行缩进) and is not
right-aligned. A *running-text line*
is an unindented, non-right-aligned line that is not a table row and holds ``。！？；`` or is longer than
60 characters.

* **Indented** (``render(report, "text")``, and copies that keep the 首行缩进): the indented lines
  outnumber the running-text lines, and at least two lines (the title, a heading) are neither indented,
  right-aligned nor table rows. An indented line is running text (``role=Role.BODY``: its text is the rest of
  the line, verbatim, and it may contain ``|``); the first unindented line is the title (level 1), other
  unindented lines are headings (level 2); a right-aligned line is a paragraph without marks (the assembler
  reads it from its text, like a flat line).

  The **sign-off** (``role=Role.SIGNOFF``) is found among the unindented and right-aligned lines after the
  last indented line or table row: the lines after the last empty line there (at most three, our
  rendering), extended backwards by lines that themselves follow an empty line (copies with an empty line
  between all lines); failing an empty line, the last lines (at most three, stopping at a numbered line
  such as ``六、…`` or ``（三）…``) when the last one is a date or all of them are right-aligned.
* **Flat** (the seed and most web copies): otherwise. A flat copy does not switch layout because a few lines
  start with two U+3000 (a sign-off padded to the right, one paragraph copied with its 首行缩进). Every
  line is a paragraph without marks (stripped); the assembler decides from the text which lines are
  headings, sub-headings and sign-off.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from ..findings import Finding
from .decode import read_lines
from .doc import Block, Cell, Document, Limits, Origin, Paragraph, Role, TableBlock, too_complex
from .normalize import read_date

__all__ = ["Bounds", "read", "row_cells", "split_row"]

_INDENT: Final = "\u3000\u3000"
_MAX_SIGNOFF_LINES: Final = 3
#: Leading white space at least this wide (U+3000 = 2, tab = 4, other spaces = 1) is a right-aligned line.
_RIGHT_WIDTH: Final = 8
#: Longer unindented lines are running text even without sentence punctuation.
_RUNNING_LEN: Final = 60
_RUNNING_PUNCT: Final = frozenset("。！？；")
_SENTENCE_PUNCT: Final = frozenset("。！？")
#: Cell separators read like ``|``: the full-width vertical line and the box-drawing verticals.
_OTHER_SEPARATOR_RE: Final = re.compile("[｜│┃]")
_BORDER_CHARS_RE: Final = re.compile(r"[\s|｜+:=\-\u2500-\u257f]+")
_BORDER_RUN_RE: Final = re.compile(r"[-=\u2500\u2501\u2504\u2505\u2508\u2509\u254c\u254d\u2550]{3}")
#: A numbered line (a section heading or sub-heading) is never part of a guessed sign-off.
_NUMBERED_RE: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+、)"
)

_Kind = Literal["blank", "body", "right", "row", "plain"]


def split_row(line: str, max_cells: int = 500) -> list[str]:
    """The cells of a ``|`` table row: ``"a | b | |"`` → ``["a", "b", ""]`` (at most ``max_cells``).
    ``｜``, ``│`` and ``┃`` separate cells like ``|``; a leading ``│`` or ``┃`` is the table's frame."""
    if "｜" in line or "│" in line or "┃" in line:
        framed = line.lstrip()[:1] in ("│", "┃")
        line = _OTHER_SEPARATOR_RE.sub("|", line)
        if framed:
            line = line.lstrip()[1:]
    pieces = line.split("|", max_cells)
    if len(pieces) > max_cells or line.rstrip().endswith("|"):
        pieces.pop()
    return [p.strip() for p in pieces]


def _tab_cells(line: str, next_line: str, after_row: bool, max_cells: int) -> list[str] | None:
    """The cells of a tab-separated row, or ``None`` when the line is not one (see the module docstring)."""
    if "\t" not in line.strip():
        if line.lstrip(" \u3000").startswith("\t") or not line.rstrip(" \u3000").endswith("\t"):
            return None
        if not after_row and ("\t" not in next_line.strip() or _tab_cells(next_line, "", True, 2) is None):
            return None
    pieces = line.strip(" \u3000").split("\t", max_cells)
    if len(pieces) > max_cells:
        pieces.pop()
    if any(ch in _SENTENCE_PUNCT for p in pieces for ch in p):
        return None
    return [p.strip() for p in pieces]


def _row_texts(line: str, next_line: str, after_row: bool, max_cells: int = 500) -> list[str] | None:
    """The cells of a table row, or ``None`` when the line is not a table row."""
    if "|" in line or "｜" in line or "│" in line or "┃" in line:
        return split_row(line, max_cells)
    if "\t" in line:
        return _tab_cells(line, next_line, after_row, max_cells)
    return None


def _is_border(line: str) -> bool:
    """A table border line: ``├──┼──┤``, ``+----+----+``, ``|---|---|``."""
    # The full match first: it stops at the first character that is no border (a label, a number).
    return _BORDER_CHARS_RE.fullmatch(line) is not None and _BORDER_RUN_RE.search(line) is not None


def _lead_width(line: str) -> int:
    """The width of the white space a line starts with (U+3000 counts two, a tab four)."""
    if not line[:1].isspace():
        return 0
    width = 0
    for ch in line:
        if ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        elif ch.isspace():
            width += 1
        else:
            break
    return width


def _kinds(lines: list[str]) -> tuple[list[_Kind], bool, dict[int, list[str] | None]]:
    """Each line's kind in the indented layout, whether the document is in that layout, and the cells of
    the lines read as table rows on the way (``None``: not a row), for :func:`read` to use again."""
    kinds: list[_Kind] = []
    cells: dict[int, list[str] | None] = {}
    indented = running = unindented = 0
    after_row = False
    last = len(lines) - 1
    for i, line in enumerate(lines):
        kind: _Kind
        text = line.strip()
        if not text:
            kind = "blank"
        else:
            wide = line[:1].isspace() and _lead_width(line) >= _RIGHT_WIDTH
            if not wide and line.startswith(_INDENT):
                kind = "body"
                indented += 1
            else:
                row = cells[i] = _row_texts(line, lines[i + 1] if i < last else "", after_row)
                if row is not None or (after_row and _is_border(line)):
                    kind = "row"
                elif wide:
                    kind = "right"
                else:
                    kind = "plain"
                    unindented += 1
                    if len(text) > _RUNNING_LEN or not _RUNNING_PUNCT.isdisjoint(text):
                        running += 1
        after_row = kind == "row"
        kinds.append(kind)
    return kinds, indented > running and unindented >= 2, cells


def _signoff_lines(lines: list[str], kinds: list[_Kind]) -> set[int]:
    """The lines of an indented copy marked as its sign-off (see the module docstring)."""
    last_anchor = max((i for i, k in enumerate(kinds) if k in ("body", "row")), default=-1)
    tail = [i for i in range(last_anchor + 1, len(lines)) if kinds[i] != "blank"]
    if not tail:
        return set()
    last_empty = max((i for i in range(last_anchor + 1, tail[-1]) if kinds[i] == "blank"), default=None)
    if last_empty is not None:
        found = [i for i in tail if i > last_empty]
        if (
            len(found) > _MAX_SIGNOFF_LINES
            and any(read_date(lines[i])[1] for i in found[1:_MAX_SIGNOFF_LINES])
            and not any(_NUMBERED_RE.match(lines[i].strip()) for i in found)
        ):
            # The sign-off and a page footer after it (相关链接, …): all marked; the assembler keeps the
            # lines up to the date and reports the rest as trailing text.
            return set(found)
        if len(found) <= _MAX_SIGNOFF_LINES:
            k = tail.index(found[0])
            while len(found) < _MAX_SIGNOFF_LINES and k > 0:
                prev = tail[k - 1]
                if kinds[prev - 1] != "blank" or _NUMBERED_RE.match(lines[prev].strip()):
                    break
                found.insert(0, prev)
                k -= 1
            return set(found)
    guess: list[int] = []
    for i in reversed(tail):
        if len(guess) == _MAX_SIGNOFF_LINES or _NUMBERED_RE.match(lines[i].strip()):
            break
        guess.insert(0, i)
    if guess and (read_date(lines[guess[-1]])[1] or all(kinds[i] == "right" for i in guess)):
        return set(guess)
    return set()


def read(data: bytes | str, limits: Limits) -> Document:
    """Read plain text into blocks (see the module docstring)."""
    lines, findings = read_lines(data, limits)
    if any(line.startswith(_INDENT) for line in lines):
        kinds, indented, cells = _kinds(lines)
    else:  # no indented line: a flat copy, whose lines need no kind
        kinds, indented, cells = [], False, {}
    signoff = _signoff_lines(lines, kinds) if indented else set()

    blocks: list[Block] = []
    rows: list[tuple[Cell, ...]] = []
    first_row_line = 0
    n_tables = 0
    seen_content = False
    bounds = Bounds(limits)

    def flush() -> None:
        nonlocal rows, n_tables
        if rows:
            blocks.append(TableBlock(rows=tuple(rows), origin=Origin(line=first_row_line, table=n_tables)))
            n_tables += 1
            rows = []
            bounds.end_table()

    for i, line in enumerate(lines):
        number = i + 1
        if len(blocks) >= limits.max_blocks:
            break
        if indented and kinds[i] == "body":
            flush()
            seen_content = True
            blocks.append(Paragraph(text=line[len(_INDENT) :], origin=Origin(line=number), role=Role.BODY))
            continue
        if not line.strip():
            flush()
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if i in signoff:
            texts = None
        elif i in cells and bool(rows) == (i > 0 and kinds[i - 1] == "row"):
            texts = cells[i]  # read by _kinds with the same context
        else:
            texts = _row_texts(line, nxt, bool(rows), limits.max_row_cells)
        if texts is not None and _is_border(line):
            texts = []
        if texts is None and _is_border(line):
            after = lines[i + 2] if i + 2 < len(lines) else ""
            if rows or (not _is_border(nxt) and _row_texts(nxt, after, False) is not None):
                texts = []
        if texts is not None:
            seen_content = True
            if not texts:  # a border line
                continue
            if not rows:
                first_row_line = number
            if bounds.exhausted:
                continue
            texts = texts[: limits.max_row_cells]
            if texts and bounds.take(len(texts)):
                rows.append(row_cells(texts, Origin(line=number, table=n_tables, row=len(rows))))
            continue
        flush()
        # The column the text starts at: a copy of a PDF's layout aligns table columns with spaces.
        origin = Origin(line=number, col=len(line) - len(line.lstrip()) or None)
        if i in signoff:
            blocks.append(Paragraph(text=line.strip(), origin=origin, role=Role.SIGNOFF))
        elif not indented or kinds[i] == "right":
            blocks.append(Paragraph(text=line.strip(), origin=origin))
        else:
            blocks.append(Paragraph(text=line.strip(), origin=origin, level=2 if seen_content else 1))
        seen_content = True
    flush()
    return Document(blocks=tuple(blocks), findings=(*findings, *bounds.findings), signoff_marked=indented)


def row_cells(texts: list[str], origin: Origin) -> tuple[Cell, ...]:
    """The cells of one row of a line-based table: they share the row's origin (line, table, row), and the
    empty cells of a row are one object (cells are immutable values)."""
    empty: Cell | None = None
    out: list[Cell] = []
    for t in texts:
        if t:
            out.append(Cell(text=t, origin=origin))
        else:
            if empty is None:
                empty = Cell(text="", origin=origin)
            out.append(empty)
    return tuple(out)


class Bounds:
    """Counts table cells against :class:`Limits` and reports, once each, the bounds met."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.table = 0
        self.total = 0
        self.findings: list[Finding] = []
        self._said: set[str] = set()

    def end_table(self) -> None:
        self.table = 0

    @property
    def exhausted(self) -> bool:
        """True once the document's cell budget is spent (later rows need not even be split)."""
        return self.total >= self.limits.max_total_cells

    def take(self, n: int) -> bool:
        """Account for a row of ``n`` cells; ``False`` when it must not be read."""
        if n >= self.limits.max_row_cells:
            self._say(
                "row", "表格一行的单元格数", "The number of cells in a table row", self.limits.max_row_cells
            )
        if self.table + n > self.limits.max_cells:
            self._say("table", "表格单元格数", "The number of cells of a table", self.limits.max_cells)
            return False
        if self.total + n > self.limits.max_total_cells:
            self._say(
                "total", "文档单元格总数", "The number of cells in the document", self.limits.max_total_cells
            )
            return False
        self.table += n
        self.total += n
        return True

    def _say(self, key: str, what: str, what_en: str, limit: int) -> None:
        if key not in self._said:
            self._said.add(key)
            self.findings.append(too_complex(what, what_en, limit))
