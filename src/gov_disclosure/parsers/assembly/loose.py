"""Tables in text without table markup: the renderings in which crawlers and copies pass reports on.

A crawler's page text glues labels and numbers (``…申请数量152001119二、上年结转…``); a PDF viewer's copy lays
rows out with runs of spaces, wraps long labels and sets table 三's group labels one character per line; other
copies put every cell on its own line, or the cells of a row after its label separated by spaces. None of
these has a table a front-end could see: they arrive as paragraphs (or as a ``|`` table of one cell per
row). This stage finds them and hands the assembler ordinary :class:`~..doc.TableBlock` rows.

1. **Lines.** Every paragraph line (and every row of a one-cell-per-row table) is cut into chunks at white
   space and ``|``. A line is *table text* when what is not a label of the form or a number is a piece of
   some label (a wrapped or vertical label), a blank mark or page furniture; a line with a sentence, or a
   number followed by a unit (``48条``), is running text. A *region* is a run of table-text lines holding
   labels of the tables (at least one row label).
2. **Labels.** The region's chunks are scanned for the form's labels (:data:`..labels.LABELS`, every spelling
   it knows), longest first; a label may run on over chunks and lines, and a label wrapped over lines may
   have the row's numbers and a vertical label's characters between its pieces.
3. **Rows.** The numbers after a row label (up to the next label) are that row's; table 四's fifteen numbers
   follow its header, or each block's five follow the block's label.
4. **Cells.** A row with as many numbers as columns is read as written. Otherwise the form's own equations
   (:data:`gov_disclosure.form.RULES`) lay the row out (:mod:`.digits`): digits run together are split so
   that the row adds up; numbers fewer than the columns (blank cells that left nothing) are placed by their
   position on the line when the line has columns, else so that the row adds up. The column equations
   across rows then choose among a row's readings. A cell is taken only when every remaining reading
   agrees on it: ``parse.ambiguous-split`` lists the readings of a row left open, ``parse.unsplittable``
   names a row whose digits fit no reading (the published row does not add up), and nothing is guessed.

See ``docs/parse.md`` ("Text without table markup").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

import attrs
from attrs import define

from ... import form
from ...findings import Finding, Location, make
from ...text.blanks import BLANK_MARKS, is_blank
from ...text.fold import label_key, nfkc
from ..doc import Block, Cell, Origin, Paragraph, Role, TableBlock
from ..labels import HEADINGS, LABELS, Kind, Label
from .digits import Budget, Equation, Reading, choose, place, split
from .grid import YEAR_NOTE_RE

__all__ = ["recover"]

# ---------------------------------------------------------------------------------------------------------
# Folding and the label trie

_TRADITIONAL_AND_QUOTES: Final = "\u201c\u201d\"'\u2018\u2019\u300c\u300d\u300e\u300f"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character as label keys spell it (NFKC, simplified, no quotes); punctuation is kept."""
    if ch in _TRADITIONAL_AND_QUOTES:
        return ""
    if ch in "．.":
        return "."
    key = label_key(ch)
    if key:
        return key
    folded = nfkc(ch)
    return "" if folded.isspace() else folded


def _fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


_END: Final = "\0"
_ITEM_KEY_RE: Final = re.compile(r"^(\d)\.")
_GROUP_KINDS: Final = frozenset({Kind.ROW_GROUP})


def _build_trie() -> dict[str, object]:
    root: dict[str, object] = {}
    for key, labels in LABELS.items():
        if len(key) < 2 or all(lab.kind in _GROUP_KINDS for lab in labels):
            # Table 三's group labels carry no number and, set vertically, run through the row labels:
            # they are read as pieces of labels, never as labels.
            continue
        spellings = [key]
        m = _ITEM_KEY_RE.match(key)
        if m:  # 1. / 1、 / 1, / 1:
            spellings += [f"{m.group(1)}{sep}{key[m.end() :]}" for sep in ("、", ",", ":")]
        for spelling in spellings:
            node = root
            for ch in spelling:
                node = node.setdefault(ch, {})  # type: ignore[assignment]
            node[_END] = key
    return root


_TRIE: Final = _build_trie()
#: Every label key, one per line: a chunk that is a substring is a piece of a label (wrapped or vertical).
_LABEL_TEXT: Final = "\n".join(
    [*LABELS, *HEADINGS, "单位:件", "单位:万元", "单位:项", "单位:个", "续表", "续上表", "接上表"]
)
#: A page number or running footer between rows: ``- 2 -``, ``— 3 —``, ``第 3 页 共 5 页``, ``3/5``.
_FURNITURE_RE: Final = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|[Pp]age\s*\d{1,3}(?:\s*of\s*\d{1,3})?)\s*$"
)
_SENTENCE: Final = frozenset("。；;！!？?")
#: A number followed by one of these is running text (``48条``), not a cell.
_UNITS: Final = frozenset("件条项个次人份万元%％篇期场")
_CHUNK_RE: Final = re.compile(r"[^\s|｜│┃]+")
_NUMBER_RE: Final = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?")
_MAX_SKIP: Final = 16


