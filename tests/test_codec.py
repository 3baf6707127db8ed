"""The JSON codec: exact round trips in both key languages, strict reading, every error with its path."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from cattrs import Converter
from cattrs.errors import ClassValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure
from docedit import drop, put
from gov_disclosure import codec, form
from gov_disclosure.cellview import cell_refs
from gov_disclosure.codec import CodecError, converter, format_path, from_dict, from_json, to_dict, to_json
from gov_disclosure.codec.keys import key_maps
from gov_disclosure.examples import naidong_2024
from gov_disclosure.findings import GovDisclosureError
from gov_disclosure.model import (
    ActiveDisclosure,
    ApplicantCounts,
    Meta,
    Narrative,
    Report,
    Subsection,
    unchecked,
)
from gov_disclosure.strategies import reports

KEYS = ("en", "zh")
R3 = "一、本年新收政府信息公开申请数量"
#: The same places in both key languages.
PATHS = {
    "en": {
        "cell": ("applications", "received", "natural_person"),
        "row": ("applications", "received"),
        "table": ("applications",),
        "fee": ("active_disclosure", "fees"),
        "meta": ("meta",),
        "agency": ("meta", "agency"),
        "year": ("meta", "year"),
        "kind": ("meta", "kind"),
        "region": ("meta", "region"),
        "published": ("meta", "published"),
        "overview": ("overview",),
        "paragraphs": ("overview", "paragraphs"),
        "case": ("review_litigation", "litigation_after_review", "total"),
    },
    "zh": {
        "cell": ("表三", R3, "自然人"),
        "row": ("表三", R3),
        "table": ("表三",),
        "fee": ("表二", "行政事业性收费"),
        "meta": ("基本信息",),
        "agency": ("基本信息", "机关名称"),
        "year": ("基本信息", "报告年度"),
        "kind": ("基本信息", "机关类型"),
        "region": ("基本信息", "行政区域"),
        "published": ("基本信息", "发布日期"),
        "overview": ("一、总体情况",),
        "paragraphs": ("一、总体情况", "段落"),
        "case": ("表四", "复议后起诉", "总计"),
    },
}


def doc(keys: str = "en") -> dict[str, Any]:
    return to_dict(naidong_2024(), keys=keys)  # type: ignore[arg-type]


def errors_of(data: Any, keys: str = "en") -> list[tuple[str, str]]:
    with pytest.raises(CodecError) as info:
        from_dict(data, keys=keys)  # type: ignore[arg-type]
    return info.value.errors


# ---------------------------------------------------------------------------------------------------------
# Round trips


@given(report=st.one_of(reports(), reports(max_count=10**15, blanks=False)))
@settings(max_examples=120, deadline=None)
def test_round_trip(report: Report) -> None:
    """``from_dict(to_dict(r)) == r`` and ``from_json(to_json(r)) == r``, under both key languages."""
    for keys in KEYS:
        data = to_dict(report, keys=keys)  # type: ignore[arg-type]
        assert from_dict(data, keys=keys) == report  # type: ignore[arg-type]
        # The fast pass alone loads every valid document (the detailed pass only explains errors).
        assert converter._structure_hook(keys, False)(data, Report) == report  # type: ignore[arg-type]
        text = to_json(report, keys=keys, indent=2 if keys == "zh" else None)  # type: ignore[arg-type]
        assert from_json(text, keys=keys) == report  # type: ignore[arg-type]
        assert from_json(text.encode("utf-8"), keys=keys) == report  # type: ignore[arg-type]
        assert json.loads(text) == data
        # The fee keeps its exponent (Decimal equality alone would not see "1.5" vs "1.50").
        fee = from_dict(data, keys=keys).active_disclosure.fees  # type: ignore[arg-type]
        if report.active_disclosure.fees is not None:
            assert str(fee) == str(report.active_disclosure.fees)


@given(report=reports())
@settings(max_examples=20, deadline=None)
def test_documents_are_plain_json_data(report: Report) -> None:
    def check(value: Any) -> None:
        if isinstance(value, dict):
            assert all(isinstance(k, str) for k in value)
            for v in value.values():
                check(v)
        elif isinstance(value, list):
            for v in value:
                check(v)
        else:
            assert value is None or type(value) in (str, int)

    for keys in KEYS:
        check(to_dict(report, keys=keys))  # type: ignore[arg-type]


def test_the_english_document_mirrors_the_model() -> None:
    data = doc("en")
    assert list(data) == [f.name for f in attrs.fields(Report)]
    assert list(data["applications"]) == [r.id for r in form.APPLICATIONS.rows]
    assert data["applications"]["received"] == dict.fromkeys(
        [c.id for c in form.APPLICATIONS.blocks[0].columns]
    )
    assert data["active_disclosure"]["normative_documents"] == {"issued": 1, "repealed": 0, "in_force": 1}
    assert data["active_disclosure"]["fees"] is None
    assert data["meta"]["published"] == "2025-01-27"
    assert data["meta"]["kind"] == "government"
    assert data["other_matters"] == {"paragraphs": ["无。"], "subsections": []}


def test_the_chinese_document_uses_the_official_labels() -> None:
    data = doc("zh")
    tables = {t.id: t for t in form.TABLES}
    assert list(data["表三"]) == [r.label for r in tables["三"].rows]
    for row in data["表三"].values():
        assert list(row) == [c.label for c in tables["三"].blocks[0].columns]
    assert list(data["表二"]) == [r.label for r in tables["二"].rows]
    assert list(data["表二"]["规章"]) == [c.label for c in tables["二"].block("item1").columns]
    assert list(data["表四"]) == [b.caption for b in tables["四"].blocks]
    assert list(data["表四"]["复议后起诉"]) == [c.label for c in tables["四"].blocks[0].columns]
    headings = [s.heading for s in form.SECTIONS]
    assert [k for k in data if k in headings] == headings
    assert data["基本信息"]["机关名称"] == "乃东区人民政府"
    assert data["二、主动公开政府信息情况"] == {"段落": [], "分节": []}


def test_zh_keys_are_defined_once_and_unique() -> None:
    for record, keys in codec.ZH_KEYS.items():
        assert len(set(keys.values())) == len(keys), record
    data = doc("zh")
    assert len(data) == len(attrs.fields(Report))


@pytest.mark.parametrize(
    ("fee", "text"),
    [
        ("1.50", "1.50"),
        ("12.5", "12.5"),
        ("0.00", "0.00"),
        ("0", "0"),
        ("1E+3", "1000"),
        ("123456789.0001", None),
    ],
)
def test_fee_is_written_as_a_decimal_string(fee: str, text: str | None) -> None:
    report = attrs.evolve(naidong_2024(), active_disclosure=ActiveDisclosure(fees=Decimal(fee)))
    written = to_dict(report)["active_disclosure"]["fees"]
    assert written == (text or fee)
    back = from_dict(to_dict(report)).active_disclosure.fees
    assert back == Decimal(fee)
    assert back is not None and str(back) == (text or fee)


def test_signed_zero_fee_is_written_without_sign() -> None:
    report = attrs.evolve(naidong_2024(), active_disclosure=ActiveDisclosure(fees=Decimal("-0.00")))
    assert to_dict(report)["active_disclosure"]["fees"] == "0.00"
    assert from_dict(to_dict(report)) == report


@pytest.mark.parametrize(
    ("value", "expected"), [(12, Decimal(12)), ("007.10", Decimal("7.10")), (None, None)]
)
def test_fee_accepts_an_int_or_a_decimal_string(value: Any, expected: Decimal | None) -> None:
    report = from_dict(put(doc(), ("active_disclosure", "fees"), value))
    assert report.active_disclosure.fees == expected
    assert report.active_disclosure.fees is None or isinstance(report.active_disclosure.fees, Decimal)


def test_optional_keys_take_the_model_defaults() -> None:
    data = doc()
    minimal = {
        "meta": {"agency": "某局", "year": 2024, "kind": "department"},
        "active_disclosure": data["active_disclosure"],
        "applications": data["applications"],
        "review_litigation": data["review_litigation"],
    }
    report = from_dict(minimal)
    assert report.meta == Meta(agency="某局", year=2024, kind=gov_disclosure.AgencyKind.DEPARTMENT)
    assert report.preamble == () and report.overview == Narrative() and report.other_matters == Narrative()
    assert from_dict({**minimal, "overview": {}}).overview == Narrative()
    sub = {"overview": {"subsections": [{"heading": "（一）主动公开"}]}}
    assert from_dict({**minimal, **sub}).overview.subsections == (Subsection(heading="（一）主动公开"),)


def test_public_api_is_lazy_exported() -> None:
    assert gov_disclosure.to_json is to_json
    assert gov_disclosure.from_dict is from_dict
    assert gov_disclosure.CodecError is CodecError
    assert gov_disclosure.json_schema is codec.json_schema


# ---------------------------------------------------------------------------------------------------------
# Rejections: one error per bad field, with its path, in both key languages

BAD_COUNTS = ["5", 5.7, 5.0, True, False, -1, [], {}, "", "五"]
BAD_FEES = [
    1.5,
    2.0,
    "1.5e3",
    "-1",
    "-0",
    "1,000",
    " 1",
    "1 ",
    "1.",
    ".5",
    "+1",
    True,
    -1,
    "NaN",
    "Infinity",
    "１２",
    [],
    "12\n",
]
BAD_DATES = [
    "2025-02-30",
    "2023-02-29",
    "1900-02-29",
    "2025/01/27",
    "20250127",
    "2025-1-27",
    "2025-01-27T00:00",
    20250127,
    "0000-01-01",
    "2025-01-27\n",
    True,
]
BAD_YEARS = [1989, 3000, "2024", 2024.0, True, None, -2024]
BAD_KINDS = ["GOVERNMENT", "政府", "Government", 1, None, ""]
BAD_NAMES = ["", "  ", "\u3000", None, 5, ["乃东"]]


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize(
    ("where", "values"),
    [
        ("cell", BAD_COUNTS),
        ("case", BAD_COUNTS),
        ("fee", BAD_FEES),
        ("published", BAD_DATES),
        ("year", BAD_YEARS),
        ("kind", BAD_KINDS),
        ("agency", BAD_NAMES),
        ("region", ["", " ", 5, []]),
        ("paragraphs", ["text", None, {}, [1], ["a", None]]),
        ("overview", [None, [], "text"]),
        ("row", [None, [], 5, "x"]),
        ("table", [None, []]),
        ("meta", [None, "x"]),
    ],
)
def test_bad_values_are_rejected_with_their_path(keys: str, where: str, values: list[Any]) -> None:
    path = PATHS[keys][where]
    for value in values:
        errors = errors_of(put(doc(keys), path, value), keys)
        paths = [p for p, _ in errors]
        if isinstance(value, list) and value and where == "paragraphs":
            bad = [i for i, v in enumerate(value) if not isinstance(v, str)]
            assert paths == [format_path((*path, i)) for i in bad], (value, errors)
        else:
            assert paths == [format_path(path)], (value, errors)
        message = errors[0][1]
        assert "expected" in message, message


def test_messages_say_what_was_expected_and_what_came() -> None:
    ((path, message),) = errors_of(put(doc(), PATHS["en"]["cell"], "5"))
    assert path == "$.applications.received.natural_person"
    assert (
        message == 'expected a whole number ≥ 0 (JSON integer), or null for a blank cell, got the string "5"'
    )
    ((path, message),) = errors_of(put(doc("zh"), PATHS["zh"]["cell"], True), "zh")
    assert path == "$.表三.一、本年新收政府信息公开申请数量.自然人"
    assert message.endswith("got true")
    ((path, message),) = errors_of(put(doc(), PATHS["en"]["fee"], 1.5))
    assert path == "$.active_disclosure.fees" and "decimal string" in message and "1.5" in message


def test_keys_with_dots_are_quoted_in_paths() -> None:
    data = put(doc("zh"), ("表三", "1.属于国家秘密", "总计"), -5)
    ((path, message),) = errors_of(data, "zh")
    assert path == '$.表三["1.属于国家秘密"].总计'
    assert "got the integer -5" in message


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize("where", ["cell", "row", "table", "agency", "year", "kind", "meta", "case"])
def test_missing_required_keys_are_rejected(keys: str, where: str) -> None:
    path = PATHS[keys][where]
    ((found, message),) = errors_of(drop(doc(keys), path), keys)
    assert found == format_path(path)
    assert message.startswith("missing required key: expected ")


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize("where", [(), ("meta",), ("overview",), ("row",), ("table",), ("case_row",)])
def test_unknown_keys_are_rejected(keys: str, where: tuple[str, ...]) -> None:
    prefix: tuple[str, ...] = PATHS[keys][where[0]] if where and where[0] in PATHS[keys] else ()
    if where == ("case_row",):
        prefix = PATHS[keys]["case"][:-1]
    data = put(doc(keys), (*prefix, "unexpected"), 1)
    ((path, message),) = errors_of(data, keys)
    assert path == format_path((*prefix, "unexpected"))
    assert message.startswith("unknown key")


def test_unknown_key_suggests_the_close_label() -> None:
    data = doc("zh")
    data["表三"]["一、本年新收政府信息公开申请数"] = data["表三"].pop(R3)
    errors = errors_of(data, "zh")
    assert errors == [
        ("$.表三.一、本年新收政府信息公开申请数量", errors[0][1]),
        ("$.表三.一、本年新收政府信息公开申请数", f'unknown key; did you mean "{R3}"?'),
    ]
    assert errors[0][1].startswith("missing required key")


def test_non_string_keys_are_named_by_their_repr() -> None:
    data = doc()
    data["meta"][3] = "x"
    assert errors_of(data) == [("$.meta.3", "unknown key: keys must be strings, got the integer 3")]


def test_english_keys_are_not_accepted_under_zh_and_vice_versa() -> None:
    assert len(errors_of(doc("en"), "zh")) > 10
    assert len(errors_of(doc("zh"), "en")) > 10


def test_every_bad_field_is_reported_in_one_error() -> None:
    data = doc()
    data = put(data, ("applications", "received", "natural_person"), "5")
    data = put(data, ("applications", "received", "commercial"), 5.7)
    data = put(data, ("applications", "outcome_total", "total"), True)
    data = put(data, ("review_litigation", "reconsideration", "pending"), -2)
    data = put(data, ("active_disclosure", "fees"), 1.5)
    data = put(data, ("meta", "published"), "2025-02-30")
    data = put(data, ("overview", "paragraphs"), ["ok", 3])
    data = put(data, ("problems", "subsections"), [{"heading": " ", "paragraphs": []}, 5])
    data = drop(data, ("applications", "carried_forward", "total"))
    data = put(data, ("meta", "extra"), 1)
    data = put(data, ("bogus",), 1)
    errors = errors_of(data)
    assert [p for p, _ in errors] == [
        "$.meta.published",
        "$.meta.extra",
        "$.overview.paragraphs[1]",
        "$.active_disclosure.fees",
        "$.applications.received.natural_person",
        "$.applications.received.commercial",
        "$.applications.outcome_total.total",
        "$.applications.carried_forward.total",
        "$.review_litigation.reconsideration.pending",
        "$.problems.subsections[0].heading",
        "$.problems.subsections[1]",
        "$.bogus",
    ]
    with pytest.raises(CodecError) as info:
        from_dict(data)
    text = str(info.value)
    assert text.startswith("12 errors in the report document:")
    assert all(p in text for p in info.value.paths)


@pytest.mark.parametrize("data", [None, [], "report", 5, True])
def test_a_document_must_be_an_object(data: Any) -> None:
    ((path, message),) = errors_of(data)
    assert path == "$" and message.startswith("expected an object with the keys meta, preamble")


@given(cell=st.sampled_from(cell_refs()), bad=st.sampled_from(["5", 5.7, True, -1, [], 1.25]))
@settings(max_examples=100, deadline=None)
def test_every_cell_is_reported_at_its_own_path(cell: Any, bad: Any) -> None:
    """Each of the 200 cells: a bad value is reported at the cell's JSON path (cells.py), in both languages."""
    if cell.row.unit == "amount":
        if bad == "5":
            bad = "5e0"  # "5" is a valid fee
        elif type(bad) is int:
            bad = "-1"
    zh_keys = key_maps("zh")
    en_parts = tuple(cell.json_path[2:].split("."))
    assert [p for p, _ in errors_of(put(doc(), en_parts, bad))] == [cell.json_path]
    # The same cell under zh keys: 表X, then the official row label, then (if the row has several
    # columns) the official column label.
    zh_parts: tuple[str, ...] = (zh_keys[Report][cell.table.section], cell.row.label)
    if len(en_parts) == 3:
        zh_parts += (cell.column.label,)
    assert [p for p, _ in errors_of(put(doc("zh"), zh_parts, bad), "zh")] == [format_path(zh_parts)]


