"""HTML front-end: real government article pages and our own rendering, with lxml (the ``html`` extra).

**Safety.** lxml's HTML parser with ``no_network=True``, comments and processing instructions removed, no huge
trees; HTML has no external entities (only the standard named ones such as ``&nbsp;``). Input size, nesting
depth, number of tables, cells per table and spans are bounded (:class:`~gov_disclosure.parsers.doc.Limits`).

**Encoding.** A byte-order mark, else the charset a ``<meta>`` declares, else UTF-8, else GB18030 (which reads
GBK and GB2312 pages).

**What is read.** ``script``, ``style``, ``nav``, ``footer``, ``aside``, forms and embedded objects are
skipped,
and so is a ``header`` that does not hold the report's title. Block elements (``p``, ``div``, ``h1``–``h6``,
``li``, …) give paragraphs; ``<h1>``–``<h6>`` give the paragraph's heading level. ``<br>`` is a line break
inside a ``<p>``, heading or list item, and separates paragraphs in a bare container (pages that set a whole
article as text and ``<br>`` in one ``<div>``). White space: a run of spaces containing a line break (source
formatting) becomes nothing between two CJK characters and one space elsewhere; other spaces and
``&nbsp;`` are
kept; each paragraph is stripped.

**Tables.** A ``<table>`` with no table inside it and no cell longer than 500 characters is a data table: its
rows and cells, with ``rowspan``/``colspan``, go to the assembler as laid out. Other tables (page layout) are
read as containers.

**The article.** When the page holds section headings and report tables, only the smallest element that
contains all of them (and the title line just before the first heading) is kept: navigation, side bars and
footers around the article are dropped.

**Our own pages** (``render(report, "html")``): the ``<article class="gd-report">`` ``data-*`` attributes are
the metadata (authoritative), ``<p>`` inside it is running text, and ``gd-signoff`` marks the sign-off.
"""

from __future__ import annotations

import re
from typing import Any, Final

import attrs

from ..findings import Finding
from ..model import Meta
from ..text.fold import label_key
from .decode import declared_charset, decode
from .doc import (
    Block,
    Cell,
    Document,
    Limits,
    Origin,
    Paragraph,
    Role,
    TableBlock,
    table_limit_reached,
    too_complex,
)
from .labels import HEADINGS, LABELS

__all__ = ["read"]

_SKIP: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "nav",
        "footer",
        "aside",
        "form",
        "select",
        "button",
        "input",
        "textarea",
        "head",
        "canvas",
        "audio",
        "video",
        "map",
        "colgroup",
    }
)
_PARA: Final = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "pre",
        "address",
        "figcaption",
        "caption",
        "legend",
    }
)
_CONTAINER: Final = frozenset(
    {
        "html",
        "body",
        "div",
        "section",
        "article",
        "main",
        "header",
        "center",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "figure",
        "fieldset",
        "details",
        "summary",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "hr",
        "menu",
    }
)
_HEADING_LEVEL: Final = {f"h{n}": n for n in range(1, 7)}
_BR: Final = "\x00"
_NL_RUN_RE: Final = re.compile(r"[ \t\f]*[\r\n][ \t\r\n\f]*")
_CJK_RE: Final = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_MAX_CELL_TEXT: Final = 500
#: Page chrome printed around an article (publication info, font-size switches, print/close links): a short
#: paragraph holding one of these is dropped (never inside our own ``gd-report`` article).
_CHROME_RE: Final = re.compile(
    r"发布时间[:：]|发布日期[:：]|发文日期[:：]|信息来源[:：]|来源[:：]|字体[:：]|字号[:：]|浏览次数|阅读次数|点击数[:：]"
    r"|访问次数|打印本页|关闭窗口|【打印】|【关闭】|分享到[:：]?|返回顶部|【字体"
)
_MAX_CHROME: Final = 120
_MULTI_BREAK_RE: Final = re.compile(r"\n\s*\n+")
#: Metadata keys our renderer writes: the fields of :class:`~gov_disclosure.model.Meta` (data-* spelling).
_META_KEYS: Final = tuple(f.name.replace("_", "-") for f in attrs.fields(Meta))


def _lxml() -> Any:
    try:
        from lxml import etree
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("reading HTML needs lxml: pip install 'gov-disclosure[html]'") from exc
    return etree


