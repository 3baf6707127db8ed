"""The title line (agency and year) and what an agency's name tells: its kind, whether a line is one.

See ``docs/parse.md`` ("Metadata").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from ... import form
from ...model import AgencyKind
from ...text.dates import YEAR_DIGITS, cn_number
from ...text.fold import label_key, nfkc
from ..doc import Block, Paragraph
from .narrative import SENTENCE_PUNCT

__all__ = [
    "MAX_ISSUER",
    "agency_from_issuer",
    "find_title",
    "guess_kind",
    "is_org_line",
    "parse_title",
    "title_candidates",
]

_MAX_TITLE: Final = 120
#: Longest line taken for an organisation (an issuer, the first part of a wrapped title).
MAX_ISSUER: Final = 60


# ---------------------------------------------------------------------------------------------------------
# Names of agencies

_ORG_SUFFIX_RE: Final = re.compile(
    r"(人民政府|政府|办公室|办公厅|局|委员会|委|厅|办|署|中心|院|所|站|处|街道办事处|管委会|管理委员会|公司|集团)$"
)
_TOWN_RE: Final = re.compile(r"(乡|镇|街道|苏木|街道办事处|乡人民政府|镇人民政府|苏木人民政府)$")
_PLACE_RE: Final = re.compile(r"(省|市|区|县|自治区|自治州|州|盟|旗|自治县|自治旗|特区|林区)$")
_DEPARTMENT_RE: Final = re.compile(r"(局|委员会|委|厅|办公室|办公厅|办|署|管委会|管理委员会)$")


def guess_kind(name: str) -> AgencyKind | None:
    """Guess the kind of agency from its name, or ``None`` when the name does not tell.

    ``…乡/镇/街道…`` (人民政府, 办事处) → :attr:`~AgencyKind.OTHER`; ``…人民政府`` / ``…政府`` or a bare
    place (``上海市``) → :attr:`~AgencyKind.GOVERNMENT`; ``…局``, ``…委员会``, ``…办公室`` … →
    :attr:`~AgencyKind.DEPARTMENT`.
    """
    key = label_key(name)
    if not key:
        return None
    if _TOWN_RE.search(key) or key.endswith("街道办事处"):
        return AgencyKind.OTHER
    if key.endswith("政府") or _PLACE_RE.search(key):
        return AgencyKind.GOVERNMENT
    if _DEPARTMENT_RE.search(key):
        return AgencyKind.DEPARTMENT
    return None


def agency_from_issuer(issuer: str) -> str:
    """The agency a report signed by ``issuer`` is about: ``…人民政府办公室`` → ``…人民政府``."""
    text = issuer.strip()
    key = label_key(text)
    if key.endswith("政府办公室") and label_key(text[-3:]) == "办公室":
        return text[:-3].rstrip()
    return text


def is_org_line(text: str) -> bool:
    t = text.strip()
    return (
        0 < len(t) <= MAX_ISSUER
        and not any(ch in SENTENCE_PUNCT for ch in t)
        and _ORG_SUFFIX_RE.search(label_key(t)) is not None
    )


# ---------------------------------------------------------------------------------------------------------
# The title

_TITLE_YEAR: Final = rf"(?P<year>{YEAR_DIGITS})"
_TITLE_BODY_RE: Final = re.compile(rf"^(?P<agency>.+?)\s*{_TITLE_YEAR}\s*年度?\s*$", re.S)
_TITLE_BODY2_RE: Final = re.compile(rf"^\s*{_TITLE_YEAR}\s*年度?\s*(?P<agency>.+?)\s*$", re.S)
_TITLE_SUFFIX_KEY: Final = label_key(form.TITLE_SUFFIX)
_TITLE_WRAP: Final = '《》〈〉<>"“”'
#: Page chrome before a title on the same line: a breadcrumb (``当前位置：首页 > … >``) or a field label
#: (``标题：``). The title is what follows the last of these marks.
_CHROME_RE: Final = re.compile(r"^.*(?:[>›»]|[:：](?!\s*$))\s*")
#: Links to other pages (``上一篇：…2023年…报告``): a title there is never this report's.
_LINK_RE: Final = re.compile(
    r"^\s*(?:上一?篇|下一?篇|上一条|下一条|相关(?:链接|阅读|文章|文件|信息)|推荐阅读|往期)"
)
_TITLE_SPLIT_RE: Final = re.compile(r"\s*[_|｜\-–—]\s*")


def parse_title(text: str) -> tuple[str, int] | None:
    """``(agency, year)`` from a title line such as ``乃东区人民政府2024年政府信息公开工作年度报告``,
    ``2022年上海市政府信息公开工作年度报告`` or ``…二〇二四年…`` ; ``None`` when the line is not such a title.

    Page chrome before the title on the same line (``当前位置：首页 > 年度报告 > …``, ``标题：…``) is not part
    of the agency; a link to another page (``上一篇：…``, ``相关链接``) is not a title.
    """
    t = _title_text(text)
    if t is None:
        return None
    n = len(form.TITLE_SUFFIX)
    body = t[:-n]
    m = _TITLE_BODY_RE.match(body) or _TITLE_BODY2_RE.match(body)
    if m is None:
        return None
    agency = m.group("agency").strip().strip(_TITLE_WRAP).strip()
    year = cn_number(nfkc(m.group("year")))
    if not agency or year is None:
        return None
    return agency, year


def _title_text(text: str) -> str | None:
    """The title in ``text`` (without page chrome before it), or ``None`` when ``text`` is no title line."""
    t = text.strip()
    if len(t) > _MAX_TITLE or "\n" in t or _LINK_RE.match(t):
        return None
    t = _CHROME_RE.sub("", t.strip(_TITLE_WRAP).strip(), count=1).strip().strip(_TITLE_WRAP).strip()
    n = len(form.TITLE_SUFFIX)
    if len(t) <= n or label_key(t[-n:]) != _TITLE_SUFFIX_KEY:
        return None
    return t


def _title_head(text: str) -> bool:
    """A line that may be the first part of a title wrapped onto two lines: an organisation, or one ending
    with the year (``某某县交通运输局``, ``某某县交通运输局2024年``)."""
    t = text.strip()
    if not t or len(t) > MAX_ISSUER or any(ch in SENTENCE_PUNCT for ch in t):
        return False
    return is_org_line(t) or re.search(rf"{YEAR_DIGITS}\s*年度?$", nfkc(t)) is not None


def title_candidates(text: str) -> list[str]:
    """The page ``<title>`` and its parts (sites append their name: ``标题_某某政府网``)."""
    out = [text.strip()]
    out += [part for part in _TITLE_SPLIT_RE.split(text) if part.strip()]
    return out


def find_title(blocks: Sequence[Block], limit: int) -> tuple[int, int, Paragraph] | None:
    """The title among the first ``limit`` blocks: ``(first block, block after it, title paragraph)``.

    A title line as it is wins (its lines joined when a line break wraps it); else a title after page
    chrome on its line (the paragraph then holds the title alone); else a title wrapped onto two short
    paragraphs (``某某局`` / ``2024年政府信息公开工作年度报告``, joined); else the first level-1 heading.
    """
    blocks = blocks[:limit]
    after_chrome: tuple[int, int, Paragraph] | None = None
    level1: tuple[int, int, Paragraph] | None = None
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph):
            continue
        lines = [ln.strip() for ln in b.text.strip().split("\n")]
        if 1 < len(lines) <= 3:
            # A title wrapped by a line break inside its paragraph (<br>, Shift+Enter).
            b = attrs.evolve(b, text="".join(lines))
        title = _title_text(b.text)
        if title is not None and parse_title(title) is not None:
            if title == b.text.strip().strip(_TITLE_WRAP).strip():
                return i, i + 1, b
            if after_chrome is None:
                after_chrome = (i, i + 1, attrs.evolve(b, text=title))
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(nxt, Paragraph) and _title_head(b.text) and parse_title(nxt.text) is None:
            joined = b.text.strip() + nxt.text.strip()
            if parse_title(joined) is not None:
                return i, i + 2, attrs.evolve(b, text=joined)
        if level1 is None and b.level == 1 and b.text.strip():
            level1 = (i, i + 1, b)
    return after_chrome or level1
