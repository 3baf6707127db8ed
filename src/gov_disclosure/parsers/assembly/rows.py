"""Classifying the rows of a table grid by the labels they hold (data, case, header, group, blank rows), and
where a run of header rows places each column.

A row label may be written exactly, after its group labels in one cell, or as a close variant. See
``docs/parse.md`` ("Tables, by label").
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from attrs import define

from ... import form
from ...text.blanks import is_blank
from ...text.fold import label_key, strip_numbering
from ..labels import HEADINGS, LABELS, Kind, Label
from .grid import CJK_RE, Slot, blank_text, is_blank_slot

__all__ = [
    "Row",
    "RowKind",
    "classify",
    "is_table_note",
    "label_text_only",
    "labels_at",
    "positions",
    "reads_as_table_note",
]

_FUZZY_CUTOFF: Final = 0.8


class RowKind(enum.Enum):
    """What a grid row is, by the labels it holds."""

    #: A row label of table 二 or 三 (or 总计 followed by numbers): a row of values.
    DATA = "data"
    #: One table-四 block label and no other table-四 label after it (the 3×5 layout).
    CASES = "cases"
    #: Column labels, captions, notes or 2019 markers; also table furniture (单位：件, a section title).
    HEADER = "header"
    #: Group labels of table 三 only (a subtotal row some tools add).
    GROUP = "group"
    #: No text at all.
    BLANK = "blank"
    #: Text but no label (table 四's data row in the 1×15 layout, else an unknown row).
    OTHER = "other"


# The members as module constants: the rows are classified and read in hot loops, and attribute access on an
# Enum class is several times slower than a global lookup (EnumType.__getattr__, Python 3.11).
_DATA: Final = RowKind.DATA
_CASES: Final = RowKind.CASES
_HEADER: Final = RowKind.HEADER
_GROUP: Final = RowKind.GROUP
_BLANK: Final = RowKind.BLANK
_OTHER: Final = RowKind.OTHER


@define
class Row:
    kind: RowKind
    grid: list[Slot]
    #: Index of the first value cell (after the label cells).
    start: int = 0
    #: For data rows: (table, row id); for case rows: ("四", block id); for group rows: ("三", group id).
    target: tuple[str, str] | None = None
    labels: list[tuple[int, tuple[Label, ...]]] | None = None
    fuzzy: tuple[str, str] | None = None


# ---------------------------------------------------------------------------------------------------------
# Table furniture

_TABLE_NOTE_RE: Final = re.compile(
    r"^[(]?(?:续表|续上表|接上表|表格续|单位:?(?:件|项|个|次|万元|元)|单位:件/万元)[)]?:?$"
)

#: Section titles without their numeral (收到和处理政府信息公开申请情况), printed as a table's caption.
_TABLE_TITLES: Final = frozenset(strip_numbering(k) for k in HEADINGS)


def reads_as_table_note(key: str) -> bool:
    """The label key ``key`` is a table note (单位：件, 续表)."""
    return _TABLE_NOTE_RE.match(key) is not None


def is_table_note(text: str) -> bool:
    """A table note (单位：件, 续表) or a section title used as a table caption."""
    key = label_key(text)
    return _TABLE_NOTE_RE.match(key) is not None or key in _TABLE_TITLES


# ---------------------------------------------------------------------------------------------------------
# Labels written loosely: close variants, and row labels after their group labels

_FUZZY_CANDIDATES: Final = tuple(
    (key, labs[0])
    for key, labs in LABELS.items()
    if len(labs) == 1 and labs[0].kind in (Kind.ROW, Kind.CASE_BLOCK) and not labs[0].variant
)
_FUZZY_KEYS: Final = [k for k, _ in _FUZZY_CANDIDATES]
_FUZZY_BY_KEY: Final = dict(_FUZZY_CANDIDATES)


def _fuzzy(text: str) -> Label | None:
    key = label_key(text)
    if not 2 <= len(key) <= 60 or CJK_RE.search(key) is None:
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


# ---------------------------------------------------------------------------------------------------------
# Classification


def classify(grid_row: list[Slot]) -> Row:
    """The kind of ``grid_row``, its target and where its values start."""
    found = [(j, g.labels) for j, g in enumerate(grid_row) if g.labels]
    if not found:
        if all(is_blank_slot(g) for g in grid_row):
            return Row(_BLANK, grid_row)
        if all(g.copy or is_blank_slot(g) or is_table_note(g.cell.text) for g in grid_row):
            # A note or a caption as a table row (单位：件, 收到和处理政府信息公开申请情况): furniture.
            return Row(_HEADER, grid_row, 0, None, [])
        return _near_label(grid_row, [], 0) or Row(_OTHER, grid_row)
    row = _classify_found(grid_row, found)
    if row.kind is _DATA:
        return row  # a row with a row label is that row whatever its other cells say
    # Cells written as a compound beside labelled ones (a header 行政复议 | 行政诉讼：未经复议直接起诉 | …).
    compounds: list[tuple[int, tuple[Label, ...]]] = [
        (j, (lab,))
        for j, g in enumerate(grid_row)
        if not g.labels
        and not g.copy
        and CJK_RE.search(g.cell.text) is not None
        and (lab := _compound(g.cell.text)) is not None
    ]
    if compounds:
        found = sorted(found + compounds, key=lambda x: x[0])
        row = _classify_found(grid_row, found)
    if row.kind is _GROUP:
        # Group cells only (（四）无法提供 | 1.本机关不掌握相关的政府信息 | …): the row label after them
        # may be a compound or a close variant, as when it stands alone.
        return _near_label(grid_row, found, row.start) or row
    return row


def _near_label(grid_row: list[Slot], found: list[tuple[int, tuple[Label, ...]]], start: int) -> Row | None:
    """The row whose first unlabelled text cell from ``start`` on is a compound or close row label."""
    for j in range(start, len(grid_row)):
        g = grid_row[j]
        if g.copy or g.labels or blank_text(g.cell.text) or CJK_RE.search(g.cell.text) is None:
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


def _classify_found(grid_row: list[Slot], found: list[tuple[int, tuple[Label, ...]]]) -> Row:
    last = max(j for j, _ in found)
    rows = [(j, lab) for j, labs in found for lab in labs if lab.kind is Kind.ROW]
    if rows:
        j, lab = max(rows, key=lambda x: x[0])
        return Row(_DATA, grid_row, last + 1, (lab.table, lab.id), found)
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
            return Row(_CASES, grid_row, last + 1, ("四", lab.id), found)
    if all(lab.kind is Kind.ROW_GROUP for _, labs in found for lab in labs):
        group = max(found, key=lambda x: x[0])[1][0]
        return Row(_GROUP, grid_row, last + 1, ("三", group.id), found)
    if len(found) == 1 and _is_bare_total(found[0][1]) and _numbers_follow(grid_row[last + 1 :]):
        # 总计 | 13 | 2 | … : table 三's （七）总计 written without its number (总计 alone is a column label).
        text = grid_row[found[0][0]].cell.text
        return Row(_DATA, grid_row, last + 1, _BARE_TOTAL_ROW, found, fuzzy=(text, _BARE_TOTAL_LABEL))
    return Row(_HEADER, grid_row, last + 1, None, found)


#: The 总计 column of table 三 (the one column that is not an applicant's; table 四's has the same id).
_TOTAL_COLUMN: Final = next(
    c for c in form.APPLICATIONS.blocks[0].columns if c.id not in form.APPLICANT_COLUMNS
)
#: Table 三's outcome total: the row labelled like the 总计 column with a number before it.
_BARE_TOTAL: Final = next(
    r for r in form.APPLICATIONS.rows if strip_numbering(label_key(r.label)) == label_key(_TOTAL_COLUMN.label)
)
_BARE_TOTAL_ROW: Final = (form.APPLICATIONS.id, _BARE_TOTAL.id)
_BARE_TOTAL_LABEL: Final = _BARE_TOTAL.label


def _is_bare_total(labels: tuple[Label, ...]) -> bool:
    """The label cell is the column label 总计 (of table 三 or 四) and nothing else."""
    return bool(labels) and all(lab.kind is Kind.COLUMN and lab.id == _TOTAL_COLUMN.id for lab in labels)


def label_text_only(cells: Sequence[Slot]) -> bool:
    """Every non-blank cell holds Chinese text and no digit (the rest of a header, not a row of values)."""
    texts = [g.cell.text for g in cells if not g.copy and not is_blank(g.cell.text)]
    return bool(texts) and all(
        CJK_RE.search(t) is not None and not any(ch.isdigit() for ch in t) for t in texts
    )


def _numbers_follow(cells: Sequence[Slot]) -> bool:
    """At least two of ``cells`` hold digits and none holds Chinese text (a row of values, not of labels)."""
    texts = [g.cell.text for g in cells if not g.copy and not blank_text(g.cell.text)]
    digits = sum(any(ch.isdigit() for ch in t) for t in texts)
    return digits >= 2 and not any(CJK_RE.search(t) for t in texts)


# ---------------------------------------------------------------------------------------------------------
# Header maps: where the header rows above a data row place each column

_GROUP_KINDS: Final = frozenset({Kind.COLUMN_GROUP, Kind.CASE_BLOCK, Kind.HEADER})


def labels_at(run: Sequence[Row]) -> list[list[Label]]:
    """For each grid position, the labels of the header cells covering it, top to bottom."""
    width = max((len(r.grid) for r in run), default=0)
    out: list[list[Label]] = [[] for _ in range(width)]
    for row in run:
        extend: tuple[Label, ...] = ()
        for j, g in enumerate(row.grid):
            labs = g.labels
            if not labs:
                if extend and not g.copy and blank_text(g.cell.text):
                    out[j].extend(extend)
                continue
            out[j].extend(labs)
            extend = tuple(lab for lab in labs if lab.kind in _GROUP_KINDS)
    return out


def positions(
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
