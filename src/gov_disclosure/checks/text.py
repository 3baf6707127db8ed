"""``text.figure-mismatch``: figures the narrative states that differ from the tables.

The rule reads every paragraph (preamble, the three narrative sections, the text around the tables and
sub-headings) sentence by sentence, finds the figures it states for

- received: 收到/新收/受理/接收…申请N件, 受理N件…申请, 未收到…信息公开申请 → 三 一 × 总计;
- received including those carried over: 收到…申请N件，其中/含上年结转M件 → 三 一 + 二 × 总计;
- carried over: 上年结转…N件 → 三 二 × 总计;
- concluded: 办结/答复/办理完毕…N件 (not 未办结, 按时/及时/逾期答复) → 三 （七）总计 × 总计;
- carried forward: 结转下年度…N件, N件…结转/顺延至下年度 → 三 四 × 总计;
- reconsideration: 行政复议…N件, 未发生…行政复议 → 四 行政复议 × 总计;
- litigation: 行政诉讼…N件, 未发生…行政诉讼 → 四 未经复议直接起诉 + 复议后起诉 × 总计;

and compares them with the tables' 总计 cells. N may be written in Arabic (also full-width, with thousands
separators) or Chinese numerals (十二, 一百零五); approximate figures (约, 近, 上千, 余件) are skipped.

It is conservative on purpose, to raise no false alarm on unrelated numbers: it skips rather than guesses.

- Context: an application figure counts only when its ``;``-clause group (the text between two ``；``, NFKC
  ``;``), up to the end of the figure's clause, speaks of disclosure applications (it contains ``依申请公开``
  or ``公开申请``, as in 政府信息公开申请), and a review or litigation figure only when it speaks of
  ``信息公开``; in the text of sections 三 and 四 that context is implied. So
  "窗口累计受理57930件,办结56714件" (政务服务 in the bundled example) is not read, nor the 45 of
  "收到政府信息公开申请15件;全年办理行政复议案件45件" (a 司法局's own case-load): a comma carries the
  context, a ``;`` does not.
- Another year: the last time word before the figure in its sentence decides. 上年度, 上一年度, 去年, 前一年,
  历年 and a year written out that is not the report's (2023年, 二〇二三年 in a 2024 report) make the figures
  after it another year's, skipped; 本年度, 今年, 报告期 and the report's year make them this year's again
  ("上年度收到12件,本年度收到15件" compares 15). 上年结转 is the carried-over row, not a time word; a time
  word after 较, 比, 与, 同… (较上年, 比2023年的10件, 与上年度相比) is a comparison and is ignored.
- Cumulative: 累计 makes the figures after it a cumulative total, skipped, unless a span of this year comes
  before it (全年累计, 本年度累计, 2024年累计 — not a date such as 截至2024年12月31日) and no 以来/至今
  (今年以来累计, 自…以来累计 are skipped). 累计 alone is ambiguous and so skipped.
- A wider scope: a figure after 全县/全市/全区/全省/各部门/各乡镇/全系统… is the scope's, skipped, when the
  same sentence then narrows to the agency (其中本局/本机关/本单位/我局/…本级); the narrowed figure after it
  is compared. A wider scope that is not narrowed is taken as the agency's own (a 县政府 reporting on
  全县).

Instances: one per figure found (none when the narrative states no figure). An instance is not assessable
when a cell it is compared with cannot be used (blank under the strict policy, not a number) or when every
cell it is compared with is blank, whatever the blank policy (the table states nothing, typically a table
the parser did not find). A finding quotes the sentence (``quote``) and carries ``actual`` (the narrative's
figure), ``expected`` (the table's), ``difference``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter
from typing import Final, NamedTuple

from .. import form
from ..cellview import ref
from ..findings import Finding, Location, Severity, define, make
from ..model import Narrative, Report
from ..text.fold import nfkc
from ..text.numerals import parse_chinese_numeral
from .base import CheckContext, Counted, Rule, register

__all__ = ["Figure", "cn_to_int", "figures_in"]

define(
    "text.figure-mismatch",
    Severity.WARNING,
    title_zh="正文数字与表格不一致",
    title_en="Narrative figure differs from the tables",
    template_zh="{location}称{figure_zh}{actual}件，但表{table}{cell}为{expected}，相差{difference}：“{quote}”",
    template_en=(
        "{location} states {actual} {figure_en}, but table {table} {cell} has {expected} "
        "(difference {difference}): “{quote}”"
    ),
    basis="format.md §8 C9 (figures quoted in the narrative equal the table cells)",
)

# ---------------------------------------------------------------------------------------------------------
# Numbers


def cn_to_int(text: str) -> int:
    """A figure as the narrative writes it: Arabic digits (with thousands separators) or a Chinese numeral
    (:func:`~gov_disclosure.text.numerals.parse_chinese_numeral`, which raises :class:`ValueError`).

    >>> [cn_to_int(s) for s in ("十二", "二十", "一百零五", "两千三百", "三万五千", "〇", "1,234")]
    [12, 20, 105, 2300, 35000, 0, 1234]
    """
    text = text.replace(",", "")
    if text.isdigit():
        return int(text)
    return parse_chinese_numeral(text)


# ---------------------------------------------------------------------------------------------------------
# Patterns (applied to NFKC-folded sentences: full-width digits and ，；：（） become ASCII)

_CN = "零〇一二两三四五六七八九十百千万"
# A figure: not preceded by a digit, a numeral or a word making it approximate or ordinal.
_NUM = (
    rf"(?<![\d.{_CN}上数几近约余多第逾超])"
    rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|[零〇一二两三四五六七八九十][{_CN}]*)件"
)
# A gap between a keyword and its figure: no digit, no clause break, and not the other kind of case.
_GAP = r"(?P<gap>(?:(?!复议|诉讼)[^\d,;:!?()\[\]。、\n]){0,%d}?)"


class _Pattern(NamedTuple):
    kind: str
    regex: re.Pattern[str]
    #: Which context the clause needs: "app" (disclosure applications) or "case" (review / litigation).
    context: str
    #: The figure is 0 (a negative statement such as 未收到…申请).
    zero: bool = False
    #: Text the gap between keyword and figure must contain.
    gap_needs: str = ""
    #: The pattern can match only where one of these strings occurs (a cheap test before the regex).
    needs: tuple[str, ...] = ()
    #: A second wording of its kind, tried only when the patterns before it found no figure of that kind.
    fallback: bool = False


_NEG_CASE = (
    r"(?:未|没有|无)(?:发生|出现|产生|有)?(?:过|任何)?"
    r"(?:(?:因|由于)?(?:政府)?信息公开(?:工作|申请)?(?:而|所)?(?:引起|引发|产生|导致)?的?)?"
    r"(?:被申请|被提起|提起|申请)?"
)
_CLAUSE_OR_END = r"(?:[,;:!?。]|$)"
_CASE_END = r"(?=(?:案件|情况|事项|的情况|的案件)?" + _CLAUSE_OR_END + ")"
_AND = r"(?:和|及|与|或|、)(?:被提起|提起|被申请)?"

_RECEIVED = ("新收", "收到", "受理", "接收", "接到")
_NEGATIONS = ("未", "没有", "无")

_PATTERNS: Final = (
    _Pattern(
        "received",
        re.compile(r"(?:新收|收到|受理|接收|接到)" + _GAP % 20 + _NUM),
        "app",
        gap_needs="申请",
        needs=_RECEIVED,
    ),
    _Pattern(
        "received",
        re.compile(r"(?:新收|收到|受理|接收|接到)(?:了)?(?:共|共计)?" + _NUM + r"(?=[^,;:!?。]{0,12}申请)"),
        "app",
        needs=_RECEIVED,
        fallback=True,
    ),
    _Pattern(
        "received",
        re.compile(
            r"(?:未|没有)(?:收到|受理|接到)(?:过|任何)?(?:(?:政府)?信息公开申请|依申请公开(?:申请)?)"
            r"(?=(?:的情况)?" + _CLAUSE_OR_END + ")"
        ),
        "app",
        zero=True,
        needs=("未", "没有"),
    ),
    _Pattern(
        "carried_over", re.compile(r"上(?:一)?年(?:度)?结转" + _GAP % 16 + _NUM), "app", needs=("结转",)
    ),
    _Pattern(
        "concluded",
        re.compile(r"(?<![未尚时期])(?:办结|答复|办理完毕|处理完毕)(?!率)" + _GAP % 16 + _NUM),
        "app",
        needs=("办结", "答复", "完毕"),
    ),
    _Pattern(
        "carried_forward",
        re.compile(r"结转(?:至|到)?下(?:一)?年(?:度)?" + _GAP % 12 + _NUM),
        "app",
        needs=("结转",),
    ),
    _Pattern(
        "carried_forward",
        re.compile(_NUM + _GAP % 12 + r"(?:结转|顺延|转入)(?:至|到)?下(?:一)?年"),
        "app",
        needs=("结转下", "结转至下", "结转到下", "顺延", "转入"),
        fallback=True,
    ),
    _Pattern("reconsideration", re.compile(r"行政复议" + _GAP % 12 + _NUM), "case", needs=("行政复议",)),
    _Pattern("litigation", re.compile(r"(?:行政)?诉讼" + _GAP % 12 + _NUM), "case", needs=("诉讼",)),
    _Pattern(
        "reconsideration",
        re.compile(_NEG_CASE + r"(?P<k>行政复议)(?:案件)?(?:" + _AND + r"行政诉讼)?" + _CASE_END),
        "case",
        zero=True,
        needs=_NEGATIONS,
    ),
    _Pattern(
        "litigation",
        re.compile(_NEG_CASE + r"(?:行政复议(?:案件)?" + _AND + r")?(?P<k>行政诉讼)" + _CASE_END),
        "case",
        zero=True,
        needs=_NEGATIONS,
    ),
)
_ZERO_PATTERNS: Final = tuple(p for p in _PATTERNS if p.zero)
_KEYWORDS: Final = frozenset(w for p in _PATTERNS for w in p.needs)
_APP_CONTEXT: Final = re.compile(r"依申请公开|公开申请")
_CASE_CONTEXT: Final = "信息公开"
_INCLUDES: Final = re.compile(r"其中|含|包括")
_SENTENCE: Final = re.compile(r"[^。!?！？\n]+[。!?！？]?")
_CLAUSE_END: Final = re.compile(r"[,;:]")

# Qualifiers: words that make a figure something other than this year's figure for this agency.
# A time word preceded by one of these is a comparison (较上年, 比2023年的10件, 与上年度相比), not a
# qualifier.
_COMPARISON: Final = re.compile(r"(?:较|比|与|同|跟|对比|相较于?|高于|低于|多于|少于|超过)$")
# The time words but a year written out, each branch starting with a character (so that the regex engine
# skips ahead to those characters); the empty group at the end names the kind of the word.
_TIME_WORDS: Final = re.compile(
    # Another year: 上年度, 上一年度, 去年, 前一年 (not 上年结转, the carried-over row).
    r"上一?年(?!度?结转)度?(?P<prior>)|去年(?P<prior_>)|前一年度?(?P<prior__>)"
    # This year: 本年度, 今年, 本报告期.
    r"|本年度?(?P<current>)|今年(?P<current_>)|报告期(?P<current__>)"
    # A span of a year that names no year: only tells that 累计 means this year's total.
    r"|全年(?P<span>)|年内(?P<span_>)|年度内(?P<span__>)"
    r"|以来(?P<since>)|至今(?P<since_>)"
    r"|历年(?P<years>)"
    r"|累计(?P<cumulative>)"
)
_YEAR_DIGITS: Final = frozenset("〇零○一二三四五六七八九")
# After a year written out: 度 (2023年度) and a month (2024年12月, a date rather than a span of the year).
_AFTER_YEAR: Final = re.compile(r"度?(\d{1,2}月)?")


#: The kinds of time word that can make a figure another year's or a cumulative total.
_DECISIVE: Final = frozenset({"prior", "years", "year", "cumulative"})


class _Time(NamedTuple):
    """A time word of a sentence: where it ends, its kind (prior, current, span, since, years, cumulative,
    year), and for a year written out its value and whether a month follows (a date)."""

    end: int
    kind: str
    year: int = 0
    date: bool = False


def _times(s: str) -> list[_Time]:
    """The time words of sentence ``s`` in order, none overlapping, without those of a comparison (较上年,
    比2023年的10件: a time word right after 较, 比, 与, 相较于…, three characters at most).

    Words as :data:`_TIME_WORDS` finds them, and years written out (2023年, 二〇二三年, four digits not
    preceded by a digit), found from each 年 (a scan for 年 is much cheaper than a regex trying every
    position)."""
    found: list[tuple[int, int, str, int, bool]] = []
    for m in _TIME_WORDS.finditer(s):
        kind = (m.lastgroup or "").rstrip("_")
        found.append((m.start(), m.end(), kind, 0, False))
    i = s.find("年", 4)
    while i >= 0:
        digits = s[i - 4 : i]
        if (digits.isascii() and digits.isdigit() and not (i > 4 and s[i - 5].isdigit())) or all(
            ch in _YEAR_DIGITS for ch in digits
        ):
            after = _AFTER_YEAR.match(s, i + 1)
            assert after is not None  # every part is optional
            found.append((i - 4, after.end(), "year", _year_of(digits), after.group(1) is not None))
        i = s.find("年", i + 1)
    found.sort()
    out: list[_Time] = []
    end = 0
    for start, stop, kind, year, date in found:
        if start < end or _COMPARISON.search(s, max(0, start - 3), start):
            continue
        out.append(_Time(stop, kind, year, date))
        end = stop
    return out


# A wider scope than the agency (the whole county, every department) ...
_WIDE: Final = re.compile(
    r"全(?:县|市|区|省|州|盟|旗|镇|乡|系统|辖区)|各(?:部门|乡镇|镇|乡|街道|单位|县区|区县|级|成员单位)"
)
# ... and the narrowing to the agency that follows it in the same sentence (其中本局, 其中县政府本级).
_NARROW: Final = re.compile(
    r"其中[^\d,;:。]{0,8}?(?:(?:本|我)(?:局|机关|单位|部门|委员会|委|办公室|办|厅|院|府|中心|署|所|站)|本级)"
)


class Figure(NamedTuple):
    """A figure the narrative states: its kind, value and the sentence quoting it."""

    kind: str
    value: int
    quote: str


#: (section id, JSON path, figure) of a figure the text states.
_Stated = tuple[str, str, Figure]


def _clause_end(sentence: str, pos: int) -> int:
    m = _CLAUSE_END.search(sentence, pos)
    return m.start() if m else len(sentence)


def _year_of(text: str) -> int:
    return cn_to_int(text.replace("○", "〇"))


class _Qualifiers:
    """The time words (not in a comparison) and the wider-scope words of one sentence, found once for all
    its figures (see :meth:`other_time` and :meth:`wider_scope`)."""

    __slots__ = ("s", "timed", "times", "wides")

    def __init__(self, s: str) -> None:
        self.s = s
        self.times = _times(s)
        #: A time word that can make a figure another year's or cumulative (全年 alone never does).
        self.timed = any(t.kind in _DECISIVE for t in self.times)
        self.wides = [m.end() for m in _WIDE.finditer(s)] if "全" in s or "各" in s else []

    def other_time(self, pos: int, year: int | None) -> bool:
        """True when the figure at ``pos`` is, by the time words before it, not this year's: another year
        (上年度, 去年, 2023年 in a 2024 report) or a cumulative total (累计 with 以来/至今, 历年; 累计 alone
        unless a span of this year — 本年度, 全年, 2024年 — precedes it). The last time word wins, so
        "上年度收到12件,本年度收到15件" compares 15; comparisons (较上年, 比2023年的10件) are not time words.
        Unknown ``year``: a year written out is not read."""
        other = span = since = False
        for t in self.times:
            if t.end > pos:
                break
            kind = t.kind
            if kind == "year":
                if year is None:
                    continue
                if t.year != year:
                    other, span = True, False
                else:
                    other, since = False, False
                    span = not t.date
            elif kind == "prior" or kind == "years":
                other, span = True, False
            elif kind == "current":
                other, span, since = False, True, False
            elif kind == "span":
                span = True
            elif kind == "since":
                since = True
            elif kind == "cumulative" and (since or not span):
                other = True
        return other

    def wider_scope(self, pos: int) -> bool:
        """True when the figure at ``pos`` is a wider scope's (全县各部门共收到…150件) that the same sentence
        then narrows to the agency (…，其中本局收到…15件)."""
        ends = [end for end in self.wides if end <= pos]
        if not ends:
            return False
        narrowed = [m.start() for m in _NARROW.finditer(self.s, ends[-1])]
        # Narrowed before the figure: the figure is the agency's. Narrowed after it: the scope's.
        return not any(n < pos for n in narrowed) and any(n >= pos for n in narrowed)

    def skip(self, pos: int, year: int | None) -> bool:
        """The figure at ``pos`` is not this year's figure for this agency: skipped rather than compared."""
        return (self.timed and self.other_time(pos, year)) or (bool(self.wides) and self.wider_scope(pos))


