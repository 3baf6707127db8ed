"""Degraded text renderings of a report, as real reports circulate: for testing parsers of such copies.

Every function takes the text rendering of a report (``gov_disclosure.render(report, "text")``, default options
or ``indent=False``) and rewrites its three tables (and the indentation of its paragraphs); all other lines are
kept as they are. The table rows are found as the renderer writes them (``docs/render.md``, *Plain text*): the
last 14 / 28 / 4 lines before the heading that follows sections 二 / 三 / 四. Each row is matched with the
official grid (:func:`gov_disclosure.renderers.layout.table_layout`), so every cell is known with its grid
column and spans; "the cells" of a row are its laid-out cells (a merged cell once), not the empty cells the
``|`` rendering adds at the end of a row to reach the grid width.

* :func:`glued` — a crawler's flat copy: a table's cells and rows run together on one line.
* :func:`pdf_layout` — like ``pdftotext -layout``: cells at column positions, long labels wrapped, table 三's
  group labels set vertically, page furniture between rows.
* :func:`cell_per_line` — every cell on its own line (three styles).
* :func:`spaced` — a row's cells separated by single spaces.

:data:`RENDERINGS` names each rendering and variant as a ``(text, rng) -> text`` function.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from gov_disclosure import form
from gov_disclosure.renderers.layout import LayoutCell, TableLayout, table_layout
from gov_disclosure.renderers.text import INDENT

__all__ = [
    "PAGE_LINE",
    "RENDERINGS",
    "CellStyle",
    "Table",
    "cell_per_line",
    "glued",
    "pdf_layout",
    "spaced",
    "split_rendering",
]

#: The styles of :func:`cell_per_line`.
CellStyle = Literal["blank-lines", "bars", "plain"]

#: A page header or footer line that :func:`pdf_layout` may put between two table rows.
PAGE_LINE: Final = re.compile(r"^ *(?:— \d+ —|第 \d+ 页 共 \d+ 页)$")


# ---------------------------------------------------------------------------------------------------------
# Reading the text rendering


@dataclass(frozen=True)
class Table:
    """One table of a text rendering: its official grid and, per grid row, the texts of its laid-out cells."""

    layout: TableLayout
    #: ``rows[i][j]`` is the text of ``layout.rows[i][j]`` ("" for a blank cell).
    rows: tuple[tuple[str, ...], ...]

    def cells(self, row: int) -> Iterator[tuple[LayoutCell, str]]:
        """The laid-out cells of grid row ``row`` with their texts, left to right."""
        yield from zip(self.layout.rows[row], self.rows[row], strict=True)

    def all_cells(self) -> Iterator[tuple[LayoutCell, str]]:
        """Every laid-out cell with its text, row by row."""
        for i in range(len(self.rows)):
            yield from self.cells(i)


def _table(layout: TableLayout, lines: Sequence[str]) -> Table:
    rows = []
    for line, laid_out in zip(lines, layout.rows, strict=True):
        cells = [p.strip(" ") for p in line.split("|")[:-1]]
        texts, padding = cells[: len(laid_out)], cells[len(laid_out) :]
        if len(cells) != layout.width or any(padding):
            raise ValueError(f"table {layout.table.id}: not a row of the text rendering: {line!r}")
        for cell, text in zip(laid_out, texts, strict=True):
            if cell.kind != "value" and text != cell.text:
                raise ValueError(f"table {layout.table.id}: expected {cell.text!r}, found {text!r}")
        rows.append(tuple(texts))
    return Table(layout, tuple(rows))


def split_rendering(text: str) -> list[str | Table]:
    """The lines of a text rendering (without the final newline), each table's rows replaced by a :class:`Table`.

    A table is the ``height`` lines before the heading of the next section that read as its rows; the first
    such place after the table's own heading counts (a narrative line equal to a heading does not mislead it).
    Raises ``ValueError`` when ``text`` is not a text rendering (a table not found).

    Example: ``[…, "二、主动公开政府信息情况", Table(二), "三、收到和处理政府信息公开申请情况", Table(三), …]``.
    """
    lines = text.removesuffix("\n").split("\n")
    tables: dict[int, Table] = {}
    done = 0  # lines before this one are read
    for k, section in enumerate(form.SECTIONS):
        if section.table is None:
            continue
        layout = table_layout(section.table)
        heading, after = section.heading, form.SECTIONS[k + 1].heading
        reason = f"no heading {heading!r} followed by {layout.height} rows and {after!r}"
        found: tuple[int, Table] | None = None
        for stop in (i for i in range(done, len(lines)) if lines[i] == after):
            begin = stop - layout.height
            if heading in lines[done:begin]:
                try:
                    found = begin, _table(layout, lines[begin:stop])
                    break
                except ValueError as e:
                    reason = str(e)
        if found is None:
            raise ValueError(f"not a text rendering: table {layout.table.id}: {reason}")
        tables[found[0]] = found[1]
        done = found[0] + layout.height
    out: list[str | Table] = []
    i = 0
    while i < len(lines):
        if i in tables:
            out.append(tables[i])
            i += tables[i].layout.height
        else:
            out.append(lines[i])
            i += 1
    return out


def _unindent(line: str) -> str:
    """A paragraph line without its two U+3000 (other lines unchanged)."""
    return line.removeprefix(INDENT)


def _join(lines: Sequence[str]) -> str:
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------
# Glued, spaced, one cell per line


def glued(text: str, one_line: bool = False) -> str:
    """A crawler's flat copy: each table on one line, its cells run together with no separator.

    Blank cells vanish; paragraph lines lose their indentation; headings and the sign-off are kept. With
    ``one_line=True`` the whole document is one line (headings glued to the text).

    Example (table 二 of a report with values, one line)::

        第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章005行政规范性文件3120第二十条第（五）项…

    and with ``one_line=True``: ``示例区人民政府2023年政府信息公开工作年度报告本报告依据…一、总体情况2023年，…``.
    """
    lines = [
        "".join(t for _, t in x.all_cells()) if isinstance(x, Table) else _unindent(x)
        for x in split_rendering(text)
    ]
    return "".join(lines) + "\n" if one_line else _join(lines)


def spaced(text: str) -> str:
    """Each table row as its non-blank cells separated by single spaces; a row with nothing left is dropped.

    Paragraph lines lose their indentation.

    Example (rows of table 三)::

        自然人 法人或其他组织 总计
        商业企业 科研机构 社会公益组织 法律服务机构 其他
        一、本年新收政府信息公开申请数量 12 0 0 0 1 0 13
        二、上年结转政府信息公开申请数量 1 1
    """
    lines: list[str] = []
    for x in split_rendering(text):
        if isinstance(x, Table):
            rows = (" ".join(t for t in row if t) for row in x.rows)
            lines += [r for r in rows if r]
        else:
            lines.append(_unindent(x))
    return _join(lines)


def cell_per_line(text: str, style: CellStyle) -> str:
    """Every table cell on its own line, in row order.

    * ``"plain"``: one line per cell, a blank cell is an empty line.
    * ``"bars"``: a cell is written ``"text |"``, a blank cell ``"|"``.
    * ``"blank-lines"``: blank cells vanish, an empty line between two cells.

    Paragraph lines lose their indentation.

    Example (the rows ``规章 | 0 | 0 | 5 |`` and ``行政许可 | |||``): plain ``规章 / 0 / 0 / 5 / 行政许可 / (empty)``,
    bars ``规章 | / 0 | / 0 | / 5 | / 行政许可 | / |``, blank-lines ``规章 / / 0 / / 0 / / 5 / / 行政许可``.
    """
    if style not in ("blank-lines", "bars", "plain"):
        raise ValueError(f"unknown style {style!r}: expected 'blank-lines', 'bars' or 'plain'")
    lines: list[str] = []
    for x in split_rendering(text):
        if not isinstance(x, Table):
            lines.append(_unindent(x))
            continue
        texts = [t for _, t in x.all_cells()]
        if style == "plain":
            lines += texts
        elif style == "bars":
            lines += [f"{t} |" if t else "|" for t in texts]
        else:
            for j, t in enumerate(t for t in texts if t):
                lines += ["", t] if j else [t]
    return _join(lines)


# ---------------------------------------------------------------------------------------------------------
# pdftotext -layout

#: Fewest spaces between two cells of a line.
_GAP: Final = 2


@dataclass(frozen=True)
class _Piece:
    """Text set on one physical line, in grid column ``col`` (spanning ``span`` columns)."""

    col: int
    span: int
    text: str
    centered: bool


_Line = dict[int, _Piece]


def _display_width(s: str) -> int:
    """Columns ``s`` takes in a monospaced copy: two for wide (CJK) characters, one for the others."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def _wrap(s: str, limit: int, max_lines: int | None) -> list[str]:
    """``s`` cut into pieces of about equal length, each at most ``limit`` characters (unless ``max_lines``
    forces longer pieces)."""
    if len(s) <= limit:
        return [s]
    n = math.ceil(len(s) / limit)
    if max_lines is not None:
        n = min(n, max_lines)
    size = math.ceil(len(s) / n)
    return [s[i : i + size] for i in range(0, len(s), size)]