# ---------------------------------------------------------------------------------------------------------
# Chunks, tokens and label hits


@define
class _Chunk:
    raw: str
    text: str  # folded
    line: int  # index of the region line
    col: int | None  # column on the line (None when the source has no columns)
    origin: Origin
    wide: int | None = None  # the column counting a wide (CJK) character as two
    number: bool = False  # the whole chunk is a number
    alone: bool = True  # the only chunk of its line (a lone 无 is a blank cell, not a vertical label's 无)
    skippable: bool = False  # may sit inside a wrapped label (a number, a vertical label's character)


@define
class _Hit:
    key: str
    labels: tuple[Label, ...]
    text: str
    origin: Origin
    line: int


@define
class _Token:
    text: str | None  # ``None``: an explicit blank (an empty line, a lone ``|``, a dash)
    origin: Origin
    line: int
    col: int | None
    glued: bool = False  # touches a label or another number: its digits may hold several cells
    wide: int | None = None


@define
class _Junk:
    text: str
    line: int
    fragment: bool  # a piece of a label (wrapped, vertical) or furniture


def _chunks_of(text: str, line: int, origin: Origin, columns: bool) -> list[_Chunk]:
    text = YEAR_NOTE_RE.sub("", text)
    out = []
    found = list(_CHUNK_RE.finditer(text))
    for m in found:
        raw = m.group()
        folded = _fold(raw)
        if not folded:
            continue
        number = _NUMBER_RE.fullmatch(folded) is not None
        short = len(folded) <= 8 and folded in _LABEL_TEXT
        out.append(
            _Chunk(
                raw,
                folded,
                line,
                (origin.col or 0) + m.start() if columns else None,
                origin,
                number=number,
                wide=(origin.col or 0) + _width(text[: m.start()]) if columns else None,
                skippable=number or short or is_blank(folded),
                alone=len(found) == 1,
            )
        )
    return out


def _width(text: str) -> int:
    """Columns ``text`` takes in a monospaced copy that counts a wide (CJK) character as two."""
    return len(text) + sum(1 for c in text if "\u2e80" <= c <= "\uffef")


def _match(chunks: Sequence[_Chunk], ci: int, off: int) -> tuple[str, int, int, list[int]] | None:
    """The longest label starting at ``chunks[ci].text[off]``: ``(key, end chunk, end offset, skipped)``.

    A label runs on into the next chunks; inside a label (two characters or more matched), whole chunks that
    are numbers or pieces of a vertical label may be skipped (a wrapped row label with its numbers, or a
    group label's characters, between its lines).
    """
    best: tuple[str, int, int, list[int]] | None = None
    best_len = 0
    # (node, chunk, offset, depth, skipped)
    stack: list[tuple[dict[str, object], int, int, int, list[int]]] = [(_TRIE, ci, off, 0, [])]
    n = len(chunks)
    while stack:
        node, c, o, depth, skipped = stack.pop()
        while True:
            end = node.get(_END)
            if end is not None and (
                depth > best_len or (depth == best_len and best is not None and len(skipped) < len(best[3]))
            ):
                # The longest label; of two as long, the one that skips fewer chunks.
                best, best_len = (end, c, o, skipped), depth  # type: ignore[assignment]
            text = chunks[c].text
            if o < len(text):
                nxt = node.get(text[o])
                if nxt is None:
                    break
                node, o, depth = nxt, o + 1, depth + 1  # type: ignore[assignment]
                continue
            # At a chunk's end: run on into the next chunk, or (inside a label) skip chunks first.
            if c + 1 >= n:
                break
            if depth >= 2:
                k = c + 1
                skip = list(skipped)
                while k < n and k - c <= _MAX_SKIP and chunks[k].skippable:
                    skip.append(k)
                    if k + 1 < n and chunks[k + 1].text[:1] in node:
                        stack.append((node, k + 1, 0, depth, list(skip)))
                    k += 1
            if chunks[c + 1].text[:1] not in node:
                break
            c, o = c + 1, 0
    return best


