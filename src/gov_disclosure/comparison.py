"""Cross-year comparison: this year's report against the same agency's report of the year before.

:func:`xyear_findings` runs the cross-year rules (also run by ``gov_disclosure.check(report, previous=...)``):

* ``xyear.carry-over`` (error), in each of the seven columns of table 三: this year's
  二、上年结转政府信息公开申请数量 equals last year's 四、结转下年度继续办理;
* ``xyear.in-force`` (warning), for 规章 and 行政规范性文件 in table 二: last year's 现行有效件数 + this
  year's 本年制发件数 − 本年废止件数 = this year's 现行有效件数 (a warning only: amendments make it inexact);
* ``xyear.duplicate-text`` (warning): the share of this year's narrative repeated from last year's, with the
  ratio, when it is above the threshold (50 % by default; assessments deduct points above it);
* ``xyear.not-comparable`` (error): the reports are not of the same agency or not of consecutive years;
  it is then the only finding.

Blank counts as 0 in the arithmetic rules.

:func:`compare` returns the findings and a :class:`Diff` (every changed cell with its absolute and relative
change, sections added or removed, the text similarity of each section), renderable as text, Markdown and
JSON. Unlike :func:`xyear_findings` it refuses reports that are not comparable by raising
:class:`NotComparableError`.

How repeated text is measured: every narrative section (一, the text around tables 二/三/四, 五, 六; not the
preamble, which repeats its legal formula every year) is folded (NFKC, no whitespace, every run of digits
read as one placeholder, so that changing the year and the figures does not make a copy new), then a
character of this year's text counts as repeated when it lies in a run of :data:`SHINGLE` characters that also
occurs in last year's text (a paragraph shorter than that counts as repeated when it occurs whole). The
duplicate ratio is repeated characters / all characters. The similarity of a section is the same coverage
taken both ways: (repeated in this year's + repeated in last year's) / (both lengths).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final, Literal

from attrs import frozen

from . import form
from .cellview import CellRef, CellValue, cell_refs
from .cellview import ref as cell_ref
from .consolidation import location_of
from .findings import Finding, Lang, Location, Severity, define, make
from .model import Narrative, Report
from .text.fold import nfkc

__all__ = [
    "SHINGLE",
    "CellChange",
    "Comparison",
    "Diff",
    "NotComparableError",
    "SectionChange",
    "compare",
    "diff",
    "duplicate_ratio",
    "text_similarity",
    "xyear_findings",
]

#: Length (in folded characters) of the runs of text compared between years.
SHINGLE: Final = 8

# ---------------------------------------------------------------------------------------------------------
# Finding codes

define(
    "xyear.carry-over",
    Severity.ERROR,
    title_zh="上年结转与上年报告的结转下年度不一致",
    title_en="Carried over differs from last year's carried forward",
    template_zh=(
        "{location}：本年填报{actual_text}，应等于上年（{previous_year}年）报告“{previous_row}”的"
        "{expected_text}（相差{difference}）"
    ),
    template_en=(
        "{location}: this year states {actual_text}; last year's ({previous_year}) report carried forward "
        "{expected_text} under {previous_row!s} (difference {difference})"
    ),
    basis="format.md §8 C6",
)
define(
    "xyear.in-force",
    Severity.WARNING,
    title_zh="现行有效件数与上年不衔接",
    title_en="Documents in force do not follow from last year's",
    template_zh=(
        "{location}：上年{in_force_label}{previous_in_force} + {issued_label}{issued} − "
        "{repealed_label}{repealed} = {expected}，本年填报{actual_text}（相差{difference}；"
        "修改、清理等情形可致不一致，请核实）"
    ),
    template_en=(
        "{location}: last year's {in_force_label} {previous_in_force} + {issued_label} {issued} − "
        "{repealed_label} {repealed} = {expected}, but this year states {actual_text} (difference "
        "{difference}; amendments and clean-ups can explain it: please verify)"
    ),
    basis="format.md §8 C7 (soft)",
)
define(
    "xyear.duplicate-text",
    Severity.WARNING,
    title_zh="正文与上年报告大量重复",
    title_en="Narrative largely repeats last year's",
    template_zh="本年报告正文有{percent}与上年报告重复（{repeated}/{total}字，警示阈值{threshold_percent}）",
    template_en=(
        "{percent} of this year's narrative repeats last year's ({repeated}/{total} characters; "
        "threshold {threshold_percent})"
    ),
    basis="format.md §8 C13; 2021 format （四）明确责任 (内容雷同)",
)
define(
    "xyear.not-comparable",
    Severity.ERROR,
    title_zh="两份报告不能跨年度比较",
    title_en="The two reports cannot be compared across years",
    template_zh=(
        "跨年度比较需为同一机关相邻两年的报告：上年报告为“{previous_agency}”{previous_year}年，"
        "本年报告为“{agency}”{year}年"
    ),
    template_en=(
        "A cross-year comparison needs the same agency's reports of consecutive years: the previous report "
        "is {previous_agency!s} for {previous_year}, the current one {agency!s} for {year}"
    ),
    basis="issue #6",
)


class NotComparableError(ValueError):
    """The two reports are not of the same agency, or not of consecutive years."""

    def __init__(self, previous: Report, current: Report, reasons: Sequence[str]) -> None:
        self.previous = previous
        self.current = current
        #: ``"agency"`` and/or ``"years"``.
        self.reasons = tuple(reasons)
        p, c = previous.meta, current.meta
        details = []
        if "agency" in self.reasons:
            details.append(f"agencies differ ({p.agency!r} vs {c.agency!r})")
        if "years" in self.reasons:
            details.append(f"years are not consecutive ({p.year} then {c.year}; expected {p.year + 1})")
        super().__init__(
            "cannot compare the reports: "
            + "; ".join(details)
            + " (previous: last year's report, current: this year's)"
        )


def _norm_name(name: str) -> str:
    return "".join(nfkc(name).split())


def _not_comparable(previous: Report, current: Report) -> list[str]:
    reasons = []
    if _norm_name(previous.meta.agency) != _norm_name(current.meta.agency):
        reasons.append("agency")
    if current.meta.year != previous.meta.year + 1:
        reasons.append("years")
    return reasons


# ---------------------------------------------------------------------------------------------------------
# Text


def _fold(text: str) -> str:
    """NFKC, no whitespace, every run of digits as one ``#``."""
    folded = "".join(nfkc(text).split())
    out: list[str] = []
    in_digits = False
    for ch in folded:
        if ch.isdigit():
            if not in_digits:
                out.append("#")
            in_digits = True
        else:
            out.append(ch)
            in_digits = False
    return "".join(out)


