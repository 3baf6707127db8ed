"""Findings as values: :class:`Finding` (a stable ``code``, a :class:`Severity`, a :class:`Location`, the
cells involved and the ``args`` its zh and en messages are rendered from) and the catalogue of codes, which
modules fill with :func:`define` at import time (``docs/codes.md``)."""

from __future__ import annotations

import enum
import importlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs
from attrs import field, frozen

from ..form import CellAddress

__all__ = [
    "CodeInfo",
    "Fault",
    "Finding",
    "Lang",
    "Location",
    "Severity",
    "catalogue",
    "catalogue_markdown",
    "define",
    "info",
    "make",
]

Lang = Literal["zh", "en"]


class Severity(enum.StrEnum):
    """How serious a finding is. Only errors make a report invalid."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for notices (for sorting)."""
        return ("error", "warning", "notice").index(self.value)

    def label(self, lang: Lang = "zh") -> str:
        """The severity's name in Chinese or English."""
        if lang == "en":
            return self.value
        return {"error": "错误", "warning": "警告", "notice": "提示"}[self.value]


class Fault(enum.StrEnum):
    """Whose doubt a finding about a table cell is: the published report's or our reading's.

    A user checking reports in bulk needs to tell a defect of the report (its table does not add up, a cell
    holds no number) from a doubt of the parser (digits run together that split more than one way, a row it
    could not read).
    """

    #: The report as published is defective: its figures break a rule, a cell or row is missing or unreadable.
    PUBLISHED = "published"
    #: The figures may be right; our reading of this copy of the report is uncertain or incomplete.
    READING = "reading"

    def label(self, lang: Lang = "zh") -> str:
        """The fault's name in Chinese or English."""
        if lang == "en":
            return {"published": "published report", "reading": "reading"}[self.value]
        return {"published": "报告本身", "reading": "解析"}[self.value]


#: Code families whose findings are all about the figures as published (the checks of the form's rules).
_PUBLISHED_FAMILIES = frozenset({"t2", "t3", "t4", "cell", "fee", "xyear"})


@frozen(kw_only=True)
class Location:
    """Where a finding is: a table cell, a row, a section, a JSON path or a line of the source."""

    #: ``"二"``, ``"三"`` or ``"四"`` for a table finding.
    table: str | None = None
    #: A section id from :data:`gov_disclosure.form.SECTIONS` (``"overview"``, …) or ``"meta"``.
    section: str | None = None
    #: Row id and official label (table findings).
    row: str | None = None
    row_label: str | None = None
    #: Column id and official label (table findings).
    column: str | None = None
    column_label: str | None = None
    #: JSON path of the value under the English keys, e.g. ``$.applications.received.total``.
    path: str | None = None
    #: 1-based line (text sources) or other position in the source, for parse findings.
    line: int | None = None
    #: 1-based page of the source (PDF), for parse findings.
    page: int | None = None

    def describe(self, lang: Lang = "zh") -> str:
        """A short human description, e.g. ``表三 一、本年新收政府信息公开申请数量 × 自然人``."""
        parts: list[str] = []
        if self.table:
            parts.append(f"表{self.table}" if lang == "zh" else f"table {self.table}")
        elif self.section:
            parts.append(_section_name(self.section, lang))
        if self.row_label:
            parts.append(self.row_label)
        if self.column_label:
            parts.append(("× " if parts else "") + self.column_label)
        if self.page is not None:
            parts.append(f"第{self.page}页" if lang == "zh" else f"page {self.page}")
        if self.line is not None:
            parts.append(f"第{self.line}行" if lang == "zh" else f"line {self.line}")
        if not parts and self.path:
            parts.append(self.path)
        return " ".join(parts)

    def sort_key(self) -> tuple[int, int, int, str]:
        """Position in the form: meta, preamble, sections 一 to 六 (tables by row and column), the rest."""
        return _location_order(self)

    def key(self) -> str:
        """A compact stable key for waivers and CSV: ``三/received/natural_person``, ``meta/published``."""
        head = self.table or self.section or ""
        return "/".join(p for p in (head, self.row or "", self.column or "") if p) or (self.path or "")


