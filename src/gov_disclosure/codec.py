"""The JSON codec: a :class:`~gov_disclosure.model.Report` to and from plain data and JSON; its JSON Schema.

Two key languages share one document shape:

* ``keys="en"`` (default): the model's snake_case field names, e.g.
  ``$.applications.received.natural_person``;
* ``keys="zh"``: the official labels of :mod:`gov_disclosure.form` for tables, rows and columns
  (``$.表三.一、本年新收政府信息公开申请数量.自然人``), the official section headings for the narrative
  sections, and the Chinese names of :data:`ZH_KEYS` for everything else (``基本信息``, ``机关名称``, …).

Reading is strict. A count is a JSON integer ≥ 0 or ``null`` (blank): ``"5"``, ``5.7``, ``5.0`` and
``true`` are rejected. The fee (万元) is a decimal string such as ``"12.50"`` or an integer ≥ 0, or ``null``;
it becomes a :class:`~decimal.Decimal` and is written back as a string keeping its exponent (``"1.50"``
stays ``"1.50"``). Dates are ``"YYYY-MM-DD"`` strings; the agency kind is its value (``"government"``,
``"department"``, ``"other"``). Unknown keys are rejected everywhere.

Required keys: ``meta`` with ``agency``, ``year`` and ``kind``; the three tables, every row of every table
and every cell of every row (``null`` for a blank cell). Optional keys, which take the model's default when
missing: the other ``meta`` fields (``null``), ``preamble`` and the narrative sections (empty), and inside a
narrative ``paragraphs`` and ``subsections`` (empty). :func:`to_dict` always writes every key.

Every problem of a document is reported at once, in one :class:`CodecError` listing ``(JSON path, message)``
pairs; each message says what was expected and what was found.

Loading runs a fast cattrs converter first (no detailed validation, strict hooks) and, only when it fails, a
second converter with detailed validation that collects every error with its path. Both come from
:func:`make_converter`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, Final, Literal

import attrs
from attrs import NOTHING
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
)
from cattrs.fns import identity
from cattrs.gen import (
    make_dict_structure_fn_from_attrs,
    make_dict_unstructure_fn,
    override,
)

from . import form
from . import model as model_module
from .model import (
    _CHECKING,
    MAX_YEAR,
    MIN_YEAR,
    ActiveDisclosure,
    AgencyKind,
    ApplicantCounts,
    Applications,
    CaseCounts,
    DocumentCounts,
    Meta,
    Narrative,
    Report,
    ReviewLitigation,
    Subsection,
)

__all__ = [
    "ZH_KEYS",
    "CodecError",
    "Keys",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "to_dict",
    "to_json",
]

#: The key language of a document: the model's English field names, or Chinese labels.
Keys = Literal["en", "zh"]

#: Chinese keys for the fields that are not table rows or cells: ``{record: {field: key}}``. These names are
#: this library's choice (the format has no official names for them); table, row and column keys come from
#: :mod:`gov_disclosure.form` and the narrative sections are keyed by their official headings.
ZH_KEYS: Final[Mapping[str, Mapping[str, str]]] = {
    "Report": {"meta": "基本信息", "preamble": "前言"},
    "Meta": {
        "agency": "机关名称",
        "year": "报告年度",
        "kind": "机关类型",
        "region": "行政区域",
        "title": "标题",
        "published": "发布日期",
        "issuer": "落款机关",
        "period_start": "统计期起始日期",
        "period_end": "统计期截止日期",
    },
    "Narrative": {"paragraphs": "段落", "subsections": "分节"},
    "Subsection": {"heading": "小标题", "paragraphs": "段落"},
}

# ---------------------------------------------------------------------------------------------------------
# Key maps


def _row_keys(table: form.Table) -> dict[str, str]:
    return {row.id: row.label for row in table.rows}


def _column_keys(block: form.Block) -> dict[str, str]:
    return {col.id: col.label for col in block.columns}


def _report_zh_keys() -> dict[str, str]:
    keys = dict(ZH_KEYS["Report"])
    tables = {t.section: t for t in form.TABLES}
    for section in form.SECTIONS:
        table = tables.get(section.id)
        if table is None:
            keys[section.id] = section.heading
        else:
            # The table is 表二/表三/表四; the text printed around it sits under the section's heading.
            keys[section.id] = f"表{table.id}"
            keys[f"{section.id}_text"] = section.heading
    return keys


_RECORDS: Final = (
    Report,
    Meta,
    Narrative,
    Subsection,
    ActiveDisclosure,
    DocumentCounts,
    Applications,
    ApplicantCounts,
    ReviewLitigation,
    CaseCounts,
)

#: Records that hold table rows or cells: every key is required.
_TABLE_RECORDS: Final = (
    ActiveDisclosure,
    DocumentCounts,
    Applications,
    ApplicantCounts,
    ReviewLitigation,
    CaseCounts,
)


def _zh_keys() -> dict[type, dict[str, str]]:
    item1 = form.ACTIVE_DISCLOSURE.block("item1")
    out: dict[type, dict[str, str]] = {
        Report: _report_zh_keys(),
        Meta: dict(ZH_KEYS["Meta"]),
        Narrative: dict(ZH_KEYS["Narrative"]),
        Subsection: dict(ZH_KEYS["Subsection"]),
        ActiveDisclosure: _row_keys(form.ACTIVE_DISCLOSURE),
        DocumentCounts: _column_keys(item1),
        Applications: _row_keys(form.APPLICATIONS),
        ApplicantCounts: _column_keys(form.APPLICATIONS.blocks[0]),
        ReviewLitigation: _row_keys(form.REVIEW_LITIGATION),
        CaseCounts: _column_keys(form.REVIEW_LITIGATION.blocks[0]),
    }
    for cl, keys in out.items():
        names = [a.name for a in attrs.fields(cl)]
        if sorted(keys) != sorted(names) or len(set(keys.values())) != len(keys):
            raise AssertionError(f"codec: the zh keys of {cl.__name__} do not match its fields one to one")
    return out


@cache
def _key_maps(keys: Keys) -> Mapping[type, Mapping[str, str]]:
    """``{record class: {field name: document key}}`` for a key language."""
    if keys == "en":
        return {cl: {a.name: a.name for a in attrs.fields(cl)} for cl in _RECORDS}
    if keys == "zh":
        return _zh_keys()
    raise ValueError(f"keys: expected 'en' or 'zh', got {keys!r}")


def _check_keys(keys: object) -> Keys:
    if keys not in ("en", "zh"):
        raise ValueError(f"keys: expected 'en' or 'zh', got {keys!r}")
    return keys


def _is_required(cl: type, a: attrs.Attribute[Any]) -> bool:
    """Whether a document must carry this field's key (see the module docstring)."""
    if a.default is NOTHING or cl in _TABLE_RECORDS:
        return True
    if cl is Report:
        return a.name in {t.section for t in form.TABLES}
    return cl is Meta and a.name == "kind"


