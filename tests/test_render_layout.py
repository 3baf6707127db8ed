"""The shared table grids: official shape and spans (format.md §3, §4.1, §5), labels from the form."""

from __future__ import annotations

import pytest

from gov_disclosure import form
from gov_disclosure.cellview import cell_refs
from gov_disclosure.renderers.layout import table_layout, table_layouts

T2 = form.ACTIVE_DISCLOSURE
T3 = form.APPLICATIONS
T4 = form.REVIEW_LITIGATION


def spans(table_id: str) -> dict[str, tuple[int, int, int, int]]:
    """label -> (row, col, rowspan, colspan) of the first cell with that label."""
    out: dict[str, tuple[int, int, int, int]] = {}
    for c in table_layout(table_id).cells():
        if c.text and c.text not in out:
            out[c.text] = (c.row, c.col, c.rowspan, c.colspan)
    return out


@pytest.mark.parametrize(
    ("table_id", "height", "width", "head"), [("二", 14, 4, 0), ("三", 28, 10, 3), ("四", 4, 15, 3)]
)
def test_grid_shape_without_holes_or_overlaps(table_id: str, height: int, width: int, head: int) -> None:
    layout = table_layout(table_id)
    assert (layout.height, layout.width, layout.header_rows) == (height, width, head)
    grid = layout.grid()  # raises on a hole or an overlap
    assert len(grid) == height
    assert all(len(row) == width for row in grid)
    assert len(layout.widths) == width


def test_value_cells_follow_form_order() -> None:
    refs = [c.ref for layout in table_layouts() for c in layout.value_cells()]
    assert refs == list(cell_refs())


def test_table_three_spans() -> None:
    s = spans("三")
    block = T3.blocks[0]
    assert s[T3.note or ""] == (0, 0, 3, 3)
    assert s[T3.columns_header or ""] == (0, 3, 1, 7)
    labels = {c.id: c.label for c in block.columns}
    assert s[labels["natural_person"]] == (1, 3, 2, 1)
    assert s[labels["total"]] == (1, 9, 2, 1)
    group = block.columns[1].group or ""
    assert s[group] == (1, 4, 1, 5)
    for i, cid in enumerate(("commercial", "research", "nonprofit", "legal_services", "other")):
        assert s[labels[cid]] == (2, 4 + i, 1, 1)
    rows = {r.id: r for r in T3.rows}
    assert s[rows["received"].label] == (3, 0, 1, 3)
    assert s[rows["carried_over"].label] == (4, 0, 1, 3)
    assert s[form.RESULTS_GROUP] == (5, 0, 22, 1)
    assert s[rows["disclosed"].label] == (5, 1, 1, 2)
    assert s[rows["partly_disclosed"].label] == (6, 1, 1, 2)
    assert s[rows["withheld_state_secret"].groups[1]] == (7, 1, 8, 1)
    assert s[rows["unable_not_held"].groups[1]] == (15, 1, 3, 1)
    assert s[rows["declined_complaint"].groups[1]] == (18, 1, 5, 1)
    assert s[rows["other_no_correction"].groups[1]] == (23, 1, 3, 1)
    assert s[rows["outcome_total"].label] == (26, 1, 1, 2)
    assert s[rows["carried_forward"].label] == (27, 0, 1, 3)


def test_table_four_spans() -> None:
    s = spans("四")
    assert s[T4.blocks[0].caption] == (0, 0, 1, 5)
    assert s[T4.blocks[1].group or ""] == (0, 5, 1, 10)
    assert s[T4.blocks[1].caption] == (1, 5, 1, 5)
    assert s[T4.blocks[2].caption] == (1, 10, 1, 5)
    layout = table_layout("四")
    row1 = [c for c in layout.rows[1] if c.kind == "header"]
    assert [(c.text, c.rowspan) for c in row1[:5]] == [(c.label, 2) for c in T4.blocks[0].columns]
    assert [c.text for c in layout.rows[2]] == [c.label for b in T4.blocks[1:] for c in b.columns]
    assert [c.kind for c in layout.rows[3]] == ["value"] * 15


def test_table_two_blocks() -> None:
    layout = table_layout("二")
    assert layout.bodies == ((0, 4), (4, 7), (7, 11), (11, 14))
    for (start, _stop), block in zip(layout.bodies, T2.blocks, strict=True):
        (caption,) = layout.rows[start]
        assert (caption.text, caption.colspan, caption.kind) == (block.caption, 4, "caption")
        header = layout.rows[start + 1]
        assert [c.text for c in header] == [block.header, *(c.label for c in block.columns)]
        assert sum(c.colspan for c in header) == 4
    fees = layout.rows[13]
    assert [(c.kind, c.colspan) for c in fees] == [("label", 1), ("value", 3)]


def test_every_official_label_is_in_a_grid() -> None:
    texts = {c.text for layout in table_layouts() for c in layout.cells()}
    for t in form.TABLES:
        for block in t.blocks:
            if t.id != "四":
                for row in block.rows:
                    assert row.label in texts
                    assert set(row.groups) <= texts
            for col in block.columns:
                assert col.label in texts
            assert block.caption in texts or t.id == "三"


def test_unknown_table() -> None:
    with pytest.raises(KeyError, match="二, 三, 四"):
        table_layout("五")