def test_a_model_validator_error_surfaces_with_its_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Meta) -> None:
        if self.issuer == "某办公室":
            raise ValueError("Meta.issuer: this office is refused")

    monkeypatch.setattr(Meta, "__attrs_post_init__", refuse)
    data = put(doc(), ("meta", "issuer"), "某办公室")
    assert errors_of(data) == [("$.meta.issuer", "this office is refused")]
    zh = put(doc("zh"), ("基本信息", "落款机关"), "某办公室")
    assert errors_of(zh, "zh") == [("$.基本信息.落款机关", "this office is refused")]

    def refuse_record(self: Meta) -> None:
        if self.issuer == "某办公室":
            raise ValueError("the metadata are refused")

    monkeypatch.setattr(Meta, "__attrs_post_init__", refuse_record)
    assert errors_of(data) == [("$.meta", "the metadata are refused")]


@pytest.mark.parametrize("keys", KEYS)
def test_a_row_with_one_key_misspelt_is_refused_by_name(keys: str) -> None:
    """The fast row hook takes a dict with as many keys as the row has cells: a swapped key must not pass."""
    data = doc(keys)
    row_path = PATHS[keys]["row"]
    row = dict(data["applications" if keys == "en" else "表三"][row_path[-1]])
    last = list(row)[-1]
    row[last + "x"] = row.pop(last)
    errors = errors_of(put(data, row_path, row), keys)
    assert [path for path, _ in errors] == [
        format_path((*row_path, last)),
        format_path((*row_path, last + "x")),
    ]
    assert errors[0][1].startswith("missing required key") and errors[1][1].startswith("unknown key")