def _paragraphs(texts: Iterable[str]) -> list[str]:
    return [f for f in (_fold(t) for t in texts) if f]


def _shingles(paragraphs: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for p in paragraphs:
        out.update(p[i : i + SHINGLE] for i in range(len(p) - SHINGLE + 1))
    return out


def _covered(paragraphs: Sequence[str], other: Sequence[str]) -> tuple[int, int]:
    """(characters of ``paragraphs`` lying in a run also found in ``other``, all characters)."""
    grams = _shingles(other)
    joined = "\n".join(other)
    covered = total = 0
    for p in paragraphs:
        total += len(p)
        if len(p) < SHINGLE:
            covered += len(p) if p in joined else 0
            continue
        end = 0  # characters before `end` are counted
        for i in range(len(p) - SHINGLE + 1):
            if p[i : i + SHINGLE] in grams:
                start = max(i, end)
                covered += i + SHINGLE - start
                end = i + SHINGLE
    return covered, total


def duplicate_ratio(previous: Iterable[str], current: Iterable[str]) -> float | None:
    """Share of ``current``'s folded characters repeated from ``previous`` (``None`` when it has no text)."""
    cur = _paragraphs(current)
    covered, total = _covered(cur, _paragraphs(previous))
    return covered / total if total else None


def text_similarity(previous: Iterable[str], current: Iterable[str]) -> float | None:
    """Similarity of two texts in [0, 1], symmetric (``None`` when both are empty); see the module doc."""
    a, b = _paragraphs(previous), _paragraphs(current)
    ca, ta = _covered(a, b)
    cb, tb = _covered(b, a)
    return (ca + cb) / (ta + tb) if ta + tb else None


def _section_texts(report: Report) -> list[tuple[form.Section, tuple[str, ...]]]:
    """Every numbered section with its text (tables 二/三/四: the text printed around the table)."""
    out = []
    for section in form.SECTIONS:
        attr = section.id if section.id in ("overview", "problems", "other_matters") else f"{section.id}_text"
        narrative: Narrative = getattr(report, attr)
        out.append((section, narrative.all_paragraphs()))
    return out


def _narrative(report: Report) -> list[str]:
    return [p for _, texts in _section_texts(report) for p in texts]


# ---------------------------------------------------------------------------------------------------------
# Rules

_APPLICANT_COLUMNS: Final = form.APPLICATIONS.blocks[0].columns


def _value(report: Report, ref: CellRef) -> CellValue:
    obj: Any = report
    for name in ref.attr_path:
        obj = getattr(obj, name)
    value: CellValue = obj
    return value


def _text(value: CellValue) -> str:
    return "—" if value is None else str(value)


def _carry_over(previous: Report, current: Report) -> list[Finding]:
    out = []
    for col in _APPLICANT_COLUMNS:
        this = cell_ref("三", "carried_over", col.id)
        last = cell_ref("三", "carried_forward", col.id)
        actual, expected = _value(current, this), _value(previous, last)
        if (actual or 0) == (expected or 0):
            continue
        out.append(
            make(
                "xyear.carry-over",
                location=location_of(this),
                cells=(this.address, last.address),
                actual=actual,
                expected=expected,
                actual_text=_text(actual),
                expected_text=_text(expected),
                difference=(actual or 0) - (expected or 0),
                previous_year=previous.meta.year,
                year=current.meta.year,
                previous_row=last.row.label,
            )
        )
    return out


def _in_force(previous: Report, current: Report) -> list[Finding]:
    out = []
    block = form.ACTIVE_DISCLOSURE.block("item1")
    labels = {c.id: c.label for c in block.columns}
    for row in block.rows:
        refs = {c: cell_ref("二", row.id, c) for c in ("issued", "repealed", "in_force")}
        last = _value(previous, refs["in_force"])
        issued, repealed = _value(current, refs["issued"]), _value(current, refs["repealed"])
        actual = _value(current, refs["in_force"])
        expected = (last or 0) + (issued or 0) - (repealed or 0)
        if (actual or 0) == expected:
            continue
        out.append(
            make(
                "xyear.in-force",
                location=location_of(refs["in_force"]),
                cells=tuple(r.address for r in refs.values()),
                previous_in_force=last or 0,
                issued=issued or 0,
                repealed=repealed or 0,
                expected=expected,
                actual=actual,
                actual_text=_text(actual),
                difference=(actual or 0) - expected,
                previous_year=previous.meta.year,
                year=current.meta.year,
                in_force_label=labels["in_force"],
                issued_label=labels["issued"],
                repealed_label=labels["repealed"],
            )
        )
    return out


def _percent(ratio: float) -> str:
    return f"{ratio * 100:.1f}%"


def _duplicate(previous: Report, current: Report, threshold: float) -> list[Finding]:
    cur = _paragraphs(_narrative(current))
    covered, total = _covered(cur, _paragraphs(_narrative(previous)))
    if not total or covered / total <= threshold:
        return []
    ratio = covered / total
    return [
        make(
            "xyear.duplicate-text",
            ratio=round(ratio, 4),
            percent=_percent(ratio),
            repeated=covered,
            total=total,
            threshold=threshold,
            threshold_percent=_percent(threshold),
            previous_year=previous.meta.year,
            year=current.meta.year,
        )
    ]


def _check_threshold(threshold: float) -> None:
    if not 0 <= threshold <= 1:
        raise ValueError(f"duplicate_threshold: expected a share between 0 and 1, got {threshold!r}")


def xyear_findings(previous: Report, current: Report, duplicate_threshold: float = 0.5) -> list[Finding]:
    """The cross-year findings of ``current`` against ``previous`` (last year's report of the same agency).

    When the reports are not comparable (another agency, or not the year before), the only finding is one
    ``xyear.not-comparable`` error; :func:`compare` raises :class:`NotComparableError` instead.

    Args:
        previous: last year's report.
        current: this year's report.
        duplicate_threshold: share of repeated narrative (0–1) above which ``xyear.duplicate-text`` is given.
    """
    _check_threshold(duplicate_threshold)
    if _not_comparable(previous, current):
        p, c = previous.meta, current.meta
        return [
            make(
                "xyear.not-comparable",
                location=Location(section="meta"),
                reasons=tuple(_not_comparable(previous, current)),
                previous_agency=p.agency,
                agency=c.agency,
                previous_year=p.year,
                year=c.year,
            )
        ]
    return (
        _carry_over(previous, current)
        + _in_force(previous, current)
        + _duplicate(previous, current, duplicate_threshold)
    )


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
        before, after = _value(previous, ref), _value(current, ref)
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
    return any(_value(report, r) is not None for r in cell_refs() if r.table.id == table.id)


def _section_changes(previous: Report, current: Report) -> tuple[SectionChange, ...]:
    out = []
    for (section, before), (_, after) in zip(_section_texts(previous), _section_texts(current), strict=True):
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


def _relative(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:+.1f}%"


def _similarity(value: float | None) -> str:
    return "—" if value is None else _percent(value)


def _cell_name(change: CellChange, lang: Lang) -> str:
    table, row, column = change.address
    return f"{_w('table', lang)}{table} {row} × {column}"


@frozen(kw_only=True)
class Comparison:
    """The result of :func:`compare`: cross-year findings and the year-over-year diff."""

    previous: Report
    current: Report
    findings: tuple[Finding, ...]
    diff: Diff

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
                f"  {_cell_name(ch, lang)}: {_text(ch.previous)} → {_text(ch.current)} "
                f"({_signed(ch.absolute)}, {_relative(ch.relative)})"
            )
        if not self.diff.cells:
            lines.append(f"  {_w('none', lang)}")
        lines += ["", f"{_w('sections', lang)}:"]
        for s in self.diff.sections:
            changed = _w("changed" if s.text_changed else "unchanged", lang)
            lines.append(
                f"  {s.heading}: {_w(s.status, lang)}, {changed}, "
                f"{_w('similarity', lang)} {_similarity(s.similarity)}"
            )
        lines += ["", f"{_w('duplicate', lang)}: {_similarity(self.diff.duplicate_ratio)}"]
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
                f"| {esc(_cell_name(ch, lang))} | {_text(ch.previous)} | {_text(ch.current)} | "
                f"{_signed(ch.absolute)} | {_relative(ch.relative)} |"
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
            out.append(f"| {s.heading} | {_w(s.status, lang)} | {changed} | {_similarity(s.similarity)} |")
        out += ["", f"{_w('duplicate', lang)}: **{_similarity(self.diff.duplicate_ratio)}**"]
        return "\n".join(out) + "\n"

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """A JSON-ready dict; amounts as strings, ratios as floats, messages in ``lang``."""

        def num(v: CellValue) -> int | str | None:
            return str(v) if isinstance(v, Decimal) else v

        p, c = self.previous.meta, self.current.meta
        return {
            "previous": {"agency": p.agency, "year": p.year},
            "current": {"agency": c.agency, "year": c.year},
            "findings": [f.to_dict(lang) for f in self.findings],
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

    def to_json(self, lang: Lang = "zh", *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept, not escaped)."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)


def compare(previous: Report, current: Report, *, duplicate_threshold: float = 0.5) -> Comparison:
    """Compare this year's report with the same agency's report of the year before.

    Args:
        previous: last year's report.
        current: this year's report.
        duplicate_threshold: share of repeated narrative (0–1) above which ``xyear.duplicate-text`` is given.

    Returns:
        a :class:`Comparison` with the cross-year findings and the :class:`Diff`.

    Raises:
        NotComparableError: the reports are not of the same agency (names compared after NFKC folding and
            without spaces) or ``current`` is not of the year after ``previous``.
        ValueError: ``duplicate_threshold`` is not between 0 and 1.
    """
    _check_threshold(duplicate_threshold)
    reasons = _not_comparable(previous, current)
    if reasons:
        raise NotComparableError(previous, current, reasons)
    findings = xyear_findings(previous, current, duplicate_threshold)
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
        duplicate_ratio=duplicate_ratio(_narrative(previous), _narrative(current)),
    )
