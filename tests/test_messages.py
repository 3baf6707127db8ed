"""Every finding code's message renders in both languages with no placeholder left.

At run time: findings are collected from the real producers (parse, check, consolidate, compare, the batch
functions, the workbook reader and writer) over a broad set of inputs — the bundled example, reports
mutated to break each rule, broken files — and every message is rendered in Chinese and English. A code no
input triggers must be listed in :data:`UNTRIGGERED` with the reason.

Statically: every ``make("code", …)`` call in ``src/`` passes a keyword for each placeholder of both of the
code's templates.
"""

from __future__ import annotations

import ast
import datetime as _dt
import io
import re
import string
import sys
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import gov_disclosure
from gov_disclosure import batch, check, compare, consolidate, render, workbook
from gov_disclosure.cellview import ref, replace_cell
from gov_disclosure.checks import CheckContext, Rule
from gov_disclosure.codec import to_json
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import Finding, catalogue, info
from gov_disclosure.model import Narrative, Report, unchecked
from gov_disclosure.parsers import parse
from parse_helpers import DATA, SEED, sample_report

SRC = Path(gov_disclosure.__file__).parent

#: Codes no input here triggers, with the reason. The test fails when another code joins them.
UNTRIGGERED: dict[str, str] = {}

#: Keywords of ``make`` that are not message arguments.
_NOT_ARGS = frozenset({"location", "cells", "fault"})

_PLACEHOLDER = re.compile(r"[{}]")


# ---------------------------------------------------------------------------------------------------------
# Inputs


def _year(report: Report, year: int) -> Report:
    return attrs.evolve(report, meta=attrs.evolve(report.meta, year=year))


def _meta(report: Report, **changes: Any) -> Report:
    return attrs.evolve(report, meta=attrs.evolve(report.meta, **changes))


def _cell(report: Report, table: str, row: str, column: str, value: Any) -> Report:
    with unchecked():  # a published report may state what the model refuses (a negative count)
        return replace_cell(report, ref(table, row, column), value)


def _parse_inputs() -> Iterable[Any]:
    """Published documents, whole, cut, mangled, in every format."""
    seed_text = SEED.read_text(encoding="utf-8")
    sample = render(sample_report(), "text")
    title = "示例区人民政府2023年政府信息公开工作年度报告"
    yield SEED
    yield seed_text.replace("乃东区人民政府办公室\n2025年1月27日", "乃东区人民政府办公室\n2025年2月30日")
    yield from sorted(DATA.glob("*"))
    yield ""
    yield "随便写的一段话。\n另一段。"
    yield "二、主动公开政府信息情况\n规章 | 1 | 2 | 3 |\n"
    yield sample.rstrip("\n") + "\n相关链接：\n" + title + "\n2023年3月30日\n"
    yield sample.replace("规章 | 0 | 0 | 5 |", "规章 | 0 | 0 |").replace(
        "行政规范性文件 | 3 | 1 | 20 |", "行政规范性文件 | 3 | 1 | 20 | 7 | 8 |"
    )
    yield sample.replace("规章 | 0 | 0 | 5 |", "规章 | 0 | 0 | 5 |\n规章 | 9 | 9 | 9 |")
    yield sample.replace("规章 | 0 | 0 | 5 |", "规章 | 0 | 0 | 5 |\n不知道的一行 | 1 | 2 | 3 |")
    yield sample.replace("1.本机关不掌握相关政府信息", "1.本机关不掌握相关的政府信息")
    yield sample.replace(title, "示例区人民政府1234年政府信息公开工作年度报告")
    yield sample.replace(title + "\n", "").replace("示例区人民政府办公室\n", "")
    yield sample.replace("四、政府信息公开行政复议、行政诉讼情况", "四、复议诉讼")
    # Tables in text without table markup: digits run together, a row that cannot add up, a laid-out row
    # with a blank cell, a number no row takes.
    h3 = "三、收到和处理政府信息公开申请情况\n"
    yield h3 + "一、本年新收政府信息公开申请数量152001119二、上年结转政府信息公开申请数量1000001\n"
    yield h3 + "一、本年新收政府信息公开申请数量9999999二、上年结转政府信息公开申请数量0000000\n"
    yield (
        h3 + "一、本年新收政府信息公开申请数量    1    0    0    0    0    0    1\n"
        "二、上年结转政府信息公开申请数量    1         0    0    0    0    1\n"
    )
    yield "二、主动公开政府信息情况\n信息内容 本年制发件数 本年废止件数 现行有效件数 3\n规章 1 0 1\n"
    yield ("一" * 200, {"max_bytes": 100})
    yield (b"\xff\xfe\x00\xd8" * 20 + "一、总体情况\n".encode(), {"fmt": "text"})
    yield (b"PK\x03\x04 not a zip at all", {"fmt": "docx"})


