"""The JSON Schema (draft 2020-12) of a report document in either key language, built from the same key maps
and field types as the converter, so that it accepts exactly what :func:`~gov_disclosure.codec.from_dict`
accepts (``docs/codec.md``).
"""

from __future__ import annotations

from typing import Any

import attrs

from .. import form
from ..model import Report, Subsection
from .keys import TABLE_RECORDS, Keys, check_keys, is_required, key_maps
from .scalars import Nested, Scalar, field_kind

__all__ = ["json_schema"]


def _labels(keys: Keys) -> dict[type, dict[str, str]]:
    """Titles for table properties: the official label under en keys, the English id under zh keys."""
    other: Keys = "zh" if keys == "en" else "en"
    return {cl: dict(key_maps(other)[cl]) for cl in TABLE_RECORDS}


def json_schema(keys: Keys = "en") -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) accepting exactly the documents that
    :func:`~gov_disclosure.codec.from_dict` accepts.

    Two limits of JSON Schema itself: its data model does not tell ``5.0`` from ``5``, so the schema
    accepts an integral number where the codec requires a JSON integer; and ``$`` in a ``pattern`` also
    matches before a final newline in Python's ``re`` (used by the ``jsonschema`` package), so a fee string
    with one trailing newline passes that validator but not the codec.
    """
    keys = check_keys(keys)
    names = key_maps(keys)
    titles = _labels(keys)
    defs: dict[str, Any] = {}

    def ref(name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def field_schema(cl: type, name: str) -> dict[str, Any]:
        kind = field_kind(cl, name)
        if isinstance(kind, Scalar):
            defs.setdefault(kind.name, kind.schema)
            return ref(kind.name)
        if kind is Nested.SUBSECTIONS:
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
            "required": [keys_of[a.name] for a in attrs.fields(cl) if is_required(cl, a)],
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
