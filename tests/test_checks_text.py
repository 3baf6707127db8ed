"""text.figure-mismatch: narrative figures compared with the tables, conservatively."""

from __future__ import annotations

import attrs
import pytest

from gov_disclosure import check
from gov_disclosure.checks.text import cn_to_int, figures_in
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import CaseCounts, Narrative, Report, Subsection
from test_checks_tables import address, full_report

# full_report(): 一 总计 13, 二 总计 1, （七）总计 总计 12, 四 总计 2; 行政复议 总计 2; 行政诉讼 0 + 0.


def with_overview(*paragraphs: str, report: Report | None = None) -> Report:
    report = report or full_report()
    return attrs.evolve(report, overview=Narrative(paragraphs=paragraphs))


def kinds(text: str, implied: str = "") -> list[tuple[str, int]]:
    return [(f.kind, f.value) for f in figures_in(text, implied)]


def test_seed_gives_no_figure() -> None:
    report = naidong_2024()
    result = check(report, select="text.")
    assert result.findings == ()
    assert result.stats.by_rule["text.figure-mismatch"].run == 0
    # The 政务服务 sentence of the seed is not about disclosure applications.
    assert kinds("截至12月,乃东各部门窗口累计受理57930件,办结56714件,办结率达97%。") == []


def test_matching_figures_pass() -> None:
    report = with_overview("全年共收到政府信息公开申请13件，上年结转1件，办结12件，结转下年度2件。")
    result = check(report)
    assert result.findings == ()
    assert result.stats.by_rule["text.figure-mismatch"] == (4, 4, 0, 0)


def test_mismatch_message_quotes_the_sentence() -> None:
    sentence = "全年共收到政府信息公开申请15件，办结12件。"
    report = with_overview("（一）依申请公开。" + sentence + "另有其他工作。")
    result = check(report)
    assert result.codes == ("text.figure-mismatch",)
    f = result.findings[0]
    assert f.args["quote"] == sentence
    assert f.cells == (address("三", "received", "total"),)
    assert f.location.key() == "overview"
    assert f.location.path == "$.overview.paragraphs[0]"
    assert dict(f.args) | {"quote": ""} == {
        "figure": "received",
        "figure_zh": "本年新收申请",
        "figure_en": "applications received",
        "table": "三",
        "cell": "“一、本年新收政府信息公开申请数量” × 总计",
        "actual": 15,
        "expected": 13,
        "difference": 2,
        "quote": "",
    }
    assert f.message("zh") == (
        "一、总体情况称本年新收申请15件，但表三“一、本年新收政府信息公开申请数量” × 总计为13，相差2："
        "“全年共收到政府信息公开申请15件，办结12件。”"
    )
    assert f.message("en") == (
        "section 一 (overview) states 15 applications received, but table 三 “一、本年新收政府信息公开申请数量” × 总计 "
        "has 13 (difference 2): “全年共收到政府信息公开申请15件，办结12件。”"
    )
    assert result.valid  # a warning


def test_litigation_is_direct_plus_after_review() -> None:
    report = full_report()
    rl = attrs.evolve(
        report.review_litigation,
        litigation_direct=CaseCounts(upheld=1, corrected=0, other=0, pending=0, total=1),
        litigation_after_review=CaseCounts(upheld=0, corrected=0, other=0, pending=2, total=2),
    )
    report = attrs.evolve(report, review_litigation=rl)
    ok = with_overview("因政府信息公开工作被申请行政复议2件，提起行政诉讼3件。", report=report)
    assert check(ok).findings == ()
    bad = with_overview("因政府信息公开工作被申请行政复议两件，提起行政诉讼1件。", report=report)
    result = check(bad)
    assert result.codes == ("text.figure-mismatch",)
    f = result.findings[0]
    assert f.cells == (
        address("四", "litigation_direct", "total"),
        address("四", "litigation_after_review", "total"),
    )
    assert f.args["cell"] == "“未经复议直接起诉” × 总计 + “复议后起诉” × 总计"
    assert f.message("en").startswith(
        "section 一 (overview) states 1 administrative litigation cases, but table 四"
    )


def test_zero_statements() -> None:
    report = with_overview("本年度未收到政府信息公开申请，未发生因政府信息公开引起的行政复议和行政诉讼。")
    result = check(report)
    assert [(f.args["figure"], f.args["expected"]) for f in result.findings] == [
        ("received", 13),
        ("reconsideration", 2),
    ]
    assert all(f.args["actual"] == 0 for f in result.findings)


