"""``gov-disclosure check``: check reports (files or folders, any format) and print or write the findings.

Waivers and ignored codes are checked against the finding catalogue before anything is read. See
``docs/cli.md``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

import click

from .. import batch
from ..findings import Lang
from .messages import msg
from .shared import (
    CliError,
    cli_errors,
    collect_inputs,
    exit_with,
    hint_options,
    jobs_option,
    lang_option,
    load_input,
    meta_option,
    meta_table,
    print_results,
    progress,
)

__all__ = ["check_command"]


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--previous", type=click.Path(), help="Last year's report: adds the cross-year checks.")
@click.option(
    "--units",
    multiple=True,
    type=click.Path(),
    help="A sub-unit's report (file or folder; repeat the option): checks a consolidated report.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--output",
    "findings_out",
    type=click.Path(),
    help="Also write one row per finding to this .csv or .json file.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Do not run the rules of this code or prefix, e.g. structure (repeat the option).",
)
@click.option(
    "--waive",
    multiple=True,
    metavar="CODE=REASON",
    help="Waive a finding code (or CODE@LOCATION) with a reason; it stays listed, marked (repeat).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@click.option("--verbose", "-v", is_flag=True, help="Also list valid files and every finding in batches.")
@jobs_option
@hint_options
@meta_option
@lang_option
def check_command(
    files: tuple[str, ...],
    previous: str | None,
    units: tuple[str, ...],
    as_json: bool,
    findings_out: str | None,
    ignore: tuple[str, ...],
    waive: tuple[str, ...],
    quiet: bool,
    verbose: bool,
    jobs: int,
    agency: str | None,
    year: int | None,
    kind: str | None,
    meta_csv: str | None,
    lang: Lang,
) -> None:
    """Check reports (files or folders, any supported format) and print the findings.

    Exit code: 0 no errors, 1 errors, 2 an input could not be read.
    """
    paths = collect_inputs(list(files), lang)
    table = meta_table(meta_csv, lang)
    waivers = _waivers(waive, lang)
    for code in ignore:
        _known_code(code, lang)
    prev_report = None
    unit_reports = None
    if previous or units:
        if len(paths) != 1:
            raise CliError(msg("one-file", lang), lang)
        if previous:
            prev_report = load_input(previous, lang).report
        if units:
            unit_reports = [load_input(os.fspath(u), lang).report for u in collect_inputs(list(units), lang)]
    with progress(len(paths), msg("check-progress", lang)) as bar, cli_errors(lang):
        results = batch.check_files(
            paths,
            jobs=jobs,
            lang=lang,
            previous=prev_report,
            units=unit_reports,
            waive=waivers or None,
            ignore=ignore,
            agency=agency,
            year=year,
            kind=kind,
            meta=table,
            progress=bar.update,
        )
    summary = batch.Summary.of(results)
    if findings_out:
        with cli_errors(lang):
            batch.write_findings(results, findings_out)
    if as_json:
        payload = {
            "summary": summary.to_dict(),
            "files": [
                {
                    "file": r.file,
                    "status": r.status,
                    "valid": r.status == "valid",
                    "format": r.fmt,
                    "findings": [
                        {k: v for k, v in f.items() if k != "file"}
                        for f in batch.finding_dicts(r.file, r.findings, lang)
                    ],
                }
                for r in results
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print_results(results, summary, lang, quiet=quiet, verbose=verbose, single=len(results) == 1)
    if findings_out and not as_json and not quiet:
        n = sum(len(r.findings) for r in results)
        click.echo(msg("findings-written", lang, path=findings_out, n=n), err=True)
    exit_with(summary.exit_code)


def _waivers(items: Sequence[str], lang: Lang) -> dict[Any, str]:
    """``CODE=REASON`` or ``CODE@LOCATION=REASON`` options as ``check(waive=...)``."""
    out: dict[Any, str] = {}
    for item in items:
        key, sep, reason = item.partition("=")
        if not sep or not key.strip() or not reason.strip():
            raise CliError(msg("waive", lang, item=item), lang)
        code, at, location = key.strip().partition("@")
        _known_code(code, lang)
        out[(code, location) if at else code] = reason.strip()
    return out


def _known_code(code: str, lang: Lang) -> None:
    """A usage error unless ``code`` is a finding code or a prefix of some (``t3``, ``t3.``)."""
    from ..findings import catalogue

    prefix = code.rstrip(".")
    if not any(c == prefix or c.startswith(prefix + ".") for c in catalogue()):
        raise CliError(msg("unknown-code", lang, code=code), lang)
