"""The accounting rules of the tables, run from :data:`gov_disclosure.form.RULES` (``docs/checks.md``).

Each rule is compiled once into a function over the shared cell grid; an instance (one column or row) that
fails gives a finding at its stated total with ``expected``, ``actual`` and ``difference``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from .. import form
from ..cellview import CellRef, ref
from ..findings import Finding, Location, Severity, define, make
from .base import CheckContext, Counted, Rule, register

__all__ = ["cell_location"]


def cell_location(cell: CellRef, *, section: bool = False) -> Location:
    """The :class:`~gov_disclosure.findings.Location` of one cell (table, row, column, JSON path); with
    ``section=True`` also the id of the table's section."""
    return Location(
        table=cell.table.id,
        section=cell.table.section if section else None,
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
_CLBL = {c.id: c.label for c in _T3_BLOCK.columns}
_T4_LABELS = {c.id: c.label for c in form.REVIEW_LITIGATION.blocks[0].columns}
_T2_LABELS = {c.id: c.label for c in form.ACTIVE_DISCLOSURE.block("item1").columns}

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
# Compiling the rules against the grid (see checks.base.Grid: n2 flat, n3 and n4 rows of columns)


def _grid_positions() -> dict[tuple[str, str, str], tuple[str, int, int]]:
    """Where each cell id sits in the grid: ``("n2", k, -1)`` or ``("n3"/"n4", row, column)``."""
    out: dict[tuple[str, str, str], tuple[str, int, int]] = {}
    k = 0
    for block in form.ACTIVE_DISCLOSURE.blocks:
        for row in block.rows:
            for col in block.columns:
                out[("二", row.id, col.id)] = ("n2", k, -1)
                k += 1
    for name, t in (("n3", form.APPLICATIONS), ("n4", form.REVIEW_LITIGATION)):
        cols = [c.id for c in t.blocks[0].columns]
        for i, row in enumerate(t.rows):
            for j, cid in enumerate(cols):
                out[(t.id, row.id, cid)] = (name, i, j)
    return out


_POS: Final = _grid_positions()


def _expr(cell: form.CellId) -> str:
    name, i, j = _POS[cell]
    return f"n2[{i}]" if name == "n2" else f"{name}_{i}[{j}]"


def _sum_expr(cells: tuple[form.CellId, ...], minus: tuple[form.CellId, ...] = ()) -> str:
    text = "+".join(map(_expr, cells)) or "0"
    if minus:
        text += "".join("-" + _expr(c) for c in minus)
    return f"({text})"


def _diff_function(eqs: tuple[form.Equation, ...]) -> Callable[..., tuple[Any, ...]]:
    """``f(n2, n3, n4)`` returning, per instance, ``stated − (parts − minus)``: all arithmetic in one call."""
    used = sorted({_POS[c][:2] for eq in eqs for c in eq.cells if _POS[c][0] != "n2"})
    lines = ["def diffs(n2, n3, n4):"]
    lines += [f"    {name}_{i} = {name}[{i}]" for name, i in used]
    body = ", ".join(f"{_sum_expr(eq.stated)}-{_sum_expr(eq.parts, eq.minus)}" for eq in eqs)
    lines.append(f"    return ({body},)")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), namespace)  # generated from the form's rules only
    func: Callable[..., tuple[Any, ...]] = namespace["diffs"]
    return func


def _getter(cell: form.CellId) -> Callable[[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]], Any]:
    name, i, j = _POS[cell]
    if name == "n2":
        return lambda n2, n3, n4: n2[i]
    if name == "n3":
        return lambda n2, n3, n4: n3[i][j]
    return lambda n2, n3, n4: n4[i][j]


