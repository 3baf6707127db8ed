"""Batch work: reading any input, checking and parsing many files, summaries and findings files."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import batch, workbook
from gov_disclosure.cellview import ref, replace_cell
from gov_disclosure.codec import to_json
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import Finding, Severity
from gov_disclosure.model import Report
from gov_disclosure.renderers import render


def _broken() -> Report:
    """A readable report with an accounting error (t3.row-total and t3.balance)."""
    return replace_cell(naidong_2024(), ref("三", "received", "total"), 5)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """good.json, sub/good.xlsx, sub/deeper/good.html, broken.json (errors), garbage.json and empty.docx."""
    good = naidong_2024()
    (tmp_path / "good.json").write_text(to_json(good), encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    workbook.write(good, tmp_path / "sub" / "good.xlsx")
    (tmp_path / "sub" / "deeper" / "good.html").write_text(render(good, "html"), encoding="utf-8")
    (tmp_path / "broken.json").write_text(to_json(_broken()), encoding="utf-8")
    (tmp_path / "garbage.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "empty.docx").write_bytes(b"")
    (tmp_path / "notes.log").write_text("ignored: unknown extension inside a folder")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.json").write_text("{}")
    return tmp_path


def test_collect_recurses_and_skips_hidden(folder: Path) -> None:
    files = batch.collect([folder])
    names = sorted(p.relative_to(folder).as_posix() for p in files)
    assert names == [
        "broken.json",
        "empty.docx",
        "garbage.json",
        "good.json",
        "sub/deeper/good.html",
        "sub/good.xlsx",
    ]


def test_collect_keeps_named_files_and_dedups(folder: Path) -> None:
    log = folder / "notes.log"
    files = batch.collect([log, folder / "good.json", folder])
    assert files[0] == log and files.count(folder / "good.json") == 1


def test_collect_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as info:
        batch.collect([tmp_path / "nope"])
    assert info.value.filename == str(tmp_path / "nope")


def test_detect_format_by_content(tmp_path: Path) -> None:
    report = naidong_2024()
    samples = {
        "a": to_json(report).encode(),
        "b": workbook.to_bytes(report),
        "c": render(report, "docx"),
        "d": render(report, "html").encode(),
        "e": b"%PDF-1.4 ...",
        "f": render(report, "text").encode(),
    }
    expected = {"a": "json", "b": "xlsx", "c": "docx", "d": "html", "e": "pdf", "f": "text"}
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
        assert batch.detect_format(tmp_path / name) == expected[name], name
    (tmp_path / "z").write_bytes(b"PK\x03\x04 not a zip")
    assert batch.detect_format(tmp_path / "z") is None
    (tmp_path / "empty").write_bytes(b"")
    assert batch.detect_format(tmp_path / "empty") is None


def test_load_every_format(tmp_path: Path) -> None:
    report = naidong_2024()
    for name, data in {
        "r.json": to_json(report).encode(),
        "r.xlsx": workbook.to_bytes(report),
        "r.html": render(report, "html").encode(),
        "r.md": render(report, "markdown").encode(),
        "r.txt": render(report, "text").encode(),
        "r.docx": render(report, "docx"),
    }.items():
        (tmp_path / name).write_bytes(data)
        loaded = batch.load(tmp_path / name)
        assert loaded.report.meta.agency == report.meta.agency, name
        assert loaded.report.applications == report.applications, name
        assert loaded.fmt == batch.EXTENSIONS[Path(name).suffix]
    assert batch.load(tmp_path / "r.json").report == report
    assert batch.load(tmp_path / "r.xlsx").report == report


def test_load_json_with_chinese_keys(tmp_path: Path) -> None:
    report = naidong_2024()
    (tmp_path / "zh.json").write_text(to_json(report, keys="zh"), encoding="utf-8")
    assert batch.load(tmp_path / "zh.json").report == report


def _json_texts() -> list[Any]:
    """(file bytes, whether they hold a valid report)."""
    en = to_json(naidong_2024())
    cell = '"natural_person": null'
    assert cell in en and '"year": 2024' in en
    huge = en.replace(cell, '"natural_person": 100000000000000000000001', 1)
    return [
        pytest.param(en.encode(), True, id="en"),
        pytest.param(to_json(naidong_2024(), keys="zh").encode(), True, id="zh"),
        pytest.param(en.encode("utf-16"), True, id="utf-16"),
        pytest.param(b"\xef\xbb\xbf" + en.encode(), True, id="bom"),
        pytest.param(huge.encode(), True, id="huge-int"),
        pytest.param(en.replace(cell, '"natural_person": -1', 1).encode(), False, id="negative"),
        pytest.param(en.replace('"year": 2024', '"year": "2024"').encode(), False, id="year-string"),
        pytest.param(b"{not json", False, id="not-json"),
    ]


@pytest.mark.parametrize(("data", "valid"), _json_texts())
def test_load_json_is_the_same_with_and_without_orjson(tmp_path: Path, data: bytes, valid: bool) -> None:
    """JSON files are parsed by orjson when it is installed (the fast extra); reports and findings are
    exactly those of the standard library."""
    from gov_disclosure.codec import converter

    path = tmp_path / "r.json"
    path.write_bytes(data)

    def outcome() -> Any:
        try:
            return batch.load(path).report
        except batch.LoadError as exc:
            return exc.findings

    with_orjson = outcome()
    assert isinstance(with_orjson, Report) == valid
    if not valid:
        assert {f.code for f in with_orjson} == {"input.json"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(converter, "_orjson_loads", None)
        assert outcome() == with_orjson
    assert converter._orjson_loads is not None


def test_load_json_keeps_a_count_beyond_64_bits(tmp_path: Path) -> None:
    """orjson would read it as a float; the file is read again by the standard library."""
    text = to_json(naidong_2024()).replace(
        '"natural_person": null', '"natural_person": 100000000000000000000001', 1
    )
    (tmp_path / "r.json").write_text(text, encoding="utf-8")
    report = batch.load(tmp_path / "r.json").report
    assert report.applications.received.natural_person == 10**23 + 1


def test_load_errors_carry_findings(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"meta": {"agency": "x", "year": "2024"}}', encoding="utf-8")
    with pytest.raises(batch.LoadError) as info:
        batch.load(tmp_path / "bad.json")
    assert {f.code for f in info.value.findings} == {"input.json"}
    assert any(f.location.path and "year" in f.location.path for f in info.value.findings)
    assert str(tmp_path / "bad.json") in info.value.message("zh")

    (tmp_path / "what.bin").write_bytes(b"\x00\x01\x02")
    with pytest.raises(batch.LoadError) as info:
        batch.load(tmp_path / "what.bin")
    assert [f.code for f in info.value.findings] == ["input.format"]

    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(batch.LoadError) as info:
        batch.load(tmp_path / "broken.xlsx")
    assert [f.code for f in info.value.findings] == ["xlsx.unreadable"]


def _by_name(results: list[batch.FileResult]) -> dict[str, batch.FileResult]:
    return {Path(r.file).name: r for r in results}


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_folder_with_good_broken_and_unreadable(folder: Path, jobs: int) -> None:
    files = batch.collect([folder])
    results = batch.check_files(files, jobs=jobs)
    assert [r.file for r in results] == [str(f) for f in files]  # input order kept
    by = _by_name(results)
    assert by["good.json"].status == "valid"
    assert by["good.xlsx"].status == "valid"
    assert by["good.html"].status == "valid"
    assert by["broken.json"].status == "errors"
    assert {f.code for f in by["broken.json"].findings} >= {"t3.row-total", "t3.balance"}
    assert by["garbage.json"].status == "unreadable"
    assert [f.code for f in by["garbage.json"].findings] == ["input.json"]
    assert by["empty.docx"].status == "unreadable"
    summary = batch.Summary.of(results)
    assert (summary.files, summary.valid, summary.with_errors, summary.unreadable) == (6, 3, 1, 2)
    assert summary.by_code["input.json"] == 1
    assert summary.by_code["t3.row-total"] == 1
    assert summary.exit_code == 2
    text = summary.to_text("zh")
    assert "共 6 个文件：通过 3，有错误 1，无法读取 2" in text
    assert "6 file(s): 3 valid, 1 with errors, 2 unreadable" in summary.to_text("en")


def test_exit_codes(folder: Path) -> None:
    def code(names: list[str]) -> int:
        return batch.Summary.of(batch.check_files([folder / n for n in names])).exit_code

    assert code(["good.json"]) == 0
    assert code(["good.json", "broken.json"]) == 1
    assert code(["good.json", "broken.json", "garbage.json"]) == 2


def test_a_crash_in_one_file_does_not_stop_the_batch(folder: Path, monkeypatch: Any) -> None:
    real = batch.load

    def flaky(path: Any, **hints: Any) -> batch.Loaded:
        if Path(path).name == "good.json":
            raise RuntimeError("boom")
        return real(path, **hints)

    monkeypatch.setattr(batch, "load", flaky)
    results = batch.check_files([folder / "good.json", folder / "sub" / "good.xlsx"])
    assert [r.status for r in results] == ["unreadable", "valid"]
    assert results[0].findings[0].code == "input.unreadable"
    assert "boom" in results[0].findings[0].message()


def test_progress_is_called_per_file(folder: Path) -> None:
    calls: list[int] = []
    batch.check_files(batch.collect([folder]), progress=calls.append)
    assert calls == [1] * 6


def test_check_with_previous_and_waiver(tmp_path: Path) -> None:
    current = naidong_2024()
    previous = attrs.evolve(current, meta=attrs.evolve(current.meta, year=2023))
    previous = replace_cell(previous, ref("三", "carried_forward", "natural_person"), 4)
    previous = replace_cell(previous, ref("三", "carried_forward", "total"), 4)
    (tmp_path / "c.json").write_text(to_json(current), encoding="utf-8")
    result = batch.check_files([tmp_path / "c.json"], previous=previous)[0]
    assert result.status == "errors"
    assert "xyear.carry-over" in result.codes
    waived = batch.check_files([tmp_path / "c.json"], previous=previous, waive={"xyear.carry-over": "known"})[
        0
    ]
    assert waived.status == "valid"
    assert batch.Summary.of([waived]).by_code.get("xyear.carry-over") is None


def test_messages_in_english(folder: Path) -> None:
    result = batch.check_files([folder / "garbage.json"], lang="en")[0]
    assert batch.finding_rows([result])[0]["message"].startswith("JSON document at $")


def test_write_findings_csv_and_json(folder: Path, tmp_path: Path) -> None:
    results = batch.check_files(batch.collect([folder]))
    n = sum(len(r.findings) for r in results)
    out_csv = tmp_path / "f.csv"
    batch.write_findings(results, out_csv)
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the UTF-8 file correctly
    rows = list(csv.DictReader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == n
    assert list(rows[0]) == list(batch.FINDING_COLUMNS)
    assert {r["file"] for r in rows if r["code"] == "input.json"} == {str(folder / "garbage.json")}
    out_json = tmp_path / "f.json"
    batch.write_findings(results, out_json)
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(data) == n and set(data[0]) == set(batch.FINDING_COLUMNS)
    with pytest.raises(ValueError, match=r"\.csv or \.json"):
        batch.write_findings(results, tmp_path / "f.txt")


def test_parse_files_writes_json(folder: Path, tmp_path: Path) -> None:
    files = batch.collect([folder])
    out = tmp_path / "out"
    outputs = batch.output_paths(files, [folder], out)
    results = batch.parse_files(files, outputs, jobs=2)
    by = _by_name(results)
    assert by["good.html"].output == str(out / "sub" / "deeper" / "good.json")
    assert by["garbage.json"].status == "unreadable" and by["garbage.json"].output is None
    assert not (out / "garbage.json").exists()
    written = batch.load(out / "sub" / "deeper" / "good.json").report
    assert written.meta.agency == naidong_2024().meta.agency
    summary = batch.Summary.of(results)
    assert (summary.valid, summary.unreadable) == (4, 2)


def test_output_paths_keep_extensions_on_collision(tmp_path: Path) -> None:
    files = [tmp_path / "a.html", tmp_path / "a.txt", tmp_path / "b.md"]
    out = batch.output_paths(files, [tmp_path], Path("o"))
    assert out == [Path("o/a.html.json"), Path("o/a.txt.json"), Path("o/b.json")]
    assert batch.output_paths([Path("x/y.html")], [Path("x/y.html")], Path("o")) == [Path("o/y.json")]
    with pytest.raises(ValueError):
        batch.parse_files(files, [], jobs=1)


@given(st.lists(st.sampled_from(["valid", "errors", "unreadable"]), max_size=30))
@settings(max_examples=50, deadline=None)
def test_summary_counts_add_up(statuses: list[Any]) -> None:
    results = [
        batch.FileResult(file=str(i), status=s, findings=(Finding(code="c", severity=Severity.ERROR),))
        for i, s in enumerate(statuses)
    ]
    s = batch.Summary.of(results)
    assert s.files == len(statuses) == s.valid + s.with_errors + s.unreadable
    assert s.by_code.get("c", 0) == len(statuses)
    assert s.exit_code == (2 if "unreadable" in statuses else 1 if "errors" in statuses else 0)
    json.dumps(s.to_dict())
