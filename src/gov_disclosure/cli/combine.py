"""``gov-disclosure consolidate`` and ``compare``: commands that read several reports together.

``consolidate`` sums units' reports into one (refusing to write when an input is unreadable); ``compare``
runs the cross-year rules on last year's and this year's reports. See ``docs/cli.md``.
"""

from __future__ import annotations

import os

import click

from .. import batch
from ..findings import Lang
from ..model import AgencyKind
from .messages import msg
from .shared import (
    CliError,
    cli_errors,
    collect_inputs,
    exit_with,
    format_for,
    lang_option,
    load_input,
    one_line,
    write_output,
)

__all__ = ["compare_command", "consolidate_command"]


@click.command("consolidate")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--agency", required=True, help="Name of the consolidating agency.")
@click.option("--year", required=True, type=int, help="Report year.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in AgencyKind]),
    default=AgencyKind.GOVERNMENT.value,
    show_default=True,
    help="Kind of the consolidating agency.",
)
@click.option("--expected", multiple=True, help="A unit that should be included (repeat the option).")
@click.option("--narrative", is_flag=True, help="Write a paragraph with the summed figures in section 一.")
@click.option(
    "-o", "--output", "out", required=True, help="Output file: .json, .xlsx, .html, .md, .txt, .docx."
)
@lang_option
def consolidate_command(
    files: tuple[str, ...],
    agency: str,
    year: int,
    kind: str,
    expected: tuple[str, ...],
    narrative: bool,
    out: str,
    lang: Lang,
) -> None:
    """Sum the units' reports (files or folders) into one report.

    Every input must be readable (exit 2 otherwise, nothing written): a sum missing a unit would be wrong.
    """
    fmt = format_for(out, None, lang)
    target = os.path.realpath(out)
    # The output itself, left in a units' folder by an earlier run, is not a unit.
    paths = [p for p in collect_inputs(list(files), lang) if os.path.realpath(p) != target]
    results = [_try_load(os.fspath(p)) for p in paths]
    failures = [r for r in results if isinstance(r, batch.LoadError | OSError)]
    for failure in failures:
        text = failure.message(lang) if isinstance(failure, batch.LoadError) else str(failure)
        click.echo(msg("error", lang) + one_line(text), err=True)
    if failures:
        exit_with(2)
    loaded = [(p, r) for p, r in zip(paths, results, strict=True) if isinstance(r, batch.Loaded)]
    reports = [r.report for _, r in loaded]
    # What reading found (a cell that could not be read is blank in the sum): shown, and its errors count.
    reading = [(p, f) for p, r in loaded for f in r.findings if f.waived is None]
    for p, f in reading:
        click.echo(f"[{f.severity.label(lang)}] {f.code} ({os.fspath(p)}): {f.message(lang)}")
    with cli_errors(lang):
        from ..consolidation import consolidate

        result = consolidate(
            reports,
            agency=agency,
            year=year,
            kind=AgencyKind(kind),
            expected=list(expected) or None,
            narrative=narrative,
        )
    write_output(result.report, out, fmt, lang)
    click.echo(msg("included", lang, n=len(result.included), units="、".join(result.included) or "—"))
    for f in result.findings:
        click.echo(f"[{f.severity.label(lang)}] {f.code}: {f.message(lang)}")
    click.echo(msg("written", lang, path=out))
    # A unit with errors (unreadable cells, tables that break the rules) makes the sum doubtful: exit 1.
    errors = any(f.severity.value == "error" for _, f in reading) or bool(result.flagged)
    exit_with(1 if errors else 0)


def _try_load(path: str) -> batch.Loaded | batch.LoadError | OSError:
    try:
        return batch.load(path)
    except (batch.LoadError, OSError) as exc:
        return exc


@click.command("compare")
@click.argument("old", type=click.Path())
@click.argument("new_", metavar="NEW", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@lang_option
def compare_command(old: str, new_: str, as_json: bool, lang: Lang) -> None:
    """Compare last year's report (OLD) with this year's (NEW): cross-year rules and the changes.

    Exit code: 0 no errors, 1 a cross-year error (e.g. carry-over mismatch), 2 unreadable or not comparable.
    """
    previous = load_input(old, lang).report
    current = load_input(new_, lang).report
    with cli_errors(lang):
        from ..comparison import compare

        result = compare(previous, current)
    # Reports of other agencies or of years not consecutive: misuse of the command (exit 2), not a finding.
    for f in result.findings:
        if f.code == "xyear.not-comparable":
            raise CliError(f.message(lang), lang)
    if as_json:
        click.echo(result.to_json(lang))
    else:
        click.echo(result.to_text(lang), nl=False)
    exit_with(1 if any(f.severity.value == "error" and f.waived is None for f in result.findings) else 0)
