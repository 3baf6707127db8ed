"""Rules on single cells: ``cell.negative``, ``cell.not-integer``, ``cell.blank``.

A :class:`~gov_disclosure.model.Report` built normally cannot hold a negative or non-integer count (the
model's validators reject them), but one built inside :func:`gov_disclosure.model.unchecked` can — that is
how a parser keeps what a published report states. These rules find such values in all three tables.

Instances: ``cell.negative`` one per cell (200: the fee amount included; a value that is not a number is not
assessable), ``cell.not-integer`` one per count cell (199: the fee is an amount), ``cell.blank`` one per cell
(200; a blank cell is a failed instance, and all blank cells share one finding).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Final

from ..cellview import cell_refs
from ..findings import Finding, Location, Severity, define, make
from .base import FEE_INDEX, CheckContext, Counted, Rule, _is_number, register
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
#: The cells of :attr:`Grid.counts` (every cell but the fee, in form order), and the fee cell.
_COUNT_REFS: Final = tuple(c for c in _REFS if c.row.unit == "count")
_FEE_REF: Final = next(c for c in _REFS if c.row.unit == "amount")
assert _REFS.index(_FEE_REF) == FEE_INDEX
_ADDRESSES: Final = tuple(c.address for c in _COUNT_REFS)
_TABLE_OF: Final = tuple(c.table.id for c in _COUNT_REFS)
_N_CELLS = len(_REFS)
_N_COUNTS = len(_COUNT_REFS)
_LOCATIONS: dict[int, Location] = {}


def _location(i: int) -> Location:
    """Location of count cell ``i`` (``-1``: the fee)."""
    loc = _LOCATIONS.get(i)
    if loc is None:
        loc = _LOCATIONS[i] = cell_location(_FEE_REF if i < 0 else _COUNT_REFS[i])
    return loc


def negative(ctx: CheckContext) -> Counted:
    """Every cell holding a number below 0."""
    g = ctx.grid
    counts, fee = g.counts, g.fee
    # Clean counts: zeros and blanks are falsy, so the smallest truthy count decides whether any is negative.
    if (
        g.clean
        and (fee is None or fee >= 0)
        and min(filter(None, counts) if g.blanks else counts, default=0) >= 0
    ):
        return [], _N_CELLS, 0, 0
    not_numbers = 0
    found: list[Finding] = []
    for i, v in enumerate((*counts, fee)):
        if v is None:
            continue
        if not _is_number(v):
            not_numbers += 1
        elif v < 0:
            j = -1 if i == _N_COUNTS else i
            address = _FEE_REF.address if j < 0 else _ADDRESSES[j]
            found.append(make("cell.negative", location=_location(j), cells=(address,), actual=v))
    return found, _N_CELLS - len(found) - not_numbers, len(found), not_numbers


def not_integer(ctx: CheckContext) -> Counted:
    """Every count cell holding something other than a whole number (``int``)."""
    g = ctx.grid
    if g.clean:
        return [], _N_COUNTS, 0, 0
    found: list[Finding] = []
    for i, v in enumerate(g.counts):
        if v is None or type(v) is int:
            continue
        shown = v if isinstance(v, (int, float)) and not isinstance(v, bool) else repr(v)
        found.append(
            make(
                "cell.not-integer",
                location=_location(i),
                cells=(_ADDRESSES[i],),
                actual=shown,
                type=type(v).__name__,
            )
        )
    return found, _N_COUNTS - len(found), len(found), 0


def blank(ctx: CheckContext) -> Counted:
    """One finding listing every blank cell (a notice; a warning under ``blank_policy="strict"``)."""
    g = ctx.grid
    if not g.blanks:
        return [], _N_CELLS, 0, 0
    idx = [i for i, v in enumerate(g.counts) if v is None]
    per_table = {"二": 0, "三": 0, "四": 0}
    for i in idx:
        per_table[_TABLE_OF[i]] += 1
    addresses = [_ADDRESSES[i] for i in idx]
    if g.fee is None:
        per_table["二"] += 1
        # In form order the fee comes right after table 二's nine counts.
        addresses.insert(bisect_left(idx, FEE_INDEX), _FEE_REF.address)
    finding = make(
        "cell.blank",
        location=Location(path="$"),
        cells=tuple(addresses),
        count=len(addresses),
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
    return [finding], _N_CELLS - len(addresses), len(addresses), 0


for _code, _func in (("cell.negative", negative), ("cell.not-integer", not_integer), ("cell.blank", blank)):
    register(Rule(code=_code, func=_func, description=(_func.__doc__ or "").split("\n", 1)[0], counted=True))
