"""The form as data equals the canonical label list of the reference (format.md §11), code point for code point."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from gov_disclosure import form

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(os.environ.get("GOV_DISCLOSURE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def section_11(text: str) -> str:
    """The ```text block of format.md §11."""
    sec = text[text.index("## 11.") : text.index("## 12.")]
    start = sec.index("```text\n") + len("```text\n")
    return sec[start : sec.index("\n```", start)] + "\n"


def label_groups() -> dict[str, list[list[str]]]:
    """§11 as ``{"# heading": [[labels of one line], ...]}`` (from the repository's copy)."""
    groups: dict[str, list[list[str]]] = {}
    current = ""
    for line in (DATA / "format-11-labels.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            current = line[2:]
            groups[current] = []
        else:
            groups[current].append([part.strip() for part in line.split(" | ")])
    return groups


def test_copy_of_section_11_matches_the_reference() -> None:
    reference = SHARED / "reference" / "format.md"
    if not reference.exists():
        pytest.skip(f"{reference} not found (set GOV_DISCLOSURE_SHARED); the repository copy is used")
    assert section_11(reference.read_text(encoding="utf-8")) == (DATA / "format-11-labels.txt").read_text(
        encoding="utf-8"
    )


def test_headings() -> None:
    assert [line[0] for line in label_groups()["headings"]] == [s.heading for s in form.SECTIONS]
    assert [s.number for s in form.SECTIONS] == [1, 2, 3, 4, 5, 6]
    for section in form.SECTIONS:
        numeral = section.heading[0]
        assert all(v.startswith(numeral + "、") for v in section.variants)
        assert section.heading not in section.variants


def test_table_two() -> None:
    lines = label_groups()["table 二"]
    table = form.ACTIVE_DISCLOSURE
    assert len(lines) == len(table.blocks) == 4
    for line, block in zip(lines, table.blocks, strict=True):
        expected = [
            block.caption,
            block.header,
            *(c.label for c in block.columns),
            *(r.label for r in block.rows),
        ]
        assert line == expected
    assert [r.unit for r in table.rows] == ["count"] * 5 + ["amount"]


def test_table_three_header() -> None:
    (note,), header = label_groups()["table 三 header"]
    table = form.APPLICATIONS
    assert table.note == note
    columns = table.blocks[0].columns
    group = columns[1].group
    assert header == [
        table.columns_header,
        columns[0].label,
        group,
        *(c.label for c in columns[1:6]),
        columns[6].label,
    ]
    assert [c.group for c in columns] == [None] + ["法人或其他组织"] * 5 + [None]
    assert tuple(c.id for c in columns[:6]) == form.APPLICANT_COLUMNS


def test_table_three_rows_with_their_groups() -> None:
    expected = [line[0] for line in label_groups()["table 三 rows"]]
    shown: list[str] = []
    seen_groups: set[str] = set()
    for row in form.APPLICATIONS.rows:
        for group in row.groups:
            if group not in seen_groups:
                seen_groups.add(group)
                shown.append(group)
        shown.append(row.label)
    assert shown == expected
    assert len(form.APPLICATIONS.rows) == 25
    assert len(form.RESULT_ROWS) == 21
    assert form.RESULTS_GROUP == "三、本年度办理结果"
    by_group: dict[str, int] = {}
    for row in form.APPLICATIONS.rows:
        if len(row.groups) == 2:
            by_group[row.groups[1]] = by_group.get(row.groups[1], 0) + 1
    assert by_group == {"（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}


def test_table_four() -> None:
    (line,) = label_groups()["table 四"]
    table = form.REVIEW_LITIGATION
    review, direct, after = table.blocks
    assert direct.group == after.group
    assert review.group is None
    assert line == [
        review.caption,
        direct.group,
        direct.caption,
        after.caption,
        *(c.label for c in review.columns),
    ]
    assert all(b.columns == review.columns for b in table.blocks)
    assert [r.label for r in table.rows] == [b.caption for b in table.blocks]
    assert form.CASE_PARTS == ("upheld", "corrected", "other", "pending")


def test_labels_use_official_code_points() -> None:
    labels = [s.heading for s in form.SECTIONS]
    for t in form.TABLES:
        labels += [r.label for r in t.rows] + [c.label for b in t.blocks for c in b.columns]
        labels += [b.caption for b in t.blocks] + [g for r in t.rows for g in r.groups]
    labels.append(form.APPLICATIONS.note or "")
    for label in labels:
        assert not set(label) & set("():,;"), f"folded ASCII punctuation in {label!r}"
        assert label == label.strip() and "  " not in label
    # NFKC folding changes the full-width labels: parsers must fold before matching, renderers must not.
    assert unicodedata.normalize("NFKC", "（七）总计") == "(七)总计"
    assert "3.危及\u201c三安全一稳定\u201d" in labels


def test_ids_are_unique_and_labels_unique_per_table() -> None:
    for t in form.TABLES:
        ids = [r.id for r in t.rows]
        assert len(ids) == len(set(ids))
        labels = [r.label for r in t.rows]
        assert len(labels) == len(set(labels))
        for b in t.blocks:
            assert len({c.id for c in b.columns}) == len(b.columns)


def test_cell_addresses() -> None:
    addresses = form.cell_addresses()
    assert len(addresses) == 200 == len(set(addresses))
    assert [sum(1 for a in addresses if a[0] == t) for t in ("二", "三", "四")] == [10, 175, 15]
    assert addresses[0] == ("二", "规章", "本年制发件数")
    assert addresses[-1] == ("四", "复议后起诉", "总计")


def test_lookups() -> None:
    assert form.table("三") is form.APPLICATIONS
    assert form.APPLICATIONS.block("applications").rows == form.APPLICATIONS.rows
    with pytest.raises(KeyError):
        form.table("五")
    with pytest.raises(KeyError):
        form.ACTIVE_DISCLOSURE.block("item9")
    assert [t.section for t in form.TABLES] == ["active_disclosure", "applications", "review_litigation"]
    assert {t.section for t in form.TABLES} <= {s.id for s in form.SECTIONS}