# The result of some cases (the gap between 行政复议/行政诉讼 and the figure): part of the cases.
_CASE_PART: Final = re.compile(
    r"维持|纠正|纠错|撤销|确认违法|驳回|败诉|胜诉|审结|结案|结果|判决|调解|撤诉|终止"
)


def _subset(s: str, start: int) -> bool:
    """True when the figure matched at ``start`` follows 其中 in its sentence (其中通过网络平台收到…, a
    part of the applications), unless 其中 narrows a wider scope to the agency (其中本局收到…)."""
    k = s.rfind("其中", 0, start)
    if k < 0:
        return False
    narrow = _NARROW.match(s, k)
    return narrow is None or narrow.end() > start


def _group_start(sentence: str, pos: int) -> int:
    """Start of the ';'-clause group holding ``pos``: the context of a figure does not cross a ';'."""
    return sentence.rfind(";", 0, pos) + 1


def _sentence_figures(s: str, implied: str, year: int | None = None) -> list[tuple[int, str, int]]:
    """(position, kind, value) of every figure in one NFKC-folded sentence, in order; ``year`` is the
    report's (a figure of another year is not returned)."""
    hits: dict[tuple[str, int], int] = {}
    qualifiers: _Qualifiers | None = None
    # Every figure but a negative statement ends with 件: without it only the negative patterns may match.
    patterns = _PATTERNS if "件" in s else _ZERO_PATTERNS
    present = {w for w in _KEYWORDS if w in s}
    if not present:
        return []
    kinds: set[str] = set()
    for p in patterns:
        if present.isdisjoint(p.needs) or (p.fallback and p.kind in kinds):
            continue
        for m in p.regex.finditer(s):
            if p.context != implied:
                prefix = s[_group_start(s, m.start()) : _clause_end(s, m.end())]
                if p.context == "app" and not _APP_CONTEXT.search(prefix):
                    continue
                if p.context == "case" and _CASE_CONTEXT not in prefix:
                    continue
            if p.gap_needs and p.gap_needs not in m.group("gap"):
                continue
            if p.context == "case" and not p.zero and _CASE_PART.search(m.group("gap")):
                continue  # 行政复议结果维持3件, 行政诉讼尚未审结2件: part of the cases, not all of them
            if p.kind == "received" and not p.zero and _subset(s, m.start()):
                continue  # …申请711件，其中通过网络平台收到…申请650件: part of the applications
            # A negative statement's place is its keyword's (行政复议 of 未发生…行政复议和行政诉讼).
            pos = m.start("n") if not p.zero else m.start("k") if "k" in p.regex.groupindex else m.start()
            if qualifiers is None:
                qualifiers = _Qualifiers(s)
            if qualifiers.skip(pos, year):
                continue
            try:
                value = 0 if p.zero else cn_to_int(m.group("n"))
            except ValueError:  # not a numeral (十十件): skipped, not guessed
                continue
            hits.setdefault((p.kind, pos), value)
            kinds.add(p.kind)
    figs = sorted((pos, kind, value) for (kind, pos), value in hits.items())
    # 收到…申请N件，其中上年结转M件 / （含上年结转M件）: N includes the applications carried over.
    out: list[tuple[int, str, int]] = []
    for i, (pos, kind, value) in enumerate(figs):
        if (
            kind == "received"
            and i + 1 < len(figs)
            and figs[i + 1][1] == "carried_over"
            and _INCLUDES.search(s[pos : figs[i + 1][0]])
        ):
            kind = "received_incl"
        out.append((pos, kind, value))
    return out


