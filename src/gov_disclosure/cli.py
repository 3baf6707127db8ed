"""The ``gov-disclosure`` command: fill, check, render, parse, consolidate and compare annual reports.

Run ``gov-disclosure --help`` (or ``python -m gov_disclosure --help``) for the subcommands; ``docs/cli.md``
documents each one with examples. Messages are in Chinese by default; ``--lang en`` (or the environment
variable ``GOV_DISCLOSURE_LANG=en``) switches to English.

Exit codes: 0 when no input has an error, 1 when an input has errors (findings of severity error), 2 when an
input could not be read or the command was used wrongly. Errors are one line on stderr, never a traceback
(set ``GOV_DISCLOSURE_DEBUG=1`` to see the traceback of an unexpected error).

Requires click (``pip install 'gov-disclosure[cli]'``).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, NoReturn, TypeVar, cast

try:
    import click
except ModuleNotFoundError as _exc:  # pragma: no cover - depends on the environment
    raise ModuleNotFoundError(
        "the gov-disclosure command needs click: pip install 'gov-disclosure[cli]'", name="click"
    ) from _exc

from . import __version__, batch
from .findings import Lang
from .model import AgencyKind, Meta, Report

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])

#: Messages of the command itself: key -> (Chinese, English).
_T: Final[dict[str, tuple[str, str]]] = {
    "error": ("错误：", "Error: "),
    "internal": (
        "内部错误（{kind}）：{error}。请报告此问题；设置 GOV_DISCLOSURE_DEBUG=1 可查看详情",
        "internal error ({kind}): {error}. Please report it; set GOV_DISCLOSURE_DEBUG=1 for details",
    ),
    "waive": (
        "--waive 应写作 代码=理由 或 代码@位置=理由：{item}",
        "--waive must be CODE=REASON or CODE@LOCATION=REASON: {item}",
    ),
    "unknown-code": (
        "未知的问题代码：{code}（gov-disclosure 的问题代码见 docs/codes.md）",
        "unknown finding code: {code} (see docs/codes.md for the codes)",
    ),
    "not-found": ("找不到文件或文件夹：{path}", "no such file or folder: {path}"),
    "written": ("已写入 {path}", "Wrote {path}"),
    "exists": ("{path} 已存在；使用 --force 覆盖", "{path} exists; use --force to overwrite it"),
    "new-ext": (
        "输出文件的扩展名应为 .json 或 .xlsx：{path}",
        "the output file must end in .json or .xlsx: {path}",
    ),
    "out-ext": (
        "无法从扩展名判断输出格式：{path}（可用 {choices}）",
        "cannot tell the output format from {path} (use one of {choices})",
    ),
    "binary-stdout": (
        "{fmt} 是二进制格式，请用 -o 指定输出文件",
        "{fmt} is a binary format: give an output file with -o",
    ),
    "no-files": ("没有找到可读取的文件：{paths}", "no input files found in: {paths}"),
    "one-file": (
        "--previous 和 --units 只能用于检查单个文件",
        "--previous and --units can only be used when checking a single file",
    ),
    "parse-out-dir": (
        "解析多个文件时，-o 应为文件夹：{path}",
        "when parsing several files, -o must be a folder: {path}",
    ),
    "file": ("文件：{file}（{format}）", "File: {file} ({format})"),
    "verdict-valid": ("校验结果：通过", "Result: valid"),
    "verdict-errors": ("校验结果：有错误", "Result: errors"),
    "counts": (
        "错误 {e} 个，警告 {w} 个，提示 {n} 个，已豁免 {x} 个",
        "{e} error(s), {w} warning(s), {n} notice(s), {x} waived",
    ),
    "no-findings": ("未发现问题。", "No findings."),
    "unreadable": ("无法读取：{file}", "Unreadable: {file}"),
    "with-errors": ("有错误：{file}", "Errors: {file}"),
    "header": ("级别|代码|位置|说明", "Severity|Code|Location|Message"),
    "parsed": ("已解析", "parsed"),
    "findings-written": ("问题清单已写入 {path}（{n} 条）", "Wrote {n} finding(s) to {path}"),
    "included": ("汇总单位 {n} 个：{units}", "{n} unit(s) summed: {units}"),
    "demo-files": ("示例报告已生成在 {dir}：", "The example report was written to {dir}:"),
    "demo-check": ("示例报告的检查结果：", "Check of the example report:"),
    "demo-next": (
        "下一步：用 gov-disclosure check 检查你的报告，或用 gov-disclosure new 生成填报模板。",
        "Next: check your own report with gov-disclosure check, or get a template with gov-disclosure new.",
    ),
    "check-progress": ("检查中", "Checking"),
    "parse-progress": ("解析中", "Parsing"),
}

_RENDER_FORMATS: Final = ("text", "markdown", "html", "docx", "json", "xlsx")
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


def _t(lang: Lang, key: str, **args: Any) -> str:
    zh, en = _T[key]
    return (zh if lang == "zh" else en).format(**args)


def _default_lang() -> Lang:
    return "en" if os.environ.get("GOV_DISCLOSURE_LANG", "").lower().startswith("en") else "zh"


class CliError(click.ClickException):
    """An error shown as one line on stderr (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, lang: Lang = "zh") -> None:
        super().__init__(message)
        self.lang = lang

    def show(self, file: Any = None) -> None:
        """Print ``错误：message`` (or ``Error: message``) on stderr."""
        click.echo(_t(self.lang, "error") + self.format_message(), file=file or sys.stderr, err=True)


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[0] + (f" (+{len(lines) - 1})" if len(lines) > 1 else "")


