"""Label lookup tables, built once at import from :mod:`gov_disclosure.form` (no official label is typed
here).

Every label of the form (rows, row groups, columns, column groups, captions, header cells, notes, section
headings) is indexed under its :func:`~gov_disclosure.text.fold.label_key`, and under derived
variants real reports use:

* the other numbering style: ``（七）总计`` ↔ ``七、总计``, ``一、…`` ↔ ``（一）…``, ``1.`` ↔ ``(1)``;
* the label without its numbering (``予以公开``, ``结转下年度继续办理``) where that is unambiguous;
* the label without a trailing parenthetical remark (``（二）部分公开``, ``本年收费金额``);
* a few word variants (``下年度`` → ``下一年度``, ``上年`` → ``上一年``).

The 2019 trial format's own labels are *markers* (format.md §7): they are not labels of the 2021 form, so
they are written here, once, for template detection only.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Final

from attrs import frozen

from .. import form
from ..text.fold import label_key, strip_numbering

__all__ = [
    "HEADINGS",
    "LABELS",
    "MARKERS_2019",
    "MARKERS_2021",
    "SECTION_KEYWORDS",
    "Kind",
    "Label",
    "lookup",
]


class Kind(enum.Enum):
    """What a label is in the form."""

    #: A data row of table 二 or 三 (``id`` is the row id).
    ROW = "row"
    #: A row-spanning group of table 三 (三、本年度办理结果, （三）不予公开, …).
    ROW_GROUP = "row-group"
    #: A data column (``id`` is the column id; ``block`` the table-二 block for table 二).
    COLUMN = "column"
    #: A column group (法人或其他组织, 行政诉讼).
    COLUMN_GROUP = "column-group"
    #: Table 四's block labels (行政复议, 未经复议直接起诉, 复议后起诉): a header over five columns, or a row
    #: label in the 3×5 layout (``id`` is the block id).
    CASE_BLOCK = "case-block"
    #: A block caption of table 二 (第二十条第（一）项…).
    CAPTION = "caption"
    #: Other header cells: 信息内容, 申请人情况, the 勾稽 note.
    HEADER = "header"
    #: A label only the 2019 trial format has.
    MARKER_2019 = "marker-2019"


@frozen
class Label:
    """One meaning of a label key."""

    kind: Kind
    #: ``"二"``, ``"三"`` or ``"四"`` (``""`` for 2019 markers).
    table: str
    #: Row, column, or block id; the label's key for headers and markers.
    id: str
    #: The official label (or the marker text).
    label: str
    #: Table 二 block id of a row or column; table 四 block of a case block.
    block: str | None = None
    #: True when the key is a derived variant, not the official label itself.
    variant: bool = False


# The 2019 trial format's labels (format.md §7.1): markers of that format, never read as 2021 cells.
_LABELS_2019: Final = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "处理决定数量",
    "第二十条第（九）项",
    "政府集中采购",
    "采购项目数量",
    "采购总金额",
    "规范性文件",
    "其他对外管理服务事项",
)

_CN_NUM = "一二三四五六七八九十"
_PAREN_NUM_RE: Final = re.compile(rf"^\(([{_CN_NUM}]{{1,3}})\)")
_COMMA_NUM_RE: Final = re.compile(rf"^([{_CN_NUM}]{{1,3}})、")
_ITEM_RE: Final = re.compile(r"^(\d{1,2})\.")
_TRAILING_PAREN_RE: Final = re.compile(r"\([^()]*\)$")
_WORD_VARIANTS: Final = (("下年度", "下一年度"), ("上年", "上一年"), ("下年度", "下年"))


def _variants(key: str) -> Iterator[str]:
    """Derived spellings of a label key (see the module docstring)."""
    seen = {key}
    out = [key]
    m = _PAREN_NUM_RE.match(key)
    if m:
        out.append(f"{m.group(1)}、{key[m.end() :]}")
    m = _COMMA_NUM_RE.match(key)
    if m:
        out.append(f"({m.group(1)}){key[m.end() :]}")
    m = _ITEM_RE.match(key)
    if m:
        out.append(f"({m.group(1)}){key[m.end() :]}")
    stripped = _TRAILING_PAREN_RE.sub("", key)
    if stripped and stripped != key:
        out.append(stripped)
    for k in list(out):
        for old, new in _WORD_VARIANTS:
            if old in k and new not in k:
                out.append(k.replace(old, new))
    for k in list(out):
        bare = strip_numbering(k)
        if bare != k:
            out.append(bare)
    for k in out:
        if k not in seen:
            seen.add(k)
            yield k


def _official() -> Iterator[Label]:
    for t in form.TABLES:
        if t.note:
            yield Label(Kind.HEADER, t.id, "note", t.note)
        if t.columns_header:
            yield Label(Kind.HEADER, t.id, "columns_header", t.columns_header)
        for block in t.blocks:
            if t.id == "四":
                yield Label(Kind.CASE_BLOCK, t.id, block.id, block.caption, block=block.id)
                if block.group:
                    yield Label(Kind.COLUMN_GROUP, t.id, "litigation", block.group)
                for col in block.columns:
                    yield Label(Kind.COLUMN, t.id, col.id, col.label)
                continue
            if block.caption:
                yield Label(Kind.CAPTION, t.id, block.id, block.caption, block=block.id)
            if block.header:
                yield Label(Kind.HEADER, t.id, "header", block.header)
            for row in block.rows:
                yield Label(Kind.ROW, t.id, row.id, row.label, block=block.id)
                for group in row.groups:
                    yield Label(Kind.ROW_GROUP, t.id, group, group)
            for col in block.columns:
                yield Label(Kind.COLUMN, t.id, col.id, col.label, block=block.id)
                if col.group:
                    yield Label(Kind.COLUMN_GROUP, t.id, col.group, col.group)


def _build() -> dict[str, tuple[Label, ...]]:
    exact: dict[str, set[Label]] = {}
    for lab in _official():
        exact.setdefault(label_key(lab.label), set()).add(lab)
    for text in _LABELS_2019:
        key = label_key(text)
        if key not in exact:  # never shadow a 2021 label
            exact.setdefault(key, set()).add(Label(Kind.MARKER_2019, "", key, text))
    derived: dict[str, set[Label]] = {}
    for key, labs in exact.items():
        for lab in labs:
            if lab.kind is Kind.MARKER_2019:
                continue
            for v in _variants(key):
                if v not in exact:
                    derived.setdefault(v, set()).add(
                        Label(lab.kind, lab.table, lab.id, lab.label, lab.block, variant=True)
                    )
    # A 2019 row label that a 2021 row label ends with (规范性文件 → 行政规范性文件) is also that row, as a
    # variant: 2021 reports written with the old label are read (table 二 is not read in the 2019 format).
    for key, labs in exact.items():
        if any(lab.kind is Kind.MARKER_2019 for lab in labs):
            newer = {
                lab
                for k, others in exact.items()
                if k != key and k.endswith(key)
                for lab in others
                if lab.kind is Kind.ROW
            }
            if len(newer) == 1:
                (lab,) = newer
                labs.add(Label(lab.kind, lab.table, lab.id, lab.label, lab.block, variant=True))
    out = {k: tuple(sorted(v, key=_order)) for k, v in exact.items()}
    for key, labs in derived.items():
        # An ambiguous variant (two different meanings) is dropped: no guessing.
        meanings = {(lab.kind, lab.table, lab.id, lab.block) for lab in labs}
        if len(meanings) == 1:
            out[key] = tuple(sorted(labs, key=_order))
    return out


def _order(lab: Label) -> tuple[str, str, str, str]:
    return (lab.kind.value, lab.table, lab.id, lab.block or "")


#: Label key -> its meanings (several for keys such as 总计, which is a column of tables 三 and 四).
LABELS: Final[Mapping[str, tuple[Label, ...]]] = MappingProxyType(_build())


def lookup(text: str) -> tuple[Label, ...]:
    """The meanings of a label as written (any spelling handled by :func:`label_key`), or ``()``."""
    return LABELS.get(label_key(text), ())


#: Label keys that mark the 2021 format (format.md §7.4).
MARKERS_2021: Final = frozenset(
    label_key(c.label) for c in form.ACTIVE_DISCLOSURE.block("item1").columns[:2]
) | frozenset(label_key(c.label) for c in form.ACTIVE_DISCLOSURE.block("item8").columns)
#: Label keys that mark the 2019 trial format.
MARKERS_2019: Final = frozenset(
    k for k, labs in LABELS.items() if any(lab.kind is Kind.MARKER_2019 for lab in labs)
)


# ---------------------------------------------------------------------------------------------------------
# Section headings and the title


def _heading_keys() -> dict[str, str]:
    out: dict[str, str] = {}
    for section in form.SECTIONS:
        for text in (section.heading, *section.variants):
            key = label_key(text)
            for k in (key, *_variants(key)):
                if strip_numbering(k) == k:  # a heading needs its numeral
                    continue
                out.setdefault(k, section.id)
    return out


#: Heading key (official headings, their variants, and the other numbering style) -> section id.
HEADINGS: Final[Mapping[str, str]] = MappingProxyType(_heading_keys())

#: Words that identify a section in a heading that is not one of the known ones (a "weak" heading:
#: accepted only for a section whose known heading does not occur in the document).
SECTION_KEYWORDS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("overview", ("总体情况", "概述", "基本情况")),
    ("active_disclosure", ("主动公开",)),
    ("applications", ("依申请", "申请情况", "收到和处理")),
    ("review_litigation", ("复议", "诉讼")),
    ("problems", ("问题", "改进")),
    ("other_matters", ("其他需要报告", "其他事项", "其他需报告")),
)
