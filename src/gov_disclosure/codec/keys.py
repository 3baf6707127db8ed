"""The two key languages of a report document: the model's English field names, or Chinese keys taken from
:mod:`gov_disclosure.form` (official labels and headings) plus :data:`ZH_KEYS`; as ``{record: {field: key}}``
maps, and which keys a document must carry (``docs/codec.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Final, Literal

import attrs
from attrs import NOTHING

from .. import form
from ..model import (
    ActiveDisclosure,
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

__all__ = ["RECORDS", "TABLE_RECORDS", "ZH_KEYS", "Keys", "check_keys", "is_required", "key_maps"]

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

#: Every record class a document holds.
RECORDS: Final = (
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
TABLE_RECORDS: Final = (
    ActiveDisclosure,
    DocumentCounts,
    Applications,
    ApplicantCounts,
    ReviewLitigation,
    CaseCounts,
)


def _row_keys(table: form.Table) -> dict[str, str]:
    return {row.id: row.label for row in table.rows}


def _column_keys(block: form.Block) -> dict[str, str]:
    return {col.id: col.label for col in block.columns}


def _report_zh_keys() -> dict[str, str]:
    keys = dict(ZH_KEYS["Report"])
    for section in form.SECTIONS:
        # A table is 表二/表三/表四; the text printed around it sits under the section's heading.
        if section.table is not None:
            keys[section.id] = f"表{section.table}"
        keys[section.text_field] = section.heading
    return keys


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
def key_maps(keys: Keys) -> Mapping[type, Mapping[str, str]]:
    """``{record class: {field name: document key}}`` for a key language."""
    if keys == "en":
        return {cl: {a.name: a.name for a in attrs.fields(cl)} for cl in RECORDS}
    if keys == "zh":
        return _zh_keys()
    raise ValueError(f"keys: expected 'en' or 'zh', got {keys!r}")


def check_keys(keys: object) -> Keys:
    """``keys`` when it names a key language; else ``ValueError``."""
    if keys not in ("en", "zh"):
        raise ValueError(f"keys: expected 'en' or 'zh', got {keys!r}")
    return keys


def is_required(cl: type, a: attrs.Attribute[Any]) -> bool:
    """Whether a document must carry this field's key: every key of a table, ``meta`` and its ``agency``,
    ``year`` and ``kind``; the others take the model's default when missing (``docs/codec.md``)."""
    if a.default is NOTHING or cl in TABLE_RECORDS:
        return True
    if cl is Report:
        return a.name in {t.section for t in form.TABLES}
    return cl is Meta and a.name == "kind"