# ---------------------------------------------------------------------------------------------------------
# Errors


class CodecError(ValueError):
    """A document that cannot become a :class:`~gov_disclosure.model.Report`.

    ``errors`` lists every problem found, as ``(JSON path, message)`` pairs in document order; the path uses
    the document's key language, e.g. ``$.applications.received.natural_person`` or
    ``$.表三.一、本年新收政府信息公开申请数量.自然人``.
    """

    errors: list[tuple[str, str]]

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = list(errors)
        super().__init__(self.errors)

    @property
    def paths(self) -> list[str]:
        """The JSON path of every error, in order."""
        return [path for path, _ in self.errors]

    def __str__(self) -> str:
        n = len(self.errors)
        head = f"{n} error{'s' if n != 1 else ''} in the report document:"
        return "\n".join([head, *(f"  {path}: {message}" for path, message in self.errors)])


class _Invalid(ValueError):
    """A value that is not what its field expects; the message says what was expected and what came."""


class _ItemErrors(ValueError):
    """Errors of some items of an array, by index."""

    def __init__(self, errors: list[tuple[int, Exception]]) -> None:
        super().__init__(f"{len(errors)} invalid item(s)")
        self.errors = errors


def _describe(value: object) -> str:
    """What was found, in JSON terms: ``the string "5"``, ``the number 5.7``, ``true``, ``an array``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        if len(text) > 42:
            text = text[:40] + '…"'
        return f"the string {text}"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a Python {type(value).__name__}"


# ---------------------------------------------------------------------------------------------------------
# Scalars: one strict structure hook, one unstructure hook and one JSON Schema per field type

#: A fee string: digits, optionally a point and more digits (no sign, exponent, spaces or separators).
FEE_PATTERN: Final = r"[0-9]+(?:\.[0-9]+)?"
_YEAR = r"(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
#: A calendar date ``YYYY-MM-DD`` (years 0001–9999, leap years included), as a portable regular expression.
DATE_PATTERN: Final = (
    rf"(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    rf"|{_LEAP_YEAR}-02-29)"
)
_FEE_RE = re.compile(FEE_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)

_EXPECT_COUNT = "a whole number ≥ 0 (JSON integer), or null for a blank cell"
_EXPECT_FEE = (
    'an amount in 万元 ≥ 0 as a decimal string such as "12.50" or an integer, or null for a blank cell'
)
_EXPECT_DATE = 'a date "YYYY-MM-DD", or null'
_EXPECT_NAME = "a non-empty string"
_EXPECT_OPT_NAME = "a non-empty string, or null"
_EXPECT_TEXTS = "an array of strings"
_EXPECT_YEAR = f"a whole number from {MIN_YEAR} to {MAX_YEAR}"
_EXPECT_KIND = "one of " + ", ".join(f'"{k.value}"' for k in AgencyKind)
_EXPECT_SUBSECTIONS = "an array of objects (sub-heading and paragraphs)"


def _s_count(value: Any, _: Any = None) -> int | None:
    if type(value) is int:
        if value >= 0:
            return value
    elif value is None:
        return None
    raise _Invalid(f"expected {_EXPECT_COUNT}, got {_describe(value)}")


def _s_fee(value: Any, _: Any = None) -> Decimal | None:
    if isinstance(value, str):
        if _FEE_RE.fullmatch(value):
            return Decimal(value)
    elif type(value) is int:
        if value >= 0:
            return Decimal(value)
    elif value is None:
        return None
    raise _Invalid(f"expected {_EXPECT_FEE}, got {_describe(value)}")


def _s_date(value: Any, _: Any = None) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        return _dt.date.fromisoformat(value)
    raise _Invalid(f"expected {_EXPECT_DATE}, got {_describe(value)}")


def _s_name(value: Any, _: Any = None) -> str:
    if isinstance(value, str) and value.strip():
        return value
    raise _Invalid(f"expected {_EXPECT_NAME}, got {_describe(value)}")


def _s_opt_name(value: Any, _: Any = None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return value
    raise _Invalid(f"expected {_EXPECT_OPT_NAME}, got {_describe(value)}")


def _s_texts(value: Any, _: Any = None) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        for item in value:
            if not isinstance(item, str):
                break
        else:
            return tuple(value)
        raise _ItemErrors(
            [
                (i, _Invalid(f"expected a string, got {_describe(item)}"))
                for i, item in enumerate(value)
                if not isinstance(item, str)
            ]
        )
    raise _Invalid(f"expected {_EXPECT_TEXTS}, got {_describe(value)}")


def _s_year(value: Any, _: Any = None) -> int:
    if type(value) is int and MIN_YEAR <= value <= MAX_YEAR:
        return value
    raise _Invalid(f"expected {_EXPECT_YEAR}, got {_describe(value)}")


_KINDS: Final = {kind.value: kind for kind in AgencyKind}


def _s_kind(value: Any, _: Any = None) -> AgencyKind:
    if isinstance(value, str):
        kind = _KINDS.get(value)
        if kind is not None:
            return kind
    raise _Invalid(f"expected {_EXPECT_KIND}, got {_describe(value)}")


def _u_fee(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if value.is_zero() and value.is_signed():
        value = value.copy_abs()
    return format(value, "f")


def _u_date(value: _dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _u_kind(value: AgencyKind) -> str:
    return value.value


@attrs.frozen
class _Scalar:
    """How one field type is read, written and described in the schema."""

    type: Any
    name: str
    expect: str
    structure: Callable[[Any, Any], Any]
    unstructure: Callable[[Any], Any]
    schema: dict[str, Any]


_NOT_BLANK = r"\S"

_SCALARS: Final[tuple[_Scalar, ...]] = (
    _Scalar(
        int | None,
        "count",
        _EXPECT_COUNT,
        _s_count,
        identity,
        {
            "description": "A count ≥ 0; null when the report left the cell blank (blank is not zero).",
            "type": ["integer", "null"],
            "minimum": 0,
        },
    ),
    _Scalar(
        Decimal | None,
        "amount",
        _EXPECT_FEE,
        _s_fee,
        _u_fee,
        {
            "description": 'An amount in 万元 ≥ 0: a decimal string such as "12.50" (written with the '
            "stated number of decimals) or an integer; null when blank.",
            "type": ["string", "integer", "null"],
            "pattern": f"^{FEE_PATTERN}$",
            "minimum": 0,
        },
    ),
    _Scalar(
        _dt.date | None,
        "date",
        _EXPECT_DATE,
        _s_date,
        _u_date,
        {
            "description": "A calendar date YYYY-MM-DD, or null.",
            "type": ["string", "null"],
            "format": "date",
            "maxLength": 10,
            "pattern": f"^{DATE_PATTERN}$",
        },
    ),
    _Scalar(
        str,
        "name",
        _EXPECT_NAME,
        _s_name,
        identity,
        {"description": "A non-empty string (not only spaces).", "type": "string", "pattern": _NOT_BLANK},
    ),
    _Scalar(
        str | None,
        "optionalName",
        _EXPECT_OPT_NAME,
        _s_opt_name,
        identity,
        {
            "description": "A non-empty string (not only spaces), or null.",
            "type": ["string", "null"],
            "pattern": _NOT_BLANK,
        },
    ),
    _Scalar(
        tuple[str, ...],
        "paragraphs",
        _EXPECT_TEXTS,
        _s_texts,
        list,
        {"description": "Paragraphs of text, in order.", "type": "array", "items": {"type": "string"}},
    ),
    _Scalar(
        AgencyKind,
        "agencyKind",
        _EXPECT_KIND,
        _s_kind,
        _u_kind,
        {
            "description": "government: 县级以上地方人民政府 (publishes by 31 March); department: "
            "县级以上人民政府部门 (by 31 January); other: 乡镇 and authorised organisations.",
            "enum": [k.value for k in AgencyKind],
        },
    ),
)

#: Fields whose handling is not decided by their type alone.
_YEAR_SCALAR: Final = _Scalar(
    int,
    "year",
    _EXPECT_YEAR,
    _s_year,
    identity,
    {
        "description": "The year the report covers.",
        "type": "integer",
        "minimum": MIN_YEAR,
        "maximum": MAX_YEAR,
    },
)
_FIELD_SCALARS: Final[dict[tuple[type, str], _Scalar]] = {(Meta, "year"): _YEAR_SCALAR}


def _is(expected: Any) -> Callable[[Any], bool]:
    """A cattrs predicate: the type is ``expected`` (unions and generic aliases compare by value)."""

    def predicate(t: Any) -> bool:
        return bool(t == expected)

    return predicate


def _scalar_for(t: Any) -> _Scalar | None:
    for s in _SCALARS:
        if t == s.type:
            return s
    return None


@cache
def _field_types(cl: type) -> dict[str, Any]:
    return typing.get_type_hints(cl)


def _field_kind(cl: type, name: str) -> _Scalar | type | str:
    """A field's handling: a scalar, a record class, or ``"subsections"``."""
    special = _FIELD_SCALARS.get((cl, name))
    if special is not None:
        return special
    t = _field_types(cl)[name]
    scalar = _scalar_for(t)
    if scalar is not None:
        return scalar
    if isinstance(t, type) and t in _RECORDS:
        return t
    if t == tuple[Subsection, ...]:
        return "subsections"
    raise TypeError(f"codec: no rule for {cl.__name__}.{name} of type {t!r}")