def _pdf_inputs() -> Iterable[tuple[bytes, dict[str, Any]]]:
    pdfgen = pytest.importorskip("pdfgen")
    from reportlab.lib import pdfencrypt

    items = pdfgen.report_items(sample_report())
    whole = pdfgen.layout_pdf(items)
    yield whole[: len(whole) // 2], {}
    yield whole[:200], {}
    yield pdfgen.scanned_pdf(2), {}
    yield pdfgen.blank_pages_pdf(210), {}
    locked = pdfgen.layout_pdf(items, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="o"))
    yield locked, {}


def pdfgen_pdf() -> bytes:
    pdfgen = pytest.importorskip("pdfgen")
    data: bytes = pdfgen.layout_pdf(pdfgen.report_items(sample_report()))
    return data


def _reports() -> Iterable[tuple[Report, dict[str, Any]]]:
    """Reports mutated to break each rule, with the keywords ``check`` takes for them."""
    good = naidong_2024()
    yield good, {}
    yield _cell(good, "三", "received", "total", 5), {}
    yield _cell(good, "三", "outcome_total", "natural_person", 99), {}
    yield _cell(good, "三", "carried_forward", "total", 77), {}
    yield _cell(good, "四", "reconsideration", "total", 9), {}
    yield _cell(_cell(good, "二", "rules", "issued", 10), "二", "rules", "in_force", 1), {}
    yield _cell(good, "三", "received", "commercial", 1.5), {}
    yield _cell(good, "三", "received", "natural_person", -1), {}
    yield _cell(good, "二", "fees", "amount", Decimal("12.50")), {}
    yield _cell(good, "二", "fees", "amount", Decimal("0.5")), {}
    yield _cell(good, "三", "received", "natural_person", None), {"blank_policy": "strict"}
    yield _meta(good, published=_dt.date(2025, 6, 1)), {}
    yield _meta(good, published=_dt.date(2024, 6, 1)), {}
    yield _meta(good, period_start=_dt.date(2023, 1, 1)), {}
    overview = Narrative(paragraphs=("（一）依申请公开。全年共收到政府信息公开申请150件，办结12件。",))
    yield attrs.evolve(sample_report(), overview=overview), {}

    def boom(ctx: CheckContext) -> list[Finding]:
        raise RuntimeError("kaput")

    yield good, {"extra_rules": [Rule(code="test.boom", func=boom)]}
    previous = _year(_cell(good, "三", "carried_forward", "natural_person", 3), 2023)
    previous = _cell(previous, "二", "rules", "in_force", 50)
    yield good, {"previous": previous}
    yield good, {"previous": _year(good, 2023)}
    yield good, {"previous": _meta(_year(good, 2023), agency="别处人民政府")}


def _structures() -> Iterable[Any]:
    text = render(sample_report(), "text")
    yield parse(text.replace("二、主动公开政府信息情况", "二、主动公开政府信息")).structure
    moved = text.replace("六、其他需要报告的事项", "").replace(
        "一、总体情况", "六、其他需要报告的事项\n一、总体情况"
    )
    yield parse(moved).structure
    yield parse(text.replace("五、存在的主要问题及改进情况\n", "")).structure


