"""Word (.docx) front-end, with python-docx (the ``docx`` extra), imported only when a .docx is read.

**Safety first.** Before python-docx opens the file, the zip is checked: it must be a zip, hold
``word/document.xml``, have at most :attr:`~Limits.max_entries` entries, unpack to at most
:attr:`~Limits.max_unpacked` bytes, and no large entry may compress better than :attr:`~Limits.max_ratio` to 1
(zip bombs do). A file that fails, or that python-docx cannot open, gives ``parse.docx-invalid`` and no
report;
nothing is raised. python-docx parses the XML without resolving entities.

**What is read.** The body in order: paragraphs and tables, also inside content controls (``w:sdt``, read
through ``w:sdtContent`` unless it still shows its placeholder prompt) and custom XML. A paragraph's level
comes from its style: ``Title`` → 1, ``Heading N`` → N + 1 (so ``Heading 1`` holds section headings, as in our
rendering, and ``Heading 2`` sub-headings); the styles ``GD Issuer`` and ``GD Date`` mark the sign-off.

A paragraph's text is its runs in document order, also inside hyperlinks, smart tags, inline content controls,
tracked insertions (``w:ins``, ``w:moveTo``), simple fields and custom XML; tracked deletions (``w:del``,
``w:moveFrom``), field codes, ruby text, drawings and text boxes are left out. ``<w:br/>`` and ``<w:cr/>`` are
``\\n``, ``<w:tab/>`` ``\\t``, a non-breaking hyphen ``-``. **Automatic list numbering** (``w:numPr`` on the
paragraph or its style) is written out as Word shows it: ``numbering.xml``'s list, level, start, format
(decimal, the Chinese counting formats, circled numbers, 甲乙丙, roman, letters…) and level text (``%1、``,
``（%1）``, ``%1.%2``) give ``一、``, ``（一）``, ``1.1 `` in front of the text, counted per list and level in
document order (a higher level restarts the lower ones unless ``w:lvlRestart`` says otherwise). A bullet or a
format not known adds nothing.

Tables keep their merged cells: ``w:gridSpan`` is a column span and ``w:vMerge`` runs become a row span, as in
HTML; a cell's paragraphs are joined with line breaks; rows deleted with tracked changes are left out. As in
HTML, a table with a table in one of its cells, or with a cell longer than 500 characters, is page layout: its
cells are read as containers, in order, so a table inside becomes a table of its own and the other paragraphs
paragraphs.

**Our own files** (``render(report, "docx")``): the ``gov-disclosure:*`` custom document properties
(``docProps/custom.xml``) are the metadata (authoritative), and ``Normal`` paragraphs are running text.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import Any, Final

import attrs

from ..findings import Finding, make
from ..model import Meta
from ..text.numerals import MAX_NUMERAL, chinese_numeral
from .doc import (
    Block,
    Cell,
    Document,
    Limits,
    Origin,
    Paragraph,
    TableBlock,
    table_limit_reached,
    too_complex,
)

__all__ = ["check_zip", "read"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL: Final = f"{_W}val"
_P: Final = f"{_W}p"
_TBL: Final = f"{_W}tbl"
_TR: Final = f"{_W}tr"
_TC: Final = f"{_W}tc"
_SDT: Final = f"{_W}sdt"
_SDT_CONTENT: Final = f"{_W}sdtContent"
_CUSTOM_XML: Final = f"{_W}customXml"
_T: Final = f"{_W}t"
_BR: Final = f"{_W}br"
_BIG_ENTRY: Final = 1 << 20
_SIGNOFF_STYLES: Final = frozenset({"gd issuer", "gd date"})
#: Metadata keys our renderer writes: the fields of :class:`~gov_disclosure.model.Meta`.
_META_KEYS: Final = tuple(f.name for f in attrs.fields(Meta))
#: Elements holding paragraphs and tables (or rows, or cells) that are read through: content controls and
#: custom XML. ``w:sdt`` itself is read through its ``w:sdtContent`` only (never ``w:sdtPr``).
_BLOCK_WRAPPERS: Final = frozenset({_SDT_CONTENT, _CUSTOM_XML})
#: Elements inside a paragraph whose runs are read, in document order. Anything else is not text: tracked
#: deletions (``w:del``, ``w:moveFrom``), properties (``w:pPr``, ``w:rPr``, ``w:sdtPr``, whose ``w:tab`` and
#: ``w:del`` are not content), field codes (``w:instrText``), ruby text (``w:rt``), drawings and text boxes
#: (``w:drawing``, ``w:pict``, ``mc:AlternateContent``, which hold the same text twice).
_INLINE_WRAPPERS: Final = frozenset(
    f"{_W}{name}"
    for name in (
        "r",
        "hyperlink",
        "smartTag",
        "sdtContent",
        "ins",
        "moveTo",
        "fldSimple",
        "customXml",
        "dir",
        "bdo",
        "ruby",
        "rubyBase",
    )
)
#: The text of the run content elements that stand for characters.
_RUN_CHARS: Final = {
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
}
#: Longest cell text of a data table; a table with a longer cell is a layout table (as in HTML).
_MAX_CELL_TEXT: Final = 500


def check_zip(data: bytes, limits: Limits) -> str | None:
    """Why ``data`` is not a safe .docx to open, or ``None`` when it is."""
    if not data.startswith(b"PK"):
        return "不是 zip 文件 (not a zip file)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        return f"zip 文件已损坏 (damaged zip: {exc})"
    if len(infos) > limits.max_entries:
        return f"zip 条目过多 ({len(infos)} entries, limit {limits.max_entries})"
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked:
        return f"解压后过大 (unpacks to {total} bytes, limit {limits.max_unpacked})"
    for i in infos:
        if i.file_size > _BIG_ENTRY and i.file_size > limits.max_ratio * max(i.compress_size, 1):
            return (
                f"疑似 zip 炸弹 (entry {i.filename!r} compresses {i.file_size // max(i.compress_size, 1)}:1)"
            )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        return "不是 Word 文档 (no word/document.xml)"
    return None


def _style_levels(document: Any) -> dict[str, tuple[int | None, str | None, str]]:
    out: dict[str, tuple[int | None, str | None, str]] = {}
    for style in document.styles:
        try:
            sid, name = style.style_id, (style.name or "")
        except Exception:
            continue
        low = name.lower()
        level: int | None = None
        role: str | None = None
        if low == "title":
            level = 1
        elif low.startswith("heading "):
            tail = low[len("heading ") :]
            if tail.isdigit():
                level = int(tail) + 1
        elif low in _SIGNOFF_STYLES:
            role = "signoff"
        out[sid] = (level, role, low)
    return out


_CUSTOM_PREFIX: Final = "gov-disclosure:"


def _meta(data: bytes) -> dict[str, str | None] | None:
    """Our metadata: the ``gov-disclosure:*`` custom document properties in ``docProps/custom.xml``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "docProps/custom.xml" not in zf.namelist():
                return None
            xml = zf.read("docProps/custom.xml")
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(xml, parser)
    except Exception:
        return None
    out: dict[str, str | None] = {}
    for prop in root:
        name = prop.get("name") or ""
        if not name.startswith(_CUSTOM_PREFIX):
            continue
        key = name[len(_CUSTOM_PREFIX) :]
        if key in _META_KEYS:
            out[key] = "".join(prop.itertext())
    return out if "agency" in out else None


