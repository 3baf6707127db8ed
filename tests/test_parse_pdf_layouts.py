"""The PDF front-end on table layouts made by word processors: a row broken across two pages (its labels
wrapped over the break), and tables drawn without their outer left or right rule (open sides)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pdfplumber")

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import pdfgen
from gov_disclosure.parsers import pdf as pdfmod
from gov_disclosure.parsers.doc import Paragraph, TableBlock
from gov_disclosure.parsers.pdf import extract_blocks

AVAILABLE = pdfmod.available_engines()
SIZE = 10.0
LEAD = 13.0
PAD = 4.0
LEFT = 80.0


# ---------------------------------------------------------------------------------------------------------
# Drawing: table parts, one per page, with the lines and texts given


@dataclass(frozen=True)
class Part:
    """A table part on a page: rows of cell texts (one per column; ``None`` is the cell above going on: no
    rule between them; ``\\n`` breaks lines), the row heights in lines, and which sides are ruled."""

    rows: tuple[tuple[str | None, ...], ...]
    widths: tuple[float, ...]
    lines: tuple[int, ...] = ()
    left: bool = True
    right: bool = True
    #: How far (points) the horizontal rules reach beyond an open side.
    reach: float = 0.0
    #: Text before the part (a paragraph above the table).
    above: str = ""


def draw(parts: Sequence[Part]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    height = A4[1]
    for part in parts:
        y = height - 90.0
        if part.above:
            c.setFont(pdfgen.FONT, 14)
            c.drawString(LEFT, y - 14, part.above)
            y -= 30
        xs = [LEFT]
        for w in part.widths:
            xs.append(xs[-1] + w)
        heights = [
            (part.lines[i] if i < len(part.lines) else 1) * LEAD + 2 * PAD for i in range(len(part.rows))
        ]
        tops = [y]
        for h in heights:
            tops.append(tops[-1] - h)
        x_from = xs[0] - (part.reach if not part.left else 0.0)
        x_to = xs[-1] + (part.reach if not part.right else 0.0)
        c.setLineWidth(0.5)
        for i, row in enumerate(part.rows):
            for j, text in enumerate(row):
                a = x_from if j == 0 else xs[j]
                b = x_to if j == len(row) - 1 else xs[j + 1]
                if text is not None:
                    c.line(a, tops[i], b, tops[i])
                    c.setFont(pdfgen.FONT, SIZE)
                    for k, line in enumerate(text.split("\n")):
                        c.drawString(xs[j] + PAD, tops[i] - PAD - SIZE - k * LEAD + 2, line)
        c.line(x_from, tops[-1], x_to, tops[-1])
        for j, x in enumerate(xs):
            if (j == 0 and not part.left) or (j == len(xs) - 1 and not part.right):
                continue
            c.line(x, tops[0], x, tops[-1])
        c.showPage()
    c.save()
    return buf.getvalue()


def tables(data: bytes, engine: str) -> list[list[list[tuple[str, int, int]]]]:
    blocks, _ = extract_blocks(data, engine=engine)
    return [
        [[(c.text, c.rowspan, c.colspan) for c in row] for row in b.rows]
        for b in blocks
        if isinstance(b, TableBlock)
    ]


def texts(table: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    return [[c[0] for c in row] for row in table]


# ---------------------------------------------------------------------------------------------------------
# A row broken across two pages

HEAD = ("事项", "自然人", "总计")
W3 = (120.0, 50.0, 50.0)


@pytest.mark.parametrize("engine", AVAILABLE)
def test_row_broken_over_the_page_is_one_row(engine: str) -> None:
    """Table 三's labels wrapped over the break: the fragment at the top of the next page (blank values,
    header repeated) is joined with the last row, a merged group label included."""
    w = (70.0, 120.0, 50.0, 50.0)
    head = ("办理结果", "事项", "自然人", "总计")
    first = Part(
        rows=(
            head,
            ("（三）不予公", "1.属于国家秘密", "2", "2"),
            (None, "2.其他法律行政\n法规禁止公开", "1", "1"),
            (None, "3.危及“三安全", "4", "4"),
        ),
        widths=w,
        lines=(1, 1, 2, 1),
    )
    second = Part(
        rows=(
            head,
            ("开", "一稳定”", "", ""),
            (None, "4.保护第三方合\n法权益", "5", "5"),
            ("（四）无法提供", "1.本机关不掌握\n相关政府信息", "6", "6"),
        ),
        widths=w,
        lines=(1, 1, 2, 2),
    )
    (t,) = tables(draw([first, second]), engine)
    assert texts(t) == [
        list(head),
        ["（三）不予公开", "1.属于国家秘密", "2", "2"],
        ["2.其他法律行政法规禁止公开", "1", "1"],
        ["3.危及“三安全一稳定”", "4", "4"],
        ["4.保护第三方合法权益", "5", "5"],
        ["（四）无法提供", "1.本机关不掌握相关政府信息", "6", "6"],
    ]
    assert t[1][0] == ("（三）不予公开", 4, 1)


@pytest.mark.parametrize("engine", AVAILABLE)
def test_row_broken_over_the_page_without_form_labels(engine: str) -> None:
    """Labels that are not form labels: joined when the last line above the break fills its cell."""
    first = Part(rows=(HEAD, ("甲类事项", "1", "1"), ("乙类事项的说明文字较", "2", "2")), widths=W3)
    second = Part(rows=(HEAD, ("长需要换行", "", ""), ("丙类事项", "3", "3")), widths=W3)
    (t,) = tables(draw([first, second]), engine)
    assert texts(t) == [
        list(HEAD),
        ["甲类事项", "1", "1"],
        ["乙类事项的说明文字较长需要换行", "2", "2"],
        ["丙类事项", "3", "3"],
    ]


@pytest.mark.parametrize("engine", AVAILABLE)
@pytest.mark.parametrize(
    ("last", "top"),
    [
        # The row at the top starts with a form label of its own (values left blank).
        (("3.危及“三安全一稳定”", "4", "4"), ("4.保护第三方合法权益", "", "")),
        # Values on both sides.
        (("乙类事项的说明文字较", "2", "2"), ("长需要换行", "3", "3")),
        # The last line above does not fill its cell: the label was complete.
        (("乙类", "2", "2"), ("丙类", "", "")),
        # A label below a blank cell above.
        (("", "2", "2"), ("丙类事项", "", "")),
        # A value below the label above (a value on both sides in that column).
        (("乙类事项的说明文字较", "2", "2"), ("3", "", "")),
    ],
)
def test_two_rows_are_never_joined(engine: str, last: tuple[str, ...], top: tuple[str, ...]) -> None:
    first = Part(rows=(HEAD, ("甲类事项", "1", "1"), last), widths=W3)
    second = Part(rows=(HEAD, top, ("丁类事项", "5", "5")), widths=W3)
    (t,) = tables(draw([first, second]), engine)
    assert texts(t) == [list(HEAD), ["甲类事项", "1", "1"], list(last), list(top), ["丁类事项", "5", "5"]]


@pytest.mark.parametrize("engine", AVAILABLE)
def test_value_set_below_the_break(engine: str) -> None:
    """A label wrapped over the break with the values set lower (vertically centred): one row."""
    first = Part(rows=(HEAD, ("甲类事项", "1", "1"), ("乙类事项的说明文字较", "", "")), widths=W3)
    second = Part(rows=(HEAD, ("长需要换行", "2", "2"), ("丙类事项", "3", "3")), widths=W3)
    (t,) = tables(draw([first, second]), engine)
    assert texts(t) == [
        list(HEAD),
        ["甲类事项", "1", "1"],
        ["乙类事项的说明文字较长需要换行", "2", "2"],
        ["丙类事项", "3", "3"],
    ]


@pytest.mark.parametrize("engine", AVAILABLE)
def test_merged_label_text_going_on_over_the_break(engine: str) -> None:
    """The rows are complete, but the merged group label's text goes on below the break: joined."""
    w = (70.0, 120.0, 50.0, 50.0)
    head = ("办理结果", "事项", "自然人", "总计")
    first = Part(
        rows=(head, ("（三）不予公", "1.属于国家秘密", "2", "2"), (None, "2.其他", "1", "1")), widths=w
    )
    second = Part(rows=(head, ("开", "3.补充", "4", "4"), ("（四）无法提供", "1.其他", "6", "6")), widths=w)
    (t,) = tables(draw([first, second]), engine)
    assert t[1][0] == ("（三）不予公开", 3, 1)
    assert texts(t)[3] == ["3.补充", "4", "4"]