def _workbooks(tmp: Path) -> Iterable[bytes | Path]:
    openpyxl = pytest.importorskip("openpyxl")
    good = naidong_2024()

    def wb() -> Any:
        return openpyxl.load_workbook(io.BytesIO(workbook.to_bytes(good)))

    def save(book: Any) -> bytes:
        buf = io.BytesIO()
        book.save(buf)
        return buf.getvalue()

    names = workbook.SHEET_NAMES
    yield b"PK\x03\x04 not a zip"
    other = openpyxl.Workbook()
    other.active["A1"] = "hello"
    yield save(other)
    book = wb()
    book[names["meta"]]["B3"].value = None
    book[names["meta"]]["B4"].value = 1850
    yield save(book)
    book = wb()
    book[names["三"]].title = "表三"
    yield save(book)
    book = wb()
    ws = book[names["四"]]
    ws.title = "Sheet9"
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("gov-disclosure:"):
                c.value = None
    yield save(book)
    book = wb()
    ws = book[names["三"]]
    for row in ws.iter_rows():
        for c in row:
            if c.value == "2.重复申请":
                ws.delete_rows(c.row)
                break
    for row in ws.iter_rows():
        for c in row:
            if c.value == "自然人":
                c.value = "个人"
    yield save(book)
    book = wb()
    ws = book[names["三"]]
    label = next(c for row in ws.iter_rows() for c in row if c.value == "一、本年新收政府信息公开申请数量")
    ws.cell(label.row, 4).value = "十"
    ws.cell(label.row, 5).value = 1.5
    ws.cell(label.row, 6).value = "１"
    ws.cell(label.row, 7).value = "=SUM(A1:A2)"
    yield save(book)


def _files(tmp: Path) -> list[Path]:
    good = naidong_2024()
    files = {
        "good.json": to_json(good),
        "bad.json": '{"meta": {"agency": 3}}',
        "garbage.json": "not json at all",
        "notes.xyz": "\x00\x01\x02 binary",
        "nothing.txt": "随便写的一段话。",
    }
    out = []
    for name, text in files.items():
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        out.append(path)
    (tmp / "dir.json").mkdir()
    out.append(tmp / "dir.json")
    return out


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Finding]]:
    """code -> the findings the producers gave for the inputs above."""
    tmp = tmp_path_factory.mktemp("messages")
    found: dict[str, list[Finding]] = defaultdict(list)

    def add(items: Iterable[Finding]) -> None:
        for f in items:
            found[f.code].append(f)

    for source in _parse_inputs():
        data, options = source if isinstance(source, tuple) else (source, {})
        add(parse(data, **options).findings)
    pdf_inputs = list(_pdf_inputs())
    with pytest.MonkeyPatch.context() as patch:
        # A page the engine cannot open (a damaged page object): named, the others read.
        from gov_disclosure.parsers.pdf import engines

        def broken(*args: Any, **kwargs: Any) -> None:
            raise RuntimeError("damaged page")

        patch.setattr(engines._PdfiumPage, "__init__", broken)
        add(parse(pdfgen_pdf(), "pdf").findings)
    for data, options in pdf_inputs:
        add(parse(data, "pdf", **options).findings)
        from gov_disclosure.parsers.pdf import extract_blocks

        for engine in ("pdfium", "pdfplumber"):
            add(extract_blocks(data, engine=engine)[1])
            add(extract_blocks(data, engine=engine, password="secret")[1])
    for report, options in _reports():
        add(check(report, **options).findings)
    for structure in _structures():
        add(check(naidong_2024(), structure=structure).findings)

    good = naidong_2024()
    unit_a = _meta(good, agency="甲县人民政府")
    unit_b = _meta(_cell(good, "三", "received", "total", 5), agency="乙县人民政府")
    other_year = _meta(_year(good, 2023), agency="丙县人民政府")
    summed = consolidate(
        [unit_a, unit_b, other_year, unit_a], agency="某市人民政府", year=2024, expected=["丁县人民政府"]
    )
    add(summed.findings)
    add(check(_cell(summed.report, "三", "received", "natural_person", 1), units=[unit_a, unit_b]).findings)
    add(compare(_year(good, 2023), good).findings)
    add(compare(_meta(_year(good, 2023), agency="别处"), good).findings)

    for book in _workbooks(tmp):
        add(workbook.read_result(book).findings)
    long_text = attrs.evolve(good, problems=Narrative(paragraphs=("长" * 40_000,)))
    with pytest.raises(workbook.XlsxError) as info_:
        workbook.to_bytes(long_text)
    add(info_.value.findings)

    files = _files(tmp)
    add(f for r in batch.check_files(files) for f in r.findings)
    outputs = [tmp / "out" / f"{k}.json" for k in range(len(files))]
    add(f for r in batch.parse_files(files, outputs) for f in r.findings)
    table = batch.MetaTable.of({"gone.txt": {"year": 2024}})
    add(f for r in batch.check_files([files[0]], meta=table) for f in r.findings)
    return found


