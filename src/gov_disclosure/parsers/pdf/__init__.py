"""PDF front-end: a PDF's characters and ruling lines to paragraphs and tables, deterministically, read by
the shared assembler like every other format (the ``pdf`` extra). Stages: :mod:`.engines` (pypdfium2 or
pdfplumber), :mod:`.page`, :mod:`.ruling`, :mod:`.document`; the finding codes in :mod:`.codes`. Every rule
is in ``docs/pdf.md``.
"""

from . import codes  # noqa: F401  (defines the parse.pdf-* codes: findings.catalogue imports this package)
from .document import extract_blocks, parse_pdf, read
from .engines import ENGINES, MAX_BYTES, MAX_PAGES, available_engines

__all__ = ["ENGINES", "MAX_BYTES", "MAX_PAGES", "available_engines", "extract_blocks", "parse_pdf", "read"]