def test_loading_inside_unchecked_is_still_strict() -> None:
    """The model's count check is part of the codec's fast pass; unchecked() must not loosen the codec."""
    data = put(doc(), ("applications", "received", "total"), -4)
    with unchecked():
        assert [p for p, _ in errors_of(data)] == ["$.applications.received.total"]
        assert from_dict(doc()) == naidong_2024()


def test_from_json_errors() -> None:
    ((path, message),) = CodecErrorInfo.of(lambda: from_json('{"meta": '))
    assert path == "$" and "not valid JSON" in message and "line 1" in message
    ((path, message),) = CodecErrorInfo.of(lambda: from_json(b"\xff\xfe\xfd"))
    assert path == "$" and "not valid JSON" in message
    ((path, _),) = CodecErrorInfo.of(lambda: from_json("[]"))
    assert path == "$"


class CodecErrorInfo:
    @staticmethod
    def of(fn: Any) -> list[tuple[str, str]]:
        with pytest.raises(CodecError) as info:
            fn()
        return info.value.errors


def test_codec_error_is_a_value_error_and_pickles() -> None:
    error = CodecError([("$.a", "expected x, got y")])
    assert isinstance(error, ValueError)
    assert isinstance(error, GovDisclosureError)
    again = pickle.loads(pickle.dumps(error))
    assert (
        again.errors == error.errors
        and str(again) == str(error) == "1 error in the report document:\n  $.a: expected x, got y"
    )


