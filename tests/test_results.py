"""One result shape and one error family across the API (issue 14): every operation that judges input returns
a :class:`~gov_disclosure.findings.Result`; strict entry points raise :class:`FindingsError`."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import gov_disclosure
from gov_disclosure import batch, check, compare, consolidate, is_valid, parse, validate, workbook
from gov_disclosure.cellview import ref, replace_cell
from gov_disclosure.codec import to_json
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import Finding, FindingsError, GovDisclosureError, Location, Result, make
from gov_disclosure.ledger import LedgerError, LedgerRecord, tabulate
from gov_disclosure.model import Report
from gov_disclosure.renderers import render


def _in_year(report: Report, year: int) -> Report:
    return attrs.evolve(report, meta=attrs.evolve(report.meta, year=year))


def _broken() -> Report:
    return replace_cell(naidong_2024(), ref("三", "received", "total"), 5)


def _batch_item(tmp_path: Path, text: str) -> Result:
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    [result] = batch.check_files([path], lang="en")
    return result


#: name -> (make a result from a temporary folder, whether it is ok)
MAKERS: dict[str, tuple[Callable[[Path], Result], bool]] = {
    "parse": (lambda _: parse(render(naidong_2024(), "text"), "text"), True),
    "parse-garbage": (lambda _: parse("no report here", "text"), False),
    "check": (lambda _: check(naidong_2024()), True),
    "check-broken": (lambda _: check(_broken()), False),
    "workbook-read": (lambda _: workbook.read_result(workbook.to_bytes(naidong_2024())), True),
    "consolidate": (lambda _: consolidate([naidong_2024()], agency="山南市人民政府", year=2024), True),
    "compare": (lambda _: compare(_in_year(naidong_2024(), 2023), naidong_2024()), True),
    "compare-agencies": (
        lambda _: compare(
            attrs.evolve(naidong_2024(), meta=attrs.evolve(naidong_2024().meta, agency="别处")),
            _in_year(naidong_2024(), 2025),
        ),
        False,
    ),
    "batch-item": (lambda tmp: _batch_item(tmp, to_json(naidong_2024())), True),
    "batch-broken": (lambda tmp: _batch_item(tmp, to_json(_broken())), False),
    "batch-unreadable": (lambda tmp: _batch_item(tmp, "{not json"), False),
}


@pytest.mark.parametrize("name", list(MAKERS))
def test_every_result_has_the_same_surface(name: str, tmp_path: Path) -> None:
    make_result, ok = MAKERS[name]
    result = make_result(tmp_path)
    assert isinstance(result, Result)
    assert type(result.findings) is tuple and all(isinstance(f, Finding) for f in result.findings)
    assert result.ok is ok and bool(result) is ok
    assert isinstance(type(result).codes, property)
    assert result.codes == tuple(f.code for f in result.findings)
    for part in (result.errors, result.warnings, result.notices, result.waived):
        assert type(part) is tuple and all(f in result.findings for f in part)
    assert bool(result.errors) is not ok or name == "parse-garbage"
    for lang in ("zh", "en"):
        assert isinstance(result.to_text(lang=lang), str)
        assert isinstance(result.to_markdown(lang=lang), str)
        data = json.loads(result.to_json(lang=lang))
        assert data["ok"] is ok
        assert [f["code"] for f in data["findings"]] == list(result.codes)
    assert len(result.flatten("en")) == len(result.findings)


def test_a_wrong_keyword_is_a_type_error() -> None:
    report = naidong_2024()
    assert is_valid(report, blank_policy="zero")
    with pytest.raises(TypeError, match="blank_polcy"):
        is_valid(report, blank_polcy="zero")
    with pytest.raises(TypeError):
        validate(report, blank_polcy="zero")


def test_validate_raises_findings_error_carrying_the_findings() -> None:
    with pytest.raises(FindingsError) as info:
        validate(_broken())
    exc = info.value
    assert isinstance(exc, GovDisclosureError) and isinstance(exc, ValueError)
    assert exc.result is not None and not exc.result.ok
    assert exc.errors == exc.result.errors and exc.errors
    assert exc.codes == tuple(f.code for f in exc.findings)
    assert str(exc).startswith("the report has 2 error finding(s):\n- t3.")
    assert exc.to_text("zh").startswith("报告有 2 处错误：\n- t3.")
    assert not is_valid(_broken())


def test_compare_of_two_agencies_is_a_result_not_an_exception() -> None:
    other = attrs.evolve(naidong_2024(), meta=attrs.evolve(naidong_2024().meta, agency="别处人民政府"))
    result = compare(_in_year(naidong_2024(), 2023), other)
    assert not result.ok and not result.comparable
    assert result.codes == ("xyear.not-comparable",)
    assert result.diff.is_empty
    assert check(other, previous=_in_year(naidong_2024(), 2023)).codes[0] == "xyear.not-comparable"


def test_library_errors_share_one_root(tmp_path: Path) -> None:
    assert issubclass(FindingsError, GovDisclosureError) and issubclass(GovDisclosureError, ValueError)
    assert issubclass(batch.LoadError, FindingsError)
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GovDisclosureError):
        batch.load(tmp_path / "x.json")
    with pytest.raises(GovDisclosureError) as info:
        tabulate([LedgerRecord(applicant="nobody", received=dt.date(2024, 1, 1))], 2024)
    assert isinstance(info.value, LedgerError)
    for name in ("Result", "FindingsError", "GovDisclosureError"):
        assert name in gov_disclosure.__all__ and getattr(gov_disclosure, name) is not None
    assert "ValidationError" not in gov_disclosure.__all__


def test_findings_cross_process_boundaries() -> None:
    finding = make("input.json", location=Location(path="$.meta"), path="$.meta", error="bad")
    copy: Any = pickle.loads(pickle.dumps(finding))
    assert copy == finding and copy.message("en") == finding.message("en")
    waived = finding.waive("known")
    assert pickle.loads(pickle.dumps(waived)).waived == "known"
    result = check(_broken())
    assert pickle.loads(pickle.dumps(result.findings)) == result.findings
