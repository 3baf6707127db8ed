"""Tables from ruling lines: strokes snapped and joined, a grid laid through each group of crossing
strokes, grid units merged into cells with their spans, open sides closed.

The rules and tolerances are in ``docs/pdf.md`` ("Tables").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from ...findings import Finding
from ..doc import too_complex

__all__ = [
    "JOIN",
    "MAX_GRID_UNITS",
    "MAX_STROKES_PER_PAGE",
    "THIN",
    "Region",
    "Seg",
    "Table",
    "find_tables",
    "locate",
    "nearest",
]

#: Ruling lines looked at on one page, and grid units of one table, at most (beyond: no table, a finding).
MAX_STROKES_PER_PAGE = 5_000
MAX_GRID_UNITS = 40_000

#: Strokes closer than this (points) are the same ruling line.
_SNAP = 2.0
#: Collinear strokes with a gap smaller than this are joined.
JOIN = 3.0
#: A stroke is thinner than this (a thin filled rectangle is a line).
THIN = 2.0
#: Shortest stroke that counts as a ruling line.
_MIN_STROKE = 3.0
#: Horizontal rules reaching at least this far beyond a table's outermost vertical rule close its side.
_OPEN_SIDE = 6.0

#: A straight stroke or the box of a thin filled rectangle: (x0, top, x1, bottom).
Seg = tuple[float, float, float, float]


class Region:
    """A cell of a table under construction: grid units [r0, r1) × [c0, c1), its box and text."""

    __slots__ = ("bbox", "c0", "c1", "full", "page", "r0", "r1", "text")

    def __init__(
        self, r0: int, r1: int, c0: int, c1: int, bbox: tuple[float, float, float, float], page: int
    ) -> None:
        self.r0, self.r1, self.c0, self.c1 = r0, r1, c0, c1
        self.bbox = bbox
        self.page = page
        self.text = ""
        #: Whether the last line of its text fills the cell's width (text that may go on in the next line).
        self.full = False


class Table:
    """A table found on a page (or joined over several pages): its grid and its cells."""

    __slots__ = ("at", "bbox", "n_rows", "page", "regions", "xs", "ys")

    def __init__(
        self,
        page: int,
        xs: list[float],
        ys: list[float],
        regions: list[Region],
    ) -> None:
        self.page = page
        self.xs = xs
        self.ys = ys
        self.n_rows = len(ys) - 1
        self.regions = regions
        self.bbox = (xs[0], ys[0], xs[-1], ys[-1])
        #: The cell over each grid unit (while reading the page: emptied once its cells have their text).
        self.at: dict[tuple[int, int], int] = {}
        for k, r in enumerate(regions):
            for i in range(r.r0, r.r1):
                for j in range(r.c0, r.c1):
                    self.at[(i, j)] = k

    @property
    def top(self) -> float:
        """Top of the table on its (first) page."""
        return self.bbox[1]


def find_tables(segs: Iterable[Seg], page: int, notes: list[Finding]) -> list[Table]:
    """The tables drawn by the strokes of one page; bounds met are added to ``notes``."""
    h, v = _strokes(segs)
    if len(h) < 2 or len(v) < 2:
        return []
    if len(h) + len(v) > MAX_STROKES_PER_PAGE:
        notes.append(
            too_complex(
                f"PDF 第{page}页的表格线数",
                f"The number of ruling lines on PDF page {page}",
                MAX_STROKES_PER_PAGE,
            )
        )
        return []
    tables = []
    for gh, gv in _crossing_groups(h, v):
        if len(gh) >= 2 and gv:
            gv = gv + _open_sides(gh, gv)
        if len(gh) >= 2 and len(gv) >= 2:
            if (len(gh) - 1) * (len(gv) - 1) > MAX_GRID_UNITS:
                notes.append(
                    too_complex(
                        f"PDF 第{page}页的表格网格", f"The table grid on PDF page {page}", MAX_GRID_UNITS
                    )
                )
                continue
            table = _grid(gh, gv, page)
            if table is not None:
                tables.append(table)
    return tables


def locate(tables: Sequence[Table], x: float, y: float) -> tuple[int, int] | None:
    """``(table index, cell index)`` of the cell the point lies in; None when it lies in no cell of the
    first table whose box holds it, or in no table."""
    for n, t in enumerate(tables):
        x0, top, x1, bottom = t.bbox
        if x0 <= x <= x1 and top <= y <= bottom:
            i = min(max(bisect.bisect_right(t.ys, y) - 1, 0), t.n_rows - 1)
            j = min(max(bisect.bisect_right(t.xs, x) - 1, 0), len(t.xs) - 2)
            k = t.at.get((i, j))
            return None if k is None else (n, k)
    return None


def nearest(values: Sequence[float], x: float) -> int:
    """Index of the value of the sorted ``values`` nearest to ``x``."""
    i = bisect.bisect_left(values, x)
    if i == len(values) or (i > 0 and x - values[i - 1] < values[i] - x):
        i -= 1
    return i


def _strokes(segs: Iterable[Seg]) -> tuple[list[list[float]], list[list[float]]]:
    """Horizontal strokes ``[y, x0, x1]`` and vertical strokes ``[x, top, bottom]``, snapped and joined."""
    h: list[list[float]] = []
    v: list[list[float]] = []
    for x0, top, x1, bottom in segs:
        w, ht = x1 - x0, bottom - top
        if ht <= THIN and w >= _MIN_STROKE:
            h.append([(top + bottom) / 2, x0, x1])
        elif w <= THIN and ht >= _MIN_STROKE:
            v.append([(x0 + x1) / 2, top, bottom])
    return _snap_join(h), _snap_join(v)


def _snap_join(strokes: list[list[float]]) -> list[list[float]]:
    """Snap strokes at nearly the same coordinate to one value, then join collinear overlapping ones."""
    strokes.sort(key=lambda s: s[0])
    groups: list[list[list[float]]] = []
    for s in strokes:
        if groups and s[0] - groups[-1][-1][0] <= _SNAP:
            groups[-1].append(s)
        else:
            groups.append([s])
    out: list[list[float]] = []
    for group in groups:
        pos = sum(s[0] for s in group) / len(group)
        group.sort(key=lambda s: s[1])
        cur = [pos, group[0][1], group[0][2]]
        for s in group[1:]:
            if s[1] <= cur[2] + JOIN:
                cur[2] = max(cur[2], s[2])
            else:
                out.append(cur)
                cur = [pos, s[1], s[2]]
        out.append(cur)
    return out


def _crossing_groups(
    h: list[list[float]], v: list[list[float]]
) -> list[tuple[list[list[float]], list[list[float]]]]:
    """The connected groups of crossing strokes, as (horizontal, vertical) strokes."""
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = JOIN
    for i, (y, a, b) in enumerate(h):
        for j, (x, t, u) in enumerate(v):
            if a - tol <= x <= b + tol and t - tol <= y <= u + tol:
                ri, rj = find(i), find(len(h) + j)
                if ri != rj:
                    parent[ri] = rj
    groups: dict[int, tuple[list[list[float]], list[list[float]]]] = {}
    for i, s in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(s)
    for j, s in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(s)
    return list(groups.values())


def _open_sides(h: Sequence[list[float]], v: Sequence[list[float]]) -> list[list[float]]:
    """The sides of a table drawn without its outer left or right rule (open sides), as vertical strokes.

    When two or more horizontal rules reach beyond the outermost vertical rule on one side, the table is
    closed there at the rules' extent, from the highest to the lowest of those rules; each side on its own.
    """
    out: list[list[float]] = []
    left = min(s[1] for s in h)
    if left < min(s[0] for s in v) - _OPEN_SIDE:
        ys = [s[0] for s in h if s[1] <= left + JOIN]
        if len(ys) >= 2:
            out.append([left, min(ys), max(ys)])
    right = max(s[2] for s in h)
    if right > max(s[0] for s in v) + _OPEN_SIDE:
        ys = [s[0] for s in h if s[2] >= right - JOIN]
        if len(ys) >= 2:
            out.append([right, min(ys), max(ys)])
    return out


def _positions(strokes: list[list[float]]) -> list[float]:
    out: list[float] = []
    for s in sorted(strokes, key=lambda s: s[0]):
        if not out or s[0] - out[-1] > _SNAP:
            out.append(s[0])
    return out


def _covered(strokes: Sequence[list[float]], a: float, b: float) -> bool:
    """True when some stroke covers the span [a, b] (within the join tolerance)."""
    return any(s[1] <= a + JOIN and s[2] >= b - JOIN for s in strokes)


def _grid(h: list[list[float]], v: list[list[float]], page: int) -> Table | None:
    """The table a group of strokes draws: grid units not separated by a stroke are one cell."""
    ys = _positions(h)
    xs = _positions(v)
    n_r, n_c = len(ys) - 1, len(xs) - 1
    if n_r < 1 or n_c < 1:
        return None
    by_y: dict[int, list[list[float]]] = {}
    for s in h:
        by_y.setdefault(nearest(ys, s[0]), []).append(s)
    by_x: dict[int, list[list[float]]] = {}
    for s in v:
        by_x.setdefault(nearest(xs, s[0]), []).append(s)
    # hline[i][j]: a stroke at ys[i] over column j; vline[i][j]: a stroke at xs[j] over row i.
    hline = [[_covered(by_y.get(i, ()), xs[j], xs[j + 1]) for j in range(n_c)] for i in range(n_r + 1)]
    vline = [[_covered(by_x.get(j, ()), ys[i], ys[i + 1]) for j in range(n_c + 1)] for i in range(n_r)]
    regions: list[Region] = []
    for members in _merged_units(hline, vline, n_r, n_c):
        r0 = min(i for i, _ in members)
        r1 = max(i for i, _ in members) + 1
        c0 = min(j for _, j in members)
        c1 = max(j for _, j in members) + 1
        if len(members) != (r1 - r0) * (c1 - c0):
            continue  # not a rectangle: not a cell
        # A cell cut by a page break may lack its rule on the table's outer top or bottom edge.
        closed = all(
            (hline[r0][j] or r0 == 0) and (hline[r1][j] or r1 == n_r) for j in range(c0, c1)
        ) and all(vline[i][c0] and vline[i][c1] for i in range(r0, r1))
        if closed:
            regions.append(Region(r0, r1, c0, c1, (xs[c0], ys[r0], xs[c1], ys[r1]), page))
    if len(regions) < 2:
        return None  # a frame around the page or a box around a paragraph, not a table
    regions.sort(key=lambda r: (r.r0, r.c0))
    return Table(page, xs, ys, regions)


def _merged_units(
    hline: list[list[bool]], vline: list[list[bool]], n_r: int, n_c: int
) -> list[list[tuple[int, int]]]:
    """The grid units ``(row, column)`` that no stroke separates, grouped."""
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i in range(n_r):
        for j in range(n_c):
            if j + 1 < n_c and not vline[i][j + 1]:
                union(i * n_c + j, i * n_c + j + 1)
            if i + 1 < n_r and not hline[i + 1][j]:
                union(i * n_c + j, (i + 1) * n_c + j)
    units: dict[int, list[tuple[int, int]]] = {}
    for i in range(n_r):
        for j in range(n_c):
            units.setdefault(find(i * n_c + j), []).append((i, j))
    return list(units.values())
