"""What :func:`gov_disclosure.parsers` returns: the report, the findings, and where every value came from."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from attrs import field, frozen

from ..findings import Finding, Lang, Result
from ..form import CellAddress
from ..model import Report
from .doc import Origin

if TYPE_CHECKING:
    from ..model import StructureInfo

__all__ = ["ParseResult", "SourceEntry", "Template"]

#: The format version a parser recognised.
Template = Literal["2021", "2019"]


class SourceEntry(NamedTuple):
    """The raw text a value was read from, and where it was in the source."""

    #: The text exactly as the source gave it (a cell's text, or the whole line a metadata field came from).
    text: str
    origin: Origin = Origin()


def _proxy(value: Mapping[Any, SourceEntry]) -> Mapping[Any, SourceEntry]:
    return MappingProxyType(dict(value))


@frozen(kw_only=True)
class ParseResult(Result):
    """The outcome of reading one document.

    ``report`` is ``None`` when the input is not such a report at all, or when the agency or year could not be
    determined (the findings say which, and :func:`gov_disclosure.parsers` accepts them as ``agency=`` /
    ``year=``). A cell that could not be read is blank (``None``) in the report, with a ``parse.*`` finding.
    """

    report: Report | None
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

    def _summary_lines(self, lang: Lang) -> list[str]:
        if self.report is None:
            return ["未读出报告" if lang == "zh" else "No report was read"]
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
        }
