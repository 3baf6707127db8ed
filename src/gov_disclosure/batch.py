"""Work on many files at once: :func:`load` reads any supported input into a report, :func:`check_files` and
:func:`parse_files` process many files (in several processes with ``jobs > 1``), each giving a
:class:`FileResult`; :class:`Summary` counts them and :func:`write_findings` writes the findings as CSV or
JSON. See ``docs/cli.md``.
"""

from __future__ import annotations

import csv
import enum
import errno
import io
import json
import os
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal

from attrs import field, frozen

from .findings import Finding, FindingsError, Lang, Location, Result, Severity, define, make
from .model import AgencyKind, Report

__all__ = [
    "EXTENSIONS",
    "FINDING_COLUMNS",
    "FileResult",
    "FileStatus",
    "LoadError",
    "Loaded",
    "Summary",
    "check_files",
    "collect",
    "detect_format",
    "finding_dicts",
    "finding_rows",
    "load",
    "output_paths",
    "parse_files",
    "write_findings",
]

#: File extensions read as inputs, and the format each one means.
EXTENSIONS: Final[Mapping[str, str]] = {
    ".json": "json",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".pdf": "pdf",
}

define(
    "input.unreadable",
    Severity.ERROR,
    title_zh="无法读取文件",
    title_en="File cannot be read",
    template_zh="无法读取文件：{error}",
    template_en="The file cannot be read: {error}",
    basis="docs/cli.md",
)
define(
    "input.format",
    Severity.ERROR,
    title_zh="无法识别的文件格式",
    title_en="Unrecognised file format",
    template_zh="无法识别文件格式（支持 {supported}）",
    template_en="Unrecognised file format (supported: {supported})",
    basis="docs/cli.md",
)
define(
    "input.json",
    Severity.ERROR,
    title_zh="JSON 文档有误",
    title_en="Invalid JSON report document",
    template_zh="JSON 文档 {path}：{error}",
    template_en="JSON document at {path}: {error}",
    basis="docs/codec.md",
)


class FileStatus(enum.StrEnum):
    """The outcome for one file: read with no error, read with errors, or not read at all."""

    VALID = "valid"
    ERRORS = "errors"
    UNREADABLE = "unreadable"


class LoadError(FindingsError):
    """A file that could not become a report; ``findings`` says why (``input.*``, ``xlsx.*``, ``parse.*``).

    :meth:`message` is one line (the first error and how many more); ``str()`` lists the errors.
    """

    def __init__(self, path: str | os.PathLike[str], findings: Sequence[Finding]) -> None:
        self.path = os.fspath(path)
        super().__init__(findings, subject=self.path)
        self.findings = tuple(findings)  # in the order found (the message lists the errors first)

    def message(self, lang: Lang = "zh") -> str:
        """One line: the file, the first error with its code, and how many more there are."""
        errors = [f for f in self.findings if f.severity is Severity.ERROR] or list(self.findings)
        first = f"{errors[0].message(lang)} [{errors[0].code}]" if errors else ""
        more = len(errors) - 1
        if more > 0:
            first += f"（另有 {more} 处错误）" if lang == "zh" else f" (and {more} more error(s))"
        return f"{self.path}: {first}"


@frozen(kw_only=True)
class Loaded:
    """A report read from a file, with what reading it found."""

    report: Report
    #: ``"json"``, ``"xlsx"``, ``"html"``, ``"text"``, ``"markdown"``, ``"docx"`` or ``"pdf"``.
    fmt: str
    #: Findings of reading (``xlsx.*`` warnings, ``parse.*`` findings).
    findings: tuple[Finding, ...] = ()
    #: The section headings a parser found (:class:`gov_disclosure.checks.StructureInfo`), for ``check``.
    structure: Any = None