@lru_cache(maxsize=8192)
def figures_in(paragraph: str, implied: str = "", year: int | None = None) -> tuple[Figure, ...]:
    """The figures stated in ``paragraph``; ``implied`` is ``"app"`` or ``"case"`` when the section gives the
    context (the text of sections 三 and 四); ``year`` is the report's year (a figure of another year, such
    as 2023年收到…12件 in a 2024 report, is not returned; without ``year`` a year written out is not read).

    >>> [f[:2] for f in figures_in("全年共收到政府信息公开申请12件，办结11件，结转下年度1件。")]
    [('received', 12), ('concluded', 11), ('carried_forward', 1)]
    """
    if not _may_state(paragraph, implied):
        return ()
    out: list[Figure] = []
    for sm in _SENTENCE.finditer(paragraph):
        raw = sm.group().strip()
        if raw:
            s = nfkc(raw)
            out.extend(Figure(kind, value, raw) for _pos, kind, value in _sentence_figures(s, implied, year))
    return tuple(out)


# ---------------------------------------------------------------------------------------------------------
# Comparison with the tables

_T3 = {r.id: i for i, r in enumerate(form.APPLICATIONS.rows)}
_T4 = {b.id: i for i, b in enumerate(form.REVIEW_LITIGATION.blocks)}
#: The 总计 column of tables 三 and 四 (the one column that is not an applicant or a case outcome).
_T3_TOTAL, _T3_TOTAL_ID = next(
    (i, c.id) for i, c in enumerate(form.APPLICATIONS.blocks[0].columns) if c.id not in form.APPLICANT_COLUMNS
)
_T4_TOTAL, _T4_TOTAL_ID = next(
    (i, c.id) for i, c in enumerate(form.REVIEW_LITIGATION.blocks[0].columns) if c.id not in form.CASE_PARTS
)

