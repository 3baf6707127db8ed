"""Consistency checks: every accounting and structural rule of the annual report, as findings.

>>> from gov_disclosure import check
>>> from gov_disclosure.examples import naidong_2024
>>> result = check(naidong_2024())
>>> result.valid, result.codes
(True, ('cell.blank',))

The rules, one module per area (each declares its finding codes at import time):

- :mod:`~gov_disclosure.checks.tables`: ``t3.balance``, ``t3.outcome-total``, ``t3.row-total``, ``t4.total``,
  ``t2.in-force``;
- :mod:`~gov_disclosure.checks.cells`: ``cell.negative``, ``cell.not-integer``, ``cell.blank``;
- :mod:`~gov_disclosure.checks.structure`: ``structure.missing-section``, ``structure.section-order``,
  ``structure.heading`` (and :class:`StructureInfo`);
- :mod:`~gov_disclosure.checks.meta`: ``meta.period``, ``meta.late``;
- :mod:`~gov_disclosure.checks.text`: ``text.figure-mismatch``;
- :mod:`~gov_disclosure.checks.fee`: ``fee.section-six``.

The cross-year (``xyear.*``) and hierarchy (``consolidate.*``) rules live in
:mod:`gov_disclosure.comparison` and :mod:`gov_disclosure.consolidation`; :func:`check` runs them when given
``previous=`` or ``units=``.
"""

from __future__ import annotations

from ..model import StructureInfo
from . import cells, fee, meta, structure, tables, text  # noqa: F401  (registers the built-in rules)
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
from .report import RuleStats, Stats, ValidationError, ValidationReport

__all__ = [
    "BlankPolicy",
    "CheckContext",
    "Rule",
    "RuleFunc",
    "RuleResult",
    "RuleStats",
    "Stats",
    "StructureInfo",
    "ValidationError",
    "ValidationReport",
    "check",
    "is_valid",
    "register",
    "registered_rules",
    "rule",
    "unregister",
    "validate",
]
