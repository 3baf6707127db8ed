"""HTML: a standalone A4 page or an embeddable ``<article>``, tables with the official merged cells.

Built by string assembly with :func:`html.escape` on every text (no lxml needed); see ``docs/render.md``
(section *HTML*) for the structure the parsers rely on.
"""

from __future__ import annotations

from html import escape
from typing import Final

from ..model import Narrative, Report
from ._common import Document, Options, caption, cell_text, clean, outline
from .layout import LayoutCell, TableLayout

__all__ = ["STYLE", "render_html", "table_html"]

_FANGSONG: Final = (
    '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif'
)
_HEITI: Final = '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", sans-serif'
_KAITI: Final = '"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif'
_XBS: Final = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC", serif'

#: The embedded style sheet of a standalone page (class names are those of ``docs/render.md``).
STYLE: Final = f"""\
@page {{ size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }}
html {{ background: #f4f4f4; }}
body {{ margin: 0; padding: 1.5rem 0; color: #000; }}
.gd-report {{ box-sizing: border-box; max-width: 21cm; margin: 0 auto; padding: 3.7cm 2.6cm 3.5cm 2.8cm;
  background: #fff; font-family: {_FANGSONG}; font-size: 16pt; line-height: 28pt; }}
.gd-report h1 {{ font-family: {_XBS}; font-size: 22pt; font-weight: normal; line-height: 36pt;
  text-align: center; margin: 0 0 28pt; }}
.gd-report h2 {{ font-family: {_HEITI}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  break-after: avoid; }}
.gd-report h3 {{ font-family: {_KAITI}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  break-after: avoid; }}
.gd-report p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.gd-signoff {{ margin-top: 28pt; }}
.gd-signoff p {{ text-align: right; text-indent: 0; }}
.gd-table {{ border-collapse: collapse; width: 100%; margin: 7pt 0 14pt; table-layout: fixed;
  font-size: 10.5pt; line-height: 1.35; }}
.gd-table th, .gd-table td {{ border: 1px solid #000; padding: 2pt 3pt; vertical-align: middle;
  font-weight: normal; text-align: center; overflow-wrap: anywhere; }}
.gd-table th[scope="row"], .gd-table td.gd-note {{ text-align: left; }}
.gd-table caption {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }}
.gd-table thead {{ display: table-header-group; }}
.gd-table tr {{ break-inside: avoid; }}
@media print {{
  html {{ background: none; }}
  body {{ padding: 0; }}
  .gd-report {{ max-width: none; margin: 0; padding: 0; }}
}}
"""


def _text(text: str) -> str:
    """Escaped text; a line break inside it is a ``<br>``."""
    return "<br>".join(escape(line) for line in clean(text).split("\n"))


def _attr(value: str) -> str:
    return escape(clean(value), quote=True)


def _cell_html(report: Report, cell: LayoutCell, options: Options) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.ref is not None:
        return f'<td class="gd-num"{spans}>{escape(cell_text(report, cell.ref, options))}</td>'
    if cell.kind == "note":
        return f'<td class="gd-note"{spans}>{escape(cell.text)}</td>'
    return f'<th scope="{cell.scope}"{spans}>{escape(cell.text)}</th>'


def table_html(report: Report, layout: TableLayout, options: Options, caption_text: str) -> str:
    """One table with ``<caption>``, ``<colgroup>``, ``<thead>``/``<tbody>`` and the official spans."""
    total = sum(layout.widths)
    out = [
        f'<table class="gd-table" data-table="{layout.table.id}">',
        f"<caption>{escape(caption_text)}</caption>",
    ]
    out.append("<colgroup>")
    out += [f'<col style="width: {100 * w / total:.2f}%">' for w in layout.widths]
    out.append("</colgroup>")

    def rows(start: int, stop: int) -> list[str]:
        return [
            "<tr>" + "".join(_cell_html(report, c, options) for c in layout.rows[r]) + "</tr>"
            for r in range(start, stop)
        ]

    if layout.header_rows:
        out += ["<thead>", *rows(0, layout.header_rows), "</thead>"]
    for start, stop in layout.bodies:
        out += ["<tbody>", *rows(start, stop), "</tbody>"]
    out.append("</table>")
    return "\n".join(out)


def _narrative(narrative: Narrative) -> list[str]:
    out = [f"<p>{_text(p)}</p>" for p in narrative.paragraphs]
    for sub in narrative.subsections:
        out.append(f"<h3>{_text(sub.heading)}</h3>")
        out += [f"<p>{_text(p)}</p>" for p in sub.paragraphs]
    return out


def _data_attributes(report: Report) -> str:
    meta = report.meta
    values: list[tuple[str, str | None]] = [
        ("agency", meta.agency),
        ("year", str(meta.year)),
        ("kind", meta.kind.value),
        ("region", meta.region),
        ("title", meta.title),
        ("published", meta.published.isoformat() if meta.published else None),
        ("issuer", meta.issuer),
        ("period-start", meta.period_start.isoformat() if meta.period_start else None),
        ("period-end", meta.period_end.isoformat() if meta.period_end else None),
    ]
    return "".join(f' data-{name}="{_attr(v)}"' for name, v in values if v is not None)


def _article(report: Report, doc: Document, options: Options) -> str:
    out = [f'<article class="gd-report" lang="zh-CN"{_data_attributes(report)}>']
    if doc.title is not None:
        out.append(f'<h1 class="gd-title">{_text(doc.title)}</h1>')
    if doc.preamble:
        out.append('<div class="gd-preamble">')
        out += [f"<p>{_text(p)}</p>" for p in doc.preamble]
        out.append("</div>")
    for part in doc.sections:
        out.append(f'<section class="gd-section" data-section="{part.section.id}">')
        out.append(f"<h2>{escape(part.section.heading)}</h2>")
        out += _narrative(part.narrative)
        if part.table is not None:
            out.append(table_html(report, part.table, options, caption(part.section)))
        out.append("</section>")
    if doc.has_signoff:
        out.append('<div class="gd-signoff">')
        if doc.issuer is not None:
            out.append(f'<p class="gd-issuer">{_text(doc.issuer)}</p>')
        if doc.published is not None and doc.date_text is not None:
            out.append(
                f'<p class="gd-date"><time datetime="{doc.published.isoformat()}">{doc.date_text}</time></p>'
            )
        out.append("</div>")
    out.append("</article>")
    return "\n".join(out)


def render_html(report: Report, options: Options) -> str:
    """The report as an HTML page (or, with ``fragment=True``, its ``<article>``), ending with a newline."""
    doc = outline(report, options)
    article = _article(report, doc, options)
    if options.fragment:
        return article + "\n"
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="gov-disclosure">',
        f"<title>{escape(clean(doc.display_title).replace(chr(10), ' '))}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, article, "</body>", "</html>"]) + "\n"