#: kind -> (table, the rows whose 总计 cells it is compared with, zh name, en name)
_TARGETS: Final = {
    "received": ("三", ("received",), "本年新收申请", "applications received"),
    "received_incl": (
        "三",
        ("received", "carried_over"),
        "收到申请（含上年结转）",
        "applications received (including those carried over)",
    ),
    "carried_over": ("三", ("carried_over",), "上年结转申请", "applications carried over"),
    "concluded": ("三", ("outcome_total",), "办结申请", "applications concluded"),
    "carried_forward": ("三", ("carried_forward",), "结转下年度申请", "applications carried forward"),
    "reconsideration": ("四", ("reconsideration",), "行政复议案件", "administrative reconsideration cases"),
    "litigation": (
        "四",
        ("litigation_direct", "litigation_after_review"),
        "行政诉讼案件",
        "administrative litigation cases",
    ),
}
_TOTAL_ID: Final = {"三": _T3_TOTAL_ID, "四": _T4_TOTAL_ID}
_CELLS: Final = {
    kind: tuple(ref(table, r, _TOTAL_ID[table]).address for r in rows)
    for kind, (table, rows, _, _) in _TARGETS.items()
}
_CELL_TEXT: Final = {
    kind: " + ".join(f"“{c.row.label}” × {c.column.label}" for c in (ref(*a) for a in _CELLS[kind]))
    for kind in _TARGETS
}

