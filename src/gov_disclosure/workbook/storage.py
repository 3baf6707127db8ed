"""How values are stored in cells, shared by the writer and the reader: the OOXML ``_xHHHH_`` escape of
text, fees as numbers with a number format (or as text), and the lazy openpyxl import (``docs/xlsx.md``)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

__all__ = ["escape", "fee_from_number", "fee_storage", "require_openpyxl", "unescape"]


def require_openpyxl() -> Any:
    """The openpyxl module, or a :class:`ModuleNotFoundError` saying which extra to install."""
    try:
        import openpyxl
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
        raise ModuleNotFoundError(
            "reading and writing XLSX workbooks needs openpyxl: pip install 'gov-disclosure[xlsx]'",
            name="openpyxl",
        ) from exc
    return openpyxl


# ---------------------------------------------------------------------------------------------------------
# Text escaping (OOXML ST_Xstring)

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def escape(text: str) -> str:
    """Protect literal ``_xHHHH_`` and encode characters XML cannot carry as ``_xHHHH_``."""
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape(text: str) -> str:
    """Decode ``_xHHHH_`` escapes (the inverse of :func:`escape`)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


# ---------------------------------------------------------------------------------------------------------
# Fees


def fee_storage(value: Decimal) -> tuple[float | int | str, str]:
    """How a fee is stored: (cell value, number format). Number when exact, otherwise text."""
    exp = value.as_tuple().exponent
    if (
        isinstance(exp, int)
        and -15 <= exp <= 0
        and not value.is_signed()
        and len(value.as_tuple().digits) <= 15
    ):
        number: float | int = int(value) if exp == 0 else float(value)
        fmt = "0" if exp == 0 else "0." + "0" * -exp
        if fee_from_number(_reread_number(number), fmt) == value and str(
            fee_from_number(_reread_number(number), fmt)
        ) == str(value):
            return number, fmt
    return str(value), "@"


def _reread_number(number: float | int) -> float | int:
    """The number openpyxl reads back after writing ``number`` (it writes ``%.16g``)."""
    text = f"{number:.16g}"
    return float(text) if any(ch in text for ch in ".eE") else int(text)


def fee_from_number(number: float | int, number_format: str) -> Decimal:
    """A number cell's fee: the shortest decimal of the double, padded to the format's decimal places."""
    value = Decimal(number) if isinstance(number, int) else Decimal(repr(number))
    m = re.fullmatch(r"(?:#,##)?0(?:\.(0+))?", number_format or "")
    if m:
        places = len(m.group(1) or "")
        exp = value.as_tuple().exponent
        if isinstance(exp, int) and exp > -places:
            value = value.quantize(Decimal(1).scaleb(-places))
    return value
