"""The bundled example equals the published seed text: every paragraph, every cell (blanks as blanks), the sign-off.

The seed is read from ``$GOV_DISCLOSURE_SHARED/seed`` (default: the ``shared`` folder beside the repository)
and from the copy in ``tests/data``; the two must be identical, and the tests run on the copy when the shared
folder is absent, so they never skip.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path

import pytest

from gov_disclosure import cells, codec, form
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import AgencyKind

NAME = "naidong-2024-annual-report.txt"
COPY = Path(__file__).resolve().parent / "data" / NAME
SHARED = Path(os.environ.get("GOV_DISCLOSURE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def seed_text() -> str:
    return COPY.read_text(encoding="utf-8")


def fold(text: str) -> str:
    """NFKC, as the web copy of the seed folds full-width punctuation."""
    return unicodedata.normalize("NFKC", text)


def seed_sections() -> tuple[list[str], dict[str, list[str]], list[str]]:
    """(lines before section 一, {section id: its lines}, the two sign-off lines)."""
    lines = [line for line in seed_text().splitlines() if line.strip()]
    headings = {s.heading: s.id for s in form.SECTIONS}
    preamble: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = preamble
    for line in lines:
        if line in headings:
            current = sections.setdefault(headings[line], [])
        else:
            current.append(line)
    sign_off = sections["other_matters"][-2:]
    sections["other_matters"] = sections["other_matters"][:-2]
    return preamble, sections, sign_off


def seed_cells(section_lines: list[str], table: form.Table) -> dict[tuple[str, str, str], int | None]:
    """The cells of one table as the seed prints them (``" | "``-separated rows, blank = empty)."""
    by_label = {fold(r.label): (b, r) for b in table.blocks for r in b.rows}
    out: dict[tuple[str, str, str], int | None] = {}
    for line in section_lines:
        parts = [p.strip() for p in line.split("|")]
        hits = [i for i, p in enumerate(parts) if fold(p) in by_label]
        if not hits:
            continue
        (i,) = hits
        block, row = by_label[fold(parts[i])]
        values = parts[i + 1 :]
        assert not any(values[len(block.columns) :]), f"unexpected values after the row: {line!r}"
        values += [""] * (len(block.columns) - len(values))  # the web copy drops trailing empty cells
        for col, text in zip(block.columns, values, strict=False):
            assert (table.id, row.label, col.label) not in out, f"row printed twice: {row.label}"
            out[(table.id, row.label, col.label)] = int(text) if text else None
    return out


def test_repository_copy_equals_the_shared_seed() -> None:
    shared = SHARED / "seed" / NAME
    if not shared.exists():
        pytest.skip(f"{shared} not found (set GOV_DISCLOSURE_SHARED); the repository copy is used")
    assert shared.read_bytes() == COPY.read_bytes()


def test_metadata() -> None:
    meta = naidong_2024().meta
    preamble, _, (issuer, date) = seed_sections()
    assert meta.agency == "乃东区人民政府"
    assert meta.year == 2024
    assert meta.kind is AgencyKind.GOVERNMENT
    assert meta.issuer == issuer
    y, m, d = map(int, re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", date).groups())  # type: ignore[union-attr]
    assert meta.published == dt.date(y, m, d) == dt.date(2025, 1, 27)
    period = re.search(r"自(\d{4})年(\d+)月(\d+)日起至(\d{4})年(\d+)月(\d+)日止", preamble[0])
    assert period is not None
    start, end = period.groups()[:3], period.groups()[3:]
    assert meta.period_start == dt.date(*map(int, start))
    assert meta.period_end == dt.date(*map(int, end))
    assert meta.display_title == "乃东区人民政府2024年政府信息公开工作年度报告"


def test_every_paragraph() -> None:
    report = naidong_2024()
    preamble, sections, _ = seed_sections()
    assert list(report.preamble) == preamble
    assert list(report.overview.all_paragraphs()) == sections["overview"]
    assert list(report.problems.all_paragraphs()) == sections["problems"]
    assert list(report.other_matters.all_paragraphs()) == sections["other_matters"] == ["无。"]
    for t in form.TABLES:
        # Sections 二、三、四 hold only their table: every line of them is a table line.
        assert all("|" in line for line in sections[t.section])
        assert getattr(report, f"{t.section}_text").is_empty


def test_every_cell_of_tables_two_and_three() -> None:
    view = cells(naidong_2024())
    _, sections, _ = seed_sections()
    for table in (form.ACTIVE_DISCLOSURE, form.APPLICATIONS):
        printed = seed_cells(sections[table.section], table)
        expected = {a: v for a, v in view.items() if a[0] == table.id}
        assert list(printed) == list(expected), f"table {table.id}: rows missing or out of order"
        assert printed == expected
    assert sum(v is not None for v in view.values()) == 3


def test_table_four_is_blank() -> None:
    """The seed prints table 四's header and no numbers: all 15 cells are blank."""
    _, sections, _ = seed_sections()
    assert not any(ch.isdigit() for line in sections["review_litigation"] for ch in line)
    view = cells(naidong_2024())
    four = [v for a, v in view.items() if a[0] == "四"]
    assert len(four) == 15 and all(v is None for v in four)


def test_example_round_trips_and_is_stable() -> None:
    report = naidong_2024()
    assert report == naidong_2024()
    for keys in ("en", "zh"):
        assert codec.from_json(codec.to_json(report, keys=keys), keys=keys) == report
