"""The template's 核对 formulas: each accounting rule instance of :mod:`gov_disclosure.form` recomputed in
Excel beside the stated cells, with a cell showing 相符 or 不符 (see ``docs/xlsx.md``, 核对 cells)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from attrs import frozen

from .. import form

__all__ = ["BAD", "OK", "Check", "check_formulas", "column_letter"]

#: What a flag cell shows when the rule holds, and when it does not.
OK: Final = "相符"
BAD: Final = "不符"


@frozen
class Check:
    """Where the template checks one rule instance: ``value`` (A1) computes it, ``flag`` (A1) shows the
    verdict."""

    equation: form.Equation
    value: str
    flag: str


def column_letter(index: int) -> str:
    """Column letter of a 1-based column index (A … ZZ), without openpyxl."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _a1(position: tuple[int, int]) -> str:
    column, row = position
    return f"{column_letter(column)}{row}"


def _refs(cells: Sequence[tuple[int, int]]) -> str:
    """A reference to ``cells`` (column, row): one range when they run along a row or column, else a list."""
    (c0, r0), (cn, rn) = cells[0], cells[-1]
    along_column = all(c == c0 and r == r0 + i for i, (c, r) in enumerate(cells))
    along_row = all(r == r0 and c == c0 + i for i, (c, r) in enumerate(cells))
    if len(cells) > 1 and (along_column or along_row):
        return f"{_a1((c0, r0))}:{_a1((cn, rn))}"
    return ",".join(map(_a1, cells))


def check_formulas(
    checks: Iterable[Check], positions: Mapping[form.CellId, tuple[int, int]]
) -> tuple[tuple[str, str], ...]:
    """The formulas of the 核对 cells: ``(A1, formula)`` for each check's value cell, then its flag cell.

    ``positions`` gives the (column, row) of every data cell a rule names. An equation ``stated = parts``
    with one stated cell gets ``=SUM(parts)`` and a flag comparing it with ``N(stated)``; any other (two
    stated cells, subtracted parts, a ``>=`` bound) gets the difference ``parts − minus − stated`` and a
    flag comparing it with 0. A flag is empty while every cell of the equation is blank; blank cells count
    as 0, as in the checks.
    """
    out: list[tuple[str, str]] = []
    for check in checks:
        eq = check.equation
        parts = [positions[c] for c in eq.parts]
        minus = [positions[c] for c in eq.minus]
        stated = [positions[c] for c in eq.stated]
        if eq.relation == "=" and len(stated) == 1 and not minus:
            value = f"=SUM({_refs(parts)})"
            holds = f"{check.value}=N({_a1(stated[0])})"
        else:
            terms = "+".join(f"N({_a1(c)})" for c in parts) or "0"
            value = "=" + terms + "".join(f"-N({_a1(c)})" for c in (*minus, *stated))
            holds = f"{check.value}{'=' if eq.relation == '=' else '<='}0"
        flag = f'=IF(COUNT({_refs([*parts, *minus, *stated])})=0,"",IF({holds},"{OK}","{BAD}"))'
        out += [(check.value, value), (check.flag, flag)]
    return tuple(out)