def _normalise(raw: str) -> str:
    """Collapse source line breaks (see the module docstring), turn ``<br>`` marks into ``\\n``, strip."""
    if "\n" not in raw and "\r" not in raw:
        return raw.replace(_BR, "\n").strip()
    raw = raw.replace("\r\n", "\n")

    def repl(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        before = raw[s - 1] if s > 0 else ""
        after = raw[e] if e < len(raw) else ""
        if not before or not after or _BR in (before, after):
            return ""
        if _CJK_RE.match(before) and _CJK_RE.match(after):
            return ""
        return " "

    text = _NL_RUN_RE.sub(repl, raw)
    return text.replace(_BR, "\n").strip()


def _classes(el: Any) -> set[str]:
    value = el.get("class")
    return set(value.split()) if value else set()


def _tag(el: Any) -> str | None:
    tag = el.tag
    if not isinstance(tag, str):
        return None
    return tag.lower()


def _inline_text(el: Any, limits: Limits) -> str:
    """The text of an element (a table cell): ``<br>`` and block children are line breaks."""
    if not len(el):
        text = el.text
        return _normalise(text) if text else ""
    parts: list[str] = []
    stack: list[tuple[Any, bool, int]] = [(el, False, 0)]
    while stack:
        node, done, depth = stack.pop()
        tag = _tag(node)
        if done:
            if tag in _PARA or tag in _CONTAINER:
                parts.append(_BR)
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if tag is None or (tag in _SKIP and node is not el):
            if node.tail and node is not el:
                parts.append(node.tail)
            continue
        if tag == "br":
            parts.append(_BR)
            if node.tail:
                parts.append(node.tail)
            continue
        if node is not el and (tag in _PARA or tag in _CONTAINER):
            parts.append(_BR)
        if node.text:
            parts.append(node.text)
        stack.append((node, True, depth))
        if depth < limits.max_depth:
            for child in reversed(node):
                stack.append((child, False, depth + 1))
    text = _normalise("".join(parts))
    # Several breaks in a row (nested blocks) are one line break in a cell.
    return _MULTI_BREAK_RE.sub("\n", text) if "\n" in text else text


def _span(el: Any, name: str, limits: Limits) -> int:
    value = el.get(name)
    if not value:
        return 1
    if value.isdigit() and len(value) <= 6:
        return max(1, min(int(value), limits.max_span))
    m = re.match(r"\s*(\d{1,6})", value)
    if m is None:
        return 1
    return max(1, min(int(m.group(1)), limits.max_span))


def _is_data_table(table: Any) -> bool:
    for _ in table.iterdescendants("table"):
        return False
    return True


class _Reader:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.blocks: list[Block] = []
        self.chains: list[tuple[int, ...]] = []
        self.findings: list[Finding] = []
        self.meta: dict[str, str | None] | None = None
        self.n_tables = 0
        self.total_cells = 0
        self.deep = False
        self._ids: dict[int, int] = {}

    def _id(self, el: Any) -> int:
        return self._ids.setdefault(id(el), len(self._ids))

    def _table(self, el: Any, chain: tuple[int, ...]) -> bool:
        """Read a data table; ``False`` when it is a layout table (read it as containers instead)."""
        if not _is_data_table(el):
            return False
        rows: list[tuple[Cell, ...]] = []
        total = 0
        for tr in el.iter("tr"):
            cells: list[Cell] = []
            r = len(rows)
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                text = _inline_text(cell, self.limits)
                if len(text) > _MAX_CELL_TEXT:
                    return False
                total += 1
                if total > self.limits.max_cells or self.total_cells + total > self.limits.max_total_cells:
                    self.findings.append(
                        too_complex(
                            "表格单元格数",
                            "The number of cells of a table",
                            min(self.limits.max_cells, self.limits.max_total_cells),
                        )
                    )
                    break
                if len(cells) >= self.limits.max_row_cells:
                    continue
                cells.append(
                    Cell(
                        text=text,
                        origin=Origin(line=cell.sourceline, table=self.n_tables, row=r, col=len(cells)),
                        rowspan=_span(cell, "rowspan", self.limits),
                        colspan=_span(cell, "colspan", self.limits),
                    )
                )
            rows.append(tuple(cells))
            if total > self.limits.max_cells or self.total_cells + total > self.limits.max_total_cells:
                break
        self.total_cells += total
        if table_limit_reached(self.n_tables, self.limits, self.findings):
            self.n_tables += 1
            return True
        self.blocks.append(
            TableBlock(rows=tuple(rows), origin=Origin(line=el.sourceline, table=self.n_tables))
        )
        self.chains.append((*chain, self._id(el)))
        self.n_tables += 1
        return True

    def walk(self, root: Any) -> None:
        buf: list[str] = []
        # Open block elements: (element, tag, level, role, chain).
        ctx: list[tuple[Any, str, int | None, Role | None, tuple[int, ...]]] = []
        chain: tuple[int, ...] = ()
        in_report = 0
        in_signoff = 0

        def flush(owner: tuple[Any, str, int | None, Role | None, tuple[int, ...]] | None) -> None:
            nonlocal buf
            if not buf:
                return
            text = _normalise("".join(buf))
            buf = []
            if not text or len(self.blocks) >= self.limits.max_blocks:
                return
            if not in_report and len(text) <= _MAX_CHROME and _CHROME_RE.search(text):
                return
            if owner is None:
                self.blocks.append(Paragraph(text=text))
                self.chains.append(())
                return
            el, tag, level, role, ch = owner
            if tag not in _PARA:
                level = None
                role = Role.SIGNOFF if role == Role.SIGNOFF else None
            self.blocks.append(
                Paragraph(text=text, origin=Origin(line=el.sourceline), level=level, role=role)
            )
            self.chains.append(ch)

        stack: list[tuple[Any, bool, int]] = [(root, False, 0)]
        walked = 0
        while stack:
            el, done, depth = stack.pop()
            tag = _tag(el)
            if not done:
                walked += 1
                if walked > self.limits.max_elements:
                    self.findings.append(
                        too_complex("HTML 元素数", "The number of HTML elements", self.limits.max_elements)
                    )
                    break
            if done:
                if tag in _PARA or tag in _CONTAINER:
                    flush(ctx[-1] if ctx else None)
                    ctx.pop()
                    chain = ctx[-1][4] if ctx else ()
                    if "gd-report" in _classes(el):
                        in_report -= 1
                    if "gd-signoff" in _classes(el):
                        in_signoff -= 1
                if el is not root and el.tail:
                    buf.append(el.tail)
                continue
            if tag is None or tag in _SKIP or (tag == "header" and not _holds_title(el)):
                if el.tail and el is not root:
                    buf.append(el.tail)
                continue
            if tag == "br":
                if ctx and ctx[-1][1] in _PARA:
                    buf.append(_BR)
                else:
                    flush(ctx[-1] if ctx else None)
                if el.tail:
                    buf.append(el.tail)
                continue
            if tag == "img":
                if el.tail:
                    buf.append(el.tail)
                continue
            if tag == "table":
                flush(ctx[-1] if ctx else None)
                if self._table(el, chain):
                    if el.tail:
                        buf.append(el.tail)
                    continue
            if tag in _PARA or tag in _CONTAINER:
                flush(ctx[-1] if ctx else None)
                classes = _classes(el)
                if tag == "article" and "gd-report" in classes:
                    in_report += 1
                    self.meta = {
                        key.replace("-", "_"): el.get(f"data-{key}")
                        for key in _META_KEYS
                        if el.get(f"data-{key}")
                    }
                if "gd-signoff" in classes:
                    in_signoff += 1
                role = Role.SIGNOFF if in_signoff else (Role.BODY if in_report and tag == "p" else None)
                chain = (*chain, self._id(el))
                ctx.append((el, tag, _HEADING_LEVEL.get(tag), role, chain))
            if el.text:
                buf.append(el.text)
            stack.append((el, True, depth))
            if depth >= self.limits.max_depth:
                if not self.deep:
                    self.deep = True
                    self.findings.append(
                        too_complex("元素嵌套深度", "The nesting depth", self.limits.max_depth)
                    )
                continue
            for child in reversed(el):
                stack.append((child, False, depth + 1))
        flush(ctx[-1] if ctx else None)

    def article(self) -> list[Block]:
        """The blocks inside the smallest element holding the report's headings, tables and title."""
        anchors: list[int] = []
        first_heading = None
        for i, b in enumerate(self.blocks):
            if isinstance(b, Paragraph):
                if label_key(b.text) in HEADINGS and len(b.text) <= 60:
                    anchors.append(i)
                    if first_heading is None:
                        first_heading = i
            elif sum(1 for row in b.rows for c in row if label_key(c.text) in LABELS) >= 3:
                anchors.append(i)
        if first_heading is not None:
            from .assembly import parse_title

            for i in range(first_heading - 1, -1, -1):
                b = self.blocks[i]
                if isinstance(b, Paragraph) and parse_title(b.text) is not None:
                    anchors.append(i)
                    break
        if len(anchors) < 2:
            return self.blocks
        prefix = self.chains[anchors[0]]
        for i in anchors[1:]:
            other = self.chains[i]
            n = 0
            while n < len(prefix) and n < len(other) and prefix[n] == other[n]:
                n += 1
            prefix = prefix[:n]
        return [b for b, ch in zip(self.blocks, self.chains, strict=True) if ch[: len(prefix)] == prefix]


def _holds_title(el: Any) -> bool:
    from .assembly import parse_title

    for h in el.iter("h1", "h2", "h3", "p", "div"):
        text = "".join(h.itertext()).strip()
        if parse_title(text) is not None:
            return True
    return False


def _page_title(root: Any) -> str | None:
    for t in root.iter("title"):
        text = "".join(t.itertext()).strip()
        return text or None
    return None


def read(data: bytes | str, limits: Limits) -> Document:
    """Read an HTML page into blocks (see the module docstring)."""
    etree = _lxml()
    findings: list[Finding] = []
    if isinstance(data, bytes):
        text, found = decode(data, declared_charset(data))
        findings.extend(found)
    else:
        text = data
    raw = text.replace("\x00", "\ufffd").encode("utf-8", "replace")
    if not raw.strip():
        return Document(blocks=(), findings=tuple(findings))
    parser = etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        recover=True,
    )
    try:
        root = etree.fromstring(raw, parser)
    except (etree.XMLSyntaxError, etree.ParserError, ValueError):
        root = None
    if root is None:
        return Document(blocks=(), findings=tuple(findings))
    reader = _Reader(limits)
    title = _page_title(root)
    reader.walk(root)
    blocks = reader.article()
    return Document(
        blocks=tuple(blocks),
        findings=(*findings, *reader.findings),
        title=title,
        meta=reader.meta,
        signoff_marked=reader.meta is not None,
    )
