"""How the codec reports a document it cannot read: :class:`CodecError` listing every ``(JSON path, message)``
pair, the hooks' own exceptions, and the walk that flattens cattrs' error tree into those pairs, in the manner
of cattrs' ``transform_error`` (``docs/codec.md``).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Mapping, Sequence

from cattrs.errors import AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError

from ..findings.errors import GovDisclosureError

__all__ = ["CodecError", "Invalid", "ItemErrors", "Path", "collect", "describe", "format_path"]

#: A place in a document: keys and array indexes from the top.
Path = tuple[str | int, ...]

#: What a missing field should hold, by record class and field name (``scalars.expect``).
Expect = Callable[[type, str], str]


class CodecError(GovDisclosureError):
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


class Invalid(ValueError):
    """A value that is not what its field expects; the message says what was expected and what came."""


class ItemErrors(ValueError):
    """Errors of some items of an array, by index."""

    def __init__(self, errors: list[tuple[int, Exception]]) -> None:
        super().__init__(f"{len(errors)} invalid item(s)")
        self.errors = errors


def describe(value: object) -> str:
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


def collect(
    exc: BaseException, names: Mapping[type, Mapping[str, str]], expect: Expect
) -> list[tuple[str, str]]:
    """Every problem in a cattrs error tree as ``(JSON path, message)``, in document order.

    ``names`` gives the document keys of each record's fields; ``expect`` says what a missing field holds.
    """
    found: list[tuple[Path, str]] = []
    _collect(exc, (), names, expect, found)
    return [(format_path(path), message) for path, message in found]


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
        return f"{message}: keys must be strings, got {describe(key)}"
    return f"{message}; expected only: " + ", ".join(expected.values())


def _collect(
    exc: BaseException,
    path: Path,
    names: Mapping[type, Mapping[str, str]],
    expect: Expect,
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
                    out.append(((*path, key), f"missing required key: expected {expect(cl, note.name)}"))
                else:
                    _collect(sub, (*path, key), names, expect, out)
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
    elif isinstance(exc, ItemErrors):
        for index, sub in exc.errors:
            _collect(sub, (*path, index), names, expect, out)
    elif isinstance(exc, Invalid):
        out.append((path, str(exc)))
    else:
        out.append((path, f"{type(exc).__name__}: {exc}"))