_EXTRA_SECTIONS = {"meta": ("报告信息", "report metadata"), "preamble": ("前言", "preamble")}


def _section_name(section: str, lang: Lang) -> str:
    """A section id as a reader knows it: the official heading (zh) or ``section 一 (overview)`` (en)."""
    from ..form import SECTIONS

    extra = _EXTRA_SECTIONS.get(section)
    if extra is not None:
        return extra[0] if lang == "zh" else extra[1]
    for s in SECTIONS:
        if s.id == section:
            return s.heading if lang == "zh" else f"section {s.heading[0]} ({s.id.replace('_', ' ')})"
    return section


class _Order:
    """Positions of sections, rows and columns in the form, for sorting findings in reading order."""

    def __init__(self) -> None:
        from ..form import SECTIONS, TABLES

        self.sections: dict[str, int] = {"meta": 0, "preamble": 1}
        for s in SECTIONS:
            self.sections[s.id] = 1 + s.number
        self.rows: dict[tuple[str, str], int] = {}
        self.columns: dict[tuple[str, str], int] = {}
        for t in TABLES:
            self.sections[t.id] = self.sections[t.section]
            for block in t.blocks:
                for row in block.rows:
                    self.rows[(t.id, row.id)] = len(self.rows)
                for j, col in enumerate(block.columns):
                    self.columns.setdefault((t.id, col.id), j)


_ORDER: list[_Order] = []


def _location_order(loc: Location) -> tuple[int, int, int, str]:
    if not _ORDER:
        _ORDER.append(_Order())
    order = _ORDER[0]
    head = loc.table or loc.section
    pos = order.sections.get(head, 99) if head is not None else 99
    if loc.table is not None:
        # A finding about a whole column (no row) sorts after the rows of its table.
        row = order.rows.get((loc.table, loc.row), 9998) if loc.row is not None else 9999
        col = order.columns.get((loc.table, loc.column), 99) if loc.column is not None else -1
        return (pos, row, col, loc.path or "")
    return (pos, loc.line if loc.line is not None else 0, 0, loc.path or "")


@frozen(kw_only=True)
class CodeInfo:
    """A catalogue entry: severity, titles and message templates of a finding code."""

    code: str
    severity: Severity
    title_zh: str
    title_en: str
    #: ``str.format`` templates over the finding's ``args`` (and ``{location}``).
    template_zh: str
    template_en: str
    #: Where the rule comes from (e.g. ``format.md §4.3``), for the docs.
    basis: str = ""
    #: Whose fault a finding of this code is (:class:`Fault`): given for codes about table cells (the checks'
    #: families ``t2``, ``t3``, ``t4``, ``cell``, ``fee``, ``xyear`` are :attr:`Fault.PUBLISHED` by default);
    #: ``None`` for codes about anything else.
    fault: Fault | None = None


_CATALOGUE: dict[str, CodeInfo] = {}
#: Modules that define codes; imported by :func:`catalogue` so that it is complete.
_DEFINING_MODULES = (
    "gov_disclosure.checks",
    "gov_disclosure.parsers",
    "gov_disclosure.parsers.pdf",
    "gov_disclosure.workbook",
    "gov_disclosure.batch",
)


def define(
    code: str,
    severity: Severity,
    *,
    title_zh: str,
    title_en: str,
    template_zh: str,
    template_en: str,
    basis: str = "",
    fault: Fault | None = None,
) -> CodeInfo:
    """Declare a finding code (once; declaring the same code again with other text is an error).

    ``fault`` says whose doubt a finding of this code is (:class:`Fault`); codes of the checks' families
    (``t2.``, ``t3.``, ``t4.``, ``cell.``, ``fee.``, ``xyear.``) default to :attr:`Fault.PUBLISHED`.
    """
    if fault is None and code.split(".", 1)[0] in _PUBLISHED_FAMILIES:
        fault = Fault.PUBLISHED
    entry = CodeInfo(
        code=code,
        severity=severity,
        title_zh=title_zh,
        title_en=title_en,
        template_zh=template_zh,
        template_en=template_en,
        basis=basis,
        fault=fault,
    )
    old = _CATALOGUE.get(code)
    if old is not None and old != entry:
        raise ValueError(f"finding code {code!r} is already defined differently")
    _CATALOGUE[code] = entry
    return entry