def _scan(chunks: Sequence[_Chunk]) -> list[_Hit | _Token | _Junk]:
    """Label hits, numbers and other text of a region, in reading order."""
    events: list[_Hit | _Token | _Junk] = []
    ci, off = 0, 0
    n = len(chunks)
    junk: list[str] = []
    junk_line = 0

    def flush_junk() -> None:
        if junk:
            text = "".join(junk)
            events.append(_Junk(text, junk_line, text in _LABEL_TEXT or is_blank(text)))
            junk.clear()

    while ci < n:
        ch = chunks[ci]
        text = ch.text
        if off >= len(text):
            flush_junk()
            ci, off = ci + 1, 0
            continue
        if ch.number and off == 0:
            flush_junk()
            events.append(_Token(text, ch.origin, ch.line, ch.col, wide=ch.wide))
            ci += 1
            continue
        if off == 0 and is_blank(text) and (not _is_text_char(text[0]) or ch.alone):
            flush_junk()
            events.append(_Token(None, ch.origin, ch.line, ch.col))
            ci += 1
            continue
        m = None if _digit(text[off]) and not _starts_item(text, off) else _match(chunks, ci, off)
        if m is not None:
            flush_junk()
            key, end_c, end_o, skipped = m
            labels = LABELS[key]
            events.append(_Hit(key, labels, labels[0].label, ch.origin, ch.line))
            for k in skipped:
                sk = chunks[k]
                if sk.number:
                    events.append(_Token(sk.text, sk.origin, sk.line, sk.col, wide=sk.wide))
            ci, off = end_c, end_o
            continue
        if _digit(text[off]):
            num = _NUMBER_RE.match(text, off)
            assert num is not None
            stop = num.end()
            digits = num.group()
            after = text[stop : stop + 1]
            if (
                after in (".", "、", ",", ":")
                and digits.isascii()
                and digits.isdigit()
                and len(digits) > 1
                and _match(chunks, ci, stop - 1) is not None
            ):
                # The last digit numbers the next label.
                stop -= 1
                digits = digits[:-1]
                after = text[stop : stop + 1]
            before = text[off - 1 : off] if off else ""
            if (after and after in _UNITS) or (junk and _is_text_char(before)):
                junk.append(digits)
                junk_line = ch.line
            else:
                flush_junk()
                events.append(_Token(digits, ch.origin, ch.line, None, glued=True))
            off = stop
            continue
        if not junk and text[off] in BLANK_MARKS and events and not isinstance(events[-1], _Junk):
            # A dash or slash right after a label or a number: a blank cell written out.
            stop = off
            while stop < len(text) and text[stop] in BLANK_MARKS:
                stop += 1
            events.append(_Token(None, ch.origin, ch.line, None))
            off = stop
            continue
        if not junk:
            junk_line = ch.line
        junk.append(text[off])
        off += 1
    flush_junk()
    return events


def _starts_item(text: str, off: int) -> bool:
    """``text[off:]`` starts like an item number (``1.``, ``2、``) followed by a label character."""
    return off + 2 < len(text) and text[off + 1] in (".", "、", ",", ":") and not _digit(text[off + 2])


