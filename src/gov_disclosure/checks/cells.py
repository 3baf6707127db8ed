"""Rules on single cells: ``cell.negative``, ``cell.not-integer``, ``cell.blank``.

A :class:`~gov_disclosure.model.Report` built normally cannot hold a negative or non-integer count (the model's
validators reject them), but one built inside :func:`gov_disclosure.model.unchecked` can — that is how a parser
keeps what a published report states. These rules find such values in all three tables.

Instances: ``cell.negative`` one per cell (200: the fee amount included; a value that is not a number is not
assessable), ``cell.not-integer`` one per count cell (199: the fee is an amount), ``cell.blank`` one per cell
(200; a blank cell is a failed instance, and all blank cells share one finding).
"""

from __future__ import annotations

from typing import Any, Final

from ..cells import cell_refs
from ..findings import Finding, Location, Severity, define, make
from .base import FEE_INDEX, CheckContext, Rule, RuleResult, _is_number, register
from .tables import cell_location

__all__: list[str] = []

define(
    "cell.negative",
    Severity.ERROR,
    title_zh="单元格为负数",
    title_en="Negative value in a cell",
    template_zh="{location}为负数（{actual}）",
    template_en="{location} is negative ({actual})",
    basis="format.md §3 notes, §4: counts and amounts are ≥ 0",
)
define(
    "cell.not-integer",
    Severity.ERROR,
    title_zh="单元格不是整数",
    title_en="Cell is not a whole number",
    template_zh="{location}的值{actual}不是整数（类型为{type}）",
    template_en="{location} holds {actual} ({type}), not a whole number",
    basis="format.md §3 notes: counts are non-negative integers",
)
define(
    "cell.blank",
    Severity.NOTICE,
    title_zh="单元格空白",
    title_en="Blank cells",
    template_zh="{count}个单元格空白（表二{t2}个、表三{t3}个、表四{t4}个）",
    template_en="{count} cells are blank (table 二: {t2}, table 三: {t3}, table 四: {t4})",
    basis=(
        "DESIGN.md §2.3 (blank is not zero); format.md §4.4. A notice under blank_policy='zero' "
        "(blanks count as 0), a warning under 'strict'"
    ),
)

_REFS: Final = cell_refs()
_ADDRESSES: Final = tuple(c.address for c in _REFS)
_TABLE_OF: Final = tuple(c.table.id for c in _REFS)
_N_CELLS = len(_REFS)
_LOCATIONS: dict[int, Location] = {}


def _location(i: int) -> Location:
    loc = _LOCATIONS.get(i)
    if loc is None:
        loc = _LOCATIONS[i] = cell_location(_REFS[i])
    return loc


def negative(ctx: CheckContext) -> RuleResult:
    """Every cell holding a number below 0."""
    g = ctx.grid
    flat = g.flat
    if g.clean:
        # Zeros and blanks are falsy: the smallest truthy value decides whether any cell is negative.
        if min(filter(None, flat), default=0) >= 0:
            return RuleResult([], _N_CELLS)
        not_numbers = 0
    else:
        not_numbers = sum(1 for v in flat if v is not None and not _is_number(v))
    found: list[Finding] = []
    for i, v in enumerate(flat):
        if v is not None and _is_number(v) and v < 0:
            found.append(make("cell.negative", location=_location(i), cells=(_ADDRESSES[i],), actual=v))
    return RuleResult(found, _N_CELLS - len(found) - not_numbers, len(found), not_numbers)


def _type_name(v: Any) -> str:
    return type(v).__name__


def not_integer(ctx: CheckContext) -> RuleResult:
    """Every count cell holding something other than a whole number (``int``)."""
    g = ctx.grid
    n = _N_CELLS - 1
    if g.clean:
        return RuleResult([], n)
    found: list[Finding] = []
    for i, v in enumerate(g.flat):
        if i == FEE_INDEX or v is None or type(v) is int:
            continue
        shown = v if isinstance(v, (int, float)) and not isinstance(v, bool) else repr(v)
        found.append(
            make(
                "cell.not-integer",
                location=_location(i),
                cells=(_ADDRESSES[i],),
                actual=shown,
                type=_type_name(v),
            )
        )
    return RuleResult(found, n - len(found), len(found))


def blank(ctx: CheckContext) -> RuleResult:
    """One finding listing every blank cell (a notice; a warning under ``blank_policy="strict"``)."""
    g = ctx.grid
    if not g.blanks:
        return RuleResult([], _N_CELLS)
    idx = [i for i, v in enumerate(g.flat) if v is None]
    per_table = {"二": 0, "三": 0, "四": 0}
    for i in idx:
        per_table[_TABLE_OF[i]] += 1
    finding = make(
        "cell.blank",
        location=Location(path="$"),
        cells=tuple(_ADDRESSES[i] for i in idx),
        count=len(idx),
        t2=per_table["二"],
        t3=per_table["三"],
        t4=per_table["四"],
    )
    if ctx.strict:
        finding = Finding(
            code=finding.code,
            severity=Severity.WARNING,
            location=finding.location,
            cells=finding.cells,
            args=finding.args,
        )
    return RuleResult([finding], _N_CELLS - len(idx), len(idx))


for _code, _func in (("cell.negative", negative), ("cell.not-integer", not_integer), ("cell.blank", blank)):
    register(Rule(code=_code, func=_func, description=(_func.__doc__ or "").split("\n", 1)[0]))