@contextmanager
def _errors(lang: Lang) -> Iterator[None]:
    """Turn every exception into a one-line :class:`CliError` (exit 2)."""
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except batch.LoadError as exc:
        raise CliError(exc.message(lang), lang) from None
    except FileNotFoundError as exc:
        raise CliError(_t(lang, "not-found", path=exc.filename or exc), lang) from None
    except (OSError, ValueError, TypeError, ImportError) as exc:
        if os.environ.get("GOV_DISCLOSURE_DEBUG"):
            traceback.print_exc()
        message = getattr(exc, "to_text", None)
        text = message(lang) if callable(message) else str(exc)
        if isinstance(exc, OSError) and exc.strerror:
            text = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
        raise CliError(_one_line(text) or type(exc).__name__, lang) from None
    except Exception as exc:
        if os.environ.get("GOV_DISCLOSURE_DEBUG"):
            traceback.print_exc()
        raise CliError(
            _t(lang, "internal", kind=type(exc).__name__, error=_one_line(str(exc))), lang
        ) from None


def _lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=_default_lang,
        show_default="zh",
        help="Language of the messages (中文 zh / English en).",
    )(func)


def _hint_options(func: F) -> F:
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


def _jobs_option(func: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Processes to use (0: one per CPU).",
    )(func)


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


def _finding_table(findings: Sequence[dict[str, Any]], lang: Lang) -> list[str]:
    from .findings import Severity

    head = _t(lang, "header").split("|")
    rows = [head] + [
        [Severity(f["severity"]).label(lang), f["code"], f.get("where") or "—", f["message"]]
        for f in findings
    ]
    return _table(rows)


def _load(path: str, lang: Lang, **hints: Any) -> batch.Loaded:
    with _errors(lang):
        return batch.load(path, **{k: v for k, v in hints.items() if v is not None})


def _collect(paths: Sequence[str], lang: Lang) -> list[Path]:
    with _errors(lang):
        files = batch.collect(paths)
    if not files:
        raise CliError(_t(lang, "no-files", paths=", ".join(paths)), lang)
    return files


def _progress(n: int, label: str) -> Any:
    """A click progress bar on a terminal for long runs, else a no-op context."""
    if n >= _PROGRESS_MIN and sys.stderr.isatty():
        return click.progressbar(length=n, label=label, file=sys.stderr)
    return _NoBar()


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        """Nothing to show."""


def _write_output(report: Report, out: str, fmt: str, lang: Lang) -> None:
    """Write ``report`` as ``fmt`` to ``out`` (``-``: stdout, text formats only)."""
    with _errors(lang):
        data: str | bytes
        if fmt == "json":
            from .codec import to_json

            data = to_json(report, indent=2) + "\n"
        elif fmt == "xlsx":
            from . import workbook

            data = workbook.to_bytes(report)
        else:
            from .renderers import render

            data = render(report, fmt)
        if out == "-":
            if isinstance(data, bytes):
                raise CliError(_t(lang, "binary-stdout", fmt=fmt), lang)
            click.echo(data, nl=not data.endswith("\n"))
            return
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            Path(out).write_bytes(data)
        else:
            Path(out).write_text(data, encoding="utf-8")


def _format_for(out: str, given: str | None, lang: Lang) -> str:
    if given:
        return given
    ext = os.path.splitext(out)[1].lower()
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    raise CliError(_t(lang, "out-ext", path=out, choices=", ".join(sorted(_BY_EXTENSION))), lang)


def _exit(code: int) -> NoReturn:
    raise click.exceptions.Exit(code)


