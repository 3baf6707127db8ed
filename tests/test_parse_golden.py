"""The reference report (the seed) parses to exactly the bundled example; the example survives every format."""

from __future__ import annotations

import pytest

from gov_disclosure import form
from gov_disclosure.cellview import cells
from gov_disclosure.examples import naidong_2024
from gov_disclosure.parsers import parse
from parse_helpers import SEED

REGION = "西藏自治区山南市乃东区"


@pytest.fixture(scope="module")
def seed_result():
    return parse(SEED, region=REGION)


def test_seed_is_the_bundled_example(seed_result):
    assert seed_result.report == naidong_2024()


def test_seed_every_paragraph(seed_result):
    expected = naidong_2024()
    report = seed_result.report
    assert report.preamble == expected.preamble
    assert report.overview.paragraphs == expected.overview.paragraphs
    # "(一)健全完善组织体系。…" lines are ordinary paragraphs, not sub-headings.
    assert report.overview.subsections == ()
    assert report.problems == expected.problems
    assert report.other_matters.paragraphs == ("无。",)


def test_seed_every_cell(seed_result):
    assert cells(seed_result.report) == cells(naidong_2024())


def test_seed_metadata_and_how_it_was_found(seed_result):
    meta = seed_result.report.meta
    assert meta == naidong_2024().meta
    codes = seed_result.codes
    # No title line: agency inferred from the sign-off, year from the statistical period.
    inferred = {f.args["field"] for f in seed_result.findings if f.code == "parse.meta-inferred"}
    assert inferred == {"agency", "year"}
    assert "parse.meta-missing" not in codes
    assert "parse.meta-required" not in codes
    assert seed_result.template == "2021"
    assert seed_result.source_map["$.meta.issuer"].text == "乃东区人民政府办公室"
    assert seed_result.source_map["$.meta.published"].text == "2025年1月27日"


def test_seed_structure(seed_result):
    assert seed_result.structure is not None
    assert seed_result.structure.headings == tuple((s.id, s.heading) for s in form.SECTIONS)


def test_seed_source_map_quotes_every_cell_it_read(seed_result):
    src = seed_result.source_map
    entry = src[("二", "行政规范性文件", "本年制发件数")]
    assert entry.text == "1"
    line = entry.origin.line
    assert line is not None
    assert SEED.read_text(encoding="utf-8").split("\n")[line - 1].startswith("行政规范性文件 | 1 | 0 | 1")
    assert src[("二", "行政规范性文件", "本年废止件数")].text == "0"
    assert src[("三", "一、本年新收政府信息公开申请数量", "自然人")].text == ""
    # Tables 二 and 三 are in the seed cell by cell, except where the copy dropped trailing empty cells.
    read = {a for a in src if isinstance(a, tuple)}
    dropped = {("二", "行政事业性收费", "本年收费金额（单位：万元）")} | {
        ("三", "四、结转下年度继续办理", c.label) for c in form.APPLICATIONS.blocks[0].columns
    }
    for address in form.cell_addresses():
        if address[0] != "四":
            assert (address in read) == (address not in dropped), address


def test_seed_says_what_it_could_not_read(seed_result):
    missing_cells = [f for f in seed_result.findings if f.code == "parse.missing-cell"]
    assert {f.location.row for f in missing_cells} == {"fees", "carried_forward"}
    # The seed has table 四's three header rows but no data row.
    [t4] = [f for f in seed_result.findings if f.code == "parse.missing-row"]
    assert t4.location.table == "四"
    assert len(t4.cells) == 15
    for f in seed_result.findings:
        assert f.message("zh") and f.message("en")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "docx"])
def test_example_round_trips_in_every_format(fmt):
    from gov_disclosure.renderers import render

    report = naidong_2024()
    out = render(report, fmt)
    hints = {"region": REGION} if fmt in ("text", "markdown") else {}
    result = parse(out, **hints)
    assert result.report == report
    assert result.findings == ()
    assert render(result.report, fmt) == out
