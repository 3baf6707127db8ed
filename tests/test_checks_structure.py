"""Structure rules: sections present, in order, with official headings or known variants."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure import check, form
from gov_disclosure.checks import StructureInfo
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import Narrative, Subsection

IDS = [s.id for s in form.SECTIONS]
HEADINGS = {s.id: s.heading for s in form.SECTIONS}


def official() -> StructureInfo:
    return StructureInfo(headings=tuple((s.id, s.heading) for s in form.SECTIONS))


def test_official_structure_passes() -> None:
    result = check(naidong_2024(), structure=official(), select="structure.")
    assert result.findings == ()
    by = result.stats.by_rule
    assert by["structure.missing-section"] == (6, 6, 0, 0)
    assert by["structure.section-order"] == (1, 1, 0, 0)
    assert by["structure.heading"] == (6, 6, 0, 0)


def test_without_structure_info_only_text_presence_is_checked() -> None:
    result = check(naidong_2024(), select="structure")
    assert result.findings == ()
    assert result.stats.by_rule["structure.section-order"].run == 0
    assert result.stats.by_rule["structure.heading"].run == 0


@pytest.mark.parametrize("section", ["overview", "problems", "other_matters"])
def test_empty_narrative_section_is_missing(section: str) -> None:
    report = attrs.evolve(naidong_2024(), **{section: Narrative()})
    result = check(report)
    assert result.codes == ("structure.missing-section", "cell.blank")
    f = result.findings[0]
    assert f.location.key() == section
    assert f.message("zh") == f"缺少“{HEADINGS[section]}”部分或该部分没有内容"
    assert f.message("en") == f"Section “{HEADINGS[section]}” is missing or has no text"
    assert not result.ok


def test_whitespace_only_text_is_empty_but_wu_is_text() -> None:
    blank = attrs.evolve(naidong_2024(), other_matters=Narrative(paragraphs=("  ", "\u3000")))
    assert "structure.missing-section" in check(blank).codes
    wu = attrs.evolve(naidong_2024(), other_matters=Narrative(paragraphs=("无。",)))
    assert "structure.missing-section" not in check(wu).codes
    sub = attrs.evolve(
        naidong_2024(), other_matters=Narrative(subsections=(Subsection(heading="（一）信息处理费"),))
    )
    assert "structure.missing-section" not in check(sub).codes


def test_missing_heading_from_parser() -> None:
    info = StructureInfo(
        headings=tuple((sid, None if sid == "review_litigation" else HEADINGS[sid]) for sid in IDS)
    )
    result = check(naidong_2024(), structure=info, select="structure.")
    assert result.codes == ("structure.missing-section",)
    f = result.findings[0]
    assert f.message("zh") == "缺少“四、政府信息公开行政复议、行政诉讼情况”部分或该部分没有内容"
    assert f.location.section == "review_litigation"
    # Absent from the tuple altogether: also missing.
    info = StructureInfo(headings=tuple((sid, HEADINGS[sid]) for sid in IDS if sid != "active_disclosure"))
    assert check(naidong_2024(), structure=info, select="structure.").codes == ("structure.missing-section",)


def test_section_order() -> None:
    order = [
        "overview",
        "applications",
        "active_disclosure",
        "review_litigation",
        "problems",
        "other_matters",
    ]
    info = StructureInfo(headings=tuple((sid, HEADINGS[sid]) for sid in order))
    result = check(naidong_2024(), structure=info, select="structure.")
    assert result.codes == ("structure.section-order",)
    f = result.findings[0]
    assert f.message("zh") == "各部分的顺序为一、三、二、四、五、六，应为一、二、三、四、五、六"
    assert (
        f.message("en")
        == "The sections appear in the order 一, 三, 二, 四, 五, 六; expected 一, 二, 三, 四, 五, 六"
    )
    assert result.ok


def test_heading_variants_and_folding() -> None:
    variants = dict(HEADINGS)
    variants["review_litigation"] = "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"
    variants["problems"] = "五、存在的主要问题及改进措施"
    variants["overview"] = "一、 总体情况："  # spaces and a trailing colon are folded away
    info = StructureInfo(headings=tuple(variants.items()))
    assert check(naidong_2024(), structure=info, select="structure.").findings == ()


def test_unknown_heading_is_a_warning() -> None:
    variants = dict(HEADINGS)
    variants["other_matters"] = "六、其他事项"
    result = check(
        naidong_2024(), structure=StructureInfo(headings=tuple(variants.items())), select="structure."
    )
    assert result.codes == ("structure.heading",)
    f = result.findings[0]
    assert f.message("zh") == "标题“六、其他事项”既不是正式标题“六、其他需要报告的事项”，也不是已知的变体"
    assert f.message("en") == (
        "The heading “六、其他事项” is neither the official heading “六、其他需要报告的事项” nor a known variant"
    )
    assert f.location.key() == "other_matters"
    assert result.stats.by_rule["structure.heading"] == (6, 5, 1, 0)


def test_structure_info_validates_its_input() -> None:
    with pytest.raises(ValueError, match="unknown section id 'foo'"):
        StructureInfo(headings=(("foo", "七、附件"),))
    with pytest.raises(TypeError, match=r"headings\[0\]"):
        StructureInfo(headings=(("overview",),))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"StructureInfo\.headings"):
        StructureInfo(headings="overview")  # type: ignore[arg-type]
    info = StructureInfo(headings=[["overview", "一、总体情况"]])  # type: ignore[arg-type]
    assert info.headings == (("overview", "一、总体情况"),)
    assert info.found == ("overview",)


def test_check_rejects_a_structure_of_the_wrong_type() -> None:
    with pytest.raises(TypeError, match="StructureInfo"):
        check(naidong_2024(), structure=(("overview", "一、总体情况"),))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("section", "text"),
    [
        # Traditional characters (the parser reads them as the simplified heading).
        ("overview", "一、總體情況"),
        ("active_disclosure", "二、主動公開政府信息情況"),
        ("applications", "三、收到和處理政府信息公開申請情況"),
        ("review_litigation", "四、政府信息公開行政複議、行政訴訟情況"),
        ("problems", "五、存在的主要問題及改進情況"),
        ("other_matters", "六、其他需要報告的事項"),
        # A trailing 。 (or colon), the full-width numbering dot, spaces.
        ("other_matters", "六、其他需要报告的事项。"),
        ("overview", "一．总体情况"),
        ("overview", "一.总体情况："),
        ("problems", "五．存在问题及改进情况。"),
        ("review_litigation", "四、因政府信息公开工作被申请行政複議和提起行政訴訟情況"),
        ("applications", "三、 收到和处理政府信息公开申请情况"),
    ],
)
def test_headings_the_parser_accepts_are_not_warned(section: str, text: str) -> None:
    headings = dict(HEADINGS)
    headings[section] = text
    result = check(
        naidong_2024(), structure=StructureInfo(headings=tuple(headings.items())), select="structure."
    )
    assert result.findings == ()
    assert result.stats.by_rule["structure.heading"] == (6, 6, 0, 0)


@pytest.mark.parametrize(
    ("section", "text"),
    [
        ("overview", "一、总体情况概述"),  # a wording format.md does not list
        ("other_matters", "六、其他事项"),
        ("overview", "二、总体情况"),  # the numeral of another section
        ("overview", "总体情况"),  # no numeral
        ("overview", "一．總體情況概述"),
        ("problems", "五.存在的问题"),
    ],
)
def test_other_headings_are_still_warned(section: str, text: str) -> None:
    headings = dict(HEADINGS)
    headings[section] = text
    result = check(
        naidong_2024(), structure=StructureInfo(headings=tuple(headings.items())), select="structure."
    )
    (f,) = result.findings
    assert f.code == "structure.heading"
    assert f.args["actual"] == text  # quoted as found, not folded
    assert f.args["expected"] == HEADINGS[section]
    assert f.location.key() == section
    assert result.stats.by_rule["structure.heading"] == (6, 5, 1, 0)


@given(
    st.sampled_from(["", " ", "\u3000"]),
    st.sampled_from(["", "。", ":", "：", "."]),
    st.booleans(),
)
def test_every_known_heading_passes_in_any_accepted_spelling(space: str, trailing: str, dot: bool) -> None:
    """Every official heading and format.md variant, with spaces inserted, a trailing mark and the numbering
    written 一． instead of 一、, is not warned."""
    for section in form.SECTIONS:
        for text in (section.heading, *section.variants):
            if dot:
                text = text.replace("、", "．", 1)
            text = space.join(text[:3]) + text[3:] + trailing
            info = StructureInfo(headings=((section.id, text),))
            assert check(naidong_2024(), structure=info, select="structure.heading").findings == (), text
