"""Word (.docx) front-end, with python-docx (the ``docx`` extra), imported only when a .docx is read: the zip
checked first (size, entries, compression ratio), then the body in order — paragraphs with their style's level
and list number (:mod:`.docx_numbering`), tables with their merged cells — and our own files' metadata from
their custom properties. See ``docs/parse.md`` ("Word (.docx)").
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any, Final

import attrs

from ..findings import Finding, make
from ..model import Meta
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
from .docx_numbering import VAL as _VAL
from .docx_numbering import Numbering
from .docx_numbering import W as _W

__all__ = ["check_zip", "read"]

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


def _style_levels(document: Any) -> dict[str, tuple[int | None, Role | None, str]]:
    out: dict[str, tuple[int | None, Role | None, str]] = {}
    for style in document.styles:
        try:
            sid, name = style.style_id, (style.name or "")
        except Exception:
            continue
        low = name.lower()
        level: int | None = None
        role: Role | None = None
        if low == "title":
            level = 1
        elif low.startswith("heading "):
            tail = low[len("heading ") :]
            if tail.isdigit():
                level = int(tail) + 1
        elif low in _SIGNOFF_STYLES:
            role = Role.SIGNOFF
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
        styles: dict[str, tuple[int | None, Role | None, str]],
        ours: bool,
        numbering: Numbering,
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
            role = Role.BODY
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
        numbering = Numbering(_part_element(document, RT.NUMBERING), _part_element(document, RT.STYLES))
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
