"""The flat cell view: every numeric cell of a report under its official address, in form order.

The address of a cell is ``(table, row label, column label)`` with the exact official labels, e.g.
``("三", "一、本年新收政府信息公开申请数量", "自然人")``. Diffs, the XLSX template, data-frame export and the
checks' findings use these addresses. :class:`CellRef` adds the ids and the JSON path of each cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any

import attrs
from attrs import frozen

from . import form
from .model import Report

__all__ = [
    "CellRef",
    "CellValue",
    "cell_refs",
    "cell_value",
    "cells",
    "from_cells",
    "get_cell",
    "ref",
    "replace_cell",
]

CellValue = int | Decimal | None


@frozen
class CellRef:
    """Where a cell lives: in the form (ids and labels) and in the model (attribute path)."""

    table: form.Table
    block: form.Block
    row: form.Row
    column: form.Column
    #: Attribute names from the :class:`~gov_disclosure.model.Report` down to the cell.
    attr_path: tuple[str, ...]

    @property
    def address(self) -> form.CellAddress:
        """The official address ``(table, row label, column label)``."""
        return (self.table.id, self.row.label, self.column.label)

    @property
    def json_path(self) -> str:
        """The cell's JSON path under the English keys, e.g. ``$.applications.received.natural_person``."""
        return "$." + ".".join(self.attr_path)

    @property
    def key(self) -> tuple[str, str, str]:
        """The ids ``(table, row id, column id)``."""
        return (self.table.id, self.row.id, self.column.id)


def _attr_path(t: form.Table, block: form.Block, row: form.Row, col: form.Column) -> tuple[str, ...]:
    if t.id == "二" and len(block.columns) == 1:
        return (t.section, row.id)
    return (t.section, row.id, col.id)


@cache
def cell_refs() -> tuple[CellRef, ...]:
    """Every cell of the form, in form order (200 cells: 10 + 175 + 15)."""
    return tuple(
        CellRef(t, b, r, c, _attr_path(t, b, r, c))
        for t in form.TABLES
        for b in t.blocks
        for r in b.rows
        for c in b.columns
    )


@cache
def _index() -> Mapping[tuple[str, str, str], CellRef]:
    out: dict[tuple[str, str, str], CellRef] = {}
    for c in cell_refs():
        out[c.key] = c
        out[c.address] = c
    return out


def ref(table: str, row: str, column: str) -> CellRef:
    """Look a cell up by ids (``"三", "received", "natural_person"``) or by its official address."""
    try:
        return _index()[(table, row, column)]
    except KeyError:
        raise KeyError(f"no cell ({table!r}, {row!r}, {column!r}) in the 2021 form") from None


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        obj = getattr(obj, name)
    return obj


def cell_value(report: Report, cell: CellRef) -> CellValue:
    """The value of the cell ``cell`` in ``report``."""
    value: CellValue = _get(report, cell.attr_path)
    return value


def get_cell(report: Report, table: str, row: str, column: str) -> CellValue:
    """The value of one cell, addressed by ids or by official labels."""
    value: CellValue = _get(report, ref(table, row, column).attr_path)
    return value


def cells(report: Report) -> dict[form.CellAddress, CellValue]:
    """Map every cell's official address to its value, in form order (200 entries)."""
    return {c.address: _get(report, c.attr_path) for c in cell_refs()}


def replace_cell(report: Report, cell: CellRef, value: CellValue) -> Report:
    """A copy of ``report`` with one cell changed (validators still apply to the new value)."""

    def go(obj: Any, path: tuple[str, ...]) -> Any:
        head, *rest = path
        new = value if not rest else go(getattr(obj, head), tuple(rest))
        return attrs.evolve(obj, **{head: new})

    result: Report = go(report, cell.attr_path)
    return result


@cache
def _positions() -> Mapping[tuple[str, str, str], int]:
    """The position in form order of every cell, by ids and by official address."""
    out: dict[tuple[str, str, str], int] = {}
    for i, c in enumerate(cell_refs()):
        out[c.key] = out[c.address] = i
    return out


# A plan node: (attribute, record class, children) or (attribute, None, position of the value).
_Plan = tuple[tuple[str, Any, Any], ...]


@cache
def _plan() -> _Plan:
    """How to build the table records from the 200 values in form order, from the model's own field types."""
    from . import model

    def record(cls: Any, children: dict[str, Any]) -> tuple[Any, ...]:
        attrs.resolve_types(cls, vars(model))
        types = attrs.fields_dict(cls)
        return tuple(
            (name, types[name].type, record(types[name].type, sub))
            if isinstance(sub, dict)
            else (name, None, sub)
            for name, sub in children.items()
        )

    tree: dict[str, Any] = {}
    for i, r in enumerate(cell_refs()):
        node = tree
        for name in r.attr_path[:-1]:
            node = node.setdefault(name, {})
        node[r.attr_path[-1]] = i
    return record(Report, tree)


def _build(plan: _Plan, vector: Sequence[CellValue]) -> dict[str, Any]:
    return {name: cls(**_build(sub, vector)) if cls is not None else vector[sub] for name, cls, sub in plan}


def from_cells(values: Mapping[tuple[str, str, str], CellValue] | Sequence[CellValue]) -> dict[str, Any]:
    """The three table records from cell values: the inverse of :func:`cells`.

    ``values`` maps cells by ids (``("三", "received", "natural_person")``) or by official address (a cell
    not given is blank), or is a sequence of the 200 values in form order. Returns
    ``{"active_disclosure": …, "applications": …, "review_litigation": …}``, to pass to
    :class:`~gov_disclosure.model.Report` (under :func:`~gov_disclosure.model.unchecked` for values a
    report states but the model's validators refuse, such as negative counts).
    """
    refs = cell_refs()
    if isinstance(values, Mapping):
        index = _index()
        unknown = values.keys() - index.keys()
        if unknown:
            raise KeyError(f"from_cells(): no cell {sorted(unknown)[0]!r} in the 2021 form")
        filled: list[CellValue] = [None] * len(refs)
        position = _positions()
        for k, v in values.items():
            filled[position[k]] = v
        vector: Sequence[CellValue] = filled
    else:
        vector = values
        if len(vector) != len(refs):
            raise ValueError(f"from_cells(): expected {len(refs)} values in form order, got {len(vector)}")
    return _build(_plan(), vector)
