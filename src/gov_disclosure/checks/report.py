"""The result of :func:`gov_disclosure.check`: :class:`ValidationReport`, its :class:`Stats`, and
:class:`ValidationError` (raised by :func:`gov_disclosure.validate`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from attrs import field, frozen

from ..findings import Finding, Lang, Severity

__all__ = ["RuleStats", "Stats", "ValidationError", "ValidationReport"]


class RuleStats(NamedTuple):
    """Counts of one rule's instances (one per column, row, block, cell, figure, … as the rule defines)."""

    run: int
    passed: int
    failed: int
    not_assessable: int


def _proxy(m: Mapping[str, RuleStats]) -> Mapping[str, RuleStats]:
    return m if isinstance(m, MappingProxyType) else MappingProxyType(dict(m))


@frozen
class Stats:
    """How many rule instances ran, passed, failed, or could not be assessed, in total and per rule code.

    An *instance* is one application of a rule: ``t3.balance`` has one per column of table 三 (7),
    ``t3.row-total`` one per row (25), ``t4.total`` one per block (3), ``cell.*`` one per cell, and so on (see
    ``docs/checks.md``). An instance *fails* when it produced a finding of any severity; it is *not
    assessable* when a cell it needs is blank under ``blank_policy="strict"``, or not a number, or when the
    report does not state what the rule needs (e.g. no publication date). A caller's rule that returns plain
    findings counts as one instance. A rule that crashed counts as one failed instance.
    """

    by_rule: Mapping[str, RuleStats] = field(converter=_proxy)

    @property
    def run(self) -> int:
        """Instances run (= passed + failed + not assessable)."""
        return sum(s.run for s in self.by_rule.values())

    @property
    def passed(self) -> int:
        """Instances that passed."""
        return sum(s.passed for s in self.by_rule.values())

    @property
    def failed(self) -> int:
        """Instances that produced a finding."""
        return sum(s.failed for s in self.by_rule.values())

    @property
    def not_assessable(self) -> int:
        """Instances that could not be assessed."""
        return sum(s.not_assessable for s in self.by_rule.values())

    def to_dict(self) -> dict[str, Any]:
        """Totals and per-rule counts as plain dicts."""
        return {
            "run": self.run,
            "passed": self.passed,
            "failed": self.failed,
            "not_assessable": self.not_assessable,
            "by_rule": {code: s._asdict() for code, s in self.by_rule.items()},
        }


_VERDICT = {
    ("zh", True): "通过",
    ("zh", False): "不通过",
    ("en", True): "valid",
    ("en", False): "invalid",
}


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


@frozen
class ValidationReport:
    """Every finding of one :func:`~gov_disclosure.checks.check` call, with statistics.

    ``findings`` holds every finding, waived ones included, sorted by severity (errors first) and then by
    position in the form (metadata, preamble, sections 一 to 六; table cells by row and column).
    ``errors``/``warnings``/``notices`` exclude waived findings; ``waived`` lists those.
    """

    findings: tuple[Finding, ...]
    stats: Stats
    #: The blank policy the check ran with ("zero" or "strict").
    blank_policy: str = "zero"

    @property
    def valid(self) -> bool:
        """True when no finding is an error that was not waived."""
        return not any(f.severity is Severity.ERROR and f.waived is None for f in self.findings)

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
    def codes(self) -> tuple[str, ...]:
        """The code of every finding, in order."""
        return tuple(f.code for f in self.findings)

    def __bool__(self) -> bool:
        """Truthiness is validity."""
        return self.valid

    def flatten(self, lang: Lang = "zh") -> list[dict[str, Any]]:
        """One flat row per finding (for CSV or a data frame).

        Keys: ``code``, ``severity``, ``location`` (:meth:`~gov_disclosure.findings.Location.key`), ``table``,
        ``section``, ``row``, ``column``, ``path``, ``cells`` (addresses joined with ``"; "``), ``message``,
        ``waived`` (the reason, or ``None``).
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
                "cells": "; ".join(" / ".join(c) for c in f.cells),
                "message": f.message(lang),
                "waived": f.waived,
            }
            for f in self.findings
        ]

    def _summary(self, lang: Lang) -> tuple[str, str]:
        e, w, n, x = len(self.errors), len(self.warnings), len(self.notices), len(self.waived)
        s = self.stats
        verdict = _VERDICT[(lang, self.valid)]
        if lang == "zh":
            return (
                f"校验结果：{verdict}（错误{e}个，警告{w}个，提示{n}个，已豁免{x}个）",
                f"规则实例：运行{s.run}，通过{s.passed}，未通过{s.failed}，无法判断{s.not_assessable}",
            )
        return (
            f"Result: {verdict} ({e} errors, {w} warnings, {n} notices, {x} waived)",
            f"Rule instances: {s.run} run, {s.passed} passed, {s.failed} failed, "
            f"{s.not_assessable} not assessable",
        )

    def to_text(self, lang: Lang = "zh") -> str:
        """A plain-text report: the verdict, the counts, then one line per finding."""
        lines = list(self._summary(lang))
        for f in self.findings:
            lines.append(f"[{f.severity.label(lang)}] {f.code}: {f.message(lang)}")
        return "\n".join(lines) + "\n"

    def to_markdown(self, lang: Lang = "zh") -> str:
        """A Markdown report: the verdict, the counts, and a table of the findings."""
        head, counts = self._summary(lang)
        lines = [f"**{head}**", "", counts]
        if self.findings:
            cols = (
                ("级别", "代码", "位置", "说明")
                if lang == "zh"
                else ("Severity", "Code", "Location", "Message")
            )
            lines += ["", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
            for f in self.findings:
                cells = (f.severity.label(lang), f"`{f.code}`", f.location.describe(lang), f.message(lang))
                lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
        return "\n".join(lines) + "\n"

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """A JSON-ready dict: ``valid``, ``blank_policy``, ``stats`` and ``findings``."""
        return {
            "valid": self.valid,
            "blank_policy": self.blank_policy,
            "stats": self.stats.to_dict(),
            "findings": [f.to_dict(lang) for f in self.findings],
        }

    def to_json(self, lang: Lang = "zh", *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)


class ValidationError(ValueError):
    """Raised by :func:`gov_disclosure.validate` when a report has unwaived errors (all in ``.report``)."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        errors = report.errors
        shown = "\n".join(f"- {f.code}: {f.message('en')}" for f in errors[:10])
        more = f"\n… and {len(errors) - 10} more" if len(errors) > 10 else ""
        super().__init__(f"the report has {len(errors)} error finding(s):\n{shown}{more}")