# ---------------------------------------------------------------------------------------------------------
# Tests


def test_every_code_is_triggered_or_listed(findings: dict[str, list[Finding]]) -> None:
    codes = set(catalogue())
    untriggered = codes - set(findings)
    # A new code needs an input that triggers it here, or a line in UNTRIGGERED saying why it has none.
    assert untriggered <= set(UNTRIGGERED), (
        f"codes no input triggers: {sorted(untriggered - set(UNTRIGGERED))}"
    )
    assert set(UNTRIGGERED) <= codes, "UNTRIGGERED names a code the catalogue does not have"


@pytest.mark.parametrize("code", sorted(catalogue()))
def test_messages_render_without_placeholders(findings: dict[str, list[Finding]], code: str) -> None:
    if code in UNTRIGGERED:
        pytest.skip(UNTRIGGERED[code])
    for f in findings[code]:
        for lang in ("zh", "en"):
            message = f.message(lang)  # type: ignore[arg-type]
            assert message.strip(), (code, lang)
            assert not _PLACEHOLDER.search(message), f"{code} ({lang}): {message} — args {dict(f.args)}"


def test_the_english_message_of_meta_required_names_the_field() -> None:
    result = parse("二、主动公开政府信息情况\n规章 | 1 | 2 | 3 |\n")
    messages = [f.message("en") for f in result.findings if f.code == "parse.meta-required"]
    assert messages and all("{" not in m for m in messages)
    assert messages[0].startswith("The agency could not be determined")
    assert messages[1].startswith("The report year could not be determined")


# -- static: every make("code", …) call passes every placeholder -----------------------------------------


def _placeholders(template: str) -> set[str]:
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name:
            names.add(re.split(r"[.\[!:]", name, maxsplit=1)[0])
    return names - {"location"}


def _make_calls() -> list[tuple[str, int, str | None, set[str], bool]]:
    """(file, line, code or None, keyword names, has ``**``) of every ``make(…)`` call in src/."""
    calls = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if name != "make" or not node.args:
                continue
            first = node.args[0]
            code = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            keywords = {k.arg for k in node.keywords if k.arg is not None}
            spread = any(k.arg is None for k in node.keywords)
            calls.append((str(path.relative_to(SRC)), node.lineno, code, keywords - _NOT_ARGS, spread))
    return calls


def test_every_make_call_passes_every_placeholder() -> None:
    calls = _make_calls()
    literal = [c for c in calls if c[2] is not None]
    assert len(literal) >= 50, "the ast walk found too few make() calls"
    problems = []
    for file, line, code, keywords, spread in literal:
        assert code is not None
        entry = info(code)
        needed = _placeholders(entry.template_zh) | _placeholders(entry.template_en)
        if spread:
            continue  # the arguments are spread from a mapping: checked at run time above
        missing = needed - keywords
        if missing:
            problems.append(f"{file}:{line} make({code!r}) lacks {sorted(missing)}")
    assert problems == []


def test_dynamic_make_calls_are_few_and_known() -> None:
    """Calls whose code or arguments the ast cannot see are covered by the run-time test only."""
    dynamic = sorted((file, code) for file, _, code, _, spread in _make_calls() if code is None or spread)
    assert dynamic == [("checks/tables.py", None), ("workbook/cells.py", None)]


def test_templates_name_only_placeholders_the_producers_can_fill() -> None:
    """A template's placeholders are plain names (``{name}``, ``{name!r}``), never attribute access."""
    for code, entry in catalogue().items():
        for template in (entry.template_zh, entry.template_en):
            for _, name, _, _ in string.Formatter().parse(template):
                assert name is None or re.fullmatch(r"\w+", name), (code, template)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
