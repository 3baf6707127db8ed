"""The generator of degraded text renderings (``tests/renderings.py``) does what it claims."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import form
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import Narrative, Subsection
from gov_disclosure.renderers.layout import table_layout
from gov_disclosure.strategies import reports
from parse_helpers import sample_report
from renderings import (
    PAGE_LINE,
    RENDERINGS,
    Table,
    cell_per_line,
    glued,
    pdf_layout,
    spaced,
    split_rendering,
)

IND = "\u3000\u3000"
HEADINGS = [s.heading for s in form.SECTIONS]
#: The table sections and the heading that follows each.
TABLES = [(s.table, HEADINGS[k + 1]) for k, s in enumerate(form.SECTIONS) if s.table is not None]
#: Laid-out cells (a merged cell once) per table.
N_CELLS = {t: sum(len(r) for r in table_layout(t).rows) for t, _ in TABLES}
N_ROWS = sum(table_layout(t).height for t, _ in TABLES)


def _plain(max_size: int) -> st.SearchStrategy[str]:
    """Arbitrary text without "|" (any "|" of an output comes from a table) nor a section heading (so that
    the helpers below find tables by their headings; ``test_headings_in_the_text_do_not_mislead`` covers it)."""
    chars = st.characters(codec="utf-8", exclude_characters="|")
    return st.text(chars, min_size=1, max_size=max_size).filter(
        lambda s: bool(s.strip()) and not any(h in s for h in HEADINGS)
    )


TEXT = _plain(40)
NAMES = _plain(12)
#: Reports with arbitrary text around the tables.
REPORTS = reports(text=TEXT, names=NAMES)
#: Reports whose sections 二、三、四 hold only their table: there, the lines between two headings are the table.
BARE = reports(text=TEXT, names=NAMES, table_text=False)
SEEDS = st.integers(0, 2**32 - 1)
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text(report: gd.Report) -> str:
    return gd.render(report, "text")


def _rows(text: str) -> dict[str, list[list[str]]]:
    """The laid-out cells of each table's rows, read as docs/render.md says (independently of the generator)."""
    lines = text.split("\n")
    out = {}
    for table, after in TABLES:
        layout = table_layout(table)
        stop = lines.index(after)
        rows = lines[stop - layout.height : stop]
        out[table] = [
            [p.strip(" ") for p in line.split("|")[:-1]][: len(laid)]
            for line, laid in zip(rows, layout.rows, strict=True)
        ]
    return out


def _region(output: str, table: str) -> list[str]:
    """The lines of a :data:`BARE` report's output between the heading of ``table``'s section and the next."""
    lines = output.split("\n")
    heading = next(s.heading for s in form.SECTIONS if s.table == table)
    after = dict(TABLES)[table]
    return lines[lines.index(heading) + 1 : lines.index(after)]


def _squeeze(text: str) -> str:
    """``text`` without whitespace, ``|`` and page lines."""
    kept = [line for line in text.split("\n") if not PAGE_LINE.match(line)]
    return "".join("".join(kept).replace("|", "").split())


def _numbers(text: str) -> list[str]:
    return re.findall(
        r"\d+(?:\.\d+)?", "\n".join(line for line in text.split("\n") if not PAGE_LINE.match(line))
    )


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _tokens(line: str) -> list[tuple[int, str]]:
    """The space-separated tokens of a line with their display column."""
    return [(_width(line[: m.start()]), m.group()) for m in re.finditer(r"[^ ]+", line)]


# ---------------------------------------------------------------------------------------------------------
# Reading the input


@pytest.mark.parametrize("report", [naidong_2024(), sample_report()], ids=["naidong", "sample"])
def test_split_rendering_finds_the_three_tables(report):
    text = _text(report)
    parts = split_rendering(text)
    tables = [p for p in parts if isinstance(p, Table)]
    assert [t.layout.table.id for t in tables] == ["二", "三", "四"]
    assert [len(t.rows) for t in tables] == [14, 28, 4]
    assert [list(r) for t in tables for r in t.rows] == [r for rows in _rows(text).values() for r in rows]
    lines = [p for p in parts if isinstance(p, str)]
    assert len(lines) == len(text.split("\n")) - 1 - N_ROWS


def test_split_rendering_rejects_other_text():
    with pytest.raises(ValueError, match="no heading"):
        split_rendering("乃东区人民政府\n一、总体情况\n")
    text = _text(sample_report())
    with pytest.raises(ValueError, match="expected '规章'"):
        split_rendering(text.replace("规章 | 0 | 0 | 5 |", "规则 | 0 | 0 | 5 |"))
    with pytest.raises(ValueError, match="not a row"):
        split_rendering(text.replace("规章 | 0 | 0 | 5 |", "规章 | 0 | 0 |"))


