"""What :func:`gov_disclosure.parsers` returns: the report (or the draft of what was read when the agency or
the year is unknown), the findings, and where every value came from."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from attrs import field, frozen

from .. import form
from ..cellview import CellValue, cell_refs, cell_value
from ..findings import Finding, Lang, Result
from ..form import CellAddress
from ..model import Meta, Report
from .doc import Origin

if TYPE_CHECKING:
    from ..model import StructureInfo

__all__ = ["REQUIRED", "ParseResult", "SourceEntry", "Template"]

#: The format version a parser recognised.
Template = Literal["2021", "2019"]


class SourceEntry(NamedTuple):
    """The raw text a value was read from, and where it was in the source."""

    #: The text exactly as the source gave it (a cell's text, or the whole line a metadata field came from).
    text: str
    origin: Origin = Origin()


def _proxy(value: Mapping[Any, SourceEntry]) -> Mapping[Any, SourceEntry]:
    return MappingProxyType(dict(value))


#: What :attr:`ParseResult.missing` may name: the metadata a report cannot do without.
REQUIRED: tuple[str, ...] = ("agency", "year")


def _frozen_dict(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):  # an enum (AgencyKind)
        return value.value
    return value


@frozen(kw_only=True)
class ParseResult(Result):
    """The outcome of reading one document.

    ``report`` is ``None`` when the input is not such a report at all, or when the agency or year could not be
    determined (the findings say which, and :func:`gov_disclosure.parsers` accepts them as ``agency=`` /
    ``year=``). A cell that could not be read is blank (``None``) in the report, with a ``parse.*`` finding.

    Nothing read is lost for want of metadata: :attr:`draft` holds every cell and paragraph read whenever the
    input reads as a report, :attr:`missing` names the required fields not found, and :attr:`cells`,
    :attr:`texts` and :attr:`metadata` give what was read in plain form (also in :meth:`to_dict`).
    """

    report: Report | None
    #: What was read, as a report: :attr:`report` itself when there is one; else, when the agency or the year
    #: is unknown, a report whose unknown agency is ``""`` and unknown year ``0`` (see :attr:`missing`) and
    #: whose cells and paragraphs are all that was read. ``None`` when the input is not a report at all.
    draft: Report | None = None
    #: The required metadata (``"agency"``, ``"year"``) that could not be determined; empty when
    #: :attr:`report` was built or nothing report-like was read.
    missing: tuple[str, ...] = ()
    #: The metadata known, by :class:`~gov_disclosure.model.Meta` field (``agency``, ``year``, ``kind``,
    #: ``region``, ``title``, ``published``, ``issuer``, ``period_start``, ``period_end``): what the document
    #: says and the caller's hints. A field not known is left out (:attr:`missing` names the required ones).
    metadata: Mapping[str, Any] = field(factory=dict, converter=_frozen_dict)
    findings: tuple[Finding, ...] = ()
    #: For every cell read: official address ``(table, row label, column label)`` -> raw text and origin.
    #: For metadata: ``"$.meta.agency"``, ``"$.meta.year"``, ``"$.meta.title"``, ``"$.meta.published"``,
    #: ``"$.meta.issuer"``, ``"$.meta.period"`` -> the line it was read from.
    source_map: Mapping[CellAddress | str, SourceEntry] = field(factory=dict, converter=_proxy)
    #: The section headings found, in order (for ``check(report, structure=...)``); ``None`` when the
    #: checks package is not available.
    structure: StructureInfo | None = None
    #: ``"2021"`` or ``"2019"`` (the 2019 trial format), ``None`` when no table told.
    template: Template | None = None

    @property
    def ok(self) -> bool:
        """True when a report was built and no ``error`` finding was raised while reading it."""
        return self.report is not None and not self.errors

    @property
    def cells(self) -> dict[CellAddress, CellValue]:
        """Every cell read, blank or not, by official address ``(table, row label, column label)``, in form
        order: the value read (``None`` for a blank or a cell that could not be read). Cells the source does
        not have (a table or row not found) are left out. Filled whatever the metadata."""
        report = self.draft if self.draft is not None else self.report
        if report is None:
            return {}
        return {c.address: cell_value(report, c) for c in cell_refs() if c.address in self.source_map}

    @property
    def texts(self) -> dict[str, tuple[str, ...]]:
        """The paragraphs read, by section: ``"preamble"`` and each section id of
        :data:`gov_disclosure.form.SECTIONS` (``"overview"``, …), sub-headings as paragraphs of their own, in
        the order read. Empty when nothing report-like was read; filled whatever the metadata."""
        report = self.draft if self.draft is not None else self.report
        if report is None:
            return {}
        out: dict[str, tuple[str, ...]] = {"preamble": report.preamble}
        for section in form.SECTIONS:
            narrative = getattr(report, section.text_field)
            lines = list(narrative.paragraphs)
            for sub in narrative.subsections:
                lines += [sub.heading, *sub.paragraphs]
            out[section.id] = tuple(lines)
        return out

    def document(self, keys: Literal["en", "zh"] = "en") -> dict[str, Any] | None:
        """The report document (:func:`gov_disclosure.codec.to_dict`) of what was read: the report's; else
        the draft's, with each field of :attr:`missing` (and the kind, when not known either) ``null`` (a
        document ``from_dict`` refuses until they are given); ``None`` when nothing report-like was read."""
        from ..codec import to_dict
        from ..codec.keys import key_maps

        report = self.draft if self.draft is not None else self.report
        if report is None:
            return None
        data = to_dict(report, keys=keys)
        maps = key_maps(keys)
        meta = data[maps[Report]["meta"]]
        unknown = [*self.missing, "kind"] if self.missing and "kind" not in self.metadata else self.missing
        for name in unknown:
            meta[maps[Meta][name]] = None
        return data

    def _summary_lines(self, lang: Lang) -> list[str]:
        if self.report is None:
            if self.draft is None:
                return ["未读出报告" if lang == "zh" else "No report was read"]
            n = sum(v is not None for v in self.cells.values())
            if lang == "zh":
                names = "、".join({"agency": "机关名称", "year": "报告年度"}[m] for m in self.missing)
                return [f"未读出完整报告：缺少{names}；已读出 {n} 个有数值的单元格（见草稿）"]
            return [f"No complete report: {', '.join(self.missing)} unknown; {n} cells with a value read"]
        m = self.report.meta
        template = f"（{self.template}年格式）" if lang == "zh" else f" ({self.template} format)"
        if lang == "zh":
            return [f"报告：{m.agency}{m.year}年" + (template if self.template else "")]
        return [f"Report: {m.agency}, {m.year}" + (template if self.template else "")]

    def _dict_extra(self, lang: Lang) -> dict[str, Any]:
        m = self.report.meta if self.report is not None else None
        return {
            "report": None if m is None else {"agency": m.agency, "year": m.year},
            "template": self.template,
            "missing": list(self.missing),
            "metadata": {k: _json_value(v) for k, v in self.metadata.items()},
            "cells": [
                {"table": t, "row": r, "column": c, "value": _json_value(v)}
                for (t, r, c), v in self.cells.items()
            ],
            "texts": {k: list(v) for k, v in self.texts.items()},
        }
