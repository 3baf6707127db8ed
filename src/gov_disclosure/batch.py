"""Work on many files at once: :func:`load` reads any supported input into a report, :func:`check_files` and
:func:`parse_files` process many files (in several processes with ``jobs > 1``), each giving a
:class:`FileResult`; :class:`Summary` counts them and :func:`write_findings` writes the findings as CSV or
JSON. :func:`read_meta` reads the table that gives each file its agency and year (``--meta``). See
``docs/cli.md``.
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

from .findings import (
    Finding,
    FindingsError,
    GovDisclosureError,
    Lang,
    Location,
    Result,
    Severity,
    define,
    make,
)
from .model import MAX_YEAR, MIN_YEAR, AgencyKind, Report

__all__ = [
    "EXTENSIONS",
    "FINDING_COLUMNS",
    "META_COLUMNS",
    "FileResult",
    "FileStatus",
    "LoadError",
    "Loaded",
    "MetaTable",
    "MetaTableError",
    "Parsed",
    "Summary",
    "check_files",
    "collect",
    "detect_format",
    "file_hints",
    "finding_dicts",
    "finding_rows",
    "load",
    "match_meta",
    "output_paths",
    "parse_files",
    "read_document",
    "read_meta",
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
    "input.meta-absent",
    Severity.ERROR,
    title_zh="元数据表所列文件不存在",
    title_en="File listed in the metadata table not found",
    template_zh="元数据表 {table} 第{line}行列出的文件不存在：{file}",
    template_en="The file {file} listed on line {line} of the metadata table {table} does not exist",
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

    :meth:`message` is one line (the first error and how many more); ``str()`` lists the errors. For a
    published document, ``result`` is the :class:`~gov_disclosure.parsers.ParseResult`: when only the agency
    or the year was missing, its ``draft`` holds every cell and paragraph read.
    """

    def __init__(
        self, path: str | os.PathLike[str], findings: Sequence[Finding], *, result: Result | None = None
    ) -> None:
        self.path = os.fspath(path)
        super().__init__(findings, subject=self.path, result=result)
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
    region: str | None = None,
) -> Loaded:
    """Read one file into a report, whatever its format (see the module docstring).

    ``agency``, ``year``, ``kind`` and ``region`` are passed to :func:`gov_disclosure.parsers` for published
    documents (for a document without a title line); JSON and XLSX inputs carry their own metadata.

    Raises:
        LoadError: the file is not a report (its findings say why, with locations; its ``result`` is the
            parse result of a published document, with the draft of what was read).
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

    parsed = parse(p, fmt, agency=agency, year=year, kind=kind, region=region)
    if parsed.report is None:
        findings = parsed.findings or (make("input.unreadable", error="no report found"),)
        raise LoadError(p, findings, result=parsed)
    return Loaded(report=parsed.report, fmt=fmt, findings=parsed.findings, structure=parsed.structure)


@frozen(kw_only=True)
class Parsed:
    """A file read into its report document (:func:`read_document`)."""

    #: The report document (:func:`gov_disclosure.codec.to_dict`); for a draft, the agency or year ``null``.
    document: dict[str, Any]
    #: The format the file was read as (see :data:`EXTENSIONS`).
    fmt: str
    #: Findings of reading (for a draft, ``parse.meta-required`` among them).
    findings: tuple[Finding, ...] = ()
    #: The required metadata that could not be determined (``"agency"``, ``"year"``): the document is a draft.
    missing: tuple[str, ...] = ()


def read_document(
    path: str | os.PathLike[str],
    *,
    keys: Literal["en", "zh"] = "en",
    agency: str | None = None,
    year: int | None = None,
    kind: AgencyKind | str | None = None,
    region: str | None = None,
) -> Parsed:
    """Read one file into its report document, as ``parse`` writes it: the report's; or, for a published
    document whose agency or year cannot be determined, the draft of everything read, with those fields
    ``null`` (so that a batch over a crawl loses no numbers).

    Raises:
        LoadError: nothing report-like could be read (see :func:`load`).
        FileNotFoundError, IsADirectoryError, PermissionError: the path cannot be opened.
    """
    from .codec import to_dict

    try:
        loaded = load(path, agency=agency, year=year, kind=kind, region=region)
    except LoadError as exc:
        from .parsers import ParseResult

        result = exc.result
        data = result.document(keys) if isinstance(result, ParseResult) and result.missing else None
        if not isinstance(result, ParseResult) or data is None:
            raise
        fmt = detect_format(path) or "text"
        return Parsed(document=data, fmt=fmt, findings=result.findings, missing=result.missing)
    return Parsed(document=to_dict(loaded.report, keys=keys), fmt=loaded.fmt, findings=loaded.findings)


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
        parsed = read_document(task.file, keys=task.keys, **task.hints)
        assert task.output is not None
        out = Path(task.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(parsed.document, ensure_ascii=False, indent=2)
        out.write_text(text + "\n", encoding="utf-8")
    except Exception as exc:  # one broken file never stops the batch
        return _failure(task.file, exc, task.lang)
    status = FileStatus.ERRORS if _has_error(parsed.findings) else FileStatus.VALID
    return FileResult(
        file=task.file,
        status=status,
        fmt=parsed.fmt,
        findings=parsed.findings,
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
    meta: MetaTable | Mapping[str, Mapping[str, Any]] | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Read and check every file (see :func:`load` and :func:`gov_disclosure.check`), in input order.

    Args:
        files: the files (see :func:`collect` to expand folders).
        jobs: number of processes (``0``: one per CPU); ``1`` runs in this process.
        lang: language of the findings' messages.
        previous, units, waive, ignore: passed to :func:`gov_disclosure.check` for every file.
        agency, year, kind: metadata hints for published documents (see :func:`load`), for every file.
        meta: each file's own hints (``agency``, ``year``, ``kind``, ``region``) by file name or relative
            path (a :class:`MetaTable` from :func:`read_meta`, or a plain mapping); they win over
            ``agency``/``year``/``kind`` (see :func:`match_meta`). A listed file that does not exist gets a
            result of its own after the others (``input.meta-absent``).
        progress: called with ``1`` after each file (e.g. a progress bar's ``update``).

    Raises:
        MetaTableError: ``meta`` holds a bad value, or a name in it stands for several of ``files``.
    """
    hints = _hints(agency, year, kind)
    per_file, absent = file_hints(files, meta, hints, lang)
    tasks = [
        _Task(
            file=os.fspath(f),
            lang=lang,
            hints=h,
            previous=previous,
            units=tuple(units) if units is not None else None,
            waive=waive,
            ignore=tuple(ignore),
        )
        for f, h in zip(files, per_file, strict=True)
    ]
    return [*_run(_check_task, tasks, jobs, progress), *absent]


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
    meta: MetaTable | Mapping[str, Mapping[str, Any]] | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Read every file and write its report document as JSON to the matching output path, in input order
    (see :func:`read_document`).

    A published document whose agency or year cannot be determined still gets its output: the draft of
    everything read, with those fields ``null`` (its result has status ``errors`` and says what is
    missing). A file that cannot be read at all gets no output; its :class:`FileResult` says why. ``meta``:
    as for :func:`check_files`.
    """
    if len(files) != len(outputs):
        raise ValueError("parse_files: one output path per input file is needed")
    hints = _hints(agency, year, kind)
    per_file, absent = file_hints(files, meta, hints, lang)
    tasks = [
        _Task(file=os.fspath(f), lang=lang, hints=h, output=os.fspath(o), keys=keys)
        for f, o, h in zip(files, outputs, per_file, strict=True)
    ]
    return [*_run(_parse_task, tasks, jobs, progress), *absent]


def _hints(agency: str | None, year: int | None, kind: AgencyKind | str | None) -> dict[str, Any]:
    return {k: v for k, v in (("agency", agency), ("year", year), ("kind", kind)) if v is not None}


def file_hints(
    files: Sequence[str | os.PathLike[str]],
    meta: MetaTable | Mapping[str, Mapping[str, Any]] | None,
    hints: Mapping[str, Any],
    lang: Lang = "zh",
) -> tuple[list[dict[str, Any]], list[FileResult]]:
    """Each file's hints: its row of ``meta`` (see :func:`match_meta`) over the common ``hints``; and a result
    (``input.meta-absent``) for each file ``meta`` lists that does not exist.

    Raises:
        MetaTableError: a bad value in a plain mapping, or a name standing for several files.
    """
    if meta is None:
        return [dict(hints) for _ in files], []
    table = meta if isinstance(meta, MetaTable) else MetaTable.of(meta)
    matched, absent = match_meta(files, table)
    per_file = [{**hints, **(m or {})} for m in matched]
    results = [
        FileResult(
            file=key,
            status=FileStatus.UNREADABLE,
            findings=(
                make(
                    "input.meta-absent",
                    file=key,
                    line=table.lines.get(key, "?"),
                    table=table.source or "meta",
                ),
            ),
            lang=lang,
        )
        for key in absent
    ]
    return per_file, results


# ---------------------------------------------------------------------------------------------------------
# The metadata table (--meta)

#: The columns of a metadata table, and the names each may go by (English first, then Chinese).
META_COLUMNS: Final[Mapping[str, tuple[str, ...]]] = {
    "file": ("file", "文件", "文件名"),
    "agency": ("agency", "机关", "机关名称"),
    "year": ("year", "年度", "报告年度", "年份"),
    "kind": ("kind", "机关类型", "类型"),
    "region": ("region", "行政区域", "地区"),
}
_COLUMN_OF: Final = {name.casefold(): col for col, names in META_COLUMNS.items() for name in names}
_HINT_FIELDS: Final = ("agency", "year", "kind", "region")


class MetaTableError(GovDisclosureError):
    """A metadata table (``--meta``) that cannot be used: the message names the table, the line and what is
    wrong (:meth:`to_text` in Chinese or English; ``str()`` in English)."""

    def __init__(self, source: str, line: int | None, zh: str, en: str) -> None:
        self.source = source
        self.line = line
        self._zh = zh
        self._en = en
        super().__init__(self.to_text("en"))

    def to_text(self, lang: Lang = "zh") -> str:
        """``元数据表 F 第N行：…`` (or ``metadata table F, line N: …``)."""
        if lang == "zh":
            where = f"元数据表 {self.source}" + (f" 第{self.line}行" if self.line is not None else "")
            return f"{where}：{self._zh}"
        where = f"metadata table {self.source}" + (f", line {self.line}" if self.line is not None else "")
        return f"{where}: {self._en}"


def _norm_key(name: str) -> str:
    """A file name or relative path as a key: forward slashes, no ``./`` or leading slash."""
    parts = [p for p in name.strip().replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


@frozen(kw_only=True)
class MetaTable:
    """Each file's metadata hints, by file name or relative path (:func:`read_meta`)."""

    #: File key (``a.html``, ``sub/a.html``) -> its hints (``agency``, ``year``, ``kind``, ``region``).
    rows: Mapping[str, Mapping[str, Any]]
    #: File key -> the line of the table it was given on (1 is the header).
    lines: Mapping[str, int] = field(factory=dict)
    #: The table's file (for messages), ``""`` for a mapping given in Python.
    source: str = ""
    #: The folder relative paths may also be relative to (the table's own).
    base: str | None = None

    @classmethod
    def of(cls, mapping: Mapping[str, Mapping[str, Any]]) -> MetaTable:
        """A table from a plain mapping ``{file: {"agency": …, "year": …}}`` (values checked as in a file)."""
        rows: dict[str, Mapping[str, Any]] = {}
        for k, (name, values) in enumerate(mapping.items(), start=1):
            raw = {str(c): ("" if v is None else str(v)) for c, v in values.items()}
            rows[_norm_key(name)] = _row_hints(raw, "meta", k, name)
        return cls(rows=rows, lines={key: k for k, key in enumerate(rows, start=1)}, source="meta")