def _vertical(s: str, per_line: int) -> list[str]:
    """``s`` set vertically, ``per_line`` characters a line; punctuation is not counted (an opening bracket goes
    with the next character, other punctuation with the previous one): ``三、本 / 年度 / 办理 / 结果``."""
    units: list[str] = []
    opening = ""
    for ch in s:
        category = unicodedata.category(ch)
        if category == "Ps":
            opening += ch
        elif category.startswith("P") and units and not opening:
            units[-1] += ch
        else:
            units.append(opening + ch)
            opening = ""
    if opening:
        units.append(opening)
    return ["".join(units[i : i + per_line]) for i in range(0, len(units), per_line)]


@dataclass(frozen=True)
class _PdfStyle:
    """The choices :func:`pdf_layout` draws once per document."""

    numbers_first: bool
    label_limit: int
    vertical_per_line: int
    indent: str
    width: int


def _row_lines(table: Table, style: _PdfStyle) -> list[list[_Line]]:
    """Per grid row, its physical lines: wrapped labels, values on the first or middle line, and the pieces of
    the cells spanning several rows spread over the lines of their rows."""
    rows: list[list[_Line]] = []
    spanning: list[tuple[LayoutCell, str]] = []
    for i in range(table.layout.height):
        placed: list[tuple[int, _Piece]] = []
        values: list[_Piece] = []
        n = 1
        for cell, text in table.cells(i):
            if cell.rowspan > 1:
                spanning.append((cell, text))
            elif cell.kind == "value":
                if text:
                    values.append(_Piece(cell.col, cell.colspan, text, centered=True))
            else:
                pieces = _wrap(text, style.label_limit, 3) if cell.kind == "label" else [text]
                n = max(n, len(pieces))
                centered = cell.kind == "header"
                placed += [(j, _Piece(cell.col, cell.colspan, p, centered)) for j, p in enumerate(pieces)]
        lines: list[_Line] = [{} for _ in range(n)]
        for j, piece in placed:
            lines[j][piece.col] = piece
        at = 0 if style.numbers_first else n // 2
        for piece in values:
            lines[at][piece.col] = piece
        rows.append(lines)
    # Inner spans first: an outer span then sees the lines added for an inner one.
    for cell, text in sorted(spanning, key=lambda c: c[0].rowspan):
        last = cell.row + cell.rowspan - 1
        if cell.kind == "label":
            pieces = _vertical(text, style.vertical_per_line)
        elif cell.kind == "note":
            pieces = _wrap(text, style.label_limit, None)
        else:
            pieces = [text]
        slots = [line for r in range(cell.row, last + 1) for line in rows[r]]
        if len(pieces) > len(slots):
            extra: list[_Line] = [{} for _ in range(len(pieces) - len(slots))]
            rows[last] += extra
            slots += extra
        start = (len(slots) - len(pieces)) // 2 if cell.kind == "label" else 0
        for j, p in enumerate(pieces):
            slots[start + j][cell.col] = _Piece(cell.col, cell.colspan, p, centered=cell.kind == "header")
    return rows