class _Compiled:
    """One rule ready to run: the generated arithmetic, and per instance its location, cells and getters."""

    def __init__(self, rule: form.AccountingRule) -> None:
        self.code = rule.code
        self.bound = rule.relation == ">="
        self.eqs = rule.equations()
        self.diffs = _diff_function(self.eqs)
        t = form.table(rule.table)
        self.insts: list[tuple[Location, tuple[form.CellAddress, ...]]] = []
        self.getters = []
        for eq in self.eqs:
            if len(eq.stated) == 1:
                loc = cell_location(ref(*eq.stated[0]))
            elif rule.per == "column":
                label = next(c.label for b in t.blocks for c in b.columns if c.id == eq.axis)
                loc = Location(
                    table=t.id, column=eq.axis, column_label=label, path=f"$.{t.section}.*.{eq.axis}"
                )
            else:
                label = next(r.label for r in t.rows if r.id == eq.axis)
                loc = Location(table=t.id, row=eq.axis, row_label=label, path=f"$.{t.section}.{eq.axis}")
            self.insts.append((loc, tuple(ref(*c).address for c in eq.cells)))
            self.getters.append(
                (
                    tuple(map(_getter, eq.parts)),
                    tuple(map(_getter, eq.minus)),
                    tuple(map(_getter, eq.stated)),
                    _raw_getter(eq),
                )
            )

    def fails(self, d: Any) -> bool:
        return bool(d < 0) if self.bound else bool(d != 0)

    def run(self, ctx: CheckContext) -> Counted:
        g = ctx.grid
        n = len(self.eqs)
        if g.complete:
            d = self.diffs(g.n2, g.n3, g.n4)
            if (min(d) >= 0) if self.bound else not any(d):
                return [], n, 0, 0
        found: list[Finding] = []
        na = 0
        for k, (parts, minus, stated, raw) in enumerate(self.getters):
            args = (g.n2, g.n3, g.n4)
            values = [get(*args) for get in (*parts, *minus, *stated)]
            if None in values:
                na += 1
                continue
            expected = sum(get(*args) for get in parts) - sum(get(*args) for get in minus)
            actual = sum(get(*args) for get in stated)
            if self.fails(actual - expected):
                blank = raw is not None and raw(g.t2, g.t3, g.t4) is None
                found.append(_finding(self.code, self.insts[k], expected, actual, blank))
        return found, n - na - len(found), len(found), na


def _raw_getter(eq: form.Equation) -> Callable[..., Any] | None:
    """The stated cell as written (to tell a blank total), when the instance has one stated cell."""
    return _getter(eq.stated[0]) if len(eq.stated) == 1 else None


def _finding(
    code: str, inst: tuple[Location, tuple[Any, ...]], expected: Any, actual: Any, blank: bool
) -> Finding:
    """The finding of one failed instance (``actual_blank``: the stated total is blank, read as 0)."""
    loc, cells = inst
    extra: dict[str, Any] = {"actual_blank": True} if blank else {}
    return make(
        code,
        location=loc,
        cells=cells,
        expected=expected,
        actual=actual,
        difference=actual - expected,
        **extra,
    )


_COMPILED: list[tuple[tuple[form.AccountingRule, ...], dict[str, _Compiled]]] = []


def compiled(code: str) -> _Compiled:
    """The compiled rule of ``code`` from the current :data:`gov_disclosure.form.RULES` (recompiled when the
    rules object changes, as in a test that edits a copy of the form)."""
    rules = form.RULES
    if not _COMPILED or _COMPILED[0][0] is not rules:
        _COMPILED[:] = [(rules, {r.code: _Compiled(r) for r in rules})]
    return _COMPILED[0][1][code]


def _runner(code: str) -> Callable[[CheckContext], Counted]:
    def run(ctx: CheckContext) -> Counted:
        return compiled(code).run(ctx)

    run.__name__ = run.__qualname__ = code.replace(".", "_").replace("-", "_")
    return run


def _description(r: form.AccountingRule) -> str:
    axis = "column" if r.per == "column" else "row"
    minus = "".join(f" − {m}" for m in r.minus)
    sign = "=" if r.relation == "=" else "≥"
    return f"Per {axis} of table {r.table}: {' + '.join(r.stated)} {sign} {' + '.join(r.parts)}{minus}"


for _rule in form.RULES:
    register(Rule(code=_rule.code, func=_runner(_rule.code), description=_description(_rule), counted=True))
