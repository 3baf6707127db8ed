"""MkDocs hooks: pages that show live output of the library (so the docs never drift from the code).

A page may contain these markers, each alone on a line:

``<!-- gov-disclosure: example en -->`` / ``zh``
    the bundled example (乃东区 2024) as a JSON document with English / Chinese keys;
``<!-- gov-disclosure: schema en -->`` / ``zh``
    ``json_schema()`` for that key language;
``<!-- gov-disclosure: errors -->``
    what :class:`gov_disclosure.codec.CodecError` says about a document with several bad fields;
``<!-- gov-disclosure: keys -->``
    a table of the English and Chinese keys of every field that is not a table row or cell.
"""

from __future__ import annotations

import json
import re
from typing import Any

_MARKER = re.compile(r"^<!-- gov-disclosure: (example|schema|errors|keys)(?: (en|zh))? -->$", re.M)


def _fence(language: str, text: str) -> str:
    return f"```{language}\n{text}\n```"


def _errors_example() -> str:
    from gov_disclosure import codec
    from gov_disclosure.examples import naidong_2024

    data = codec.to_dict(naidong_2024())
    received = data["applications"]["received"]
    received["natural_person"] = "5"
    received["commercial"] = 5.7
    received["research"] = True
    del received["total"]
    data["review_litigation"]["reconsideration"]["upheld"] = -1
    data["active_disclosure"]["fees"] = 1.5
    data["meta"]["published"] = "2025-02-30"
    data["meta"]["agnecy"] = data["meta"].pop("agency")
    try:
        codec.from_dict(data)
    except codec.CodecError as error:
        return _fence("text", str(error))
    raise AssertionError("the example document should have been refused")


def _keys_table() -> str:
    import attrs

    from gov_disclosure.codec.keys import is_required, key_maps
    from gov_disclosure.model import Meta, Narrative, Report, Subsection

    zh = key_maps("zh")
    rows = ["| record | English key | Chinese key | required |", "|---|---|---|---|"]
    for cl in (Report, Meta, Narrative, Subsection):
        for a in attrs.fields(cl):
            required = "yes" if is_required(cl, a) else "no"
            rows.append(f"| `{cl.__name__}` | `{a.name}` | `{zh[cl][a.name]}` | {required} |")
    return "\n".join(rows)


def _expand(match: re.Match[str]) -> str:
    from gov_disclosure import codec
    from gov_disclosure.examples import naidong_2024

    what, keys = match.group(1), match.group(2) or "en"
    if what == "example":
        text = codec.to_json(naidong_2024(), keys=keys, indent=2)  # type: ignore[arg-type]
        return _fence("json", text)
    if what == "schema":
        return _fence("json", json.dumps(codec.json_schema(keys), ensure_ascii=False, indent=2))  # type: ignore[arg-type]
    if what == "keys":
        return _keys_table()
    return _errors_example()


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace the markers of a page by the library's live output."""
    return _MARKER.sub(_expand, markdown)