# ---------------------------------------------------------------------------------------------------------
# Automatic list numbering (word/numbering.xml)

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


class _Numbering:
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
            for el in numbering.iterchildren(f"{_W}abstractNum"):
                self.abstract.setdefault(el.get(f"{_W}abstractNumId") or "", el)
            for el in numbering.iterchildren(f"{_W}num"):
                ref = el.find(f"{_W}abstractNumId")
                if ref is None:
                    continue
                lvls: dict[int, Any] = {}
                starts: dict[int, int] = {}
                for over in el.iterchildren(f"{_W}lvlOverride"):
                    ilvl = _level(over.get(f"{_W}ilvl"))
                    if ilvl is None:
                        continue
                    start = over.find(f"{_W}startOverride")
                    value = None if start is None else _level(start.get(_VAL))
                    if value is not None:
                        starts[ilvl] = value
                    lvl = over.find(f"{_W}lvl")
                    if lvl is not None:
                        lvls[ilvl] = lvl
                self.nums.setdefault(el.get(f"{_W}numId") or "", (ref.get(_VAL) or "", lvls, starts))
        if styles is not None:
            for el in styles.iterchildren(f"{_W}style"):
                if el.get(f"{_W}type") not in (None, "paragraph"):
                    continue
                sid = el.get(f"{_W}styleId") or ""
                based = el.find(f"{_W}basedOn")
                num_pr = el.find(f"{_W}pPr/{_W}numPr")
                num_id, ilvl = _num_pr(num_pr)
                self.styles.setdefault(sid, (None if based is None else based.get(_VAL), num_id, ilvl))
                if el.get(f"{_W}default") in ("1", "true", "on") and self.default_style is None:
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
                link = None if el is None else el.find(f"{_W}numStyleLink")
                if link is None:
                    break
                target, _, _ = self._style_num(link.get(_VAL) or "")
                if target is None or target == num_id or target not in self.nums:
                    break
                abs_id = self.nums[target][0]
                el = self.abstract.get(abs_id)
            if el is not None:
                levels: dict[int, Any] = {}
                for lvl in el.iterchildren(f"{_W}lvl"):
                    ilvl = _level(lvl.get(f"{_W}ilvl"))
                    if ilvl is not None and 0 <= ilvl <= 8:
                        levels.setdefault(ilvl, lvl)
                levels.update(lvl_over)
                out = (abs_id, levels)
        self._levels_cache[num_id] = out
        return out

    def _ref(self, p: Any) -> tuple[str, int] | None:
        """The list (``numId``) and level of a paragraph, from its own ``w:numPr`` or its style's."""
        ppr = p.find(f"{_W}pPr")
        style: str | None = None
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            ps = ppr.find(f"{_W}pStyle")
            style = None if ps is None else ps.get(_VAL)
            num_id, ilvl = _num_pr(ppr.find(f"{_W}numPr"))
        style = style or self.default_style
        if num_id is None and style:
            num_id, s_ilvl, owner = self._style_num(style)
            if ilvl is None:
                ilvl = s_ilvl
            if ilvl is None and num_id is not None:
                # A style-numbered paragraph's level is the one whose w:pStyle names the style.
                levels = self._levels(num_id)
                for k, lvl in (levels[1] if levels else {}).items():
                    ps = lvl.find(f"{_W}pStyle")
                    if ps is not None and ps.get(_VAL) in (style, owner):
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
            node = None if el is None else el.find(f"{_W}start")
            value = None if node is None else _level(node.get(_VAL))
            return 1 if value is None else value

        value = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        counters[ilvl] = value
        for k in range(ilvl + 1, 9):
            el = levels.get(k)
            node = None if el is None else el.find(f"{_W}lvlRestart")
            restart = None if node is None else _level(node.get(_VAL))
            # By default any earlier level restarts this one; w:lvlRestart n: only levels up to n; 0: never.
            if restart is None or restart > k or (restart != 0 and ilvl < restart):
                counters.pop(k, None)
        return self._render(lvl, levels, counters, start, legal=lvl.find(f"{_W}isLgl") is not None)

    @staticmethod
    def _render(
        lvl: Any, levels: dict[int, Any], counters: dict[int, int], start: Any, *, legal: bool
    ) -> str:
        fmt_el = lvl.find(f"{_W}numFmt")
        own_fmt = "decimal" if fmt_el is None else (fmt_el.get(_VAL) or "decimal")
        text_el = lvl.find(f"{_W}lvlText")
        if own_fmt == "bullet" or text_el is None or text_el.get(f"{_W}null") in ("1", "true", "on"):
            return ""
        template = text_el.get(_VAL) or ""
        out: list[str] = []
        i = 0
        while i < len(template):
            ch = template[i]
            if ch == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
                k = int(template[i + 1]) - 1
                el = levels.get(k)
                node = None if el is None else el.find(f"{_W}numFmt")
                fmt = "decimal" if node is None else (node.get(_VAL) or "decimal")
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
        suff = lvl.find(f"{_W}suff")
        # A tab or a space follows the number: kept as one space after a letter or a digit (``1.1 ``,
        # ``第一章 ``), dropped after punctuation or a symbol (``一、``, ``（一）``, ``①``).
        spaced = suff is None or suff.get(_VAL) != "nothing"
        if label and spaced and unicodedata.category(label[-1]) in _SPACED:
            label += " "
        return label


