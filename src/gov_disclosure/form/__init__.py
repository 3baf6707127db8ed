"""The official form as data: sections, tables 二/三/四 with their labels, and the accounting rules.

Everything else (model field order, renderers, parsers, JSON keys, the workbook template, the checks) derives
from this package; see ``docs/architecture.md``.
"""

from __future__ import annotations

from .rules import RULES, AccountingRule, CellId, Equation, rule
from .tables import (
    ACTIVE_DISCLOSURE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    CASE_PARTS,
    FORM_SOURCE,
    FORM_VERSION,
    RESULT_ROWS,
    RESULTS_GROUP,
    REVIEW_LITIGATION,
    SECTIONS,
    TABLES,
    TITLE_SUFFIX,
    Block,
    CellAddress,
    Column,
    Row,
    Section,
    Table,
    TableId,
    cell_addresses,
    table,
)

__all__ = [
    "ACTIVE_DISCLOSURE",
    "APPLICANT_COLUMNS",
    "APPLICATIONS",
    "CASE_PARTS",
    "FORM_SOURCE",
    "FORM_VERSION",
    "RESULTS_GROUP",
    "RESULT_ROWS",
    "REVIEW_LITIGATION",
    "RULES",
    "SECTIONS",
    "TABLES",
    "TITLE_SUFFIX",
    "AccountingRule",
    "Block",
    "CellAddress",
    "CellId",
    "Column",
    "Equation",
    "Row",
    "Section",
    "Table",
    "TableId",
    "cell_addresses",
    "rule",
    "table",
]
