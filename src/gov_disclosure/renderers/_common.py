"""What every renderer shares: options, the document outline, cell text and character cleaning."""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, Literal

from attrs import frozen

from .. import form
from ..cellview import CellRef, get_cell
from ..l10n import format_amount, format_date
from ..model import Narrative, Report
from .layout import TableLayout, table_layout

__all__ = [
    "COMMON_OPTIONS",
    "FORMAT_OPTIONS",
    "Document",
    "Options",
    "SectionPart",
    "cell_text",
    "clean",
    "outline",
    "parse_options",
]

Blanks = Literal["blank", "zero"]


@frozen(kw_only=True)
class Options:
    """Rendering options (see ``docs/render.md``)."""

    title: bool = True
    preamble: bool = True
    blank_policy: Blanks = "blank"
    amount_places: int | None = None
    fragment: bool = False
    indent: bool = True


#: Options every format accepts.
COMMON_OPTIONS: Final = ("title", "preamble", "blank_policy", "amount_places")
#: Options accepted by each format.
FORMAT_OPTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "text": (*COMMON_OPTIONS, "indent"),
    "markdown": COMMON_OPTIONS,
    "html": (*COMMON_OPTIONS, "fragment"),
    "docx": COMMON_OPTIONS,
}


def parse_options(fmt: str, options: Mapping[str, Any]) -> Options:
    """Check the options given for ``fmt`` and return them as :class:`Options`.

    Raises:
        TypeError: an option the format does not accept, or a value of the wrong type.
        ValueError: a value out of range (``blank_policy`` not ``"blank"``/``"zero"``, negative
            ``amount_places``).
    """
    allowed = FORMAT_OPTIONS[fmt]
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise TypeError(
            f"render(..., {fmt!r}): unknown option(s) {', '.join(unknown)}; "
            f"this format accepts {', '.join(allowed)}"
        )
    for name in ("title", "preamble", "fragment", "indent"):
        if name in options and not isinstance(options[name], bool):
            raise TypeError(f"render option {name}: expected True or False, got {options[name]!r}")
    policy = options.get("blank_policy", "blank")
    if policy not in ("blank", "zero"):
        raise ValueError(f"render option blank_policy: expected 'blank' or 'zero', got {policy!r}")
    places = options.get("amount_places")
    if places is not None and (type(places) is not int or places < 0):
        raise ValueError(f"render option amount_places: expected None or an int ≥ 0, got {places!r}")
    return Options(**options)


# ---------------------------------------------------------------------------------------------------------
# Characters

_LINE_ENDINGS = str.maketrans({"\r": "\n", "\ufffe": "\ufffd", "\uffff": "\ufffd"})


def clean(text: str) -> str:
    """Text as written to every format.

    ``\\r\\n`` and ``\\r`` become ``\\n``; other control characters (category Cc except tab and newline),
    lone surrogates and the non-characters U+FFFE, U+FFFF become U+FFFD, since no output format carries them
    faithfully (XML 1.0 forbids them, HTML maps C1 controls to other characters).
    """
    text = text.replace("\r\n", "\n").translate(_LINE_ENDINGS)
    if text.isprintable():
        return text
    return "".join(
        "\ufffd" if ch not in "\t\n" and unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text
    )


# ---------------------------------------------------------------------------------------------------------
# Cells


def cell_text(report: Report, cell: CellRef, options: Options) -> str:
    """The text of one table cell: plain integer, fixed-point 万元 amount, or blank / ``0``."""
    value = get_cell(report, *cell.key)
    if value is None:
        return "0" if options.blank_policy == "zero" else ""
    if isinstance(value, Decimal):
        return format_amount(value, places=options.amount_places)
    return str(value)


# ---------------------------------------------------------------------------------------------------------
# The outline every renderer walks


@frozen
class SectionPart:
    """One of the six sections: its form entry, its narrative, and its table (二/三/四) if any."""

    section: form.Section
    narrative: Narrative
    table: TableLayout | None


@frozen
class Document:
    """The report in reading order, with options applied."""

    #: The title line, or ``None`` when ``title=False``.
    title: str | None
    #: The display title, always (for the HTML ``<title>`` and DOCX properties).
    display_title: str
    preamble: tuple[str, ...]
    sections: tuple[SectionPart, ...]
    issuer: str | None
    published: _dt.date | None
    #: ``published`` written as 2025年1月27日.
    date_text: str | None

    @property
    def has_signoff(self) -> bool:
        """True when there is an issuer or a date to sign with."""
        return self.issuer is not None or self.published is not None


def outline(report: Report, options: Options) -> Document:
    """The :class:`Document` of ``report``: all six sections in order, narrative before each table."""
    parts = []
    for section in form.SECTIONS:
        narrative: Narrative = getattr(report, section.text_field)
        layout = None if section.table is None else table_layout(section.table)
        parts.append(SectionPart(section, narrative, layout))
    meta = report.meta
    return Document(
        title=meta.display_title if options.title else None,
        display_title=meta.display_title,
        preamble=report.preamble if options.preamble else (),
        sections=tuple(parts),
        issuer=meta.issuer,
        published=meta.published,
        date_text=format_date(meta.published) if meta.published is not None else None,
    )


def caption(section: form.Section) -> str:
    """A table caption: the section heading without its numeral (``二、主动公开…`` → ``主动公开…``)."""
    return section.heading.split("、", 1)[1]
