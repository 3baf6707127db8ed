"""A report's metadata: the agency, year and kind, the title kept, the issuer and publication date (read by
:mod:`.signoff`) and the statistical period, with what is inferred when the text does not say.

Precedence: the caller's hints, then the source's machine-readable metadata, then the text. See
``docs/parse.md`` ("Metadata").
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Final

from attrs import frozen

from ... import form
from ...findings import Finding, make
from ...model import AgencyKind, Meta, unchecked
from ..doc import Paragraph
from ..normalize import find_period
from ..result import SourceEntry
from .signoff import Issuer, Published, SignoffReader, meta_location
from .title import agency_from_issuer, guess_kind, parse_title, title_candidates

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

    def meta(
        self,
        title_par: Paragraph | None,
        buckets: dict[str, list[Paragraph]],
        issuer: Issuer | None,
        published: Published | None,
    ) -> Meta | None:
        """The report's :class:`Meta`, or ``None`` when the agency or the year is unknown."""
        title_text, t_agency, t_year = self._title(title_par)
        period = self._period(buckets)
        src = self.sources
        if issuer is not None:
            src["$.meta.issuer"] = SourceEntry(text=issuer[1].text, origin=issuer[1].origin)
        if published is not None:
            src["$.meta.published"] = SourceEntry(text=published[1].text, origin=published[1].origin)
        agency = self._agency(t_agency, issuer)
        year = self._year(t_year, title_text, period, published)
        missing_required = self._required(agency, year)
        kind = self._kind(agency)
        region = self.hints.region
        if region is None:
            region = self._markup("region")[1]
        title_value = self._title_value(title_par, title_text, agency, year)
        pub, iss, p_start, p_end = self._signed(issuer, published, period)
        if missing_required:
            return None
        assert agency is not None and year is not None
        with unchecked():
            return Meta(
                agency=agency,
                year=year,
                kind=kind or AgencyKind.OTHER,
                region=region,
                title=title_value,
                published=pub,
                issuer=iss,
                period_start=p_start,
                period_end=p_end,
            )

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

    def _agency(self, t_agency: str | None, issuer: Issuer | None) -> str | None:
        agency = self.hints.agency
        if agency is None:
            has, value = self._markup("agency")
            agency = value if has else t_agency
        if agency is None and issuer is not None:
            agency = agency_from_issuer(issuer[0])
            self._inferred("agency", agency, "issuer", "落款单位")
        return agency

    def _year(
        self, t_year: int | None, title_text: str | None, period: Period | None, published: Published | None
    ) -> int | None:
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
        if year is None:
            inferred: tuple[int, str, str] | None = None
            if period is not None:
                inferred = (period[0].year, "statistical period", "统计期限")
            elif published is not None:
                inferred = (published[0].year - 1, "publication date", "发布日期")
            if inferred is not None and 1990 <= inferred[0] <= 2999:
                year = inferred[0]
                self._inferred("year", year, inferred[1], inferred[2])
        return year

    def _inferred(self, name: str, value: str | int, source: str, source_zh: str) -> None:
        self.findings.append(
            make(
                "parse.meta-inferred",
                location=meta_location(name),
                field=name,
                field_en=_FIELD_EN[name],
                field_zh=_FIELD_ZH[name],
                value=value,
                source=source,
                source_zh=source_zh,
            )
        )

    def _required(self, agency: str | None, year: int | None) -> bool:
        """``parse.meta-required`` for the agency or year not known; whether any is missing."""
        missing_required = False
        for name, given in (("agency", agency), ("year", year)):
            if given is None or (isinstance(given, str) and not given.strip()):
                missing_required = True
                self.findings.append(
                    make(
                        "parse.meta-required",
                        location=meta_location(name),
                        field=name,
                        field_zh=_FIELD_ZH[name],
                    )
                )
        return missing_required

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