def test_headings_in_the_text_do_not_mislead():
    """A title, sub-heading or sign-off line equal to a section heading is not taken for it."""
    report = sample_report()
    decoy = Subsection(heading=HEADINGS[2], paragraphs=(HEADINGS[3],))
    report = attrs.evolve(
        report,
        meta=attrs.evolve(report.meta, title=HEADINGS[3], issuer=HEADINGS[4]),
        overview=attrs.evolve(report.overview, subsections=(decoy, *report.overview.subsections)),
        other_matters=Narrative(subsections=(Subsection(heading=f"{HEADINGS[2]}\n{HEADINGS[4]}"),)),
    )
    text, plain = _text(report), _text(sample_report())
    assert text.split("\n").count(HEADINGS[2]) == 3
    tables = [p for p in split_rendering(text) if isinstance(p, Table)]
    assert tables == [p for p in split_rendering(plain) if isinstance(p, Table)]
    out = glued(text).split("\n")
    assert out.count(HEADINGS[2]) == 3
    i = next(i for i, line in enumerate(out) if line.startswith("（本列数据的勾稽关系"))
    assert out[i - 1] == HEADINGS[2] and out[i + 1] == HEADINGS[3]
    for name, render in RENDERINGS.items():
        assert Counter(_squeeze(render(text, random.Random(0)))) == Counter(_squeeze(text)), name
        if not name.startswith("glued"):
            assert _numbers(render(text, random.Random(0))) == _numbers(text), name


# ---------------------------------------------------------------------------------------------------------
# Every rendering


def test_renderings_are_named():
    assert set(RENDERINGS) == {
        "glued",
        "glued-one-line",
        "pdf-layout",
        "cell-per-line-blank-lines",
        "cell-per-line-bars",
        "cell-per-line-plain",
        "spaced",
    }


@FEW
@given(report=REPORTS, seed=SEEDS)
def test_every_rendering_keeps_the_text_and_is_deterministic(report, seed):
    text = _text(report)
    for name, render in RENDERINGS.items():
        out = render(text, random.Random(seed))
        assert out == render(text, random.Random(seed)), name
        assert out.endswith("\n"), name
        if name == "pdf-layout":  # vertical labels are interleaved with rows: same characters
            assert Counter(_squeeze(out)) == Counter(_squeeze(text)), name
        else:  # the same characters in the same order
            assert _squeeze(out) == _squeeze(text), name
        if name != "cell-per-line-bars":
            assert "|" not in out, name
        if not name.startswith("glued"):  # every number kept whole, in order
            assert _numbers(out) == _numbers(text), name
        if name == "glued-one-line":
            assert out.count("\n") == 1
            assert out == glued(text).replace("\n", "") + "\n"


def _check_glued(table: str, rows: list[list[str]], region: list[str]) -> None:
    """Each table on one line, its non-blank cells run together."""
    assert region == ["".join(c for row in rows for c in row)]


def _check_spaced(table: str, rows: list[list[str]], region: list[str]) -> None:
    """A row's non-blank cells separated by single spaces, a row with none left out."""
    expected = [" ".join(c for c in row if c) for row in rows]
    assert region == [e for e in expected if e]


def _check_plain(table: str, rows: list[list[str]], region: list[str]) -> None:
    """One line per cell, a blank cell an empty line."""
    assert region == [c for row in rows for c in row]


def _check_bars(table: str, rows: list[list[str]], region: list[str]) -> None:
    """One line per cell, each ending with "|", a blank cell "|" alone."""
    assert all(line.endswith("|") for line in region)
    assert region == [f"{c} |" if c else "|" for row in rows for c in row]


def _check_blank_lines(table: str, rows: list[list[str]], region: list[str]) -> None:
    """The non-blank cells, an empty line between two."""
    cells = [c for row in rows for c in row if c]
    assert region[::2] == cells
    assert region[1::2] == [""] * (len(cells) - 1)


def _check_pdf(table: str, rows: list[list[str]], region: list[str]) -> None:
    """No empty line; a row of short cells is one line, its cells at least two spaces apart; at most one
    page line."""
    assert all(line.strip() for line in region)
    assert sum(1 for line in region if PAGE_LINE.match(line)) <= 1
    for row in rows:
        cells = [c for c in row if c]
        if len(cells) > 1 and all(len(c) <= 10 for c in cells) and table != "三":  # 三: the note beside
            assert any([t for _, t in _tokens(line)] == cells for line in region), row


