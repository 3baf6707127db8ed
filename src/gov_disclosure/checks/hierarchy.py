"""The hierarchy rules (``consolidate.*``): a consolidated report against the reports of its units, and the
manifest of a consolidation as findings (``docs/consolidate.md``). :func:`gov_disclosure.check` runs them when
given ``units=``; the units are gathered and summed by :mod:`gov_disclosure.checks.units`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

from ..cellview import CellValue
from ..findings import Finding, Severity, define, make
from ..model import Report
from .base import CheckContext, Rule
from .tables import cell_location
from .units import FEE, REFS, Flagged, Refusal, gather, vector
from .xyear import value_text

__all__ = [
    "HIERARCHY_RULE",
    "hierarchy_findings",
    "manifest_findings",
]

define(
    "consolidate.mismatch",
    Severity.ERROR,
    title_zh="合并报告数据与各单位合计不符",
    title_en="Consolidated cell differs from the sum of its units",
    template_zh="{location}：合并报告填报{stated_text}，各单位合计{summed_text}（相差{difference}；{units_text}）",
    template_en=(
        "{location}: the consolidated report states {stated_text}, its units sum to {summed_text} "
        "(difference {difference}; {units_text})"
    ),
    basis="DESIGN.md §4; issue #6 (hierarchy check)",
)
define(
    "consolidate.unit-errors",
    Severity.WARNING,
    title_zh="被汇总单位的报告自身有错误",
    title_en="A consolidated unit's own report has errors",
    template_zh="单位“{unit}”的报告表格有错误（{rules}），其数据已计入合计，请先核实",
    template_en=(
        "The tables of unit {unit!s} break rules ({rules}); its figures were summed: check them first"
    ),
    basis="issue #6 (refusals: a unit whose own errors would be summed)",
)
define(
    "consolidate.refused-unit",
    Severity.WARNING,
    title_zh="单位报告未计入合计",
    title_en="A unit's report was not summed",
    template_zh="单位“{unit}”（第{position}份）未计入合计：{reason_zh}",
    template_en="Unit {unit!s} (report #{position}) was not summed: {reason_en}",
    basis="issue #6 (refusals)",
)
define(
    "consolidate.missing-unit",
    Severity.WARNING,
    title_zh="缺少应汇总单位的报告",
    title_en="An expected unit's report is missing",
    template_zh="应汇总的单位“{unit}”没有报告计入合计",
    template_en="No report of the expected unit {unit!s} was summed",
    basis="issue #6 (manifest)",
)


def manifest_findings(
    refused: Iterable[Refusal], flagged: Iterable[Flagged], missing: Iterable[str] = ()
) -> tuple[Finding, ...]:
    """The manifest of a consolidation as findings (all warnings): ``consolidate.refused-unit`` for every
    refused report, ``consolidate.unit-errors`` for every flagged unit, ``consolidate.missing-unit`` for
    every expected unit without a report."""
    out: list[Finding] = []
    for r in refused:
        out.append(
            make(
                "consolidate.refused-unit",
                unit=r.unit,
                position=r.index + 1,
                reason=r.reason,
                reason_zh=r.message("zh"),
                reason_en=r.message("en"),
            )
        )
    for f in flagged:
        out.append(make("consolidate.unit-errors", unit=f.unit, position=f.index + 1, rules=f.rules))
    for name in missing:
        out.append(make("consolidate.missing-unit", unit=name))
    return tuple(out)


def _fee_differs(stated: CellValue, summed: CellValue) -> bool:
    """A stated amount agrees with an exact sum when it is the sum rounded to the stated places."""
    s = Decimal(0) if stated is None else Decimal(stated)
    t = Decimal(0) if summed is None else Decimal(summed)
    exponent = s.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity: never equal
        return True
    tolerance = Decimal(5).scaleb(exponent - 1) if stated is not None else Decimal(0)
    return abs(s - t) > tolerance


_UNITS_SHOWN: Final = 10


def _units_text(pairs: Sequence[tuple[str, CellValue]]) -> str:
    shown = [f"{name}={value_text(v)}" for name, v in pairs if v is not None][:_UNITS_SHOWN]
    rest = sum(1 for _, v in pairs if v is not None) - len(shown)
    text = ", ".join(shown) if shown else "—"
    return text + (f", … (+{rest})" if rest > 0 else "")


def hierarchy_findings(report: Report, units: Iterable[Report]) -> list[Finding]:
    """Check a published consolidated report against the reports of its units.

    The units are sorted as :func:`gov_disclosure.consolidate` sorts them (units of another year than
    ``report`` and repeated units are not summed and are reported as ``consolidate.refused-unit``; units whose
    own tables break rules are summed and reported as ``consolidate.unit-errors``). Then every cell whose
    stated value differs from the units' sum gives a ``consolidate.mismatch`` error naming the cell, the
    stated and summed values and each unit's value (``args["unit_values"]``: ``(unit, value)`` pairs, in
    input order).

    Blank counts as 0 (a blank cell over units that are all blank or 0 agrees). A fee (万元) agrees when the
    stated amount is the exact sum rounded to the stated number of decimal places (``3.58`` for ``3.579``).
    """
    gathered = gather(units, report.meta.year, report.meta.agency)
    names = gathered.names
    totals = gathered.totals
    stated = vector(report)
    out: list[Finding] = []
    for i, ref in enumerate(REFS):
        s, t = stated[i], totals[i]
        if i == FEE:
            if not _fee_differs(s, t):
                continue
            difference: Any = (s or Decimal(0)) - (t or Decimal(0))
        else:
            if (s or 0) == (t or 0):
                continue
            difference = (s or 0) - (t or 0)
        pairs = tuple(zip(names, gathered.columns[i], strict=True))
        out.append(
            make(
                "consolidate.mismatch",
                location=cell_location(ref, section=True),
                cells=(ref.address,),
                stated=s,
                summed=t,
                stated_text=value_text(s),
                summed_text=value_text(t),
                difference=difference,
                unit_values=pairs,
                units_text=_units_text(pairs),
            )
        )
    flagged = (Flagged(unit=u.meta.agency, index=i, rules=codes) for i, u, codes in gathered.breaking)
    return out + list(manifest_findings(gathered.refused, flagged))


def _hierarchy(ctx: CheckContext) -> list[Finding]:
    return hierarchy_findings(ctx.report, ctx.units)


#: Runs only with ``check(units=...)``; its codes are those of the ``consolidate.`` family.
HIERARCHY_RULE: Final = Rule(
    code="consolidate", func=_hierarchy, family="consolidate.", description="Hierarchy rules"
)
