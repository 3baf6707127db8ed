"""The public parse API: sources, formats, hints, misuse errors, the result, and the finding catalogue."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

import gov_disclosure
from gov_disclosure.findings import catalogue
from gov_disclosure.model import AgencyKind
from gov_disclosure.parsers import FORMATS, ParseResult, guess_format, guess_kind, parse, parse_title
from gov_disclosure.renderers import render
from parse_helpers import DATA, SEED, sample_report


def test_top_level_api():
    result = gov_disclosure.parse(SEED)
    assert isinstance(result, ParseResult) and result.report is not None
    assert gov_disclosure.ParseResult is ParseResult


def test_top_level_api_in_a_fresh_interpreter():
    import subprocess
    import sys

    code = (
        "import gov_disclosure as g; r = g.parse('某局2024年政府信息公开工作年度报告\\n一、总体情况\\n无。'); "
        "import gov_disclosure.parsers as m; r2 = g.parse('x'); "
        "print(r.report.meta.agency, g.parse is m.parse, callable(m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["某局", "True", "False"]


def test_catalogue_lists_parse_codes():
    codes = catalogue()
    for code in (
        "parse.not-a-report",
        "parse.missing-cell",
        "parse.missing-row",
        "parse.missing-table",
        "parse.missing-section",
        "parse.bad-number",
        "parse.meta-missing",
        "parse.meta-required",
        "parse.template-2019",
        "parse.template-unknown",
        "parse.too-large",
        "parse.too-complex",
        "parse.bad-encoding",
        "parse.docx-invalid",
    ):
        assert code in codes
        entry = codes[code]
        assert entry.title_zh and entry.title_en and entry.template_zh and entry.template_en


def test_sources_path_str_bytes(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    by_path = parse(SEED)
    assert parse(str(SEED)).report == by_path.report
    assert parse(text).report == by_path.report
    assert parse(text.encode("utf-8")).report == by_path.report
    assert parse(bytearray(text.encode("utf-8"))).report == by_path.report
    assert parse(memoryview(text.encode("utf-8"))).report == by_path.report


def test_a_str_is_a_path_only_when_it_names_a_file():
    # One line ending in a known extension: a path, which must exist.
    with pytest.raises(FileNotFoundError, match=r"no-such-report\.html"):
        parse("no-such-report.html")
    with pytest.raises(FileNotFoundError):
        parse(Path("/nonexistent/report.txt"))
    # Anything else is the document's text, never opened.
    result = parse("README.md is not opened\n一、总体情况")
    assert result.report is None


def test_misuse_raises():
    with pytest.raises(ValueError, match="unknown format"):
        parse("x", fmt="rtf")
    with pytest.raises(ValueError, match="bytes or a path"):
        parse("x", fmt="docx")
    with pytest.raises(ValueError, match="unknown kind"):
        parse("x", kind="ministry")
    with pytest.raises(TypeError):
        parse(12345)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse("x", year="2024")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "docx"])
def test_format_is_guessed_from_content(fmt):
    out = render(sample_report(), fmt)
    assert guess_format(out) == fmt
    data = out if isinstance(out, bytes) else out.encode("utf-8")
    assert guess_format(data) == fmt


def test_format_from_extension(tmp_path):
    md = render(sample_report(), "markdown")
    path = tmp_path / "report.txt"
    path.write_text(md, encoding="utf-8")
    # The extension wins: Markdown read as plain text still finds the tables (pipe rows).
    assert guess_format(md, "report.txt") == "text"
    assert parse(path).report is not None
    assert guess_format(b"%PDF-1.7\n...") == "pdf"
    assert set(FORMATS) == {"text", "markdown", "html", "docx", "pdf"}


def test_hints_override_and_fill():
    text = (DATA / "folded.txt").read_text(encoding="utf-8")
    result = parse(text, agency="另一机关", year=2030, kind="department", region="某省某市")
    meta = result.report.meta
    assert (meta.agency, meta.year, meta.kind, meta.region) == (
        "另一机关",
        2030,
        AgencyKind.DEPARTMENT,
        "某省某市",
    )
    assert "parse.meta-inferred" not in result.codes


def test_no_agency_no_report_but_findings():
    text = "二、主动公开政府信息情况\n规章 | 1 | 2 | 3 |\n"
    result = parse(text)
    assert result.report is None
    required = {f.args["field"] for f in result.findings if f.code == "parse.meta-required"}
    assert required == {"agency", "year"}
    assert result.source_map[("二", "规章", "本年制发件数")].text == "1"
    # Given the agency and year, the same text is a (partial) report.
    again = parse(text, agency="某局", year=2024)
    assert again.report.active_disclosure.rules.issued == 1
    assert not again.ok  # missing tables are errors


def test_not_a_report():
    for text in ("", "hello world", "随便写的一段话。\n另一段。"):
        result = parse(text)
        assert result.report is None
        assert result.codes[-1] == "parse.not-a-report"
        assert result.findings[-1].message("en")


def test_too_large(tmp_path):
    result = parse("一" * 101, max_bytes=100)
    assert result.report is None and result.codes == ("parse.too-large",)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 200)
    assert parse(path, max_bytes=100).codes == ("parse.too-large",)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("乃东区人民政府", AgencyKind.GOVERNMENT),
        ("上海市杨浦区政府", AgencyKind.GOVERNMENT),
        ("上海市", AgencyKind.GOVERNMENT),
        ("乃东区人民政府办公室", AgencyKind.DEPARTMENT),
        ("杨凌示范区审计局", AgencyKind.DEPARTMENT),
        ("某市发展和改革委员会", AgencyKind.DEPARTMENT),
        ("某某镇人民政府", AgencyKind.OTHER),
        ("某某乡人民政府", AgencyKind.OTHER),
        ("大明湖街道办事处", AgencyKind.OTHER),
        ("某某中心", None),
    ],
)
def test_guess_kind(name, kind):
    assert guess_kind(name) is kind


@pytest.mark.parametrize(
    ("title", "parsed"),
    [
        ("乃东区人民政府2024年政府信息公开工作年度报告", ("乃东区人民政府", 2024)),
        ("2022年上海市政府信息公开工作年度报告", ("上海市", 2022)),
        ("上海市杨浦区政府2022年政府信息公开工作年度报告", ("上海市杨浦区政府", 2022)),
        ("《某某局2023年度政府信息公开工作年度报告》", ("某某局", 2023)),
        ("某某局 2023 年政府信息公开工作年度报告", ("某某局", 2023)),
        ("某某局２０２３年政府信息公开工作年度报告", ("某某局", 2023)),
        ("关于做好2023年度报告工作的通知", None),
        ("政府信息公开工作年度报告", None),
    ],
)
def test_parse_title(title, parsed):
    assert parse_title(title) == parsed


def test_title_different_from_the_pattern_is_kept():
    title = "2023年示例区人民政府政府信息公开工作年度报告"
    text = render(sample_report(), "text").replace("示例区人民政府2023年政府信息公开工作年度报告", title, 1)
    meta = parse(text).report.meta
    assert (meta.agency, meta.year, meta.title) == ("示例区人民政府", 2023, title)
    assert meta.display_title == title


def test_structure_reports_missing_and_order():
    text = "某局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n一、总体情况\n正文。\n"
    result = parse(text)
    assert result.structure.headings[:2] == (
        ("active_disclosure", "二、主动公开政府信息情况"),
        ("overview", "一、总体情况"),
    )
    assert ("other_matters", None) in result.structure.headings
    from gov_disclosure import check

    codes = {f.code for f in check(result.report, structure=result.structure).findings}
    assert "structure.section-order" in codes


def test_result_helpers():
    result = parse(DATA / "chrome.html")
    assert result.ok and result.codes == ()
    assert result.source_map["$.meta.title"].text == "示例区人民政府2023年政府信息公开工作年度报告"
    assert result.report.meta.published == _dt.date(2024, 3, 28)
    with pytest.raises(TypeError):
        result.source_map["x"] = None  # type: ignore[index]


def test_parse_code_templates_use_the_same_args_in_both_languages():
    import string

    for code, entry in catalogue().items():
        if not code.startswith("parse."):
            continue
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(entry.template_zh) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(entry.template_en) if f}
        assert {f.removesuffix("_zh") for f in fields_zh} == {f.removesuffix("_en") for f in fields_en}, code
