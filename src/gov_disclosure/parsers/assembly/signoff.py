"""The sign-off: the issuing office and the publication date at the end of a report, from the lines the
markup marks or from the end of the last section (a page footer after it is reported, not kept).

See ``docs/parse.md`` ("Metadata").
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Final

import attrs

from ... import form
from ...findings import Finding, Location, make
from ...text.dates import DATE_RE
from ...text.fold import nfkc
from ..doc import Block, Paragraph, TableBlock
from ..normalize import read_date
from .grid import cell_labels
from .title import MAX_ISSUER, is_org_line

__all__ = ["Issuer", "Published", "SignoffReader", "meta_location", "signoff_table"]

#: The issuing office's text, and the paragraph it was read from.
Issuer = tuple[str, Paragraph]
#: The publication date, and the paragraph it was read from.
Published = tuple[_dt.date, Paragraph]

#: The section a sign-off without a date may close (the last one).
_LAST_SECTION: Final = form.SECTIONS[-1].id


def meta_location(name: str) -> Location:
    """Where a finding about the metadata field ``name`` points."""
    return Location(section="meta", path=f"$.meta.{name}")


#: How many paragraphs at the end of the text may hold the sign-off (page footers follow some).
_SIGNOFF_WINDOW: Final = 16


def signoff_table(b: Block) -> list[Paragraph] | None:
    """The lines of a sign-off laid out as a small table (an organisation cell and a date cell, at most three
    rows of at most two cells, no label), as paragraphs in reading order; else ``None``."""
    if not isinstance(b, TableBlock) or len(b.rows) > 3 or any(len(r) > 2 for r in b.rows):
        return None
    cells = [c for r in b.rows for c in r if c.text.strip()]
    texts = [c.text.strip() for c in cells]
    if not any(read_date(t)[1] for t in texts) or not any(is_org_line(t) for t in texts):
        return None
    if any(cell_labels(t) for t in texts):
        return None
    return [Paragraph(text=t, origin=c.origin) for t, c in zip(texts, cells, strict=True)]


def _signed_at(paragraphs: Sequence[Paragraph]) -> int | None:
    """Index of the last date-only line right after an organisation line among the last paragraphs; else,
    the date written first, of the last date-only line right before one."""
    for k in range(len(paragraphs) - 1, max(0, len(paragraphs) - _SIGNOFF_WINDOW), -1):
        p, before = paragraphs[k], paragraphs[k - 1]
        if p.level is None and before.level is None and is_org_line(before.text) and read_date(p.text)[1]:
            return k
    for k in range(len(paragraphs) - 2, max(-1, len(paragraphs) - _SIGNOFF_WINDOW), -1):
        if _date_first(paragraphs, k):
            return k
    return None


def _date_first(paragraphs: Sequence[Paragraph], k: int) -> bool:
    """Whether paragraph ``k`` is the date of a sign-off that writes it first: a date-only line right before
    an organisation line and not right after one (``2024年1月20日`` / ``某某县人民政府办公室``)."""
    if not 0 <= k < len(paragraphs) - 1:
        return False
    p, after = paragraphs[k], paragraphs[k + 1]
    if k > 0 and paragraphs[k - 1].level is None and is_org_line(paragraphs[k - 1].text):
        return False
    return p.level is None and after.level is None and is_org_line(after.text) and read_date(p.text)[1]


def _signoff_lines(p: Paragraph, *, last: bool) -> list[Paragraph]:
    """``p`` as its sign-off lines when it ends with a date after an organisation (on the same line or the
    line before; any line before the date when ``p`` is the last paragraph), else ``[p]``."""
    text = p.text.strip()
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) > 1 and read_date(lines[-1])[1] and (last or is_org_line(lines[-2])):
        return [attrs.evolve(p, text=ln) for ln in lines]
    if len(lines) > 1 and is_org_line(lines[-1]) and read_date(lines[-2])[1]:
        return [attrs.evolve(p, text=ln) for ln in lines]  # the date first: 日期<br>名称
    if len(text) > MAX_ISSUER + 20:
        return [p]
    folded = nfkc(text)
    first = DATE_RE.match(folded)
    if first is not None and len(folded) == len(text) and 0 < first.end() < len(text):
        # The date first on the line: "2024年1月20日　某某县人民政府办公室".
        tail = text[first.end() :].strip()
        if is_org_line(tail) and read_date(text[: first.end()])[1]:
            return [attrs.evolve(p, text=text[: first.end()].strip()), attrs.evolve(p, text=tail)]
    for m in DATE_RE.finditer(folded):
        if m.end() == len(folded) and m.start() > 0:
            head = text[: m.start()].strip()
            if is_org_line(head) and text[m.start() - 1].isspace():
                return [attrs.evolve(p, text=head), attrs.evolve(p, text=text[m.start() :].strip())]
    return [p]


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 60 else text[:59] + "…"


class SignoffReader:
    """Reads the sign-off, recording findings (the sign-off stage of :class:`~.metadata.MetaReader`)."""

    def __init__(self, signoff_marked: bool, findings: list[Finding]) -> None:
        self.signoff_marked = signoff_marked
        self.findings = findings

    def signoff(
        self, marked: list[Paragraph], buckets: dict[str, list[Paragraph]], current: str
    ) -> tuple[Issuer | None, Published | None]:
        """The issuer and the publication date, from the marked lines or from the end of the last section
        (whose bucket loses the sign-off lines)."""
        bucket = buckets.get(current, [])
        explicit = bool(marked) or self.signoff_marked
        lines = [q for p in marked for q in _signoff_lines(p, last=True)]
        dated = [k for k, q in enumerate(lines) if read_date(q.text)[1]]
        signed = [k for k in dated if k > 0 and is_org_line(lines[k - 1].text)]
        if marked and not signed and not self.signoff_marked and _signed_at(bucket + lines) is not None:
            # The lines a plain-text front-end guessed (the last ones) hold no organisation before a date,
            # but the end of the text does: a page footer follows the sign-off. Read the end of the text.
            bucket.extend(lines)
            explicit = False
        if explicit:
            return self._marked_signoff(lines, signed, dated)
        return self._text_signoff(bucket, current)

    def _marked_signoff(
        self, lines: list[Paragraph], signed: list[int], dated: list[int]
    ) -> tuple[Issuer | None, Published | None]:
        # The marked lines, an organisation and a date on one line split; the date is the first date line
        # right after an organisation line, else the first date line; lines after it that are no
        # organisation are a page footer (parse.trailing-text).
        issuer: Issuer | None = None
        published: Published | None = None
        at = (signed or dated or [len(lines)])[0]
        names = [q for k, q in enumerate(lines) if k < at or (k > at and is_org_line(q.text))]
        footer = [q for q in lines[at + 1 :] if not is_org_line(q.text)]
        if at < len(lines):
            published = self._date_line(lines[at])
        if footer:
            self.findings.append(make("parse.trailing-text", quote=_short(footer[0].text)))
        if names:
            issuer = ("\n".join(p.text for p in names), names[0])
        return issuer, published

    def _text_signoff(self, bucket: list[Paragraph], current: str) -> tuple[Issuer | None, Published | None]:
        issuer: Issuer | None = None
        published: Published | None = None
        for k in range(len(bucket) - 1, max(-1, len(bucket) - _SIGNOFF_WINDOW), -1):
            # "乃东区人民政府办公室<br>2025年1月27日" in one paragraph, or "某某局　2025年1月20日" on one
            # line: the organisation and the date as lines of their own.
            if bucket[k].level is None:
                bucket[k : k + 1] = _signoff_lines(bucket[k], last=k == len(bucket) - 1)
        # The date: the latest date-only line right after an organisation line among the last paragraphs
        # (page footers, even with headings, may follow it); else a date-only line among the last four
        # paragraphs, after any heading.
        at_date = _signed_at(bucket)
        if at_date is None:
            for k in range(len(bucket) - 1, max(-1, len(bucket) - 5), -1):
                if bucket[k].level is not None:
                    break
                if read_date(bucket[k].text)[1]:
                    at_date = k
                    break
        if at_date is not None:
            published = self._date_line(bucket[at_date])
            date_first = _date_first(bucket, at_date)
            if date_first:
                q = bucket[at_date + 1]
                issuer = (q.text.strip(), q)
            trailing = bucket[at_date + (2 if date_first else 1) :]
            if trailing:
                self.findings.append(make("parse.trailing-text", quote=_short(trailing[0].text)))
            del bucket[at_date:]
            if not date_first and bucket and bucket[-1].level is None and is_org_line(bucket[-1].text):
                q = bucket.pop()
                issuer = (q.text.strip(), q)
            return issuer, published
        if (
            current == _LAST_SECTION
            and len(bucket) >= 2
            and bucket[-1].level is None
            and is_org_line(bucket[-1].text)
        ):
            q = bucket.pop()
            issuer = (q.text.strip(), q)
        return issuer, published

    def _date_line(self, p: Paragraph) -> Published | None:
        """The date of a sign-off date line; ``parse.bad-date`` when it is not a valid date (2月30日)."""
        d, _ = read_date(p.text)
        if d is None:
            self.findings.append(make("parse.bad-date", location=meta_location("published"), quote=p.text))
            return None
        return d, p
