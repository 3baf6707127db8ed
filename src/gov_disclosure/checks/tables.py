"""Accounting rules of tables 二, 三 and 四 (``t3.balance``, ``t3.outcome-total``, ``t3.row-total``,
``t4.total``, ``t2.in-force``).

Each rule is checked per *instance*: ``t3.balance`` and ``t3.outcome-total`` per column of table 三
(7 each), ``t3.row-total`` per row (25), ``t4.total`` per block of table 四 (3), ``t2.in-force`` per row of
第二十条第（一）项 (2). An arithmetic finding lists every cell the instance involves (``cells``) and is
located at the stated total (``t3.balance``: at the column, as the rule equates two sums of two cells each).
Its args are ``expected`` (the sum of the parts), ``actual`` (the stated total) and ``difference``
(``actual − expected``).

Blank cells count as 0 under ``blank_policy="zero"``; under ``"strict"`` an instance touching a blank cell is
*not assessable* (counted in the stats, no finding). A cell holding something that is not a number (possible
only in a model built with :func:`gov_disclosure.model.unchecked`) also makes its instances not assessable.
"""

from __future__ import annotations

from operator import add, itemgetter
from typing import Any, Final

from .. import form
from ..cellview import CellRef, ref
from ..findings import Finding, Location, Severity, define, make
from .base import CheckContext, Counted, Rule, register

__all__ = ["cell_location"]


def cell_location(cell: CellRef) -> Location:
    """The :class:`~gov_disclosure.findings.Location` of one cell (table, row, column, JSON path)."""
    return Location(
        table=cell.table.id,
        row=cell.row.id,
        row_label=cell.row.label,
        column=cell.column.id,
        column_label=cell.column.label,
        path=cell.json_path,
    )


# ---------------------------------------------------------------------------------------------------------
# Codes

_T3 = form.APPLICATIONS
_T3_BLOCK = _T3.blocks[0]
_T3_ROW_IDS: Final = tuple(r.id for r in _T3.rows)
_T3_COL_IDS: Final = tuple(c.id for c in _T3_BLOCK.columns)
_ROW = {rid: i for i, rid in enumerate(_T3_ROW_IDS)}
_COL = {cid: j for j, cid in enumerate(_T3_COL_IDS)}
_RECEIVED, _OVER = _ROW["received"], _ROW["carried_over"]
_OUTCOME, _FORWARD = _ROW["outcome_total"], _ROW["carried_forward"]
_RESULTS: Final = tuple(_ROW[r] for r in form.RESULT_ROWS)
# The result rows are contiguous in the form, right above （七）总计: the rules slice them.
assert tuple(range(_RESULTS[0], _OUTCOME)) == _RESULTS, "result rows must sit right above （七）总计"
_R0 = _RESULTS[0]
_TOTAL_COL = _COL["total"]
_APPLICANT_IDX: Final = tuple(_COL[c] for c in form.APPLICANT_COLUMNS)
assert tuple(range(_TOTAL_COL)) == _APPLICANT_IDX, "applicant columns must come before 总计"

_LBL = {r.id: r.label for r in _T3.rows}
_CLBL = {c.id: c.label for c in _T3_BLOCK.columns}
_T4 = form.REVIEW_LITIGATION
_T4_LABELS = {c.id: c.label for c in _T4.blocks[0].columns}
_T2_ITEM1 = form.ACTIVE_DISCLOSURE.block("item1")
_T2_LABELS = {c.id: c.label for c in _T2_ITEM1.columns}

