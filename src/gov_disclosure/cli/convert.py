"""``gov-disclosure render``, ``parse`` and ``schema``: a report from one form into another.

``render`` writes the official layout (or JSON, XLSX); ``parse`` reads published reports into JSON, one file
or a batch into a folder; ``schema`` prints the JSON Schema. See ``docs/cli.md``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, NoReturn, cast

import click

from .. import batch
from ..findings import Lang
from .messages import msg
from .shared import (
    RENDER_FORMATS,
    CliError,
    cli_errors,
    collect_inputs,
    exit_with,
    finding_table,
    format_for,
    hint_options,
    jobs_option,
    lang_option,
    load_input,
    meta_option,
    meta_table,
    print_results,
    progress,
    write_output,
)

__all__ = ["parse_command", "render_command", "schema_command"]


@click.command("render")
@click.argument("file", type=click.Path())
@click.option(
    "--to",
    "fmt",
    type=click.Choice(RENDER_FORMATS),
    default=None,
    help="Output format (default: from the output file's extension; text on stdout).",
)
@click.option("-o", "--output", "out", default="-", show_default=True, help="Output file (- for stdout).")
@hint_options
@lang_option
def render_command(
    file: str, fmt: str | None, out: str, agency: str | None, year: int | None, kind: str | None, lang: Lang
) -> None:
    """Render a report in the official layout: text, markdown, html or docx (also json, xlsx)."""
    if fmt is None:
        fmt = "text" if out == "-" else format_for(out, None, lang)
    loaded = load_input(file, lang, agency=agency, year=year, kind=kind)
    write_output(loaded.report, out, fmt, lang)
    if out != "-":
        click.echo(msg("written", lang, path=out), err=True)


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    "out",
    default=None,
    help="Output .json file (one input; default stdout) or folder (several inputs).",
)
@click.option("--keys", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="JSON keys.")
@click.option(
    "--findings",
    "findings_out",
    type=click.Path(),
    help="Also write one row per finding to this .csv or .json file.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@jobs_option
@hint_options
@meta_option
@lang_option
def parse_command(
    files: tuple[str, ...],
    out: str | None,
    keys: str,
    findings_out: str | None,
    quiet: bool,
    jobs: int,
    agency: str | None,
    year: int | None,
    kind: str | None,
    meta_csv: str | None,
    lang: Lang,
) -> None:
    """Read published reports (html, txt, md, docx, pdf; also xlsx, json) into JSON.

    A published report whose agency or year cannot be determined is still written, as a draft with those
    fields null (give them with --agency/--year or --meta).

    Exit code: 0 every input read, 1 an input read with errors (or only as a draft), 2 an input could not be
    read.
    """
    paths = collect_inputs(list(files), lang)
    table = meta_table(meta_csv, lang)
    many = len(paths) > 1 or any(Path(f).is_dir() for f in files)
    if not many:
        hints = {k: v for k, v in (("agency", agency), ("year", year), ("kind", kind)) if v is not None}
        _parse_one(paths[0], out, keys, findings_out, quiet, lang, table, hints)
    if out is None or (os.path.exists(out) and not os.path.isdir(out)) or out.lower().endswith(".json"):
        raise CliError(msg("parse-out-dir", lang, path=out or "-"), lang)
    roots = [Path(f) for f in files]
    with cli_errors(lang):
        outputs = batch.output_paths(paths, roots, Path(out))
    with progress(len(paths), msg("parse-progress", lang)) as bar, cli_errors(lang):
        results = batch.parse_files(
            paths,
            outputs,
            jobs=jobs,
            lang=lang,
            keys=cast(Any, keys),
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
    print_results(
        results, summary, lang, quiet=quiet, verbose=False, single=False, valid_word=msg("parsed", lang)
    )
    exit_with(summary.exit_code)


def _parse_one(
    path: Path,
    out: str | None,
    keys: str,
    findings_out: str | None,
    quiet: bool,
    lang: Lang,
    table: batch.MetaTable | None,
    hints: dict[str, Any],
) -> NoReturn:
    """One input: its JSON to ``out`` (a file, a folder, or stdout), its reading findings on stderr. A
    published report without agency or year is written as its draft (exit 1)."""
    with cli_errors(lang):
        [file_hints], absent = batch.file_hints([path], table, hints, lang)
        parsed = batch.read_document(path, keys=cast(Any, keys), **file_hints)
        text = json.dumps(parsed.document, ensure_ascii=False, indent=2) + "\n"
        if out is None or out == "-":
            click.echo(text, nl=False)
        else:
            target = Path(out)
            if target.is_dir():
                target = target / (path.stem + ".json")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    result = batch.FileResult(
        file=os.fspath(path),
        status="errors" if any(f.severity.value == "error" for f in parsed.findings) else "valid",
        fmt=parsed.fmt,
        findings=parsed.findings,
        lang=lang,
    )
    results = [result, *absent]
    if findings_out:
        with cli_errors(lang):
            batch.write_findings(results, findings_out)
    shown = [f for r in results for f in r.findings]
    if shown and not quiet:
        click.echo("\n".join(finding_table(shown, lang)), err=True)
    exit_with(batch.Summary.of(results).exit_code)


@click.command("schema")
@click.option("--keys", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="JSON keys.")
@click.option("-o", "--output", "out", default="-", show_default=True, help="Output file (- for stdout).")
@lang_option
def schema_command(keys: str, out: str, lang: Lang) -> None:
    """Print the JSON Schema of the report document."""
    with cli_errors(lang):
        from ..codec import json_schema

        text = json.dumps(json_schema(cast(Any, keys)), ensure_ascii=False, indent=2) + "\n"
        if out == "-":
            click.echo(text, nl=False)
        else:
            Path(out).write_text(text, encoding="utf-8")
            click.echo(msg("written", lang, path=out), err=True)