def detect_format(path: str | os.PathLike[str], head: bytes | None = None) -> str | None:
    """The format of a file: by its extension, else by its first bytes; ``None`` when unknown."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        return None
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # binary, and not UTF-16 text with a byte-order mark
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        return "json"
    if not text:
        return None
    from .parsers import guess_format

    return guess_format(head)


def _json_findings(exc: Exception) -> list[Finding]:
    errors = getattr(exc, "errors", None)
    if isinstance(errors, list) and errors:
        return [
            make("input.json", location=Location(path=str(p)), path=str(p), error=str(m)) for p, m in errors
        ]
    return [make("input.json", location=Location(path="$"), path="$", error=str(exc))]


def load(
    path: str | os.PathLike[str],
    *,
    agency: str | None = None,
    year: int | None = None,
    kind: AgencyKind | str | None = None,
) -> Loaded:
    """Read one file into a report, whatever its format (see the module docstring).

    ``agency``, ``year`` and ``kind`` are passed to :func:`gov_disclosure.parsers` for published documents
    (for a document without a title line); JSON and XLSX inputs carry their own metadata.

    Raises:
        LoadError: the file is not a report (its findings say why, with locations).
        FileNotFoundError, IsADirectoryError, PermissionError: the path cannot be opened.
    """
    p = Path(path)
    data: bytes | None = None
    if p.suffix.lower() == ".json":
        data = p.read_bytes()
        head = data[:8192]
    else:
        with p.open("rb") as fh:
            head = fh.read(8192)
    fmt = detect_format(p, head)
    if fmt is None:
        supported = " ".join(sorted(set(EXTENSIONS)))
        raise LoadError(p, [make("input.format", supported=supported)])
    if fmt == "json":
        from .codec import CodecError, read_json

        try:
            report = read_json(data if data is not None else p.read_bytes(), _json_keys)
        except CodecError as exc:
            raise LoadError(p, _json_findings(exc)) from None
        return Loaded(report=report, fmt="json")
    if fmt == "xlsx":
        from . import workbook

        result = workbook.read_result(p)
        if result.report is None:
            raise LoadError(p, result.findings)
        return Loaded(report=result.report, fmt="xlsx", findings=result.findings)
    from .parsers import parse

    parsed = parse(p, fmt, agency=agency, year=year, kind=kind)
    if parsed.report is None:
        findings = parsed.findings or (make("input.unreadable", error="no report found"),)
        raise LoadError(p, findings)
    return Loaded(report=parsed.report, fmt=fmt, findings=parsed.findings, structure=parsed.structure)


def _json_keys(document: Any) -> Literal["en", "zh"]:
    """The key language of a parsed JSON report: Chinese when it has no ``meta`` and a top-level key in
    Chinese characters."""
    no_meta = isinstance(document, dict) and "meta" not in document
    if no_meta and any("\u4e00" <= ch <= "\u9fff" for key in document for ch in str(key)):
        return "zh"
    return "en"


def collect(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files named, with folders expanded recursively to the files of a known extension (sorted).

    Named files are kept whatever their extension (their content decides); hidden files and folders
    (starting with ``.``) inside folders are skipped. Raises :class:`FileNotFoundError` for a missing path.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = [
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in EXTENSIONS
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ]
            items = sorted(found)
        elif p.exists():
            items = [p]
        else:
            raise FileNotFoundError(errno.ENOENT, "no such file or folder", os.fspath(p))
        for f in items:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


# ---------------------------------------------------------------------------------------------------------
# Results


@frozen(kw_only=True)
class FileResult(Result):
    """The outcome for one file of a batch: its findings (of reading and checking) and its status.

    ``ok`` is true when no unwaived error was found (``status == "valid"``); the renderings of
    :class:`~gov_disclosure.findings.Result` add the file, its format and its status.
    """

    file: str
    #: ``"valid"`` (no error), ``"errors"`` (read, with errors) or ``"unreadable"`` (a string is converted).
    status: FileStatus = field(converter=FileStatus)
    #: The format the file was read as (see :data:`EXTENSIONS`); ``None`` when unreadable.
    fmt: str | None = None
    #: Every finding of reading and checking the file, waived ones included.
    findings: tuple[Finding, ...] = ()
    #: The file written (``parse``), if any.
    output: str | None = None
    #: The language of the messages in :func:`finding_rows` and :func:`write_findings`.
    lang: Lang = "zh"

    @property
    def ok(self) -> bool:
        """True when the file was read and has no unwaived error finding (``status == "valid"``)."""
        return self.status is FileStatus.VALID

    def _summary_lines(self, lang: Lang) -> list[str]:
        fmt = f"（{self.fmt}）" if lang == "zh" else f" ({self.fmt})"
        return [("文件：" if lang == "zh" else "File: ") + self.file + (fmt if self.fmt else "")]

    def _dict_extra(self, lang: Lang) -> dict[str, Any]:
        return {"file": self.file, "status": self.status.value, "fmt": self.fmt, "output": self.output}


def finding_dicts(file: str, findings: Iterable[Finding], lang: Lang = "zh") -> tuple[dict[str, Any], ...]:
    """Findings as plain JSON-ready dicts: :meth:`Finding.to_dict` plus ``file``, ``location_key`` and
    ``where`` (the location as a reader names it)."""
    out = []
    for f in findings:
        row = f.to_dict(lang)
        row["file"] = file
        row["location_key"] = f.location.key()
        row["where"] = f.location.describe(lang)
        out.append(row)
    return tuple(out)


def _has_error(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR and f.waived is None for f in findings)


def _failure(file: str, exc: BaseException, lang: Lang) -> FileResult:
    if isinstance(exc, LoadError):
        return FileResult(file=file, status=FileStatus.UNREADABLE, findings=exc.findings, lang=lang)
    error = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
    finding = make("input.unreadable", error=f"{type(exc).__name__}: {error}")
    return FileResult(file=file, status=FileStatus.UNREADABLE, findings=(finding,), lang=lang)


@frozen(kw_only=True)
class _Task:
    file: str
    lang: Lang = "zh"
    hints: Mapping[str, Any] = field(factory=dict)
    output: str | None = None
    keys: Literal["en", "zh"] = "en"
    previous: Report | None = None
    units: tuple[Report, ...] | None = None
    waive: Mapping[Any, str] | None = None
    ignore: tuple[str, ...] = ()


def _check_task(task: _Task) -> FileResult:
    try:
        loaded = load(task.file, **task.hints)
    except Exception as exc:  # one broken file never stops the batch
        return _failure(task.file, exc, task.lang)
    try:
        from .checks import check

        result = check(
            loaded.report,
            previous=task.previous,
            units=task.units,
            waive=task.waive,
            ignore=task.ignore or None,
            structure=loaded.structure,
        )
    except Exception as exc:  # misuse (e.g. an unknown waiver code) is reported, not raised, in a batch
        return _failure(task.file, exc, task.lang)
    findings = (*loaded.findings, *result.findings)
    status = FileStatus.ERRORS if _has_error(findings) else FileStatus.VALID
    return FileResult(file=task.file, status=status, fmt=loaded.fmt, findings=findings, lang=task.lang)


def _parse_task(task: _Task) -> FileResult:
    try:
        loaded = load(task.file, **task.hints)
        from .codec import to_json

        assert task.output is not None
        out = Path(task.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_json(loaded.report, keys=task.keys, indent=2) + "\n", encoding="utf-8")
    except Exception as exc:  # one broken file never stops the batch
        return _failure(task.file, exc, task.lang)
    status = FileStatus.ERRORS if _has_error(loaded.findings) else FileStatus.VALID
    return FileResult(
        file=task.file,
        status=status,
        fmt=loaded.fmt,
        findings=loaded.findings,
        output=os.fspath(out),
        lang=task.lang,
    )


Progress = Callable[[int], None]


def _run(
    func: Callable[[_Task], FileResult], tasks: Sequence[_Task], jobs: int, progress: Progress | None
) -> list[FileResult]:
    jobs = (os.cpu_count() or 1) if jobs <= 0 else jobs
    if jobs == 1 or len(tasks) < 2:
        out = []
        for t in tasks:
            out.append(func(t))
            if progress is not None:
                progress(1)
        return out
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(tasks) // (jobs * 8)))
    results = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        for r in pool.map(func, tasks, chunksize=chunk):
            results.append(r)
            if progress is not None:
                progress(1)
    return results


def check_files(
    files: Sequence[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    lang: Lang = "zh",
    previous: Report | None = None,
    units: Sequence[Report] | None = None,
    waive: Mapping[Any, str] | None = None,
    ignore: Sequence[str] = (),
    agency: str | None = None,
    year: int | None = None,
    kind: AgencyKind | str | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Read and check every file (see :func:`load` and :func:`gov_disclosure.check`), in input order.

    Args:
        files: the files (see :func:`collect` to expand folders).
        jobs: number of processes (``0``: one per CPU); ``1`` runs in this process.
        lang: language of the findings' messages.
        previous, units, waive, ignore: passed to :func:`gov_disclosure.check` for every file.
        agency, year, kind: metadata hints for published documents (see :func:`load`).
        progress: called with ``1`` after each file (e.g. a progress bar's ``update``).
    """
    hints = {k: v for k, v in (("agency", agency), ("year", year), ("kind", kind)) if v is not None}
    tasks = [
        _Task(
            file=os.fspath(f),
            lang=lang,
            hints=hints,
            previous=previous,
            units=tuple(units) if units is not None else None,
            waive=waive,
            ignore=tuple(ignore),
        )
        for f in files
    ]
    return _run(_check_task, tasks, jobs, progress)


