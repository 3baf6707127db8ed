"""``json_schema()`` accepts exactly what the codec accepts, and names the same paths when it refuses."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from docedit import drop, put
from gov_disclosure import build, form
from gov_disclosure.codec import CodecError, format_path, from_dict, json_schema, to_dict
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import ActiveDisclosure, DocumentCounts, Narrative, Report, Subsection
from gov_disclosure.strategies import reports

KEYS = ("en", "zh")
VALIDATORS = {keys: Draft202012Validator(json_schema(keys)) for keys in KEYS}  # type: ignore[arg-type]


def schema_paths(data: Any, keys: str) -> set[str]:
    """Every path the schema refuses, named as the codec names it (the missing or extra key itself)."""
    out: set[str] = set()

    def visit(error: ValidationError) -> None:
        path = tuple(error.absolute_path)
        if error.validator == "required":
            for key in error.validator_value:
                if key not in error.instance:
                    out.add(format_path((*path, key)))
        elif error.validator == "additionalProperties":
            for key in set(error.instance) - set(error.schema.get("properties", {})):
                out.add(format_path((*path, key)))
        else:
            out.add(format_path(path))

    for error in VALIDATORS[keys].iter_errors(data):
        visit(error)
    return out


def codec_paths(data: Any, keys: str) -> set[str] | None:
    """``None`` when the codec accepts the document, else the set of refused paths."""
    try:
        from_dict(data, keys=keys)  # type: ignore[arg-type]
    except CodecError as error:
        return set(error.paths)
    return None


# ---------------------------------------------------------------------------------------------------------
# The schema itself


@pytest.mark.parametrize("keys", KEYS)
def test_schema_is_a_valid_draft_2020_12_schema(keys: str) -> None:
    schema = json_schema(keys)  # type: ignore[arg-type]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name


def test_schema_names_come_from_the_form() -> None:
    zh = json_schema("zh")
    assert list(zh["$defs"]["Applications"]["properties"]) == [r.label for r in form.APPLICATIONS.rows]
    assert zh["$defs"]["Applications"]["required"] == [r.label for r in form.APPLICATIONS.rows]
    en = json_schema("en")
    assert en["$defs"]["ApplicantCounts"]["properties"]["natural_person"]["title"] == "自然人"
    assert en["required"] == ["meta", "active_disclosure", "applications", "review_litigation"]
    assert en["$defs"]["Meta"]["required"] == ["agency", "year", "kind"]
    assert json_schema("en") == en  # a fresh, equal value on every call
    en["title"] = "changed"
    assert json_schema("en")["title"] != "changed"


@pytest.mark.parametrize("keys", KEYS)
def test_the_bundled_example_validates(keys: str) -> None:
    data = to_dict(naidong_2024(), keys=keys)  # type: ignore[arg-type]
    VALIDATORS[keys].validate(data)
    Draft202012Validator(json_schema(keys), format_checker=FormatChecker()).validate(data)  # type: ignore[arg-type]


@given(report=reports(max_count=10**12))
@settings(max_examples=40, deadline=None)
def test_generated_documents_validate(report: Report) -> None:
    for keys in KEYS:
        VALIDATORS[keys].validate(to_dict(report, keys=keys))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# Rejected by both, at the same path


CELL = {
    "en": ("applications", "received", "natural_person"),
    "zh": ("表三", "一、本年新收政府信息公开申请数量", "自然人"),
}
FEE = {"en": ("active_disclosure", "fees"), "zh": ("表二", "行政事业性收费")}
DATE = {"en": ("meta", "published"), "zh": ("基本信息", "发布日期")}
YEAR = {"en": ("meta", "year"), "zh": ("基本信息", "报告年度")}


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize(
    ("where", "value"),
    [
        (CELL, "5"),
        (CELL, 5.7),
        (CELL, True),
        (CELL, -1),
        (CELL, [5]),
        (CELL, {}),
        (FEE, 1.5),
        (FEE, "1.5e3"),
        (FEE, "-1"),
        (FEE, -1),
        (FEE, True),
        (FEE, "1,000"),
        (FEE, "１２"),
        (DATE, "2025-02-30"),
        (DATE, "2025/01/27"),
        (DATE, "20250127"),
        (DATE, "2025-01-27\n"),
        (YEAR, "2024"),
        (YEAR, 1989),
        (YEAR, None),
    ],
)
def test_bad_values_are_rejected_by_both(keys: str, where: dict[str, tuple[str, ...]], value: Any) -> None:
    data = put(to_dict(naidong_2024(), keys=keys), where[keys], value)  # type: ignore[arg-type]
    expected = {format_path(where[keys])}
    assert codec_paths(data, keys) == expected
    assert schema_paths(data, keys) == expected


@pytest.mark.parametrize("keys", KEYS)
def test_missing_and_extra_keys_are_rejected_by_both(keys: str) -> None:
    base = to_dict(naidong_2024(), keys=keys)  # type: ignore[arg-type]
    for path in (CELL[keys], CELL[keys][:2], CELL[keys][:1], YEAR[keys]):
        data = drop(base, path)
        assert codec_paths(data, keys) == schema_paths(data, keys) == {format_path(path)}
    for path in ((*CELL[keys][:2], "extra"), ("extra",), (*YEAR[keys][:1], "extra")):
        data = put(base, path, 0)
        assert codec_paths(data, keys) == schema_paths(data, keys) == {format_path(path)}


def test_documented_limits_of_json_schema() -> None:
    """Integral numbers and a trailing newline in a fee: JSON Schema cannot say what the codec refuses."""
    base = to_dict(naidong_2024())
    for data in (put(base, CELL["en"], 5.0), put(base, FEE["en"], 12.0), put(base, FEE["en"], "12\n")):
        assert codec_paths(data, "en") is not None
        assert VALIDATORS["en"].is_valid(data)


# ---------------------------------------------------------------------------------------------------------
# Agreement on arbitrary single mutations of valid documents


def _base_reports() -> list[Report]:
    filled = attrs.evolve(
        naidong_2024(),
        active_disclosure=ActiveDisclosure(
            rules=DocumentCounts(issued=1, repealed=0, in_force=3), licensing=4, fees=Decimal("0.50")
        ),
        applications=build.applications(
            received={"natural_person": 3, "commercial": 1}, disclosed={"natural_person": 3, "commercial": 1}
        ),
        review_litigation=build.review_litigation(reconsideration={"upheld": 1}),
        applications_text=Narrative(
            paragraphs=("说明。",), subsections=(Subsection(heading="（一）", paragraphs=("a",)),)
        ),
    )
    return [naidong_2024(), filled]


BASES = {keys: [to_dict(r, keys=keys) for r in _base_reports()] for keys in KEYS}  # type: ignore[arg-type]


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _locations(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _locations(v, (*path, i))
    return out


json_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer()),
    st.text(max_size=8).filter(lambda s: not s.endswith("\n")),
    st.sampled_from(
        [
            "5",
            "12.50",
            "0",
            "007",
            "1.",
            ".5",
            "-0",
            "2024-02-29",
            "2023-02-29",
            "2025-01-27",
            "government",
            "department",
            "other",
            "",
            " ",
            "\u3000",
            "\x1c",
            "\u00a0",
            "\ufeff",
            "x",
            "-1",
            "1e3",
        ]
    ),
    st.just([]),
    st.just({}),
    st.lists(st.one_of(st.text(max_size=3), st.integers(-1, 2)), max_size=2),
    st.fixed_dictionaries({"heading": st.text(max_size=3)}),
    st.fixed_dictionaries({"小标题": st.text(max_size=3), "段落": st.lists(st.text(max_size=2), max_size=1)}),
)


@given(data=st.data())
@settings(max_examples=200, deadline=None)
def test_codec_and_schema_agree_on_any_single_mutation(data: st.DataObject) -> None:
    keys = data.draw(st.sampled_from(KEYS))
    doc = copy.deepcopy(data.draw(st.sampled_from(BASES[keys])))
    path = data.draw(st.sampled_from(_locations(doc)))
    parent: Any = doc
    for part in path[:-1]:
        parent = parent[part]
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if not path:
        doc = data.draw(json_values) if action == "replace" else doc
        if action == "add":
            doc["extra"] = 1
    elif action == "replace":
        parent[path[-1]] = data.draw(json_values)
    elif action == "delete":
        del parent[path[-1]]
    else:
        target = parent[path[-1]]
        if isinstance(target, dict):
            target[data.draw(st.text(max_size=6))] = data.draw(json_values)
        elif isinstance(target, list):
            target.append(data.draw(json_values))
        else:
            parent[path[-1]] = data.draw(json_values)
    from_codec = codec_paths(doc, keys)
    from_schema = schema_paths(doc, keys)
    assert (from_codec is None) == (not from_schema), (from_codec, from_schema)
    if from_codec is not None:
        assert from_codec == from_schema