def test_bad_keys_argument() -> None:
    with pytest.raises(ValueError, match="keys"):
        to_dict(naidong_2024(), keys="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="keys"):
        from_dict(doc(), keys="EN")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="keys"):
        codec.json_schema("de")  # type: ignore[arg-type]


def test_unchecked_reports_serialise_but_do_not_load() -> None:
    with unchecked():
        report = attrs.evolve(
            naidong_2024(),
            applications=attrs.evolve(naidong_2024().applications, received=ApplicantCounts(total=-4)),
        )
    data = to_dict(report)
    assert data["applications"]["received"]["total"] == -4
    assert [p for p, _ in errors_of(data)] == ["$.applications.received.total"]


def test_make_converter_is_a_strict_cattrs_converter() -> None:
    conv = codec.make_converter("en", detailed=True)
    assert isinstance(conv, Converter)
    with pytest.raises(ClassValidationError):
        conv.structure(put(doc(), ("applications", "received", "total"), "5"), Report)
    fast = codec.make_converter("zh", detailed=False)
    assert fast.structure(doc("zh"), Report) == naidong_2024()
    assert fast.unstructure(naidong_2024()) == doc("zh")


def test_format_path() -> None:
    assert format_path(()) == "$"
    assert format_path(("a", 0, "b")) == "$.a[0].b"
    assert format_path(("表三", "1.属于国家秘密")) == '$.表三["1.属于国家秘密"]'
    assert format_path(("a b",)) == '$["a b"]'
    assert format_path((5.5,)) == '$["5.5"]'  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# The ``fast`` extra: orjson parses first, the standard library decides whatever orjson refuses


