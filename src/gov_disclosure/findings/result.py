"""The one result shape: every operation that judges input returns a :class:`Result`.

See ``docs/architecture.md``."""

from __future__ import annotations

import json
from typing import Any

from .core import Finding, Lang, Severity

__all__ = ["Result"]

_VERDICT = {("zh", True): "通过", ("zh", False): "未通过", ("en", True): "ok", ("en", False): "not ok"}


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


class Result:
    """The surface shared by parse, check, workbook reading, consolidation, comparison and batch results.

    A subclass is an attrs record with a ``findings`` tuple (waived findings included). It may word the
    verdict (:meth:`_verdict_words`), add lines to the summary (:meth:`_summary_lines`), keys to the dict
    (:meth:`_dict_extra`) and sections to the text (:meth:`_text_extra`, :meth:`_markdown_extra`).
    """

    __slots__ = ()
    findings: tuple[Finding, ...]

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity and f.waived is None)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """Error findings that were not waived."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Warning findings that were not waived."""
        return self._of(Severity.WARNING)

    @property
    def notices(self) -> tuple[Finding, ...]:
        """Notice findings that were not waived."""
        return self._of(Severity.NOTICE)

    @property
    def waived(self) -> tuple[Finding, ...]:
        """Findings the caller waived (of any severity), each with its reason."""
        return tuple(f for f in self.findings if f.waived is not None)

    @property
    def ok(self) -> bool:
        """True when no finding is an error that was not waived."""
        return not any(f.severity is Severity.ERROR and f.waived is None for f in self.findings)

    @property
    def codes(self) -> tuple[str, ...]:
        """The code of every finding, in order."""
        return tuple(f.code for f in self.findings)

    def __bool__(self) -> bool:
        """Truthiness is :attr:`ok`."""
        return self.ok

    def flatten(self, lang: Lang = "zh") -> list[dict[str, Any]]:
        """One flat row per finding (for CSV or a data frame).

        Keys: ``code``, ``severity``, ``location`` (:meth:`~gov_disclosure.findings.Location.key`), ``table``,
        ``section``, ``row``, ``column``, ``path``, ``line``, ``page``, ``cells`` (addresses joined with
        ``"; "``), ``message``, ``waived`` (the reason, or ``None``).
        """
        return [
            {
                "code": f.code,
                "severity": f.severity.value,
                "location": f.location.key(),
                "table": f.location.table,
                "section": f.location.section,
                "row": f.location.row,
                "column": f.location.column,
                "path": f.location.path,
                "line": f.location.line,
                "page": f.location.page,
                "cells": "; ".join(" / ".join(c) for c in f.cells),
                "message": f.message(lang),
                "waived": f.waived,
            }
            for f in self.findings
        ]

    # -- hooks for subclasses -------------------------------------------------------------------------------

    def _verdict_words(self, lang: Lang) -> tuple[str, str]:
        """The head of the verdict line and the word for :attr:`ok` (``("结果", "通过")``, …)."""
        return ("结果" if lang == "zh" else "Result"), _VERDICT[(lang, self.ok)]

    def _summary_lines(self, lang: Lang) -> list[str]:
        """Lines after the verdict (counts of rule instances, units, …)."""
        return []

    def _text_extra(self, lang: Lang) -> list[str]:
        """Lines after the findings in :meth:`to_text`."""
        return []

    def _markdown_extra(self, lang: Lang) -> list[str]:
        """Lines after the findings table in :meth:`to_markdown`."""
        return []

    def _dict_extra(self, lang: Lang) -> dict[str, Any]:
        """Keys added to :meth:`to_dict` after ``ok`` and before ``findings``."""
        return {}

    # -- renderings ---------------------------------------------------------------------------------------

    def _verdict(self, lang: Lang) -> str:
        e, w, n, x = len(self.errors), len(self.warnings), len(self.notices), len(self.waived)
        head, verdict = self._verdict_words(lang)
        if lang == "zh":
            return f"{head}：{verdict}（错误{e}个，警告{w}个，提示{n}个，已豁免{x}个）"
        return f"{head}: {verdict} ({e} errors, {w} warnings, {n} notices, {x} waived)"

    def to_text(self, lang: Lang = "zh") -> str:
        """Plain text: the verdict and counts, one line per finding, then what the result adds."""
        lines = [self._verdict(lang), *self._summary_lines(lang)]
        lines += [f"[{f.severity.label(lang)}] {f.code}: {f.message(lang)}" for f in self.findings]
        extra = self._text_extra(lang)
        if extra:
            lines += ["", *extra]
        return "\n".join(lines) + "\n"

    def to_markdown(self, lang: Lang = "zh") -> str:
        """Markdown: the verdict and counts, a table of the findings, then what the result adds."""
        lines = [f"**{self._verdict(lang)}**"]
        summary = self._summary_lines(lang)
        if summary:
            lines += ["", *summary]
        if self.findings:
            cols = (
                ("级别", "代码", "位置", "说明")
                if lang == "zh"
                else ("Severity", "Code", "Location", "Message")
            )
            lines += ["", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
            for f in self.findings:
                row = (f.severity.label(lang), f"`{f.code}`", f.location.describe(lang), f.message(lang))
                lines.append("| " + " | ".join(_md(c) for c in row) + " |")
        extra = self._markdown_extra(lang)
        if extra:
            lines += ["", *extra]
        return "\n".join(lines) + "\n"

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """A JSON-ready dict: ``ok``, what the result adds, and ``findings`` (:meth:`Finding.to_dict`)."""
        return {"ok": self.ok, **self._dict_extra(lang), "findings": [f.to_dict(lang) for f in self.findings]}

    def to_json(self, lang: Lang = "zh", *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)