def info(code: str) -> CodeInfo:
    """The catalogue entry of a code; ``KeyError`` with the known codes if unknown."""
    try:
        return _CATALOGUE[code]
    except KeyError:
        catalogue()
        if code in _CATALOGUE:
            return _CATALOGUE[code]
        raise KeyError(f"unknown finding code {code!r}; known: {sorted(_CATALOGUE)}") from None


def catalogue() -> Mapping[str, CodeInfo]:
    """Every finding code the library can produce, sorted by code."""
    for name in _DEFINING_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a module not written yet, or an optional dependency
            if exc.name != name:
                raise
    return MappingProxyType(dict(sorted(_CATALOGUE.items())))


_FAMILIES = {
    "t2": ("表二 主动公开政府信息情况", "Table 二 (proactive disclosure)"),
    "t3": ("表三 收到和处理政府信息公开申请情况", "Table 三 (applications)"),
    "t4": ("表四 行政复议、行政诉讼情况", "Table 四 (review and litigation)"),
    "cell": ("单元格", "Cells"),
    "structure": ("结构", "Structure"),
    "meta": ("报告信息", "Metadata"),
    "text": ("正文", "Narrative"),
    "fee": ("收费", "Fees"),
    "xyear": ("跨年度", "Cross-year"),
    "consolidate": ("汇总", "Consolidation"),
    "parse": ("解析", "Parsing"),
    "xlsx": ("XLSX 模板", "XLSX template"),
    "input": ("输入文件", "Input files"),
}


def catalogue_markdown() -> str:
    """The docs page listing every finding code (``docs/codes.md``), generated from :func:`catalogue`.

    Codes are grouped by family (the part before the first ``.``); each entry gives the Chinese and English
    titles, the severity, both message templates and the basis of the rule.
    """
    cat = catalogue()
    lines = [
        "<!-- Generated by scripts/gen_codes_doc.py from gov_disclosure.findings.catalogue(); "
        "do not edit. -->",
        "",
        "# Finding codes",
        "",
        "Every finding the library produces has one of these stable codes. A finding's message is its",
        "code's template filled with the finding's `args`; `{location}` is the finding's location as a",
        "reader names it (e.g. `表三 （七）总计 × 自然人`). Severity: **error** (makes a report invalid",
        "unless waived), **warning**, **notice**.",
        "",
        f"{len(cat)} codes.",
    ]
    family: str | None = None
    for code, entry in cat.items():
        fam = code.split(".", 1)[0] if "." in code else ""
        if fam != family:
            family = fam
            zh, en = _FAMILIES.get(fam, ("其他", "Other")) if fam else ("通用", "General")
            lines += ["", f"## {en} — {zh}"]
        lines += [
            "",
            f"### `{code}`",
            "",
            f"{entry.title_zh} — {entry.title_en}",
            "",
            f"- Severity: {entry.severity.value} ({entry.severity.label('zh')})",
            f"- Message (zh): `{entry.template_zh}`",
            f"- Message (en): `{entry.template_en}`",
        ]
        if entry.fault is not None:
            lines.append(f"- Fault: {entry.fault.value} ({entry.fault.label('zh')})")
        if entry.basis:
            lines.append(f"- Basis: {entry.basis}")
    return "\n".join(lines) + "\n"