def _expect_record(cl: type, keys_of: Mapping[str, str]) -> str:
    keys = list(keys_of.values())
    if len(keys) <= 11:
        return "an object with the keys " + ", ".join(keys)
    return f"an object with the {len(keys)} keys {keys[0]}, {keys[1]}, …, {keys[-1]}"


def _expect(cl: type, name: str, names: Mapping[type, Mapping[str, str]]) -> str:
    kind = _field_kind(cl, name)
    if isinstance(kind, _Scalar):
        return kind.expect
    if kind == "subsections":
        return _EXPECT_SUBSECTIONS
    assert isinstance(kind, type)
    return _expect_record(kind, names[kind])


# ---------------------------------------------------------------------------------------------------------
# The converter factory


def _resolve_model_types() -> None:
    """Resolve the model's string annotations before cattrs reads them (PEP 563 postponed annotations).

    Without this, the structure hooks of a fresh process see ``'Meta'`` instead of the class. Idempotent.
    """
    for name in model_module.__all__:
        obj = getattr(model_module, name)
        if attrs.has(obj):
            attrs.resolve_types(obj)


def make_converter(keys: Keys = "en", *, detailed: bool = True) -> Converter:
    """A cattrs converter for :class:`~gov_disclosure.model.Report` documents in one key language.

    The converter forbids extra keys and uses strict hooks for every field type (see the module docstring).
    With ``detailed=True`` it uses cattrs' detailed validation and raises ``ClassValidationError`` groups
    whose notes name every failing attribute; with ``detailed=False`` it is faster (generated hooks build the
    table rows, see ``_fast_hook``) and raises on the first problem, with no path. :func:`from_dict` uses
    both and turns the errors into one :class:`CodecError`.
    """
    names = _key_maps(_check_keys(keys))
    _resolve_model_types()
    conv = Converter(forbid_extra_keys=True, detailed_validation=detailed)
    for scalar in _SCALARS:
        if isinstance(scalar.type, type):
            # Plain classes (str, AgencyKind) must be registered directly: cattrs' own hooks for them would
            # take precedence over a predicate.
            conv.register_structure_hook(scalar.type, scalar.structure)
            conv.register_unstructure_hook(scalar.type, scalar.unstructure)
        else:
            conv.register_structure_hook_func(_is(scalar.type), scalar.structure)
            conv.register_unstructure_hook_func(_is(scalar.type), scalar.unstructure)

    def structure_subsections(value: Any, _: Any = None) -> tuple[Subsection, ...]:
        if not isinstance(value, list | tuple):
            raise _Invalid(f"expected {_EXPECT_SUBSECTIONS}, got {_describe(value)}")
        if not value:
            return ()
        hook = conv.get_structure_hook(Subsection)
        out: list[Subsection] = []
        errors: list[tuple[int, Exception]] = []
        for i, item in enumerate(value):
            try:
                out.append(hook(item, Subsection))
            except Exception as exc:
                errors.append((i, exc))
        if errors:
            raise _ItemErrors(errors)
        return tuple(out)

    def unstructure_subsections(value: tuple[Subsection, ...]) -> list[Any]:
        hook = conv.get_unstructure_hook(Subsection)
        return [hook(s) for s in value]

    conv.register_structure_hook_func(_is(tuple[Subsection, ...]), structure_subsections)
    conv.register_unstructure_hook_func(_is(tuple[Subsection, ...]), unstructure_subsections)

    def structure_factory(cl: type) -> Callable[[Any, Any], Any]:
        keys_of = names[cl]
        fields = [a if not _is_required(cl, a) else a.evolve(default=NOTHING) for a in attrs.fields(cl)]
        overrides: dict[str, Any] = {}
        for a in fields:
            kind = _field_kind(cl, a.name)  # raises on a field type without a rule
            hook = kind.structure if (cl, a.name) in _FIELD_SCALARS and isinstance(kind, _Scalar) else None
            overrides[a.name] = override(rename=keys_of[a.name], struct_hook=hook)
        fn: Callable[[Any, Any], Any] = make_dict_structure_fn_from_attrs(
            fields,
            cl,
            conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=detailed,
            **overrides,
        )
        if not detailed:
            hooks = {a.name: _fast_field_hook(cl, a.name, conv, structure_subsections) for a in fields}
            return _fast_hook(cl, names, fn, hooks)
        expect = _expect_record(cl, keys_of)

        def checked(value: Any, t: Any) -> Any:
            if not isinstance(value, Mapping):
                raise _Invalid(f"expected {expect}, got {_describe(value)}")
            return fn(value, t)

        return checked

    def unstructure_factory(cl: type) -> Callable[[Any], Any]:
        renames: dict[str, Any] = {a: override(rename=k) for a, k in names[cl].items()}
        fn: Callable[[Any], Any] = make_dict_unstructure_fn(cl, conv, **renames)
        return fn

    def is_record(t: Any) -> bool:
        return isinstance(t, type) and t in _RECORDS

    conv.register_structure_hook_factory(is_record, structure_factory)
    conv.register_unstructure_hook_factory(is_record, unstructure_factory)
    return conv


