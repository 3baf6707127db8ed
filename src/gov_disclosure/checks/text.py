"""``text.figure-mismatch``: figures the narrative states that differ from the tables.

The rule reads every paragraph (preamble, the three narrative sections, the text around the tables and
sub-headings) sentence by sentence, finds the figures it states for

- received: 收到/新收/受理/接收…申请N件, 受理N件…申请, 未收到…信息公开申请 → 三 一 × 总计;
- received including those carried over: 收到…申请N件，其中/含上年结转M件 → 三 一 + 二 × 总计;
- carried over: 上年结转…N件 → 三 二 × 总计;
- concluded: 办结/答复/办理完毕…N件 → 三 （七）总计 × 总计;
- carried forward: 结转下年度…N件, N件…结转/顺延至下年度 → 三 四 × 总计;
- reconsideration: 行政复议…N件, 未发生…行政复议 → 四 行政复议 × 总计;
- litigation: 行政诉讼…N件, 未发生…行政诉讼 → 四 未经复议直接起诉 + 复议后起诉 × 总计;

and compares them with the tables' 总计 cells. N may be written in Arabic (also full-width, with thousands
separators) or Chinese numerals (十二, 一百零五); approximate figures (约, 近, 上千, 余件) are skipped.

It is conservative on purpose, to raise no false alarm on unrelated numbers: an application figure counts
only when the sentence, up to the end of the figure's clause, speaks of disclosure applications (it
contains ``依申请公开`` or ``公开申请``, as in 政府信息公开申请), and a review or litigation figure only
when it speaks of ``信息公开``; in the text of sections 三 and 四 that context is implied. So
"窗口累计受理57930件,办结56714件" (政务服务 in the bundled example) is not read as a figure.

Instances: one per figure found (none when the narrative states no figure). A finding quotes the sentence
(``quote``) and carries ``actual`` (the narrative's figure), ``expected`` (the table's), ``difference``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter
from typing import Final, NamedTuple

from .. import form
from .._fold import nfkc
from ..cells import ref
from ..findings import Finding, Location, Severity, define, make
from ..model import Narrative, Report
from ..numerals import DIGIT_VALUE, UNIT_VALUE
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
    """A number written in Chinese numerals (or Arabic digits, with thousands separators) as an ``int``.

    >>> [cn_to_int(s) for s in ("十二", "二十", "一百零五", "两千三百", "三万五千", "〇", "1,234")]
    [12, 20, 105, 2300, 35000, 0, 1234]
    """
    text = text.replace(",", "")
    if text.isdigit():
        return int(text)
    if not any(ch in UNIT_VALUE or ch == "万" for ch in text):  # digit by digit: 一〇五
        return int("".join(str(DIGIT_VALUE[ch]) for ch in text))
    total = section = number = 0
    for ch in text:
        if ch in DIGIT_VALUE:
            number = DIGIT_VALUE[ch]
        elif ch in UNIT_VALUE:
            section += (number or (1 if ch == "十" else 0)) * UNIT_VALUE[ch]
            number = 0
        elif ch == "万":
            total += (section + number) * 10000
            section = number = 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + section + number


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
        re.compile(r"(?<![未尚])(?:办结|答复|办理完毕|处理完毕)(?!率)" + _GAP % 16 + _NUM),
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


def _sentence_figures(s: str, implied: str) -> list[tuple[int, str, int]]:
    """(position, kind, value) of every figure in one NFKC-folded sentence, in order."""
    hits: dict[tuple[str, int], int] = {}
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
                prefix = s[: _clause_end(s, m.end())]
                if p.context == "app" and not _APP_CONTEXT.search(prefix):
                    continue
                if p.context == "case" and _CASE_CONTEXT not in prefix:
                    continue
            if p.gap_needs and p.gap_needs not in m.group("gap"):
                continue
            if p.zero:
                hits.setdefault((p.kind, m.start("k") if "k" in p.regex.groupindex else m.start()), 0)
            else:
                hits.setdefault((p.kind, m.start("n")), cn_to_int(m.group("n")))
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
def figures_in(paragraph: str, implied: str = "") -> tuple[Figure, ...]:
    """The figures stated in ``paragraph``; ``implied`` is ``"app"`` or ``"case"`` when the section gives the
    context (the text of sections 三 and 四).

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
            out.extend(Figure(kind, value, raw) for _pos, kind, value in _sentence_figures(s, implied))
    return tuple(out)


