"""Word's automatic list numbering (``word/numbering.xml``): the visible number of each numbered paragraph
(``一、``, ``（一）``, ``1.1 ``), counted in document order as Word counts it.

See ``docs/parse.md`` ("Word (.docx)").
"""

from __future__ import annotations

import unicodedata
from typing import Any, Final

from ..text.numerals import MAX_NUMERAL, chinese_numeral

__all__ = ["VAL", "Numbering", "W"]

#: The WordprocessingML namespace, as lxml writes it before a tag or attribute name.
W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL: Final = f"{W}val"


_ROMAN: Final = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
#: Unicode categories of a number's last character after which the tab or space that follows it is kept.
_SPACED: Final = frozenset({"Lu", "Ll", "Lt", "Lo", "Nd"})
_FULL_WIDTH_DIGITS: Final = str.maketrans("0123456789", "０１２３４５６７８９")
_IDEOGRAPH_DIGITS: Final = "〇一二三四五六七八九"
_TIANGAN: Final = "甲乙丙丁戊己庚辛壬癸"
_DIZHI: Final = "子丑寅卯辰巳午未申酉戌亥"
#: ``w:numFmt`` values written with Chinese numerals (十一, 一百零五).
_CHINESE_COUNTING: Final = frozenset(
    {
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    }
)
#: First code point of the enclosed forms of 1–20: ① (circle), ⑴ (parenthesis), ⒈ (full stop).
_ENCLOSED: Final = {
    "decimalEnclosedCircle": 0x2460,
    "decimalEnclosedCircleChinese": 0x2460,
    "decimalEnclosedParen": 0x2474,
    "decimalEnclosedFullstop": 0x2488,
}


