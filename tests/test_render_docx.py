"""Word rendering: reopened with python-docx — page, margins, fonts, merged cells, every number."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

docx = pytest.importorskip("docx")

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt  # noqa: E402

from gov_disclosure import examples, form  # noqa: E402
from gov_disclosure.cellview import cell_refs, get_cell  # noqa: E402
from gov_disclosure.model import Narrative, Report, Subsection  # noqa: E402
from gov_disclosure.renderers import render  # noqa: E402
from gov_disclosure.renderers._common import clean  # noqa: E402
from gov_disclosure.renderers.layout import table_layouts  # noqa: E402
from gov_disclosure.strategies import reports  # noqa: E402


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def example_bytes() -> bytes:
    return render(examples.naidong_2024(), "docx")


@pytest.fixture(scope="module")
def example(example_bytes: bytes) -> Any:
    return open_docx(example_bytes)


def east_asian_font(style: Any) -> str | None:
    rpr = style.element.rPr
    rfonts = rpr.find(qn("w:rFonts"))
    assert rfonts is not None
    # Theme fonts would override the named ones.
    assert not any(k.endswith("Theme") or k.endswith("theme") for k in rfonts.attrib)
    return rfonts.get(qn("w:eastAsia"))


def test_page_and_margins(example: Any) -> None:
    (section,) = example.sections
    got = [
        round(x.cm, 2)
        for x in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert got == [21.0, 29.7, 3.7, 3.5, 2.8, 2.6]


def test_fonts_of_title_headings_body(example: Any) -> None:
    paragraphs = example.paragraphs
    title = paragraphs[0]
    assert title.style.name == "Title"
    assert title.text == examples.naidong_2024().meta.display_title
    assert east_asian_font(title.style) == "方正小标宋简体"
    assert title.style.font.size == Pt(22)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.style.element.pPr.find(qn("w:pBdr")) is None  # the template's underline is gone

    headings = [p for p in paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings] == [s.heading for s in form.SECTIONS]
    h = headings[0].style
    assert east_asian_font(h) == "黑体" and h.font.size == Pt(16) and h.font.bold is False
    assert str(h.font.color.rgb) == "000000"

    body = [p for p in paragraphs if p.style.name == "Normal"]
    report = examples.naidong_2024()
    assert [p.text for p in body] == [
        *report.preamble,
        *report.overview.paragraphs,
        *report.problems.paragraphs,
        *report.other_matters.paragraphs,
    ]
    n = body[0].style
    assert east_asian_font(n) == "仿宋_GB2312" and n.font.size == Pt(16)
    pf = n.paragraph_format
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY and pf.line_spacing == Pt(28)
    assert pf.first_line_indent == Pt(32)
    lang = n.element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_signoff_right_aligned(example: Any) -> None:
    issuer, date = example.paragraphs[-2:]
    assert (issuer.style.name, issuer.text) == ("GD Issuer", "乃东区人民政府办公室")
    assert (date.style.name, date.text) == ("GD Date", "2025年1月27日")
    for p in (issuer, date):
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert east_asian_font(p.style) == "仿宋_GB2312"


def test_footer_page_field(example: Any) -> None:
    footer = example.sections[0].footer.paragraphs[0]
    xml = footer._p.xml
    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    assert footer.text.startswith("— ") and footer.text.endswith(" —")


def test_tables_merged_cells_and_borders(example: Any) -> None:
    assert len(example.tables) == 3
    for table, layout in zip(example.tables, table_layouts(), strict=True):
        assert len(table.rows) == layout.height and len(table.columns) == layout.width
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {b.tag.split("}")[1] for b in borders if b.get(qn("w:val")) == "single"} >= {
            "top",
            "left",
            "bottom",
            "right",
            "insideH",
            "insideV",
        }
        cells = table._cells
        for lc in layout.cells():
            anchor = cells[lc.row * layout.width + lc.col]
            for r in range(lc.row, lc.row + lc.rowspan):
                for k in range(lc.col, lc.col + lc.colspan):
                    assert cells[r * layout.width + k]._tc is anchor._tc, (layout.table.id, lc.text, r, k)
            if lc.ref is None:
                assert anchor.text == lc.text
        # No two laid-out cells share a cell.
        anchors = [cells[c.row * layout.width + c.col]._tc for c in layout.cells()]
        assert len({id(a) for a in anchors}) == len(anchors)
    t3 = example.tables[1]
    assert t3.cell(5, 0).text == form.RESULTS_GROUP and t3.cell(26, 0).text == form.RESULTS_GROUP
    assert t3.cell(7, 1).text == t3.cell(14, 1).text == form.APPLICATIONS.rows[4].groups[1]
    assert t3.cell(15, 1).text != t3.cell(14, 1).text
    assert t3.cell(0, 0).text == t3.cell(2, 2).text == form.APPLICATIONS.note


def docx_values(document: Any) -> dict[tuple[str, str, str], str]:
    out = {}
    for table, layout in zip(document.tables, table_layouts(), strict=True):
        cells = table._cells
        for lc in layout.value_cells():
            assert lc.ref is not None
            out[lc.ref.key] = cells[lc.row * layout.width + lc.col].text
    return out


def expected_values(report: Report, blanks: str = "blank") -> dict[tuple[str, str, str], str]:
    out = {}
    for ref in cell_refs():
        v = get_cell(report, *ref.key)
        out[ref.key] = (
            ("0" if blanks == "zero" else "")
            if v is None
            else (f"{v:f}" if isinstance(v, Decimal) else str(v))
        )
    return out


def test_every_number_of_the_example(example: Any) -> None:
    assert docx_values(example) == expected_values(examples.naidong_2024())


@given(reports(), st.sampled_from(["blank", "zero"]))
@settings(max_examples=20, deadline=None)
def test_every_cell_value_is_in_its_own_docx_cell(report: Report, blanks: str) -> None:
    document = open_docx(render(report, "docx", blank_policy=blanks))
    assert docx_values(document) == expected_values(report, blanks)
    # Narrative and headings in order, by style.
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    expected = [("Title", clean(report.meta.display_title))]
    expected += [("Normal", clean(p)) for p in report.preamble]
    for section in form.SECTIONS:
        expected.append(("Heading 1", section.heading))
        n = getattr(
            report,
            section.id if section.id in ("overview", "problems", "other_matters") else section.id + "_text",
        )
        expected += [("Normal", clean(p)) for p in n.paragraphs]
        for sub in n.subsections:
            expected.append(("Heading 2", clean(sub.heading)))
            expected += [("Normal", clean(p)) for p in sub.paragraphs]
    if report.meta.issuer is not None:
        expected.append(("GD Issuer", clean(report.meta.issuer)))
    if report.meta.published is not None:
        expected.append(
            (
                "GD Date",
                f"{report.meta.published.year}年{report.meta.published.month}月{report.meta.published.day}日",
            )
        )
    assert texts == expected


def test_metadata_properties(example_bytes: bytes, example: Any) -> None:
    props = example.core_properties
    meta = examples.naidong_2024().meta
    assert props.title == meta.display_title
    assert props.subject == meta.agency
    assert props.language == "zh-CN"
    assert props.revision == 1
    assert props.created.date().isoformat() == "2025-01-27" == props.modified.date().isoformat()
    with zipfile.ZipFile(io.BytesIO(example_bytes)) as z:
        custom = z.read("docProps/custom.xml").decode()
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in z.infolist())
    from lxml import etree

    root = etree.fromstring(custom.encode())
    values = {p.get("name"): p[0].text for p in root}
    assert values == {
        "gov-disclosure:agency": meta.agency,
        "gov-disclosure:year": "2024",
        "gov-disclosure:kind": "government",
        "gov-disclosure:region": meta.region,
        "gov-disclosure:published": "2025-01-27",
        "gov-disclosure:issuer": meta.issuer,
        "gov-disclosure:period_start": "2024-01-01",
        "gov-disclosure:period_end": "2024-12-31",
    }


def test_deterministic_bytes(example_bytes: bytes) -> None:
    import time

    time.sleep(1.1)  # python-docx would stamp a new time into the zip entries
    assert render(examples.naidong_2024(), "docx") == example_bytes


def test_hostile_and_control_characters() -> None:
    text = "<w:t>&amp;\x00\x0b\ufffe tab\there\nline"
    report = attrs.evolve(
        examples.naidong_2024(),
        problems=Narrative(paragraphs=(text,), subsections=(Subsection(heading=text),)),
        meta=attrs.evolve(examples.naidong_2024().meta, agency="x" * 300 + "\x01"),
    )
    document = open_docx(render(report, "docx"))
    got = [p.text for p in document.paragraphs if p.text.startswith("<w:t>")]
    assert got == [clean(text)] * 2
    assert clean(text) == "<w:t>&amp;\ufffd\ufffd\ufffd tab\there\nline"
    assert len(document.core_properties.subject) == 255


def test_blanks_zero_and_places() -> None:
    report = examples.naidong_2024()
    report = attrs.evolve(
        report, active_disclosure=attrs.evolve(report.active_disclosure, fees=Decimal("0.125"))
    )
    values = docx_values(open_docx(render(report, "docx", blank_policy="zero", amount_places=2)))
    assert values[("二", "fees", "amount")] == "0.13"
    assert values[("三", "received", "total")] == "0"