define(
    "t3.balance",
    Severity.ERROR,
    title_zh="表三各列勾稽关系不平衡",
    title_en="Table 三 column does not balance",
    template_zh="{location}：第一项与第二项之和为{expected}，第三项（七）与第四项之和为{actual}，相差{difference}",
    template_en=(
        "{location}: received + carried over = {expected}, but concluded (row （七）) + carried forward = "
        "{actual} (difference {difference})"
    ),
    basis="format.md §4.3 rule 1 (the 勾稽 note printed in table 三); §8 C1",
)
define(
    "t3.outcome-total",
    Severity.ERROR,
    title_zh="表三（七）总计与各办理结果之和不符",
    title_en="Table 三 （七） total differs from the sum of the results",
    template_zh="{location}为{actual}，但其上21个办理结果行之和为{expected}，相差{difference}",
    template_en=(
        "{location} is {actual}, but the 21 result rows above it sum to {expected} (difference {difference})"
    ),
    basis="format.md §4.4; §8 C2",
)
define(
    "t3.row-total",
    Severity.ERROR,
    title_zh=f"表三{_CLBL['total']}列与各申请人列之和不符",
    title_en="Table 三 row total differs from the sum of the applicant columns",
    template_zh=(
        f"{{location}}为{{actual}}，但{_CLBL['natural_person']}与{_T3_BLOCK.columns[1].group}五列之和为"
        "{expected}，相差{difference}"
    ),
    template_en=(
        "{location} is {actual}, but natural persons plus the five columns of legal persons and other "
        "organisations sum to {expected} (difference {difference})"
    ),
    basis="format.md §4.4; §8 C3",
)
define(
    "t4.total",
    Severity.ERROR,
    title_zh=f"表四{_T4_LABELS['total']}与各结果之和不符",
    title_en="Table 四 block total differs from the sum of its results",
    template_zh=(
        "{location}为{actual}，但"
        + "、".join(_T4_LABELS[p] for p in form.CASE_PARTS)
        + "之和为{expected}，相差{difference}"
    ),
    template_en=(
        "{location} is {actual}, but upheld + corrected + other results + pending = {expected} "
        "(difference {difference})"
    ),
    basis="format.md §5; §8 C5",
)
define(
    "t2.in-force",
    Severity.WARNING,
    title_zh=f"表二{_T2_LABELS['in_force']}不合常理",
    title_en="Table 二 documents in force implausible",
    template_zh=(
        f"{{location}}为{{actual}}，少于{_T2_LABELS['issued']}减{_T2_LABELS['repealed']}（{{expected}}），"
        "本年制发且未废止的文件应计入其中"
    ),
    template_en=(
        "{location} is {actual}, fewer than the documents issued minus those repealed this year "
        "({expected}); documents issued this year and not repealed should be in force"
    ),
    basis="format.md §3 (soft; DESIGN.md §4: plausibility only)",
)

# ---------------------------------------------------------------------------------------------------------
# Precomputed instances: locations and cell addresses.


def _t3_ref(row: str, col: str) -> CellRef:
    return ref("三", row, col)


_BALANCE: Final = tuple(
    (
        Location(
            table="三",
            column=cid,
            column_label=_CLBL[cid],
            path=f"$.applications.*.{cid}",
        ),
        tuple(
            _t3_ref(r, cid).address for r in ("received", "carried_over", "outcome_total", "carried_forward")
        ),
    )
    for cid in _T3_COL_IDS
)
_OUTCOME_INST: Final = tuple(
    (
        cell_location(_t3_ref("outcome_total", cid)),
        tuple(_t3_ref(r, cid).address for r in (*form.RESULT_ROWS, "outcome_total")),
    )
    for cid in _T3_COL_IDS
)
_ROW_INST: Final = tuple(
    (
        cell_location(_t3_ref(rid, "total")),
        tuple(_t3_ref(rid, c).address for c in _T3_COL_IDS),
    )
    for rid in _T3_ROW_IDS
)
_T4_ROW_IDS: Final = tuple(b.id for b in _T4.blocks)
_T4_COL_IDS: Final = tuple(c.id for c in _T4.blocks[0].columns)
_T4_TOTAL = _T4_COL_IDS.index("total")
assert len(_T4_COL_IDS) - 1 == _T4_TOTAL and _T4_COL_IDS[:-1] == form.CASE_PARTS
_T4_INST: Final = tuple(
    (
        cell_location(ref("四", bid, "total")),
        tuple(ref("四", bid, c).address for c in _T4_COL_IDS),
    )
    for bid in _T4_ROW_IDS
)
_T2_INST: Final = tuple(
    (
        cell_location(ref("二", rid, "in_force")),
        tuple(ref("二", rid, c.id).address for c in _T2_ITEM1.columns),
    )
    for rid in (r.id for r in _T2_ITEM1.rows)
)


def _diff(
    code: str, inst: tuple[Location, tuple[Any, ...]], expected: Any, actual: Any, raw: Any = 0
) -> Finding:
    """The finding of one failed instance; ``raw`` is the stated cell as written (``None``: blank, read as
    0, which the message says: ``actual_blank``)."""
    loc, cells = inst
    blank = {"actual_blank": True} if raw is None else {}
    return make(
        code,
        location=loc,
        cells=cells,
        expected=expected,
        actual=actual,
        difference=actual - expected,
        **blank,
    )


# ---------------------------------------------------------------------------------------------------------
# Rules. Each has a fast path for a complete grid (no blank under "strict", nothing but numbers), where the
# sums are compared with C-level map() calls and nothing is built unless an instance fails.


