"""Word (.docx) front-end, with python-docx (the ``docx`` extra), imported only when a .docx is read.

**Safety first.** Before python-docx opens the file, the zip is checked: it must be a zip, hold
``word/document.xml``, have at most :attr:`~Limits.max_entries` entries, unpack to at most
:attr:`~Limits.max_unpacked` bytes, and no large entry may compress better than :attr:`~Limits.max_ratio` to 1
(zip bombs do). A file that fails, or that python-docx cannot open, gives ``parse.docx-invalid`` and no
report;
nothing is raised. python-docx parses the XML without resolving entities.

**What is read.** The body in order (paragraphs and tables, also inside content controls). A paragraph's level
comes from its style: ``Title`` → 1, ``Heading N`` → N + 1 (so ``Heading 1`` holds section headings, as in our
rendering, and ``Heading 2`` sub-headings); the styles ``GD Issuer`` and ``GD Date`` mark the sign-off.
``<w:br/>``
and ``<w:tab/>`` are ``\\n`` and ``\\t``. Tables keep their merged cells: ``w:gridSpan`` is a column span and
``w:vMerge`` runs become a row span, as in HTML; a cell's paragraphs are joined with line breaks.

**Our own files** (``render(report, "docx")``): the ``gov-disclosure:*`` custom document properties
(``docProps/custom.xml``) are the metadata (authoritative), and ``Normal`` paragraphs are running text.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, Final

import attrs

from ..findings import Finding, make
from ..model import Meta
from .doc import Block, Cell, Document, Limits, Origin, Paragraph, TableBlock, table_limit_reached

__all__ = ["check_zip", "read"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BIG_ENTRY: Final = 1 << 20
_SIGNOFF_STYLES: Final = frozenset({"gd issuer", "gd date"})
#: Metadata keys our renderer writes: the fields of :class:`~gov_disclosure.model.Meta`.
_META_KEYS: Final = tuple(f.name for f in attrs.fields(Meta))


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


def _paragraph_text(p: Any) -> str:
    try:
        text: str = p.text
    except Exception:
        text = "".join(t for t in p.itertext())
    return text


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


class _Reader:
    def __init__(
        self, limits: Limits, styles: dict[str, tuple[int | None, str | None, str]], ours: bool
    ) -> None:
        self.limits = limits
        self.styles = styles
        self.ours = ours
        self.blocks: list[Block] = []
        self.findings: list[Finding] = []
        self.n_tables = 0
        self.n_paragraphs = 0

    def body(self, body: Any) -> None:
        stack: list[tuple[Any, int]] = [(child, 0) for child in reversed(list(body))]
        while stack and len(self.blocks) < self.limits.max_blocks:
            el, depth = stack.pop()
            tag = el.tag
            if tag == f"{_W}p":
                self.paragraph(el)
            elif tag == f"{_W}tbl":
                self.table(el)
            elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml") and depth < self.limits.max_depth:
                stack.extend((child, depth + 1) for child in reversed(list(el)))

    def paragraph(self, p: Any) -> None:
        self.n_paragraphs += 1
        text = _paragraph_text(p).strip()
        if not text:
            return
        sid = p.style if hasattr(p, "style") else None
        level, role, _ = self.styles.get(sid or "", (None, None, ""))
        if role is None and level is None and self.ours:
            role = "body"
        self.blocks.append(Paragraph(text=text, level=level, role=role))

    def table(self, tbl: Any) -> None:
        if table_limit_reached(self.n_tables, self.limits, self.findings):
            self.n_tables += 1
            return
        # First lay out every cell with its grid column, span and vertical-merge state.
        laid: list[list[tuple[int, int, Any, str | None]]] = []
        total = 0
        for tr in tbl.iterchildren(f"{_W}tr"):
            col = 0
            row: list[tuple[int, int, Any, str | None]] = []
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            if before is not None:
                col = _int(before.get(f"{_W}val"), self.limits)
                if col:
                    row.append((0, col, None, None))
            for tc in tr.iterchildren(f"{_W}tc"):
                span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
                span = _int(span_el.get(f"{_W}val"), self.limits) if span_el is not None else 1
                vm = tc.find(f"{_W}tcPr/{_W}vMerge")
                merge = None if vm is None else (vm.get(f"{_W}val") or "continue")
                row.append((col, max(span, 1), tc, merge))
                col += max(span, 1)
                total += 1
            laid.append(row)
            if total > self.limits.max_cells:
                self.findings.append(
                    make(
                        "parse.too-complex",
                        what="表格单元格数",
                        what_en="The number of cells of a table",
                        limit=self.limits.max_cells,
                    )
                )
                break
        rows: list[tuple[Cell, ...]] = []
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
                text = "" if tc is None else _cell_text(tc)
                cells.append(
                    Cell(
                        text=text,
                        origin=Origin(table=self.n_tables, row=r, col=len(cells)),
                        rowspan=min(rowspan, self.limits.max_span),
                        colspan=span,
                    )
                )
            rows.append(tuple(cells))
        self.blocks.append(TableBlock(rows=tuple(rows), origin=Origin(table=self.n_tables)))
        self.n_tables += 1


def _int(value: str | None, limits: Limits) -> int:
    if value is None or not value.strip().isdigit():
        return 1
    return max(0, min(int(value.strip()[:6]), limits.max_span))


def _cell_text(tc: Any) -> str:
    lines = [_paragraph_text(p) for p in tc.iter(f"{_W}p")]
    return "\n".join(line for line in lines).strip()


def read(data: bytes | str, limits: Limits) -> Document:
    """Read a .docx into blocks (see the module docstring)."""
    if isinstance(data, str):
        raise ValueError("a .docx document must be given as bytes or a path, not as str")
    problem = check_zip(data, limits)
    if problem is not None:
        return Document(blocks=(), findings=(make("parse.docx-invalid", reason=problem),), unreadable=True)
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("reading .docx needs python-docx: pip install 'gov-disclosure[docx]'") from exc
    try:
        document = docx.Document(io.BytesIO(data))
        styles = _style_levels(document)
        meta = _meta(data)
        reader = _Reader(limits, styles, ours=meta is not None)
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
