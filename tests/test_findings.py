"""The findings catalogue: codes, templates, the generated docs page, locations."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from gov_disclosure import checks, form  # noqa: F401  (defines the check codes)
from gov_disclosure.findings import (
    Finding,
    Location,
    Severity,
    catalogue,
    catalogue_markdown,
    define,
    info,
    make,
)

ROOT = Path(__file__).resolve().parent.parent

CHECK_CODES = {
    "t3.balance": Severity.ERROR,
    "t3.outcome-total": Severity.ERROR,
    "t3.row-total": Severity.ERROR,
    "t4.total": Severity.ERROR,
    "t2.in-force": Severity.WARNING,
    "cell.negative": Severity.ERROR,
    "cell.not-integer": Severity.ERROR,
    "cell.blank": Severity.NOTICE,
    "structure.missing-section": Severity.ERROR,
    "structure.section-order": Severity.WARNING,
    "structure.heading": Severity.WARNING,
    "meta.period": Severity.WARNING,
    "meta.late": Severity.WARNING,
    "text.figure-mismatch": Severity.WARNING,
    "fee.section-six": Severity.WARNING,
    "internal-error": Severity.ERROR,
}


def test_check_codes_are_catalogued_with_design_severities() -> None:
    cat = catalogue()
    for code, severity in CHECK_CODES.items():
        assert cat[code].severity is severity, code


@pytest.mark.parametrize("code", sorted(CHECK_CODES))
def test_templates_are_complete_in_both_languages(code: str) -> None:
    entry = info(code)
    assert entry.title_zh and entry.title_en and entry.basis
    fields_zh = {f for _, f, _, _ in string.Formatter().parse(entry.template_zh) if f}
    fields_en = {f for _, f, _, _ in string.Formatter().parse(entry.template_en) if f}
    # Both languages use the same args, except the language-specific names of a figure.
    assert {f.removesuffix("_zh") for f in fields_zh} == {f.removesuffix("_en") for f in fields_en}
    args = dict.fromkeys((fields_zh | fields_en) - {"location"}, "X")
    finding = make(code, **args)
    assert "{" not in finding.message("zh") and "{" not in finding.message("en")


def test_codes_doc_is_generated_from_the_catalogue() -> None:
    """docs/codes.md is `python scripts/gen_codes_doc.py` output: regenerate it when a code changes."""
    doc = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert doc == catalogue_markdown(), "docs/codes.md is stale: run `python scripts/gen_codes_doc.py`"


def test_catalogue_markdown_lists_every_code() -> None:
    text = catalogue_markdown()
    for code, entry in catalogue().items():
        assert f"### `{code}`" in text
        assert entry.template_zh in text and entry.template_en in text
    assert "## Table 三 (applications) — 表三 收到和处理政府信息公开申请情况" in text


def test_define_is_idempotent_but_not_redefinable() -> None:
    entry = info("t3.balance")
    same = define(
        "t3.balance",
        entry.severity,
        title_zh=entry.title_zh,
        title_en=entry.title_en,
        template_zh=entry.template_zh,
        template_en=entry.template_en,
        basis=entry.basis,
    )
    assert same == entry
    with pytest.raises(ValueError, match="already defined differently"):
        define("t3.balance", Severity.WARNING, title_zh="x", title_en="x", template_zh="x", template_en="x")


def test_unknown_code() -> None:
    with pytest.raises(KeyError, match=r"unknown finding code 'no\.such'"):
        make("no.such")


def test_location_describe_sections_and_cells() -> None:
    assert Location(section="overview").describe() == "一、总体情况"
    assert Location(section="overview").describe("en") == "section 一 (overview)"
    assert Location(section="other_matters").describe("en") == "section 六 (other matters)"
    assert Location(section="preamble").describe() == "前言"
    assert Location(section="meta").describe("en") == "report metadata"
    loc = Location(
        table="三",
        row="received",
        row_label="一、本年新收政府信息公开申请数量",
        column="total",
        column_label="总计",
    )
    assert loc.describe() == "表三 一、本年新收政府信息公开申请数量 × 总计"
    assert loc.key() == "三/received/total"
    assert Location(line=12).describe() == "第12行"


def test_location_sort_key_follows_the_form() -> None:
    order = [
        Location(section="meta", row="published"),
        Location(section="preamble"),
        Location(section="overview"),
        Location(table="二", row="rules", column="issued"),
        Location(table="二", row="fees", column="amount"),
        Location(table="三", row="received", column="natural_person"),
        Location(table="三", row="received", column="total"),
        Location(table="三", row="carried_forward", column="natural_person"),
        Location(table="三", column="natural_person"),
        Location(table="四", row="reconsideration", column="total"),
        Location(section="problems"),
        Location(section="other_matters"),
        Location(path="$"),
    ]
    shuffled = order[1::2] + order[0::2]
    assert sorted(shuffled, key=Location.sort_key) == order


def test_finding_to_dict_and_waive() -> None:
    f = make("cell.negative", location=Location(table="二", row="penalty", column="decisions"), actual=-1)
    assert isinstance(f, Finding)
    d = f.waive("原文如此").to_dict("en")
    assert d["waived"] == "原文如此"
    assert d["message"].endswith("(waived: 原文如此)")
    assert d["location"] == {"table": "二", "row": "penalty", "column": "decisions"}


def test_list_arguments_are_joined_in_the_message_language() -> None:
    """A list argument reads as a Chinese list in zh and as a comma list in en."""
    import gov_disclosure.parsers  # noqa: F401  (defines the parse.* codes)
    from gov_disclosure.findings import make

    f = make("parse.missing-cell", table="三", row_label="四、结转下年度继续办理", columns=["自然人", "其他"])
    assert f.message("zh") == "表三“四、结转下年度继续办理”行缺少单元格：自然人、其他，按空白处理"
    assert (
        f.message("en")
        == "Row 四、结转下年度继续办理 of table 三 lacks the cells 自然人, 其他; they are blank"
    )
