"""``gov-disclosure new`` and ``demo``: a blank report to fill in, and the bundled example with its check.

See ``docs/cli.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from .. import batch
from ..findings import Lang
from ..model import AgencyKind, Meta, Report
from .messages import msg
from .shared import CliError, cli_errors, lang_option, print_results, write_output

__all__ = ["demo_command", "new_command"]


@click.command("new")
@click.option("--agency", required=True, help="Agency name (机关名称), e.g. 乃东区人民政府.")
@click.option("--year", required=True, type=int, help="Report year (报告年度).")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in AgencyKind]),
    default=AgencyKind.OTHER.value,
    show_default=True,
    help="Agency kind: government (31 March), department (31 January), other.",
)
@click.option("-o", "--output", "out", required=True, help="Output file: .json or .xlsx (the template).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@lang_option
def new_command(agency: str, year: int, kind: str, out: str, force: bool, lang: Lang) -> None:
    """Write a blank report: JSON, or the XLSX template to fill in (by the output's extension)."""
    ext = os.path.splitext(out)[1].lower()
    if ext not in (".json", ".xlsx"):
        raise CliError(msg("new-ext", lang, path=out), lang)
    if os.path.exists(out) and not force:
        raise CliError(msg("exists", lang, path=out), lang)
    with cli_errors(lang):
        report = Report(meta=Meta(agency=agency, year=year, kind=AgencyKind(kind)))
    write_output(report, out, ext[1:], lang)
    click.echo(msg("written", lang, path=out))


@click.command("demo")
@click.option(
    "--out",
    "out_dir",
    default="gov-disclosure-demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder to write the example into.",
)
@lang_option
def demo_command(out_dir: str, lang: Lang) -> None:
    """Render the bundled example (乃东区 2024) to HTML, DOCX, JSON and XLSX, and print its check."""
    from ..examples import naidong_2024

    report = naidong_2024()
    folder = Path(out_dir)
    with cli_errors(lang):
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, ext in (("html", "html"), ("docx", "docx"), ("json", "json"), ("xlsx", "xlsx")):
        path = folder / f"naidong-2024.{ext}"
        write_output(report, os.fspath(path), fmt, lang)
        written.append(path)
    click.echo(msg("demo-files", lang, dir=os.fspath(folder)))
    for path in written:
        click.echo(f"  {os.fspath(path)}")
    click.echo("")
    click.echo(msg("demo-check", lang))
    results = batch.check_files([written[2]], lang=lang)
    print_results(results, batch.Summary.of(results), lang, quiet=False, verbose=False, single=True)
    click.echo("")
    click.echo(msg("demo-next", lang))
