"""The accounting rules (勾稽关系) of the form, as data: named equations over cell ids (``docs/checks.md``).

The checks evaluate these rules, :mod:`gov_disclosure.build` derives totals from them, consolidation flags
units with them, :mod:`gov_disclosure.strategies` draws reports that satisfy them and the workbook template
writes its check formulas from them. Change a rule here and all of those follow.
"""

from __future__ import annotations

from typing import Final, Literal

from attrs import frozen

from .tables import (
    ACTIVE_DISCLOSURE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    CASE_PARTS,
    RESULT_ROWS,
    REVIEW_LITIGATION,
    TableId,
    table,
)

__all__ = ["RULES", "AccountingRule", "CellId", "Equation", "rule"]

#: A cell by ids: ``(table, row id, column id)``, e.g. ``("三", "received", "natural_person")``.
CellId = tuple[str, str, str]


@frozen
class Equation:
    """One instance of a rule: ``sum(stated) = sum(parts) − sum(minus)`` (or ``≥`` for a soft rule).

    ``axis`` is the column id (a rule applied per column) or the row id (per row) the instance is about.
    """

    code: str
    table: TableId
    axis: str
    parts: tuple[CellId, ...]
    minus: tuple[CellId, ...]
    stated: tuple[CellId, ...]
    relation: Literal["=", ">="]

    @property
    def cells(self) -> tuple[CellId, ...]:
        """Every cell of the instance: the parts, the subtracted parts, then the stated cells."""
        return (*self.parts, *self.minus, *self.stated)

    @property
    def derives(self) -> CellId | None:
        """The one stated cell a builder can compute from the parts, or ``None`` (several, or a bound)."""
        if self.relation == "=" and len(self.stated) == 1 and not self.minus:
            return self.stated[0]
        return None


@frozen
class AccountingRule:
    """A rule of one table applied per column or per row.

    ``per="column"``: for every column id in ``over``, the cells of rows ``stated`` sum to the cells of rows
    ``parts`` minus rows ``minus``. ``per="row"``: the same across columns, for every row id in ``over``.
    ``relation`` ``">="`` makes it a bound (stated ≥ parts − minus), a plausibility rule.
    """

    code: str
    table: TableId
    per: Literal["column", "row"]
    over: tuple[str, ...]
    parts: tuple[str, ...]
    stated: tuple[str, ...]
    minus: tuple[str, ...] = ()
    relation: Literal["=", ">="] = "="

    def _cell(self, axis: str, other: str) -> CellId:
        return (self.table, other, axis) if self.per == "column" else (self.table, axis, other)

    def equations(self) -> tuple[Equation, ...]:
        """The rule's instances, one per id in ``over``, in form order."""
        return tuple(
            Equation(
                code=self.code,
                table=self.table,
                axis=axis,
                parts=tuple(self._cell(axis, p) for p in self.parts),
                minus=tuple(self._cell(axis, m) for m in self.minus),
                stated=tuple(self._cell(axis, s) for s in self.stated),
                relation=self.relation,
            )
            for axis in self.over
        )


_T3_COLUMNS = tuple(c.id for c in APPLICATIONS.blocks[0].columns)
_T4_COLUMNS = tuple(c.id for c in REVIEW_LITIGATION.blocks[0].columns)
_ITEM1 = ACTIVE_DISCLOSURE.block("item1")

#: Every accounting rule of the 2021 form, in the order the checks report them.
RULES: Final[tuple[AccountingRule, ...]] = (
    # 第一项加第二项之和，等于第三项加第四项之和 (the note printed in table 三).
    AccountingRule(
        code="t3.balance",
        table="三",
        per="column",
        over=_T3_COLUMNS,
        parts=("received", "carried_over"),
        stated=("outcome_total", "carried_forward"),
    ),
    # （七）总计 is the sum of the 21 result rows above it.
    AccountingRule(
        code="t3.outcome-total",
        table="三",
        per="column",
        over=_T3_COLUMNS,
        parts=RESULT_ROWS,
        stated=("outcome_total",),
    ),
    # The 总计 column is 自然人 plus the five 法人或其他组织 columns.
    AccountingRule(
        code="t3.row-total",
        table="三",
        per="row",
        over=tuple(r.id for r in APPLICATIONS.rows),
        parts=APPLICANT_COLUMNS,
        stated=(_T3_COLUMNS[-1],),
    ),
    # Each block of table 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    AccountingRule(
        code="t4.total",
        table="四",
        per="row",
        over=tuple(r.id for r in REVIEW_LITIGATION.rows),
        parts=CASE_PARTS,
        stated=(_T4_COLUMNS[-1],),
    ),
    # Soft: documents issued this year and not repealed are in force at its end.
    AccountingRule(
        code="t2.in-force",
        table="二",
        per="row",
        over=tuple(r.id for r in _ITEM1.rows),
        parts=(_ITEM1.columns[0].id,),
        minus=(_ITEM1.columns[1].id,),
        stated=(_ITEM1.columns[2].id,),
        relation=">=",
    ),
)


def rule(code: str, rules: tuple[AccountingRule, ...] | None = None) -> AccountingRule:
    """The rule with this finding code in ``rules`` (default: the form's current :data:`RULES`); ``KeyError``
    listing the codes otherwise."""
    if rules is None:
        from .. import form  # the package's RULES, which a test may replace with an edited copy

        rules = form.RULES
    for r in rules:
        if r.code == code:
            return r
    raise KeyError(f"no accounting rule {code!r}; rules: {[r.code for r in rules]}")


def _check_ids(rules: tuple[AccountingRule, ...]) -> None:
    """Every id a rule names is a row or column of its table (run at import: a typo fails loudly)."""
    for r in rules:
        t = table(r.table)
        rows = {row.id for row in t.rows}
        cols = {c.id for b in t.blocks for c in b.columns}
        axis, other = (cols, rows) if r.per == "column" else (rows, cols)
        unknown = (set(r.over) - axis) | (set(r.parts + r.minus + r.stated) - other)
        if unknown:
            raise ValueError(f"rule {r.code}: unknown ids {sorted(unknown)} in table {r.table}")


_check_ids(RULES)