class _SafeArgs(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fmt(value: Any, lang: Lang = "zh") -> Any:
    """A list argument as text: joined with 、 in Chinese, with ", " in English."""
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(str(v) for v in value)
    return value


def _freeze_args(args: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(args))


@frozen(kw_only=True)
class Finding:
    """One thing a check or parser found."""

    code: str
    severity: Severity
    location: Location = field(factory=Location)
    #: Official addresses ``(table, row label, column label)`` of every cell the rule involved.
    cells: tuple[CellAddress, ...] = ()
    #: Values for the message templates: expected, actual, difference, quote, …
    args: Mapping[str, Any] = field(factory=dict, converter=_freeze_args)
    #: Reason given when the caller waived this finding; ``None`` when not waived.
    waived: str | None = None
    #: Whose doubt it is (:class:`Fault`): the published report's or our reading's. Defaults to the code's
    #: catalogue entry; ``None`` for findings that are not about the figures (metadata, text, files).
    fault: Fault | None = field(
        default=attrs.Factory(lambda self: _default_fault(self.code), takes_self=True)
    )

    def __reduce__(self) -> tuple[Any, ...]:
        # ``args`` is a read-only proxy, which pickle cannot copy: rebuild from a plain dict (batch workers).
        return (
            _rebuild,
            (self.code, self.severity, self.location, self.cells, dict(self.args), self.waived, self.fault),
        )

    @property
    def is_waived(self) -> bool:
        """True when the caller waived this finding (it no longer counts against validity)."""
        return self.waived is not None

    def message(self, lang: Lang = "zh") -> str:
        """The message rendered from the catalogue template and ``args``."""
        entry = info(self.code)
        template = entry.template_zh if lang == "zh" else entry.template_en
        values = _SafeArgs({k: _fmt(v, lang) for k, v in self.args.items()})
        if self.args.get("actual_blank"):
            # The stated cell is blank, read as 0 under the "zero" policy: say so rather than "is 0".
            values["actual"] = "空白（按0计）" if lang == "zh" else "blank (counted as 0)"
        values.setdefault("location", self.location.describe(lang))
        text = template.format_map(values)
        if self.waived is not None:
            text += f"（已豁免：{self.waived}）" if lang == "zh" else f" (waived: {self.waived})"
        return text

    def title(self, lang: Lang = "zh") -> str:
        """The code's title in the catalogue."""
        entry = info(self.code)
        return entry.title_zh if lang == "zh" else entry.title_en

    def waive(self, reason: str) -> Finding:
        """A copy of this finding marked as waived with ``reason``."""
        return attrs.evolve(self, waived=reason)

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """A JSON-ready dict (code, severity, location, cells, args, message, waived)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "location": {k: v for k, v in attrs.asdict(self.location).items() if v is not None},
            "cells": [list(c) for c in self.cells],
            "args": {k: _jsonable(v) for k, v in self.args.items()},
            "message": self.message(lang),
            "waived": self.waived,
            "fault": None if self.fault is None else self.fault.value,
        }


def _default_fault(code: str) -> Fault | None:
    entry = _CATALOGUE.get(code)
    return entry.fault if entry is not None else None


def _rebuild(
    code: str,
    severity: Severity,
    location: Location,
    cells: tuple[CellAddress, ...],
    args: dict[str, Any],
    waived: str | None,
    fault: Fault | None,
) -> Finding:
    return Finding(
        code=code, severity=severity, location=location, cells=cells, args=args, waived=waived, fault=fault
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def make(
    code: str,
    *,
    location: Location | None = None,
    cells: tuple[CellAddress, ...] = (),
    fault: Fault | None = None,
    **args: Any,
) -> Finding:
    """A finding of ``code`` with the catalogue's severity and (unless ``fault`` is given) fault."""
    entry = info(code)
    return Finding(
        code=code,
        severity=entry.severity,
        location=location or Location(),
        cells=cells,
        args=args,
        fault=fault if fault is not None else entry.fault,
    )


define(
    "internal-error",
    Severity.ERROR,
    title_zh="检查程序内部错误",
    title_en="Internal error in a check",
    template_zh="检查“{rule}”运行出错：{error}",
    template_en="The check {rule!s} failed to run: {error}",
    basis="DESIGN.md §2.4",
)
