"""What the ``gov-disclosure`` subcommands share: options, one-line errors, reading inputs, writing outputs.

Errors become one line on stderr with exit code 2 (``GOV_DISCLOSURE_DEBUG=1`` shows the traceback of an
unexpected one); findings are printed as aligned tables. See ``docs/cli.md``.
"""

from __future__ import annotations

import os
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, NoReturn, TypeVar

import click

from .. import batch
from ..findings import Finding, Lang, Severity
from ..model import AgencyKind, Report
from .messages import default_lang, msg

__all__ = [
    "RENDER_FORMATS",
    "CliError",
    "NoBar",
    "cli_errors",
    "collect_inputs",
    "exit_with",
    "finding_table",
    "format_for",
    "hint_options",
    "jobs_option",
    "lang_option",
    "load_input",
    "meta_option",
    "meta_table",
    "one_line",
    "print_results",
    "progress",
    "write_output",
]

F = TypeVar("F", bound=Callable[..., Any])

RENDER_FORMATS: Final = ("text", "markdown", "html", "docx", "json", "xlsx")
_BY_EXTENSION: Final = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".json": "json",
    ".xlsx": "xlsx",
}
_PROGRESS_MIN: Final = 20


class CliError(click.ClickException):
    """An error shown as one line on stderr (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, lang: Lang = "zh") -> None:
        super().__init__(message)
        self.lang = lang

    def show(self, file: Any = None) -> None:
        """Print ``错误：message`` (or ``Error: message``) on stderr."""
        click.echo(msg("error", self.lang) + self.format_message(), file=file or sys.stderr, err=True)


def one_line(text: str) -> str:
    """The first non-blank line of ``text``, with ``(+n)`` when n more lines follow."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[0] + (f" (+{len(lines) - 1})" if len(lines) > 1 else "")


@contextmanager
def cli_errors(lang: Lang) -> Iterator[None]:
    """Turn every exception into a one-line :class:`CliError` (exit 2)."""
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except batch.LoadError as exc:
        raise CliError(exc.message(lang), lang) from None
    except FileNotFoundError as exc:
        raise CliError(msg("not-found", lang, path=exc.filename or exc), lang) from None
    except (OSError, ValueError, TypeError, ImportError) as exc:
        if os.environ.get("GOV_DISCLOSURE_DEBUG"):
            traceback.print_exc()
        message = getattr(exc, "to_text", None)
        text = message(lang) if callable(message) else str(exc)
        if isinstance(exc, OSError) and exc.strerror:
            text = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
        raise CliError(one_line(text) or type(exc).__name__, lang) from None
    except Exception as exc:
        if os.environ.get("GOV_DISCLOSURE_DEBUG"):
            traceback.print_exc()
        raise CliError(
            msg("internal", lang, kind=type(exc).__name__, error=one_line(str(exc))), lang
        ) from None


def exit_with(code: int) -> NoReturn:
    """End the subcommand with exit ``code``."""
    raise click.exceptions.Exit(code)


# ---------------------------------------------------------------------------------------------------------
# Options


def lang_option(func: F) -> F:
    """``--lang zh|en``, by default from ``GOV_DISCLOSURE_LANG`` (else zh)."""
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=default_lang,
        show_default="zh",
        help="Language of the messages (中文 zh / English en).",
    )(func)


def hint_options(func: F) -> F:
    """``--agency``, ``--year``, ``--kind``: metadata for published documents that do not state it."""
    func = click.option(
        "--kind",
        type=click.Choice([k.value for k in AgencyKind]),
        default=None,
        help="Agency kind for published documents that do not say.",
    )(func)
    func = click.option(
        "--year", type=int, default=None, help="Report year, for a document without a title."
    )(func)
    func = click.option("--agency", default=None, help="Agency name, for a document without a title.")(func)
    return func


def meta_option(func: F) -> F:
    """``--meta CSV``: each file's agency and year (and kind, region), by file name."""
    return click.option(
        "--meta",
        "meta_csv",
        type=click.Path(),
        default=None,
        metavar="CSV",
        help="元数据表：CSV 文件，列为 file（文件名或相对路径）、agency（机关名称）、year（年度），"
        "可加 kind、region；按文件给出机关和年度，优先于 --agency/--year。"
        " A CSV giving each file (by name or relative path) its agency and year, optionally kind and region;"
        " it wins over --agency/--year.",
    )(func)


def meta_table(path: str | None, lang: Lang) -> batch.MetaTable | None:
    """The metadata table of ``--meta``, its errors (naming the line) as a :class:`CliError`."""
    if path is None:
        return None
    with cli_errors(lang):
        return batch.read_meta(path)