#: Records whose every field is a count: the model gave them a checking constructor and its positional
#: twin ``_from_counts`` (``model._count_record``).
_COUNT_RECORDS: Final = tuple(cl for cl in _RECORDS if hasattr(cl, "_from_counts"))


def _row_kind(cl: type) -> type | None:
    """The count record every field of ``cl`` holds (table 三's and 四's records), else ``None``."""
    kinds = [_field_kind(cl, a.name) for a in attrs.fields(cl)]
    first = kinds[0]
    if isinstance(first, type) and first in _COUNT_RECORDS and all(k is first for k in kinds):
        return first
    return None


def _fast_texts(value: Any) -> Any:
    """Paragraphs: a list becomes a tuple; the record's own validator checks the items are strings."""
    return tuple(value) if value.__class__ is list else _s_texts(value)


#: Records whose validator checks their count fields and paragraph lists with the codec's own rule.
_SELF_CHECKING: Final = (ActiveDisclosure, Narrative, Subsection, Report)


#: A field's reader in the fast pass: a function and the extra arguments it takes after the field's value.
_FieldHook = tuple[Callable[..., Any], tuple[Any, ...]]


def _fast_field_hook(
    cl: type, name: str, conv: Converter, subsections: Callable[[Any, Any], Any]
) -> _FieldHook:
    """How the fast pass reads one field of ``cl``: ``func(value, *extra)`` as ``(func, extra)``.

    Where the record's own validator applies the codec's rule (a count of table 二, paragraphs), the value
    is handed on as it is (a list of paragraphs as a tuple); elsewhere the strict hook of the field's type.
    The generated code calls the hook directly (no wrapper function per field).
    """
    kind = _field_kind(cl, name)
    if isinstance(kind, _Scalar):
        if cl in _SELF_CHECKING and kind.name == "count":
            return identity, ()  # the record's own validator checks it
        if cl in _SELF_CHECKING and kind.name == "paragraphs":
            return _fast_texts, ()
        return kind.structure, (None,)
    if kind == "subsections":
        return subsections, (None,)
    assert isinstance(kind, type)
    return conv.get_structure_hook(kind), (kind,)