def _digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _is_text_char(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


# ---------------------------------------------------------------------------------------------------------
# Lines and regions


@define
class _Line:
    text: str
    origin: Origin
    block: int
    #: "table" (labels and numbers), "number", "piece" (label pieces, blank marks), "furniture", "text".
    kind: str = "text"
    explicit_blank: bool = False
    has_row_label: bool = False
    n_labels: int = 0


def _classify(line: _Line) -> None:
    text = line.text.strip()
    if line.explicit_blank:
        line.kind = "number"
        return
    if not text:
        line.kind = "piece"
        return
    if _FURNITURE_RE.match(text):
        line.kind = "furniture"
        return
    if label_key(text) in HEADINGS:
        line.kind = "text"  # a section heading ends a table
        return
    if any(c in _SENTENCE for c in text) and not _is_label_text(text):
        line.kind = "text"
        return
    chunks = _chunks_of(text, 0, line.origin, False)
    events = _scan(chunks)
    hits = [e for e in events if isinstance(e, _Hit)]
    tokens = [e for e in events if isinstance(e, _Token)]
    junk = [e for e in events if isinstance(e, _Junk) and not e.fragment]
    line.n_labels = len(hits)
    line.has_row_label = any(
        lab.kind in (Kind.ROW, Kind.CASE_BLOCK) or (lab.table == "四" and lab.kind is Kind.COLUMN)
        for h in hits
        for lab in h.labels
    )
    bad = sum(len(j.text) for j in junk)
    if bad > 2 or (bad and not hits and not tokens):
        line.kind = "text"
    elif hits:
        line.kind = "table"
    elif tokens:
        line.kind = "number"
    else:
        line.kind = "piece"


def _is_label_text(text: str) -> bool:
    folded = _fold(text)
    return bool(folded) and folded in _LABEL_TEXT


def _lines_of(blocks: Sequence[Block]) -> list[_Line | None]:
    """Every block as lines (``None`` for a block that cannot be table text: a heading, a real table)."""
    out: list[_Line | None] = []
    for i, b in enumerate(blocks):
        if isinstance(b, TableBlock):
            if len(b.rows) >= 2 and all(len(row) == 1 for row in b.rows):
                for row in b.rows:
                    cell = row[0] if row else None
                    text = cell.text if cell is not None else ""
                    origin = cell.origin if cell is not None else b.origin
                    out.append(_Line(text, origin, i, explicit_blank=not text.strip()))
                continue
            out.append(None)
            continue
        if b.role is Role.SIGNOFF or b.role is Role.BODY:
            out.append(None)
            continue
        for k, part in enumerate(b.text.split("\n")):
            origin = b.origin
            if k and origin.line is not None:
                origin = attrs.evolve(origin, line=origin.line + k)
            out.append(_Line(part, origin, i))
    return out


def _regions(lines: list[_Line | None]) -> list[tuple[int, int]]:
    """Runs ``[start, stop)`` of table-text lines holding a row label and at least two labels."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line is None or line.kind == "text":
            i += 1
            continue
        j = i
        while j < n and (lj := lines[j]) is not None and lj.kind != "text":
            j += 1
        run = [ln for ln in lines[i:j] if ln is not None]
        if any(ln.has_row_label for ln in run) and sum(ln.n_labels for ln in run) >= 2:
            # Leading pieces and furniture belong to no row: leave them where they are.
            while i < j and (li := lines[i]) is not None and li.kind in ("piece", "furniture", "number"):
                i += 1
            out.append((i, j))
        i = j
    return out


# ---------------------------------------------------------------------------------------------------------
# Rows


@define
class _Row:
    table: str
    target: str  # row id (tables 二, 三) or block id (table 四)
    label: str
    origin: Origin
    tokens: list[_Token] = attrs.Factory(list)


_T4: Final = form.REVIEW_LITIGATION


def _columns(table: str, target: str) -> list[form.CellAddress]:
    """The official addresses of a row's cells (table 四: a block's; all fifteen for its 1×15 row ``""``)."""
    t = form.table(table)
    if table == "四" and not target:
        return [a for b in t.blocks for a in _columns(table, b.id)]
    for b in t.blocks:
        if table == "四":
            if b.id == target:
                return [(table, b.rows[0].label, c.label) for c in b.columns]
            continue
        for r in b.rows:
            if r.id == target:
                return [(table, r.label, c.label) for c in b.columns]
    raise KeyError((table, target))


def _cell_ids(table: str, target: str) -> list[tuple[str, str, str]]:
    t = form.table(table)
    if table == "四" and not target:
        return [c for b in t.blocks for c in _cell_ids(table, b.id)]
    for b in t.blocks:
        if table == "四":
            if b.id == target:
                return [(table, b.rows[0].id, c.id) for c in b.columns]
            continue
        for r in b.rows:
            if r.id == target:
                return [(table, r.id, c.id) for c in b.columns]
    raise KeyError((table, target))


def _row_equations(cells: Sequence[tuple[str, str, str]]) -> list[Equation]:
    """The equations of :data:`form.RULES` whose every cell is among ``cells``, over their positions."""
    index = {c: i for i, c in enumerate(cells)}
    out = []
    for rule in form.RULES:
        for eq in rule.equations():
            if all(c in index for c in eq.cells):
                out.append(
                    Equation(
                        tuple(index[c] for c in eq.parts),
                        tuple(index[c] for c in eq.minus),
                        tuple(index[c] for c in eq.stated),
                        eq.relation == "=",
                    )
                )
    return out


def _rows(events: Sequence[_Hit | _Token | _Junk]) -> tuple[list[_Row], list[str], list[_Token]]:
    """The rows of a region, the header labels seen (for the template), and numbers no row takes."""
    rows: list[_Row] = []
    headers: list[str] = []
    orphans: list[_Token] = []
    current: _Row | None = None
    t4_flat: _Row | None = None
    table = ""
    for ev in events:
        if isinstance(ev, _Junk):
            continue
        if isinstance(ev, _Token):
            if current is not None:
                current.tokens.append(ev)
            else:
                orphans.append(ev)
            continue
        labs = ev.labels
        tables = {lab.table for lab in labs if lab.table}
        if len(tables) == 1:
            table = next(iter(tables))
        lab = next((x for x in labs if x.table == table), labs[0])
        if lab.kind is Kind.ROW:
            current = _Row(lab.table, lab.id, ev.text, ev.origin)
            rows.append(current)
        elif lab.kind is Kind.CASE_BLOCK:
            current = _Row("四", lab.id, ev.text, ev.origin)
            rows.append(current)
        elif lab.table == "四" and lab.kind in (Kind.COLUMN, Kind.COLUMN_GROUP):
            if t4_flat is None:
                t4_flat = _Row("四", "", "", ev.origin)
                rows.append(t4_flat)
            current = t4_flat
        else:
            current = None
            headers.append(ev.text)
    return rows, headers, orphans


# ---------------------------------------------------------------------------------------------------------
# Cells


@define
class _Cells:
    """A row's cells as read: texts (``""`` blank or not decided), how, and what to report."""

    row: _Row
    addresses: list[form.CellAddress]
    ids: list[tuple[str, str, str]]
    reading: Reading
    how: str  # "as-is", "split", "placed"
    digits: str
    origins: list[Origin]


