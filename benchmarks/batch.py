"""Benchmark of batch work through the real command (issue #7).

1. ``gov-disclosure check DIR --jobs 2`` on 10,000 JSON reports (target: ≤ 30 s wall on 2 cores);
2. ``gov-disclosure parse DIR -o OUT --jobs 2`` on 1,000 HTML reports (target: ≤ 15 s wall).

Besides the wall time it prints the CPU time of the command and its workers (user + system), which does
not depend on what else the machine runs: with N jobs and N idle cores, wall ≈ CPU / N plus start-up.

The inputs are generated in a temporary folder first (not timed): reports with random but consistent
tables (one in ten with a wrong total, so that the checks find something), written as JSON, and rendered to
HTML in the official layout. Run::

    python benchmarks/batch.py [--check-files 10000] [--parse-files 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import attrs

from gov_disclosure import build, form
from gov_disclosure.cellview import ref, replace_cell
from gov_disclosure.codec import to_json
from gov_disclosure.examples import naidong_2024
from gov_disclosure.model import ActiveDisclosure, DocumentCounts, Meta, Report
from gov_disclosure.renderers import render


def make_report(rng: random.Random, i: int) -> Report:
    """A report with consistent random tables; every tenth one has a wrong 总计."""
    base = naidong_2024()
    rows: dict[str, dict[str, int]] = {}
    for col in form.APPLICANT_COLUMNS:
        results = {r: rng.choice((0, 0, 0, 1, 2, rng.randint(0, 50))) for r in form.RESULT_ROWS}
        outcome = sum(results.values())
        forward = rng.randint(0, 5)
        over = rng.randint(0, outcome + forward)
        column = {**results, "carried_forward": forward, "carried_over": over}
        column["received"] = outcome + forward - over
        for row, value in column.items():
            rows.setdefault(row, {})[col] = value
    report = attrs.evolve(
        base,
        meta=Meta(agency=f"测试{i}局", year=2024, issuer=f"测试{i}局办公室"),
        applications=build.applications(**rows),
        review_litigation=build.review_litigation(
            reconsideration={"upheld": rng.randint(0, 3), "pending": rng.randint(0, 2)}
        ),
        active_disclosure=ActiveDisclosure(
            normative_documents=DocumentCounts(
                issued=rng.randint(0, 9), repealed=0, in_force=rng.randint(9, 40)
            ),
            licensing=rng.randint(0, 9999),
            penalty=rng.randint(0, 999),
            coercion=rng.randint(0, 99),
            fees=Decimal(rng.randint(0, 100000)).scaleb(-2),
        ),
    )
    if i % 10 == 0:
        report = replace_cell(report, ref("三", "received", "total"), 10**6)
    return report


def command() -> list[str]:
    """The installed ``gov-disclosure`` script next to this Python, else ``python -m gov_disclosure``."""
    script = Path(sys.executable).with_name("gov-disclosure")
    if script.exists():
        return [str(script)]
    found = shutil.which("gov-disclosure")
    return [found] if found else [sys.executable, "-m", "gov_disclosure"]


def timed(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall seconds, CPU seconds (user + system, the command and its worker processes) and the process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-files", type=int, default=10_000)
    parser.add_argument("--parse-files", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=2)
    opts = parser.parse_args()
    rng = random.Random(2024)
    cmd = command()
    print(f"command: {' '.join(cmd)}   jobs: {opts.jobs}   CPUs: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="gd-bench-") as tmp:
        root = Path(tmp)
        json_dir, html_dir, out_dir = root / "json", root / "html", root / "parsed"
        t0 = time.perf_counter()
        reports = [make_report(rng, i) for i in range(200)]  # cycled through the files
        for i in range(opts.check_files):
            sub = json_dir / f"{i // 1000:02d}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"r{i:05d}.json").write_text(to_json(reports[i % len(reports)]), encoding="utf-8")
        html_dir.mkdir()
        for i in range(opts.parse_files):
            (html_dir / f"r{i:05d}.html").write_text(
                render(reports[i % len(reports)], "html"), encoding="utf-8"
            )
        print(
            f"generated {opts.check_files} JSON and {opts.parse_files} HTML files "
            f"in {time.perf_counter() - t0:.1f} s"
        )

        load = os.getloadavg()[0]
        seconds, cpu, proc = timed(
            [*cmd, "check", str(json_dir), "--jobs", str(opts.jobs), "-q", "--lang", "en"]
        )
        print(
            f"check {opts.check_files} JSON reports: {seconds:.1f} s wall, {cpu:.1f} s CPU "
            f"({opts.check_files / seconds:.0f} files/s), exit code {proc.returncode} (target ≤ 30 s wall); "
            f"load average before: {load:.1f}"
        )
        print("  " + "\n  ".join(proc.stdout.strip().splitlines()[:2]))
        if proc.returncode not in (0, 1):
            print(proc.stderr[-2000:])

        load = os.getloadavg()[0]
        seconds, cpu, proc = timed(
            [*cmd, "parse", str(html_dir), "-o", str(out_dir), "--jobs", str(opts.jobs), "-q", "--lang", "en"]
        )
        written = sum(1 for _ in out_dir.rglob("*.json")) if out_dir.exists() else 0
        print(
            f"parse {opts.parse_files} HTML reports: {seconds:.1f} s wall, {cpu:.1f} s CPU "
            f"({opts.parse_files / seconds:.0f} files/s), {written} JSON written, "
            f"exit code {proc.returncode} "
            f"(target ≤ 15 s wall); load average before: {load:.1f}"
        )
        print("  " + "\n  ".join(proc.stdout.strip().splitlines()[:2]))
        if proc.returncode not in (0, 1):
            print(proc.stderr[-2000:])


if __name__ == "__main__":
    main()