def _row_hints(raw: Mapping[str, str], source: str, line: int, name: str) -> dict[str, Any]:
    """The hints of one row (empty cells left out); :class:`MetaTableError` for a bad value."""
    out: dict[str, Any] = {}
    for col, value in raw.items():
        value = value.strip()
        field_name = _COLUMN_OF.get(col.strip().casefold())
        if field_name is None:
            known = "、".join(n for names in META_COLUMNS.values() for n in names)
            raise MetaTableError(
                source,
                line,
                f"未知的列“{col}”（可用的列：{known}）",
                f"unknown column {col!r} (known: {known})",
            )
        if field_name == "file" or not value:
            continue
        if field_name == "year":
            digits = value.removesuffix("年")
            if not (digits.isascii() and digits.isdigit() and MIN_YEAR <= int(digits) <= MAX_YEAR):
                raise MetaTableError(
                    source,
                    line,
                    f"文件 {name} 的年度“{value}”不是 {MIN_YEAR} 至 {MAX_YEAR} 之间的年份",
                    f"the year {value!r} of {name} is not a year from {MIN_YEAR} to {MAX_YEAR}",
                )
            out["year"] = int(digits)
        elif field_name == "kind":
            kinds = [k.value for k in AgencyKind]
            if value not in kinds:
                raise MetaTableError(
                    source,
                    line,
                    f"文件 {name} 的机关类型“{value}”无效（可用：{'、'.join(kinds)}）",
                    f"the kind {value!r} of {name} is not one of {', '.join(kinds)}",
                )
            out["kind"] = value
        else:
            out[field_name] = value
    return out