# ---------------------------------------------------------------------------------------------------------
# Comparison with the tables

_T3 = {r.id: i for i, r in enumerate(form.APPLICATIONS.rows)}
_T3_TOTAL = [c.id for c in form.APPLICATIONS.blocks[0].columns].index("total")
_T4 = {b.id: i for i, b in enumerate(form.REVIEW_LITIGATION.blocks)}
_T4_TOTAL = [c.id for c in form.REVIEW_LITIGATION.blocks[0].columns].index("total")

#: kind -> (table, cells as (row id, column id), zh name, en name)
_TARGETS: Final = {
    "received": ("三", (("received", "total"),), "本年新收申请", "applications received"),
    "received_incl": (
        "三",
        (("received", "total"), ("carried_over", "total")),
        "收到申请（含上年结转）",
        "applications received (including those carried over)",
    ),
    "carried_over": ("三", (("carried_over", "total"),), "上年结转申请", "applications carried over"),
    "concluded": ("三", (("outcome_total", "total"),), "办结申请", "applications concluded"),
    "carried_forward": (
        "三",
        (("carried_forward", "total"),),
        "结转下年度申请",
        "applications carried forward",
    ),
    "reconsideration": (
        "四",
        (("reconsideration", "total"),),
        "行政复议案件",
        "administrative reconsideration cases",
    ),
    "litigation": (
        "四",
        (("litigation_direct", "total"), ("litigation_after_review", "total")),
        "行政诉讼案件",
        "administrative litigation cases",
    ),
}
_CELLS: Final = {
    kind: tuple(ref(table, r, c).address for r, c in cells) for kind, (table, cells, _, _) in _TARGETS.items()
}
_CELL_TEXT: Final = {
    kind: " + ".join(f"“{ref(table, r, c).row.label}” × {ref(table, r, c).column.label}" for r, c in cells)
    for kind, (table, cells, _, _) in _TARGETS.items()
}


_NARRATIVES: Final = (
    ("overview", "overview", ""),
    ("active_disclosure_text", "active_disclosure", ""),
    ("applications_text", "applications", "app"),
    ("review_litigation_text", "review_litigation", "case"),
    ("problems", "problems", ""),
    ("other_matters", "other_matters", ""),
)
_get_narratives = attrgetter(*(attr for attr, _, _ in _NARRATIVES))


def _may_state(text: str, implied: str) -> bool:
    """Cheap test before the sentence split: can ``text`` state a figure at all?"""
    return bool(implied) or "申请" in text or "复议" in text or "诉讼" in text


def _located(out: list[_Stated], section: str, path: str, figures: tuple[Figure, ...]) -> None:
    out.extend((section, path, f) for f in figures)


def _add_figures(out: list[_Stated], section: str, attr: str, narrative: Narrative, implied: str) -> None:
    """Append the figures one section's text states; the JSON path is only built for a paragraph that
    states one (most state none, and :func:`figures_in` remembers each paragraph's figures)."""
    for i, p in enumerate(narrative.paragraphs):
        if figures := figures_in(p, implied):
            _located(out, section, f"$.{attr}.paragraphs[{i}]", figures)
    for j, sub in enumerate(narrative.subsections):
        if figures := figures_in(sub.heading, implied):
            _located(out, section, f"$.{attr}.subsections[{j}].heading", figures)
        for i, p in enumerate(sub.paragraphs):
            if figures := figures_in(p, implied):
                _located(out, section, f"$.{attr}.subsections[{j}].paragraphs[{i}]", figures)


def _stated(report: Report) -> list[_Stated]:
    """(section id, JSON path, figure) of every figure the text states, in reading order."""
    out: list[_Stated] = []
    for i, p in enumerate(report.preamble):
        if figures := figures_in(p, ""):
            _located(out, "preamble", f"$.preamble[{i}]", figures)
    for (attr, section, implied), n in zip(_NARRATIVES, _get_narratives(report), strict=True):
        if n.paragraphs or n.subsections:
            _add_figures(out, section, attr, n, implied)
    return out


def _table_value(ctx: CheckContext, kind: str) -> int | None:
    g = ctx.grid
    total = 0
    table, cells, _, _ = _TARGETS[kind]
    for r, _c in cells:
        v = g.n3[_T3[r]][_T3_TOTAL] if table == "三" else g.n4[_T4[r]][_T4_TOTAL]
        if v is None:
            return None
        total += v
    return total


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
            table, _cells, zh, en = _TARGETS[fig.kind]
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