def outcome(text: str | bytes, keys: str = "en") -> Report | list[tuple[str, str]]:
    try:
        return from_json(text, keys=keys)  # type: ignore[arg-type]
    except CodecError as exc:
        return exc.errors


def without_orjson(text: str | bytes, keys: str = "en") -> Report | list[tuple[str, str]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(converter, "_orjson_loads", None)
        return outcome(text, keys)


def test_orjson_is_installed_for_the_suite() -> None:
    """The test extra pulls in the fast extra, so that the suite runs the orjson path it documents."""
    assert converter._orjson_loads is not None


CELL = '"natural_person": 1'


def filled(**dumps: Any) -> str:
    """The example as JSON with its first cell filled (1), so that ``CELL`` can be edited in the text."""
    return json.dumps(put(doc(), ("applications", "received", "natural_person"), 1), **dumps)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(filled(ensure_ascii=False), id="str"),
        pytest.param(filled(ensure_ascii=False).encode(), id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + filled().encode(), id="bom"),
        pytest.param(filled().encode("utf-16"), id="utf-16"),
        pytest.param(filled().replace(CELL, '"natural_person": 100000000000000000000001'), id="huge-int"),
        pytest.param(filled().replace(CELL, '"natural_person": 1e400'), id="inf"),
        pytest.param(filled().replace(CELL, '"natural_person": NaN'), id="nan"),
        pytest.param(filled().replace('"preamble": [', '"preamble": ["\\ud800", '), id="surrogate"),
        pytest.param(filled().replace(CELL, '"natural_person": 1, "natural_person": 2'), id="dup-key"),
        pytest.param(filled()[:-1], id="truncated"),
    ],
)
def test_from_json_is_the_same_with_and_without_orjson(text: str | bytes) -> None:
    assert CELL in filled()
    assert outcome(text) == without_orjson(text)


