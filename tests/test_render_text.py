"""Plain-text rendering: the seed's layout, the line grammar of docs/render.md, options."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import examples, form
from gov_disclosure.cellview import cell_refs, get_cell
from gov_disclosure.model import Narrative, Report, Subsection
from gov_disclosure.renderers import render
from gov_disclosure.renderers.layout import table_layout
from gov_disclosure.strategies import reports

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "naidong-2024-annual-report.txt"
INDENT = "\u3000\u3000"
HEADINGS = {s.heading for s in form.SECTIONS}
TABLE_LINES = {"二": 14, "三": 28, "四": 4}


def split_row(line: str) -> list[str]:
    """A table line back into its cells (docs/render.md: split on '|', drop the last piece, strip)."""
    return [p.strip() for p in line.split("|")[:-1]]


def fold_line(line: str) -> tuple[str, ...] | str:
    """A seed or rendered line, folded: NFKC; table rows as cells without spaces or trailing empty cells."""
    line = unicodedata.normalize("NFKC", line).strip()
    if "|" not in line:
        return line
    cells = [re.sub(r"\s+", "", c) for c in split_row(line)]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def folded(text: str) -> list[tuple[str, ...] | str]:
    out = [fold_line(line) for line in text.split("\n")]
    # Empty lines and all-blank table rows: the seed drops table 四's all-blank data row.
    return [x for x in out if x not in ("", ())]


@pytest.mark.skipif(not SEED.exists(), reason="seed report not available")
@pytest.mark.parametrize("indent", [True, False])
def test_example_reproduces_the_seed(indent: bool) -> None:
    seed = SEED.read_text(encoding="utf-8")
    text = render(examples.naidong_2024(), "text", title=False, indent=indent)
    assert folded(text) == folded(seed)


@pytest.mark.skipif(not SEED.exists(), reason="seed report not available")
def test_example_with_indent_false_matches_seed_lines_outside_tables() -> None:
    seed = [unicodedata.normalize("NFKC", x) for x in SEED.read_text(encoding="utf-8").splitlines()]
    text = render(examples.naidong_2024(), "text", title=False, indent=False)
    lines = [unicodedata.normalize("NFKC", x) for x in text.split("\n") if x and "|" not in x]
    assert lines == [x for x in seed if "|" not in x]


def test_line_grammar_of_the_example() -> None:
    report = examples.naidong_2024()
    lines = render(report, "text").split("\n")
    assert lines[-1] == ""  # final newline
    lines = lines[:-1]
    assert lines[0] == report.meta.display_title
    assert lines[1] == INDENT + report.preamble[0]
    heading_at = [i for i, line in enumerate(lines) if line in HEADINGS]
    assert [lines[i] for i in heading_at] == [s.heading for s in form.SECTIONS]
    assert lines.count("") == 1
    blank = lines.index("")
    assert lines[blank + 1 :] == [report.meta.issuer, "2025年1月27日"]
    # Tables are the last lines of sections 二, 三, 四.
    bounds = [*heading_at, blank]
    for n, t in zip((1, 2, 3), ("二", "三", "四"), strict=True):
        body = lines[bounds[n] + 1 : bounds[n + 1]]
        table = body[-TABLE_LINES[t] :]
        assert all(len(split_row(x)) == table_layout(t).width for x in table), t
        assert not any(x.startswith(INDENT) for x in table)
    # Paragraphs of 一 and 五 are indented lines.
    overview = lines[bounds[0] + 1 : bounds[1]]
    assert overview == [INDENT + p for p in report.overview.paragraphs]


def test_table_rows_use_the_seed_cell_encoding() -> None:
    text = render(examples.naidong_2024(), "text")
    rows = form.ACTIVE_DISCLOSURE.blocks[0].rows
    assert f"{rows[1].label} | 1 | 0 | 1 |" in text.split("\n")
    assert f"{rows[0].label} | |||" in text.split("\n")


def _values_from_text(text: str, report: Report) -> dict[tuple[str, str, str], str]:
    """Read every value cell back from the text tables, using the layout (as a parser would)."""
    lines = text.split("\n")
    out: dict[tuple[str, str, str], str] = {}
    for section, t in zip(form.SECTIONS[1:4], ("二", "三", "四"), strict=True):
        layout = table_layout(t)
        start = lines.index(section.heading)
        end = lines.index(form.SECTIONS[form.SECTIONS.index(section) + 1].heading)
        table = lines[end - layout.height : end]
        assert start < end - layout.height + 1
        for row_cells, line in zip(layout.rows, table, strict=True):
            got = split_row(line)
            assert len(got) == layout.width
            for i, c in enumerate(row_cells):
                if c.ref is not None:
                    out[c.ref.key] = got[i]
                else:
                    assert got[i] == c.text
            assert all(x == "" for x in got[len(row_cells) :])
    return out


def _expected(report: Report, blanks: str = "blank") -> dict[tuple[str, str, str], str]:
    out = {}
    for ref in cell_refs():
        v = get_cell(report, *ref.key)
        out[ref.key] = (
            ("0" if blanks == "zero" else "")
            if v is None
            else (f"{v:f}" if not isinstance(v, int) else str(v))
        )
    return out


@given(reports(), st.sampled_from(["blank", "zero"]))
@settings(max_examples=40, deadline=None)
def test_every_cell_value_is_in_its_own_text_cell(report: Report, blanks: str) -> None:
    text = render(report, "text", blank_policy=blanks)
    assert _values_from_text(text, report) == _expected(report, blanks)


def test_sections_two_to_four_print_their_narrative_before_the_table() -> None:
    report = attrs.evolve(
        examples.naidong_2024(),
        applications_text=Narrative(
            paragraphs=("本年度未收到申请。",),
            subsections=(Subsection(heading="（一）说明", paragraphs=("无。",)),),
        ),
    )
    lines = render(report, "text").split("\n")
    at = lines.index(form.SECTIONS[2].heading)
    assert lines[at + 1 : at + 4] == [INDENT + "本年度未收到申请。", "（一）说明", INDENT + "无。"]
    assert (
        lines[at + 4]
        == table_layout("三").rows[0][0].text + " | " + form.APPLICATIONS.columns_header + " | ||||||||"
    )


def test_options_title_preamble_blanks() -> None:
    report = examples.naidong_2024()
    text = render(report, "text", title=False, preamble=False)
    assert text.split("\n")[0] == form.SECTIONS[0].heading
    zero = render(report, "text", blank_policy="zero")
    assert f"{form.ACTIVE_DISCLOSURE.rows[0].label} | 0 | 0 | 0 |" in zero.split("\n")
    assert ("0 | " * 15).rstrip() in zero.split("\n")  # table 四's data row
    values = _values_from_text(zero, report)
    assert all(v != "" for v in values.values())
    assert _values_from_text(render(report, "text"), report)[("二", "rules", "issued")] == ""


def test_no_signoff_without_issuer_and_date() -> None:
    report = examples.naidong_2024()
    report = attrs.evolve(report, meta=attrs.evolve(report.meta, issuer=None, published=None))
    text = render(report, "text")
    assert "" not in text.split("\n")[:-1]
    assert text.split("\n")[-2] == INDENT + "无。"


def test_hostile_text_is_cleaned_not_lost() -> None:
    report = attrs.evolve(
        examples.naidong_2024(),
        other_matters=Narrative(paragraphs=("a\r\nb\x00c\tz | w",)),
    )
    lines = render(report, "text").split("\n")
    at = lines.index(form.SECTIONS[5].heading)
    assert lines[at + 1 : at + 3] == [INDENT + "a", INDENT + "b\ufffdc\tz | w"]


def test_deterministic() -> None:
    report = examples.naidong_2024()
    assert render(report, "text") == render(report, "text")
