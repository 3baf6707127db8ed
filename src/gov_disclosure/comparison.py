"""Year-over-year comparison: the cross-year findings and a :class:`Diff` of two reports of one agency
(``docs/consolidate.md``). The rules themselves are in :mod:`gov_disclosure.checks.xyear`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final, Literal

from attrs import frozen

from . import form
from .cellview import CellValue, cell_refs, cell_value
from .checks.xyear import (
    check_threshold,
    narrative_paragraphs,
    not_comparable,
    section_texts,
    value_text,
    xyear_findings,
)
from .findings import Finding, Lang, Result
from .model import Report
from .text.similarity import duplicate_ratio, text_similarity

__all__ = [
    "CellChange",
    "Comparison",
    "Diff",
    "SectionChange",
    "compare",
    "diff",
]

# ---------------------------------------------------------------------------------------------------------
# Diff


@frozen(kw_only=True)
class CellChange:
    """A cell whose value changed from last year to this year (blank counts as 0)."""

    #: Ids ``(table, row id, column id)``.
    key: tuple[str, str, str]
    #: Official address ``(table, row label, column label)``.
    address: form.CellAddress
    #: JSON path under the English keys.
    path: str
    previous: CellValue
    current: CellValue
    #: current − previous (blank as 0).
    absolute: int | Decimal
    #: absolute / previous, or ``None`` when last year's value was 0 or blank.
    relative: float | None


SectionStatus = Literal["added", "removed", "kept", "empty"]


@frozen(kw_only=True)
class SectionChange:
    """A numbered section: whether it is present each year, and how similar its text is."""

    #: Section id from :data:`gov_disclosure.form.SECTIONS` (``"overview"``, …).
    section: str
    heading: str
    #: Where the section has content (text, or for tables 二/三/四 a non-blank cell): ``added`` (this year
    #: only), ``removed`` (last year only), ``kept`` (both years) or ``empty`` (neither year). The model
    #: cannot tell a table printed with every cell blank from one left out: both count as empty.
    status: SectionStatus
    #: Text similarity in [0, 1] (see :func:`text_similarity`); ``None`` when neither year has text.
    similarity: float | None
    #: True when the text differs in any way (even where the similarity, which ignores figures, is 1).
    text_changed: bool


@frozen(kw_only=True)
class Diff:
    """What changed from last year's report to this year's."""

    cells: tuple[CellChange, ...]
    sections: tuple[SectionChange, ...]
    #: Share of this year's narrative repeated from last year's (see :func:`duplicate_ratio`).
    duplicate_ratio: float | None

    @property
    def sections_added(self) -> tuple[str, ...]:
        """Ids of sections present this year only."""
        return tuple(s.section for s in self.sections if s.status == "added")

    @property
    def sections_removed(self) -> tuple[str, ...]:
        """Ids of sections present last year only."""
        return tuple(s.section for s in self.sections if s.status == "removed")

    @property
    def is_empty(self) -> bool:
        """True when no cell changed, no section was added or removed and no text changed."""
        return not self.cells and not any(
            s.status in ("added", "removed") or s.text_changed for s in self.sections
        )


def _cell_changes(previous: Report, current: Report) -> tuple[CellChange, ...]:
    out = []
    for ref in cell_refs():
        before, after = cell_value(previous, ref), cell_value(current, ref)
        zero: int | Decimal = Decimal(0) if ref.row.unit == "amount" else 0
        b = zero if before is None else before
        a = zero if after is None else after
        if a == b:
            continue
        absolute = a - b
        relative = float(absolute) / float(b) if b else None
        out.append(
            CellChange(
                key=ref.key,
                address=ref.address,
                path=ref.json_path,
                previous=before,
                current=after,
                absolute=absolute,
                relative=relative,
            )
        )
    return tuple(out)


def _present(report: Report, section: form.Section, texts: tuple[str, ...]) -> bool:
    if texts:
        return True
    table = next((t for t in form.TABLES if t.section == section.id), None)
    if table is None:
        return False
    return any(cell_value(report, r) is not None for r in cell_refs() if r.table.id == table.id)


def _section_changes(previous: Report, current: Report) -> tuple[SectionChange, ...]:
    out = []
    for (section, before), (_, after) in zip(section_texts(previous), section_texts(current), strict=True):
        was, now = _present(previous, section, before), _present(current, section, after)
        status: SectionStatus = "kept" if was and now else "added" if now else "removed" if was else "empty"
        out.append(
            SectionChange(
                section=section.id,
                heading=section.heading,
                status=status,
                similarity=text_similarity(before, after),
                text_changed=before != after,
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------------------------
# Comparison and renderers

_WORDS: Final[dict[str, dict[str, str]]] = {
    "title": {"zh": "跨年度比较", "en": "Year-over-year comparison"},
    "findings": {"zh": "检查结果", "en": "Findings"},
    "none": {"zh": "无", "en": "none"},
    "cells": {"zh": "数据变化", "en": "Changed cells"},
    "sections": {"zh": "章节文字", "en": "Section text"},
    "similarity": {"zh": "相似度", "en": "similarity"},
    "status": {"zh": "状态", "en": "status"},
    "added": {"zh": "新增", "en": "added"},
    "removed": {"zh": "删除", "en": "removed"},
    "kept": {"zh": "保留", "en": "kept"},
    "empty": {"zh": "均为空", "en": "empty"},
    "changed": {"zh": "有改动", "en": "changed"},
    "unchanged": {"zh": "未改动", "en": "unchanged"},
    "duplicate": {"zh": "正文与上年重复比例", "en": "Share of narrative repeated from last year"},
    "cell": {"zh": "单元格", "en": "Cell"},
    "previous": {"zh": "上年", "en": "Last year"},
    "current": {"zh": "本年", "en": "This year"},
    "absolute": {"zh": "增减", "en": "Change"},
    "relative": {"zh": "变化率", "en": "Relative"},
    "table": {"zh": "表", "en": "table "},
    "no_changes": {"zh": "无变化", "en": "no changes"},
}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][lang]


def _signed(value: int | Decimal) -> str:
    return f"+{value}" if value > 0 else str(value)


def _cell_name(change: CellChange, lang: Lang) -> str:
    table, row, column = change.address
    return f"{_w('table', lang)}{table} {row} × {column}"


@frozen(kw_only=True)
class Comparison(Result):
    """The result of :func:`compare`: cross-year findings and the year-over-year diff.

    When the reports are not comparable, ``findings`` is one ``xyear.not-comparable`` error (``ok`` and
    :attr:`comparable` are false) and ``diff`` is empty.
    """

    previous: Report
    current: Report
    findings: tuple[Finding, ...]
    diff: Diff

    @property
    def comparable(self) -> bool:
        """False when the reports are not of the same agency or not of consecutive years."""
        return not any(f.code == "xyear.not-comparable" for f in self.findings)

    def _heading(self, lang: Lang) -> str:
        p, c = self.previous.meta, self.current.meta
        return f"{_w('title', lang)}: {c.agency} {p.year} → {c.year}"

    def to_text(self, lang: Lang = "zh") -> str:
        """A plain-text rendering: findings, changed cells, section text, duplicate share."""
        lines = [self._heading(lang), ""]
        lines.append(f"{_w('findings', lang)} ({len(self.findings)}):")
        for f in self.findings or ():
            lines.append(f"  [{f.severity.label(lang)}] {f.code}: {f.message(lang)}")
        if not self.findings:
            lines.append(f"  {_w('none', lang)}")
        lines += ["", f"{_w('cells', lang)} ({len(self.diff.cells)}):"]
        for ch in self.diff.cells:
            lines.append(
                f"  {_cell_name(ch, lang)}: {value_text(ch.previous)} → {value_text(ch.current)} "
                f"({_signed(ch.absolute)}, {value_text(ch.relative, '+.1%')})"
            )
        if not self.diff.cells:
            lines.append(f"  {_w('none', lang)}")
        lines += ["", f"{_w('sections', lang)}:"]
        for s in self.diff.sections:
            changed = _w("changed" if s.text_changed else "unchanged", lang)
            lines.append(
                f"  {s.heading}: {_w(s.status, lang)}, {changed}, "
                f"{_w('similarity', lang)} {value_text(s.similarity, '.1%')}"
            )
        lines += ["", f"{_w('duplicate', lang)}: {value_text(self.diff.duplicate_ratio, '.1%')}"]
        return "\n".join(lines) + "\n"

    def to_markdown(self, lang: Lang = "zh") -> str:
        """A Markdown rendering with tables for the findings, changed cells and sections."""

        def esc(text: str) -> str:
            return text.replace("|", "\\|")

        out = [f"# {esc(self._heading(lang))}", "", f"## {_w('findings', lang)}", ""]
        if self.findings:
            out += ["| | code | |", "|---|---|---|"]
            out += [
                f"| {f.severity.label(lang)} | `{f.code}` | {esc(f.message(lang))} |" for f in self.findings
            ]
        else:
            out.append(_w("none", lang))
        out += ["", f"## {_w('cells', lang)}", ""]
        if self.diff.cells:
            head = [_w(k, lang) for k in ("cell", "previous", "current", "absolute", "relative")]
            out += ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---:|"]
            out += [
                f"| {esc(_cell_name(ch, lang))} | {value_text(ch.previous)} | {value_text(ch.current)} | "
                f"{_signed(ch.absolute)} | {value_text(ch.relative, '+.1%')} |"
                for ch in self.diff.cells
            ]
        else:
            out.append(_w("no_changes", lang))
        out += ["", f"## {_w('sections', lang)}", ""]
        out += [
            f"| | {_w('status', lang)} | {_w('changed', lang)} | {_w('similarity', lang)} |",
            "|---|---|---|---:|",
        ]
        for s in self.diff.sections:
            changed = _w("changed" if s.text_changed else "unchanged", lang)
            out.append(
                f"| {s.heading} | {_w(s.status, lang)} | {changed} | {value_text(s.similarity, '.1%')} |"
            )
        out += ["", f"{_w('duplicate', lang)}: **{value_text(self.diff.duplicate_ratio, '.1%')}**"]
        return "\n".join(out) + "\n"

    def _dict_extra(self, lang: Lang) -> dict[str, Any]:
        """``previous``, ``current`` and ``diff`` (amounts as strings, ratios as floats)."""

        def num(v: CellValue) -> int | str | None:
            return str(v) if isinstance(v, Decimal) else v

        p, c = self.previous.meta, self.current.meta
        return {
            "previous": {"agency": p.agency, "year": p.year},
            "current": {"agency": c.agency, "year": c.year},
            "diff": {
                "cells": [
                    {
                        "key": list(ch.key),
                        "address": list(ch.address),
                        "path": ch.path,
                        "previous": num(ch.previous),
                        "current": num(ch.current),
                        "absolute": num(ch.absolute),
                        "relative": ch.relative,
                    }
                    for ch in self.diff.cells
                ],
                "sections_added": list(self.diff.sections_added),
                "sections_removed": list(self.diff.sections_removed),
                "sections": [
                    {
                        "section": s.section,
                        "heading": s.heading,
                        "status": s.status,
                        "similarity": s.similarity,
                        "text_changed": s.text_changed,
                    }
                    for s in self.diff.sections
                ],
                "duplicate_ratio": self.diff.duplicate_ratio,
            },
        }


def compare(previous: Report, current: Report, *, duplicate_threshold: float = 0.5) -> Comparison:
    """Compare this year's report with the same agency's report of the year before.

    Args:
        previous: last year's report.
        current: this year's report.
        duplicate_threshold: share of repeated narrative (0–1) above which ``xyear.duplicate-text`` is given.

    Returns:
        a :class:`Comparison` with the cross-year findings and the :class:`Diff`. When the reports are not
        of the same agency (names compared after NFKC folding and without spaces) or ``current`` is not of
        the year after ``previous``, its only finding is an ``xyear.not-comparable`` error and its diff is
        empty: like :func:`gov_disclosure.check`, ``compare`` reports bad content rather than raising.

    Raises:
        ValueError: ``duplicate_threshold`` is not between 0 and 1.
    """
    check_threshold(duplicate_threshold)
    findings = xyear_findings(previous, current, duplicate_threshold)
    if not_comparable(previous, current):
        nothing = Diff(cells=(), sections=(), duplicate_ratio=None)
        return Comparison(previous=previous, current=current, findings=tuple(findings), diff=nothing)
    return Comparison(
        previous=previous, current=current, findings=tuple(findings), diff=diff(previous, current)
    )


def diff(previous: Report, current: Report) -> Diff:
    """The :class:`Diff` of two reports, whoever published them and for whichever years.

    Unlike :func:`compare` this refuses nothing: use it to compare a draft with the published report, or two
    agencies' reports. ``diff(report, report).is_empty`` is always true.
    """
    return Diff(
        cells=_cell_changes(previous, current),
        sections=_section_changes(previous, current),
        duplicate_ratio=duplicate_ratio(narrative_paragraphs(previous), narrative_paragraphs(current)),
    )
