"""The field types of a report document: for each, one strict structure hook, one unstructure hook, what it
expects (for error messages) and its JSON Schema fragment; and which of them, or which record, each model
field is (``docs/codec.md``).
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, Final

import attrs
from cattrs.fns import identity

from ..model import MAX_YEAR, MIN_YEAR, AgencyKind, Meta, Subsection
from .errors import Invalid, ItemErrors, describe
from .keys import RECORDS

__all__ = [
    "AGENCY_KIND",
    "AMOUNT",
    "COUNT",
    "DATE",
    "DATE_PATTERN",
    "EXPECT_SUBSECTIONS",
    "FEE_PATTERN",
    "FIELD_SCALARS",
    "NAME",
    "OPTIONAL_NAME",
    "PARAGRAPHS",
    "SCALARS",
    "YEAR",
    "Nested",
    "Scalar",
    "expect",
    "expect_record",
    "field_kind",
    "is_type",
    "s_texts",
]

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
EXPECT_SUBSECTIONS = "an array of objects (sub-heading and paragraphs)"


def _s_count(value: Any, _: Any = None) -> int | None:
    if type(value) is int:
        if value >= 0:
            return value
    elif value is None:
        return None
    raise Invalid(f"expected {_EXPECT_COUNT}, got {describe(value)}")


def _s_fee(value: Any, _: Any = None) -> Decimal | None:
    if isinstance(value, str):
        if _FEE_RE.fullmatch(value):
            return Decimal(value)
    elif type(value) is int:
        if value >= 0:
            return Decimal(value)
    elif value is None:
        return None
    raise Invalid(f"expected {_EXPECT_FEE}, got {describe(value)}")


def _s_date(value: Any, _: Any = None) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        return _dt.date.fromisoformat(value)
    raise Invalid(f"expected {_EXPECT_DATE}, got {describe(value)}")


def _s_name(value: Any, _: Any = None) -> str:
    if isinstance(value, str) and value.strip():
        return value
    raise Invalid(f"expected {_EXPECT_NAME}, got {describe(value)}")


def _s_opt_name(value: Any, _: Any = None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return value
    raise Invalid(f"expected {_EXPECT_OPT_NAME}, got {describe(value)}")


def s_texts(value: Any, _: Any = None) -> tuple[str, ...]:
    """Paragraphs: an array of strings, as a tuple; every item that is not a string is named by its index."""
    if isinstance(value, list | tuple):
        for item in value:
            if not isinstance(item, str):
                break
        else:
            return tuple(value)
        raise ItemErrors(
            [
                (i, Invalid(f"expected a string, got {describe(item)}"))
                for i, item in enumerate(value)
                if not isinstance(item, str)
            ]
        )
    raise Invalid(f"expected {_EXPECT_TEXTS}, got {describe(value)}")


def _s_year(value: Any, _: Any = None) -> int:
    if type(value) is int and MIN_YEAR <= value <= MAX_YEAR:
        return value
    raise Invalid(f"expected {_EXPECT_YEAR}, got {describe(value)}")


_KINDS: Final = {kind.value: kind for kind in AgencyKind}


def _s_kind(value: Any, _: Any = None) -> AgencyKind:
    if isinstance(value, str):
        kind = _KINDS.get(value)
        if kind is not None:
            return kind
    raise Invalid(f"expected {_EXPECT_KIND}, got {describe(value)}")


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
class Scalar:
    """How one field type is read, written and described in the schema (``name`` is its ``$defs`` name)."""

    type: Any
    name: str
    expect: str
    structure: Callable[[Any, Any], Any]
    unstructure: Callable[[Any], Any]
    schema: dict[str, Any]


_NOT_BLANK = r"\S"

#: A cell of a table: a count, or null when blank.
COUNT: Final = Scalar(
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
)

#: The fee in 万元.
AMOUNT: Final = Scalar(
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
)

#: A date, or null.
DATE: Final = Scalar(
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
)

#: A non-empty string.
NAME: Final = Scalar(
    str,
    "name",
    _EXPECT_NAME,
    _s_name,
    identity,
    {"description": "A non-empty string (not only spaces).", "type": "string", "pattern": _NOT_BLANK},
)

#: A non-empty string, or null.
OPTIONAL_NAME: Final = Scalar(
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
)

#: Paragraphs of text.
PARAGRAPHS: Final = Scalar(
    tuple[str, ...],
    "paragraphs",
    _EXPECT_TEXTS,
    s_texts,
    list,
    {"description": "Paragraphs of text, in order.", "type": "array", "items": {"type": "string"}},
)

#: The kind of agency.
AGENCY_KIND: Final = Scalar(
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
)

#: The scalars chosen by a field's type.
SCALARS: Final[tuple[Scalar, ...]] = (COUNT, AMOUNT, DATE, NAME, OPTIONAL_NAME, PARAGRAPHS, AGENCY_KIND)

#: The report's year (an ``int`` field that is not a count).
YEAR: Final = Scalar(
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
#: Fields whose handling is not decided by their type alone.
FIELD_SCALARS: Final[dict[tuple[type, str], Scalar]] = {(Meta, "year"): YEAR}


class Nested(enum.Enum):
    """A field that holds neither a scalar nor one record."""

    #: An array of :class:`~gov_disclosure.model.Subsection` records.
    SUBSECTIONS = "subsections"


def is_type(expected: Any) -> Callable[[Any], bool]:
    """A cattrs predicate: the type is ``expected`` (unions and generic aliases compare by value)."""

    def predicate(t: Any) -> bool:
        return bool(t == expected)

    return predicate


def _scalar_for(t: Any) -> Scalar | None:
    for s in SCALARS:
        if t == s.type:
            return s
    return None


@cache
def _field_types(cl: type) -> dict[str, Any]:
    return typing.get_type_hints(cl)


def field_kind(cl: type, name: str) -> Scalar | type | Nested:
    """A field's handling: a scalar, a record class, or :attr:`Nested.SUBSECTIONS`."""
    special = FIELD_SCALARS.get((cl, name))
    if special is not None:
        return special
    t = _field_types(cl)[name]
    scalar = _scalar_for(t)
    if scalar is not None:
        return scalar
    if isinstance(t, type) and t in RECORDS:
        return t
    if t == tuple[Subsection, ...]:
        return Nested.SUBSECTIONS
    raise TypeError(f"codec: no rule for {cl.__name__}.{name} of type {t!r}")


def expect_record(cl: type, keys_of: Mapping[str, str]) -> str:
    """What a record's value should be, for messages: an object with its keys (the first and last of many)."""
    keys = list(keys_of.values())
    if len(keys) <= 11:
        return "an object with the keys " + ", ".join(keys)
    return f"an object with the {len(keys)} keys {keys[0]}, {keys[1]}, …, {keys[-1]}"


def expect(cl: type, name: str, names: Mapping[type, Mapping[str, str]]) -> str:
    """What the field ``name`` of ``cl`` should hold, for messages; ``names`` as :func:`keys.key_maps`."""
    kind = field_kind(cl, name)
    if isinstance(kind, Scalar):
        return kind.expect
    if kind is Nested.SUBSECTIONS:
        return EXPECT_SUBSECTIONS
    assert isinstance(kind, type)
    return expect_record(kind, names[kind])
