"""The ``parse.pdf-*`` and ``parse.no-text-layer`` finding codes of the PDF front-end.

Defined at import time (``gov_disclosure.parsers.pdf`` imports this module) so that
:func:`gov_disclosure.findings.catalogue` lists them; ``docs/pdf.md`` says when each is given.
"""

from __future__ import annotations

from ...findings import Severity, define

__all__ = ["CODES"]

_BASIS = "issue #8 (PDF parser)"

CODES = (
    define(
        "parse.no-text-layer",
        Severity.ERROR,
        title_zh="PDF 页面没有文字层",
        title_en="PDF pages without a text layer",
        template_zh="PDF 第{pages}页没有可读取的文字（扫描件、图片或空白页），其内容未能读取",
        template_en="PDF page(s) {pages} have no text layer (a scan, an image or a blank page); "
        "nothing was read there",
        basis=_BASIS,
    ),
    define(
        "parse.pdf-damaged",
        Severity.ERROR,
        title_zh="PDF 文件损坏",
        title_en="Damaged PDF",
        template_zh="PDF 文件已损坏或不是 PDF，无法读取：{error}",
        template_en="The PDF file is damaged or not a PDF and cannot be read: {error}",
        basis=_BASIS,
    ),
    define(
        "parse.pdf-repaired",
        Severity.WARNING,
        title_zh="PDF 文件损坏，已部分读取",
        title_en="Damaged PDF read in part",
        template_zh="PDF 文件已损坏（可能不完整：{error}），已尽量读取其中可读的页面，缺少的内容见其他提示",
        template_en="The PDF file is damaged (perhaps cut short: {error}); the pages that could be read were "
        "read, and other findings name what is missing",
        basis=_BASIS,
    ),
    define(
        "parse.pdf-encrypted",
        Severity.ERROR,
        title_zh="PDF 文件已加密",
        title_en="Encrypted PDF",
        template_zh="PDF 文件已加密，需要密码才能读取（{error}）",
        template_en="The PDF file is encrypted and needs a password to be read ({error})",
        basis=_BASIS,
    ),
    define(
        "parse.pdf-unmapped",
        Severity.WARNING,
        title_zh="PDF 字符无法识别",
        title_en="PDF characters without a Unicode value",
        template_zh="PDF 第{pages}页有 {count} 个字符的字体没有给出对应的文字（Unicode），已读作“\ufffd”",
        template_en="{count} character(s) on PDF page(s) {pages} have no Unicode value in their font; "
        "they were read as U+FFFD",
        basis=_BASIS,
    ),
    define(
        "parse.pdf-page-unreadable",
        Severity.ERROR,
        title_zh="PDF 页面无法读取",
        title_en="Unreadable PDF page",
        template_zh="PDF 第{page}页无法读取：{error}",
        template_en="PDF page {page} could not be read: {error}",
        basis=_BASIS,
    ),
)
