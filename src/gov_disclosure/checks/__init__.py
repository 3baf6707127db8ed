"""Consistency checks: every accounting and structural rule of the annual report, one module per area, each
declaring its finding codes; :func:`check` returns them all at once (``docs/checks.md``).

>>> from gov_disclosure import check
>>> from gov_disclosure.examples import naidong_2024
>>> result = check(naidong_2024())
>>> result.ok, result.codes
(True, ('cell.blank',))
"""

from __future__ import annotations

from ..model import StructureInfo
from . import cells, fee, hierarchy, meta, structure, tables, text, xyear  # noqa: F401  (every rule and code)
from .base import (
    BlankPolicy,
    CheckContext,
    Rule,
    RuleFunc,
    RuleResult,
    register,
    registered_rules,
    rule,
    unregister,
)
from .core import check, is_valid, validate
from .report import RuleStats, Stats, ValidationReport

__all__ = [
    "BlankPolicy",
    "CheckContext",
    "Rule",
    "RuleFunc",
    "RuleResult",
    "RuleStats",
    "Stats",
    "StructureInfo",
    "ValidationReport",
    "check",
    "is_valid",
    "register",
    "registered_rules",
    "rule",
    "unregister",
    "validate",
]
