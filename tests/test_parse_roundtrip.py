"""Round trips: ``parse(render(r, f)).report == r`` for generated reports, and rendering again is identical.

Each format carries a different part of a report (``docs/render.md`` *What round-trips*, ``docs/parse.md``):

- all formats: texts without control characters other than ``\\n`` and without U+FFFE/U+FFFF (the renderers
  write U+FFFD for them), without leading or trailing white space;
- text: no ``\\n`` anywhere; at least one paragraph (a text with no indented line is read as a flat copy);
  names and sub-headings without ``|``; the agency and year only through the title (no custom title);
- text and Markdown: the kind of agency is what its name tells (:func:`~gov_disclosure.parsers.guess_kind`), no
  region, and the statistical period only when the preamble states it;
- Markdown: no ``\\n`` in headings;
- HTML and Word carry every field (``data-*`` attributes, custom document properties).
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gov_disclosure.model import AgencyKind, Narrative, Report
from gov_disclosure.parsers import guess_kind, parse
from gov_disclosure.renderers import render
from gov_disclosure.strategies import reports

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text(*, newlines: bool, max_size: int = 40) -> st.SearchStrategy[str]:
    chars = st.characters(
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\ufffe\uffff",
        include_characters="\n" if newlines else None,
    )
    return st.text(chars, min_size=1, max_size=max_size).map(str.strip).filter(bool)


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_SUFFIXES = ["人民政府", "区人民政府", "镇人民政府", "局", "委员会", "办公室", "街道办事处", "中心", "研究院"]
#: Agency, issuer and sub-heading names as real reports have them (CJK, sometimes digits or Latin letters).
ORG_NAMES = st.builds(
    lambda head, tail: head + tail,
    st.text(st.one_of(_CJK, st.sampled_from("ABC123（）")), min_size=1, max_size=10)
    .map(str.strip)
    .filter(bool),
    st.sampled_from(_SUFFIXES),
)


def _has_paragraph(r: Report) -> bool:
    narratives = [getattr(r, n) for n in ("overview", "problems", "other_matters")]
    narratives += [
        getattr(r, f"{n}_text") for n in ("active_disclosure", "applications", "review_litigation")
    ]
    return bool(r.preamble) or any(
        n.paragraphs or any(s.paragraphs for s in n.subsections) for n in narratives
    )


def _visible_only(r: Report) -> Report:
    """What plain text and Markdown carry of the metadata: the rest is inferred or left at its default."""
    meta = r.meta
    preamble = r.preamble
    if meta.period_start is not None:
        y = meta.year
        preamble = (*preamble, f"报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")
    meta = attrs.evolve(meta, kind=guess_kind(meta.agency) or AgencyKind.OTHER, region=None)
    r = attrs.evolve(r, meta=meta, preamble=preamble)
    if not _has_paragraph(r):
        r = attrs.evolve(
            r, other_matters=Narrative(paragraphs=("无。",), subsections=r.other_matters.subsections)
        )
    return r


def _check(report: Report, fmt: str) -> None:
    out = render(report, fmt)
    result = parse(out)
    assert result.report == report, result.codes
    assert render(result.report, fmt) == out
    assert result.template == "2021"
    assert not [
        f for f in result.findings if f.code.startswith(("parse.bad-", "parse.missing-", "parse.unknown"))
    ]


@SETTINGS
@given(reports(text=_text(newlines=False), names=ORG_NAMES, titles=False).map(_visible_only))
def test_text_round_trip(report):
    _check(report, "text")


@SETTINGS
@given(reports(text=_text(newlines=True), names=ORG_NAMES, titles=False).map(_visible_only))
def test_markdown_round_trip(report):
    _check(report, "markdown")


@SETTINGS
@given(reports(text=_text(newlines=True), names=_text(newlines=True, max_size=30)))
def test_html_round_trip(report):
    _check(report, "html")


@SETTINGS
@given(reports(text=_text(newlines=True), names=_text(newlines=True, max_size=30)))
def test_docx_round_trip(report):
    pytest.importorskip("docx")
    _check(report, "docx")


@settings(max_examples=30, deadline=None)
@given(reports(text=_text(newlines=False), names=ORG_NAMES, titles=False, blanks=False).map(_visible_only))
def test_text_round_trip_without_blanks(report):
    _check(report, "text")


@settings(max_examples=30, deadline=None)
@given(reports(text=_text(newlines=True), names=ORG_NAMES, titles=False).map(_visible_only))
def test_html_fragment_reads_like_the_page(report):
    page = parse(render(report, "html")).report
    fragment = parse(render(report, "html", fragment=True)).report
    assert fragment == page