def _columns(layout: TableLayout, pieces: Sequence[_Piece], width: int) -> list[int]:
    """Column widths that fit every piece, spread (in proportion to the official widths) to ``width``."""
    widths = [0] * layout.width
    for p in pieces:
        if p.span == 1:
            widths[p.col] = max(widths[p.col], _display_width(p.text))
    for p in sorted((p for p in pieces if p.span > 1), key=lambda p: p.span):
        end = p.col + p.span
        missing = _display_width(p.text) - (sum(widths[p.col : end]) + _GAP * (p.span - 1))
        if missing > 0:
            widths[end - 1] += missing
    extra = width - (sum(widths) + _GAP * (layout.width - 1))
    if extra > 0:
        total = sum(layout.widths)
        shares = [math.floor(extra * w / total) for w in layout.widths]
        shares[-1] += extra - sum(shares)
        widths = [w + s for w, s in zip(widths, shares, strict=True)]
    return widths


def _set_line(line: _Line, widths: Sequence[int]) -> str:
    """One physical line: each piece at its column's position (centered in its span if so marked)."""
    starts = [sum(widths[:k]) + _GAP * k for k in range(len(widths))]
    out, at = "", 0
    for col in sorted(line):
        piece = line[col]
        x = starts[col]
        if piece.centered:
            span = starts[col + piece.span - 1] + widths[col + piece.span - 1] - x
            x += max(0, (span - _display_width(piece.text)) // 2)
        if out:
            x = max(x, at + _GAP)
        out += " " * (x - at) + piece.text
        at = x + _display_width(piece.text)
    return out


def _pdf_table(table: Table, style: _PdfStyle) -> list[list[str]]:
    """Per grid row, its text lines (a row with nothing in it has none)."""
    rows = _row_lines(table, style)
    pieces = [p for row in rows for line in row for p in line.values()]
    widths = _columns(table.layout, pieces, style.width)
    return [[s for s in (_set_line(line, widths) for line in row) if s] for row in rows]


def _page_line(rng: random.Random, width: int) -> str:
    page = rng.randint(2, 9)
    text = f"— {page} —" if rng.random() < 0.5 else f"第 {page} 页 共 {page + rng.randint(0, 4)} 页"
    pad = (width - _display_width(text)) // 2 if rng.random() < 0.5 else 0
    return " " * max(pad, 0) + text


def pdf_layout(text: str, rng: random.Random, width: int = 140) -> str:
    """A copy like ``pdftotext -layout`` makes of the report's PDF.

    Each table row is one line with its cells at column positions (padded with spaces; the table is spread
    over at least ``width`` columns, a CJK character counting two); a blank cell is spaces and a row with
    nothing in it leaves no line. A row label longer than 10–14 characters (drawn) is wrapped over two or
    three lines, the continuation lines holding only the rest of the label at its column; the row's numbers
    are on its first line or on its middle line (line ``n // 2``; drawn). A label spanning several rows
    (table 三's 三、本年度办理结果, （三）不予公开, …) is set vertically, one or two characters a line (drawn;
    punctuation not counted) in its column, centered over the lines of the rows it spans; the 勾稽 note is
    wrapped over the header lines. Perhaps (drawn) a page line ``— 3 —`` or ``第 3 页 共 5 页`` between two
    rows of one table. Paragraph lines lose their indentation or are indented by spaces (drawn); other lines
    are kept. Every choice is drawn from ``rng``, once per document.

    Example (part of table 三; labels longer than 10 characters wrapped, two vertical characters a line,
    numbers on the first line, a page line)::

        一、本年新收政府                                    10         2               1          13
        信息公开申请数量
                 （一）予以公开                             5          1                          6
                 （二）部分公开（区分                       1                                     1
                 处理的，只计这一情形
                 ，不计其他情形）
                             1.属于国家秘密                 1                                     1
        …
                 （三）不    4.保护第三
                 予公        方合法权益
                 开          5.属于三类
                             内部事务信息
                             6.属于四类
                             过程性信息
                                               第 8 页 共 8 页
                             7.属于行政执法案卷
                             8.属于行政查询事项
                             1.本机关不掌                   2          1                          3
        三、本   （四）无    握相关政府信息
        年度     法提        2.没有现成信
    """
    style = _PdfStyle(
        numbers_first=rng.random() < 0.5,
        label_limit=rng.randint(10, 14),
        vertical_per_line=rng.choice((1, 2)),
        indent=rng.choice(("", "  ", "    ", "        ")),
        width=width,
    )
    page_at = (
        (rng.randrange(len(form.TABLES)), rng.random(), _page_line(rng, width))
        if rng.random() < 0.5
        else None
    )
    lines: list[str] = []
    k = 0
    for x in split_rendering(text):
        if not isinstance(x, Table):
            lines.append(style.indent + x[len(INDENT) :] if x.startswith(INDENT) else x)
            continue
        rows = _pdf_table(x, style)
        if page_at is not None and page_at[0] == k:
            between = [b for b in range(1, len(rows)) if rows[b - 1] and rows[b]]
            b = between[int(page_at[1] * len(between))]
            rows.insert(b, [page_at[2]])
        lines += [line for row in rows for line in row]
        k += 1
    return _join(lines)


# ---------------------------------------------------------------------------------------------------------
# All of them


def _plain(render: Callable[[str], str]) -> Callable[[str, random.Random], str]:
    def rendering(text: str, rng: random.Random) -> str:
        return render(text)

    rendering.__doc__ = render.__doc__
    return rendering


#: Every rendering and variant by name, as ``(text, rng) -> text`` (the ones that draw nothing ignore ``rng``).
RENDERINGS: Final[dict[str, Callable[[str, random.Random], str]]] = {
    "glued": _plain(glued),
    "glued-one-line": _plain(lambda t: glued(t, one_line=True)),
    "pdf-layout": pdf_layout,
    "cell-per-line-blank-lines": _plain(lambda t: cell_per_line(t, "blank-lines")),
    "cell-per-line-bars": _plain(lambda t: cell_per_line(t, "bars")),
    "cell-per-line-plain": _plain(lambda t: cell_per_line(t, "plain")),
    "spaced": _plain(spaced),
}