#: For each rendering, a check of a table's rows (as read from the input) against its lines in the output.
TABLE_CHECKS = {
    "glued": _check_glued,
    "spaced": _check_spaced,
    "cell-per-line-plain": _check_plain,
    "cell-per-line-bars": _check_bars,
    "cell-per-line-blank-lines": _check_blank_lines,
    "pdf-layout": _check_pdf,
}
#: Lines that each table's rows become (None: not fixed).
TABLE_LINES = {
    "glued": dict.fromkeys(N_CELLS, 1),
    "cell-per-line-plain": N_CELLS,
    "cell-per-line-bars": N_CELLS,
}


@FEW
@given(report=BARE, seed=SEEDS)
def test_table_rows_of_every_rendering(report, seed):
    text = _text(report)
    rows = _rows(text)
    for name, check in TABLE_CHECKS.items():
        out = RENDERINGS[name](text, random.Random(seed))
        for table, table_rows in rows.items():
            region = _region(out, table)
            check(table, table_rows, region)
            if name in TABLE_LINES:
                assert len(region) == TABLE_LINES[name][table], (name, table)
        if name in TABLE_LINES:
            added = sum(TABLE_LINES[name].values()) - N_ROWS
            assert len(out.split("\n")) == len(text.split("\n")) + added, name


@pytest.mark.parametrize("name", sorted(RENDERINGS))
def test_paragraphs_lose_their_indentation(name):
    text = _text(sample_report())
    out = RENDERINGS[name](text, random.Random(3))
    assert IND not in out
    lines = out.split("\n")
    if name == "glued-one-line":
        assert "（一）主动公开全年主动公开政府信息1200条。（二）依申请公开" in out
    elif name == "pdf-layout":  # unindented or indented by spaces
        assert any(line.lstrip(" ") == "全年主动公开政府信息1200条。" for line in lines)
    else:
        assert "全年主动公开政府信息1200条。" in lines


# ---------------------------------------------------------------------------------------------------------
# glued


def test_glued_example():
    out = glued(_text(sample_report()))
    assert (
        "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        "一、本年新收政府信息公开申请数量102113二、上年结转政府信息公开申请数量11三、本年度办理结果（一）予以公开516"
    ) in out
    assert "\n行政复议行政诉讼结果维持结果纠正" in out
    lines = out.split("\n")
    assert lines[:3] == ["示例区人民政府2023年政府信息公开工作年度报告", lines[1], "一、总体情况"]
    assert lines[1].startswith("本报告依据")
    assert out.endswith("\n\n示例区人民政府办公室\n2024年3月28日\n")


def test_glued_one_line_example():
    out = glued(_text(sample_report()), one_line=True)
    assert out.startswith(
        "示例区人民政府2023年政府信息公开工作年度报告本报告依据《中华人民共和国政府信息公开条例》"
    )
    assert "全年新收政府信息公开申请13件。二、主动公开政府信息情况第二十条第（一）项信息内容" in out
    assert out.endswith("本年度未收取信息处理费。示例区人民政府办公室2024年3月28日\n")


# ---------------------------------------------------------------------------------------------------------
# spaced


def test_spaced_example():
    out = spaced(_text(sample_report())).split("\n")
    assert "一、本年新收政府信息公开申请数量 10 2 1 13" in out
    assert "三、本年度办理结果 （一）予以公开 5 1 6" in out
    assert "规章 0 0 5" in out
    assert "行政事业性收费 1.50" in out
    # naidong's table 四 is blank: its value row leaves no line
    naidong = spaced(_text(naidong_2024())).split("\n")
    i = naidong.index("四、政府信息公开行政复议、行政诉讼情况")
    assert naidong[i + 4] == "五、存在的主要问题及改进情况"


# ---------------------------------------------------------------------------------------------------------
# one cell per line


def test_cell_per_line_examples():
    text = _text(sample_report())
    plain = cell_per_line(text, "plain").split("\n")
    i = plain.index("行政许可")
    assert plain[i - 2 : i + 2] == ["信息内容", "本年处理决定数量", "行政许可", "1200"]
    naidong = cell_per_line(_text(naidong_2024()), "plain").split("\n")
    i = naidong.index("行政许可")
    assert naidong[i + 1 : i + 3] == ["", "第二十条第（六）项"]
    bars = cell_per_line(_text(naidong_2024()), "bars").split("\n")
    i = bars.index("规章 |")
    assert bars[i : i + 5] == ["规章 |", "|", "|", "|", "行政规范性文件 |"]
    blank = cell_per_line(text, "blank-lines").split("\n")
    i = blank.index("规章")
    assert blank[i : i + 8] == ["规章", "", "0", "", "0", "", "5", ""]
    with pytest.raises(ValueError, match="unknown style"):
        cell_per_line(text, "tabs")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# pdftotext -layout


def _texts_at(lines: list[str], x: int) -> list[str]:
    return [t for line in lines for col, t in _tokens(line) if col == x]


