"""The gov-disclosure command: every subcommand through click's runner and once as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner, Result

from gov_disclosure import batch, workbook
from gov_disclosure.cellview import ref, replace_cell
from gov_disclosure.cli import command as cli
from gov_disclosure.cli.shared import NoBar, progress
from gov_disclosure.codec import from_json, to_json
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import Report
from gov_disclosure.renderers import render


def run(*args: Any, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def _year(report: Report, year: int) -> Report:
    return attrs.evolve(report, meta=attrs.evolve(report.meta, year=year))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = naidong_2024()
    broken = replace_cell(good, ref("三", "received", "total"), 5)
    previous = replace_cell(_year(good, 2023), ref("三", "carried_forward", "natural_person"), 2)
    paths = {
        "good": tmp_path / "good.json",
        "broken": tmp_path / "broken.json",
        "garbage": tmp_path / "garbage.json",
        "previous": tmp_path / "previous.json",
        "xlsx": tmp_path / "good.xlsx",
        "html": tmp_path / "good.html",
    }
    paths["good"].write_text(to_json(good), encoding="utf-8")
    paths["broken"].write_text(to_json(broken), encoding="utf-8")
    paths["garbage"].write_text("this is { not json", encoding="utf-8")
    paths["previous"].write_text(to_json(previous), encoding="utf-8")
    workbook.write(good, paths["xlsx"])
    paths["html"].write_text(render(good, "html"), encoding="utf-8")
    return paths


# ---------------------------------------------------------------------------------------------------------
# new


def test_new_json_and_xlsx(tmp_path: Path) -> None:
    r = run("new", "--agency", "某某局", "--year", 2024, "--kind", "department", "-o", tmp_path / "n.json")
    assert r.exit_code == 0 and "已写入" in r.stdout
    report = from_json((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert (report.meta.agency, report.meta.year, report.meta.kind.value) == ("某某局", 2024, "department")
    assert run("new", "--agency", "某某局", "--year", 2024, "-o", tmp_path / "n.xlsx").exit_code == 0
    assert workbook.read(tmp_path / "n.xlsx").meta.agency == "某某局"


def test_new_refuses_overwrite_and_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "n.json"
    out.write_text("keep")
    r = run("new", "--agency", "x", "--year", 2024, "-o", out)
    assert r.exit_code == 2 and "--force" in r.stderr and out.read_text() == "keep"
    assert run("new", "--agency", "x", "--year", 2024, "-o", out, "--force").exit_code == 0
    r = run("new", "--agency", "x", "--year", 2024, "-o", tmp_path / "n.pdf")
    assert r.exit_code == 2 and r.stderr.startswith("错误：") and ".xlsx" in r.stderr
    r = run("new", "--agency", "x", "--year", 1200, "-o", tmp_path / "y.json", "--lang", "en")
    assert r.exit_code == 2 and r.stderr.startswith("Error: ") and "1990" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output
    assert run("new", "--year", 2024, "-o", tmp_path / "z.json").exit_code == 2  # missing --agency


# ---------------------------------------------------------------------------------------------------------
# check


def test_check_valid_file(files: dict[str, Path]) -> None:
    r = run("check", files["good"])
    assert r.exit_code == 0
    assert "校验结果：通过" in r.stdout and "cell.blank" in r.stdout


def test_check_file_with_errors(files: dict[str, Path]) -> None:
    r = run("check", files["broken"], "--lang", "en")
    assert r.exit_code == 1
    assert "Result: errors" in r.stdout and "t3.row-total" in r.stdout


def test_check_unreadable_file(files: dict[str, Path]) -> None:
    r = run("check", files["garbage"])
    assert r.exit_code == 2
    assert "无法读取" in r.stdout and "input.json" in r.stdout


def test_check_missing_file(tmp_path: Path) -> None:
    r = run("check", tmp_path / "nope.json")
    assert r.exit_code == 2 and "找不到文件或文件夹" in r.stderr


def test_check_json_output_parses(files: dict[str, Path]) -> None:
    r = run("check", files["broken"], "--json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["summary"]["with_errors"] == 1
    (entry,) = data["files"]
    assert entry["status"] == "errors" and entry["valid"] is False and entry["format"] == "json"
    assert any(f["code"] == "t3.row-total" and f["severity"] == "error" for f in entry["findings"])


def test_check_folder_batch_summary_and_output(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "findings.csv"
    r = run("check", tmp_path, "--jobs", 2, "--output", out)
    assert r.exit_code == 2  # garbage.json is unreadable
    assert "共 6 个文件：通过 3，有错误 2，无法读取 1" in r.stdout  # previous.json breaks t3 too
    assert "t3.row-total" in r.stdout and "input.json" in r.stdout
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {Path(row["file"]).name for row in rows} >= {"broken.json", "garbage.json"}
    assert set(rows[0]) == set(batch.FINDING_COLUMNS)


def test_check_batch_json(files: dict[str, Path]) -> None:
    r = run("check", files["good"], files["broken"], files["xlsx"], "--json", "--lang", "en")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert [f["status"] for f in data["files"]] == ["valid", "errors", "valid"]
    assert data["summary"]["by_code"]["t3.row-total"] == 1


def test_check_quiet_prints_summary_only(files: dict[str, Path]) -> None:
    r = run("check", files["good"], files["broken"], "-q", "--lang", "en")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0].startswith("2 file(s): 1 valid, 1 with errors")


def test_check_with_previous(files: dict[str, Path]) -> None:
    r = run("check", files["good"], "--previous", files["previous"], "--json")
    assert r.exit_code == 1
    codes = {f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert "xyear.carry-over" in codes


def test_check_with_units(tmp_path: Path) -> None:
    unit_a = _year(naidong_2024(), 2024)
    unit_b = attrs.evolve(unit_a, meta=attrs.evolve(unit_a.meta, agency="某某乡人民政府"))
    unit_a = replace_cell(unit_a, ref("二", "licensing", "decisions"), 3)
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "a.json").write_text(to_json(unit_a), encoding="utf-8")
    (tmp_path / "units" / "b.json").write_text(to_json(unit_b), encoding="utf-8")
    r = run(
        "consolidate",
        tmp_path / "units",
        "--agency",
        "某某区人民政府",
        "--year",
        2024,
        "-o",
        tmp_path / "c.json",
    )
    assert r.exit_code == 0, r.output
    # A consolidated report has no narrative of its own: ignore the structure rules here.
    r = run("check", tmp_path / "c.json", "--units", tmp_path / "units", "--ignore", "structure")
    assert r.exit_code == 0, r.output
    wrong = replace_cell(batch.load(tmp_path / "c.json").report, ref("二", "licensing", "decisions"), 4)
    (tmp_path / "wrong.json").write_text(to_json(wrong), encoding="utf-8")
    r = run("check", tmp_path / "wrong.json", "--units", tmp_path / "units", "--json")
    assert r.exit_code == 1
    assert "consolidate.mismatch" in {f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]}


def test_check_waive_and_ignore(files: dict[str, Path]) -> None:
    r = run("check", files["broken"], "--ignore", "t3", "--json")
    assert r.exit_code == 0 and not {f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]} & {
        "t3.row-total",
        "t3.balance",
    }
    r = run(
        "check", files["broken"], "--waive", "t3.row-total=typo in the source", "--waive", "t3.balance=same"
    )
    assert r.exit_code == 0 and "typo in the source" in r.stdout
    r = run(
        "check",
        files["broken"],
        "--waive",
        "t3.row-total@三/received/total=ok",
        "--waive",
        "t3.balance=x",
        "--json",
    )
    assert r.exit_code == 0
    assert run("check", files["broken"], "--waive", "no-reason").exit_code == 2
    r = run("check", files["broken"], "--waive", "bogus.code=x")
    assert r.exit_code == 2 and "bogus.code" in r.stderr  # a waiver of an unknown code is misuse
    r = run("check", files["broken"], "--ignore", "nothing-like-this", "--lang", "en")
    assert r.exit_code == 2 and "unknown finding code" in r.stderr


def test_check_previous_needs_one_file(files: dict[str, Path]) -> None:
    r = run("check", files["good"], files["broken"], "--previous", files["previous"])
    assert r.exit_code == 2 and "--previous" in r.stderr


def test_check_every_input_format(files: dict[str, Path]) -> None:
    for key in ("xlsx", "html"):
        r = run("check", files[key], "--json")
        assert r.exit_code == 0, (key, r.output)
        assert json.loads(r.stdout)["files"][0]["format"] == key


def test_lang_from_environment(files: dict[str, Path]) -> None:
    r = run("check", files["broken"], env={"GOV_DISCLOSURE_LANG": "en"})
    assert "Result: errors" in r.stdout


# ---------------------------------------------------------------------------------------------------------
# render


@pytest.mark.parametrize(
    ("fmt", "ext"), [("text", "txt"), ("markdown", "md"), ("html", "html"), ("docx", "docx")]
)
def test_render_formats(files: dict[str, Path], tmp_path: Path, fmt: str, ext: str) -> None:
    out = tmp_path / f"r.{ext}"
    r = run("render", files["xlsx"], "--to", fmt, "-o", out)
    assert r.exit_code == 0, r.output
    expected = render(naidong_2024(), fmt)
    assert (out.read_bytes() if fmt == "docx" else out.read_text(encoding="utf-8")) == expected


def test_render_format_from_extension_and_stdout(files: dict[str, Path], tmp_path: Path) -> None:
    assert run("render", files["good"], "-o", tmp_path / "r.xlsx").exit_code == 0
    assert workbook.read(tmp_path / "r.xlsx") == naidong_2024()
    r = run("render", files["good"])
    assert r.exit_code == 0 and r.stdout.startswith("乃东区人民政府2024年政府信息公开工作年度报告")
    assert run("render", files["good"], "--to", "docx").exit_code == 2  # binary to stdout
    r = run("render", files["good"], "-o", tmp_path / "r.pdf")
    assert r.exit_code == 2 and ".docx" in r.stderr
    assert run("render", files["garbage"], "--to", "html").exit_code == 2


# ---------------------------------------------------------------------------------------------------------
# parse


def test_parse_one_file(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "p" / "parsed.json"
    r = run("parse", files["html"], "-o", out)
    assert r.exit_code == 0, r.output
    report = from_json(out.read_text(encoding="utf-8"))
    assert report.meta.agency == "乃东区人民政府"
    r = run("parse", files["html"], "--keys", "zh")
    assert r.exit_code == 0 and "meta" not in json.loads(r.stdout)


def test_parse_many_into_a_folder(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "parsed"
    r = run(
        "parse", files["html"], files["xlsx"], files["garbage"], "-o", out, "--findings", tmp_path / "f.json"
    )
    assert r.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["good.html.json", "good.xlsx.json"]
    assert "无法读取 1" in r.stdout
    assert any(
        row["code"] == "input.json" for row in json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    )


def test_parse_many_needs_a_folder(files: dict[str, Path], tmp_path: Path) -> None:
    r = run("parse", files["html"], files["xlsx"], "-o", tmp_path / "x.json")
    assert r.exit_code == 2 and "-o" in r.stderr


def test_parse_unreadable(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_text("<html><body><p>hello</p></body></html>", encoding="utf-8")
    r = run("parse", tmp_path / "x.html")
    assert r.exit_code == 2 and "parse." in r.stderr


# ---------------------------------------------------------------------------------------------------------
# consolidate


def test_consolidate(tmp_path: Path) -> None:
    a = replace_cell(naidong_2024(), ref("二", "licensing", "decisions"), 3)
    b = replace_cell(
        attrs.evolve(a, meta=attrs.evolve(a.meta, agency="某某乡")), ref("二", "licensing", "decisions"), 4
    )
    (tmp_path / "a.json").write_text(to_json(a), encoding="utf-8")
    workbook.write(b, tmp_path / "b.xlsx")
    out = tmp_path / "sum.json"
    r = run(
        "consolidate", tmp_path / "a.json", tmp_path / "b.xlsx", "--agency", "某某区", "--year", 2024,
        "--expected", "某某乡", "--expected", "某某镇", "-o", out,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    total = from_json(out.read_text(encoding="utf-8"))
    assert total.active_disclosure.licensing == 7 and total.meta.agency == "某某区"
    assert "某某镇" in r.stdout and "consolidate.missing-unit" in r.stdout


def _two_units(folder: Path) -> None:
    a = replace_cell(naidong_2024(), ref("二", "licensing", "decisions"), 3)
    b = replace_cell(
        attrs.evolve(a, meta=attrs.evolve(a.meta, agency="某某乡")), ref("二", "licensing", "decisions"), 4
    )
    folder.mkdir(exist_ok=True)
    (folder / "a.json").write_text(to_json(a), encoding="utf-8")
    (folder / "b.json").write_text(to_json(b), encoding="utf-8")


def test_consolidate_again_with_its_output_in_the_folder(tmp_path: Path) -> None:
    """Run twice, the result written into the units' folder: the earlier result is not summed again."""
    units = tmp_path / "units"
    _two_units(units)
    out = units / "sum.json"
    first = run("consolidate", units, "--agency", "某某区", "--year", 2024, "-o", out)
    assert first.exit_code == 0, first.output
    again = run("consolidate", units, "--agency", "某某区", "--year", 2024, "-o", out)
    assert again.exit_code == 0, again.output
    assert from_json(out.read_text(encoding="utf-8")).active_disclosure.licensing == 7
    # An earlier result under another name is the consolidating agency's own report: refused, not summed.
    (units / "sum.json").rename(units / "last-run.json")
    third = run("consolidate", units, "--agency", "某某区", "--year", 2024, "-o", tmp_path / "new.json")
    assert from_json((tmp_path / "new.json").read_text(encoding="utf-8")).active_disclosure.licensing == 7
    assert "consolidate.refused-unit" in third.stdout and "汇总单位自身" in third.stdout