def _fast_hook(
    cl: type,
    names: Mapping[type, Mapping[str, str]],
    generic: Callable[[Any, Any], Any],
    hooks: Mapping[str, _FieldHook],
) -> Callable[[Any, Any], Any]:
    """The fast converter's hook of ``cl``: generated code for the usual document, ``generic`` for the rest.

    The usual document has every key (as :func:`to_dict` writes it). When ``cl``'s value is a ``dict`` with
    as many keys as ``cl`` has fields, the generated code reads each field's key directly (a missing key
    raises ``KeyError``) and calls the field's hook from ``hooks`` (see :func:`_fast_field_hook`), without
    cattrs' tests of which keys are present. Table rows, 30 of a report's 41 records, go further: a count
    record's values go unchanged to its constructor, which checks them all in one expression
    (``model._count_record``: the codec's rule, ``None`` or an ``int`` ≥ 0, never a ``bool``), and a table
    of count records (三, 四) builds its rows inline. An empty narrative is one shared empty
    :class:`~gov_disclosure.model.Narrative`. Any other value goes to the cattrs-made hook ``generic``. A
    failure only ends the fast pass (:func:`_fast_pass`, in a checked context): the detailed converter then
    names every problem.

    The code is generated, as cattrs' own hooks are: keyword arguments spelled out in the source are matched
    by identity, where ``cl(**value)`` with the (not interned) keys of a parsed document is not; count
    records are built through their positional twin ``_from_counts``, which needs no dictionary of
    keywords.
    """

    def build(record: str, row_cl: type, value: str) -> str:
        # The values in field order, to the positional twin of the constructor (model._count_record).
        arguments = ", ".join(f"{value}[{key!r}]" for key in names[row_cl].values())
        return f"{record}._from_counts({arguments})"

    def is_row(value: str, row_cl: type) -> str:
        return f"{value}.__class__ is dict and len({value}) == {len(names[row_cl])}"

    keys_of = names[cl]
    namespace: dict[str, Any] = {"cl": cl, "generic": generic}
    row_cl = _row_kind(cl)
    if cl in _COUNT_RECORDS:
        lines = [f"    if {is_row('value', cl)}:", f"        return {build('cl', cl, 'value')}"]
    elif row_cl is not None:
        namespace["row"] = row_cl
        rows = [f"_{i}" for i in range(len(keys_of))]
        lines = [
            f"    if {is_row('value', cl)}:",
            *(f"        {var} = value[{key!r}]" for var, key in zip(rows, keys_of.values(), strict=True)),
            "        if " + " and ".join(f"({is_row(var, row_cl)})" for var in rows) + ":",
            "            return cl("
            + ", ".join(
                f"{name}={build('row', row_cl, var)}" for name, var in zip(keys_of, rows, strict=True)
            )
            + ")",
        ]
    else:
        # Every key present (as to_dict writes them): each field's hook, no test of which keys are there.
        calls = {}
        for name, key in keys_of.items():
            func, extra = hooks[name]
            namespace[f"_h_{name}"] = func
            namespace.update({f"_a{i}_{name}": arg for i, arg in enumerate(extra)})
            more = "".join(f", _a{i}_{name}" for i in range(len(extra)))
            calls[name] = f"_h_{name}(value[{key!r}]{more})"
        arguments = ", ".join(f"{name}={call}" for name, call in calls.items())
        lines = [f"    if {is_row('value', cl)}:", f"        return cl({arguments})"]
        if cl is Narrative:
            # Most narratives of a table-centred report are empty: one shared (frozen) empty record.
            namespace.update(empty_value={key: [] for key in keys_of.values()}, empty=Narrative())
            lines[:0] = ["    if value == empty_value:", "        return empty"]
    source = "\n".join(["def structure(value, t):", *lines, "    return generic(value, t)"])
    exec(compile(source, f"<gov_disclosure fast structure {cl.__name__}>", "exec"), namespace)
    hook: Callable[[Any, Any], Any] = namespace["structure"]
    return hook