def _roman(n: int) -> str | None:
    if not 0 < n < 4000:
        return None
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _format_number(n: int, fmt: str) -> str | None:
    """``n`` written in the Word number format ``fmt`` (``w:numFmt``): ``11`` in ``chineseCounting`` is
    ``十一``, ``2`` in ``decimalEnclosedCircle`` is ``②``; ``None`` for a format not known."""
    if fmt in ("decimal", "decimalHalfWidth"):
        return str(n)
    if fmt == "none":
        return ""
    if n < 0:
        return None
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH_DIGITS)
    if fmt in _CHINESE_COUNTING:
        return chinese_numeral(n) if n <= MAX_NUMERAL else None
    if fmt == "ideographDigital":
        return "".join(_IDEOGRAPH_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[n - 1] if 1 <= n <= len(_TIANGAN) else None
    if fmt == "ideographZodiac":
        return _DIZHI[n - 1] if 1 <= n <= len(_DIZHI) else None
    if fmt in _ENCLOSED:
        # Past 20 there is no enclosed character; Word shows the digits.
        return chr(_ENCLOSED[fmt] + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return None if roman is None else (roman if fmt == "upperRoman" else roman.lower())
    if fmt in ("upperLetter", "lowerLetter"):
        if not 1 <= n <= 780:
            return None
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    return None


def _level(value: str | None) -> int | None:
    """A ``w:ilvl`` / ``w:start`` style integer attribute, or ``None`` when it is not one."""
    if value is None:
        return None
    value = value.strip()
    if not value.lstrip("-").isdigit() or len(value) > 9:
        return None
    return int(value)


class Numbering:
    """The visible number of each automatically numbered paragraph (``w:numPr``), counted in document order.

    ``w:num`` → ``w:abstractNum`` (through ``w:numStyleLink``), ``w:lvlOverride`` (``w:startOverride`` or a
    whole ``w:lvl``), a level's ``w:start``, ``w:numFmt``, ``w:lvlText`` (``%1、``, ``（%1）``, ``%1.%2``),
    ``w:isLgl``, ``w:lvlRestart`` and ``w:suff``. Counters belong to the abstract list, as in Word: two
    ``w:num`` of one ``w:abstractNum`` continue each other unless one restarts with ``w:startOverride``.
    """

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self.abstract: dict[str, Any] = {}
        # numId → (abstractNumId, overriding w:lvl by level, w:startOverride by level)
        self.nums: dict[str, tuple[str, dict[int, Any], dict[int, int]]] = {}
        # styleId → (basedOn, numId, ilvl)
        self.styles: dict[str, tuple[str | None, str | None, int | None]] = {}
        self.default_style: str | None = None
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        self._levels_cache: dict[str, tuple[str, dict[int, Any]] | None] = {}
        if numbering is not None:
            for el in numbering.iterchildren(f"{W}abstractNum"):
                self.abstract.setdefault(el.get(f"{W}abstractNumId") or "", el)
            for el in numbering.iterchildren(f"{W}num"):
                ref = el.find(f"{W}abstractNumId")
                if ref is None:
                    continue
                lvls: dict[int, Any] = {}
                starts: dict[int, int] = {}
                for over in el.iterchildren(f"{W}lvlOverride"):
                    ilvl = _level(over.get(f"{W}ilvl"))
                    if ilvl is None:
                        continue
                    start = over.find(f"{W}startOverride")
                    value = None if start is None else _level(start.get(VAL))
                    if value is not None:
                        starts[ilvl] = value
                    lvl = over.find(f"{W}lvl")
                    if lvl is not None:
                        lvls[ilvl] = lvl
                self.nums.setdefault(el.get(f"{W}numId") or "", (ref.get(VAL) or "", lvls, starts))
        if styles is not None:
            for el in styles.iterchildren(f"{W}style"):
                if el.get(f"{W}type") not in (None, "paragraph"):
                    continue
                sid = el.get(f"{W}styleId") or ""
                based = el.find(f"{W}basedOn")
                num_pr = el.find(f"{W}pPr/{W}numPr")
                num_id, ilvl = _num_pr(num_pr)
                self.styles.setdefault(sid, (None if based is None else based.get(VAL), num_id, ilvl))
                if el.get(f"{W}default") in ("1", "true", "on") and self.default_style is None:
                    self.default_style = sid

    def _style_num(self, style: str) -> tuple[str | None, int | None, str]:
        """The list a paragraph style (or a style it is based on) puts its paragraphs in."""
        num_id: str | None = None
        ilvl: int | None = None
        owner = style
        seen: set[str] = set()
        current: str | None = style
        while current is not None and current not in seen and current in self.styles:
            seen.add(current)
            based, c_num, c_ilvl = self.styles[current]
            if ilvl is None:
                ilvl = c_ilvl
            if c_num is not None:
                num_id, owner = c_num, current
                break
            current = based
        return num_id, ilvl, owner

    def _levels(self, num_id: str) -> tuple[str, dict[int, Any]] | None:
        """The abstract list of a ``w:num`` and its level definitions (after ``w:lvlOverride``)."""
        if num_id in self._levels_cache:
            return self._levels_cache[num_id]
        out: tuple[str, dict[int, Any]] | None = None
        num = self.nums.get(num_id)
        if num is not None:
            abs_id, lvl_over, _ = num
            el = self.abstract.get(abs_id)
            for _ in range(4):  # w:numStyleLink: the list is defined by a numbering style's list
                link = None if el is None else el.find(f"{W}numStyleLink")
                if link is None:
                    break
                target, _, _ = self._style_num(link.get(VAL) or "")
                if target is None or target == num_id or target not in self.nums:
                    break
                abs_id = self.nums[target][0]
                el = self.abstract.get(abs_id)
            if el is not None:
                levels: dict[int, Any] = {}
                for lvl in el.iterchildren(f"{W}lvl"):
                    ilvl = _level(lvl.get(f"{W}ilvl"))
                    if ilvl is not None and 0 <= ilvl <= 8:
                        levels.setdefault(ilvl, lvl)
                levels.update(lvl_over)
                out = (abs_id, levels)
        self._levels_cache[num_id] = out
        return out

    def _ref(self, p: Any) -> tuple[str, int] | None:
        """The list (``numId``) and level of a paragraph, from its own ``w:numPr`` or its style's."""
        ppr = p.find(f"{W}pPr")
        style: str | None = None
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            ps = ppr.find(f"{W}pStyle")
            style = None if ps is None else ps.get(VAL)
            num_id, ilvl = _num_pr(ppr.find(f"{W}numPr"))
        style = style or self.default_style
        if num_id is None and style:
            num_id, s_ilvl, owner = self._style_num(style)
            if ilvl is None:
                ilvl = s_ilvl
            if ilvl is None and num_id is not None:
                # A style-numbered paragraph's level is the one whose w:pStyle names the style.
                levels = self._levels(num_id)
                for k, lvl in (levels[1] if levels else {}).items():
                    ps = lvl.find(f"{W}pStyle")
                    if ps is not None and ps.get(VAL) in (style, owner):
                        ilvl = k
                        break
        if num_id is None or num_id.strip() == "0":
            return None
        return num_id, ilvl or 0

    def label(self, p: Any) -> str:
        """Count the paragraph in its list; its visible number (``一、``, ``（二）``, ``1.2 ``), or ``""``."""
        ref = self._ref(p)
        if ref is None:
            return ""
        num_id, ilvl = ref
        found = self._levels(num_id)
        if found is None or not 0 <= ilvl <= 8:
            return ""
        abs_id, levels = found
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        starts = self.nums[num_id][2]
        counters = self.counters.setdefault(abs_id, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for k in starts:  # w:startOverride: this list instance starts again
                counters.pop(k, None)

        def start(k: int) -> int:
            if k in starts:
                return starts[k]
            el = levels.get(k)
            node = None if el is None else el.find(f"{W}start")
            value = None if node is None else _level(node.get(VAL))
            return 1 if value is None else value

        value = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        counters[ilvl] = value
        for k in range(ilvl + 1, 9):
            el = levels.get(k)
            node = None if el is None else el.find(f"{W}lvlRestart")
            restart = None if node is None else _level(node.get(VAL))
            # By default any earlier level restarts this one; w:lvlRestart n: only levels up to n; 0: never.
            if restart is None or restart > k or (restart != 0 and ilvl < restart):
                counters.pop(k, None)
        return self._render(lvl, levels, counters, start, legal=lvl.find(f"{W}isLgl") is not None)

    @staticmethod
    def _render(
        lvl: Any, levels: dict[int, Any], counters: dict[int, int], start: Any, *, legal: bool
    ) -> str:
        fmt_el = lvl.find(f"{W}numFmt")
        own_fmt = "decimal" if fmt_el is None else (fmt_el.get(VAL) or "decimal")
        text_el = lvl.find(f"{W}lvlText")
        if own_fmt == "bullet" or text_el is None or text_el.get(f"{W}null") in ("1", "true", "on"):
            return ""
        template = text_el.get(VAL) or ""
        out: list[str] = []
        i = 0
        while i < len(template):
            ch = template[i]
            if ch == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
                k = int(template[i + 1]) - 1
                el = levels.get(k)
                node = None if el is None else el.find(f"{W}numFmt")
                fmt = "decimal" if node is None else (node.get(VAL) or "decimal")
                if legal and fmt != "none":
                    fmt = "decimal"
                n = counters.get(k)
                piece = _format_number(start(k) if n is None else n, fmt)
                if piece is None:
                    return ""
                out.append(piece)
                i += 2
                continue
            out.append(ch)
            i += 1
        label = "".join(out)
        suff = lvl.find(f"{W}suff")
        # A tab or a space follows the number: kept as one space after a letter or a digit (``1.1 ``,
        # ``第一章 ``), dropped after punctuation or a symbol (``一、``, ``（一）``, ``①``).
        spaced = suff is None or suff.get(VAL) != "nothing"
        if label and spaced and unicodedata.category(label[-1]) in _SPACED:
            label += " "
        return label


def _num_pr(num_pr: Any | None) -> tuple[str | None, int | None]:
    if num_pr is None:
        return None, None
    n = num_pr.find(f"{W}numId")
    lvl = num_pr.find(f"{W}ilvl")
    return (None if n is None else n.get(VAL)), (None if lvl is None else _level(lvl.get(VAL)))