def _read_row(row: _Row, budget: Budget, centres: dict[tuple[str, str], tuple[list[float], bool]]) -> _Cells:
    ids = _cell_ids(row.table, row.target)
    addresses = _columns(row.table, row.target)
    eqs = _row_equations(ids)
    n = len(ids)
    tokens = list(row.tokens)
    while len(tokens) > n and tokens[-1].text is None:
        tokens.pop()
    values = [t.text for t in tokens]
    origins = [t.origin for t in tokens]
    numbers = [t for t in tokens if t.text is not None]
    if n > 1 and len(numbers) == 1 and numbers[0].glued and len(tokens) == 1 and numbers[0].text.isdigit():  # type: ignore[union-attr]
        digits = numbers[0].text or ""
        reading = split(digits, n, eqs, budget)
        if reading.candidates == ((digits,) + (None,) * (n - 1),) or (len(digits) == 1 and n == 1):
            pass
        return _Cells(row, addresses, ids, reading, "split", digits, [numbers[0].origin] * n)
    if len(tokens) == n:
        return _Cells(
            row, addresses, ids, Reading((tuple(values),)), "as-is", " ".join(_show(values)), origins
        )
    if len(tokens) > n:
        # More numbers than columns: some belong elsewhere (a number wrapped in its cell, a page line), and
        # which ones cannot be told.
        return _Cells(row, addresses, ids, Reading((), False), "placed", " ".join(_show(values)), origins[:n])
    placed = _by_position(tokens, n, centres.get((row.table, row.target)))
    if placed is not None:
        cand, where = placed
        return _Cells(row, addresses, ids, Reading((cand,)), "placed", " ".join(_show(values)), where)
    reading = place(values, n, eqs)
    spread = [origins[0] if origins else row.origin] * n
    return _Cells(row, addresses, ids, reading, "placed", " ".join(_show(values)), spread)


def _show(values: Iterable[str | None]) -> list[str]:
    return [v if v is not None else "□" for v in values]


def _at(t: _Token, wide: bool) -> float | None:
    """The centre of a number on its line, counting wide characters once or twice."""
    col = t.wide if wide else t.col
    return None if col is None else col + len(t.text or "") / 2


def _by_position(
    tokens: Sequence[_Token], n: int, centres: tuple[list[float], bool] | None
) -> tuple[tuple[str | None, ...], list[Origin]] | None:
    """Numbers of one laid-out line put under the columns whose centres are nearest, when that is one to one
    and each number is nearer its column than half the distance to the next one."""
    if not centres or not tokens or len({t.line for t in tokens}) != 1:
        return None
    where_at, wide = centres
    gap = min((b - a for a, b in itertools.pairwise(where_at)), default=0.0)
    cols = []
    for t in tokens:
        centre = _at(t, wide)
        if centre is None:
            return None
        j = min(range(n), key=lambda k: abs(where_at[k] - centre))
        if gap <= 0 or abs(where_at[j] - centre) > gap / 2:
            return None
        cols.append(j)
    if len(set(cols)) != len(cols) or cols != sorted(cols):
        return None
    cand: list[str | None] = [None] * n
    where = [tokens[0].origin] * n
    for j, t in zip(cols, tokens, strict=True):
        cand[j] = t.text
        where[j] = t.origin
    return tuple(cand), where


