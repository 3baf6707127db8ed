"""The title line (agency and year) and what an agency's name tells: its kind, whether a line is one.

See ``docs/parse.md`` ("Metadata").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from ... import form
from ...model import AgencyKind
from ...text.dates import YEAR_DIGITS, cn_number
from ...text.fold import label_key, nfkc
from ..doc import Block, Paragraph
from .narrative import SENTENCE_PUNCT

__all__ = [
    "HEADER_LABELS",
    "MAX_ISSUER",
    "agency_from_issuer",
    "find_title",
    "guess_kind",
    "header_fields",
    "is_full_name",
    "is_org_line",
    "name_at_start",
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
    """The agency a report signed (or compiled, or published) by ``issuer`` is about: the office of a
    government speaks for it (``…人民政府办公室`` or ``…人民政府办公厅`` → ``…人民政府``); any other
    office is the agency itself."""
    text = issuer.strip()
    key = label_key(text)
    for office in ("办公室", "办公厅"):
        if key.endswith("政府" + office) and label_key(text[-3:]) == office:
            return text[:-3].rstrip()
    return text


#: How the full name of an agency ends, when it is read from running text (longest first).
_NAME_END: Final = (
    "人民政府办公室|人民政府办公厅|政府办公室|政府办公厅|人民政府|政府|街道办事处|办事处|管理委员会|委员会|"
    "管委会|办公室|办公厅|局"
)
#: The shortest name at the start of a clause that ends like an agency (``某某镇人民政府认真贯彻…``).
_NAME_AT_START_RE: Final = re.compile(
    rf"^\s*(?P<name>[^\s，,。；;：:、（）()《》“”\"]{{1,30}}?(?P<end>{_NAME_END}))"
)
#: Words that make a clause no name: a leading preposition or pronoun (``在县委…``, ``我局``, ``全县…``),
#: or a verb or function word inside (``某某区坚持以人民为中心``).
_NOT_A_NAME_RE: Final = re.compile(
    r"^(?:在|按照?|根据|围绕|对|为|经|由|截至|我|本|该|各|全[省市区县乡镇])"
    r"|坚持|认真|深入|贯彻|落实|推进|加强|进一步|全面|积极|持续|不断|切实|扎实|着力|聚焦|立足|严格|始终|"
    r"结合|通过|关于|[以的在将把]"
)
#: The levels of a place name (``某某县``, ``某某镇``, ``某某街道``).
_PLACE_LEVELS: Final = frozenset("省市区县州盟旗乡镇")


def is_full_name(name: str) -> bool:
    """Whether ``name`` reads as an agency's full name: it begins with a place name (``某某县人民政府``,
    ``某某市交通运输局``, ``某某街道办事处``), not a bare level (``区人民政府办公室``, ``县交通运输局``)
    nor a pronoun or a verb (``我局``, ``在县委县政府``, ``某某区坚持以人民为中心``)."""
    text = name.strip()
    m = re.search(rf"(?:{_NAME_END})$", text)
    if m is None or not 4 <= len(text) <= MAX_ISSUER or _NOT_A_NAME_RE.search(text):
        return False
    place = text[: m.start()]
    if m.group(0) == "街道办事处":
        return len(place) >= 2
    return any(ch in _PLACE_LEVELS for ch in place[1:]) or "街道" in place[1:] or "苏木" in place[1:]


def name_at_start(text: str) -> str | None:
    """The agency's full name that ``text`` starts with (``某某镇人民政府认真贯彻…`` → ``某某镇人民政府``),
    else ``None`` (see :func:`is_full_name`)."""
    m = _NAME_AT_START_RE.match(text)
    if m is None or not is_full_name(m.group("name")):
        return None
    return m.group("name").strip()


def is_org_line(text: str) -> bool:
    t = text.strip()
    return (
        0 < len(t) <= MAX_ISSUER
        and not any(ch in SENTENCE_PUNCT for ch in t)
        and _ORG_SUFFIX_RE.search(label_key(t)) is not None
    )


# ---------------------------------------------------------------------------------------------------------
# The article header a site prints above the text (never the title)

#: Labels of the article header that government sites print above a report, and the field each gives:
#: ``agency`` (the publishing agency), ``written`` (成文日期) and ``published`` (发布日期); the others are
#: recognised (the line is header, not preamble) but give no field.
HEADER_LABELS: Final[Mapping[str, str | None]] = {
    "发布机关": "agency",
    "发文机关": "agency",
    "发布机构": "agency",
    "发布单位": "agency",
    "发文单位": "agency",
    "成文日期": "written",
    "发文日期": "written",
    "发布日期": "published",
    "发布时间": "published",
    "公开日期": "published",
    "索引号": None,
    "主题分类": None,
    "信息分类": None,
    "文号": None,
    "发文字号": None,
    "公开方式": None,
    "公开范围": None,
    "有效性": None,
    "信息来源": None,
}
_HEADER_LABEL_RE: Final = re.compile(
    r"(?:^|(?<=[\s|｜]))(" + "|".join(sorted(HEADER_LABELS, key=len, reverse=True)) + r")\s*:"
)
#: The longest line read as article header.
_MAX_HEADER_LINE: Final = 200


def header_fields(text: str) -> list[tuple[str, str]]:
    """``(label, value)`` of every field of an article-header line (``索引号：… 发布机构：某某县人民政府办公室
    发布日期：2024-01-20``), or ``[]`` when ``text`` is no such line (it must start with a known label)."""
    if len(text) > _MAX_HEADER_LINE or "\n" in text.strip():
        return []
    folded = nfkc(text).strip().strip("|｜").strip()
    marks = list(_HEADER_LABEL_RE.finditer(folded))
    if not marks or marks[0].start() != 0:
        return []
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(folded)
        out.append((m.group(1), folded[m.end() : end].strip().strip("|｜").strip()))
    return out


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
        if not isinstance(b, Paragraph) or header_fields(b.text):
            continue  # a table, or the article header (发布机构：…)
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