# ---------------------------------------------------------------------------------------------------------
# The command group


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="gov-disclosure")
def cli() -> None:
    """政府信息公开工作年度报告：填报、检查、生成、解析、汇总、比较。

    Annual reports on government information disclosure (2021 format): fill, check, render, parse,
    consolidate and compare. Messages in Chinese by default; --lang en for English.
    """


@cli.command()
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
@_lang_option
def new(agency: str, year: int, kind: str, out: str, force: bool, lang: Lang) -> None:
    """Write a blank report: JSON, or the XLSX template to fill in (by the output's extension)."""
    ext = os.path.splitext(out)[1].lower()
    if ext not in (".json", ".xlsx"):
        raise CliError(_t(lang, "new-ext", path=out), lang)
    if os.path.exists(out) and not force:
        raise CliError(_t(lang, "exists", path=out), lang)
    with _errors(lang):
        report = Report(meta=Meta(agency=agency, year=year, kind=AgencyKind(kind)))
    _write_output(report, out, ext[1:], lang)
    click.echo(_t(lang, "written", path=out))


@cli.command()
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
@_jobs_option
@_hint_options
@_lang_option
def check(
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
    lang: Lang,
) -> None:
    """Check reports (files or folders, any supported format) and print the findings.

    Exit code: 0 no errors, 1 errors, 2 an input could not be read.
    """
    paths = _collect(list(files), lang)
    waivers = _waivers(waive, lang)
    for code in ignore:
        _known_code(code, lang)
    prev_report = None
    unit_reports = None
    if previous or units:
        if len(paths) != 1:
            raise CliError(_t(lang, "one-file"), lang)
        if previous:
            prev_report = _load(previous, lang).report
        if units:
            unit_reports = [_load(os.fspath(u), lang).report for u in _collect(list(units), lang)]
    with _progress(len(paths), _t(lang, "check-progress")) as bar, _errors(lang):
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
            progress=bar.update,
        )
    summary = batch.Summary.of(results)
    if findings_out:
        with _errors(lang):
            batch.write_findings(results, findings_out)
    if as_json:
        payload = {
            "summary": summary.to_dict(),
            "files": [
                {
                    "file": r.file,
                    "status": r.status,
                    "valid": r.valid,
                    "format": r.format,
                    "findings": [{k: v for k, v in f.items() if k != "file"} for f in r.findings],
                }
                for r in results
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print_results(results, summary, lang, quiet=quiet, verbose=verbose, single=len(results) == 1)
    if findings_out and not as_json and not quiet:
        n = sum(len(r.findings) for r in results)
        click.echo(_t(lang, "findings-written", path=findings_out, n=n), err=True)
    _exit(summary.exit_code)


def _waivers(items: Sequence[str], lang: Lang) -> dict[Any, str]:
    """``CODE=REASON`` or ``CODE@LOCATION=REASON`` options as ``check(waive=...)``."""
    out: dict[Any, str] = {}
    for item in items:
        key, sep, reason = item.partition("=")
        if not sep or not key.strip() or not reason.strip():
            raise CliError(_t(lang, "waive", item=item), lang)
        code, at, location = key.strip().partition("@")
        _known_code(code, lang)
        out[(code, location) if at else code] = reason.strip()
    return out


def _known_code(code: str, lang: Lang) -> None:
    """A usage error unless ``code`` is a finding code or a prefix of some (``t3``, ``t3.``)."""
    from .findings import catalogue

    prefix = code.rstrip(".")
    if not any(c == prefix or c.startswith(prefix + ".") for c in catalogue()):
        raise CliError(_t(lang, "unknown-code", code=code), lang)


def _print_results(
    results: Sequence[batch.FileResult],
    summary: batch.Summary,
    lang: Lang,
    *,
    quiet: bool,
    verbose: bool,
    single: bool,
    valid_word: str | None = None,
) -> None:
    if single and not quiet:
        r = results[0]
        if r.status == "unreadable":
            click.echo(_t(lang, "unreadable", file=r.file))
        else:
            click.echo(_t(lang, "file", file=r.file, format=r.format))
            counts = {
                s: sum(1 for f in r.findings if f["severity"] == s and not f.get("waived"))
                for s in ("error", "warning", "notice")
            }
            waived = sum(1 for f in r.findings if f.get("waived"))
            verdict = _t(lang, "verdict-valid" if r.valid else "verdict-errors")
            sep = "（" if lang == "zh" else " ("
            end = "）" if lang == "zh" else ")"
            click.echo(
                verdict
                + sep
                + _t(lang, "counts", e=counts["error"], w=counts["warning"], n=counts["notice"], x=waived)
                + end
            )
        if r.findings:
            click.echo("\n".join(_finding_table(r.findings, lang)))
        elif r.status != "unreadable":
            click.echo(_t(lang, "no-findings"))
        return
    if not quiet:
        for r in results:
            if r.status == "valid" and not verbose:
                continue
            key = {"valid": "file", "errors": "with-errors", "unreadable": "unreadable"}[r.status]
            click.echo(_t(lang, key, file=r.file, format=r.format))
            shown = [f for f in r.findings if verbose or f["severity"] == "error" or r.status == "unreadable"]
            for line in _finding_table(shown, lang)[1:]:
                click.echo("    " + line)
        click.echo("")
    click.echo(summary.to_text(lang, valid_word=valid_word))


@cli.command()
@click.argument("file", type=click.Path())
@click.option(
    "--to",
    "fmt",
    type=click.Choice(_RENDER_FORMATS),
    default=None,
    help="Output format (default: from the output file's extension; text on stdout).",
)
@click.option("-o", "--output", "out", default="-", show_default=True, help="Output file (- for stdout).")
@_hint_options
@_lang_option
def render(
    file: str, fmt: str | None, out: str, agency: str | None, year: int | None, kind: str | None, lang: Lang
) -> None:
    """Render a report in the official layout: text, markdown, html or docx (also json, xlsx)."""
    if fmt is None:
        fmt = "text" if out == "-" else _format_for(out, None, lang)
    loaded = _load(file, lang, agency=agency, year=year, kind=kind)
    _write_output(loaded.report, out, fmt, lang)
    if out != "-":
        click.echo(_t(lang, "written", path=out), err=True)


@cli.command()
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
@_jobs_option
@_hint_options
@_lang_option
def parse(
    files: tuple[str, ...],
    out: str | None,
    keys: str,
    findings_out: str | None,
    quiet: bool,
    jobs: int,
    agency: str | None,
    year: int | None,
    kind: str | None,
    lang: Lang,
) -> None:
    """Read published reports (html, txt, md, docx, pdf; also xlsx, json) into JSON.

    Exit code: 0 every input read, 1 an input read with errors, 2 an input could not be read.
    """
    paths = _collect(list(files), lang)
    many = len(paths) > 1 or any(Path(f).is_dir() for f in files)
    hints = {"agency": agency, "year": year, "kind": kind}
    if not many:
        loaded = _load(os.fspath(paths[0]), lang, **hints)
        from .codec import to_json

        with _errors(lang):
            text = to_json(loaded.report, keys=cast(Any, keys), indent=2) + "\n"
            if out is None or out == "-":
                click.echo(text, nl=False)
            else:
                target = Path(out)
                if target.is_dir():
                    target = target / (paths[0].stem + ".json")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        result = batch.FileResult(
            file=os.fspath(paths[0]),
            status="errors" if any(f.severity.value == "error" for f in loaded.findings) else "valid",
            format=loaded.format,
            findings=batch.finding_dicts(os.fspath(paths[0]), loaded.findings, lang),
        )
        if findings_out:
            with _errors(lang):
                batch.write_findings([result], findings_out)
        if result.findings and not quiet:
            click.echo("\n".join(_finding_table(result.findings, lang)), err=True)
        _exit(batch.Summary.of([result]).exit_code)
    if out is None or (os.path.exists(out) and not os.path.isdir(out)) or out.lower().endswith(".json"):
        raise CliError(_t(lang, "parse-out-dir", path=out or "-"), lang)
    roots = [Path(f) for f in files]
    with _errors(lang):
        outputs = batch.output_paths(paths, roots, Path(out))
    with _progress(len(paths), _t(lang, "parse-progress")) as bar, _errors(lang):
        results = batch.parse_files(
            paths,
            outputs,
            jobs=jobs,
            lang=lang,
            keys=cast(Any, keys),
            agency=agency,
            year=year,
            kind=kind,
            progress=bar.update,
        )
    summary = batch.Summary.of(results)
    if findings_out:
        with _errors(lang):
            batch.write_findings(results, findings_out)
    _print_results(
        results, summary, lang, quiet=quiet, verbose=False, single=False, valid_word=_t(lang, "parsed")
    )
    _exit(summary.exit_code)


@cli.command()
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
@_lang_option
def consolidate(
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
    fmt = _format_for(out, None, lang)
    target = os.path.realpath(out)
    # The output itself, left in a units' folder by an earlier run, is not a unit.
    paths = [p for p in _collect(list(files), lang) if os.path.realpath(p) != target]
    results = [_try_load(os.fspath(p)) for p in paths]
    failures = [r for r in results if isinstance(r, batch.LoadError | OSError)]
    for failure in failures:
        text = failure.message(lang) if isinstance(failure, batch.LoadError) else str(failure)
        click.echo(_t(lang, "error") + _one_line(text), err=True)
    if failures:
        _exit(2)
    loaded = [(p, r) for p, r in zip(paths, results, strict=True) if isinstance(r, batch.Loaded)]
    reports = [r.report for _, r in loaded]
    # What reading found (a cell that could not be read is blank in the sum): shown, and its errors count.
    reading = [(p, f) for p, r in loaded for f in r.findings if f.waived is None]
    for p, f in reading:
        click.echo(f"[{f.severity.label(lang)}] {f.code} ({os.fspath(p)}): {f.message(lang)}")
    with _errors(lang):
        from .consolidation import consolidate as run

        result = run(
            reports,
            agency=agency,
            year=year,
            kind=AgencyKind(kind),
            expected=list(expected) or None,
            narrative=narrative,
        )
    _write_output(result.report, out, fmt, lang)
    click.echo(_t(lang, "included", n=len(result.included), units="、".join(result.included) or "—"))
    for f in result.findings():
        click.echo(f"[{f.severity.label(lang)}] {f.code}: {f.message(lang)}")
    click.echo(_t(lang, "written", path=out))
    # A unit with errors (unreadable cells, tables that break the rules) makes the sum doubtful: exit 1.
    errors = any(f.severity.value == "error" for _, f in reading) or bool(result.flagged)
    _exit(1 if errors else 0)


def _try_load(path: str) -> batch.Loaded | batch.LoadError | OSError:
    try:
        return batch.load(path)
    except (batch.LoadError, OSError) as exc:
        return exc


@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new_", metavar="NEW", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@_lang_option
def compare(old: str, new_: str, as_json: bool, lang: Lang) -> None:
    """Compare last year's report (OLD) with this year's (NEW): cross-year rules and the changes.

    Exit code: 0 no errors, 1 a cross-year error (e.g. carry-over mismatch), 2 unreadable or not comparable.
    """
    previous = _load(old, lang).report
    current = _load(new_, lang).report
    with _errors(lang):
        from .comparison import compare as run

        result = run(previous, current)
    if as_json:
        click.echo(result.to_json(lang))
    else:
        click.echo(result.to_text(lang), nl=False)
    _exit(1 if any(f.severity.value == "error" and f.waived is None for f in result.findings) else 0)


@cli.command()
@click.option("--keys", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="JSON keys.")
@click.option("-o", "--output", "out", default="-", show_default=True, help="Output file (- for stdout).")
@_lang_option
def schema(keys: str, out: str, lang: Lang) -> None:
    """Print the JSON Schema of the report document."""
    with _errors(lang):
        from .codec import json_schema

        text = json.dumps(json_schema(cast(Any, keys)), ensure_ascii=False, indent=2) + "\n"
        if out == "-":
            click.echo(text, nl=False)
        else:
            Path(out).write_text(text, encoding="utf-8")
            click.echo(_t(lang, "written", path=out), err=True)


@cli.command()
@click.option(
    "--out",
    "out_dir",
    default="gov-disclosure-demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder to write the example into.",
)
@_lang_option
def demo(out_dir: str, lang: Lang) -> None:
    """Render the bundled example (乃东区 2024) to HTML, DOCX, JSON and XLSX, and print its check."""
    from .examples import naidong_2024

    report = naidong_2024()
    folder = Path(out_dir)
    with _errors(lang):
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, ext in (("html", "html"), ("docx", "docx"), ("json", "json"), ("xlsx", "xlsx")):
        path = folder / f"naidong-2024.{ext}"
        _write_output(report, os.fspath(path), fmt, lang)
        written.append(path)
    click.echo(_t(lang, "demo-files", dir=os.fspath(folder)))
    for path in written:
        click.echo(f"  {os.fspath(path)}")
    click.echo("")
    click.echo(_t(lang, "demo-check"))
    results = batch.check_files([written[2]], lang=lang)
    _print_results(results, batch.Summary.of(results), lang, quiet=False, verbose=False, single=True)
    click.echo("")
    click.echo(_t(lang, "demo-next"))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``gov-disclosure`` command (and ``python -m gov_disclosure``)."""
    lang = _default_lang()
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="gov-disclosure")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo(_t(lang, "error") + ("已中断" if lang == "zh" else "interrupted"), err=True)
        sys.exit(130)