def _centres(rows: Sequence[_Row]) -> dict[tuple[str, str], tuple[list[float], bool]]:
    """Column centres of laid-out lines, learnt from the rows of a block that fill every column on one line,
    with how columns are counted: a copy made from a PDF places characters by their position (a wide
    character is one column), one padded for a monospaced screen counts it as two; the count under which
    the full rows line up better is taken."""
    full: dict[tuple[str, str | None], list[list[_Token]]] = {}
    for row in rows:
        if not row.target:
            continue
        n = len(_cell_ids(row.table, row.target))
        toks = row.tokens
        if (
            len(toks) == n > 1
            and all(t.col is not None and t.text for t in toks)
            and len({t.line for t in toks}) == 1
        ):
            full.setdefault(_block_of(row), []).append(toks)
    out: dict[tuple[str, str], tuple[list[float], bool]] = {}
    by_block: dict[tuple[str, str | None], tuple[list[float], bool]] = {}
    for block, lines in full.items():
        best: tuple[float, list[float], bool] | None = None
        for wide in (False, True):
            at = [[_at(t, wide) or 0.0 for t in toks] for toks in lines]
            centres = [sum(c[j] for c in at) / len(at) for j in range(len(at[0]))]
            spread = sum(abs(c[j] - centres[j]) for c in at for j in range(len(centres)))
            if best is None or spread < best[0]:
                best = (spread, centres, wide)
        assert best is not None
        by_block[block] = (best[1], best[2])
    for row in rows:
        found = by_block.get(_block_of(row))
        if found is not None:
            out[(row.table, row.target)] = found
    return out


def _block_of(row: _Row) -> tuple[str, str | None]:
    if row.table == "四":
        return ("四", None)
    t = form.table(row.table)
    for b in t.blocks:
        if any(r.id == row.target for r in b.rows):
            return (row.table, b.id)
    return (row.table, None)


def _choose_across(cells: list[_Cells]) -> dict[int, Reading]:
    """Readings narrowed by the column equations of :data:`form.RULES` across rows (only when that leaves at
    least one combination: a table whose columns do not add up keeps each row's own readings)."""
    index: dict[tuple[str, str, str], tuple[int, int]] = {}
    for r, c in enumerate(cells):
        for j, cid in enumerate(c.ids):
            index[cid] = (r, j)
    eqs: list[tuple[Equation, tuple[tuple[int, int], ...]]] = []
    for rule in form.RULES:
        if rule.relation != "=":
            continue
        for eq in rule.equations():
            if not all(cid in index for cid in eq.cells):
                continue
            rows = {index[cid][0] for cid in eq.cells}
            if len(rows) < 2 or not any(len(cells[r].reading.candidates) > 1 for r in rows):
                continue
            k = len(eq.parts)
            m = len(eq.minus)
            eqs.append(
                (
                    Equation(tuple(range(k)), tuple(range(k, k + m)), tuple(range(k + m, len(eq.cells)))),
                    tuple(index[cid] for cid in eq.cells),
                )
            )
    if not eqs:
        return {}
    involved = sorted({r for _, where in eqs for r, _ in where})
    local = {r: i for i, r in enumerate(involved)}
    options = [cells[r].reading.candidates or ((None,) * len(cells[r].ids),) for r in involved]
    mapped = [(e, tuple((local[r], j) for r, j in where)) for e, where in eqs]
    combos = choose(options, mapped)
    if not combos:
        return {}
    out: dict[int, Reading] = {}
    for r in involved:
        if len(cells[r].reading.candidates) <= 1:
            continue
        kept = tuple(dict.fromkeys(options[local[r]][combo[local[r]]] for combo in combos))
        out[r] = attrs.evolve(cells[r].reading, candidates=kept)
    return out


# ---------------------------------------------------------------------------------------------------------
# Regions to tables