def t3_balance(ctx: CheckContext) -> Counted:
    """Per column of table 三: 一 + 二 = （七）总计 + 四."""
    n3 = ctx.grid.n3
    rec, over, out, fwd = n3[_RECEIVED], n3[_OVER], n3[_OUTCOME], n3[_FORWARD]
    n = len(rec)
    if ctx.grid.complete:
        left = list(map(add, rec, over))
        right = list(map(add, out, fwd))
        if left == right:
            return [], n, 0, 0
    found: list[Finding] = []
    na = 0
    for j in range(n):
        a, b, c, d = rec[j], over[j], out[j], fwd[j]
        if a is None or b is None or c is None or d is None:
            na += 1
        elif a + b != c + d:
            found.append(_diff("t3.balance", _BALANCE[j], a + b, c + d))
    return found, n - na - len(found), len(found), na


def t3_outcome_total(ctx: CheckContext) -> Counted:
    """Per column of table 三: （七）总计 = the 21 result rows above it."""
    n3 = ctx.grid.n3
    stated = n3[_OUTCOME]
    n = len(stated)
    if ctx.grid.complete:
        sums = list(map(sum, zip(*n3[_R0:_OUTCOME], strict=True)))
        if sums == list(stated):
            return [], n, 0, 0
        raw = ctx.grid.t3[_OUTCOME]
        found = [
            _diff("t3.outcome-total", _OUTCOME_INST[j], sums[j], stated[j], raw[j])
            for j in range(n)
            if sums[j] != stated[j]
        ]
        return found, n - len(found), len(found), 0
    found = []
    na = 0
    for j, col in enumerate(zip(*n3[_R0 : _OUTCOME + 1], strict=True)):
        if None in col:
            na += 1
            continue
        expected = sum(col[:-1])
        if expected != col[-1]:
            raw_total = ctx.grid.t3[_OUTCOME][j]
            found.append(_diff("t3.outcome-total", _OUTCOME_INST[j], expected, col[-1], raw_total))
    return found, n - na - len(found), len(found), na


def _row_totals(
    code: str,
    rows: tuple[tuple[Any, ...], ...],
    raw: tuple[tuple[Any, ...], ...],
    total: int,
    insts: tuple[Any, ...],
    complete: bool,
) -> Counted:
    """Per row: the last cell (总计) = the sum of the cells before it (``raw``: the rows as written)."""
    n = len(rows)
    get_total = itemgetter(total)
    if complete:
        # sum(row[:-1]) == row[-1]  ⇔  sum(row) == 2 × row[-1]
        totals = list(map(get_total, rows))
        if list(map(sum, rows)) == list(map(add, totals, totals)):
            return [], n, 0, 0
    found: list[Finding] = []
    na = 0
    for i, row in enumerate(rows):
        if None in row:
            na += 1
            continue
        expected = sum(row[:total])
        if expected != row[total]:
            found.append(_diff(code, insts[i], expected, row[total], raw[i][total]))
    return found, n - na - len(found), len(found), na


def t3_row_total(ctx: CheckContext) -> Counted:
    """Per row of table 三: 总计 = 自然人 + the five 法人或其他组织 columns."""
    g = ctx.grid
    return _row_totals("t3.row-total", g.n3, g.t3, _TOTAL_COL, _ROW_INST, g.complete)


def t4_total(ctx: CheckContext) -> Counted:
    """Per block of table 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    g = ctx.grid
    return _row_totals("t4.total", g.n4, g.t4, _T4_TOTAL, _T4_INST, g.complete)


def t2_in_force(ctx: CheckContext) -> Counted:
    """Per row of 第二十条第（一）项 (soft): 现行有效件数 ≥ 本年制发件数 − 本年废止件数.

    Documents issued during the year and not repealed by its end are in force at its end, so fewer documents
    in force than issued minus repealed is implausible. The bound is loose on purpose: documents repealed
    this year may be older ones, and documents may also lapse (失效) without a repeal, so only a warning.
    """
    n2 = ctx.grid.n2
    found: list[Finding] = []
    na = 0
    for i, inst in enumerate(_T2_INST):
        issued, repealed, in_force = n2[3 * i], n2[3 * i + 1], n2[3 * i + 2]
        if issued is None or repealed is None or in_force is None:
            na += 1
        elif in_force < issued - repealed:
            found.append(_diff("t2.in-force", inst, issued - repealed, in_force, ctx.grid.t2[3 * i + 2]))
    return found, len(_T2_INST) - na - len(found), len(found), na


for _code, _func in (
    ("t3.balance", t3_balance),
    ("t3.outcome-total", t3_outcome_total),
    ("t3.row-total", t3_row_total),
    ("t4.total", t4_total),
    ("t2.in-force", t2_in_force),
):
    register(Rule(code=_code, func=_func, description=(_func.__doc__ or "").split("\n", 1)[0], counted=True))