def test_consolidate_shows_what_reading_found_and_exits_1_on_errors(tmp_path: Path) -> None:
    """A unit's cell that could not be read is blank in the sum: its parse finding is shown, exit 1."""
    units = tmp_path / "units"
    _two_units(units)
    bad = replace_cell(
        attrs.evolve(naidong_2024(), meta=attrs.evolve(naidong_2024().meta, agency="某某镇")),
        ref("二", "licensing", "decisions"),
        17,
    )
    html = render(bad, "html")
    assert html.count(">17<") == 1
    html = html.replace(">17<", ">约17<")
    (units / "c.html").write_text(html, encoding="utf-8")
    r = run("consolidate", units, "--agency", "某某区", "--year", 2024, "-o", tmp_path / "sum.json")
    assert r.exit_code == 1, r.output
    assert "parse.bad-number" in r.stdout and "c.html" in r.stdout
    clean = tmp_path / "clean"
    _two_units(clean)
    assert (
        run("consolidate", clean, "--agency", "某某区", "--year", 2024, "-o", tmp_path / "s2.json").exit_code
        == 0
    )


def test_consolidate_refuses_unreadable_inputs(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "sum.json"
    r = run("consolidate", files["good"], files["garbage"], "--agency", "x", "--year", 2024, "-o", out)
    assert r.exit_code == 2 and "garbage.json" in r.stderr and not out.exists()


# ---------------------------------------------------------------------------------------------------------
# compare, schema, demo


def test_compare(files: dict[str, Path]) -> None:
    r = run("compare", files["previous"], files["good"])
    assert r.exit_code == 1 and "xyear.carry-over" in r.stdout
    r = run("compare", files["previous"], files["good"], "--json", "--lang", "en")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert any(f["code"] == "xyear.carry-over" for f in data["findings"])


def test_compare_consistent_years(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(to_json(_year(naidong_2024(), 2023)), encoding="utf-8")
    (tmp_path / "b.json").write_text(to_json(naidong_2024()), encoding="utf-8")
    assert run("compare", tmp_path / "a.json", tmp_path / "b.json").exit_code == 0


def test_compare_not_comparable(files: dict[str, Path]) -> None:
    r = run("compare", files["good"], files["good"])  # same year twice
    assert r.exit_code == 2 and r.stderr.startswith("错误：")
    assert len(r.stderr.strip().splitlines()) == 1


def test_schema() -> None:
    r = run("schema")
    assert r.exit_code == 0
    assert "meta" in json.loads(r.stdout)["properties"]
    zh = json.loads(run("schema", "--keys", "zh").stdout)
    assert "meta" not in zh["properties"]


def test_demo(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    r = run("demo", "--out", out)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == [
        "naidong-2024.docx",
        "naidong-2024.html",
        "naidong-2024.json",
        "naidong-2024.xlsx",
    ]
    assert "校验结果：通过" in r.stdout
    assert (out / "naidong-2024.html").read_text(encoding="utf-8") == render(naidong_2024(), "html")


def test_version_and_help() -> None:
    assert run("--version").exit_code == 0
    r = run("--help")
    for command in ("new", "check", "render", "parse", "consolidate", "compare", "schema", "demo"):
        assert command in r.stdout


# ---------------------------------------------------------------------------------------------------------
# A real process: python -m gov_disclosure


def _proc(*args: Any, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("GOV_DISCLOSURE_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "gov_disclosure", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_subprocess_every_subcommand(files: dict[str, Path], tmp_path: Path) -> None:
    p = _proc("demo", "--out", "d", cwd=tmp_path)
    assert p.returncode == 0 and (tmp_path / "d" / "naidong-2024.docx").exists(), p.stderr
    p = _proc("new", "--agency", "某局", "--year", 2024, "-o", "t.xlsx", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    p = _proc("check", files["good"], "--json", cwd=tmp_path)
    assert p.returncode == 0 and json.loads(p.stdout)["summary"]["valid"] == 1, p.stderr
    p = _proc("check", files["garbage"], cwd=tmp_path)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    p = _proc("check", tmp_path / "missing.json", cwd=tmp_path)
    assert p.returncode == 2 and p.stderr.strip() == f"错误：找不到文件或文件夹：{tmp_path / 'missing.json'}"
    p = _proc("render", files["good"], "--to", "html", "-o", "r.html", cwd=tmp_path)
    assert p.returncode == 0 and (tmp_path / "r.html").exists(), p.stderr
    p = _proc("parse", files["html"], "-o", "p.json", cwd=tmp_path)
    assert p.returncode == 0 and from_json((tmp_path / "p.json").read_text(encoding="utf-8")), p.stderr
    p = _proc("consolidate", files["good"], "--agency", "某区", "--year", 2024, "-o", "c.json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    p = _proc("compare", files["previous"], files["good"], "--json", cwd=tmp_path)
    assert p.returncode == 1 and json.loads(p.stdout)["findings"], p.stderr
    p = _proc("schema", "--keys", "zh", cwd=tmp_path)
    assert p.returncode == 0 and json.loads(p.stdout)["$schema"], p.stderr
    p = _proc("check", "--bogus-option", cwd=tmp_path)
    assert p.returncode == 2 and "Traceback" not in p.stderr


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    with progress(25, "检查中") as bar:
        bar.update(25)
    assert "检查中" in sys.stderr.getvalue()
    assert isinstance(progress(5, "x"), NoBar)  # short runs: no bar
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert isinstance(progress(500, "x"), NoBar)  # not a terminal: no bar
