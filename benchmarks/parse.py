"""Benchmark of the parsers (issue #5): median time to parse the bundled example.

Targets: the example rendered as a full HTML page ≤ 5 ms; as plain text ≤ 2 ms. Also printed: Markdown, the
HTML fragment, Word, the published seed text, the front-end / assembler split of the text case, and the text
renderings crawlers and copies make (issue #15: glued digits, PDF layout text, one cell per line, spaced rows,
made by ``tests/renderings.py`` from a filled report), with the glued-digit splitting alone: a typical report
and the worst row that can be constructed (target ≤ 10 ms for a full report).

Each case is parsed once to warm up (label tables are built at import; caches fill on first use), then timed
``--repeat`` times. Besides the wall time (median and minimum) it prints the CPU time of the process
(``time.process_time``), which does not depend on what else the machine runs, and a calibration loop
(``sum(range(10**6))``, ≈ 10 ms on a quiet 3 GHz core) to compare machines. Run::

    python benchmarks/parse.py [--repeat 300]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from gov_disclosure.examples import naidong_2024
from gov_disclosure.parsers import parse
from gov_disclosure.parsers.doc import Limits
from gov_disclosure.renderers import render

SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "naidong-2024-annual-report.txt"


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(median wall ms, min wall ms, median CPU ms) over ``repeat`` calls after one warm-up call."""
    fn()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(wall) * 1e3, min(wall) * 1e3, statistics.median(cpu) * 1e3


def calibration() -> float:
    """Milliseconds for ``sum(range(10**6))`` (best of five)."""
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        sum(range(10**6))
        best = min(best, time.perf_counter() - t)
    return best * 1e3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=300)
    args = ap.parse_args()

    report = naidong_2024()
    html = render(report, "html")
    text = render(report, "text")
    markdown = render(report, "markdown")
    fragment = render(report, "html", fragment=True)
    seed = SEED.read_text(encoding="utf-8")
    cases: list[tuple[str, Callable[[], object], str]] = [
        ("HTML page", lambda: parse(html), "≤ 5 ms"),
        ("text", lambda: parse(text), "≤ 2 ms"),
        ("Markdown", lambda: parse(markdown), ""),
        ("HTML fragment", lambda: parse(fragment), ""),
        ("seed text (published copy)", lambda: parse(seed), ""),
    ]
    try:
        docx = render(report, "docx")
        cases.append(("Word (.docx)", lambda: parse(docx), ""))
    except ImportError:  # pragma: no cover - python-docx not installed
        pass

    text_front = importlib.import_module("gov_disclosure.parsers.text")
    assembler = importlib.import_module("gov_disclosure.parsers.assembly")
    limits = Limits()
    doc = text_front.read(text, limits)
    cases.append(("  text: front-end only", lambda: text_front.read(text, limits), ""))
    cases.append(("  text: assembler only", lambda: assembler.assemble(doc.blocks), ""))

    cases += _renderings()

    for _, fn, _ in cases:  # every case must give the example back (not timed)
        result = fn()
        if hasattr(result, "report") and result.report is not None:
            assert result.report.meta.agency == report.meta.agency

    print(f"calibration: sum(range(10**6)) = {calibration():.1f} ms")
    print(f"{'case':32} {'median':>9} {'min':>9} {'CPU':>9}  target")
    for name, fn, target in cases:
        med, low, cpu = measure(fn, args.repeat)
        print(f"{name:32} {med:7.3f}ms {low:7.3f}ms {cpu:7.3f}ms  {target}")


def _renderings() -> list[tuple[str, Callable[[], object], str]]:
    """The text renderings of a filled report, and the digit splitting alone (typical, worst)."""
    import random
    import sys

    sys.path.insert(0, str(SEED.parent.parent))
    from gov_disclosure.parsers.assembly.digits import Budget, Equation, split
    from renderings import RENDERINGS
    from test_parse_renderings import _filled

    text = render(_filled(naidong_2024()), "text")
    out: list[tuple[str, Callable[[], object], str]] = []
    for name, make in RENDERINGS.items():
        rendered = make(text, random.Random(1))
        out.append((f"rendering: {name}", lambda r=rendered: parse(r, fmt="text"), ""))  # type: ignore[misc]
    row = [Equation((0, 1, 2, 3, 4, 5), (), (6,))]
    typical = ["1200001", "0000000", "152001119", "1000001", "3000003", "0000000"] * 5  # 30 rows
    out.append(("split: 30 typical rows", lambda: [split(d, 7, row, Budget()) for d in typical], ""))
    worst = ["1234567890" * 3] * 30  # each row runs out of its steps; the document budget stops the rest
    out.append(("split: 30 worst rows", lambda: _split_all(worst, row, split, Budget), "≤ 10 ms"))
    return out


def _split_all(rows: list[str], eq: list[object], split: Callable[..., object], budget: type) -> None:
    shared = budget()
    for digits in rows:
        split(digits, 7, eq, shared)


if __name__ == "__main__":
    main()
