"""Render a report in the official layout: plain text, Markdown, HTML or Word (.docx).

>>> from gov_disclosure import examples
>>> text = render(examples.naidong_2024(), "text")
>>> text.splitlines()[0]
'乃东区人民政府2024年政府信息公开工作年度报告'

Every label comes from :mod:`gov_disclosure.form`; every table is drawn from the grids of
:mod:`gov_disclosure.renderers.layout`. The exact layout of each format is documented in ``docs/render.md``.
"""

from __future__ import annotations

from typing import Any, Final, Literal, overload

from ..model import Report
from ._common import FORMAT_OPTIONS, parse_options

__all__ = ["FORMATS", "Format", "render"]

Format = Literal["text", "markdown", "html", "docx"]
#: The formats :func:`render` writes.
FORMATS: Final[tuple[Format, ...]] = ("text", "markdown", "html", "docx")


@overload
def render(report: Report, fmt: Literal["text", "markdown", "html"], **options: Any) -> str: ...
@overload
def render(report: Report, fmt: Literal["docx"], **options: Any) -> bytes: ...
@overload
def render(report: Report, fmt: str, **options: Any) -> str | bytes: ...
def render(report: Report, fmt: str, **options: Any) -> str | bytes:
    """Render ``report`` as ``"text"``, ``"markdown"``, ``"html"`` (``str``) or ``"docx"`` (``bytes``).

    Options (all keyword-only; see ``docs/render.md``):

    - ``title=True``: write the title line.
    - ``preamble=True``: write the preamble paragraphs.
    - ``blank_policy="blank"``: blank cells empty; ``"zero"`` writes them as ``0``.
    - ``amount_places=None``: keep the fee's decimals; an int rounds it (ROUND_HALF_UP).
    - ``fragment=False`` (html only): only the ``<article>`` element, for embedding.
    - ``indent=True`` (text only): indent paragraphs with two ideographic spaces.

    The same report and options always give the same output.

    Raises:
        ValueError: an unknown format or an option value out of range.
        TypeError: ``report`` is not a :class:`~gov_disclosure.model.Report`, or an option the format does not
            accept.
        ImportError: ``"docx"`` without python-docx (``pip install 'gov-disclosure[docx]'``).
    """
    if fmt not in FORMAT_OPTIONS:
        raise ValueError(f"render: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not isinstance(report, Report):
        raise TypeError(f"render: expected a Report, got {type(report).__name__}")
    opts = parse_options(fmt, options)
    if fmt == "text":
        from .text import render_text

        return render_text(report, opts)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report, opts)
    if fmt == "html":
        from .html import render_html

        return render_html(report, opts)
    from .docx import render_docx

    return render_docx(report, opts)