# ---------------------------------------------------------------------------------------------------------
# Open sides


ROWS = (("信息内容", "本年制发件数", "总计"), ("规章", "2", "2"), ("行政规范性文件", "7", "7"))
W = (100.0, 80.0, 60.0)


@pytest.mark.parametrize("engine", AVAILABLE)
@pytest.mark.parametrize(("left", "right"), [(False, False), (False, True), (True, False), (True, True)])
def test_open_sides_are_closed_at_the_rules_extent(engine: str, left: bool, right: bool) -> None:
    data = draw([Part(rows=ROWS, widths=W, left=left, right=right, reach=0.0, above="一、总体情况")])
    blocks, _ = extract_blocks(data, engine=engine)
    (t,) = [b for b in blocks if isinstance(b, TableBlock)]
    assert [[c.text for c in row] for row in t.rows] == [list(r) for r in ROWS]
    assert t.origin.bbox is not None
    assert t.origin.bbox[0] == pytest.approx(LEFT, abs=0.5)
    assert t.origin.bbox[2] == pytest.approx(LEFT + sum(W), abs=0.5)
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["一、总体情况"]


@pytest.mark.parametrize("engine", AVAILABLE)
def test_open_sides_with_merged_label_column(engine: str) -> None:
    """The outer label column merged over rows (its inner rules start at the next column) and an open
    total column, continued on the next page."""
    w = (70.0, 100.0, 50.0, 50.0)
    head = ("结果", "事项", "自然人", "总计")
    first = Part(
        rows=(head, ("三、办理结果", "（一）予以公开", "1", "1"), (None, "（二）部分公开", "2", "2")),
        widths=w,
        left=False,
        right=False,
    )
    second = Part(rows=(head, ("", "（七）总计", "3", "3")), widths=w, left=False, right=False)
    (t,) = tables(draw([first, second]), engine)
    assert t == [
        [(h, 1, 1) for h in head],
        [("三、办理结果", 3, 1), ("（一）予以公开", 1, 1), ("1", 1, 1), ("1", 1, 1)],
        [("（二）部分公开", 1, 1), ("2", 1, 1), ("2", 1, 1)],
        [("（七）总计", 1, 1), ("3", 1, 1), ("3", 1, 1)],
    ]


@pytest.mark.parametrize("engine", AVAILABLE)
def test_a_single_rule_reaching_out_does_not_close_a_side(engine: str) -> None:
    """Only horizontal rules close a side, two at least: a lone underline reaching out changes nothing."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont(pdfgen.FONT, SIZE)
    top = 700.0
    xs = (LEFT, LEFT + 80, LEFT + 160)
    c.line(xs[0] - 40, top, xs[-1], top)  # reaches out on the left
    c.line(xs[0], top - 20, xs[-1], top - 20)
    c.line(xs[0], top - 40, xs[-1], top - 40)
    for x in xs:
        c.line(x, top, x, top - 40)
    c.drawString(xs[0] - 36, top - 15, "外")
    for i, row in enumerate((("甲", "1"), ("乙", "2"))):
        for j, text in enumerate(row):
            c.drawString(xs[j] + PAD, top - 20 * i - 15, text)
    c.showPage()
    c.save()
    blocks, _ = extract_blocks(buf.getvalue(), engine=engine)
    (t,) = [b for b in blocks if isinstance(b, TableBlock)]
    assert [[c.text for c in row] for row in t.rows] == [["甲", "1"], ["乙", "2"]]
