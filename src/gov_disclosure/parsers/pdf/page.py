"""One page: its characters (read once, radicals mapped) into lines of running text and into the cells of
its tables, in reading order (top to bottom: one column of text is assumed).

The rules are in ``docs/pdf.md`` ("Characters", "Running text").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from ...findings import Finding
from .ruling import Seg, Table, find_tables, locate

__all__ = ["UNMAPPED", "Char", "Item", "Line", "PageContent", "group_lines", "join_chars", "read_page"]

#: A character: (x0, x1, top, bottom, size, text).
Char = tuple[float, float, float, float, float, str]

#: A glyph whose font gives no Unicode value is read as U+FFFD (and counted: ``parse.pdf-unmapped``).
UNMAPPED = 0xFFFD
#: Characters at the same place within this distance (points) are one character drawn twice.
_DEDUPE = 1.0
#: Side of the square buckets characters are filed in while looking for ones drawn twice.
_BUCKET = 8.0
#: A cell's last line fills the cell when it is at most this many characters (of its size) narrower than
#: the cell (the cell's inner margins, and a character moved to the next line by line-breaking rules).
_FULL_LINE = 2.5

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


class Line:
    """A line of running text on a page."""

    __slots__ = ("bottom", "page", "size", "text", "top", "x0", "x1")

    def __init__(self, page: int, chars: list[Char]) -> None:
        self.page = page
        self.text = join_chars(chars)
        self.size = max(c[4] for c in chars)
        self.top = min(c[2] for c in chars)
        self.bottom = max(c[3] for c in chars)
        visible = [c for c in chars if not c[5].isspace()] or chars
        self.x0 = visible[0][0]
        self.x1 = chars[-1][1]


#: What a page holds, in reading order.
Item = Line | Table


class PageContent:
    """What was read on one page: its lines and tables in reading order."""

    __slots__ = ("empty", "has_images", "height", "items", "notes", "number", "unmapped")

    def __init__(self, number: int, height: float) -> None:
        self.number = number
        self.height = height
        self.items: list[Item] = []
        self.empty = True
        self.has_images = False
        #: Characters read as U+FFFD because their font maps them to no Unicode value.
        self.unmapped = 0
        #: Findings about this page (bounds met).
        self.notes: list[Finding] = []


def read_page(
    number: int,
    height: float,
    raw_chars: list[Char],
    segs: list[Seg],
    images: bool,
) -> PageContent:
    """The lines and tables of page ``number`` from the characters and strokes an engine read there."""
    content = PageContent(number, height)
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
    content.unmapped = sum(1 for c in chars if c[5] == chr(UNMAPPED))
    tables = find_tables(segs, number, content.notes)
    in_cells: list[dict[int, list[Char]]] = [{} for _ in tables]
    free: list[Char] = []
    for ch in chars:
        found = locate(tables, (ch[0] + ch[1]) / 2, (ch[2] + ch[3]) / 2)
        if found is None:
            free.append(ch)
        else:
            in_cells[found[0]].setdefault(found[1], []).append(ch)
    for table, cell_chars in zip(tables, in_cells, strict=True):
        _finish_cells(table, cell_chars)
    items: list[Item] = [Line(number, line) for line in group_lines(free)]
    items.extend(tables)
    items.sort(key=lambda it: it.top)
    content.items = items
    return content


def group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters grouped into lines (top to bottom), each sorted left to right."""
    ordered = sorted(chars, key=lambda c: ((c[2] + c[3]) / 2, c[0]))
    lines: list[list[Char]] = []
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


def join_chars(chars: Sequence[Char]) -> str:
    """The text of one line; a space is added only between narrow characters set apart by a gap."""
    parts: list[str] = []
    prev: Char | None = None
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


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch[:1]) in ("W", "F")


def _near(v: float) -> tuple[int, ...]:
    """The buckets within :data:`_DEDUPE` of coordinate ``v``."""
    k = int(v // _BUCKET)
    r = v - k * _BUCKET
    if r < _DEDUPE:
        return (k - 1, k)
    if _BUCKET - r <= _DEDUPE:
        return (k, k + 1)
    return (k,)


def _dedupe(chars: list[Char]) -> list[Char]:
    """Drop characters drawn again at (almost) the same place with the same text."""
    seen: dict[tuple[str, int, int], list[Char]] = {}
    out: list[Char] = []
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


def _finish_cells(table: Table, cell_chars: Mapping[int, list[Char]]) -> None:
    """Set each cell's text from its characters: its lines joined without line breaks."""
    for k, region in enumerate(table.regions):
        chars = cell_chars.get(k)
        if chars:
            lines = group_lines(chars)
            region.text = "".join(join_chars(line) for line in lines).strip()
            last = [c for c in lines[-1] if not c[5].isspace()]
            if last:
                width = max(c[1] for c in last) - min(c[0] for c in last)
                size = max(c[4] for c in last)
                region.full = width >= region.bbox[2] - region.bbox[0] - _FULL_LINE * size
    table.at = {}
