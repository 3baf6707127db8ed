"""A report's metadata: the agency, year and kind, the title kept, the issuer and publication date (read by
:mod:`.signoff`) and the statistical period, with what is inferred when the text does not say.

Precedence: the caller's hints, then the source's machine-readable metadata, then the text. See
``docs/parse.md`` ("Metadata").
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Final

import attrs
from attrs import define, frozen

from ... import form
from ...findings import Finding, make
from ...model import AgencyKind, Meta, unchecked
from ...text.dates import DATE_RE, YEAR_DIGITS, cn_number, date_of
from ...text.fold import nfkc
from ..doc import Block, Paragraph, TableBlock
from ..normalize import find_period
from ..result import SourceEntry
from .narrative import reads_as_subheading
from .signoff import Issuer, Published, SignoffReader, meta_location
from .title import (
    HEADER_LABELS,
    MAX_ISSUER,
    agency_from_issuer,
    guess_kind,
    header_fields,
    is_full_name,
    name_at_start,
    parse_title,
    title_candidates,
)

__all__ = ["Hints", "MetaReader"]


@frozen(kw_only=True)
class Hints:
    """Metadata the caller knows better than the document (each overrides what is read)."""

    agency: str | None = None
    year: int | None = None
    kind: AgencyKind | None = None
    region: str | None = None


# ---------------------------------------------------------------------------------------------------------
# Findings about metadata

_FIELD_EN: Final = {
    "agency": "agency",
    "year": "report year",
    "kind": "kind of agency",
    "published": "publication date",
    "issuer": "issuing office",
    "period": "statistical period",
}
_FIELD_ZH: Final = {
    "agency": "机关名称",
    "year": "报告年度",
    "kind": "机关类型",
    "published": "发布日期",
    "issuer": "落款单位",
    "period": "统计期限",
}
_WHERE: Final = {
    "agency": ("标题中", "in the title"),
    "year": ("标题或统计期限中", "in the title or the statistical period"),
    "kind": ("无法从机关名称判断", "the agency's name does not tell"),
    "published": ("落款中", "in the sign-off"),
    "issuer": ("落款中", "in the sign-off"),
    "period": ("前言或总体情况中", "in the preamble or section 一"),
}


def _iso(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


Period = tuple[_dt.date, _dt.date]


# ---------------------------------------------------------------------------------------------------------
# What the text says when no title line does: the article header, the preamble, the first sentence

#: How many blocks at the top may hold the article header.
_HEADER_WINDOW: Final = 30
#: Where a field named in the article header comes from (for ``parse.meta-inferred``).
_HEADER_SOURCE: Final = ("网页信息栏的“{label}”", "“{label}” line of the page header")


def _header_date(value: str) -> _dt.date | None:
    """The date a header field starts with (``2024-01-20 10:30:00``, ``2024年01月20日``)."""
    m = DATE_RE.match(value)
    return date_of(m) if m is not None else None


#: The start of a first sentence that names the year (``2023年，``, ``2023年度，``; not ``2021年以来，``, a
#: year the work started, nor ``2023年12月``).
_LEAD_RE: Final = re.compile(rf"^\s*(?P<year>{YEAR_DIGITS})\s*年度?\s*(?P<comma>[,、])?\s*")
#: The report's own name in a sentence of the preamble: ``…某某镇人民政府2023年政府信息公开工作年度报告``.
_NAMED_RE: Final = re.compile(rf"(?P<year>{YEAR_DIGITS})\s*年度?\s*" + re.escape(nfkc(form.TITLE_SUFFIX)))
#: What comes before an agency's name in a sentence that names the report (the name follows the last one).
_BEFORE_NAME_RE: Final = re.compile(
    r"[,.;:!?、《“”\"(（]|公布|发布|编制|形成|制作|印发|现将|特将|本报告是|是|为"
)
#: A compiling office: ``本报告由某某县人民政府办公室编制``.
_COMPILED_RE: Final = re.compile(r"由\s*")
_SENTENCE_END_RE: Final = re.compile(r"[。;；!?！？]")


@frozen
class _Said:
    """A field the text says outside a title line, and where."""

    value: str | int | _dt.date
    paragraph: Paragraph
    source: str
    source_zh: str


@define
class _Text:
    """What the text says of the agency and the year outside a title line (see :meth:`MetaReader._agency`
    and :meth:`MetaReader._year` for the order they are taken in)."""

    #: The report's own name in a sentence of the preamble.
    named_year: _Said | None = None
    named_agency: _Said | None = None
    #: The office that compiled the report (``本报告由…编制``), as the agency it serves.
    compiled: _Said | None = None
    #: The first sentence of the preamble, else of section 一 (``2023年，某某镇人民政府…``).
    lead_year: _Said | None = None
    lead_agency: _Said | None = None
    #: The publishing agency of the article header.
    header_agency: _Said | None = None


def _first_paragraph(paragraphs: Sequence[Paragraph]) -> Paragraph | None:
    for p in paragraphs:
        if p.text.strip() and p.level is None:
            return p
    return None


def _lead(p: Paragraph) -> tuple[int | None, str | None]:
    """The year and the agency's name a first sentence starts with (``2023年，某某镇人民政府…``)."""
    folded = nfkc(p.text)
    m = _LEAD_RE.match(folded)
    if m is None:
        return None, None
    name = name_at_start(folded[m.end() :])
    if m.group("comma") is None and name is None:
        return None, None  # 2023年1月1日…, 2023年度报告…: no year stated for the report
    return cn_number(m.group("year")), name


