"""Benchmark of the JSON codec: load and dump one fully filled report, beside ``json.loads``/``json.dumps``.

Run: ``python benchmarks/codec.py`` (options: ``--keys zh``, ``--rounds N``). Prints median times in µs.
Targets (issue #2): load ≤ 100 µs and ≤ 5 × ``json.loads`` of the same bytes.

Two documents, both with all 200 cells filled: ``cells`` (the bundled example's metadata, one short paragraph)
and ``full`` (also the example's whole narrative and text in every section, about 13 kB). The timings are
interleaved round by round, so that a busy machine slows every figure alike; a ratio is the median of the
per-round ratios. The CPU time of the thread (``time.thread_time``) is printed too: it is less disturbed by
other processes on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

import attrs

from gov_disclosure import build, cells, codec, form
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import ActiveDisclosure, DocumentCounts, Narrative, Report, Subsection


def filled_report(*, narrative: bool = True) -> Report:
    """The bundled example with every one of the 200 cells filled (and, optionally, text in every section)."""
    base = naidong_2024()
    rows = {
        row.id: {col: 1 + (i * 7 + j) % 13 for j, col in enumerate(form.APPLICANT_COLUMNS)}
        for i, row in enumerate(form.APPLICATIONS.rows)
        if row.id != "outcome_total"
    }
    cases = {
        b.id: {"upheld": 3, "corrected": 1, "other": 2, "pending": 4} for b in form.REVIEW_LITIGATION.blocks
    }
    report = attrs.evolve(
        base,
        active_disclosure=ActiveDisclosure(
            rules=DocumentCounts(issued=2, repealed=1, in_force=13),
            normative_documents=DocumentCounts(issued=1, repealed=0, in_force=1),
            licensing=1203,
            penalty=87,
            coercion=5,
            fees=Decimal("12.50"),
        ),
        applications=build.applications(**rows),
        review_litigation=build.review_litigation(**cases),
    )
    if not narrative:
        return attrs.evolve(
            report,
            preamble=(),
            overview=Narrative(paragraphs=("无。",)),
            problems=Narrative(),
            other_matters=Narrative(),
        )
    text = Narrative(
        paragraphs=base.problems.paragraphs,
        subsections=(Subsection(heading="（一）说明", paragraphs=("无。",)),),
    )
    return attrs.evolve(
        report, active_disclosure_text=text, applications_text=text, review_litigation_text=text
    )


def timings(
    fns: dict[str, Callable[[], object]], rounds: int, number: int, clock: Callable[[], float]
) -> dict[str, list[float]]:
    """Per-round mean time (µs) of each function, the functions interleaved within each round."""
    for fn in fns.values():
        fn()  # warm up (builds the converters)
    out: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start = clock()
            for _ in range(number):
                fn()
            out[name].append((clock() - start) / number * 1e6)
    return out


def run(label: str, report: Report, keys: codec.Keys, rounds: int) -> None:
    """Time one document and print its figures."""
    assert all(v is not None for v in cells(report).values())
    raw = codec.to_json(report, keys=keys).encode()
    assert codec.from_json(raw, keys=keys) == report
    data = json.loads(raw)
    fns: dict[str, Callable[[], object]] = {
        "json.loads": lambda: json.loads(raw),
        "from_json": lambda: codec.from_json(raw, keys=keys),
        "from_dict": lambda: codec.from_dict(data, keys=keys),
        "json.dumps": lambda: json.dumps(data, ensure_ascii=False),
        "to_json": lambda: codec.to_json(report, keys=keys),
        "to_dict": lambda: codec.to_dict(report, keys=keys),
    }
    wall = timings(fns, rounds, 100, time.perf_counter)
    cpu = timings(fns, rounds, 100, time.thread_time)
    print(f"{label}: {len(raw)} bytes of JSON, {keys} keys, 200 cells filled")
    print("                    median wall  (median CPU time of this thread)")
    for name, compare in (
        ("json.loads", None),
        ("from_json", "json.loads"),
        ("from_dict", None),
        ("json.dumps", None),
        ("to_json", "json.dumps"),
        ("to_dict", None),
    ):
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        line = f"  {name:<12} {w:10.1f} µs  ({c:7.1f} µs)"
        if compare is not None:
            ratio = statistics.median(a / b for a, b in zip(wall[name], wall[compare], strict=True))
            line += f"   {ratio:4.1f} × {compare}"
            if name == "from_json":
                line += "   (target ≤ 100 µs, ≤ 5 ×)"
        print(line)


def main() -> None:
    """Print the figures for both documents."""
    parser = argparse.ArgumentParser(description="Time the JSON codec.")
    parser.add_argument("--keys", choices=("en", "zh"), default="en")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    run("cells", filled_report(narrative=False), args.keys, args.rounds)
    run("full", filled_report(narrative=True), args.keys, args.rounds)


if __name__ == "__main__":
    main()
