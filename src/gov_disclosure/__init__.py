"""gov-disclosure: produce, check and read China's annual reports on government information disclosure.

政府信息公开工作年度报告 in the format of 国办公开办函〔2021〕30号: a typed model, consistency checks, renderers in
the official layout, parsers for published reports, consolidation and cross-year comparison.
"""

from __future__ import annotations

from . import build, form
from .cells import cells, get_cell
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

__version__ = "0.1.0"

__all__ = [
    "ActiveDisclosure",
    "AgencyKind",
    "ApplicantCounts",
    "Applications",
    "CaseCounts",
    "DocumentCounts",
    "Meta",
    "Narrative",
    "Report",
    "ReviewLitigation",
    "Subsection",
    "__version__",
    "build",
    "cells",
    "form",
    "get_cell",
]
