"""Markdown rendering, read back with a real CommonMark reader (markdown-it-py, commonmark + tables)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import examples, form
from gov_disclosure.cellview import cell_refs, get_cell
from gov_disclosure.model import Narrative, Report, Subsection
from gov_disclosure.renderers import render
from gov_disclosure.renderers._common import clean
from gov_disclosure.renderers.layout import table_layout
from gov_disclosure.renderers.markdown import escape_inline
from gov_disclosure.strategies import narrative_text, reports

markdown_it = pytest.importorskip("markdown_it")


def reader() -> Any:
    return markdown_it.MarkdownIt("commonmark").enable("table")


def inline_text(token: Any) -> str:
    out = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("hardbreak", "softbreak"):
            out.append("\n")
        else:  # pragma: no cover - would mean unescaped markup
            raise AssertionError(f"unexpected inline token {child.type}: {child.content!r}")
    return "".join(out)


def blocks(md: str) -> list[tuple[str, Any]]:
    """The document as (kind, content): ('h1'|'h2'|'h3'|'p', text), ('table', rows), ('hr', None)."""
    tokens = reader().parse(md)
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open":
            out.append((t.tag, inline_text(tokens[i + 1])))
            i += 3
        elif t.type == "paragraph_open":
            out.append(("p", inline_text(tokens[i + 1])))
            i += 3
        elif t.type == "hr":
            out.append(("hr", None))
            i += 1
        elif t.type == "table_open":
            rows: list[list[str]] = []
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    rows.append([])
                elif tokens[i].type == "inline":
                    rows[-1].append(inline_text(tokens[i]))
                i += 1
            out.append(("table", rows))
            i += 1
        else:  # pragma: no cover
            raise AssertionError(f"unexpected block token {t.type}")
    return out


def expected_blocks(report: Report, blanks: str = "blank") -> list[tuple[str, Any]]:
    def heading(text: str) -> str:
        return clean(text).replace("\n", " ")

    out: list[tuple[str, Any]] = [("h1", heading(report.meta.display_title))]
    out += [("p", clean(p)) for p in report.preamble]
    for section in form.SECTIONS:
        out.append(("h2", section.heading))
        name = section.id if section.id in ("overview", "problems", "other_matters") else section.id + "_text"
        narrative: Narrative = getattr(report, name)
        out += [("p", clean(p)) for p in narrative.paragraphs]
        for sub in narrative.subsections:
            out.append(("h3", heading(sub.heading)))
            out += [("p", clean(p)) for p in sub.paragraphs]
        table = {"active_disclosure": "二", "applications": "三", "review_litigation": "四"}.get(section.id)
        if table:
            out.append(("table", expected_grid(report, table, blanks)))
    if report.meta.issuer is not None or report.meta.published is not None:
        out.append(("hr", None))
        if report.meta.issuer is not None:
            out.append(("p", clean(report.meta.issuer)))
        if report.meta.published is not None:
            d = report.meta.published
            out.append(("p", f"{d.year}年{d.month}月{d.day}日"))
    return out


def value_text(report: Report, key: tuple[str, str, str], blanks: str) -> str:
    v = get_cell(report, *key)
    if v is None:
        return "0" if blanks == "zero" else ""
    return f"{v:f}" if isinstance(v, Decimal) else str(v)


def expected_grid(report: Report, table_id: str, blanks: str) -> list[list[str]]:
    layout = table_layout(table_id)
    grid = [[""] * layout.width for _ in range(layout.height)]
    for c in layout.cells():
        grid[c.row][c.col] = value_text(report, c.ref.key, blanks) if c.ref else c.text
    return grid


def test_example_structure() -> None:
    md = render(examples.naidong_2024(), "markdown")
    assert md.endswith("\n") and "\n\n\n" not in md
    assert blocks(md) == expected_blocks(examples.naidong_2024())


def test_table_three_grid_is_official() -> None:
    md = render(examples.naidong_2024(), "markdown")
    tables = [c for kind, c in blocks(md) if kind == "table"]
    t3 = tables[1]
    assert len(t3) == 28 and all(len(r) == 10 for r in t3)
    assert t3[0][:4] == [form.APPLICATIONS.note, "", "", form.APPLICATIONS.columns_header]
    assert (
        t3[1][3:] == ["自然人", "法人或其他组织", "", "", "", "", "总计"]
        or t3[1][3] == form.APPLICATIONS.blocks[0].columns[0].label
    )
    for i, row in enumerate(form.APPLICATIONS.rows):
        labels = [x for x in t3[3 + i][:3] if x]
        assert labels[-1] == row.label
    assert t3[5][:2] == [form.RESULTS_GROUP, form.APPLICATIONS.rows[2].label]
    assert t3[8][:3] == ["", "", form.APPLICATIONS.rows[5].label]  # covered by the row groups above


@given(reports(), st.sampled_from(["blank", "zero"]))
@settings(max_examples=30, deadline=None)
def test_markdown_reads_back_exactly(report: Report, blanks: str) -> None:
    """Paragraphs, headings, names and every cell read back verbatim with a CommonMark reader."""
    md = render(report, "markdown", blank_policy=blanks)
    assert blocks(md) == expected_blocks(report, blanks)


MARKUP = st.text(
    alphabet=st.sampled_from(list("\\`*_[]<>|&~#$!-+=.)(:;/0123456789 \t\n\r\u3000\xa0abc中文（）“”")),
    min_size=1,
    max_size=40,
).filter(lambda s: bool(s.strip()))


@given(st.one_of(narrative_text(max_size=60), MARKUP))
@settings(max_examples=400, deadline=None)
def test_escape_inline_round_trips(text: str) -> None:
    ((kind, got),) = blocks(escape_inline(text) + "\n")
    assert (kind, got) == ("p", clean(text))


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "- not a list",
        "1. not a list",
        "2) nor this",
        "> no quote",
        "    not code",
        "---",
        "===",
        "*a* _b_ `c` [d](e) <f> &amp; ~~g~~ | h | $x$",
        "a\\",
        "\\",
        "line\n\nbreaks\n",
        "\u3000\u3000缩进",
        "+ x",
        "<script>alert(1)</script>",
        "a  \nb",
        "```",
        "[x]: /url",
        "a\r\nb",
    ],
)
def test_escape_inline_examples(text: str) -> None:
    ((kind, got),) = blocks(escape_inline(text) + "\n")
    assert (kind, got) == ("p", clean(text))


def test_hostile_heading_and_signoff() -> None:
    report = attrs.evolve(
        examples.naidong_2024(),
        problems=Narrative(subsections=(Subsection(heading="## <b>x</b>\nsecond", paragraphs=("|a|b|",)),)),
        meta=attrs.evolve(examples.naidong_2024().meta, issuer="---"),
    )
    got = blocks(render(report, "markdown"))
    assert ("h3", "## <b>x</b> second") in got
    assert ("p", "|a|b|") in got
    assert got[-3:] == [("hr", None), ("p", "---"), ("p", "2025年1月27日")]


def test_options() -> None:
    md = render(examples.naidong_2024(), "markdown", title=False, preamble=False)
    assert md.startswith("## " + form.SECTIONS[0].heading + "\n")
    with pytest.raises(TypeError, match="fragment"):
        render(examples.naidong_2024(), "markdown", fragment=True)


def test_deterministic() -> None:
    r = examples.naidong_2024()
    assert render(r, "markdown") == render(r, "markdown")


def test_all_cells_present() -> None:
    md = render(examples.naidong_2024(), "markdown", blank_policy="zero")
    tables = [c for kind, c in blocks(md) if kind == "table"]
    values = [v for t in tables for row in t for v in row if v.isdigit()]
    assert len(values) == len(cell_refs())