def read_meta(path: str | os.PathLike[str]) -> MetaTable:
    """Read a metadata table: a CSV file (UTF-8, with or without BOM, or GB18030 as Excel saves it) whose
    header names the columns ``file`` (a file name or a path relative to the input folder or to the table's
    folder), ``agency``, ``year`` and optionally ``kind`` and ``region`` (or 文件, 机关名称, 年度, 机关类型,
    行政区域). An empty cell gives nothing.

    Raises:
        MetaTableError: an unknown column, no ``file`` column, a row without a file, a bad year or kind, a
            file listed twice, more cells than columns (each naming its line).
        FileNotFoundError: the table does not exist.
    """
    source = os.fspath(path)
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", "replace")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise MetaTableError(source, 1, "没有表头（应为 file,agency,year…）", "no header (file,agency,year…)")
    header = [h.strip() for h in header]
    _row_hints(dict.fromkeys(header, ""), source, 1, "")  # unknown columns
    columns = [_COLUMN_OF[h.casefold()] for h in header]
    if "file" not in columns:
        raise MetaTableError(source, 1, "缺少 file（文件）列", "no file column")
    rows: dict[str, Mapping[str, Any]] = {}
    lines: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise MetaTableError(
                source, line, "单元格多于表头的列数", "more cells than the header has columns"
            )
        raw = {header[j]: c for j, c in enumerate(cells)}
        name = raw.get(header[columns.index("file")], "").strip()
        if not name:
            raise MetaTableError(source, line, "缺少文件名", "no file name")
        key = _norm_key(name)
        if key in rows:
            raise MetaTableError(
                source,
                line,
                f"文件 {name} 已在第{lines[key]}行列出",
                f"the file {name} is already listed on line {lines[key]}",
            )
        rows[key] = _row_hints(raw, source, line, name)
        lines[key] = line
    return MetaTable(rows=rows, lines=lines, source=source, base=os.fspath(Path(path).parent))