@pytest.mark.parametrize("seed", range(12))
def test_pdf_layout_sets_group_labels_vertically(seed):
    text = _text(sample_report())
    region = [
        line for line in _region(pdf_layout(text, random.Random(seed)), "三") if not PAGE_LINE.match(line)
    ]
    body = region[region.index(next(line for line in region if "（一）予以公开" in line)) :]
    # the outer label, in the leftmost column: short pieces, one a line, interleaved with the rows
    outer = [t for line in body for x, t in _tokens(line)[:1] if x == 0 and len(t) <= 3]
    assert "".join(outer) == "三、本年度办理结果"
    assert outer[0] in ("三、", "三、本")
    lines_with_outer = [
        i for i, line in enumerate(body) if line[:1] not in (" ", "") and len(line.split()[0]) <= 3
    ]
    assert lines_with_outer == list(range(lines_with_outer[0], lines_with_outer[0] + len(outer)))
    # the inner labels, in the second column
    x = next(c for line in body for c, t in _tokens(line) if t == "（一）予以公开")
    inner = [t for t in _texts_at(body, x) if len(t) <= 4]
    assert "".join(inner) == "（三）不予公开（四）无法提供（五）不予处理（六）其他处理"
    # one or two characters a line, punctuation not counted
    assert all(sum(not unicodedata.category(c).startswith("P") for c in t) <= 2 for t in outer + inner)


@pytest.mark.parametrize("seed", range(12))
def test_pdf_layout_wraps_long_labels(seed):
    text = _text(sample_report())
    region = _region(pdf_layout(text, random.Random(seed)), "三")
    label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    start = next(i for i, line in enumerate(region) if "2.申请人逾期" in line)
    x = next(c for c, t in _tokens(region[start]) if t.startswith("2.申请人逾期"))
    pieces = []
    for line in region[start : start + 3]:
        here = [t for c, t in _tokens(line) if c == x]
        pieces += here
        # only the label piece and vertical labels at its left (this row of the sample report has no values)
        assert all(c < x for c, _ in _tokens(line) if c != x)
    assert "".join(pieces) == label
    assert 2 <= len(pieces) <= 3
    assert label not in "\n".join(region)


def test_pdf_layout_puts_numbers_on_the_first_or_middle_line():
    text = _text(sample_report())
    seen = set()
    for seed in range(20):
        region = _region(pdf_layout(text, random.Random(seed)), "三")
        i = next(i for i, line in enumerate(region) if line.startswith("一、本年新收"))
        first, second = (_tokens(region[i]), _tokens(region[i + 1]))
        numbers = ["10", "2", "1", "13"]
        if [t for _, t in first[1:]] == numbers:
            seen.add("first")
            assert len(second) == 1  # the rest of the label, alone
        else:
            assert [t for _, t in second[1:]] == numbers and len(first) == 1
            seen.add("middle")
    assert seen == {"first", "middle"}


def test_pdf_layout_page_lines():
    text = _text(sample_report())
    found = set()
    for seed in range(30):
        out = pdf_layout(text, random.Random(seed)).split("\n")
        pages = [i for i, line in enumerate(out) if PAGE_LINE.match(line)]
        assert len(pages) <= 1
        if pages:
            (i,) = pages
            found.add(out[i].strip().split()[0])
            # between two table rows, not next to a heading or an empty line
            assert out[i - 1] not in HEADINGS and out[i + 1] not in HEADINGS
            assert out[i - 1].strip() and out[i + 1].strip()
            head = max(j for j, line in enumerate(out[:i]) if line in HEADINGS)
            assert out[head] in HEADINGS[1:4]
    assert found == {"—", "第"}


def test_pdf_layout_blank_cells_are_spaces():
    naidong = pdf_layout(_text(naidong_2024()), random.Random(0)).split("\n")
    i = naidong.index("四、政府信息公开行政复议、行政诉讼情况")
    region = naidong[i + 1 : naidong.index("五、存在的主要问题及改进情况")]
    assert [line for line in region if not PAGE_LINE.match(line)][-1].split()[-1] == "总计"
    assert len([line for line in region if not PAGE_LINE.match(line)]) == 3  # the blank value row: no line


def test_pdf_layout_width_and_seeds():
    text = _text(sample_report())
    narrow = _region(pdf_layout(text, random.Random(1), width=60), "二")
    wide = _region(pdf_layout(text, random.Random(1), width=200), "二")
    assert max(map(_width, wide)) > max(map(_width, narrow)) + 100
    outputs = {pdf_layout(text, random.Random(seed)) for seed in range(16)}
    assert len(outputs) > 1
    indents = {
        re.match(r" *", line).group()
        for out in outputs
        for line in out.split("\n")
        if line.strip() == "全年主动公开政府信息1200条。"
    }
    assert "" in indents and len(indents) > 1
