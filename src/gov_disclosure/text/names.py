"""Agency names compared as the same name whatever their spacing or character width: the one name key used
to match a consolidated report's units and to tell whether two years' reports are the same agency's. See
``docs/consolidate.md``.
"""

from __future__ import annotations

from .fold import nfkc

__all__ = ["agency_key"]


def agency_key(name: str) -> str:
    """The key under which two spellings of an agency's name are the same agency.

    It folds NFKC (full-width letters, digits and brackets to ASCII: ``（筹）`` is ``(筹)``) and removes all
    white space (spaces, line breaks, U+3000). It keeps everything else: traditional and simplified
    characters, and different names of one agency (``区政府`` and ``区人民政府``), stay different.

    >>> agency_key("乃东区 人民政府") == agency_key("乃东区人民政府\\u3000")
    True
    """
    return "".join(nfkc(name).split())
