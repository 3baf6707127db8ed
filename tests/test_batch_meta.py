"""Batch work over a crawl: a metadata table (``--meta``) gives each file its agency and year, and a file
whose agency or year cannot be found still gives its numbers (a draft)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from gov_disclosure import batch, render
from gov_disclosure.cli import command as cli
from gov_disclosure.findings import Severity
from parse_helpers import sample_report

TITLE = "示例区人民政府2023年政府信息公开工作年度报告"
PERIOD = "报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
SIGNOFF = "示例区人民政府办公室\n2024年3月28日"
FIRST = "2023年，示例区认真贯彻落实《条例》，政府信息公开工作取得新进展。"


def run(*args: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def loose() -> str:
    """The sample as a crawler may keep it: no title, period, sign-off or year in its first sentence."""
    text: str = render(sample_report(), "text")
    text = text.removeprefix(TITLE + "\n").replace(PERIOD, "").replace(SIGNOFF, "")
    return text.replace(FIRST, "示例区认真贯彻落实《条例》，政府信息公开工作取得新进展。")


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """crawl/a.txt, crawl/b.txt, crawl/sub/a.txt: three copies without agency or year."""
    root = tmp_path / "crawl"
    (root / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "sub/a.txt"):
        (root / name).write_text(loose(), encoding="utf-8")
    return root


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- reading the table --------------------------------------------------------------------------------


def test_read_meta(tmp_path: Path) -> None:
    table = batch.read_meta(
        write_csv(
            tmp_path / "m.csv",
            "file,agency,year,kind,region\n"
            "a.txt,某某县人民政府,2023,government,某某省某某县\n"
            "\n"
            "./sub\\a.txt,某某局,2022年,,\n",
            "utf-8-sig",
        )
    )
    assert dict(table.rows) == {
        "a.txt": {"agency": "某某县人民政府", "year": 2023, "kind": "government", "region": "某某省某某县"},
        "sub/a.txt": {"agency": "某某局", "year": 2022},
    }
    assert dict(table.lines) == {"a.txt": 2, "sub/a.txt": 4}
    assert table.base == str(tmp_path)


def test_read_meta_with_chinese_columns_saved_by_excel(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", "文件名,机关名称,年度\r\na.txt,某某县人民政府,2023\r\n", "gb18030")
    assert dict(batch.read_meta(path).rows) == {"a.txt": {"agency": "某某县人民政府", "year": 2023}}


@pytest.mark.parametrize(
    ("text", "line", "zh"),
    [
        ("file,agency,year,colour\na.txt,x,2023,red\n", 1, "未知的列“colour”"),
        ("agency,year\nx,2023\n", 1, "缺少 file（文件）列"),
        ("", 1, "没有表头"),
        (
            "file,agency,year\na.txt,x,2023\nb.txt,y,20x3\n",
            3,
            "文件 b.txt 的年度“20x3”不是 1990 至 2999 之间的年份",
        ),
        ("file,agency,year\na.txt,x,1900\n", 2, "年度“1900”"),
        ("file,agency,year,kind\na.txt,x,2023,ministry\n", 2, "机关类型“ministry”无效"),
        ("file,agency,year\na.txt,x,2023\na.txt,y,2024\n", 3, "文件 a.txt 已在第2行列出"),
        ("file,agency,year\n,x,2023\n", 2, "缺少文件名"),
        ("file,agency,year\na.txt,x,2023,extra\n", 2, "单元格多于表头的列数"),
        ('file,agency,year\n"a\nb.txt",x,2023\nc.txt,y,bad\n', 4, "年度“bad”"),
    ],
)
def test_a_bad_table_names_its_line(tmp_path: Path, text: str, line: int, zh: str) -> None:
    path = write_csv(tmp_path / "m.csv", text)
    with pytest.raises(batch.MetaTableError) as info:
        batch.read_meta(path)
    assert info.value.line == line
    message = info.value.to_text("zh")
    assert message.startswith(f"元数据表 {path} 第{line}行：") and zh in message
    assert f"line {line}:" in info.value.to_text("en") and str(info.value) == info.value.to_text("en")


# -- matching files -----------------------------------------------------------------------------------


def test_the_longest_key_wins_and_a_name_may_not_stand_for_two_files(crawl: Path) -> None:
    files = batch.collect([crawl])
    table = batch.MetaTable.of({"sub/a.txt": {"agency": "乙局", "year": 2022}, "b.txt": {"year": 2021}})
    matched, absent = batch.match_meta(files, table)
    by_name = {f.relative_to(crawl).as_posix(): m for f, m in zip(files, matched, strict=True)}
    assert by_name == {"a.txt": None, "b.txt": {"year": 2021}, "sub/a.txt": {"agency": "乙局", "year": 2022}}
    assert absent == []
    with pytest.raises(batch.MetaTableError, match="stands for several inputs"):
        batch.match_meta(files, batch.MetaTable.of({"a.txt": {"year": 2023}}))


def test_a_listed_file_that_does_not_exist_is_absent(crawl: Path) -> None:
    table = batch.MetaTable.of({"gone.txt": {"year": 2023}, "b.txt": {"year": 2023}})
    # b.txt exists beside the input without being one: left alone; gone.txt exists nowhere.
    _, absent = batch.match_meta([crawl / "a.txt"], table)
    assert absent == ["gone.txt"]


def test_a_bad_value_in_a_mapping_is_refused() -> None:
    with pytest.raises(batch.MetaTableError, match="not a year"):
        batch.MetaTable.of({"a.txt": {"year": "soon"}})


# -- batches ------------------------------------------------------------------------------------------


def test_parse_files_writes_drafts_and_uses_the_table(crawl: Path, tmp_path: Path) -> None:
    files = batch.collect([crawl])
    outputs = batch.output_paths(files, [crawl], tmp_path / "out")
    table = batch.MetaTable.of({"b.txt": {"agency": "某某县人民政府", "year": "2023"}, "gone.txt": {}})
    results = batch.parse_files(files, outputs, meta=table, agency="通用局")
    by_file = {
        Path(r.file).relative_to(crawl).as_posix() if r.file != "gone.txt" else r.file: r for r in results
    }
    assert list(by_file) == ["a.txt", "b.txt", "sub/a.txt", "gone.txt"]
    # b.txt: the table gives agency and year (over --agency): a complete report.
    b = json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))
    assert (b["meta"]["agency"], b["meta"]["year"]) == ("某某县人民政府", 2023)
    assert "parse.meta-required" not in by_file["b.txt"].codes
    # a.txt: the common agency but no year: a draft with every number, the year null.
    a = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    assert (a["meta"]["agency"], a["meta"]["year"]) == ("通用局", None)
    assert a["applications"]["received"]["natural_person"] == 10
    assert a["active_disclosure"]["fees"] == "1.50"
    assert by_file["a.txt"].status == "errors" and by_file["a.txt"].output == str(tmp_path / "out" / "a.json")
    assert [f.args["field"] for f in by_file["a.txt"].findings if f.code == "parse.meta-required"] == ["year"]
    # The listed file that is not there.
    gone = by_file["gone.txt"]
    assert gone.status == "unreadable" and gone.codes == ("input.meta-absent",)
    assert gone.findings[0].severity is Severity.ERROR
    assert batch.Summary.of(results).exit_code == 2


def test_parse_files_without_any_metadata_loses_no_number(crawl: Path, tmp_path: Path) -> None:
    files = [crawl / "a.txt"]
    [result] = batch.parse_files(files, [tmp_path / "a.json"], keys="zh", jobs=1)
    assert result.status == "errors" and result.fmt == "text"
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["基本信息"]["机关名称"] is None and data["基本信息"]["报告年度"] is None
    assert data["表三"]["一、本年新收政府信息公开申请数量"]["自然人"] == 10


def test_check_files_with_a_plain_mapping(crawl: Path) -> None:
    files = [crawl / "a.txt", crawl / "b.txt"]
    results = batch.check_files(files, meta={"a.txt": {"agency": "示例区人民政府", "year": 2023}})
    assert [r.status for r in results] == ["valid", "unreadable"]
    assert "parse.meta-required" in results[1].codes


def test_read_document_of_a_draft_and_of_nothing(crawl: Path, tmp_path: Path) -> None:
    parsed = batch.read_document(crawl / "a.txt", year=2023)
    assert parsed.missing == ("agency",) and parsed.document["meta"]["year"] == 2023
    (tmp_path / "x.txt").write_text("随便写的一段话。", encoding="utf-8")
    with pytest.raises(batch.LoadError):
        batch.read_document(tmp_path / "x.txt")


# -- the command --------------------------------------------------------------------------------------


def test_cli_parse_with_meta(crawl: Path, tmp_path: Path) -> None:
    table = write_csv(
        tmp_path / "meta.csv",
        "file,agency,year\na.txt,某某县人民政府,2023\nsub/a.txt,某某局,2022\nmissing.txt,某某镇人民政府,2023\n",
    )
    out = tmp_path / "out"
    result = run("parse", crawl, "-o", out, "--meta", table)
    assert result.exit_code == 2  # missing.txt
    assert "元数据表" in result.output and "第4行列出的文件不存在：missing.txt" in result.output
    a = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert (a["meta"]["agency"], a["meta"]["year"]) == ("某某县人民政府", 2023)
    sub = json.loads((out / "sub" / "a.json").read_text(encoding="utf-8"))
    assert (sub["meta"]["agency"], sub["meta"]["year"]) == ("某某局", 2022)
    # b.txt has no row: still written, as a draft.
    b = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert (b["meta"]["agency"], b["meta"]["year"]) == (None, None)
    assert b["applications"]["received"]["total"] == 13


def test_cli_parse_one_draft(crawl: Path, tmp_path: Path) -> None:
    result = run("parse", crawl / "b.txt", "-o", tmp_path / "b.json", "--lang", "en")
    assert result.exit_code == 1
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert data["meta"]["agency"] is None and data["review_litigation"]["reconsideration"]["upheld"] == 1
    assert "parse.meta-required" in result.output and "{field" not in result.output


def test_cli_check_with_meta(crawl: Path, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "meta.csv", "文件,机关名称,年度\nb.txt,示例区人民政府,2023\n")
    result = run("check", crawl / "b.txt", "--meta", table)
    assert result.exit_code == 0, result.output


def test_cli_bad_table_is_one_chinese_line(crawl: Path, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "meta.csv", "file,agency,year\nb.txt,x,明年\n")
    for args in (("check", crawl), ("parse", crawl, "-o", tmp_path / "out")):
        result = run(*args, "--meta", table)
        assert result.exit_code == 2
        assert (
            result.output.strip()
            == f"错误：元数据表 {table} 第2行：文件 b.txt 的年度“明年”不是 1990 至 2999 之间的年份"
        )
    result = run("check", crawl, "--meta", tmp_path / "none.csv")
    assert result.exit_code == 2 and "找不到" in result.output


def test_cli_a_name_standing_for_two_files(crawl: Path, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "meta.csv", "file,year\na.txt,2023\n")
    result = run("check", crawl, "--meta", table)
    assert result.exit_code == 2 and "对应多个输入文件" in result.output and "第2行" in result.output


@pytest.mark.parametrize("command", ["check", "parse"])
def test_cli_help_of_meta_is_chinese_first(command: str) -> None:
    text = run(command, "--help").output
    at = text.index("--meta CSV")
    help_text = " ".join(text[at:].split())
    assert help_text.startswith("--meta CSV 元数据表：CSV 文件")
    assert help_text.index("元数据表") < help_text.index("A CSV giving each file")
