"""Reading cells: a snapshot of a worksheet's cells, and the value of one data or metadata cell, with an
``xlsx.*`` finding when it holds something else than its field expects (see ``docs/xlsx.md``)."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from attrs import frozen

from ..findings import Finding, Location, make
from ..model import AgencyKind
from ..text.blanks import is_blank
from ..text.fold import nfkc, squeeze
from .layout import HEADING, KIND_LABELS, NARRATIVE_FIELDS, PARAGRAPH, Field, coord
from .storage import fee_from_number, unescape

__all__ = ["BAD_VALUE", "EXPECTED", "CellReader", "CellView", "Grid", "norm", "show"]

#: Cell texts read as blank in a data cell (a published report's ways of leaving a cell empty).
#: What a field of each kind expects, in Chinese and English (for the messages).
EXPECTED: Final[Mapping[str, tuple[str, str]]] = {
    "count": ("一个不小于 0 的整数", "a whole number ≥ 0"),
    "amount": ("一个不小于 0 的金额（万元）", "an amount ≥ 0 (万元)"),
    "text": ("文字", "text"),
    "year": ("1990 至 2999 之间的年份", "a year between 1990 and 2999"),
    "kind": ("“" + "”“".join(KIND_LABELS.values()) + "”之一", "one of " + ", ".join(KIND_LABELS.values())),
    "date": ("日期（如 2025-01-27）", "a date (e.g. 2025-01-27)"),
    "section": (
        "“部分”列中的一项（" + "、".join(label for _, label in NARRATIVE_FIELDS) + "）",
        "one of the parts listed in the 部分 column",
    ),
    "para-kind": (f"“{PARAGRAPH}”或“{HEADING}”", f"“{PARAGRAPH}” or “{HEADING}”"),
    "heading": ("非空的小标题", "a non-empty sub-heading"),
}


class _BadValue:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<bad value>"


#: What :meth:`CellReader.value` returns for a cell it reported.
BAD_VALUE: Final = _BadValue()


def norm(text: Any) -> str:
    """A label folded for comparison: NFKC, no whitespace."""
    return "" if text is None else squeeze(nfkc(str(text)))


def show(value: Any) -> str:
    """A cell value as shown in a message (language-neutral)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return value.isoformat() if not isinstance(value, _dt.timedelta) else str(value)
    return repr(value) if isinstance(value, float) else str(value)


@frozen
class CellView:
    """What the reader needs of a cell."""

    value: Any
    data_type: str
    number_format: str
    coordinate: str


class Grid:
    """A snapshot of a worksheet's non-empty cells (read once, in openpyxl's fast read-only mode)."""

    def __init__(self, ws: Any) -> None:
        self.title: str = ws.title
        self.cells: dict[tuple[int, int], CellView] = {}
        self.max_row = 0
        ws.reset_dimensions()
        for row in ws.iter_rows():
            for c in row:
                value = getattr(c, "value", None)
                if value is None or not hasattr(c, "row"):
                    continue
                self.cells[(c.row, c.column)] = CellView(
                    value, c.data_type, c.number_format or "General", coord(c.column, c.row)
                )
                self.max_row = max(self.max_row, c.row)

    def cell(self, row: int, column: int) -> CellView:
        """The cell at (row, column); an empty view when it holds nothing."""
        found = self.cells.get((row, column))
        return found if found is not None else CellView(None, "n", "General", coord(column, row))


class CellReader:
    """Reads cell values, collecting a finding for every cell that does not hold what its field expects."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        #: Whether a negative count or fee was read (the report is then built unchecked).
        self.negative = False

    def add(
        self, code: str, location: Location | None = None, cells: tuple[Any, ...] = (), **args: Any
    ) -> None:
        """Record a finding."""
        self.findings.append(make(code, location=location, cells=cells, **args))

    def value(self, ws: Grid, cell: CellView, f: Field, location: Location) -> Any:
        """Read one field; on a problem add a finding and return ``BAD_VALUE``."""
        v = cell.value
        args: dict[str, Any] = {"sheet": ws.title, "ref": cell.coordinate, "label": f.label}
        cells = (f.cell.address,) if f.cell is not None else ()
        expected_zh, expected_en = EXPECTED[f.kind]
        if cell.data_type == "f":
            self.add("xlsx.formula", location, cells, found=str(v), **args)
            return BAD_VALUE
        if cell.data_type == "e":
            self.add(
                "xlsx.wrong-type",
                location,
                cells,
                found=str(v),
                expected=expected_en,
                expected_zh=expected_zh,
                **args,
            )
            return BAD_VALUE

        def wrong(code: str = "xlsx.wrong-type") -> Any:
            self.add(
                code, location, cells, found=show(v), expected=expected_en, expected_zh=expected_zh, **args
            )
            return BAD_VALUE

        if f.kind in ("count", "year"):
            return self._count(v, f, location, cells, args, wrong)
        if f.kind == "amount":
            return self._amount(v, cell.number_format, wrong)
        if f.kind == "text":
            if v is None:
                return None
            if isinstance(v, bool) or not isinstance(v, (str, int)):
                return wrong()
            text = unescape(v) if isinstance(v, str) else str(v)
            return text if text.strip() else None
        if f.kind == "kind":
            if v is None or (isinstance(v, str) and not v.strip()):
                return AgencyKind.OTHER
            if isinstance(v, str):
                key = norm(v)
                for kind, label in KIND_LABELS.items():
                    if key in (norm(label), kind.value):
                        return kind
            return wrong("xlsx.bad-value")
        # date
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        if isinstance(v, _dt.datetime):
            if v.time() != _dt.time(0, 0):
                return wrong("xlsx.bad-value")
            return v.date()
        if isinstance(v, _dt.date):
            return v
        if isinstance(v, str):
            parsed = _parse_date(v)
            return parsed if parsed is not None else wrong("xlsx.bad-value")
        return wrong()

    def _count(
        self,
        v: Any,
        f: Field,
        location: Location,
        cells: Any,
        args: dict[str, Any],
        wrong: Callable[..., Any],
    ) -> Any:
        if v is None:
            return None
        if isinstance(v, bool):
            return wrong()
        if isinstance(v, int):
            result = v
        elif isinstance(v, float):
            if not v.is_integer():
                return wrong("xlsx.not-integer")
            result = int(v)
        elif isinstance(v, str):
            text = norm(v)
            if is_blank(text):
                return None
            if not re.fullmatch(r"[+-]?[0-9]+", text.replace(",", "")):
                if re.fullmatch(r"[+-]?[0-9]*\.[0-9]+", text):
                    return wrong("xlsx.not-integer")
                return wrong()
            result = int(text.replace(",", ""))
            self.add("xlsx.number-as-text", location, cells, found=show(v), value=result, **args)
        else:
            return wrong()
        if f.kind == "year" and not 1990 <= result <= 2999:
            return wrong("xlsx.bad-value")
        if result < 0:
            self.negative = True
        return result

    def _amount(self, v: Any, number_format: str, wrong: Callable[..., Any]) -> Any:
        if v is None:
            return None
        if isinstance(v, bool):
            return wrong()
        if isinstance(v, (int, float)):
            if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
                return wrong()
            value = fee_from_number(v, number_format)
        elif isinstance(v, str):
            text = norm(v)
            if is_blank(text):
                return None
            if not re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", text):
                return wrong()
            try:
                value = Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern is stricter than Decimal
                return wrong()
        else:
            return wrong()
        if value < 0:
            self.negative = True
        return value

    # -- sheets --------------------------------------------------------------------------------------------


_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _parse_date(text: str) -> _dt.date | None:
    m = _DATE_RE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
