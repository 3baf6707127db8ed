"""HTML rendering: parses with a real parser, official merged cells, every label and value in its cell."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from gov_disclosure import examples, form
from gov_disclosure.cellview import cell_refs, get_cell
from gov_disclosure.model import AgencyKind, Meta, Narrative, Report, Subsection
from gov_disclosure.renderers import render
from gov_disclosure.strategies import reports

Grid = list[list[Any]]


def parse(text: str) -> Any:
    return lxml_html.document_fromstring(text)


def grid_of(table: Any) -> tuple[Grid, int]:
    """The full grid of a <table> from its rowspan/colspan (each position -> its <th>/<td>), and the
    number of header rows (<thead>)."""
    rows = table.xpath("./thead/tr | ./tbody/tr | ./tr")
    grid: Grid = []
    for r, tr in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        k = 0
        for cell in tr.xpath("./th | ./td"):
            while k < len(grid[r]) and grid[r][k] is not None:
                k += 1
            rs, cs = int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))
            for dr in range(rs):
                while len(grid) <= r + dr:
                    grid.append([])
                row = grid[r + dr]
                while len(row) < k + cs:
                    row.append(None)
                for dc in range(cs):
                    assert row[k + dc] is None, f"overlap at {(r + dr, k + dc)}"
                    row[k + dc] = cell
            k += cs
    return grid, len(table.xpath("./thead/tr"))


def text_of(cell: Any) -> str:
    return str(cell.text_content())


def tables(doc: Any) -> dict[str, Any]:
    return {t.get("data-table"): t for t in doc.xpath("//table[@class='gd-table']")}


@pytest.fixture(scope="module")
def example_doc() -> Any:
    return parse(render(examples.naidong_2024(), "html"))


def test_standalone_page(example_doc: Any) -> None:
    text = render(examples.naidong_2024(), "html")
    assert text.startswith("<!DOCTYPE html>\n")
    assert example_doc.get("lang") == "zh-CN"
    assert example_doc.xpath("//meta/@charset") == ["utf-8"]
    assert example_doc.xpath("//title")[0].text == examples.naidong_2024().meta.display_title
    style = example_doc.xpath("//style")[0].text
    assert "size: A4" in style and "3.7cm 2.6cm 3.5cm 2.8cm" in style
    assert [h.text for h in example_doc.xpath("//h2")] == [s.heading for s in form.SECTIONS]
    assert [s.get("data-section") for s in example_doc.xpath("//section")] == [s.id for s in form.SECTIONS]


def test_fragment_is_the_article_only() -> None:
    page = render(examples.naidong_2024(), "html")
    fragment = render(examples.naidong_2024(), "html", fragment=True)
    assert fragment.startswith("<article ") and fragment.endswith("</article>\n")
    assert fragment in page
    frag = lxml_html.fragment_fromstring(fragment)
    assert frag.tag == "article"


def test_metadata_attributes(example_doc: Any) -> None:
    (article,) = example_doc.xpath("//article")
    meta = examples.naidong_2024().meta
    assert article.get("data-agency") == meta.agency
    assert article.get("data-year") == "2024"
    assert article.get("data-kind") == "government"
    assert article.get("data-region") == meta.region
    assert article.get("data-title") is None
    assert article.get("data-published") == "2025-01-27"
    assert article.get("data-issuer") == meta.issuer
    assert (article.get("data-period-start"), article.get("data-period-end")) == ("2024-01-01", "2024-12-31")
    assert example_doc.xpath("//p[@class='gd-issuer']")[0].text == meta.issuer
    (time,) = example_doc.xpath("//p[@class='gd-date']/time")
    assert (time.get("datetime"), time.text) == ("2025-01-27", "2025年1月27日")


def test_table_three_official_shape_and_labels(example_doc: Any) -> None:
    table = tables(example_doc)["三"]
    grid, head = grid_of(table)
    assert head == 3
    assert len(grid) == 28 and all(len(row) == 10 for row in grid)
    assert len(table.xpath("./tbody/tr")) == 25
    assert table.xpath("./caption")[0].text == form.SECTIONS[2].heading.split("、", 1)[1]
    # Header: the note over 3x3, 申请人情况 over the 7 data columns.
    assert all(text_of(grid[r][k]) == form.APPLICATIONS.note for r in range(3) for k in range(3))
    assert {id(grid[r][k]) for r in range(3) for k in range(3)} == {id(grid[0][0])}
    assert all(text_of(grid[0][k]) == form.APPLICATIONS.columns_header for k in range(3, 10))
    columns = form.APPLICATIONS.blocks[0].columns
    for k, col in enumerate(columns):
        assert text_of(grid[2][3 + k]) == col.label
        assert text_of(grid[1][3 + k]) == (col.group or col.label)
    # Body: every row's labels, outermost first, fill the 3 label columns.
    for i, row in enumerate(form.APPLICATIONS.rows):
        r = 3 + i
        labels = [*row.groups, row.label]
        got = [text_of(grid[r][k]) for k in range(3)]
        assert got == labels + [row.label] * (3 - len(labels)), row.id
        assert all(grid[r][k].tag == "td" and text_of(grid[r][k]) == "" for k in range(3, 10))
    # Spans as format.md §4.1.
    cell = grid[5][0]
    assert (text_of(cell), cell.get("rowspan"), cell.get("scope")) == (form.RESULTS_GROUP, "22", "rowgroup")
    withheld = grid[7][1]
    assert (withheld.get("rowspan"), withheld.get("scope")) == ("8", "rowgroup")
    assert grid[3][0].get("colspan") == "3" and grid[3][0].get("scope") == "row"
    assert grid[0][3].get("scope") == "colgroup" and grid[2][4].get("scope") == "col"


def test_table_four_official_shape(example_doc: Any) -> None:
    grid, head = grid_of(tables(example_doc)["四"])
    assert head == 3 and len(grid) == 4 and all(len(r) == 15 for r in grid)
    blocks = form.REVIEW_LITIGATION.blocks
    assert [text_of(c) for c in grid[0]] == [blocks[0].caption] * 5 + [blocks[1].group] * 10
    assert [text_of(c) for c in grid[1][5:]] == [blocks[1].caption] * 5 + [blocks[2].caption] * 5
    assert [text_of(c) for c in grid[2]] == [c.label for b in blocks for c in b.columns]
    assert grid[1][0] is grid[2][0]  # 行政复议's labels span two rows
    assert all(c.tag == "td" for c in grid[3])


def test_table_two_official_shape(example_doc: Any) -> None:
    table = tables(example_doc)["二"]
    grid, head = grid_of(table)
    assert head == 0 and len(grid) == 14 and all(len(r) == 4 for r in grid)
    assert len(table.xpath("./tbody")) == 4
    r = 0
    for block in form.ACTIVE_DISCLOSURE.blocks:
        assert [text_of(c) for c in grid[r]] == [block.caption] * 4
        header = [text_of(c) for c in grid[r + 1]]
        assert header[0] == block.header
        assert (
            header[1:] == [c.label for c in block.columns] * (3 // len(block.columns))
            if len(block.columns) == 3
            else header[1:] == [block.columns[0].label] * 3
        )
        for row in block.rows:
            r_ = r + 2 + block.rows.index(row)
            assert text_of(grid[r_][0]) == row.label
        r += 2 + len(block.rows)
    assert [text_of(c) for c in grid[3]] == [form.ACTIVE_DISCLOSURE.rows[1].label, "1", "0", "1"]


def _values_from_html(doc: Any) -> dict[tuple[str, str, str], str]:
    """Read back each value cell at its official grid position."""
    out: dict[tuple[str, str, str], str] = {}
    t = tables(doc)
    grid, _ = grid_of(t["二"])
    r = 0
    for block in form.ACTIVE_DISCLOSURE.blocks:
        for i, row in enumerate(block.rows):
            cells = grid[r + 2 + i]
            assert text_of(cells[0]) == row.label
            for j, col in enumerate(block.columns):
                cell = cells[1 + j * (3 // len(block.columns))]
                assert cell.tag == "td"
                out[("二", row.id, col.id)] = text_of(cell)
        r += 2 + len(block.rows)
    grid, _ = grid_of(t["三"])
    for i, row in enumerate(form.APPLICATIONS.rows):
        assert text_of(grid[3 + i][2]) == row.label
        for j, col in enumerate(form.APPLICATIONS.blocks[0].columns):
            assert text_of(grid[1][3 + j]) in (col.label, col.group)
            out[("三", row.id, col.id)] = text_of(grid[3 + i][3 + j])
    grid, _ = grid_of(t["四"])
    k = 0
    for block in form.REVIEW_LITIGATION.blocks:
        for col in block.columns:
            assert text_of(grid[2][k]) == col.label
            out[("四", block.rows[0].id, col.id)] = text_of(grid[3][k])
            k += 1
    return out


def expected_values(report: Report, blanks: str = "blank") -> dict[tuple[str, str, str], str]:
    out = {}
    for ref in cell_refs():
        v = get_cell(report, *ref.key)
        if v is None:
            out[ref.key] = "0" if blanks == "zero" else ""
        else:
            out[ref.key] = f"{v:f}" if isinstance(v, Decimal) else str(v)
    return out


def test_example_values(example_doc: Any) -> None:
    assert _values_from_html(example_doc) == expected_values(examples.naidong_2024())


@given(reports(), st.sampled_from(["blank", "zero"]), st.booleans())
@settings(max_examples=40, deadline=None)
def test_every_cell_value_is_in_its_own_html_cell(report: Report, blanks: str, fragment: bool) -> None:
    out = render(report, "html", blank_policy=blanks, fragment=fragment)
    doc = lxml_html.fragment_fromstring(out) if fragment else parse(out)
    assert _values_from_html(doc) == expected_values(report, blanks)


@given(reports())
@settings(max_examples=30, deadline=None)
def test_narrative_text_round_trips_through_the_dom(report: Report) -> None:
    """Every paragraph and heading reads back from the DOM as the cleaned text (\\n as <br>)."""
    from gov_disclosure.renderers._common import clean

    doc = parse(render(report, "html"))

    def dom_text(el: Any) -> str:
        parts = [el.text or ""]
        for child in el:
            parts.append("\n" if child.tag == "br" else child.text_content())
            parts.append(child.tail or "")
        return "".join(parts)

    paragraphs = [dom_text(p) for p in doc.xpath("//div[@class='gd-preamble']/p | //section/p")]
    expected = list(report.preamble)
    for part in (
        report.overview,
        report.active_disclosure_text,
        report.applications_text,
        report.review_litigation_text,
        report.problems,
        report.other_matters,
    ):
        expected += list(part.paragraphs) + [p for s in part.subsections for p in s.paragraphs]
    assert paragraphs == [clean(p) for p in expected]
    h3 = [dom_text(h) for h in doc.xpath("//h3")]
    narratives = (
        report.overview,
        report.active_disclosure_text,
        report.applications_text,
        report.review_litigation_text,
        report.problems,
        report.other_matters,
    )
    assert h3 == [clean(s.heading) for n in narratives for s in n.subsections]
    article = doc.xpath("//article")[0]
    assert article.get("data-agency") == clean(report.meta.agency)


HOSTILE = '<script>alert("x")</script> & <b>bold</b> "quoted" \'single\''


def test_hostile_narrative_is_escaped() -> None:
    report = attrs.evolve(
        examples.naidong_2024(),
        meta=attrs.evolve(examples.naidong_2024().meta, issuer=HOSTILE, agency='A"><script>x</script>'),
        problems=Narrative(
            paragraphs=(HOSTILE,), subsections=(Subsection(heading=HOSTILE, paragraphs=(HOSTILE,)),)
        ),
    )
    out = render(report, "html")
    assert "<script>" not in out
    doc = parse(out)
    assert not doc.xpath("//script") and not doc.xpath("//b")
    assert [p.text_content() for p in doc.xpath("//section[@data-section='problems']/p")] == [
        HOSTILE,
        HOSTILE,
    ]
    assert doc.xpath("//h3")[0].text_content() == HOSTILE
    assert doc.xpath("//p[@class='gd-issuer']")[0].text_content() == HOSTILE
    assert doc.xpath("//article/@data-agency") == ['A"><script>x</script>']


def test_line_breaks_and_controls() -> None:
    report = attrs.evolve(
        examples.naidong_2024(), other_matters=Narrative(paragraphs=("一行\n二行\r\n三\x07",))
    )
    out = render(report, "html")
    assert "<p>一行<br>二行<br>三\ufffd</p>" in out


def test_custom_title_and_no_signoff() -> None:
    meta = Meta(agency="某局", year=2023, kind=AgencyKind.DEPARTMENT, title="某局2023年度政务公开报告")
    out = render(Report(meta=meta), "html", preamble=False)
    doc = parse(out)
    assert doc.xpath("//h1")[0].text == "某局2023年度政务公开报告"
    assert doc.xpath("//article/@data-title") == ["某局2023年度政务公开报告"]
    assert not doc.xpath("//div[@class='gd-signoff']")
    no_title = parse(render(Report(meta=meta), "html", title=False))
    assert not no_title.xpath("//h1")


def test_amount_places_and_blanks() -> None:
    report = examples.naidong_2024()
    report = attrs.evolve(
        report, active_disclosure=attrs.evolve(report.active_disclosure, fees=Decimal("2.345"))
    )
    for places, text in ((None, "2.345"), (2, "2.35"), (0, "2")):
        out = render(report, "html", amount_places=places)
        assert _values_from_html(parse(out))[("二", "fees", "amount")] == text


def test_deterministic() -> None:
    r = examples.naidong_2024()
    assert render(r, "html") == render(r, "html")


def test_does_not_need_lxml(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins
    import importlib
    import sys

    real_import = builtins.__import__

    def no_lxml(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "lxml" or name.startswith("lxml."):
            raise ImportError("no lxml")
        return real_import(name, *args, **kwargs)

    for mod in [m for m in sys.modules if m.startswith("gov_disclosure.renderers")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", no_lxml)
    render_mod = importlib.import_module("gov_disclosure.renderers")
    assert render_mod.render(examples.naidong_2024(), "html").startswith("<!DOCTYPE html>")