@cache
def _structure_hook(keys: Keys, detailed: bool) -> Callable[[Any, Any], Report]:
    hook: Callable[[Any, Any], Report] = make_converter(keys, detailed=detailed).get_structure_hook(Report)
    return hook


@cache
def _unstructure_hook(keys: Keys) -> Callable[[Report], dict[str, Any]]:
    hook: Callable[[Report], dict[str, Any]] = make_converter(keys, detailed=False).get_unstructure_hook(
        Report
    )
    return hook


# ---------------------------------------------------------------------------------------------------------
# Error paths

Path = tuple[str | int, ...]
_PLAIN_KEY = re.compile(r"[^\s.\[\]'\"$@*()?,:]+")


def format_path(parts: Path) -> str:
    """A JSON path string such as ``$.a.b[0]``, as :class:`CodecError` names places.

    Keys that are not plain words are quoted: ``$.表三["1.属于国家秘密"]``.
    """
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif isinstance(part, str) and _PLAIN_KEY.fullmatch(part):
            out.append(f".{part}")
        else:
            text = part if isinstance(part, str) else repr(part)
            out.append(f"[{json.dumps(text, ensure_ascii=False)}]")
    return "".join(out)


def _attribute_note(exc: BaseException) -> AttributeValidationNote | None:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return note
    return None


