"""The cross-year rules (``xyear.*``): this year's report against the same agency's report of the year before
(``docs/consolidate.md``). :func:`gov_disclosure.check` runs them when given ``previous=``.
"""

from __future__ import annotations

from typing import Final

from .. import form
from ..cellview import CellValue, cell_value, ref
from ..findings import Finding, Location, Severity, define, make
from ..model import Narrative, Report
from ..text.names import agency_key
from ..text.similarity import coverage, folded_paragraphs
from .base import CheckContext, Rule
from .tables import cell_location

__all__ = [
    "XYEAR_RULE",
    "check_threshold",
    "narrative_paragraphs",
    "not_comparable",
    "section_texts",
    "value_text",
    "xyear_findings",
]


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


def not_comparable(previous: Report, current: Report) -> list[str]:
    """Why two reports cannot be compared: ``"agency"`` (another agency), ``"years"`` (not consecutive)."""
    reasons = []
    if agency_key(previous.meta.agency) != agency_key(current.meta.agency):
        reasons.append("agency")
    if current.meta.year != previous.meta.year + 1:
        reasons.append("years")
    return reasons


# ---------------------------------------------------------------------------------------------------------
# Text


def section_texts(report: Report) -> list[tuple[form.Section, tuple[str, ...]]]:
    """Every numbered section with its text (tables 二/三/四: the text printed around the table)."""
    out = []
    for section in form.SECTIONS:
        narrative: Narrative = getattr(report, section.text_field)
        out.append((section, narrative.all_paragraphs()))
    return out


def narrative_paragraphs(report: Report) -> list[str]:
    """Every paragraph of the report's sections, in order (not the preamble, which repeats every year)."""
    return [p for _, texts in section_texts(report) for p in texts]


# ---------------------------------------------------------------------------------------------------------
# Rules


_APPLICANT_COLUMNS: Final = form.APPLICATIONS.blocks[0].columns


def value_text(value: CellValue | float, spec: str = "") -> str:
    """A value as a message shows it: ``—`` for a blank, else formatted with ``spec`` (``".1%"`` shows a share
    as ``12.5%``)."""
    return "—" if value is None else format(value, spec)


def _carry_over(previous: Report, current: Report) -> list[Finding]:
    out = []
    for col in _APPLICANT_COLUMNS:
        this = ref("三", "carried_over", col.id)
        last = ref("三", "carried_forward", col.id)
        actual, expected = cell_value(current, this), cell_value(previous, last)
        if (actual or 0) == (expected or 0):
            continue
        out.append(
            make(
                "xyear.carry-over",
                location=cell_location(this, section=True),
                cells=(this.address, last.address),
                actual=actual,
                expected=expected,
                actual_text=value_text(actual),
                expected_text=value_text(expected),
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
        refs = {c: ref("二", row.id, c) for c in ("issued", "repealed", "in_force")}
        last = cell_value(previous, refs["in_force"])
        issued, repealed = cell_value(current, refs["issued"]), cell_value(current, refs["repealed"])
        actual = cell_value(current, refs["in_force"])
        expected = (last or 0) + (issued or 0) - (repealed or 0)
        if (actual or 0) == expected:
            continue
        out.append(
            make(
                "xyear.in-force",
                location=cell_location(refs["in_force"], section=True),
                cells=tuple(r.address for r in refs.values()),
                previous_in_force=last or 0,
                issued=issued or 0,
                repealed=repealed or 0,
                expected=expected,
                actual=actual,
                actual_text=value_text(actual),
                difference=(actual or 0) - expected,
                previous_year=previous.meta.year,
                year=current.meta.year,
                in_force_label=labels["in_force"],
                issued_label=labels["issued"],
                repealed_label=labels["repealed"],
            )
        )
    return out


def _duplicate(previous: Report, current: Report, threshold: float) -> list[Finding]:
    cur = folded_paragraphs(narrative_paragraphs(current))
    covered, total = coverage(cur, folded_paragraphs(narrative_paragraphs(previous)))
    if not total or covered / total <= threshold:
        return []
    ratio = covered / total
    return [
        make(
            "xyear.duplicate-text",
            ratio=round(ratio, 4),
            percent=value_text(ratio, ".1%"),
            repeated=covered,
            total=total,
            threshold=threshold,
            threshold_percent=value_text(threshold, ".1%"),
            previous_year=previous.meta.year,
            year=current.meta.year,
        )
    ]


def check_threshold(threshold: float) -> None:
    """``ValueError`` unless ``threshold`` is a share between 0 and 1."""
    if not 0 <= threshold <= 1:
        raise ValueError(f"duplicate_threshold: expected a share between 0 and 1, got {threshold!r}")


def xyear_findings(previous: Report, current: Report, duplicate_threshold: float = 0.5) -> list[Finding]:
    """The cross-year findings of ``current`` against ``previous`` (last year's report of the same agency).

    When the reports are not comparable (another agency, or not the year before), the only finding is one
    ``xyear.not-comparable`` error (and :func:`compare` gives an empty diff).

    Args:
        previous: last year's report.
        current: this year's report.
        duplicate_threshold: share of repeated narrative (0–1) above which ``xyear.duplicate-text`` is given.
    """
    check_threshold(duplicate_threshold)
    if not_comparable(previous, current):
        p, c = previous.meta, current.meta
        return [
            make(
                "xyear.not-comparable",
                location=Location(section="meta"),
                reasons=tuple(not_comparable(previous, current)),
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


def _xyear(ctx: CheckContext) -> list[Finding]:
    assert ctx.previous is not None
    return xyear_findings(ctx.previous, ctx.report, duplicate_threshold=ctx.duplicate_threshold)


#: Runs only with ``check(previous=...)``; its codes are those of the ``xyear.`` family.
XYEAR_RULE: Final = Rule(code="xyear", func=_xyear, family="xyear.", description="Cross-year rules")