#: Context implied by the text of a section holding a table (三: applications, 四: cases).
_IMPLIED: Final = {"三": "app", "四": "case"}
#: (report attribute, section id, implied context) of every narrative, in form order.
_NARRATIVES: Final = tuple((s.text_field, s.id, _IMPLIED.get(s.table or "", "")) for s in form.SECTIONS)
_get_narratives = attrgetter(*(attr for attr, _, _ in _NARRATIVES))


def _may_state(text: str, implied: str) -> bool:
    """Cheap test before the sentence split: can ``text`` state a figure at all?"""
    return bool(implied) or "申请" in text or "复议" in text or "诉讼" in text


def _located(out: list[_Stated], section: str, path: str, figures: tuple[Figure, ...]) -> None:
    out.extend((section, path, f) for f in figures)


def _add_figures(
    out: list[_Stated], section: str, attr: str, narrative: Narrative, implied: str, year: int | None
) -> None:
    """Append the figures one section's text states; the JSON path is only built for a paragraph that
    states one (most state none, and :func:`figures_in` remembers each paragraph's figures)."""
    for i, p in enumerate(narrative.paragraphs):
        if figures := figures_in(p, implied, year):
            _located(out, section, f"$.{attr}.paragraphs[{i}]", figures)
    for j, sub in enumerate(narrative.subsections):
        if figures := figures_in(sub.heading, implied, year):
            _located(out, section, f"$.{attr}.subsections[{j}].heading", figures)
        for i, p in enumerate(sub.paragraphs):
            if figures := figures_in(p, implied, year):
                _located(out, section, f"$.{attr}.subsections[{j}].paragraphs[{i}]", figures)


