"""Findings as values: :class:`Finding`, :class:`Location`, :class:`Severity`, the code catalogue, the one
:class:`Result` shape every judging operation returns, and the exception root (``docs/codes.md``)."""

from __future__ import annotations

from .core import (
    CodeInfo,
    Fault,
    Finding,
    Lang,
    Location,
    Severity,
    catalogue,
    catalogue_markdown,
    define,
    info,
    make,
)
from .errors import FindingsError, GovDisclosureError
from .result import Result

__all__ = [
    "CodeInfo",
    "Fault",
    "Finding",
    "FindingsError",
    "GovDisclosureError",
    "Lang",
    "Location",
    "Result",
    "Severity",
    "catalogue",
    "catalogue_markdown",
    "define",
    "info",
    "make",
]
