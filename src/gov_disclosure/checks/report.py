"""The result of :func:`gov_disclosure.check`: :class:`ValidationReport` and its :class:`Stats`
(``docs/checks.md``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from attrs import field, frozen

from ..findings import Finding, Lang, Result

__all__ = ["RuleStats", "Stats", "ValidationReport"]


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


@frozen
class ValidationReport(Result):
    """Every finding of one :func:`~gov_disclosure.checks.check` call, with statistics.

    ``findings`` holds every finding, waived ones included, sorted by severity (errors first) and then by
    position in the form (metadata, preamble, sections 一 to 六; table cells by row and column).
    ``errors``/``warnings``/``notices`` exclude waived findings; ``waived`` lists those; ``ok`` is true when
    no error is left (see :class:`~gov_disclosure.findings.Result`).
    """

    findings: tuple[Finding, ...]
    stats: Stats
    #: The blank policy the check ran with ("zero" or "strict").
    blank_policy: str = "zero"

    def _verdict_words(self, lang: Lang) -> tuple[str, str]:
        return ("校验结果" if lang == "zh" else "Result"), _VERDICT[(lang, self.ok)]

    def _summary_lines(self, lang: Lang) -> list[str]:
        s = self.stats
        if lang == "zh":
            return [f"规则实例：运行{s.run}，通过{s.passed}，未通过{s.failed}，无法判断{s.not_assessable}"]
        return [
            f"Rule instances: {s.run} run, {s.passed} passed, {s.failed} failed, "
            f"{s.not_assessable} not assessable"
        ]

    def _dict_extra(self, lang: Lang) -> dict[str, Any]:
        return {"blank_policy": self.blank_policy, "stats": self.stats.to_dict()}
