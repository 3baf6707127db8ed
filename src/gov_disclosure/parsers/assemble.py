"""The one assembler: blocks (paragraphs and tables, in reading order) -> a report, by label.

Every front-end (text, Markdown, HTML, Word, PDF) only produces :mod:`~gov_disclosure.parsers.doc` blocks; this
module does everything else, the same way for all of them:

**Tables.** Each table is laid out on its grid (merged cells repeated at every position they cover).
Every grid
row is classified by the labels it contains (:mod:`~gov_disclosure.parsers.labels`): a *data row* carries a row
label of table 二 or 三; a *case row* carries a table-四 block label (行政复议…, the 3×5 layout); a
*header row*
carries column labels, captions, notes or 2019 markers; a row without labels is table 四's data row when it
follows table 四's header (the published 1×15 layout), and is otherwise reported and ignored. Rows are found
wherever they sit — one table or several, with or without captions, with repeated header rows.

The values of a data row are the cells after its label cells. When the header rows above it (in the same
table)
place every expected column at one grid position, values are taken by column header; otherwise they are
taken in
the form's column order, after dropping the padding empty cells real copies add at the end (and, failing
that, at
the start). A row with too few cells gets a ``parse.missing-cell`` notice, too many a ``parse.extra-cells``
notice; an unreadable number a ``parse.bad-number`` finding quoting it; a row given twice with other values a
``parse.duplicate-row`` warning (the first is kept).

**Narrative.** Section headings are the official ones and their variants in any spelling
(:func:`~gov_disclosure.parsers.normalize.label_key`), or — for a section whose known heading does not occur — a
short line numbered like the section (``五、``) with one of its key words. Paragraphs go to the section they
follow; paragraphs before section 一 are the preamble. A sub-heading (a
:class:`~gov_disclosure.model.Subsection`)
is a paragraph the markup marks as a heading (level ≥ 2), or a short line that is *only* a numbered heading:
``（一）`` … ``（十）`` followed by at most 30 characters with no sentence punctuation
(``。；，：！？``). A line
such as ``(一)健全完善组织体系。2024年,…`` is an ordinary paragraph. Paragraphs that are only a table label
(a caption such as ``第二十条第（一）项`` printed above a table) are table furniture, not narrative.

**Metadata.** The title (the first line before section 一 that reads
``{机关}{年份}年政府信息公开工作年度报告`` or
``{年份}年{机关}政府信息公开…``, or the first level-1 heading) gives the agency and the year; lines before the
title are page chrome and dropped. The statistical period comes from the preamble (or section 一); the issuer
and the date from the sign-off (the paragraphs the markup marks so, or else a date-only last line and
the short
line before it). Missing values are inferred where it is safe — the year from the statistical period, else the
year before publication; the agency from the issuer (``…人民政府办公室`` → ``…人民政府``) — with a
``parse.meta-inferred`` notice, and the kind of agency is guessed from its name (:func:`guess_kind`).
Precedence: the caller's hints, then machine-readable metadata in the source (:attr:`Document.meta`), then
what the text says.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final, NamedTuple

import attrs
from attrs import define, frozen

from .. import form
from ..findings import Finding, Location, make
from ..model import (
    ActiveDisclosure,
    AgencyKind,
    ApplicantCounts,
    Applications,
    CaseCounts,
    DocumentCounts,
    Meta,
    Narrative,
    Report,
    ReviewLitigation,
    Subsection,
    unchecked,
)
from ..text.dates import DATE_RE, YEAR_DIGITS, cn_number
from . import codes as _codes  # noqa: F401  (declares the parse.* codes)
from .doc import Block, Cell, Limits, Origin, Paragraph, TableBlock, too_complex
from .labels import HEADINGS, LABELS, MARKERS_2019, MARKERS_2021, SECTION_KEYWORDS, Kind, Label
from .normalize import (
    find_period,
    fold,
    is_blank,
    label_key,
    read_amount,
    read_count,
    read_date,
    strip_numbering,
)
from .result import ParseResult, SourceEntry, Template

__all__ = ["Hints", "assemble", "guess_kind", "parse_title"]

CellValue = int | Decimal | None

_SECTION_IDS: Final = tuple(s.id for s in form.SECTIONS)
_SECTION_BY_ID: Final = {s.id: s for s in form.SECTIONS}
_SECTION_NUMERAL: Final = {s.id: s.heading.split("、", 1)[0] for s in form.SECTIONS}
_TEXT_FIELD: Final = {
    "overview": "overview",
    "active_disclosure": "active_disclosure_text",
    "applications": "applications_text",
    "review_litigation": "review_litigation_text",
    "problems": "problems",
    "other_matters": "other_matters",
}
_CJK_RE: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: A CJK character that is not part of a Chinese numeral: the cell is a label, not a (badly written) value.
_LABEL_LIKE_RE: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff](?<![零〇一二三四五六七八九十百千万亿两])")
_SUBHEADING_RE: Final = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]\s*\S")
_SENTENCE_PUNCT: Final = frozenset("。；;，,：:！!？?")
_MAX_SUBHEADING: Final = 34
_MAX_HEADING: Final = 60
_MAX_TITLE: Final = 120
_MAX_ISSUER: Final = 60
_FUZZY_CUTOFF: Final = 0.8


@frozen(kw_only=True)
class Hints:
    """Metadata the caller knows better than the document (each overrides what is read)."""

    agency: str | None = None
    year: int | None = None
    kind: AgencyKind | None = None
    region: str | None = None


# ---------------------------------------------------------------------------------------------------------
# Metadata helpers

_ORG_SUFFIX_RE: Final = re.compile(
    r"(人民政府|政府|办公室|办公厅|局|委员会|委|厅|办|署|中心|院|所|站|处|街道办事处|管委会|管理委员会|公司|集团)$"
)
_TOWN_RE: Final = re.compile(r"(乡|镇|街道|苏木|街道办事处|乡人民政府|镇人民政府|苏木人民政府)$")
_PLACE_RE: Final = re.compile(r"(省|市|区|县|自治区|自治州|州|盟|旗|自治县|自治旗|特区|林区)$")
_DEPARTMENT_RE: Final = re.compile(r"(局|委员会|委|厅|办公室|办公厅|办|署|管委会|管理委员会)$")


def guess_kind(name: str) -> AgencyKind | None:
    """Guess the kind of agency from its name, or ``None`` when the name does not tell.

    ``…乡/镇/街道…`` (人民政府, 办事处) → :attr:`~AgencyKind.OTHER`; ``…人民政府`` / ``…政府`` or a bare
    place (``上海市``) → :attr:`~AgencyKind.GOVERNMENT`; ``…局``, ``…委员会``, ``…办公室`` … →
    :attr:`~AgencyKind.DEPARTMENT`.
    """
    key = label_key(name)
    if not key:
        return None
    if _TOWN_RE.search(key) or key.endswith("街道办事处"):
        return AgencyKind.OTHER
    if key.endswith("政府") or _PLACE_RE.search(key):
        return AgencyKind.GOVERNMENT
    if _DEPARTMENT_RE.search(key):
        return AgencyKind.DEPARTMENT
    return None


_TITLE_YEAR: Final = rf"(?P<year>{YEAR_DIGITS})"
_TITLE_BODY_RE: Final = re.compile(rf"^(?P<agency>.+?)\s*{_TITLE_YEAR}\s*年度?\s*$", re.S)
_TITLE_BODY2_RE: Final = re.compile(rf"^\s*{_TITLE_YEAR}\s*年度?\s*(?P<agency>.+?)\s*$", re.S)
_TITLE_SUFFIX_KEY: Final = label_key(form.TITLE_SUFFIX)
_TITLE_WRAP: Final = '《》〈〉<>"“”'
#: Page chrome before a title on the same line: a breadcrumb (``当前位置：首页 > … >``) or a field label
#: (``标题：``). The title is what follows the last of these marks.
_CHROME_RE: Final = re.compile(r"^.*(?:[>›»]|[:：](?!\s*$))\s*")
#: Links to other pages (``上一篇：…2023年…报告``): a title there is never this report's.
_LINK_RE: Final = re.compile(
    r"^\s*(?:上一?篇|下一?篇|上一条|下一条|相关(?:链接|阅读|文章|文件|信息)|推荐阅读|往期)"
)


def parse_title(text: str) -> tuple[str, int] | None:
    """``(agency, year)`` from a title line such as ``乃东区人民政府2024年政府信息公开工作年度报告``,
    ``2022年上海市政府信息公开工作年度报告`` or ``…二〇二四年…`` ; ``None`` when the line is not such a title.

    Page chrome before the title on the same line (``当前位置：首页 > 年度报告 > …``, ``标题：…``) is not part
    of the agency; a link to another page (``上一篇：…``, ``相关链接``) is not a title.
    """
    t = _title_text(text)
    if t is None:
        return None
    n = len(form.TITLE_SUFFIX)
    body = t[:-n]
    m = _TITLE_BODY_RE.match(body) or _TITLE_BODY2_RE.match(body)
    if m is None:
        return None
    agency = m.group("agency").strip().strip(_TITLE_WRAP).strip()
    year = cn_number(fold(m.group("year")))
    if not agency or year is None:
        return None
    return agency, year


def _title_text(text: str) -> str | None:
    """The title in ``text`` (without page chrome before it), or ``None`` when ``text`` is no title line."""
    t = text.strip()
    if len(t) > _MAX_TITLE or "\n" in t or _LINK_RE.match(t):
        return None
    t = _CHROME_RE.sub("", t.strip(_TITLE_WRAP).strip(), count=1).strip().strip(_TITLE_WRAP).strip()
    n = len(form.TITLE_SUFFIX)
    if len(t) <= n or label_key(t[-n:]) != _TITLE_SUFFIX_KEY:
        return None
    return t


#: How many paragraphs at the end of the text may hold the sign-off (page footers follow some).
_SIGNOFF_WINDOW: Final = 16


def _signoff_table(b: Block) -> list[Paragraph] | None:
    """The lines of a sign-off laid out as a small table (an organisation cell and a date cell, at most three
    rows of at most two cells, no label), as paragraphs in reading order; else ``None``."""
    if not isinstance(b, TableBlock) or len(b.rows) > 3 or any(len(r) > 2 for r in b.rows):
        return None
    cells = [c for r in b.rows for c in r if c.text.strip()]
    texts = [c.text.strip() for c in cells]
    if not any(read_date(t)[1] for t in texts) or not any(_is_org_line(t) for t in texts):
        return None
    if any(_cell_labels(t) for t in texts):
        return None
    return [Paragraph(text=t, origin=c.origin) for t, c in zip(texts, cells, strict=True)]


def _signed_at(paragraphs: Sequence[Paragraph]) -> int | None:
    """Index of the last date-only line right after an organisation line among the last paragraphs."""
    for k in range(len(paragraphs) - 1, max(0, len(paragraphs) - _SIGNOFF_WINDOW), -1):
        p, before = paragraphs[k], paragraphs[k - 1]
        if p.level is None and before.level is None and _is_org_line(before.text) and read_date(p.text)[1]:
            return k
    return None


def _signoff_lines(p: Paragraph, *, last: bool) -> list[Paragraph]:
    """``p`` as its sign-off lines when it ends with a date after an organisation (on the same line or the
    line before; any line before the date when ``p`` is the last paragraph), else ``[p]``."""
    text = p.text.strip()
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) > 1 and read_date(lines[-1])[1] and (last or _is_org_line(lines[-2])):
        return [attrs.evolve(p, text=ln) for ln in lines]
    if len(text) > _MAX_ISSUER + 20:
        return [p]
    folded = fold(text)
    for m in DATE_RE.finditer(folded):
        if m.end() == len(folded) and m.start() > 0:
            head = text[: m.start()].strip()
            if _is_org_line(head) and text[m.start() - 1].isspace():
                return [attrs.evolve(p, text=head), attrs.evolve(p, text=text[m.start() :].strip())]
    return [p]


def _title_head(text: str) -> bool:
    """A line that may be the first part of a title wrapped onto two lines: an organisation, or one ending
    with the year (``某某县交通运输局``, ``某某县交通运输局2024年``)."""
    t = text.strip()
    if not t or len(t) > _MAX_ISSUER or any(ch in _SENTENCE_PUNCT for ch in t):
        return False
    return _is_org_line(t) or re.search(rf"{YEAR_DIGITS}\s*年度?$", fold(t)) is not None


def _agency_from_issuer(issuer: str) -> str:
    """The agency a report signed by ``issuer`` is about: ``…人民政府办公室`` → ``…人民政府``."""
    text = issuer.strip()
    key = label_key(text)
    if key.endswith("政府办公室") and label_key(text[-3:]) == "办公室":
        return text[:-3].rstrip()
    return text


def _is_org_line(text: str) -> bool:
    t = text.strip()
    return (
        0 < len(t) <= _MAX_ISSUER
        and not any(ch in _SENTENCE_PUNCT for ch in t)
        and _ORG_SUFFIX_RE.search(label_key(t)) is not None
    )


# ---------------------------------------------------------------------------------------------------------
# Grids


class _G(NamedTuple):
    """A grid position: the cell covering it, whether this is a copy (not the cell's top-left position),
    and the cell's label meanings (computed once per cell)."""

    cell: Cell
    copy: bool
    labels: tuple[Label, ...]


_EMPTY_CELL: Final = Cell(text="")
_HOLE: Final = _G(_EMPTY_CELL, True, ())


def _grid(table: TableBlock, limits: Limits, notes: list[Finding]) -> list[list[_G]]:
    """Lay the table's cells on a grid (HTML table model); spans clipped to ``limits.max_span``."""
    rows: Sequence[tuple[Cell, ...]] = table.rows
    if all(c.rowspan == 1 and c.colspan == 1 for row in rows for c in row):
        if sum(len(row) for row in rows) > limits.max_cells:
            notes.append(_too_many_cells(limits))
            rows = _clip_rows(rows, limits.max_cells)
        return [[_G(c, False, _cell_labels(c.text)) for c in row] for row in rows]
    grid: list[list[_G | None]] = [[] for _ in rows]
    total = 0
    n_rows = len(rows)
    max_span = limits.max_span
    for r, row in enumerate(rows):
        c = 0
        line = grid[r]
        for cell in row:
            n = len(line)
            while c < n and line[c] is not None:
                c += 1
            labels = _cell_labels(cell.text)
            rs, cs = cell.rowspan, cell.colspan
            if rs == 1 and cs == 1:
                total += 1
                if total > limits.max_cells:
                    notes.append(_too_many_cells(limits))
                    return [[g if g is not None else _HOLE for g in ln] for ln in grid]
                if c == n:
                    line.append(_G(cell, False, labels))
                else:
                    line[c] = _G(cell, False, labels)
                c += 1
                continue
            rs = max(1, min(rs, max_span, n_rows - r))
            cs = max(1, min(cs, max_span))
            total += rs * cs
            if total > limits.max_cells:
                notes.append(_too_many_cells(limits))
                return [[g if g is not None else _HOLE for g in ln] for ln in grid]
            for dr in range(rs):
                target = grid[r + dr]
                need = c + cs - len(target)
                if need > 0:
                    target.extend([None] * need)
                for dc in range(cs):
                    if target[c + dc] is None:
                        target[c + dc] = _G(cell, dr != 0 or dc != 0, labels)
            c += cs
    return [[g if g is not None else _HOLE for g in ln] for ln in grid]


def _too_many_cells(limits: Limits) -> Finding:
    return too_complex("表格单元格数", "The number of cells of a table", limits.max_cells)


def _clip_rows(rows: Sequence[tuple[Cell, ...]], limit: int) -> list[tuple[Cell, ...]]:
    out: list[tuple[Cell, ...]] = []
    left = limit
    for row in rows:
        if left <= 0:
            break
        out.append(row[:left])
        left -= len(row)
    return out


def _blank_text(text: str) -> bool:
    return not text.strip()


def _is_blank_value(g: _G) -> bool:
    return _blank_text(g.cell.text)


# ---------------------------------------------------------------------------------------------------------
# Row classification

_ROW = "data"
_CASES = "cases"
_HEADER = "header"
_GROUP = "group"
_BLANK = "blank"
_OTHER = "other"


@define
class _Row:
    kind: str
    grid: list[_G]
    #: Index of the first value cell (after the label cells).
    start: int = 0
    #: For data rows: (table, row id); for case rows: ("四", block id); for group rows: ("三", group id).
    target: tuple[str, str] | None = None
    labels: list[tuple[int, tuple[Label, ...]]] | None = None
    fuzzy: tuple[str, str] | None = None


@lru_cache(maxsize=8192)
def _cell_labels(text: str) -> tuple[Label, ...]:
    """The meanings of a cell's text as a label (``()`` for numbers, blanks and other text)."""
    if not text or _CJK_RE.search(text) is None:
        return ()
    return LABELS.get(label_key(text), ())


_FUZZY_CANDIDATES: Final = tuple(
    (key, labs[0])
    for key, labs in LABELS.items()
    if len(labs) == 1 and labs[0].kind in (Kind.ROW, Kind.CASE_BLOCK) and not labs[0].variant
)
_FUZZY_KEYS: Final = [k for k, _ in _FUZZY_CANDIDATES]
_FUZZY_BY_KEY: Final = dict(_FUZZY_CANDIDATES)


def _fuzzy(text: str) -> Label | None:
    key = label_key(text)
    if not 2 <= len(key) <= 60 or _CJK_RE.search(key) is None:
        return None
    best = difflib.get_close_matches(key, _FUZZY_KEYS, n=2, cutoff=_FUZZY_CUTOFF)
    if not best:
        return None
    if len(best) == 2:
        ratios = [difflib.SequenceMatcher(None, key, b).ratio() for b in best]
        if abs(ratios[0] - ratios[1]) < 0.05:
            return None
    return _FUZZY_BY_KEY[best[0]]


_ROW_KEYS: Final = sorted(
    (
        (key, labs[0])
        for key, labs in LABELS.items()
        if len(labs) == 1 and labs[0].kind in (Kind.ROW, Kind.CASE_BLOCK)
    ),
    key=lambda kv: -len(kv[0]),
)
_GROUP_KEYS: Final = sorted(
    (
        key
        for key, labs in LABELS.items()
        if labs and all(lab.kind in (Kind.ROW_GROUP, Kind.COLUMN_GROUP) for lab in labs)
    ),
    key=len,
    reverse=True,
)
_SEPARATORS: Final = ":-—/·>"


@lru_cache(maxsize=4096)
def _compound(text: str) -> Label | None:
    """A row label written after its group labels in one cell: ``（三）不予公开 1.属于国家秘密``,
    ``行政诉讼：未经复议直接起诉``, ``行政诉讼（未经复议直接起诉）``."""
    key = label_key(text)
    if len(key) > 120:
        return None
    lab = _compound_key(key)
    if lab is None and key.endswith(")") and "(" in key[1:]:
        # The row label in parentheses after its group: 行政诉讼(复议后起诉).
        i = key.rindex("(")
        lab = _compound_key(f"{key[:i]}:{key[i + 1 : -1]}")
    return lab


def _compound_key(key: str) -> Label | None:
    for row_key, lab in _ROW_KEYS:
        if len(row_key) < len(key) and key.endswith(row_key):
            head = key[: -len(row_key)].strip(_SEPARATORS)
            while head:
                for g in _GROUP_KEYS:
                    if head.startswith(g):
                        head = head[len(g) :].strip(_SEPARATORS)
                        break
                else:
                    return None
            return lab
    return None


def _classify(grid_row: list[_G]) -> _Row:
    found = [(j, g.labels) for j, g in enumerate(grid_row) if g.labels]
    if not found:
        if all(_is_blank_value(g) for g in grid_row):
            return _Row(_BLANK, grid_row)
        if all(g.copy or _is_blank_value(g) or _is_table_note(g.cell.text) for g in grid_row):
            # A note or a caption as a table row (单位：件, 收到和处理政府信息公开申请情况): furniture.
            return _Row(_HEADER, grid_row, 0, None, [])
        return _near_label(grid_row, [], 0) or _Row(_OTHER, grid_row)
    row = _classify_found(grid_row, found)
    if row.kind == _ROW:
        return row  # a row with a row label is that row whatever its other cells say
    # Cells written as a compound beside labelled ones (a header 行政复议 | 行政诉讼：未经复议直接起诉 | …).
    compounds: list[tuple[int, tuple[Label, ...]]] = [
        (j, (lab,))
        for j, g in enumerate(grid_row)
        if not g.labels
        and not g.copy
        and _CJK_RE.search(g.cell.text) is not None
        and (lab := _compound(g.cell.text)) is not None
    ]
    if compounds:
        found = sorted(found + compounds, key=lambda x: x[0])
        row = _classify_found(grid_row, found)
    if row.kind == _GROUP:
        # Group cells only (（四）无法提供 | 1.本机关不掌握相关的政府信息 | …): the row label after them
        # may be a compound or a close variant, as when it stands alone.
        return _near_label(grid_row, found, row.start) or row
    return row


def _near_label(grid_row: list[_G], found: list[tuple[int, tuple[Label, ...]]], start: int) -> _Row | None:
    """The row whose first unlabelled text cell from ``start`` on is a compound or close row label."""
    for j in range(start, len(grid_row)):
        g = grid_row[j]
        if g.copy or g.labels or _blank_text(g.cell.text) or _CJK_RE.search(g.cell.text) is None:
            continue
        lab = _compound(g.cell.text)
        fuzzy = lab is None
        if lab is None:
            lab = _fuzzy(g.cell.text)
        if lab is None:
            continue
        row = _classify_found(grid_row, [*found, (j, (lab,))])
        if fuzzy:
            row.fuzzy = (g.cell.text, lab.label)
        return row
    return None


def _classify_found(grid_row: list[_G], found: list[tuple[int, tuple[Label, ...]]]) -> _Row:
    last = max(j for j, _ in found)
    rows = [(j, lab) for j, labs in found for lab in labs if lab.kind is Kind.ROW]
    if rows:
        j, lab = max(rows, key=lambda x: x[0])
        return _Row(_ROW, grid_row, last + 1, (lab.table, lab.id), found)
    blocks = [(j, lab) for j, labs in found for lab in labs if lab.kind is Kind.CASE_BLOCK]
    if blocks:
        t4_others = any(
            lab.table == "四" and lab.kind in (Kind.COLUMN, Kind.COLUMN_GROUP)
            for j, labs in found
            for lab in labs
            if j > blocks[0][0]
        ) or any(lab.kind is Kind.COLUMN and lab.table == "四" for _, labs in found for lab in labs)
        distinct = {lab.id for _, lab in blocks}
        j, lab = blocks[-1]
        if not t4_others and len(distinct) == 1 and j == last:
            return _Row(_CASES, grid_row, last + 1, ("四", lab.id), found)
    if all(lab.kind is Kind.ROW_GROUP for _, labs in found for lab in labs):
        group = max(found, key=lambda x: x[0])[1][0]
        return _Row(_GROUP, grid_row, last + 1, ("三", group.id), found)
    if len(found) == 1 and _is_bare_total(found[0][1]) and _numbers_follow(grid_row[last + 1 :]):
        # 总计 | 13 | 2 | … : table 三's （七）总计 written without its number (总计 alone is a column label).
        text = grid_row[found[0][0]].cell.text
        return _Row(_ROW, grid_row, last + 1, _BARE_TOTAL_ROW, found, fuzzy=(text, _BARE_TOTAL_LABEL))
    return _Row(_HEADER, grid_row, last + 1, None, found)


_BARE_TOTAL_ROW: Final = ("三", "outcome_total")
_BARE_TOTAL_LABEL: Final = next(r.label for r in form.APPLICATIONS.rows if r.id == "outcome_total")


def _is_bare_total(labels: tuple[Label, ...]) -> bool:
    """The label cell is the column label 总计 (of table 三 or 四) and nothing else."""
    return bool(labels) and all(lab.kind is Kind.COLUMN and lab.id == "total" for lab in labels)


def _label_text_only(cells: Sequence[_G]) -> bool:
    """Every non-blank cell holds Chinese text and no digit (the rest of a header, not a row of values)."""
    texts = [g.cell.text for g in cells if not g.copy and not is_blank(g.cell.text)]
    return bool(texts) and all(
        _CJK_RE.search(t) is not None and not any(ch.isdigit() for ch in t) for t in texts
    )


def _numbers_follow(cells: Sequence[_G]) -> bool:
    """At least two of ``cells`` hold digits and none holds Chinese text (a row of values, not of labels)."""
    texts = [g.cell.text for g in cells if not g.copy and not _blank_text(g.cell.text)]
    digits = sum(any(ch.isdigit() for ch in t) for t in texts)
    return digits >= 2 and not any(_CJK_RE.search(t) for t in texts)


# ---------------------------------------------------------------------------------------------------------
# Header maps

_GROUP_KINDS: Final = frozenset({Kind.COLUMN_GROUP, Kind.CASE_BLOCK, Kind.HEADER})


def _labels_at(run: Sequence[_Row]) -> list[list[Label]]:
    """For each grid position, the labels of the header cells covering it, top to bottom."""
    width = max((len(r.grid) for r in run), default=0)
    out: list[list[Label]] = [[] for _ in range(width)]
    for row in run:
        extend: tuple[Label, ...] = ()
        for j, g in enumerate(row.grid):
            labs = g.labels
            if not labs:
                if extend and not g.copy and _blank_text(g.cell.text):
                    out[j].extend(extend)
                continue
            out[j].extend(labs)
            extend = tuple(lab for lab in labs if lab.kind in _GROUP_KINDS)
    return out


def _positions(
    at: list[list[Label]], table: str, columns: Sequence[tuple[str, str | None]], t2block: str | None
) -> list[int] | None:
    """Grid positions of ``columns`` ((column id, required table-四 block)) by header, or ``None``."""
    chosen: list[int] = []
    for col_id, block in columns:
        hit = None
        for j, labs in enumerate(at):
            leaf = None
            for lab in labs:
                if (
                    lab.kind is Kind.COLUMN
                    and lab.table == table
                    and (t2block is None or lab.block == t2block)
                ):
                    leaf = lab
            if leaf is None or leaf.id != col_id:
                continue
            if block is not None and not any(lab.kind is Kind.CASE_BLOCK and lab.id == block for lab in labs):
                continue
            hit = j
            break
        if hit is None or hit in chosen:
            return None
        chosen.append(hit)
    return chosen


# ---------------------------------------------------------------------------------------------------------
# Tables


class _Col(NamedTuple):
    """A column as the reader needs it: id, official label, unit, table-四 block, and the cell's address."""

    id: str
    label: str
    unit: str
    block: str | None
    address: tuple[str, str, str]


def _build_targets() -> dict[tuple[str, str], tuple[str, str, tuple[_Col, ...]]]:
    out: dict[tuple[str, str], tuple[str, str, tuple[_Col, ...]]] = {}
    for t in form.TABLES:
        for b in t.blocks:
            for r in b.rows:
                key = (t.id, b.id if t.id == "四" else r.id)
                out[key] = (
                    b.id,
                    r.label,
                    tuple(_Col(c.id, c.label, r.unit, None, (t.id, r.label, c.label)) for c in b.columns),
                )
    return out


#: (table, row id — or block id for table 四) -> (block id, row label, columns).
_TARGETS: Final = _build_targets()


_T4_ALL: Final = [
    _Col(c.id, c.label, "count", b.id, ("四", b.rows[0].label, c.label))
    for b in form.REVIEW_LITIGATION.blocks
    for c in b.columns
]


def _quote(cells: Iterable[_G]) -> str:
    text = " | ".join(g.cell.text.strip() for g in cells if not g.copy and not _blank_text(g.cell.text))
    return text if len(text) <= 80 else text[:79] + "…"


#: Findings the table reader reports at most this many times each (junk input would repeat them endlessly).
_MAX_REPEATED: Final = 20
_REPEATABLE: Final = frozenset(
    {
        "parse.unknown-row",
        "parse.extra-cells",
        "parse.label-variant",
        "parse.duplicate-row",
        "parse.missing-cell",
    }
)


class _Capped(list[Finding]):
    """A findings list that keeps at most :data:`_MAX_REPEATED` of each repeatable code, and says so once."""

    def __init__(self, target: list[Finding]) -> None:
        super().__init__()
        self.target = target
        self.counts: dict[str, int] = {}
        self.capped = False

    def append(self, finding: Finding) -> None:
        if finding.code in _REPEATABLE:
            n = self.counts.get(finding.code, 0) + 1
            self.counts[finding.code] = n
            if n > _MAX_REPEATED:
                if not self.capped:
                    self.capped = True
                    self.target.append(
                        too_complex("同类提示数", "The number of findings of one kind", _MAX_REPEATED)
                    )
                return
        self.target.append(finding)


class _TableReader:
    """Reads every table block, in order, into cell values, source entries and findings."""

    def __init__(self, limits: Limits, findings: list[Finding]) -> None:
        self.limits = limits
        self.findings: list[Finding] = _Capped(findings)
        self.values: dict[tuple[str, str, str], CellValue] = {}
        self.entries: dict[form.CellAddress, SourceEntry] = {}
        #: (table, row id) -> the raw texts read, to detect duplicates.
        self.rows_read: dict[tuple[str, str], tuple[str, ...]] = {}
        self.tables_seen: set[str] = set()
        self.markers_2019: set[str] = set()
        self.markers_2021: set[str] = set()
        self.group6_single = False
        self.template: Template | None = None
        self.tables: list[list[_Row]] = []
        self._t4_pending: list[_Row] | None = None
        self._t4_blank: _Row | None = None
        self._t4_done = False
        self._last_map: dict[str, tuple[int, list[int] | None]] = {}
        self._maps: dict[tuple[int, int, str], tuple[int, list[int] | None]] = {}
        self._at: dict[tuple[int, int], list[list[Label]]] = {}

    # -- pass 1: lay out and classify -----------------------------------------------------------------
    def add(self, table: TableBlock) -> None:
        if len(self.tables) >= self.limits.max_tables:
            if len(self.tables) == self.limits.max_tables:
                self.findings.append(too_complex("表格数", "The number of tables", self.limits.max_tables))
                self.tables.append([])
            return
        rows = [_classify(r) for r in _grid(table, self.limits, self.findings)]
        for row in rows:
            for _, labs in row.labels or ():
                for lab in labs:
                    key = label_key(lab.label)
                    if lab.kind is Kind.MARKER_2019 or key in MARKERS_2019:
                        self.markers_2019.add(lab.label)
                    elif key in MARKERS_2021 and not lab.variant:
                        self.markers_2021.add(lab.label)
            if row.kind == _ROW and row.target and row.target[1].startswith("other_"):
                self.markers_2021.add("（六）其他处理 1–3")
        self.tables.append(rows)

    def decide_template(self, paragraph_markers: set[str]) -> Template | None:
        has_sub6 = any(
            r.kind == _ROW and r.target is not None and r.target[1].startswith("other_")
            for rows in self.tables
            for r in rows
        )
        single6 = any(
            r.kind == _GROUP and r.target == ("三", "（六）其他处理") for rows in self.tables for r in rows
        )
        if single6 and not has_sub6:
            self.group6_single = True
            self.markers_2019.add("（六）其他处理")
        self.markers_2019 |= paragraph_markers
        # A 2021 marker (the 2021 columns of table 二, the three （六） rows) settles it (format.md §7.4):
        # a 2019 label beside it is an old wording in a 2021 report (规范性文件 for 行政规范性文件).
        if self.markers_2021:
            self.template = "2021"
        elif self.markers_2019:
            self.template = "2019"
        return self.template

    # -- pass 2: read values ---------------------------------------------------------------------------
    def read(self, index: int, boundary_before: bool) -> None:
        """Read the values of table ``index``; ``boundary_before``: a paragraph separates it from the last."""
        if index >= len(self.tables):
            return
        if boundary_before:
            self._close_t4()
        rows = self.tables[index]
        run: list[_Row] = []
        run_id = 0
        prev_header = False
        for row in rows:
            if row.kind == _HEADER:
                if not prev_header:
                    run = []
                    run_id += 1
                run.append(row)
                prev_header = True
                # Only labels that belong to one table tell which table a header row is (总计 and 其他
                # do not).
                tables = {
                    labs[0].table
                    for _, labs in row.labels or ()
                    if len({lab.table for lab in labs}) == 1 and labs[0].table
                }
                if "四" in tables and not self._t4_done:
                    self._close_t4()
                    self._t4_pending = list(run)
                    self._t4_blank = None
                elif tables and "四" not in tables:
                    self._close_t4()
                if tables:
                    self.tables_seen.update(t for t in tables if t)
                continue
            if row.kind == _BLANK:
                if self._t4_pending is not None and self._t4_blank is None:
                    self._t4_blank = row
                continue
            prev_header = False
            if row.kind == _OTHER:
                if self._t4_pending is not None:
                    if _label_text_only(row.grid):
                        continue  # a header broken by PDF extraction: 结 | 结 | 其 | 尚 | 总 | …
                    self._read_t4_row(row, self._t4_pending)
                    continue
                self.findings.append(make("parse.unknown-row", quote=_quote(row.grid)))
                continue
            self._close_t4()
            if row.fuzzy is not None:
                self.findings.append(make("parse.label-variant", quote=row.fuzzy[0], label=row.fuzzy[1]))
            if row.kind == _GROUP:
                if row.target == ("三", "（六）其他处理") and self.group6_single:
                    continue
                if any(not _is_blank_value(g) for g in row.grid[row.start :] if not g.copy):
                    self.findings.append(make("parse.unknown-row", quote=_quote(row.grid)))
                continue
            assert row.target is not None
            table, target = row.target
            self.tables_seen.add(table)
            if table == "二" and self.template == "2019":
                continue
            if table == "三" and self.template == "2019" and target.startswith("other_"):
                continue
            block_id, row_label, cols = _TARGETS[(table, target)]
            t2block = block_id if table == "二" else None
            key = f"{table}:{t2block or ''}"
            if run:
                cached = self._maps.get((index, run_id, key))
                if cached is None:
                    if (index, run_id) not in self._at:
                        self._at[(index, run_id)] = _labels_at(run)
                    at_run = self._at[(index, run_id)]
                    width = max((len(r.grid) for r in run), default=0)
                    cached = (width, _positions(at_run, table, [(c.id, None) for c in cols], t2block))
                    self._maps[(index, run_id, key)] = cached
                self._last_map[key] = cached
            width_positions = self._last_map.get(key)
            positions = None
            if width_positions is not None and width_positions[0] == len(row.grid):
                positions = width_positions[1]
            self._read_row(row, table, target, row_label, cols, positions)

    def finish(self) -> None:
        self._close_t4()

    def _close_t4(self) -> None:
        if self._t4_pending is not None and self._t4_blank is not None:
            self._read_t4_row(self._t4_blank, self._t4_pending)
        self._t4_pending = None
        self._t4_blank = None

    def _read_t4_row(self, row: _Row, run: list[_Row]) -> None:
        self._t4_pending = None
        self._t4_blank = None
        self._t4_done = True
        self.tables_seen.add("四")
        positions = _positions(_labels_at(run), "四", [(c.id, c.block) for c in _T4_ALL], None)
        picked, extra = self._cells(row, 0, _T4_ALL, positions)
        last = form.REVIEW_LITIGATION.blocks[-1]
        k = 0
        for b in form.REVIEW_LITIGATION.blocks:
            n = len(b.columns)
            self._store(
                "四",
                b.id,
                b.rows[0].label,
                _T4_ALL[k : k + n],
                picked[k : k + n],
                extra if b is last else [],
                row,
            )
            k += n

    def _cells(
        self, row: _Row, start: int, cols: Sequence[_Col], positions: list[int] | None
    ) -> tuple[list[_G | None], list[_G]]:
        """The cells of ``cols`` in ``row`` (``None`` where missing), and the extra non-blank cells."""
        grid = row.grid
        extra: list[_G] = []
        if positions is not None and all(start <= p < len(grid) for p in positions):
            used = set(positions)
            extra = [
                g
                for j, g in enumerate(grid)
                if j >= start and j not in used and not g.copy and not _is_blank_value(g)
            ]
            return [grid[p] for p in positions], extra
        data = [g for g in grid[start:] if not g.copy]
        n = len(cols)
        while len(data) > n and _LABEL_LIKE_RE.search(data[0].cell.text):
            # An unrecognised label cell (an annotation, a provincial extra label) before the values.
            extra.append(data.pop(0))
        while len(data) > n and _is_blank_value(data[-1]):
            data.pop()
        while len(data) > n and _is_blank_value(data[0]):
            data.pop(0)
        if len(data) > n:
            extra.extend(data[n:])
            data = data[:n]
        picked: list[_G | None] = [*data, *([None] * (n - len(data)))]
        return picked, extra

    def _read_row(
        self,
        row: _Row,
        table: str,
        target: str,
        row_label: str,
        cols: Sequence[_Col],
        positions: list[int] | None,
    ) -> None:
        picked, extra = self._cells(row, row.start, cols, positions)
        self._store(table, target, row_label, cols, picked, extra, row)

    def _store(
        self,
        table: str,
        target: str,
        row_label: str,
        cols: Sequence[_Col],
        picked: Sequence[_G | None],
        extra: Sequence[_G],
        row: _Row,
    ) -> None:
        raw = tuple([g.cell.text if g is not None else "" for g in picked])
        seen = self.rows_read.get((table, target))
        if seen is not None:
            if tuple(fold(v).strip() for v in seen) != tuple(fold(v).strip() for v in raw):
                self.findings.append(
                    make(
                        "parse.duplicate-row",
                        location=Location(table=table, row=target, row_label=row_label),
                        table=table,
                        row_label=row_label,
                        quote=_quote(row.grid),
                    )
                )
            return
        self.rows_read[(table, target)] = raw
        missing: list[_Col] = []
        entries = self.entries
        values = self.values
        for col, g in zip(cols, picked, strict=True):
            if g is None:
                missing.append(col)
                continue
            text = g.cell.text
            address = col.address
            entries[address] = SourceEntry(text, g.cell.origin)
            value: CellValue
            if col.unit == "amount":
                value, problem = read_amount(text)
            else:
                value, problem = read_count(text)
            if problem is not None:
                amount = col.unit == "amount"
                self.findings.append(
                    make(
                        "parse.bad-number",
                        location=_cell_location(table, target, row_label, col, g.cell.origin),
                        cells=(address,),
                        quote=text.strip(),
                        expected="以万元为单位的金额" if amount else "整数",
                        expected_en="an amount in 万元" if amount else "a whole number",
                        problem=problem,
                    )
                )
                value = None
            values[(table, target, col.id)] = value
        if missing:
            self.findings.append(
                make(
                    "parse.missing-cell",
                    location=Location(table=table, row=target, row_label=row_label),
                    cells=tuple((table, row_label, c.label) for c in missing),
                    table=table,
                    row_label=row_label,
                    columns=[c.label for c in missing],
                )
            )
        if extra:
            self.findings.append(
                make(
                    "parse.extra-cells",
                    location=Location(table=table, row=target, row_label=row_label),
                    table=table,
                    row_label=row_label,
                    quote=_quote(extra),
                )
            )


def _cell_location(table: str, row: str, row_label: str, col: _Col, origin: Origin) -> Location:
    from ..cellview import ref

    path = ref(table, row, col.id).json_path
    return Location(
        table=table,
        row=row,
        row_label=row_label,
        column=col.id,
        column_label=col.label,
        path=path,
        line=origin.line,
        page=origin.page,
    )


# ---------------------------------------------------------------------------------------------------------
# Narrative


def _heading_of(p: Paragraph) -> tuple[str, bool] | None:
    """``(section id, strong)`` when the paragraph is a section heading (also in brackets: 【二、…】)."""
    text = p.text
    if len(text) > _MAX_HEADING or "\n" in text.strip() or p.role == "body":
        return None
    text = text.strip().removeprefix("【").removesuffix("】")
    key = label_key(text)
    sid = HEADINGS.get(key)
    if sid is not None:
        return sid, True
    m = re.match(r"^([一二三四五六])[、.]", key)
    if m is None:
        return None
    body = key[m.end() :]
    if any(ch in _SENTENCE_PUNCT for ch in body) or len(body) > 40:
        return None
    for sid, words in SECTION_KEYWORDS:
        if any(w in body for w in words):
            return (sid, False) if _SECTION_NUMERAL[sid] == m.group(1) else None
    return None


_HEADING_END_RE: Final = re.compile(r"[。:：]")
#: The first character of every section heading the parser knows (its numeral, or a bracket before it).
_HEADING_STARTS: Final = frozenset("一二三四五六七八九十（(【[")


def _split_heading(b: Block) -> list[Block]:
    """A paragraph that starts with a section heading and goes on with text, as the heading and the text.

    The heading is the first line (``五、存在的主要问题及改进情况<br>一是…``) or, on the same line, a
    known heading ended by ``。`` or ``：`` (``五、存在的主要问题及改进情况。一是…``). Anything else is
    returned as is.
    """
    if not isinstance(b, Paragraph) or b.role == "body" or len(b.text) <= 2:
        return [b]
    text = b.text.strip()
    if text[:1] not in _HEADING_STARTS:
        return [b]  # a section heading starts with its numeral (一、 or （一）)
    head, sep, rest = text.partition("\n")
    if sep and _heading_of(attrs.evolve(b, text=head)) is not None:
        return [attrs.evolve(b, text=head.strip()), attrs.evolve(b, text=rest.strip(), level=None)]
    m = _HEADING_END_RE.search(text, 0, _MAX_HEADING)
    if m is not None and m.end() < len(text) and HEADINGS.get(label_key(text[: m.start()])) is not None:
        body = attrs.evolve(b, text=text[m.end() :].strip(), level=None)
        return [attrs.evolve(b, text=text[: m.start()]), body]
    return [b]


def _is_subheading(p: Paragraph) -> bool:
    if p.role == "body":
        return False
    if p.level is not None and p.level >= 1:
        return True
    return reads_as_subheading(p.text)


def reads_as_subheading(text: str) -> bool:
    """A short line that is only a numbered sub-heading: ``（一）`` … ``（十）`` and at most 30 characters
    with no sentence punctuation (``（一）主动公开``, not ``（一）健全完善组织体系。2024年,…``)."""
    text = text.strip()
    if len(text) > _MAX_SUBHEADING or "\n" in text:
        return False
    folded = fold(text)
    return _SUBHEADING_RE.match(folded) is not None and not any(ch in _SENTENCE_PUNCT for ch in folded)


_TABLE_NOTE_RE: Final = re.compile(
    r"^[(]?(?:续表|续上表|接上表|表格续|单位:?(?:件|项|个|次|万元|元)|单位:件/万元)[)]?:?$"
)


#: Section titles without their numeral (收到和处理政府信息公开申请情况), printed as a table's caption.
_TABLE_TITLES: Final = frozenset(strip_numbering(k) for k in HEADINGS)


def _is_table_note(text: str) -> bool:
    """A table note (单位：件, 续表) or a section title used as a table caption."""
    key = label_key(text)
    return _TABLE_NOTE_RE.match(key) is not None or key in _TABLE_TITLES


def _is_furniture(p: Paragraph) -> bool:
    """A paragraph that is only a table label (a caption or header printed outside the table), or a table
    note such as ``（续表）`` or ``单位：件``."""
    if p.role not in (None, "body") or p.level is not None or len(p.text) > 80:
        return False
    key = label_key(p.text)
    # Running text (role "body") may still be a table note (单位：件 above a Markdown table), never a label:
    # our own renderings keep a paragraph that reads like a label.
    return (p.role is None and key in LABELS) or _TABLE_NOTE_RE.match(key) is not None


def reads_as_table_caption(text: str) -> bool:
    """Text that is only a table caption (第二十条第（一）项) or a table note (（续表）, 单位：件): for
    front-ends that would otherwise mark such a line as a heading or running text (the assembler then sets it
    aside as table furniture). Other labels (其他, 总计) may well be words of the text."""
    key = label_key(text)
    if len(text) > 80:
        return False
    return _TABLE_NOTE_RE.match(key) is not None or any(
        lab.kind is Kind.CAPTION for lab in LABELS.get(key, ())
    )


def _narrative(paragraphs: Sequence[Paragraph]) -> Narrative:
    paras: list[str] = []
    subs: list[tuple[str, list[str]]] = []
    for p in paragraphs:
        if _is_subheading(p):
            subs.append((p.text, []))
        elif subs:
            subs[-1][1].append(p.text)
        else:
            paras.append(p.text)
    return Narrative(
        paragraphs=tuple(paras),
        subsections=tuple(Subsection(heading=h, paragraphs=tuple(ps)) for h, ps in subs),
    )


# ---------------------------------------------------------------------------------------------------------
# The assembler


def _meta_location(name: str) -> Location:
    return Location(section="meta", path=f"$.meta.{name}")


_FIELD_EN: Final = {
    "agency": "agency",
    "year": "report year",
    "kind": "kind of agency",
    "published": "publication date",
    "issuer": "issuing office",
    "period": "statistical period",
}
_FIELD_ZH: Final = {
    "agency": "机关名称",
    "year": "报告年度",
    "kind": "机关类型",
    "published": "发布日期",
    "issuer": "落款单位",
    "period": "统计期限",
}
_WHERE: Final = {
    "agency": ("标题中", "in the title"),
    "year": ("标题或统计期限中", "in the title or the statistical period"),
    "kind": ("无法从机关名称判断", "the agency's name does not tell"),
    "published": ("落款中", "in the sign-off"),
    "issuer": ("落款中", "in the sign-off"),
    "period": ("前言或总体情况中", "in the preamble or section 一"),
}


def assemble(
    blocks: Sequence[Block],
    *,
    findings: Sequence[Finding] = (),
    title: str | None = None,
    meta: Mapping[str, str | None] | None = None,
    signoff_marked: bool = False,
    agency: str | None = None,
    year: int | None = None,
    kind: AgencyKind | str | None = None,
    region: str | None = None,
    limits: Limits | None = None,
) -> ParseResult:
    """Build a :class:`ParseResult` from a front-end's blocks (see the module docstring).

    Args:
        blocks: paragraphs and tables in reading order.
        findings: what the front-end already found (kept first, in order).
        title: a title given outside the body (HTML ``<title>``), used when the body has none.
        meta: machine-readable metadata carried by the source (see :attr:`~.doc.Document.meta`).
        signoff_marked: the format marks the sign-off (see :attr:`~.doc.Document.signoff_marked`).
        agency, year, kind, region: the caller's hints; each overrides what is read.
        limits: reading bounds.
    """
    return _Assembler(
        blocks,
        list(findings),
        title,
        meta,
        signoff_marked,
        Hints(agency=agency, year=year, kind=AgencyKind(kind) if kind is not None else None, region=region),
        limits or Limits(),
    ).run()


class _Assembler:
    def __init__(
        self,
        blocks: Sequence[Block],
        findings: list[Finding],
        title: str | None,
        meta: Mapping[str, str | None] | None,
        signoff_marked: bool,
        hints: Hints,
        limits: Limits,
    ) -> None:
        self.signoff_marked = signoff_marked
        self.blocks = [q for b in blocks[: limits.max_blocks] for q in _split_heading(b)]
        for k in range(len(self.blocks) - 1, max(-1, len(self.blocks) - 4), -1):
            # A sign-off set in a small borderless table after the text: its lines as paragraphs.
            lines = _signoff_table(self.blocks[k])
            if lines is not None:
                self.blocks[k : k + 1] = lines
                break
        if len(blocks) > limits.max_blocks:
            findings.append(too_complex("段落和表格数", "The number of blocks", limits.max_blocks))
        self.findings = findings
        self.outside_title = title
        self.markup = dict(meta) if meta else None
        self.hints = hints
        self.limits = limits
        self.sources: dict[form.CellAddress | str, SourceEntry] = {}

    # -- structure ------------------------------------------------------------------------------------
    def _find_headings(self) -> dict[int, tuple[str, str]]:
        found: list[tuple[int, str, bool, int | None]] = []
        for i, b in enumerate(self.blocks):
            if not isinstance(b, Paragraph):
                continue
            h = _heading_of(b)
            if h is not None:
                found.append((i, h[0], h[1], b.level))
        # A document whose markup puts section headings at level 2 (Markdown ##, HTML <h2>, Word "Heading 1")
        # has its sub-headings at other levels: only level-2 headings are sections there.
        if any(is_strong and level == 2 for _, _, is_strong, level in found):
            found = [f for f in found if f[3] == 2]
        strong: dict[str, int] = {}
        weak: dict[str, int] = {}
        for i, sid, is_strong, _ in found:
            target = strong if is_strong else weak
            target.setdefault(sid, i)
        chosen = dict(strong)
        for sid, i in weak.items():
            if sid not in chosen:
                chosen[sid] = i
        out: dict[int, tuple[str, str]] = {}
        for sid, i in chosen.items():
            b = self.blocks[i]
            assert isinstance(b, Paragraph)
            out[i] = (sid, b.text.strip())
        return out

    def _find_title(self, limit: int) -> tuple[int, int, Paragraph] | None:
        """The title among the first ``limit`` blocks: ``(first block, block after it, title paragraph)``.

        A title line as it is wins (its lines joined when a line break wraps it); else a title after page
        chrome on its line (the paragraph then holds the title alone); else a title wrapped onto two short
        paragraphs (``某某局`` / ``2024年政府信息公开工作年度报告``, joined); else the first level-1 heading.
        """
        blocks = self.blocks[:limit]
        after_chrome: tuple[int, int, Paragraph] | None = None
        level1: tuple[int, int, Paragraph] | None = None
        for i, b in enumerate(blocks):
            if not isinstance(b, Paragraph):
                continue
            lines = [ln.strip() for ln in b.text.strip().split("\n")]
            if 1 < len(lines) <= 3:
                # A title wrapped by a line break inside its paragraph (<br>, Shift+Enter).
                b = attrs.evolve(b, text="".join(lines))
            title = _title_text(b.text)
            if title is not None and parse_title(title) is not None:
                if title == b.text.strip().strip(_TITLE_WRAP).strip():
                    return i, i + 1, b
                if after_chrome is None:
                    after_chrome = (i, i + 1, attrs.evolve(b, text=title))
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(nxt, Paragraph) and _title_head(b.text) and parse_title(nxt.text) is None:
                joined = b.text.strip() + nxt.text.strip()
                if parse_title(joined) is not None:
                    return i, i + 2, attrs.evolve(b, text=joined)
            if level1 is None and b.level == 1 and b.text.strip():
                level1 = (i, i + 1, b)
        return after_chrome or level1

    def run(self) -> ParseResult:
        headings = self._find_headings()
        first_heading = min(headings, default=len(self.blocks))
        title = self._find_title(first_heading)
        if title is None and self.blocks and not headings:
            # No heading at all: a title may still sit anywhere near the top (a table-only fragment has none).
            title = self._find_title(min(len(self.blocks), 20))
        title_start, title_end, title_found = title if title is not None else (-1, 0, None)

        tables = _TableReader(self.limits, self.findings)
        buckets: dict[str, list[Paragraph]] = {"preamble": []}
        signoff: list[Paragraph] = []
        order: list[tuple[str, str]] = []
        paragraph_markers: set[str] = set()
        table_indices: list[tuple[int, bool]] = []
        current = "preamble"
        title_par: Paragraph | None = None
        last_was_paragraph = False
        for i, b in enumerate(self.blocks):
            if isinstance(b, TableBlock):
                table_indices.append((len(tables.tables), last_was_paragraph))
                tables.add(b)
                last_was_paragraph = False
                continue
            last_was_paragraph = True
            if i < title_end:
                if i == title_start:
                    title_par = title_found
                continue
            if i in headings:
                current = headings[i][0]
                order.append(headings[i])
                buckets.setdefault(current, [])
                continue
            if b.role == "signoff":
                signoff.append(b)
                continue
            if not b.text.strip():
                continue
            if _is_furniture(b):
                key = label_key(b.text)
                if key in MARKERS_2019:
                    paragraph_markers.add(b.text.strip())
                continue
            buckets.setdefault(current, []).append(b)

        template = tables.decide_template(paragraph_markers)
        # Read the values, with the knowledge of the template.
        for index, boundary in table_indices:
            tables.read(index, boundary)
        tables.finish()

        # Sign-off, from the markup or from the end of the last section.
        issuer, published = self._signoff(signoff, buckets, current)

        report_found = bool(headings) or bool(tables.rows_read) or bool(tables.tables_seen)
        if not report_found:
            self.findings.append(
                make(
                    "parse.not-a-report",
                    reason="no section heading, no table label" if self.blocks else "empty input",
                )
            )
            return ParseResult(
                report=None,
                findings=tuple(self.findings),
                source_map=self.sources,
                structure=_structure(order),
                template=None,
            )

        self._table_findings(tables, template)
        for sid in _SECTION_IDS:
            if sid not in buckets:
                self.findings.append(
                    make(
                        "parse.missing-section",
                        location=Location(section=sid),
                        heading=_SECTION_BY_ID[sid].heading,
                    )
                )
        for address, entry in tables.entries.items():
            self.sources[address] = entry
        meta_obj = self._meta(title_par, buckets, issuer, published)
        report = None
        if meta_obj is not None:
            report = self._report(meta_obj, buckets, tables.values)
        return ParseResult(
            report=report,
            findings=tuple(self.findings),
            source_map=self.sources,
            structure=_structure(order),
            template=template,
        )

    # -- tables ---------------------------------------------------------------------------------------
    def _table_findings(self, tables: _TableReader, template: Template | None) -> None:
        if template == "2019":
            skipped = ["表二"]
            skipped_en = ["table 二"]
            skipped.append("表三（六）其他处理")
            skipped_en.append("table 三 （六）其他处理")
            self.findings.append(
                make(
                    "parse.template-2019",
                    markers=sorted(tables.markers_2019),
                    skipped=skipped,
                    skipped_en=", ".join(skipped_en),
                )
            )
        elif template is None and tables.rows_read:
            self.findings.append(make("parse.template-unknown"))
        for t in form.TABLES:
            if t.id == "二" and template == "2019":
                continue
            read = [r for (tid, r) in tables.rows_read if tid == t.id]
            if not read and t.id not in tables.tables_seen:
                self.findings.append(
                    make(
                        "parse.missing-table",
                        location=Location(table=t.id, section=t.section),
                        table=t.id,
                        title=_SECTION_BY_ID[t.section].heading.split("、", 1)[1],
                    )
                )
                continue
            if t.id == "四" and not read:
                # The header of the published 1×15 layout was found, but no data row under it.
                self.findings.append(
                    make(
                        "parse.missing-row",
                        location=Location(table=t.id, row="data"),
                        cells=tuple(
                            (t.id, row.label, c.label) for b in t.blocks for row in b.rows for c in b.columns
                        ),
                        table=t.id,
                        row_label="、".join(b.caption for b in t.blocks),
                    )
                )
                continue
            for block in t.blocks:
                for row in block.rows:
                    if t.id == "三" and template == "2019" and row.id.startswith("other_"):
                        continue
                    if (t.id, row.id) in tables.rows_read:
                        continue
                    self.findings.append(
                        make(
                            "parse.missing-row",
                            location=Location(table=t.id, row=row.id, row_label=row.label),
                            cells=tuple((t.id, row.label, c.label) for c in block.columns),
                            table=t.id,
                            row_label=row.label,
                        )
                    )

    # -- sign-off -------------------------------------------------------------------------------------
    def _signoff(
        self, marked: list[Paragraph], buckets: dict[str, list[Paragraph]], current: str
    ) -> tuple[tuple[str, Paragraph] | None, tuple[_dt.date, Paragraph] | None]:
        issuer: tuple[str, Paragraph] | None = None
        published: tuple[_dt.date, Paragraph] | None = None
        bucket = buckets.get(current, [])
        explicit = bool(marked) or self.signoff_marked
        lines = [q for p in marked for q in _signoff_lines(p, last=True)]
        dated = [k for k, q in enumerate(lines) if read_date(q.text)[1]]
        signed = [k for k in dated if k > 0 and _is_org_line(lines[k - 1].text)]
        if marked and not signed and not self.signoff_marked and _signed_at(bucket + lines) is not None:
            # The lines a plain-text front-end guessed (the last ones) hold no organisation before a date,
            # but the end of the text does: a page footer follows the sign-off. Read the end of the text.
            bucket.extend(lines)
            explicit = False
        if explicit:
            # The marked lines, an organisation and a date on one line split; the date is the first date
            # line right after an organisation line, else the first date line; lines after it that are no
            # organisation are a page footer (parse.trailing-text).
            at = (signed or dated or [len(lines)])[0]
            names = [q for k, q in enumerate(lines) if k < at or (k > at and _is_org_line(q.text))]
            footer = [q for q in lines[at + 1 :] if not _is_org_line(q.text)]
            if at < len(lines):
                published = self._date_line(lines[at])
            if footer:
                self.findings.append(make("parse.trailing-text", quote=_short(footer[0].text)))
            if names:
                issuer = ("\n".join(p.text for p in names), names[0])
            return issuer, published
        for k in range(len(bucket) - 1, max(-1, len(bucket) - _SIGNOFF_WINDOW), -1):
            # "乃东区人民政府办公室<br>2025年1月27日" in one paragraph, or "某某局　2025年1月20日" on one
            # line: the organisation and the date as lines of their own.
            if bucket[k].level is None:
                bucket[k : k + 1] = _signoff_lines(bucket[k], last=k == len(bucket) - 1)
        # The date: the latest date-only line right after an organisation line among the last paragraphs
        # (page footers, even with headings, may follow it); else a date-only line among the last four
        # paragraphs, after any heading.
        at_date = _signed_at(bucket)
        if at_date is None:
            for k in range(len(bucket) - 1, max(-1, len(bucket) - 5), -1):
                if bucket[k].level is not None:
                    break
                if read_date(bucket[k].text)[1]:
                    at_date = k
                    break
        if at_date is not None:
            published = self._date_line(bucket[at_date])
            trailing = bucket[at_date + 1 :]
            if trailing:
                self.findings.append(make("parse.trailing-text", quote=_short(trailing[0].text)))
            del bucket[at_date:]
            if bucket and bucket[-1].level is None and _is_org_line(bucket[-1].text):
                q = bucket.pop()
                issuer = (q.text.strip(), q)
            return issuer, published
        if (
            current == "other_matters"
            and len(bucket) >= 2
            and bucket[-1].level is None
            and _is_org_line(bucket[-1].text)
        ):
            q = bucket.pop()
            issuer = (q.text.strip(), q)
        return issuer, published

    def _date_line(self, p: Paragraph) -> tuple[_dt.date, Paragraph] | None:
        """The date of a sign-off date line; ``parse.bad-date`` when it is not a valid date (2月30日)."""
        d, _ = read_date(p.text)
        if d is None:
            self.findings.append(make("parse.bad-date", location=_meta_location("published"), quote=p.text))
            return None
        return d, p

    # -- metadata -------------------------------------------------------------------------------------
    def _meta(
        self,
        title_par: Paragraph | None,
        buckets: dict[str, list[Paragraph]],
        issuer: tuple[str, Paragraph] | None,
        published: tuple[_dt.date, Paragraph] | None,
    ) -> Meta | None:
        h = self.hints
        mk = self.markup
        src = self.sources

        title_text: str | None = None
        t_agency: str | None = None
        t_year: int | None = None
        if title_par is not None:
            title_text = title_par.text.strip()
            src["$.meta.title"] = SourceEntry(text=title_par.text, origin=title_par.origin)
            parsed = parse_title(title_par.text)
            if parsed is not None:
                t_agency, t_year = parsed
        elif self.outside_title:
            for cand in _title_candidates(self.outside_title):
                parsed = parse_title(cand)
                if parsed is not None:
                    t_agency, t_year = parsed
                    title_text = cand
                    src["$.meta.title"] = SourceEntry(text=self.outside_title)
                    break
        if title_par is not None and title_text is not None:
            src["$.meta.agency"] = src["$.meta.year"] = SourceEntry(
                text=title_par.text, origin=title_par.origin
            )

        period: tuple[_dt.date, _dt.date] | None = None
        for sid in ("preamble", "overview"):
            for p in buckets.get(sid, []):
                found = find_period(p.text)
                if found is not None:
                    period = found
                    src["$.meta.period"] = SourceEntry(text=p.text, origin=p.origin)
                    break
            if period is not None:
                break
        if issuer is not None:
            src["$.meta.issuer"] = SourceEntry(text=issuer[1].text, origin=issuer[1].origin)
        if published is not None:
            src["$.meta.published"] = SourceEntry(text=published[1].text, origin=published[1].origin)

        def from_markup(name: str) -> tuple[bool, str | None]:
            if mk is None or name not in mk:
                return False, None
            return True, mk[name]

        # agency
        agency = h.agency
        if agency is None:
            has, value = from_markup("agency")
            agency = value if has else t_agency
        if agency is None and issuer is not None:
            agency = _agency_from_issuer(issuer[0])
            self.findings.append(
                make(
                    "parse.meta-inferred",
                    location=_meta_location("agency"),
                    field="agency",
                    field_en=_FIELD_EN["agency"],
                    field_zh=_FIELD_ZH["agency"],
                    value=agency,
                    source="issuer",
                    source_zh="落款单位",
                )
            )
        # year
        year = h.year
        if year is None:
            has, value = from_markup("year")
            if has and value is not None and value.isdigit():
                year = int(value)
            elif t_year is not None:
                if 1990 <= t_year <= 2999:
                    year = t_year
                else:
                    self.findings.append(
                        make("parse.bad-date", location=_meta_location("year"), quote=title_text)
                    )
        if year is None:
            inferred: tuple[int, str, str] | None = None
            if period is not None:
                inferred = (period[0].year, "statistical period", "统计期限")
            elif published is not None:
                inferred = (published[0].year - 1, "publication date", "发布日期")
            if inferred is not None and 1990 <= inferred[0] <= 2999:
                year = inferred[0]
                self.findings.append(
                    make(
                        "parse.meta-inferred",
                        location=_meta_location("year"),
                        field="year",
                        field_en=_FIELD_EN["year"],
                        field_zh=_FIELD_ZH["year"],
                        value=year,
                        source=inferred[1],
                        source_zh=inferred[2],
                    )
                )
        missing_required = False
        for name, given in (("agency", agency), ("year", year)):
            if given is None or (isinstance(given, str) and not given.strip()):
                missing_required = True
                self.findings.append(
                    make(
                        "parse.meta-required",
                        location=_meta_location(name),
                        field=name,
                        field_zh=_FIELD_ZH[name],
                    )
                )
        # kind
        kind = h.kind
        if kind is None:
            has, value = from_markup("kind")
            if has and value is not None:
                try:
                    kind = AgencyKind(value)
                except ValueError:
                    kind = None
            elif agency:
                kind = guess_kind(agency)
                if kind is None and not has:
                    self._missing("kind")
        # region
        region = h.region
        if region is None:
            region = from_markup("region")[1]
        # title
        title_value: str | None
        has_title, markup_title = from_markup("title")
        if mk is not None and "agency" in mk:
            title_value = markup_title if has_title else None
        else:
            title_value = title_text
            if title_text is not None and title_text == f"{agency}{year}年{form.TITLE_SUFFIX}":
                title_value = None
            if title_par is None:
                title_value = None
        # published, issuer, period
        pub = published[0] if published is not None else None
        iss = issuer[0] if issuer is not None else None
        p_start, p_end = period if period is not None else (None, None)
        if mk is not None and "agency" in mk:
            pub = _iso(mk.get("published"))
            iss = mk.get("issuer")
            p_start, p_end = _iso(mk.get("period_start")), _iso(mk.get("period_end"))
        if pub is None:
            self._missing("published")
        if iss is None:
            self._missing("issuer")
        if p_start is None or p_end is None:
            self._missing("period")
        if missing_required:
            return None
        assert agency is not None and year is not None
        with unchecked():
            return Meta(
                agency=agency,
                year=year,
                kind=kind or AgencyKind.OTHER,
                region=region,
                title=title_value,
                published=pub,
                issuer=iss,
                period_start=p_start,
                period_end=p_end,
            )

    def _missing(self, name: str) -> None:
        where, where_en = _WHERE[name]
        self.findings.append(
            make(
                "parse.meta-missing",
                location=_meta_location(name),
                field=name,
                field_en=_FIELD_EN[name],
                field_zh=_FIELD_ZH[name],
                where=where,
                where_en=where_en,
            )
        )

    # -- the report -----------------------------------------------------------------------------------
    def _report(
        self,
        meta: Meta,
        buckets: dict[str, list[Paragraph]],
        values: Mapping[tuple[str, str, str], CellValue],
    ) -> Report:
        def v(table: str, row: str, col: str) -> Any:
            return values.get((table, row, col))

        with unchecked():
            item1 = {
                r: DocumentCounts(**{c: v("二", r, c) for c in ("issued", "repealed", "in_force")})
                for r in ("rules", "normative_documents")
            }
            active = ActiveDisclosure(
                rules=item1["rules"],
                normative_documents=item1["normative_documents"],
                licensing=v("二", "licensing", "decisions"),
                penalty=v("二", "penalty", "decisions"),
                coercion=v("二", "coercion", "decisions"),
                fees=v("二", "fees", "amount"),
            )
            cols3 = [c.id for c in form.APPLICATIONS.blocks[0].columns]
            apps = Applications(
                **{
                    r.id: ApplicantCounts(**{c: v("三", r.id, c) for c in cols3})
                    for r in form.APPLICATIONS.rows
                }
            )
            cols4 = [c.id for c in form.REVIEW_LITIGATION.blocks[0].columns]
            review = ReviewLitigation(
                **{
                    b.id: CaseCounts(**{c: v("四", b.id, c) for c in cols4})
                    for b in form.REVIEW_LITIGATION.blocks
                }
            )
            narratives = {field: _narrative(buckets.get(sid, [])) for sid, field in _TEXT_FIELD.items()}
            return Report(
                meta=meta,
                preamble=tuple(p.text for p in buckets.get("preamble", [])),
                active_disclosure=active,
                applications=apps,
                review_litigation=review,
                **narratives,
            )


def _iso(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 60 else text[:59] + "…"


_TITLE_SPLIT_RE: Final = re.compile(r"\s*[_|｜\-–—]\s*")


def _title_candidates(text: str) -> list[str]:
    """The page ``<title>`` and its parts (sites append their name: ``标题_某某政府网``)."""
    out = [text.strip()]
    out += [part for part in _TITLE_SPLIT_RE.split(text) if part.strip()]
    return out


def _structure(order: Sequence[tuple[str, str]]) -> Any:
    try:
        from ..model import StructureInfo
    except ImportError:  # pragma: no cover - the checks package is part of the library
        return None
    found = {sid for sid, _ in order}
    headings: list[tuple[str, str | None]] = list(order)
    headings += [(sid, None) for sid in _SECTION_IDS if sid not in found]
    return StructureInfo(headings=tuple(headings))