def _sentences(p: Paragraph) -> Iterator[str]:
    yield from (s for s in _SENTENCE_END_RE.split(nfkc(p.text)) if s.strip())


def _named(p: Paragraph) -> tuple[int | None, str | None]:
    """The year and the agency of the report's own name in a sentence (``现将某某镇人民政府2023年政府信息公开
    工作年度报告公布如下``)."""
    for sentence in _sentences(p):
        m = _NAMED_RE.search(sentence)
        if m is None:
            continue
        before = _BEFORE_NAME_RE.split(sentence[: m.start()])[-1].strip()
        return cn_number(m.group("year")), before if is_full_name(before) else None
    return None, None


def _compiled_by(p: Paragraph) -> str | None:
    """The office a sentence says compiled the report (``本报告由某某县人民政府办公室编制``)."""
    for sentence in _sentences(p):
        if "编制" not in sentence or "报告" not in sentence:
            continue
        for m in _COMPILED_RE.finditer(sentence):
            name = name_at_start(sentence[m.end() :])
            if name is not None:
                return name
    return None


class MetaReader(SignoffReader):
    """Reads the sign-off and the metadata, recording findings and source entries."""

    def __init__(
        self,
        hints: Hints,
        markup: Mapping[str, str | None] | None,
        outside_title: str | None,
        signoff_marked: bool,
        findings: list[Finding],
        sources: dict[form.CellAddress | str, SourceEntry],
    ) -> None:
        super().__init__(signoff_marked, findings)
        self.hints = hints
        self.markup = markup
        self.outside_title = outside_title
        self.sources = sources
        self.known: dict[str, object] = {}

    def meta(
        self,
        title_par: Paragraph | None,
        buckets: dict[str, list[Paragraph]],
        issuer: Issuer | None,
        published: Published | None,
        head: Sequence[Block] = (),
    ) -> tuple[Meta, tuple[str, ...]]:
        """The report's :class:`Meta` and the required fields (``agency``, ``year``) that are unknown: an
        unknown agency is ``""`` and an unknown year ``0`` in that :class:`Meta` (a draft's).

        ``head`` is the blocks before the first section heading, where an article header may stand; its
        lines are taken out of the preamble.
        """
        title_text, t_agency, t_year = self._title(title_par)
        period = self._period(buckets)
        header = self._header(head, buckets)
        src = self.sources
        if issuer is not None:
            src["$.meta.issuer"] = SourceEntry(text=issuer[1].text, origin=issuer[1].origin)
        if published is None:
            dated = header.get("written") or header.get("published")
            if dated is not None and isinstance(dated.value, _dt.date):
                published = dated.value, dated.paragraph
        if published is not None:
            src["$.meta.published"] = SourceEntry(text=published[1].text, origin=published[1].origin)
        said = self._said(buckets, header)
        agency = self._agency(t_agency, issuer, said)
        year = self._year(t_year, title_text, period, published, said)
        missing = self._required(agency, year)
        kind = self._kind(agency)
        region = self.hints.region
        if region is None:
            region = self._markup("region")[1]
        title_value = self._title_value(title_par, title_text, agency, year)
        pub, iss, p_start, p_end = self._signed(issuer, published, period)
        known = {
            "agency": agency,
            "year": year,
            "kind": kind,
            "region": region,
            "title": title_value,
            "published": pub,
            "issuer": iss,
            "period_start": p_start,
            "period_end": p_end,
        }
        #: The fields known (for :attr:`~..result.ParseResult.metadata`).
        self.known = {k: v for k, v in known.items() if v is not None and v != ""}
        with unchecked():
            meta = Meta(
                agency=agency or "",
                year=year or 0,
                kind=kind or AgencyKind.OTHER,
                region=region,
                title=title_value,
                published=pub,
                issuer=iss,
                period_start=p_start,
                period_end=p_end,
            )
        return meta, missing

    def _header(self, head: Sequence[Block], buckets: dict[str, list[Paragraph]]) -> dict[str, _Said]:
        """The fields of the article header (``发布机构：…``, ``发布日期：…``) among the first blocks; its
        lines (and table rows) are taken out of the preamble."""
        out: dict[str, _Said] = {}
        read: list[Paragraph] = []
        lines: list[Paragraph] = []
        for b in head[:_HEADER_WINDOW]:
            if isinstance(b, TableBlock):
                for row in b.rows:
                    cells = [c for c in row if c.text.strip()]
                    if cells:
                        text = " ".join(c.text.strip() for c in cells)
                        lines.append(Paragraph(text=text, origin=cells[0].origin))
            else:
                lines.append(b)
        for p in lines:
            fields = header_fields(p.text)
            if not fields:
                continue
            read.append(p)
            for label, value in fields:
                name = HEADER_LABELS[label]
                if name is None or name in out or not value:
                    continue
                source, source_zh = (
                    _HEADER_SOURCE[1].format(label=label),
                    _HEADER_SOURCE[0].format(label=label),
                )
                if name == "agency":
                    if len(value) <= MAX_ISSUER and not any(ch in value for ch in "。；;"):
                        out[name] = _Said(value, p, source, source_zh)
                else:
                    date = _header_date(value)
                    if date is not None:
                        out[name] = _Said(date, p, source, source_zh)
        preamble = buckets.get("preamble")
        if read and preamble:
            preamble[:] = [p for p in preamble if not any(p is q for q in read)]
        return out

    def _said(self, buckets: dict[str, list[Paragraph]], header: dict[str, _Said]) -> _Text:
        """What the text says of the agency and the year outside a title line."""
        text = _Text()
        preamble = buckets.get("preamble", [])
        for p in preamble:
            year, name = _named(p)
            if year is not None:
                source = ("report's name in the preamble", "前言中的报告名称")
                text.named_year = _Said(year, p, *source)
                text.named_agency = _Said(name, p, *source) if name is not None else None
                break
        for p in preamble:
            office = _compiled_by(p)
            if office is not None:
                text.compiled = _Said(
                    agency_from_issuer(office), p, "office that compiled the report", "编制单位"
                )
                break
        overview = [p for p in buckets.get(form.SECTIONS[0].id, []) if not reads_as_subheading(p.text)]
        for first in (_first_paragraph(preamble), _first_paragraph(overview)):
            if first is None:
                continue
            year, name = _lead(first)
            if year is not None:
                text.lead_year = _Said(year, first, "first sentence", "正文第一句")
            if name is not None:
                text.lead_agency = _Said(name, first, "first sentence", "正文第一句")
            if year is not None or name is not None:
                break
        said = header.get("agency")
        if said is not None:
            text.header_agency = attrs.evolve(said, value=agency_from_issuer(str(said.value)))
        return text

    def _markup(self, name: str) -> tuple[bool, str | None]:
        mk = self.markup
        if mk is None or name not in mk:
            return False, None
        return True, mk[name]

    def _title(self, title_par: Paragraph | None) -> tuple[str | None, str | None, int | None]:
        """``(title text, agency, year)`` from the title paragraph, else from the outside title."""
        src = self.sources
        title_text: str | None = None
        t_agency: str | None = None
        t_year: int | None = None
        if title_par is not None:
            title_text = title_par.text.strip()
            src["$.meta.title"] = SourceEntry(text=title_par.text, origin=title_par.origin)
            parsed = parse_title(title_par.text)
            if parsed is not None:
                t_agency, t_year = parsed
        elif self.outside_title:
            for cand in title_candidates(self.outside_title):
                parsed = parse_title(cand)
                if parsed is not None:
                    t_agency, t_year = parsed
                    title_text = cand
                    src["$.meta.title"] = SourceEntry(text=self.outside_title)
                    break
        if title_par is not None and title_text is not None:
            src["$.meta.agency"] = src["$.meta.year"] = SourceEntry(
                text=title_par.text, origin=title_par.origin
            )
        return title_text, t_agency, t_year

    def _period(self, buckets: dict[str, list[Paragraph]]) -> Period | None:
        """The statistical period stated in the preamble, else in section 一."""
        for sid in ("preamble", form.SECTIONS[0].id):
            for p in buckets.get(sid, []):
                found = find_period(p.text)
                if found is not None:
                    self.sources["$.meta.period"] = SourceEntry(text=p.text, origin=p.origin)
                    return found
        return None

    def _agency(self, t_agency: str | None, issuer: Issuer | None, text: _Text) -> str | None:
        """The caller's, the markup's, the title's; else, inferred: the report's own name in the preamble,
        the sign-off's issuer, the office that compiled it, the first sentence, the article header (an
        office of a government stands for that government: :func:`~.title.agency_from_issuer`)."""
        agency = self.hints.agency
        if agency is None:
            has, value = self._markup("agency")
            agency = value if has else t_agency
        if agency is not None:
            return agency
        signed = None
        if issuer is not None:
            signed = _Said(agency_from_issuer(issuer[0]), issuer[1], "issuer", "落款单位")
        for said in (text.named_agency, signed, text.compiled, text.lead_agency, text.header_agency):
            if said is not None:
                self._inferred("agency", said)
                return str(said.value)
        return None

    def _year(
        self,
        t_year: int | None,
        title_text: str | None,
        period: Period | None,
        published: Published | None,
        text: _Text,
    ) -> int | None:
        """The caller's, the markup's, the title's; else, inferred: the statistical period's, the report's
        own name in the preamble, the first sentence, the year before publication."""
        year = self.hints.year
        if year is None:
            has, value = self._markup("year")
            if has and value is not None and value.isdigit():
                year = int(value)
            elif t_year is not None:
                if 1990 <= t_year <= 2999:
                    year = t_year
                else:
                    self.findings.append(
                        make("parse.bad-date", location=meta_location("year"), quote=title_text)
                    )
        if year is not None:
            return year
        candidates: list[_Said | None] = []
        if period is not None:
            entry = self.sources["$.meta.period"]
            candidates.append(
                _Said(
                    period[0].year,
                    Paragraph(text=entry.text, origin=entry.origin),
                    "statistical period",
                    "统计期限",
                )
            )
        candidates += [text.named_year, text.lead_year]
        if published is not None:
            candidates.append(_Said(published[0].year - 1, published[1], "publication date", "发布日期"))
        for said in candidates:
            if said is not None and isinstance(said.value, int) and 1990 <= said.value <= 2999:
                self._inferred("year", said)
                return said.value
        return None

    def _inferred(self, name: str, said: _Said) -> None:
        """``parse.meta-inferred`` for ``name``, with the line it was read from in the source map."""
        self.sources[f"$.meta.{name}"] = SourceEntry(text=said.paragraph.text, origin=said.paragraph.origin)
        self.findings.append(
            make(
                "parse.meta-inferred",
                location=meta_location(name),
                field=name,
                field_en=_FIELD_EN[name],
                field_zh=_FIELD_ZH[name],
                value=said.value,
                source=said.source,
                source_zh=said.source_zh,
            )
        )

    def _required(self, agency: str | None, year: int | None) -> tuple[str, ...]:
        """``parse.meta-required`` for the agency or year not known; the fields missing."""
        missing: list[str] = []
        for name, given in (("agency", agency), ("year", year)):
            if given is None or (isinstance(given, str) and not given.strip()):
                missing.append(name)
                self.findings.append(
                    make(
                        "parse.meta-required",
                        location=meta_location(name),
                        field=name,
                        field_en=_FIELD_EN[name],
                        field_zh=_FIELD_ZH[name],
                    )
                )
        return tuple(missing)

    def _kind(self, agency: str | None) -> AgencyKind | None:
        kind = self.hints.kind
        if kind is None:
            has, value = self._markup("kind")
            if has and value is not None:
                try:
                    kind = AgencyKind(value)
                except ValueError:
                    kind = None
            elif agency:
                kind = guess_kind(agency)
                if kind is None and not has:
                    self._missing("kind")
        return kind

    def _title_value(
        self, title_par: Paragraph | None, title_text: str | None, agency: str | None, year: int | None
    ) -> str | None:
        """The title to keep: ``None`` when it is the standard one (or not in the body)."""
        mk = self.markup
        if mk is not None and "agency" in mk:
            has_title, markup_title = self._markup("title")
            return markup_title if has_title else None
        if title_par is None:
            return None
        if title_text is not None and title_text == f"{agency}{year}年{form.TITLE_SUFFIX}":
            return None
        return title_text

    def _signed(
        self, issuer: Issuer | None, published: Published | None, period: Period | None
    ) -> tuple[_dt.date | None, str | None, _dt.date | None, _dt.date | None]:
        """``(published, issuer, period start, period end)``, with ``parse.meta-missing`` for each unknown."""
        pub = published[0] if published is not None else None
        iss = issuer[0] if issuer is not None else None
        p_start, p_end = period if period is not None else (None, None)
        mk = self.markup
        if mk is not None and "agency" in mk:
            pub = _iso(mk.get("published"))
            iss = mk.get("issuer")
            p_start, p_end = _iso(mk.get("period_start")), _iso(mk.get("period_end"))
        if pub is None:
            self._missing("published")
        if iss is None:
            self._missing("issuer")
        if p_start is None or p_end is None:
            self._missing("period")
        return pub, iss, p_start, p_end

    def _missing(self, name: str) -> None:
        where, where_en = _WHERE[name]
        self.findings.append(
            make(
                "parse.meta-missing",
                location=meta_location(name),
                field=name,
                field_en=_FIELD_EN[name],
                field_zh=_FIELD_ZH[name],
                where=where,
                where_en=where_en,
            )
        )