def _read_region(lines: Sequence[_Line], budget: Budget, findings: list[Finding]) -> list[TableBlock]:
    chunks: list[_Chunk] = []
    columns = any(re.search(r"\S\s{2,}\d", ln.text) for ln in lines)
    gaps = _blank_lines(lines)
    for k, ln in enumerate(lines):
        if ln.kind == "furniture":
            continue
        for _ in range(gaps[k]):
            chunks.append(_Chunk("", "", k, None, ln.origin, skippable=True))
        if ln.explicit_blank:
            chunks.append(_Chunk("", "", k, None, ln.origin, skippable=True))
            continue
        chunks.extend(_chunks_of(ln.text, k, ln.origin, columns))
    events = _scan_with_blanks(chunks)
    rows, headers, orphans = _rows(events)
    if not rows:
        return []
    centres = _centres(rows) if columns else {}
    flat = next((r for r in rows if r.table == "四" and not r.target), None)
    blocks_with_values = [r for r in rows if r.table == "四" and r.target and r.tokens]
    if flat is not None and flat.tokens and not blocks_with_values:
        rows = [r for r in rows if r.table != "四" or r is flat]
    else:
        # Table 四's block labels without numbers are its header (repeated after a page break, perhaps).
        rows = [r for r in rows if r.target and (r.table != "四" or r.tokens)]
    cells = [_read_row(r, budget, centres) for r in rows]
    narrowed = _choose_across(cells)
    out_rows: dict[str, list[tuple[Cell, ...]]] = {}
    split_rows: dict[str, list[str]] = {}
    placed_rows: dict[str, list[str]] = {}
    for r, c in enumerate(cells):
        reading = narrowed.get(r, c.reading)
        texts = _decide(c, reading, findings)
        if c.how == "split" and len(reading.candidates) == 1:
            split_rows.setdefault(c.row.table, []).append(c.row.label)
        if c.how == "placed" and len(reading.candidates) == 1 and c.row.tokens:
            placed_rows.setdefault(c.row.table, []).append(c.row.label)
        cells_out = [Cell(text=t, origin=o) for t, o in zip(texts, _pad(c.origins, len(texts)), strict=True)]
        if c.row.table == "四" and not c.row.target:
            # Table 四's 1×15 row, as its three blocks (each a row of the 3×5 layout).
            k = 0
            for b in _T4.blocks:
                width = len(b.columns)
                label_cell = Cell(text=b.caption, origin=c.row.origin)
                out_rows.setdefault("四", []).append((label_cell, *cells_out[k : k + width]))
                k += width
            continue
        label_cell = Cell(text=c.row.label, origin=c.row.origin)
        out_rows.setdefault(c.row.table, []).append((label_cell, *cells_out))
    for table, labels in split_rows.items():
        findings.append(make("parse.split-digits", location=Location(table=table), table=table, rows=labels))
    for table, labels in placed_rows.items():
        findings.append(make("parse.placed-blanks", location=Location(table=table), table=table, rows=labels))
    if orphans:
        first = orphans[0]
        findings.append(
            make(
                "parse.table-unreadable",
                location=Location(line=first.origin.line, page=first.origin.page),
                quote=_quote_line(lines, first.line),
            )
        )
    blocks: list[TableBlock] = []
    origin = lines[0].origin
    if headers:
        blocks.append(TableBlock(rows=tuple((Cell(text=h, origin=origin),) for h in headers), origin=origin))
    for table in ("二", "三", "四"):
        if table in out_rows:
            blocks.append(TableBlock(rows=tuple(out_rows[table]), origin=origin))
    return blocks


def _pad(origins: list[Origin], n: int) -> list[Origin]:
    if not origins:
        return [Origin()] * n
    return (origins + [origins[-1]] * n)[:n]


def _quote_line(lines: Sequence[_Line], k: int) -> str:
    text = lines[k].text.strip() if 0 <= k < len(lines) else ""
    return text if len(text) <= 80 else text[:79] + "…"


def _blank_lines(lines: Sequence[_Line]) -> list[int]:
    """For each line, the blank cells the empty lines before it stand for: in a copy with one cell per line
    and no empty line between cells, each empty line is a blank cell."""
    nums = [ln.origin.line for ln in lines]
    out = [0] * len(lines)
    if any(x is None for x in nums) or len(lines) < 3:
        return out
    single = sum(1 for ln in lines if len(_CHUNK_RE.findall(ln.text)) <= 1)
    if single < 0.8 * len(lines):
        return out  # not one cell per line (a PDF's layout text has empty lines at page breaks)
    gaps = [b - a for a, b in itertools.pairwise(nums) if a is not None and b is not None]
    ones = sum(1 for g in gaps if g == 1)
    if ones < 0.6 * len(gaps):
        return out
    for k in range(1, len(lines)):
        g = gaps[k - 1]
        out[k] = max(0, g - 1) if g < 8 else 0
    return out


def _scan_with_blanks(chunks: list[_Chunk]) -> list[_Hit | _Token | _Junk]:
    """:func:`_scan`, with empty chunks (blank cells) as explicit blank tokens."""
    out: list[_Hit | _Token | _Junk] = []
    run: list[_Chunk] = []
    for ch in chunks:
        if ch.text:
            run.append(ch)
            continue
        out.extend(_scan(run))
        run = []
        out.append(_Token(None, ch.origin, ch.line, None))
    out.extend(_scan(run))
    return out


def _decide(c: _Cells, reading: Reading, findings: list[Finding]) -> list[str]:
    """The texts of a row's cells: those every reading agrees on; the others blank, with a finding."""
    n = len(c.ids)
    cands = reading.candidates
    if len(cands) == 1 and reading.complete:
        return [t if t is not None else "" for t in _fit(cands[0], n)]
    table, label = c.row.table, c.row.label
    location = Location(
        table=table, row=c.ids[0][1], row_label=label, line=c.row.origin.line, page=c.row.origin.page
    )
    if not cands and reading.complete and c.how == "split":
        findings.append(
            make(
                "parse.unsplittable",
                location=location,
                cells=tuple(c.addresses),
                table=table,
                row_label=label,
                digits=c.digits,
            )
        )
        return [""] * n
    agreed = [""] * n
    if cands and reading.complete:
        for j in range(n):
            values = {cand[j] for cand in cands}
            if len(values) == 1:
                v = next(iter(values))
                agreed[j] = v if v is not None else ""
    if cands and reading.complete:
        open_cells = tuple(a for j, a in enumerate(c.addresses) if len({cand[j] for cand in cands}) != 1)
    else:
        open_cells = tuple(c.addresses)
    shown = [" | ".join(_show(cand)) for cand in cands[:8]]
    findings.append(
        make(
            "parse.ambiguous-split",
            location=location,
            cells=open_cells or tuple(c.addresses),
            table=table,
            row_label=label,
            digits=c.digits,
            count=len(cands) if reading.complete else f"{len(cands)}+",
            candidates=shown if shown else ["（未能穷举）"],
            candidates_en="; ".join(shown) if shown else "(too many to search)",
        )
    )
    return agreed