def match_meta(
    files: Sequence[str | os.PathLike[str]], table: MetaTable
) -> tuple[list[Mapping[str, Any] | None], list[str]]:
    """Each file's row of ``table`` (``None`` when none), and the keys of the table's files that do not exist.

    A key is a file name or a relative path; it stands for every file whose path ends with it, and the
    longest key that does wins (``sub/a.html`` over ``a.html``). A key standing for several files is an error
    (write the path). A key no file stands for is absent unless the file exists below the table's folder, a
    folder of the files or the current folder (a file listed but not among the inputs is left alone).

    Raises:
        MetaTableError: a key stands for several files.
    """
    paths = [_norm_key(Path(f).as_posix()) for f in files]
    best: list[str | None] = []
    for p in paths:
        parts = p.split("/")
        found: str | None = None
        for n in range(len(parts), 0, -1):
            tail = "/".join(parts[-n:])
            if tail in table.rows:
                found = tail
                break
        best.append(found)
    users: dict[str, list[str]] = {}
    for p, used_key in zip(paths, best, strict=True):
        if used_key is not None:
            users.setdefault(used_key, []).append(p)
    for key, used in users.items():
        if len(used) > 1:
            shown = "、".join(used[:3]) + ("…" if len(used) > 3 else "")
            raise MetaTableError(
                table.source or "meta",
                table.lines.get(key),
                f"文件 {key} 对应多个输入文件（{shown}），请写出相对路径",
                f"the file {key} stands for several inputs ({', '.join(used[:3])}); give its relative path",
            )
    folders = {Path(f).parent for f in files} | {Path.cwd()}
    if table.base is not None:
        folders.add(Path(table.base))
    absent = [
        key
        for key in table.rows
        if key not in users and not any((folder / key).is_file() for folder in folders)
    ]
    return [table.rows[k] if k is not None else None for k in best], absent


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
