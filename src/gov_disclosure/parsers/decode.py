"""Bytes to text: byte-order marks, declared encodings, then UTF-8, then GB18030 (a superset of GBK/GB2312).

Never raises: undecodable input is read as UTF-8 with U+FFFD replacements and a ``parse.bad-encoding``
finding.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Final

from ..findings import Finding, make
from .doc import too_complex

if TYPE_CHECKING:
    from .doc import Limits

__all__ = ["declared_charset", "decode"]

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Chinese encodings read with their superset GB18030 (a GBK page often holds a few GB18030-only characters).
_SUPERSET: Final = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "hz": "gb18030"}
_META_RE: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML ``<meta>`` declares in the first bytes of a page, normalised, or ``None``."""
    m = _META_RE.search(head[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSET.get(name, name)


def decode(data: bytes, declared: str | None = None) -> tuple[str, tuple[Finding, ...]]:
    """Decode ``data``: BOM, else the ``declared`` encoding, else UTF-8, else GB18030."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), ()
            except UnicodeDecodeError:
                break
    tried: list[str] = []
    for candidate in (declared, "utf-8", "gb18030"):
        if candidate is None or candidate in tried:
            continue
        tried.append(candidate)
        try:
            return data.decode(candidate), ()
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace"), (make("parse.bad-encoding", used="UTF-8"),)


def read_lines(data: bytes | str, limits: Limits) -> tuple[list[str], tuple[Finding, ...]]:
    """A line-based source (text, Markdown) as lines: decoded, BOM and ``\\r`` dropped, at most
    ``limits.max_lines`` lines (a ``parse.too-complex`` finding when there were more)."""
    findings: tuple[Finding, ...] = ()
    if isinstance(data, bytes):
        text, findings = decode(data)
    else:
        text = data
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n", limits.max_lines)]
    if len(lines) > limits.max_lines:
        lines.pop()
        findings = (
            *findings,
            too_complex("行数", "The number of lines", limits.max_lines),
        )
    return lines, findings