def test_huge_counts_and_lone_surrogates_load_as_the_standard_library_reads_them() -> None:
    """orjson reads an integer beyond 64 bits as a float and refuses a lone surrogate: json decides."""
    report = from_json(filled().replace(CELL, '"natural_person": 100000000000000000000001'))
    assert report.applications.received.natural_person == 10**23 + 1
    report = from_json(filled().replace('"preamble": [', '"preamble": ["\\ud800", '))
    assert report.preamble[0] == "\ud800"


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=5,
)


@given(cell=st.sampled_from(cell_refs()), value=_json_values, keys=st.sampled_from(KEYS))
@settings(max_examples=60, deadline=None)
def test_any_value_in_any_cell_loads_the_same_with_and_without_orjson(
    cell: Any, value: Any, keys: str
) -> None:
    en_parts = tuple(cell.json_path[2:].split("."))
    data = put(doc(), en_parts, value)
    if keys == "zh":
        zh_keys = key_maps("zh")
        zh_parts: tuple[str, ...] = (zh_keys[Report][cell.table.section], cell.row.label)
        if len(en_parts) == 3:
            zh_parts += (cell.column.label,)
        data = put(doc("zh"), zh_parts, value)
    text = json.dumps(data, ensure_ascii=False)
    assert outcome(text, keys) == without_orjson(text, keys)
