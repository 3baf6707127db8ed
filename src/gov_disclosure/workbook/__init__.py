"""The Excel template: a workbook in the official layout, written from a report (:func:`write`,
:func:`to_bytes`) and read back exactly (:func:`read`, :func:`read_result`). Stages: :mod:`.layout`,
:mod:`.formulas`, :mod:`.writer`, :mod:`.reader`. Requires openpyxl (``pip install 'gov-disclosure[xlsx]'``),
imported on first use. See ``docs/xlsx.md``.
"""

from __future__ import annotations

from .layout import KIND_LABELS, SHEET_NAMES
from .reader import read, read_result
from .result import XlsxError, XlsxResult
from .writer import to_bytes, write

__all__ = [
    "KIND_LABELS",
    "SHEET_NAMES",
    "XlsxError",
    "XlsxResult",
    "read",
    "read_result",
    "to_bytes",
    "write",
]