def _num_pr(num_pr: Any | None) -> tuple[str | None, int | None]:
    if num_pr is None:
        return None, None
    n = num_pr.find(f"{_W}numId")
    lvl = num_pr.find(f"{_W}ilvl")
    return (None if n is None else n.get(_VAL)), (None if lvl is None else _level(lvl.get(_VAL)))


def _part_element(document: Any, reltype: str) -> Any | None:
    """The XML of the document's part related by ``reltype`` (``None`` when the document has none)."""
    try:
        return document.part.part_related_by(reltype).element
    except Exception:
        return None


class _Reader:
    def __init__(
        self,
        limits: Limits,
        styles: dict[str, tuple[int | None, str | None, str]],
        ours: bool,
        numbering: _Numbering,
    ) -> None:
        self.limits = limits
        self.styles = styles
        self.ours = ours
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.findings: list[Finding] = []
        self.n_tables = 0
        self.total_cells = 0
        self.walked = 0
        self.stopped = False
        self.deep = False

    # -- bounds ------------------------------------------------------------------------------------------

    def _tick(self) -> bool:
        """Count one XML element walked; ``False`` (and reading stops) once there were too many."""
        self.walked += 1
        if self.walked > self.limits.max_elements and not self.stopped:
            self.stopped = True
            self.findings.append(
                too_complex("XML 元素数", "The number of XML elements", self.limits.max_elements)
            )
        return not self.stopped

    def _too_deep(self, depth: int) -> bool:
        if depth < self.limits.max_depth:
            return False
        if not self.deep:
            self.deep = True
            self.findings.append(too_complex("元素嵌套深度", "The nesting depth", self.limits.max_depth))
        return True

    def _full(self) -> bool:
        return self.stopped or len(self.blocks) >= self.limits.max_blocks

    # -- structure ---------------------------------------------------------------------------------------

    def _children(self, el: Any, tags: tuple[str, ...], depth: int) -> Iterator[tuple[Any, int]]:
        """The children of ``el`` with one of ``tags``, in order, read through content controls and custom
        XML (a ``w:sdt``'s ``w:sdtContent`` only, and not while it shows its placeholder text)."""
        stack: list[tuple[Any, int]] = [(child, depth + 1) for child in reversed(el)]
        while stack:
            child, d = stack.pop()
            if not self._tick():
                return
            tag = child.tag
            if tag in tags:
                yield child, d
            elif tag == _SDT or tag in _BLOCK_WRAPPERS:
                if self._too_deep(d):
                    continue
                inner = _sdt_content(child) if tag == _SDT else child
                if inner is not None:
                    stack.extend((c, d + 1) for c in reversed(inner))

    def body(self, body: Any) -> None:
        self.container(body, 0)

    def container(self, el: Any, depth: int) -> None:
        """Read the paragraphs and tables of the body, of a content control or of a layout table's cell."""
        for child, d in self._children(el, (_P, _TBL), depth):
            if self._full():
                return
            if child.tag == _P:
                self.paragraph(child)
            else:
                self.table(child, d)

    # -- text --------------------------------------------------------------------------------------------

    def text(self, p: Any) -> str:
        """The visible text of a paragraph: its list number, then its runs in document order, read through
        hyperlinks, smart tags, content controls, tracked insertions, simple fields and custom XML; tracked
        deletions, field codes, drawings and text boxes are left out."""
        out = [self.numbering.label(p)]
        stack: list[tuple[Any, int]] = [(child, 1) for child in reversed(p)]
        while stack:
            el, depth = stack.pop()
            if not self._tick():
                break
            tag = el.tag
            if tag == _T:
                out.append(el.text or "")
            elif tag in _RUN_CHARS:
                out.append(_RUN_CHARS[tag])
            elif tag == _BR:
                out.append("\n" if el.get(f"{_W}type") in (None, "textWrapping") else "")
            elif tag == _SDT or tag in _INLINE_WRAPPERS:
                if self._too_deep(depth):
                    continue
                inner = _sdt_content(el) if tag == _SDT else el
                if inner is not None:
                    stack.extend((c, depth + 1) for c in reversed(inner))
        return "".join(out)

    def paragraph(self, p: Any) -> None:
        text = self.text(p).strip()
        if not text:
            return
        ps = p.find(f"{_W}pPr/{_W}pStyle")
        sid = None if ps is None else ps.get(_VAL)
        level, role, _ = self.styles.get(sid or "", (None, None, ""))
        if role is None and level is None and self.ours:
            role = "body"
        self.blocks.append(Paragraph(text=text, level=level, role=role))

    # -- tables ------------------------------------------------------------------------------------------

    def _rows(self, tbl: Any, depth: int) -> list[tuple[Any, list[tuple[Any, int]]]]:
        """The rows of a table (tracked deleted rows left out) with their cells and the cells' depth."""
        rows: list[tuple[Any, list[tuple[Any, int]]]] = []
        for tr, d in self._children(tbl, (_TR,), depth):
            if tr.find(f"{_W}trPr/{_W}del") is not None:
                continue
            rows.append((tr, list(self._children(tr, (_TC,), d))))
        return rows

    def _is_layout(self, rows: list[tuple[Any, list[tuple[Any, int]]]]) -> bool:
        """A table with a table in a cell, or a cell longer than a data cell can be, is page layout."""
        for _, tcs in rows:
            for tc, d in tcs:
                if any(True for _ in self._children(tc, (_TBL,), d)):
                    return True
                if sum(len(t.text or "") for t in tc.iter(_T)) > _MAX_CELL_TEXT:
                    return True
        return False

    def table(self, tbl: Any, depth: int) -> None:
        if self._too_deep(depth):
            return
        rows = self._rows(tbl, depth)
        if self._is_layout(rows):
            # A layout table (a frame around the report or around the official table): its cells are read
            # as containers, in reading order, so the tables inside become tables of their own.
            for _, tcs in rows:
                for tc, d in tcs:
                    if self._full():
                        return
                    self.container(tc, d)
            return
        if table_limit_reached(self.n_tables, self.limits, self.findings):
            self.n_tables += 1
            return
        # First lay out every cell with its grid column, span and vertical-merge state.
        laid: list[list[tuple[int, int, Any, str | None]]] = []
        total = 0
        for tr, tcs in rows:
            col = 0
            row: list[tuple[int, int, Any, str | None]] = []
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            if before is not None:
                col = _int(before.get(_VAL), self.limits)
                if col:
                    row.append((0, col, None, None))
            for tc, _ in tcs[: self.limits.max_row_cells]:
                span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
                span = _int(span_el.get(_VAL), self.limits) if span_el is not None else 1
                vm = tc.find(f"{_W}tcPr/{_W}vMerge")
                merge = None if vm is None else (vm.get(_VAL) or "continue")
                row.append((col, max(span, 1), tc, merge))
                col += max(span, 1)
                total += 1
            laid.append(row)
            if total > self.limits.max_cells or self.total_cells + total > self.limits.max_total_cells:
                self.findings.append(
                    too_complex(
                        "表格单元格数",
                        "The number of cells of a table",
                        min(self.limits.max_cells, self.limits.max_total_cells),
                    )
                )
                break
        self.total_cells += total
        out: list[tuple[Cell, ...]] = []
        for r, row in enumerate(laid):
            cells: list[Cell] = []
            for col, span, tc, merge in row:
                if merge == "continue":
                    continue
                rowspan = 1
                if merge == "restart":
                    for below in laid[r + 1 :]:
                        if any(c == col and m == "continue" for c, _, _, m in below):
                            rowspan += 1
                        else:
                            break
                text = "" if tc is None else self.cell_text(tc, depth)
                cells.append(
                    Cell(
                        text=text,
                        origin=Origin(table=self.n_tables, row=r, col=len(cells)),
                        rowspan=min(rowspan, self.limits.max_span),
                        colspan=span,
                    )
                )
            out.append(tuple(cells))
        self.blocks.append(TableBlock(rows=tuple(out), origin=Origin(table=self.n_tables)))
        self.n_tables += 1

    def cell_text(self, tc: Any, depth: int) -> str:
        """A data cell's paragraphs (also inside content controls), joined with line breaks."""
        lines = [self.text(p) for p, _ in self._children(tc, (_P,), depth)]
        return "\n".join(lines).strip()


