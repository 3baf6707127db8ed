"""The narrative of a report: section headings, sub-headings, paragraphs by section, the preamble, table
furniture among the paragraphs, and the structure found.

See ``docs/parse.md`` ("Sections, paragraphs and sub-headings").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

import attrs
from attrs import define

from ... import form
from ...model import Narrative, StructureInfo, Subsection
from ...text.fold import label_key, nfkc
from ..doc import Block, Paragraph, Role, TableBlock
from ..labels import HEADINGS, LABELS, MARKERS_2019, SECTION_KEYWORDS, Kind
from .rows import reads_as_table_note

__all__ = [
    "SECTION_BY_ID",
    "SECTION_IDS",
    "SENTENCE_PUNCT",
    "Sections",
    "find_headings",
    "narratives",
    "reads_as_subheading",
    "reads_as_table_caption",
    "sort_blocks",
    "split_heading",
    "structure",
]

SECTION_IDS: Final = tuple(s.id for s in form.SECTIONS)
SECTION_BY_ID: Final = {s.id: s for s in form.SECTIONS}
_SECTION_NUMERAL: Final = {s.id: s.heading.split("、", 1)[0] for s in form.SECTIONS}
_BODY: Final = Role.BODY
_SIGNOFF: Final = Role.SIGNOFF
SENTENCE_PUNCT: Final = frozenset("。；;，,：:！!？?")
_SUBHEADING_RE: Final = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]\s*\S")
_MAX_SUBHEADING: Final = 34
_MAX_HEADING: Final = 60


# ---------------------------------------------------------------------------------------------------------
# Section headings


def _heading_of(p: Paragraph) -> tuple[str, bool] | None:
    """``(section id, strong)`` when the paragraph is a section heading (also in brackets: 【二、…】)."""
    text = p.text
    if len(text) > _MAX_HEADING or "\n" in text.strip() or p.role == _BODY:
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
    if any(ch in SENTENCE_PUNCT for ch in body) or len(body) > 40:
        return None
    for sid, words in SECTION_KEYWORDS:
        if any(w in body for w in words):
            return (sid, False) if _SECTION_NUMERAL[sid] == m.group(1) else None
    return None


_HEADING_END_RE: Final = re.compile(r"[。:：]")
#: The first character of every section heading the parser knows (its numeral, or a bracket before it).
_HEADING_STARTS: Final = frozenset("一二三四五六七八九十（(【[")


def split_heading(b: Block) -> list[Block]:
    """A paragraph that starts with a section heading and goes on with text, as the heading and the text.

    The heading is the first line (``五、存在的主要问题及改进情况<br>一是…``) or, on the same line, a
    known heading ended by ``。`` or ``：`` (``五、存在的主要问题及改进情况。一是…``). Anything else is
    returned as is.
    """
    if not isinstance(b, Paragraph) or b.role == _BODY or len(b.text) <= 2:
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


def find_headings(blocks: Sequence[Block]) -> dict[int, tuple[str, str]]:
    """Block index -> ``(section id, heading text)`` of the section headings (the first of each section)."""
    found: list[tuple[int, str, bool, int | None]] = []
    for i, b in enumerate(blocks):
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
        b = blocks[i]
        assert isinstance(b, Paragraph)
        out[i] = (sid, b.text.strip())
    return out


def structure(order: Sequence[tuple[str, str]]) -> StructureInfo:
    """The headings found in order, then ``(section id, None)`` for each section not found."""
    found = {sid for sid, _ in order}
    headings: list[tuple[str, str | None]] = list(order)
    headings += [(sid, None) for sid in SECTION_IDS if sid not in found]
    return StructureInfo(headings=tuple(headings))


# ---------------------------------------------------------------------------------------------------------
# Paragraphs by section


@define
class Sections:
    """The blocks of a document sorted by section."""

    #: Section id (or ``"preamble"``) -> its paragraphs, in order.
    buckets: dict[str, list[Paragraph]]
    #: The paragraphs the markup marks as the sign-off.
    signoff: list[Paragraph]
    #: The section headings found, in order: ``(section id, heading text)``.
    order: list[tuple[str, str]]
    #: 2019 markers met in table furniture paragraphs.
    markers_2019: set[str]
    #: The table blocks, each with whether a paragraph comes before it since the last table.
    tables: list[tuple[TableBlock, bool]]
    #: The last section.
    current: str
    #: The title paragraph, when the title is in the body.
    title: Paragraph | None


def sort_blocks(
    blocks: Sequence[Block],
    headings: Mapping[int, tuple[str, str]],
    title: tuple[int, int, Paragraph] | None,
) -> Sections:
    """Sort ``blocks`` by section; ``title`` is ``(first block, block after it, title paragraph)``."""
    title_start, title_end, title_found = title if title is not None else (-1, 0, None)
    out = Sections(
        buckets={"preamble": []},
        signoff=[],
        order=[],
        markers_2019=set(),
        tables=[],
        current="preamble",
        title=None,
    )
    buckets = out.buckets
    current = "preamble"
    last_was_paragraph = False
    for i, b in enumerate(blocks):
        if isinstance(b, TableBlock):
            out.tables.append((b, last_was_paragraph))
            last_was_paragraph = False
            continue
        last_was_paragraph = True
        if i < title_end:
            if i == title_start:
                out.title = title_found
            continue
        if i in headings:
            current = headings[i][0]
            out.order.append(headings[i])
            buckets.setdefault(current, [])
            continue
        if b.role == _SIGNOFF:
            out.signoff.append(b)
            continue
        if not b.text.strip():
            continue
        if _is_furniture(b):
            if label_key(b.text) in MARKERS_2019:
                out.markers_2019.add(b.text.strip())
            continue
        buckets.setdefault(current, []).append(b)
    out.current = current
    return out


# ---------------------------------------------------------------------------------------------------------
# Sub-headings and table furniture


def _is_subheading(p: Paragraph) -> bool:
    if p.role == _BODY:
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
    folded = nfkc(text)
    return _SUBHEADING_RE.match(folded) is not None and not any(ch in SENTENCE_PUNCT for ch in folded)


def _is_furniture(p: Paragraph) -> bool:
    """A paragraph that is only a table label (a caption or header printed outside the table), or a table
    note such as ``（续表）`` or ``单位：件``."""
    if (p.role is not None and p.role != _BODY) or p.level is not None or len(p.text) > 80:
        return False
    key = label_key(p.text)
    # Running text (role BODY) may still be a table note (单位：件 above a Markdown table), never a label:
    # our own renderings keep a paragraph that reads like a label.
    return (p.role is None and key in LABELS) or reads_as_table_note(key)


def reads_as_table_caption(text: str) -> bool:
    """Text that is only a table caption (第二十条第（一）项) or a table note (（续表）, 单位：件): for
    front-ends that would otherwise mark such a line as a heading or running text (the assembler then sets it
    aside as table furniture). Other labels (其他, 总计) may well be words of the text."""
    key = label_key(text)
    if len(text) > 80:
        return False
    return reads_as_table_note(key) or any(lab.kind is Kind.CAPTION for lab in LABELS.get(key, ()))


# ---------------------------------------------------------------------------------------------------------
# The report's narrative fields


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


def narratives(buckets: Mapping[str, list[Paragraph]]) -> dict[str, Narrative]:
    """The report's narrative fields (``overview``, ``active_disclosure_text``, …) from the sections."""
    return {s.text_field: _narrative(buckets.get(s.id, [])) for s in form.SECTIONS}
