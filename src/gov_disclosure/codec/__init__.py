"""The JSON codec: a :class:`~gov_disclosure.model.Report` to and from plain data and JSON, with English or
official Chinese keys, and its JSON Schema (``docs/codec.md``). Stages: ``keys`` (the key maps), ``scalars``
(the field types), ``converter`` (the cattrs converter and entry points), ``errors``, ``schema``.
"""

from __future__ import annotations

from .converter import from_dict, from_json, make_converter, read_json, to_dict, to_json
from .errors import CodecError, format_path
from .keys import ZH_KEYS, Keys
from .schema import json_schema

__all__ = [
    "ZH_KEYS",
    "CodecError",
    "Keys",
    "format_path",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "read_json",
    "to_dict",
    "to_json",
]