def test_received_including_carried_over() -> None:
    # 13 received + 1 carried over = 14.
    ok = with_overview("本年度共收到政府信息公开申请14件（含上年结转1件）。")
    assert check(ok).findings == ()
    bad = with_overview("本年度共收到政府信息公开申请十三件，其中上年结转1件。")
    (f,) = check(bad).findings
    assert f.args["figure"] == "received_incl"
    assert f.args["expected"] == 14
    assert f.cells == (address("三", "received", "total"), address("三", "carried_over", "total"))


def test_context_is_implied_in_table_sections() -> None:
    report = attrs.evolve(full_report(), applications_text=Narrative(paragraphs=("结转下年度继续办理3件。",)))
    result = check(report)
    assert result.codes == ("text.figure-mismatch",)
    assert result.findings[0].location.key() == "applications"
    assert result.findings[0].location.path == "$.applications_text.paragraphs[0]"
    report = attrs.evolve(
        full_report(), review_litigation_text=Narrative(paragraphs=("行政复议2件，行政诉讼0件。",))
    )
    assert check(report).findings == ()
    # The same sentence in section 一 has no disclosure context: not read.
    assert check(with_overview("结转下年度继续办理3件。")).findings == ()


def test_strict_policy_blank_cell_not_assessable() -> None:
    report = with_overview("全年共收到政府信息公开申请15件。", report=naidong_2024())
    zero = check(report, select="text.")
    assert zero.findings[0].args["expected"] == 0
    strict = check(report, select="text.", blank_policy="strict")
    assert strict.findings == ()
    assert strict.stats.by_rule["text.figure-mismatch"] == (1, 0, 0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全年共收到政府信息公开申请12件，办结11件，结转下年度1件。",
            [("received", 12), ("concluded", 11), ("carried_forward", 1)],
        ),
        ("共受理依申请公开事项二十三件。", [("received", 23)]),
        ("受理15件政府信息公开申请。", [("received", 15)]),
        ("收到政府信息公开申请１２件。", [("received", 12)]),
        ("收到政府信息公开申请1,024件。", [("received", 1024)]),
        ("上年结转政府信息公开申请3件。", [("carried_over", 3)]),
        ("政府信息公开申请中，另有5件结转至下一年度办理。", [("carried_forward", 5)]),
        ("因政府信息公开被申请行政复议1件、行政诉讼2件。", [("reconsideration", 1), ("litigation", 2)]),
        (
            "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
            [("reconsideration", 0), ("litigation", 0)],
        ),
        # Conservative: no figure read from these.
        ("全年收到政府信息公开申请约20件。", []),
        ("全年收到政府信息公开申请上千件。", []),
        ("政府信息公开申请按时办结率100%。", []),
        ("全区政务服务大厅受理事项3000件，办结2990件。", []),
        ("收到行政复议决定书1件。", []),
        ("行政复议7件，诉讼9件。", []),  # no 信息公开 context
        ("没有出现败诉的行政诉讼。", []),
        ("无行政复议被纠错的情况。", []),
        ("尚未办结的政府信息公开申请3件。", []),
        ("依申请公开工作平稳，第二十件提案已办理。", []),
    ],
)
def test_figures_in(text: str, expected: list[tuple[str, int]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("两千三百", 2300),
        ("三万五千", 35000),
        ("一〇五", 105),
        ("〇", 0),
        ("1,234", 1234),
        ("17", 17),
    ],
)
def test_cn_to_int(text: str, value: int) -> None:
    assert cn_to_int(text) == value


def test_cn_to_int_rejects_junk() -> None:
    with pytest.raises((ValueError, KeyError)):
        cn_to_int("十x")


def test_every_place_of_the_text_is_read_and_located() -> None:
    """The preamble, paragraphs, sub-headings and sub-section paragraphs of every section are read, in
    reading order, each finding located at its JSON path (and a paragraph stating nothing is skipped)."""
    wrong = "共收到政府信息公开申请99件。"  # the table says 13
    report = attrs.evolve(
        full_report(),
        preamble=("本报告说明。", wrong),
        overview=Narrative(
            paragraphs=("概述。", wrong),
            subsections=(
                Subsection(heading=wrong, paragraphs=("无关的一段。", wrong)),
                Subsection(heading="（二）其他", paragraphs=(wrong,)),
            ),
        ),
        problems=Narrative(paragraphs=(wrong,)),
    )
    result = check(report, select="text.")
    assert [f.location.path for f in result.findings] == [
        "$.preamble[1]",
        "$.overview.paragraphs[1]",
        "$.overview.subsections[0].heading",
        "$.overview.subsections[0].paragraphs[1]",
        "$.overview.subsections[1].paragraphs[0]",
        "$.problems.paragraphs[0]",
    ]
    assert [f.location.key() for f in result.findings] == ["preamble", *["overview"] * 4, "problems"]
    assert {f.args["actual"] for f in result.findings} == {99}
    assert result.stats.by_rule["text.figure-mismatch"] == (6, 0, 6, 0)