def _stated(report: Report) -> list[_Stated]:
    """(section id, JSON path, figure) of every figure the text states, in reading order."""
    out: list[_Stated] = []
    year = report.meta.year
    for i, p in enumerate(report.preamble):
        if figures := figures_in(p, "", year):
            _located(out, "preamble", f"$.preamble[{i}]", figures)
    for (attr, section, implied), n in zip(_NARRATIVES, _get_narratives(report), strict=True):
        if n.paragraphs or n.subsections:
            _add_figures(out, section, attr, n, implied, year)
    return out


def _table_value(ctx: CheckContext, kind: str) -> int | None:
    """The sum of the cells a figure of ``kind`` is compared with; ``None`` (not assessable) when one cannot
    be used in arithmetic (blank under the strict policy, not a number) or when every one is blank (the
    table says nothing: typically a table the parser did not find), whatever the blank policy."""
    g = ctx.grid
    total = 0
    blank = True
    table, rows, _, _ = _TARGETS[kind]
    for r in rows:
        if table == "三":
            raw, v = g.t3[_T3[r]][_T3_TOTAL], g.n3[_T3[r]][_T3_TOTAL]
        else:
            raw, v = g.t4[_T4[r]][_T4_TOTAL], g.n4[_T4[r]][_T4_TOTAL]
        if v is None:
            return None
        blank = blank and raw is None
        total += v
    return None if blank else total


def figure_mismatch(ctx: CheckContext) -> Counted:
    """Figures stated in the narrative equal the tables' 总计 cells."""
    report = ctx.report
    stated = _stated(report)
    if not stated:
        return [], 0, 0, 0
    found: list[Finding] = []
    na = 0
    for section, path, fig in stated:
        expected = _table_value(ctx, fig.kind)
        if expected is None:
            na += 1
            continue
        if expected != fig.value:
            table, _rows, zh, en = _TARGETS[fig.kind]
            found.append(
                make(
                    "text.figure-mismatch",
                    location=Location(section=section, path=path),
                    cells=_CELLS[fig.kind],
                    figure=fig.kind,
                    figure_zh=zh,
                    figure_en=en,
                    table=table,
                    cell=_CELL_TEXT[fig.kind],
                    actual=fig.value,
                    expected=expected,
                    difference=fig.value - expected,
                    quote=fig.quote,
                )
            )
    return found, len(stated) - na - len(found), len(found), na


register(
    Rule(
        code="text.figure-mismatch",
        func=figure_mismatch,
        description=(figure_mismatch.__doc__ or "").split("\n", 1)[0],
        counted=True,
    )
)