def _sdt_content(sdt: Any) -> Any | None:
    """The content of a content control, or ``None`` while it shows its placeholder (``单击此处输入文字``)."""
    if sdt.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None:
        return None
    return sdt.find(_SDT_CONTENT)


def _int(value: str | None, limits: Limits) -> int:
    if value is None or not value.strip().isdigit():
        return 1
    return max(0, min(int(value.strip()[:6]), limits.max_span))


def read(data: bytes | str, limits: Limits) -> Document:
    """Read a .docx into blocks (see the module docstring)."""
    if isinstance(data, str):
        raise ValueError("a .docx document must be given as bytes or a path, not as str")
    problem = check_zip(data, limits)
    if problem is not None:
        return Document(blocks=(), findings=(make("parse.docx-invalid", reason=problem),), unreadable=True)
    try:
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("reading .docx needs python-docx: pip install 'gov-disclosure[docx]'") from exc
    try:
        document = docx.Document(io.BytesIO(data))
        styles = _style_levels(document)
        meta = _meta(data)
        numbering = _Numbering(_part_element(document, RT.NUMBERING), _part_element(document, RT.STYLES))
        reader = _Reader(limits, styles, ours=meta is not None, numbering=numbering)
        reader.body(document.element.body)
        title = document.core_properties.title or None
    except Exception as exc:
        reason = f"{type(exc).__name__}: {str(exc)[:200]}"
        return Document(blocks=(), findings=(make("parse.docx-invalid", reason=reason),), unreadable=True)
    return Document(
        blocks=tuple(reader.blocks),
        findings=tuple(reader.findings),
        title=title,
        meta=meta,
        signoff_marked=meta is not None,
    )