def output_paths(files: Sequence[Path], roots: Sequence[Path], out_dir: Path) -> list[Path]:
    """Where :func:`parse_files` writes each file's JSON: its path below its input folder, as ``.json``.

    Two inputs that would give the same name (``a.html`` and ``a.txt``) keep their extension
    (``a.html.json``, ``a.txt.json``).
    """
    rel: list[Path] = []
    for f in files:
        base = next((r for r in roots if r.is_dir() and _is_below(f, r)), None)
        rel.append(f.relative_to(base) if base is not None else Path(f.name))
    plain = [r.with_suffix(".json") for r in rel]
    counts = Counter(plain)
    return [
        out_dir / (p if counts[p] == 1 else r.with_name(r.name + ".json"))
        for p, r in zip(plain, rel, strict=True)
    ]


def _is_below(f: Path, root: Path) -> bool:
    try:
        f.relative_to(root)
    except ValueError:
        return False
    return True


def parse_files(
    files: Sequence[str | os.PathLike[str]],
    outputs: Sequence[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    lang: Lang = "zh",
    keys: Literal["en", "zh"] = "en",
    agency: str | None = None,
    year: int | None = None,
    kind: AgencyKind | str | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Read every file and write its report as JSON to the matching output path, in input order.

    A file that cannot be read gets no output; its :class:`FileResult` says why.
    """
    if len(files) != len(outputs):
        raise ValueError("parse_files: one output path per input file is needed")
    hints = {k: v for k, v in (("agency", agency), ("year", year), ("kind", kind)) if v is not None}
    tasks = [
        _Task(file=os.fspath(f), lang=lang, hints=hints, output=os.fspath(o), keys=keys)
        for f, o in zip(files, outputs, strict=True)
    ]
    return _run(_parse_task, tasks, jobs, progress)


# ---------------------------------------------------------------------------------------------------------
# Summary and output


@frozen(kw_only=True)
class Summary:
    """Counts over a batch: files, valid, with errors, unreadable, and findings by code and severity."""

    files: int
    valid: int
    with_errors: int
    unreadable: int
    #: Number of (unwaived) findings per code, most frequent first.
    by_code: Mapping[str, int]
    by_severity: Mapping[str, int]

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> Summary:
        """Count the results."""
        results = list(results)
        codes: Counter[str] = Counter()
        severities: Counter[str] = Counter()
        for r in results:
            for f in r.findings:
                if f.waived is None:
                    codes[f.code] += 1
                    severities[f.severity.value] += 1
        return cls(
            files=len(results),
            valid=sum(r.status is FileStatus.VALID for r in results),
            with_errors=sum(r.status is FileStatus.ERRORS for r in results),
            unreadable=sum(r.status is FileStatus.UNREADABLE for r in results),
            by_code=dict(sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))),
            by_severity={s.value: severities[s.value] for s in Severity},
        )

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read, else 1 when a file has errors, else 0."""
        if self.unreadable:
            return 2
        return 1 if self.with_errors else 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the counts."""
        return {
            "files": self.files,
            "valid": self.valid,
            "with_errors": self.with_errors,
            "unreadable": self.unreadable,
            "by_severity": dict(self.by_severity),
            "by_code": dict(self.by_code),
        }

    def to_text(self, lang: Lang = "zh", *, valid_word: str | None = None) -> str:
        """Two or three lines: the file counts, then findings by severity and by code."""
        if lang == "zh":
            ok = valid_word or "通过"
            lines = [
                f"共 {self.files} 个文件：{ok} {self.valid}，"
                f"有错误 {self.with_errors}，无法读取 {self.unreadable}"
            ]
            sev = "，".join(f"{Severity(k).label('zh')} {v}" for k, v in self.by_severity.items())
            lines.append(f"发现问题：{sev}")
            if self.by_code:
                lines.append("按代码：" + "，".join(f"{c} {n}" for c, n in self.by_code.items()))
        else:
            ok = valid_word or "valid"
            lines = [
                f"{self.files} file(s): {self.valid} {ok}, {self.with_errors} with errors, "
                f"{self.unreadable} unreadable"
            ]
            lines.append("Findings: " + ", ".join(f"{v} {k}(s)" for k, v in self.by_severity.items()))
            if self.by_code:
                lines.append("By code: " + ", ".join(f"{c} {n}" for c, n in self.by_code.items()))
        return "\n".join(lines)


#: Columns of :func:`write_findings`.
FINDING_COLUMNS: Final = ("file", "code", "severity", "location", "where", "message", "waived")


def finding_rows(results: Iterable[FileResult]) -> list[dict[str, Any]]:
    """One flat row per finding: file, code, severity, location (key), where (readable), message, waived."""
    return [
        {
            "file": r.file,
            "code": f.code,
            "severity": f.severity.value,
            "location": f.location.key(),
            "where": f.location.describe(r.lang),
            "message": f.message(r.lang),
            "waived": f.waived,
        }
        for r in results
        for f in r.findings
    ]


def write_findings(results: Iterable[FileResult], path: str | os.PathLike[str]) -> None:
    """Write one row per finding to ``path``: CSV (``.csv``, UTF-8 with BOM for Excel) or JSON (``.json``).

    Raises :class:`ValueError` for another extension.
    """
    rows = finding_rows(results)
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext == ".json":
        Path(path).write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif ext == ".csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FINDING_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
        Path(path).write_text(buf.getvalue(), encoding="utf-8-sig")
    else:
        raise ValueError(f"findings output must end in .csv or .json, got {os.fspath(path)!r}")
