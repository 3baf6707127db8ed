"""The one assembler: a front-end's blocks (paragraphs and tables, in reading order) -> a report, by label.

Stages: :mod:`.narrative` (sections), :mod:`.title`, :mod:`.signoff` and :mod:`.metadata`, :mod:`.grid` and
:mod:`.rows` (table rows by label), :mod:`.tables` (values). See ``docs/parse.md`` ("How a document is read").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ... import form
from ...cellview import from_cells
from ...findings import Finding, Location, make
from ...model import AgencyKind, Meta, Report, unchecked
from .. import codes as _codes  # noqa: F401  (declares the parse.* codes)
from ..doc import Block, Limits, too_complex
from ..result import ParseResult, SourceEntry
from .loose import recover
from .metadata import Hints, MetaReader
from .narrative import (
    SECTION_BY_ID,
    SECTION_IDS,
    Sections,
    find_headings,
    narratives,
    reads_as_subheading,
    reads_as_table_caption,
    sort_blocks,
    split_heading,
    structure,
)
from .signoff import signoff_table
from .tables import TableReader, table_findings
from .title import find_title, guess_kind, parse_title

__all__ = [
    "Hints",
    "assemble",
    "guess_kind",
    "parse_title",
    "reads_as_subheading",
    "reads_as_table_caption",
]


def assemble(
    blocks: Sequence[Block],
    *,
    findings: Sequence[Finding] = (),
    title: str | None = None,
    meta: Mapping[str, str | None] | None = None,
    signoff_marked: bool = False,
    agency: str | None = None,
    year: int | None = None,
    kind: AgencyKind | str | None = None,
    region: str | None = None,
    limits: Limits | None = None,
) -> ParseResult:
    """Build a :class:`ParseResult` from a front-end's blocks (see ``docs/parse.md``).

    Args:
        blocks: paragraphs and tables in reading order.
        findings: what the front-end already found (kept first, in order).
        title: a title given outside the body (HTML ``<title>``), used when the body has none.
        meta: machine-readable metadata carried by the source (see :attr:`~.doc.Document.meta`).
        signoff_marked: the format marks the sign-off (see :attr:`~.doc.Document.signoff_marked`).
        agency, year, kind, region: the caller's hints; each overrides what is read.
        limits: reading bounds.
    """
    limits = limits or Limits()
    found = list(findings)
    hints = Hints(
        agency=agency, year=year, kind=AgencyKind(kind) if kind is not None else None, region=region
    )
    sources: dict[form.CellAddress | str, SourceEntry] = {}
    reader = MetaReader(hints, dict(meta) if meta else None, title, signoff_marked, found, sources)
    return _run(_prepare(blocks, limits, found), limits, found, sources, reader)


def _prepare(blocks: Sequence[Block], limits: Limits, findings: list[Finding]) -> list[Block]:
    """The blocks within bounds, section headings split from the text on their line, and a sign-off set in a
    small table after the text as its lines."""
    out = [q for b in recover(blocks[: limits.max_blocks], findings) for q in split_heading(b)]
    for k in range(len(out) - 1, max(-1, len(out) - 4), -1):
        lines = signoff_table(out[k])
        if lines is not None:
            out[k : k + 1] = lines
            break
    if len(blocks) > limits.max_blocks:
        findings.append(too_complex("段落和表格数", "The number of blocks", limits.max_blocks))
    return out


def _run(
    blocks: list[Block],
    limits: Limits,
    findings: list[Finding],
    sources: dict[form.CellAddress | str, SourceEntry],
    reader: MetaReader,
) -> ParseResult:
    headings = find_headings(blocks)
    title = find_title(blocks, min(headings, default=len(blocks)))
    if title is None and blocks and not headings:
        # No heading at all: a title may still sit anywhere near the top (a table-only fragment has none).
        title = find_title(blocks, min(len(blocks), 20))
    sections = sort_blocks(blocks, headings, title)

    tables = TableReader(limits, findings)
    indices = [(tables.add(b), boundary) for b, boundary in sections.tables]
    template = tables.decide_template(sections.markers_2019)
    # Read the values, with the knowledge of the template.
    for index, boundary in indices:
        tables.read(index, boundary)
    tables.finish()

    # Sign-off, from the markup or from the end of the last section.
    issuer, published = reader.signoff(sections.signoff, sections.buckets, sections.current)
    if not (headings or tables.rows_read or tables.tables_seen):
        findings.append(
            make(
                "parse.not-a-report", reason="no section heading, no table label" if blocks else "empty input"
            )
        )
        return ParseResult(
            report=None, findings=tuple(findings), source_map=sources, structure=structure(sections.order)
        )

    table_findings(tables, template, findings)
    for sid in SECTION_IDS:
        if sid not in sections.buckets:
            findings.append(
                make(
                    "parse.missing-section",
                    location=Location(section=sid),
                    heading=SECTION_BY_ID[sid].heading,
                )
            )
    for address, entry in tables.entries.items():
        sources[address] = entry
    head = blocks[: min(headings, default=len(blocks))]
    meta, missing = reader.meta(sections.title, sections.buckets, issuer, published, head)
    # What was read is kept whatever the metadata: without the agency or the year it is the draft.
    draft = _report(meta, sections, tables)
    return ParseResult(
        report=None if missing else draft,
        draft=draft,
        missing=missing,
        metadata=reader.known,
        findings=tuple(findings),
        source_map=sources,
        structure=structure(sections.order),
        template=template,
    )


def _report(meta: Meta, sections: Sections, tables: TableReader) -> Report:
    with unchecked():
        parts: dict[str, Any] = {**from_cells(tables.values), **narratives(sections.buckets)}
        return Report(
            meta=meta, preamble=tuple(p.text for p in sections.buckets.get("preamble", [])), **parts
        )
