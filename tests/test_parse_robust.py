"""Robustness: junk, hostile or huge input gives a ParseResult with findings (or a documented error), never
another exception, never a hang."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gov_disclosure.parsers import ParseResult, parse
from gov_disclosure.parsers.doc import Limits

FORMATS = ["text", "markdown", "html", "docx"]


def _ok(result: ParseResult) -> None:
    assert isinstance(result, ParseResult)
    for f in result.findings:
        assert f.message("zh") and f.message("en")
    if result.report is None:
        assert result.findings


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from([None, *FORMATS]))
def test_random_bytes(data, fmt):
    _ok(parse(data, fmt=fmt))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=3000), st.sampled_from([None, "text", "markdown", "html"]))
def test_random_unicode(text, fmt):
    _ok(parse(text, fmt=fmt))


_PIECES = st.sampled_from(
    [
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "（七）总计",
        "行政复议",
        "结果维持",
        "规章",
        "|",
        " | ",
        "\n",
        "\u3000\u3000",
        "1",
        "-3",
        "—",
        "2025年1月27日",
        "<table>",
        "<tr>",
        "<td rowspan=9999>",
        "<td colspan=0>",
        "</td>",
        "</tr>",
        "</table>",
        "<br>",
        "<p>",
        "</div>",
        "&nbsp;",
        "---",
        "# ",
        "### ",
        "\\",
        "`",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_PIECES, max_size=200).map("".join), st.sampled_from(["text", "markdown", "html"]))
def test_report_like_junk(text, fmt):
    _ok(parse(text, fmt=fmt))


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 50_000 + "一、总体情况" + "</div>" * 50_000,
        "<table><tr><td>" * 3000 + "规章",
        "<html><body><table><tr><td rowspan=99999999 colspan=abc>一、本年新收政府信息公开申请数量<td>1<p><table>",
        "<table>" + "<tr>" + "<td rowspan=65534 colspan=1000>x</td>" * 50 + "</tr>" * 300 + "</table>",
        "<p>unclosed <b><i><span>" * 5000,
        "<!DOCTYPE html><html><body>\x00<p>一、总体情况</p>\ud800</body></html>",
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]><p>&b;&b;&b;</p>",
    ],
)
def test_deep_nested_and_malformed_html(page):
    start = time.perf_counter()
    _ok(parse(page, fmt="html"))
    assert time.perf_counter() - start < 30


def test_no_network_no_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    page = f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body><p>一、总体情况</p><p>&x;</p></body></html>'
    result = parse(page, fmt="html", agency="某局", year=2024)
    assert "TOP SECRET" not in repr(result)


def test_input_larger_than_the_limit_is_not_read():
    data = b"x" * (Limits().max_bytes + 1)
    start = time.perf_counter()
    result = parse(data)
    assert result.codes == ("parse.too-large",) and result.report is None
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_input_of_20_mb_is_bounded(fmt):
    n = Limits().max_bytes - 1024
    row = {
        "text": "规章 | 1 | 2 | 3 |\n",
        "markdown": "| 规章 | 1 | 2 | 3 |\n",
        "html": "<p>一、总体情况 文字</p>",
    }[fmt]
    text = row * (n // len(row.encode("utf-8")))
    assert len(text.encode("utf-8")) <= Limits().max_bytes
    start = time.perf_counter()
    result = parse(text, fmt=fmt)
    _ok(result)
    assert "parse.too-complex" in result.codes
    assert time.perf_counter() - start < 60


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def _bomb(size: int) -> bytes:
    """A zip whose word/document.xml unpacks to ``size`` zero bytes (written in chunks, never held whole)."""
    out = io.BytesIO()
    chunk = b"\x00" * (1 << 20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(size >> 20):
                fh.write(chunk)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a zip at all", "zip"),
        (b"PK\x03\x04" + b"\x00" * 100, "zip"),
        (_bomb(120 << 20), "unpacks to"),
        (_bomb(40 << 20), "炸弹"),
        (_zip({"readme.txt": b"hello"}), "word/document.xml"),
        (_zip({f"f{i}": b"" for i in range(3000)}), "entries"),
        (_zip({"word/document.xml": b"<not xml", "[Content_Types].xml": b"<bad"}), ""),
    ],
    ids=[
        "not-zip",
        "bad-zip",
        "zip-bomb-size",
        "zip-bomb-ratio",
        "no-document",
        "many-entries",
        "broken-parts",
    ],
)
def test_bad_docx(data, reason):
    start = time.perf_counter()
    result = parse(data, fmt="docx")
    assert result.report is None
    [f] = result.findings
    assert f.code == "parse.docx-invalid"
    assert reason in f.args["reason"]
    assert time.perf_counter() - start < 10


def test_truncated_docx():
    pytest.importorskip("docx")
    from gov_disclosure.examples import naidong_2024
    from gov_disclosure.renderers import render

    data = render(naidong_2024(), "docx")
    for cut in (10, len(data) // 3, len(data) - 100):
        _ok(parse(data[:cut], fmt="docx"))


def test_str_for_docx_is_a_documented_value_error():
    with pytest.raises(ValueError):
        parse("PK", fmt="docx")


def test_tables_beyond_the_limit_are_skipped_with_one_finding() -> None:
    """HTML and DOCX readers stop taking tables at ``Limits.max_tables`` and say so once."""
    import io

    import docx as python_docx

    from gov_disclosure.parsers import docx as docx_reader
    from gov_disclosure.parsers import html as html_reader
    from gov_disclosure.parsers.doc import Limits, TableBlock

    limits = Limits(max_tables=2)
    page = "<html><body>" + "<table><tr><td>1</td></tr></table>" * 5 + "</body></html>"
    doc = html_reader.read(page.encode(), limits)
    assert sum(isinstance(b, TableBlock) for b in doc.blocks) == 2
    assert [f.code for f in doc.findings].count("parse.too-complex") == 1

    d = python_docx.Document()
    for _ in range(5):
        d.add_table(rows=1, cols=1).cell(0, 0).text = "1"
    buf = io.BytesIO()
    d.save(buf)
    doc = docx_reader.read(buf.getvalue(), limits)
    assert sum(isinstance(b, TableBlock) for b in doc.blocks) == 2
    assert [f.code for f in doc.findings].count("parse.too-complex") == 1
