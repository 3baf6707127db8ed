"""Structure rules: the six sections present, in order, under the official headings or a known variant.

A :class:`~gov_disclosure.model.Report` always has all its fields, so what a *document* contained is told by a
:class:`StructureInfo`: the headings a parser found, in the order found. The parsers' ``ParseResult`` carries
one and passes it on (``check(report, structure=result.structure)``).

- ``structure.missing-section`` (error), one instance per section: the section's heading was not found
  (with a :class:`StructureInfo`), or the narrative section 一、五 or 六 has no text (always; a section
  六 that reads "无。" has text). Tables are always present in a built report.
- ``structure.section-order`` (warning), one instance: the sections found are not in the order 一 to 六. Runs
  only with a :class:`StructureInfo`.
- ``structure.heading`` (warning), one instance per heading found: the heading is neither the official one
  nor a known variant (:attr:`gov_disclosure.form.Section.variants`), compared as the parser compares
  headings (:func:`gov_disclosure.text.fold.label_key`: NFKC folding, white space and quotes removed,
  traditional characters read as simplified, a trailing 。 or colon dropped), with the numbering ``一．``
  read as ``一、``. Runs only with a :class:`StructureInfo`.
"""

from __future__ import annotations

import re
from typing import Final

from .. import form
from ..findings import Finding, Location, Severity, define, make
from ..model import Narrative
from ..text.fold import label_key
from .base import CheckContext, Counted, Rule, register

__all__: list[str] = []

_SECTION_IDS: Final = tuple(s.id for s in form.SECTIONS)
_BY_ID: Final = {s.id: s for s in form.SECTIONS}
_NUMERAL: Final = {s.id: s.heading.split("、", 1)[0] for s in form.SECTIONS}
#: The report field of each section of text only (一、五、六); 二、三、四 are the tables.
_NARRATIVE: Final = {s.id: s.text_field for s in form.SECTIONS if s.table is None}


define(
    "structure.missing-section",
    Severity.ERROR,
    title_zh="缺少部分",
    title_en="Missing section",
    template_zh="缺少“{heading}”部分或该部分没有内容",
    template_en="Section “{heading}” is missing or has no text",
    basis="Regulation art. 50; format.md §2.2; §8 C12",
)
define(
    "structure.section-order",
    Severity.WARNING,
    title_zh="各部分顺序不对",
    title_en="Sections out of order",
    template_zh="各部分的顺序为{actual}，应为{expected}",
    template_en="The sections appear in the order {actual}; expected {expected}",
    basis="format.md §2.2; §8 C12",
)
define(
    "structure.heading",
    Severity.WARNING,
    title_zh="标题不规范",
    title_en="Non-standard heading",
    template_zh="标题“{actual}”既不是正式标题“{expected}”，也不是已知的变体",
    template_en="The heading “{actual}” is neither the official heading “{expected}” nor a known variant",
    basis="format.md §2.2 (official headings and variants seen in real reports)",
)

#: A heading numbered with a dot (一.总体情况, NFKC of 一．): the same as 一、.
_DOT_NUMBERING = re.compile(r"^([一二三四五六七八九十]{1,3})\.")


def _fold(text: str) -> str:
    """A heading as the parser compares it (:func:`~gov_disclosure.text.fold.label_key`: NFKC, no
    space or quotes, simplified characters, no trailing 。.:;,), with the numbering ``一.`` read as
    ``一、``."""
    return _DOT_NUMBERING.sub(r"\1、", label_key(text), count=1)


_ACCEPTED: Final = {s.id: frozenset(_fold(h) for h in (s.heading, *s.variants)) for s in form.SECTIONS}
_LOCATIONS: Final = {sid: Location(section=sid, path=f"$.{sid}") for sid in _SECTION_IDS}


def _has_text(texts: tuple[str, ...]) -> bool:
    return any(p and not p.isspace() for p in texts)


def _is_empty(n: Narrative) -> bool:
    if _has_text(n.paragraphs):
        return False
    return not any(_has_text((s.heading, *s.paragraphs)) for s in n.subsections)


def missing_section(ctx: CheckContext) -> Counted:
    """Each of the six sections is present (heading found) and 一、五、六 have text."""
    report = ctx.report
    found: set[str] | None = set(ctx.structure.found) if ctx.structure is not None else None
    out: list[Finding] = []
    for sid in _SECTION_IDS:
        missing = found is not None and sid not in found
        if not missing and sid in _NARRATIVE:
            missing = _is_empty(getattr(report, _NARRATIVE[sid]))
        if missing:
            out.append(
                make("structure.missing-section", location=_LOCATIONS[sid], heading=_BY_ID[sid].heading)
            )
    return out, len(_SECTION_IDS) - len(out), len(out), 0


def section_order(ctx: CheckContext) -> Counted:
    """The sections found come in the order 一 to 六 (only with a :class:`StructureInfo`)."""
    if ctx.structure is None:
        return [], 0, 0, 0
    order = ctx.structure.found
    expected = tuple(sorted(order, key=_SECTION_IDS.index))
    if order == expected:
        return [], 1, 0, 0
    finding = make(
        "structure.section-order",
        location=Location(path="$"),
        actual=[_NUMERAL[s] for s in order],
        expected=[_NUMERAL[s] for s in expected],
    )
    return [finding], 0, 1, 0


def heading(ctx: CheckContext) -> Counted:
    """Each heading found is the official one or a known variant (only with a :class:`StructureInfo`)."""
    if ctx.structure is None:
        return [], 0, 0, 0
    out: list[Finding] = []
    n = 0
    for sid, text in ctx.structure.headings:
        if text is None:
            continue
        n += 1
        if _fold(text) not in _ACCEPTED[sid]:
            out.append(
                make("structure.heading", location=_LOCATIONS[sid], actual=text, expected=_BY_ID[sid].heading)
            )
    return out, n - len(out), len(out), 0


for _code, _func in (
    ("structure.missing-section", missing_section),
    ("structure.section-order", section_order),
    ("structure.heading", heading),
):
    register(Rule(code=_code, func=_func, description=(_func.__doc__ or "").split("\n", 1)[0], counted=True))