def jobs_option(func: F) -> F:
    """``--jobs/-j N``: processes for a batch."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Processes to use (0: one per CPU).",
    )(func)


# ---------------------------------------------------------------------------------------------------------
# Inputs


def load_input(path: str, lang: Lang, **hints: Any) -> batch.Loaded:
    """Read one input (any format), its errors as a :class:`CliError`."""
    with cli_errors(lang):
        return batch.load(path, **{k: v for k, v in hints.items() if v is not None})


def collect_inputs(paths: Sequence[str], lang: Lang) -> list[Path]:
    """The input files of ``paths`` (folders expanded); a :class:`CliError` when there are none."""
    with cli_errors(lang):
        files = batch.collect(paths)
    if not files:
        raise CliError(msg("no-files", lang, paths=", ".join(paths)), lang)
    return files


def progress(n: int, label: str) -> Any:
    """A click progress bar on a terminal for long runs, else a no-op context."""
    if n >= _PROGRESS_MIN and sys.stderr.isatty():
        return click.progressbar(length=n, label=label, file=sys.stderr)
    return NoBar()


class NoBar:
    """The progress bar of a short run or of a run not on a terminal: shows nothing."""

    def __enter__(self) -> NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        """Nothing to show."""


# ---------------------------------------------------------------------------------------------------------
# Outputs


def write_output(report: Report, out: str, fmt: str, lang: Lang) -> None:
    """Write ``report`` as ``fmt`` to ``out`` (``-``: stdout, text formats only)."""
    with cli_errors(lang):
        data: str | bytes
        if fmt == "json":
            from ..codec import to_json

            data = to_json(report, indent=2) + "\n"
        elif fmt == "xlsx":
            from .. import workbook

            data = workbook.to_bytes(report)
        else:
            from ..renderers import render

            data = render(report, fmt)
        if out == "-":
            if isinstance(data, bytes):
                raise CliError(msg("binary-stdout", lang, fmt=fmt), lang)
            click.echo(data, nl=not data.endswith("\n"))
            return
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            Path(out).write_bytes(data)
        else:
            Path(out).write_text(data, encoding="utf-8")


def format_for(out: str, given: str | None, lang: Lang) -> str:
    """``given``, else the output format named by the extension of ``out``."""
    if given:
        return given
    ext = os.path.splitext(out)[1].lower()
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    raise CliError(msg("out-ext", lang, path=out, choices=", ".join(sorted(_BY_EXTENSION))), lang)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    """Align every column but the last (which runs to the end of the line)."""
    if not rows:
        return []
    n = len(rows[0])
    widths = [max(_width(r[i]) for r in rows) for i in range(n - 1)]
    return ["  ".join([*(_pad(r[i], widths[i]) for i in range(n - 1)), r[-1]]).rstrip() for r in rows]


def finding_table(findings: Sequence[Finding], lang: Lang) -> list[str]:
    """Findings as aligned lines under a header line: severity, code, location, message."""
    head = msg("header", lang).split("|")
    rows = [head] + [
        [f.severity.label(lang), f.code, f.location.describe(lang) or "—", f.message(lang)] for f in findings
    ]
    return _table(rows)


def print_results(
    results: Sequence[batch.FileResult],
    summary: batch.Summary,
    lang: Lang,
    *,
    quiet: bool,
    verbose: bool,
    single: bool,
    valid_word: str | None = None,
) -> None:
    """One file: its verdict and findings. Several: the files with errors, then the summary."""
    if single and not quiet:
        r = results[0]
        if r.status == "unreadable":
            click.echo(msg("unreadable", lang, file=r.file))
        else:
            click.echo(msg("file", lang, file=r.file, format=r.fmt))
            counts = {s: sum(1 for f in r.findings if f.severity is s and not f.waived) for s in Severity}
            waived = sum(1 for f in r.findings if f.waived)
            verdict = msg("verdict-valid" if r.status == "valid" else "verdict-errors", lang)
            counted = msg(
                "counts",
                lang,
                e=counts[Severity.ERROR],
                w=counts[Severity.WARNING],
                n=counts[Severity.NOTICE],
                x=waived,
            )
            click.echo(msg("verdict-counts", lang, verdict=verdict, counts=counted))
        if r.findings:
            click.echo("\n".join(finding_table(r.findings, lang)))
        elif r.status != "unreadable":
            click.echo(msg("no-findings", lang))
        return
    if not quiet:
        for r in results:
            if r.status == "valid" and not verbose:
                continue
            key = {"valid": "file", "errors": "with-errors", "unreadable": "unreadable"}[r.status]
            click.echo(msg(key, lang, file=r.file, format=r.fmt))
            shown = [
                f for f in r.findings if verbose or f.severity is Severity.ERROR or r.status == "unreadable"
            ]
            for line in finding_table(shown, lang)[1:]:
                click.echo("    " + line)
        click.echo("")
    click.echo(summary.to_text(lang, valid_word=valid_word))
