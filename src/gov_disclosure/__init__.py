"""gov-disclosure: produce, check and read China's annual reports on government information disclosure.

This module only re-exports; the model and the form are imported at once, everything else on first use, so
that ``import gov_disclosure`` stays light. ``docs/architecture.md`` says where each part lives.
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

if TYPE_CHECKING:
    from .checks import ValidationReport, check, is_valid, validate
    from .codec import CodecError, from_dict, from_json, json_schema, to_dict, to_json
    from .comparison import Comparison, compare
    from .consolidation import Consolidation, consolidate
    from .findings import Finding, FindingsError, GovDisclosureError, Location, Result, Severity
    from .ledger import tabulate
    from .parsers import ParseResult, parse
    from .renderers import render

__version__ = "0.1.0"

#: Public names imported on first use: name -> module (relative to this package).
_LAZY = {
    "check": "checks",
    "validate": "checks",
    "is_valid": "checks",
    "ValidationReport": "checks",
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
    "Fault": "findings",
    "Finding": "findings",
    "FindingsError": "findings",
    "GovDisclosureError": "findings",
    "Result": "findings",
    "Location": "findings",
    "Severity": "findings",
    "tabulate": "ledger",
    "parse": "parsers",
    "ParseResult": "parsers",
    "render": "renderers",
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
    "Fault",
    "Finding",
    "FindingsError",
    "GovDisclosureError",
    "Location",
    "Meta",
    "Narrative",
    "ParseResult",
    "Report",
    "Result",
    "ReviewLitigation",
    "Severity",
    "Subsection",
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