def _unknown_key(key: object, expected: Mapping[str, str]) -> str:
    message = "unknown key"
    if isinstance(key, str):
        close = difflib.get_close_matches(key, list(expected.values()), n=1)
        if close:
            return f'{message}; did you mean "{close[0]}"?'
    else:
        return f"{message}: keys must be strings, got {_describe(key)}"
    return f"{message}; expected only: " + ", ".join(expected.values())


def _collect(
    exc: BaseException,
    path: Path,
    names: Mapping[type, Mapping[str, str]],
    out: list[tuple[Path, str]],
) -> None:
    """Flatten a cattrs error tree into ``(path, message)`` pairs."""
    if isinstance(exc, ClassValidationError):
        cl = exc.cl
        keys_of = names.get(cl, {})
        for sub in exc.exceptions:
            note = _attribute_note(sub)
            if note is not None:
                key = keys_of.get(note.name, note.name)
                if isinstance(sub, KeyError):
                    expected = _expect(cl, note.name, names)
                    out.append(((*path, key), f"missing required key: expected {expected}"))
                else:
                    _collect(sub, (*path, key), names, out)
            elif isinstance(sub, ForbiddenExtraKeysError):
                for extra in sorted(sub.extra_fields, key=str):
                    # A non-string key (possible in Python data, not in JSON) is named by its repr.
                    part = extra if isinstance(extra, str) else repr(extra)
                    out.append(((*path, part), _unknown_key(extra, keys_of)))
            else:
                # The record's own validator refused the values (model.py): name the field when it can.
                message = str(sub)
                match = re.match(rf"{re.escape(cl.__name__)}\.(\w+)(?:\[\d+\])?: (.*)", message, re.S)
                if match and match.group(1) in keys_of:
                    out.append(((*path, keys_of[match.group(1)]), match.group(2)))
                else:
                    out.append((path, message))
    elif isinstance(exc, _ItemErrors):
        for index, sub in exc.errors:
            _collect(sub, (*path, index), names, out)
    elif isinstance(exc, _Invalid):
        out.append((path, str(exc)))
    else:
        out.append((path, f"{type(exc).__name__}: {exc}"))


# ---------------------------------------------------------------------------------------------------------
# Public API


def _find_orjson() -> Callable[[str | bytes | bytearray], Any] | None:
    """``orjson.loads`` when the ``fast`` extra is installed (a parser about three times faster)."""
    try:
        from orjson import loads
    except ImportError:  # pragma: no cover - the tests hide orjson by setting _orjson_loads to None
        return None
    return loads


_orjson_loads = _find_orjson()


def _fast_pass(data: Any, keys: Keys) -> Report | None:
    """The report when the fast converter loads ``data``, else ``None`` (the detailed pass then explains).

    It runs in a checked context: the count records' constructor is part of it (see :func:`_fast_hook`), so
    :func:`gov_disclosure.model.unchecked` must not loosen it.
    """
    token = _CHECKING.set(True)
    try:
        return _structure_hook(keys, False)(data, Report)
    except Exception:
        return None
    finally:
        _CHECKING.reset(token)


def to_dict(report: Report, *, keys: Keys = "en") -> dict[str, Any]:
    """The report as plain JSON-ready data (dicts, lists, strings, ints and ``None``), every key present."""
    return _unstructure_hook(_check_keys(keys))(report)


def from_dict(data: Any, *, keys: Keys = "en") -> Report:
    """Read a report from plain data (as :func:`json.loads` returns it).

    Raises:
        CodecError: listing every problem of the document with its JSON path.
    """
    keys = _check_keys(keys)
    report = _fast_pass(data, keys)
    if report is not None:
        return report
    # The detailed pass says what is wrong, and where.
    try:
        report = _structure_hook(keys, True)(data, Report)
    except Exception as exc:
        found: list[tuple[Path, str]] = []
        _collect(exc, (), _key_maps(keys), found)
        raise CodecError([(format_path(p), m) for p, m in found]) from None
    return report  # pragma: no cover - the fast pass failed where the detailed one succeeded


