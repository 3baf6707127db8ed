"""gov-disclosure: produce, check and read China's annual reports on government information disclosure.

政府信息公开工作年度报告 in the format of 国办公开办函〔2021〕30号: a typed model, consistency checks,
renderers in the official layout, parsers for published reports, consolidation and cross-year comparison.

The heavier parts (checks, renderers, parsers, consolidation) are imported on first use, so that
``import gov_disclosure`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import build, form
from .cellview import cells, get_cell
from .model import (
    ActiveDisclosure,
    AgencyKind,
    ApplicantCounts,
    Applications,
    CaseCounts,
    DocumentCounts,
    Meta,
    Narrative,
    Report,
    ReviewLitigation,
    Subsection,
)
from .parsers import ParseResult, parse
from .renderers import render

if TYPE_CHECKING:
    from .checks import ValidationError, ValidationReport, check, is_valid, validate
    from .codec import CodecError, from_dict, from_json, json_schema, to_dict, to_json
    from .comparison import Comparison, compare
    from .consolidation import Consolidation, consolidate
    from .findings import Finding, Location, Severity
    from .ledger import tabulate

__version__ = "0.1.0"

#: Public names imported on first use: name -> module (relative to this package).
_LAZY = {
    "check": "checks",
    "validate": "checks",
    "is_valid": "checks",
    "ValidationReport": "checks",
    "ValidationError": "checks",
    "to_dict": "codec",
    "from_dict": "codec",
    "to_json": "codec",
    "from_json": "codec",
    "json_schema": "codec",
    "CodecError": "codec",
    "compare": "comparison",
    "Comparison": "comparison",
    "consolidate": "consolidation",
    "Consolidation": "consolidation",
    "Finding": "findings",
    "Location": "findings",
    "Severity": "findings",
    "tabulate": "ledger",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gov_disclosure' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "ActiveDisclosure",
    "AgencyKind",
    "ApplicantCounts",
    "Applications",
    "CaseCounts",
    "CodecError",
    "Comparison",
    "Consolidation",
    "DocumentCounts",
    "Finding",
    "Location",
    "Meta",
    "Narrative",
    "ParseResult",
    "Report",
    "ReviewLitigation",
    "Severity",
    "Subsection",
    "ValidationError",
    "ValidationReport",
    "__version__",
    "build",
    "cells",
    "check",
    "compare",
    "consolidate",
    "form",
    "from_dict",
    "from_json",
    "get_cell",
    "is_valid",
    "json_schema",
    "parse",
    "render",
    "tabulate",
    "to_dict",
    "to_json",
    "validate",
]