def _fit(cand: Sequence[str | None], n: int) -> list[str | None]:
    return list(cand[:n]) + [None] * (n - len(cand)) if len(cand) < n else list(cand)


# ---------------------------------------------------------------------------------------------------------
# Section headings inside a line

_HEADING_PATTERNS: Final = sorted(HEADINGS, key=len, reverse=True)


def _split_headings(b: Paragraph) -> list[Paragraph]:
    """A paragraph with section headings glued inside it (a whole page flattened to one line), cut before
    each heading that follows a sentence end, a number or a label."""
    folded = b.text
    if len(folded) < 40:
        return [b]
    cuts = [m.start() for m in _heading_re().finditer(folded) if m.start() > 0 and _cut_ok(folded, m.start())]
    if not cuts:
        return [b]
    out = []
    start = 0
    for cut in [*cuts, len(folded)]:
        part = folded[start:cut].strip()
        if part:
            out.append(attrs.evolve(b, text=part))
        start = cut
    return out


def _cut_ok(text: str, at: int) -> bool:
    before = text[at - 1]
    return before in "。；;！!？?）)：:" or before.isdigit() or before.isspace() or _is_text_char(before)


@lru_cache(maxsize=1)
def _heading_re() -> re.Pattern[str]:
    """The official section headings as they may be written (either paren style, spaces anywhere)."""
    alts = []
    for s in form.SECTIONS:
        chars = []
        for ch in s.heading:
            if ch in "（(":
                chars.append("[（(]")
            elif ch in "）)":
                chars.append("[）)]")
            elif ch in "，,":
                chars.append("[，,]")
            elif ch in "、":
                chars.append("[、.．]")
            else:
                chars.append(re.escape(ch))
        alts.append(r"\s*".join(chars))
    return re.compile("|".join(f"(?:{a})" for a in alts))


# ---------------------------------------------------------------------------------------------------------
# Entry


def recover(blocks: Sequence[Block], findings: list[Finding]) -> list[Block]:
    """``blocks`` with the tables found in loose text (see the module docstring) in place of their lines."""
    if not _worth_looking(blocks):
        return list(blocks)
    expanded: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph) and b.role is None:
            expanded.extend(_split_headings(b))
        else:
            expanded.append(b)
    blocks = expanded
    lines = _lines_of(blocks)
    for ln in lines:
        if ln is not None:
            _classify(ln)
    regions = _regions(lines)
    if not regions:
        return list(blocks)
    budget = Budget()
    replaced: dict[int, list[TableBlock]] = {}
    dropped: set[int] = set()
    consumed_lines: set[int] = set()
    for start, stop in regions:
        region = [ln for ln in lines[start:stop] if ln is not None]
        tables = _read_region(region, budget, findings)
        if not tables:
            continue
        first_block = region[0].block
        replaced.setdefault(first_block, []).extend(tables)
        consumed_lines.update(range(start, stop))
    # A block goes when every one of its lines was read into a table.
    lines_of_block: dict[int, list[int]] = {}
    for k, ln in enumerate(lines):
        if ln is not None:
            lines_of_block.setdefault(ln.block, []).append(k)
    for block, ks in lines_of_block.items():
        if all(k in consumed_lines for k in ks):
            dropped.add(block)
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if i in replaced:
            out.extend(replaced[i])
        if i not in dropped:
            out.append(b)
    return out


def _worth_looking(blocks: Sequence[Block]) -> bool:
    """Cheap test: some paragraph (or one-cell row) holds a row label of the form."""
    for b in blocks:
        if isinstance(b, Paragraph):
            if b.role is None and any(k in b.text for k in _PROBES):
                return True
        elif all(len(row) <= 1 for row in b.rows) and any(
            k in (row[0].text if row else "") for row in b.rows for k in _PROBES
        ):
            return True
    return False


#: Words of every table's row labels: a document without any needs no look.
_PROBES: Final = ("规章", "规范性文件", "行政许可", "申请", "予以公开", "行政复议", "结果维持", "总计")
