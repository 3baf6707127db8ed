"""text.figure-mismatch: narrative figures compared with the tables, conservatively."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure import check
from gov_disclosure.checks.text import _times, cn_to_int, figures_in
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
    assert result.ok  # a warning


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
    # Every compared cell is blank: the table states nothing to compare with, whatever the policy.
    assert zero.findings == ()
    assert zero.stats.by_rule["text.figure-mismatch"] == (1, 0, 0, 1)
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


# ---------------------------------------------------------------------------------------------------------
# Figures that are not this year's figure for this agency (another year, cumulative, a wider scope)


def year_kinds(text: str, year: int = 2024, implied: str = "") -> list[tuple[str, int]]:
    return [(f.kind, f.value) for f in figures_in(text, implied, year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Another year: skipped.
        ("本年度共收到政府信息公开申请15件,上年度收到政府信息公开申请12件。", [("received", 15)]),
        ("上一年度收到政府信息公开申请12件。", []),
        ("去年收到政府信息公开申请12件。", []),
        ("前一年收到政府信息公开申请12件。", []),
        ("2023年收到政府信息公开申请12件。", []),
        ("二〇二三年收到政府信息公开申请12件。", []),
        ("2023年,本机关收到政府信息公开申请12件,办结12件。", []),
        ("上年度因政府信息公开引起的行政复议1件,已于本年审结。", []),
        ("上年度未发生因政府信息公开引起的行政复议。", []),
        # The last time word wins: this year's figure after last year's is compared.
        (
            "上年度收到政府信息公开申请12件,本年度收到政府信息公开申请15件。",
            [("received", 15)],
        ),
        ("上年度收到政府信息公开申请12件,本年度收到15件政府信息公开申请。", [("received", 15)]),
        ("2024年收到政府信息公开申请15件。", [("received", 15)]),
        ("2024年度收到政府信息公开申请15件,比2023年的10件增加5件。", [("received", 15)]),
        # 上年结转 is the carried-over row, not another year's figure.
        (
            "上一年度结转政府信息公开申请2件,本年度收到政府信息公开申请15件。",
            [("carried_over", 2), ("received", 15)],
        ),
        ("2024年新收政府信息公开申请15件,上年度结转2件。", [("received", 15), ("carried_over", 2)]),
        # Comparisons are not time words: the figures after them are still read.
        ("本年度共收到政府信息公开申请15件,较上年减少2件,办结16件。", [("received", 15), ("concluded", 16)]),
        ("与上年度相比,收到政府信息公开申请15件。", [("received", 15)]),
        ("同比2023年,收到政府信息公开申请15件。", [("received", 15)]),
        ("本年度共收到政府信息公开申请15件,同比增加3件。", [("received", 15)]),
        ("截至2024年12月31日,共收到政府信息公开申请15件。", [("received", 15)]),
        # Cumulative: 累计 with 以来/至今, 历年, or 累计 alone (no span of this year before it).
        ("自2019年以来累计收到政府信息公开申请120件。", []),
        ("自条例施行以来累计收到政府信息公开申请120件,办结118件。", []),
        ("今年以来累计收到政府信息公开申请15件。", []),
        ("历年收到政府信息公开申请300件。", []),
        ("累计收到政府信息公开申请300件。", []),
        ("截至2024年12月31日,累计收到政府信息公开申请300件。", []),
        ("全年累计收到政府信息公开申请15件。", [("received", 15)]),
        ("本年度累计收到政府信息公开申请15件,办结15件。", [("received", 15), ("concluded", 15)]),
        ("2024年累计收到政府信息公开申请15件。", [("received", 15)]),
        # A wider scope narrowed to the agency: the scope's figures skipped, the agency's compared.
        ("全县各部门共收到政府信息公开申请150件,其中本局收到政府信息公开申请15件。", [("received", 15)]),
        (
            "全市共收到政府信息公开申请150件,办结148件,其中本机关收到政府信息公开申请15件,办结15件。",
            [("received", 15), ("concluded", 15)],
        ),
        ("各乡镇共收到政府信息公开申请40件,其中县政府本级收到政府信息公开申请15件。", [("received", 15)]),
        # Not narrowed: the figure is the agency's own (a county government reporting on 全县).
        ("全县共收到政府信息公开申请150件。", [("received", 150)]),
    ],
)
def test_figures_of_another_year_or_scope_are_skipped(text: str, expected: list[tuple[str, int]]) -> None:
    assert year_kinds(text) == expected


def test_a_year_written_out_is_read_only_with_the_report_year() -> None:
    text = "2023年收到政府信息公开申请12件。"
    assert year_kinds(text, 2024) == []
    assert year_kinds(text, 2023) == [("received", 12)]
    assert kinds(text) == [("received", 12)]  # no year given: a year written out is not read


def test_qualifiers_apply_in_the_table_sections_too() -> None:
    assert year_kinds("上年度行政复议1件,已审结。", implied="case") == []
    assert year_kinds("本年度行政复议2件。", implied="case") == [("reconsideration", 2)]


def test_sweep_sentences_of_another_year_or_scope_raise_nothing() -> None:
    # full_report(): 13 received, 2 reconsideration cases; every sentence below is consistent with it.
    report = with_overview(
        "本年度共收到政府信息公开申请13件,上年度收到政府信息公开申请12件。",
        "上年度因政府信息公开引起的行政复议1件,已于本年审结。",
        "自2019年以来累计收到政府信息公开申请120件。",
        "全县各部门共收到政府信息公开申请150件,其中本局收到政府信息公开申请13件。",
    )
    result = check(report, select="text.")
    assert result.findings == ()
    assert result.stats.by_rule["text.figure-mismatch"] == (2, 2, 0, 0)
    # The narrowed figure is still compared.
    bad = with_overview("全县各部门共收到政府信息公开申请150件,其中本局收到政府信息公开申请15件。")
    (f,) = check(bad, select="text.").findings
    assert (f.args["figure"], f.args["actual"], f.args["expected"]) == ("received", 15, 13)


def test_the_report_year_decides_which_written_year_is_this_years() -> None:
    text = "2023年收到政府信息公开申请99件。"
    assert check(with_overview(text), select="text.").findings == ()  # a 2024 report
    report = full_report()
    report_2023 = with_overview(text, report=attrs.evolve(report, meta=attrs.evolve(report.meta, year=2023)))
    (f,) = check(report_2023, select="text.").findings
    assert (f.args["actual"], f.args["expected"]) == (99, 13)


# ---------------------------------------------------------------------------------------------------------
# The disclosure context does not cross a ';'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收到政府信息公开申请15件;全年办理行政复议案件45件。", [("received", 15)]),
        ("收到政府信息公开申请15件；全年办理行政复议案件45件,行政诉讼案件12件。", [("received", 15)]),
        ("办理行政复议案件45件;收到政府信息公开申请15件。", [("received", 15)]),
        ("收到政府信息公开申请15件;窗口办结事项3450件。", [("received", 15)]),
        # Each group with its own context is read.
        (
            "收到政府信息公开申请15件;因政府信息公开被申请行政复议1件。",
            [("received", 15), ("reconsideration", 1)],
        ),
        # A comma does not end the context.
        ("收到政府信息公开申请15件,办结16件。", [("received", 15), ("concluded", 16)]),
        (
            "因政府信息公开工作被申请行政复议2件，提起行政诉讼3件。",
            [("reconsideration", 2), ("litigation", 3)],
        ),
    ],
)
def test_context_is_per_semicolon_group(text: str, expected: list[tuple[str, int]]) -> None:
    assert kinds(text) == expected


def test_semicolon_context_in_a_report() -> None:
    # full_report() has 2 reconsideration cases; a 司法局's own 45 cases are not this report's figure.
    report = with_overview("收到政府信息公开申请13件;全年办理行政复议案件45件。")
    result = check(report, select="text.")
    assert result.findings == ()
    assert result.stats.by_rule["text.figure-mismatch"] == (1, 1, 0, 0)
    # In section 四 the context is implied, ';' or not.
    implied = attrs.evolve(
        full_report(), review_litigation_text=Narrative(paragraphs=("无行政诉讼;行政复议5件。",))
    )
    assert [f.args["actual"] for f in check(implied, select="text.").findings] == [5]


# ---------------------------------------------------------------------------------------------------------
# Blank cells: not assessable when every compared cell is blank


def test_every_compared_cell_blank_is_not_assessable() -> None:
    # Table 三 all blank (as when the parser found no table), table 四 filled (行政复议 总计 2).
    report = attrs.evolve(full_report(), applications=naidong_2024().applications)
    report = with_overview("全年共收到政府信息公开申请15件，因政府信息公开被申请行政复议3件。", report=report)
    for policy in ("zero", "strict"):
        result = check(report, select="text.", blank_policy=policy)
        (f,) = result.findings
        assert (f.args["figure"], f.args["actual"], f.args["expected"]) == ("reconsideration", 3, 2)
        assert result.stats.by_rule["text.figure-mismatch"] == (2, 0, 1, 1)


def test_one_blank_cell_of_two_counts_as_zero_under_the_zero_policy() -> None:
    # 行政诉讼 = 未经复议直接起诉 (blank) + 复议后起诉 (2).
    report = full_report()
    rl = attrs.evolve(
        report.review_litigation,
        litigation_direct=CaseCounts(),
        litigation_after_review=CaseCounts(upheld=0, corrected=0, other=0, pending=2, total=2),
    )
    report = with_overview(
        "因政府信息公开被提起行政诉讼3件。", report=attrs.evolve(report, review_litigation=rl)
    )
    (f,) = check(report, select="text.").findings
    assert (f.args["actual"], f.args["expected"]) == (3, 2)
    strict = check(report, select="text.", blank_policy="strict")
    assert strict.findings == ()
    assert strict.stats.by_rule["text.figure-mismatch"] == (1, 0, 0, 1)
    # Both blank: not assessable under either policy.
    both = attrs.evolve(rl, litigation_after_review=CaseCounts())
    report = attrs.evolve(report, review_litigation=both)
    assert check(report, select="text.").stats.by_rule["text.figure-mismatch"] == (1, 0, 0, 1)


def test_bundled_example_with_a_stated_figure_has_no_error_and_no_mismatch() -> None:
    report = with_overview("全年共收到政府信息公开申请15件，办结15件。", report=naidong_2024())
    result = check(report)
    assert result.errors == ()
    assert "text.figure-mismatch" not in result.codes
    assert result.stats.by_rule["text.figure-mismatch"] == (2, 0, 0, 2)
    assert check(naidong_2024()).errors == ()


# ---------------------------------------------------------------------------------------------------------
# Invariants

STATEMENTS = (
    ("收到政府信息公开申请{n}件", "received"),
    ("办结政府信息公开申请{n}件", "concluded"),
    ("因政府信息公开被申请行政复议{n}件", "reconsideration"),
    ("因政府信息公开被提起行政诉讼{n}件", "litigation"),
)
statements = st.lists(
    st.tuples(st.sampled_from(STATEMENTS), st.integers(min_value=0, max_value=10**6)), min_size=1, max_size=4
).map(lambda items: ([t.format(n=n) for (t, _), n in items], [(k, n) for (_, k), n in items]))
other_years = st.sampled_from(["上年度", "上一年度", "去年", "前一年", "历年"]) | st.integers(
    min_value=2000, max_value=2099
).filter(lambda y: y != 2024).map(lambda y: f"{y}年")


@given(statements, other_years)
def test_no_figure_is_read_after_a_word_of_another_year(
    stated: tuple[list[str], list[Any]], when: str
) -> None:
    clauses, _expected = stated
    assert year_kinds(when + "," + ",".join(clauses) + "。") == []
    assert year_kinds(when + ",".join(clauses) + "。") == []


@given(statements, other_years)
def test_this_years_word_restores_the_figures(stated: tuple[list[str], list[Any]], when: str) -> None:
    clauses, expected = stated
    sentence = ",".join(clauses) + "。"
    assert year_kinds(sentence) == expected
    assert year_kinds(when + "收到政府信息公开申请7件,本年度" + sentence) == expected
    assert year_kinds("2024年," + sentence) == expected


@given(
    statements,
    st.sampled_from(["办理行政复议案件{n}件", "行政诉讼{n}件", "办结事项{n}件", "答复{n}件"]),
    st.integers(0, 999),
)
def test_a_semicolon_group_without_context_adds_no_figure(
    stated: tuple[list[str], list[Any]], other: str, n: int
) -> None:
    clauses, expected = stated
    assert year_kinds(",".join(clauses) + ";全年" + other.format(n=n) + "。") == expected


@pytest.mark.parametrize("word", ["按时", "及时", "逾期", "未", "尚"])
def test_answered_on_time_is_not_the_concluded_figure(word: str) -> None:
    """按时答复15件 counts the applications answered in time, not all those concluded."""
    assert [f.kind for f in figures_in(f"本年度共收到政府信息公开申请15件，{word}答复15件。")] == ["received"]
    assert [f[:2] for f in figures_in("本年度共收到政府信息公开申请15件，已全部答复15件。")] == [
        ("received", 15),
        ("concluded", 15),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度政府信息公开工作被行政复议纠正1件。",
        "政府信息公开行政复议被纠错1件，行政诉讼败诉0件。",
        "政府信息公开行政诉讼尚未审结2件。",
        "因政府信息公开申请引发的行政复议结果维持3件。",
    ],
)
def test_the_result_of_some_cases_is_not_the_number_of_cases(sentence: str) -> None:
    assert figures_in(sentence) == ()
    assert figures_in(sentence, "case") == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共收到政府信息公开申请711件，其中通过网络平台收到政府信息公开申请650件。",
        "收到政府信息公开申请711件，其中收到自然人提出的政府信息公开申请634件。",
        "全年共收到政府信息公开申请711件；其中，收到法人或其他组织提出的政府信息公开申请77件。",
    ],
)
def test_applications_received_after_qizhong_are_a_part(sentence: str) -> None:
    assert [f[:2] for f in figures_in(sentence)] == [("received", 711)]


def test_a_part_in_the_next_sentence_is_skipped_too() -> None:
    text = "全年共收到政府信息公开申请711件。其中，收到涉及房屋征收补偿的政府信息公开申请320件，占比45%。"
    assert [f[:2] for f in figures_in(text)] == [("received", 711)]


def test_qizhong_narrowing_to_the_agency_is_still_compared() -> None:
    text = "全县各部门共收到政府信息公开申请150件，其中本局收到政府信息公开申请15件。"
    assert [f[:2] for f in figures_in(text)] == [("received", 15)]


# The time words as one regex (the rule's first form): the reference the faster scan must agree with.
_TIME_REFERENCE = re.compile(
    r"(?P<prior>上一?年(?!度?结转)度?|去年|前一年度?)"
    r"|(?P<current>本年度?|今年|报告期)"
    r"|(?P<year>(?<!\d)\d{4}|[〇零○一二三四五六七八九]{4})年(?P<yearly>度)?(?P<date>\d{1,2}月)?"
    r"|(?P<span>全年|年内|年度内)"
    r"|(?P<since>以来|至今)"
    r"|(?P<years>历年)"
    r"|(?P<cumulative>累计)"
)
_COMPARED = re.compile(r"(?:较|比|与|同|跟|对比|相较于?|高于|低于|多于|少于|超过)$")


def _reference_times(s: str) -> list[tuple[int, str, int, bool]]:
    out = []
    for m in _TIME_REFERENCE.finditer(s):
        if _COMPARED.search(s, 0, m.start()):
            continue
        kind = m.lastgroup or ""
        if kind in ("year", "yearly", "date"):
            year = cn_to_int(m.group("year").replace("○", "〇"))
            out.append((m.end(), "year", year, m.group("date") is not None))
        else:
            out.append((m.end(), kind, 0, False))
    return out


@given(
    st.text(
        alphabet="上一年度结转去前本今报告期全内以来至历累计20241〇二三○较比与相于12月件收到", max_size=40
    )
)
def test_time_words_scan_agrees_with_the_reference_regex(s: str) -> None:
    assert [tuple(t) for t in _times(s)] == _reference_times(s)
