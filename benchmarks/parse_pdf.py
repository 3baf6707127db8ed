"""Benchmark of the PDF parser: median time to parse a six-page report PDF into a report.

Run: ``python benchmarks/parse_pdf.py`` (options: ``--rounds N``, ``--pdf FILE`` to time another file,
``--chromium`` to time the report printed by Chromium too). Prints median times in ms.
Target (issue #8): ≤ 300 ms for a six-page report.

The PDF is made with reportlab in the official layout (``tests/pdfgen.py``): the bundled example with all
200 cells filled and its narrative repeated until the document has six pages, table 三 split over two pages.
Each engine is timed on the whole of :func:`gov_disclosure.parsers.pdf.parse_pdf` (reading the PDF and
assembling the report) and on reading the blocks alone. The timings are interleaved round by round, so that a
busy machine slows every figure alike; the CPU time of the thread (``time.thread_time``) is printed too, as it
is less disturbed by other processes on a shared machine.

Note: the PDF's built-in CJK font is not embedded. Where no CJK font is installed, pdfium cannot measure a
character set on its own and the pdfium engine reads such pages again with pdfplumber (see ``docs/pdf.md``),
so the pdfium figure is then higher; PDFs exported by Word, WPS or LibreOffice embed their fonts.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from codec import filled_report  # noqa: E402  (benchmarks/codec.py)

import pdfgen  # noqa: E402  (tests/pdfgen.py)
from gov_disclosure.examples import naidong_2024  # noqa: E402
from gov_disclosure.model import Narrative, Report  # noqa: E402
from gov_disclosure.parsers import pdf as pdfmod  # noqa: E402


def page_count(data: bytes) -> int:
    """Number of pages of a PDF."""
    import pypdfium2

    return len(pypdfium2.PdfDocument(data))


def six_page_pdf() -> tuple[Report, bytes]:
    """A filled report with the example's narrative, its overview repeated until the PDF has six pages."""
    example = naidong_2024()
    base = attrs.evolve(
        filled_report(narrative=False),
        preamble=example.preamble,
        problems=example.problems,
        other_matters=example.other_matters,
    )
    for n in range(1, 20):
        report = attrs.evolve(base, overview=Narrative(paragraphs=example.overview.paragraphs * n))
        data = pdfgen.pdf_of(report, table_breaks={1: 12}, headings_indented=True)
        pages = page_count(data)
        if pages == 6:
            return report, data
        if pages > 6:
            break
    raise SystemExit("could not make a six-page PDF")


def chromium_pdf(report: Report) -> bytes | None:
    """``report`` rendered as HTML and printed by Chromium, or None where Chromium is missing."""
    from gov_disclosure.renderers import render

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        html.write_text(render(report, "html"), encoding="utf-8")
        out = Path(tmp) / "report.pdf"
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={out}",
            html.as_uri(),
        ]
        subprocess.run(cmd, capture_output=True, timeout=180, check=False)
        return out.read_bytes() if out.exists() else None


def measure(tasks: dict[str, Callable[[], object]], rounds: int) -> dict[str, tuple[float, float]]:
    """Median wall time and median thread CPU time (ms) of each task, interleaved round by round."""
    wall: dict[str, list[float]] = {k: [] for k in tasks}
    cpu: dict[str, list[float]] = {k: [] for k in tasks}
    for task in tasks.values():
        task()  # warm up: imports, caches
    for _ in range(rounds):
        for name, task in tasks.items():
            w, c = time.perf_counter(), time.thread_time()
            task()
            cpu[name].append((time.thread_time() - c) * 1000)
            wall[name].append((time.perf_counter() - w) * 1000)
    return {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in tasks}


def main() -> None:
    """Build the PDF(s), time every engine, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--pdf", type=Path, help="time this PDF instead of the generated one")
    parser.add_argument("--chromium", action="store_true", help="also time the report printed by Chromium")
    args = parser.parse_args()

    docs: dict[str, bytes] = {}
    if args.pdf:
        docs[args.pdf.name] = args.pdf.read_bytes()
    else:
        report, data = six_page_pdf()
        docs["reportlab"] = data
        if args.chromium:
            printed = chromium_pdf(report)
            if printed is not None:
                docs["chromium"] = printed
    for label, data in docs.items():
        print(f"{label}: {page_count(data)} pages, {len(data) / 1024:.0f} KiB")
        tasks: dict[str, Callable[[], object]] = {}
        for engine in pdfmod.available_engines():
            tasks[f"parse_pdf  {engine:10}"] = lambda e=engine, d=data: pdfmod.parse_pdf(d, engine=e)
            tasks[f"blocks     {engine:10}"] = lambda e=engine, d=data: pdfmod.extract_blocks(d, engine=e)
        result = measure(tasks, args.rounds)
        for name, (wall, cpu) in result.items():
            print(f"  {name}  median {wall:8.1f} ms   (thread CPU {cpu:8.1f} ms)")
    print("target (issue #8): parse a six-page report ≤ 300 ms")


if __name__ == "__main__":
    main()
