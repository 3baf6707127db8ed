"""The cattrs converter factory for report documents and the codec's entry points (``to_dict``, ``from_dict``,
``to_json``, ``from_json``, ``read_json``): a fast pass with generated hooks, then, only when it fails, a
detailed pass that names every problem (``docs/codec.md``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Final

import attrs
from attrs import NOTHING
from cattrs import Converter
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn_from_attrs, make_dict_unstructure_fn, override

from .. import model as model_module
from ..model import _CHECKING, ActiveDisclosure, Narrative, Report, Subsection
from .errors import CodecError, Invalid, ItemErrors, collect, describe
from .keys import RECORDS, Keys, check_keys, is_required, key_maps
from .scalars import (
    COUNT,
    EXPECT_SUBSECTIONS,
    FIELD_SCALARS,
    PARAGRAPHS,
    SCALARS,
    Nested,
    Scalar,
    expect,
    expect_record,
    field_kind,
    is_type,
    s_texts,
)

__all__ = ["from_dict", "from_json", "make_converter", "read_json", "to_dict", "to_json"]


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

    The converter forbids extra keys and uses strict hooks for every field type (``docs/codec.md``).
    With ``detailed=True`` it uses cattrs' detailed validation and raises ``ClassValidationError`` groups
    whose notes name every failing attribute; with ``detailed=False`` it is faster (generated hooks build the
    table rows, see ``_fast_hook``) and raises on the first problem, with no path. :func:`from_dict` uses
    both and turns the errors into one :class:`~gov_disclosure.codec.CodecError`.
    """
    names = key_maps(check_keys(keys))
    _resolve_model_types()
    conv = Converter(forbid_extra_keys=True, detailed_validation=detailed)
    for scalar in SCALARS:
        if isinstance(scalar.type, type):
            # Plain classes (str, AgencyKind) must be registered directly: cattrs' own hooks for them would
            # take precedence over a predicate.
            conv.register_structure_hook(scalar.type, scalar.structure)
            conv.register_unstructure_hook(scalar.type, scalar.unstructure)
        else:
            conv.register_structure_hook_func(is_type(scalar.type), scalar.structure)
            conv.register_unstructure_hook_func(is_type(scalar.type), scalar.unstructure)
    structure_subsections, unstructure_subsections = _subsection_hooks(conv)
    conv.register_structure_hook_func(is_type(tuple[Subsection, ...]), structure_subsections)
    conv.register_unstructure_hook_func(is_type(tuple[Subsection, ...]), unstructure_subsections)

    def structure_factory(cl: type) -> Callable[[Any, Any], Any]:
        return _structure_fn(cl, conv, names, detailed, structure_subsections)

    def unstructure_factory(cl: type) -> Callable[[Any], Any]:
        renames: dict[str, Any] = {a: override(rename=k) for a, k in names[cl].items()}
        fn: Callable[[Any], Any] = make_dict_unstructure_fn(cl, conv, **renames)
        return fn

    def is_record(t: Any) -> bool:
        return isinstance(t, type) and t in RECORDS

    conv.register_structure_hook_factory(is_record, structure_factory)
    conv.register_unstructure_hook_factory(is_record, unstructure_factory)
    return conv


def _subsection_hooks(
    conv: Converter,
) -> tuple[Callable[[Any, Any], tuple[Subsection, ...]], Callable[[tuple[Subsection, ...]], list[Any]]]:
    """The structure and unstructure hooks of a narrative's subsections (every bad item named by index)."""

    def structure_subsections(value: Any, _: Any = None) -> tuple[Subsection, ...]:
        if not isinstance(value, list | tuple):
            raise Invalid(f"expected {EXPECT_SUBSECTIONS}, got {describe(value)}")
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
            raise ItemErrors(errors)
        return tuple(out)

    def unstructure_subsections(value: tuple[Subsection, ...]) -> list[Any]:
        hook = conv.get_unstructure_hook(Subsection)
        return [hook(s) for s in value]

    return structure_subsections, unstructure_subsections


def _structure_fn(
    cl: type,
    conv: Converter,
    names: Mapping[type, Mapping[str, str]],
    detailed: bool,
    subsections: Callable[[Any, Any], Any],
) -> Callable[[Any, Any], Any]:
    """The structure hook of ``cl``: keys renamed, required keys as documented, extra keys refused."""
    keys_of = names[cl]
    fields = [a if not is_required(cl, a) else a.evolve(default=NOTHING) for a in attrs.fields(cl)]
    overrides: dict[str, Any] = {}
    for a in fields:
        kind = field_kind(cl, a.name)  # raises on a field type without a rule
        hook = kind.structure if (cl, a.name) in FIELD_SCALARS and isinstance(kind, Scalar) else None
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
        hooks = {a.name: _fast_field_hook(cl, a.name, conv, subsections) for a in fields}
        return _fast_hook(cl, names, fn, hooks)
    expected = expect_record(cl, keys_of)

    def checked(value: Any, t: Any) -> Any:
        if not isinstance(value, Mapping):
            raise Invalid(f"expected {expected}, got {describe(value)}")
        return fn(value, t)

    return checked


#: Records whose every field is a count: the model gave them a checking constructor and its positional
#: twin ``_from_counts`` (``model._count_record``).
_COUNT_RECORDS: Final = tuple(cl for cl in RECORDS if hasattr(cl, "_from_counts"))


def _row_kind(cl: type) -> type | None:
    """The count record every field of ``cl`` holds (table 三's and 四's records), else ``None``."""
    kinds = [field_kind(cl, a.name) for a in attrs.fields(cl)]
    first = kinds[0]
    if isinstance(first, type) and first in _COUNT_RECORDS and all(k is first for k in kinds):
        return first
    return None


def _fast_texts(value: Any) -> Any:
    """Paragraphs: a list becomes a tuple; the record's own validator checks the items are strings."""
    return tuple(value) if value.__class__ is list else s_texts(value)


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
    kind = field_kind(cl, name)
    if isinstance(kind, Scalar):
        if cl in _SELF_CHECKING and kind is COUNT:
            return identity, ()  # the record's own validator checks it
        if cl in _SELF_CHECKING and kind is PARAGRAPHS:
            return _fast_texts, ()
        return kind.structure, (None,)
    if kind is Nested.SUBSECTIONS:
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
    return _unstructure_hook(check_keys(keys))(report)


def from_dict(data: Any, *, keys: Keys = "en") -> Report:
    """Read a report from plain data (as :func:`json.loads` returns it).

    Raises:
        CodecError: listing every problem of the document with its JSON path.
    """
    keys = check_keys(keys)
    report = _fast_pass(data, keys)
    if report is not None:
        return report
    # The detailed pass says what is wrong, and where.
    try:
        report = _structure_hook(keys, True)(data, Report)
    except Exception as exc:
        names = key_maps(keys)
        raise CodecError(collect(exc, names, lambda cl, name: expect(cl, name, names))) from None
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
    keys = check_keys(keys)
    return read_json(text, lambda _data: keys)


def read_json(text: str | bytes | bytearray, keys_of: Callable[[Any], Keys]) -> Report:
    """Read a report from JSON text in either key language: :func:`from_json` with the key language chosen
    from the parsed document by ``keys_of``.

    For readers that accept both key languages (as :func:`gov_disclosure.batch.load` does): ``keys_of`` sees
    the data as parsed (any JSON value), before any check, and returns ``"en"`` or ``"zh"``; anything else
    raises :class:`ValueError`. Reading is otherwise exactly that of :func:`from_json`.

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
            report = _fast_pass(data, check_keys(keys_of(data)))
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
    return from_dict(data, keys=check_keys(keys_of(data)))