def to_json(report: Report, *, keys: Keys = "en", indent: int | None = None) -> str:
    """The report as JSON text (UTF-8 characters kept as they are, not ``\\u`` escapes)."""
    return json.dumps(to_dict(report, keys=keys), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes | bytearray, *, keys: Keys = "en") -> Report:
    """Read a report from JSON text (``str``, or UTF-8/16/32 ``bytes``).

    With the ``fast`` extra installed, the text is parsed by ``orjson`` first; whatever it refuses or reads
    differently (a byte-order mark, UTF-16/32 bytes, a lone surrogate, an integer beyond 64 bits, which
    orjson reads as a float) is read again by :func:`json.loads`, so the result and every error are exactly
    those of the standard library. Bytes as read from a file load faster than the same text as ``str``
    (orjson reads UTF-8; a ``str`` must be encoded first).

    Raises:
        CodecError: when the text is not JSON, or listing every problem of the document.
    """
    keys = _check_keys(keys)
    return _read_json(text, lambda _data: keys)


def _read_json(text: str | bytes | bytearray, keys_of: Callable[[Any], Keys]) -> Report:
    """:func:`from_json` with the key language chosen from the parsed document by ``keys_of``.

    For readers that accept both key languages (:func:`gov_disclosure.batch.load`); ``keys_of`` sees the
    data as parsed, before any check, and must return ``"en"`` or ``"zh"``.

    Raises:
        CodecError: when the text is not JSON, or listing every problem of the document.
    """
    if _orjson_loads is not None:
        try:
            data = _orjson_loads(text)
        except (ValueError, TypeError):
            pass
        else:
            # Only a document that loads as it is: a float anywhere is refused by every hook (counts, year
            # and fee are integers or strings), so orjson's reading of a huge integer never passes.
            report = _fast_pass(data, _check_keys(keys_of(data)))
            if report is not None:
                return report
            # Anything else is read again below with the standard library, which explains the errors.
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodecError(
            [("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
        ) from None
    except UnicodeDecodeError as exc:
        message = f"not valid JSON: the bytes are not UTF-8/16/32 text ({exc.reason})"
        raise CodecError([("$", message)]) from None
    return from_dict(data, keys=_check_keys(keys_of(data)))


# ---------------------------------------------------------------------------------------------------------
# JSON Schema


def _labels(keys: Keys) -> dict[type, dict[str, str]]:
    """Titles for table properties: the official label under en keys, the English id under zh keys."""
    other: Keys = "zh" if keys == "en" else "en"
    return {cl: dict(_key_maps(other)[cl]) for cl in _TABLE_RECORDS}


def json_schema(keys: Keys = "en") -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) accepting exactly the documents :func:`from_dict` accepts.

    Two limits of JSON Schema itself: its data model does not tell ``5.0`` from ``5``, so the schema
    accepts an integral number where the codec requires a JSON integer; and ``$`` in a ``pattern`` also
    matches before a final newline in Python's ``re`` (used by the ``jsonschema`` package), so a fee string
    with one trailing newline passes that validator but not the codec.
    """
    keys = _check_keys(keys)
    names = _key_maps(keys)
    titles = _labels(keys)
    defs: dict[str, Any] = {}

    def ref(name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def field_schema(cl: type, name: str) -> dict[str, Any]:
        kind = _field_kind(cl, name)
        if isinstance(kind, _Scalar):
            defs.setdefault(kind.name, kind.schema)
            return ref(kind.name)
        if kind == "subsections":
            record(Subsection)
            return {"type": "array", "items": ref("Subsection")}
        assert isinstance(kind, type)
        record(kind)
        return ref(kind.__name__)

    def record(cl: type) -> None:
        if cl.__name__ in defs:
            return
        defs[cl.__name__] = {}  # reserve the name (records nest)
        keys_of = names[cl]
        properties: dict[str, Any] = {}
        for a in attrs.fields(cl):
            prop = field_schema(cl, a.name)
            title = titles.get(cl, {}).get(a.name)
            if title is not None and title != keys_of[a.name]:
                prop = {**prop, "title": title}
            properties[keys_of[a.name]] = prop
        doc = (cl.__doc__ or cl.__name__).strip().splitlines()[0]
        defs[cl.__name__] = {
            "description": doc,
            "type": "object",
            "properties": properties,
            "required": [keys_of[a.name] for a in attrs.fields(cl) if _is_required(cl, a)],
            "additionalProperties": False,
        }

    record(Report)
    top = defs.pop("Report")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:gov-disclosure:report:{form.FORM_VERSION}:{keys}",
        "title": f"{form.TITLE_SUFFIX} ({form.FORM_SOURCE}), gov-disclosure JSON with {keys} keys",
        **top,
        "$defs": dict(sorted(defs.items())),
    }
