"""The typed report model: frozen, slotted, keyword-only attrs records.

The model says what a report says. Field validators check type and range only (a count is a non-negative
``int`` or ``None``, never a ``bool``; a fee is a finite non-negative :class:`~decimal.Decimal` or ``None``;
names are non-empty). Rules between cells (totals, 勾稽关系) are *not* validators: a published report with
wrong totals loads fine and :func:`gov_disclosure.check` reports them.

``None`` in a cell means the report left it blank (or wrote "—", "/", "无"); it is never silently replaced
by 0.

Field names equal the ids in :mod:`gov_disclosure.form` and follow its order (a test enforces this).

Parsers that must keep a value the validators reject (a negative count printed in a published report) build
the record inside :func:`unchecked`, so that the checks can report it as ``cell.negative``.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, Final, TypeVar

from attrs import field, fields, frozen

from . import form as _form

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "ActiveDisclosure",
    "AgencyKind",
    "ApplicantCounts",
    "Applications",
    "CaseCounts",
    "DocumentCounts",
    "Meta",
    "Narrative",
    "Report",
    "ReviewLitigation",
    "StructureInfo",
    "Subsection",
    "unchecked",
]

_CHECKING: ContextVar[bool] = ContextVar("gov_disclosure_checking", default=True)

#: The range of report years :class:`Meta` accepts.
MIN_YEAR = 1990
MAX_YEAR = 2999


@contextmanager
def unchecked() -> Iterator[None]:
    """Build records without the type/range validators (for parsers keeping what a report states).

    Use sparingly: a record built here may hold negative counts, which :func:`gov_disclosure.check` reports.
    Thread- and task-safe (a context variable).
    """
    token = _CHECKING.set(False)
    try:
        yield
    finally:
        _CHECKING.reset(token)


def _refuse_counts(obj: object, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
    """Explain the first value of a count record that is not ``None`` or an ``int`` ≥ 0 (unless unchecked)."""
    if not _CHECKING.get():
        return
    cls = obj.__class__.__name__
    for name, value in zip(names, values, strict=True):
        if value is None:
            continue
        if type(value) is not int:
            raise TypeError(
                f"{cls}.{name}: expected a whole number (int) or None, got {type(value).__name__} {value!r}"
            )
        if value < 0:
            raise ValueError(f"{cls}.{name}: expected a count ≥ 0, got {value}")


_C = TypeVar("_C")


def _count_record(cls: type[_C]) -> type[_C]:
    """Give a count record (every field a count defaulting to ``None``) a fast, validating constructor.

    attrs' own ``__init__`` of a frozen class writes each field through ``object.__setattr__`` and the
    validator would then read every field back; the 30 count records of a report made this the largest
    cost of loading one. The generated ``__init__`` has the same keyword-only signature and defaults,
    checks the values in one expression (a count is ``None`` or an ``int`` ≥ 0, never a ``bool``; the field
    names are only looked at to explain a failure) and writes them through the slots' descriptors. Everything
    else (frozenness, equality, hashing, ``repr``, :func:`attrs.evolve`) is attrs' own.

    ``cls._from_counts(*values)`` (private, for the codec's fast pass) does the same with the values in
    field order: calling the class with keywords costs a dictionary of them, about a third of the build.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    if any(f.default is not None for f in fields(cls)):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__name__}: every field of a count record must default to None")
    namespace: dict[str, Any] = {
        "_cls": cls,
        "_new": object.__new__,
        "_int": int,
        "_refuse": _refuse_counts,
        "_names": names,
        **{f"_set_{name}": cls.__dict__[name].__set__ for name in names},
    }
    values = "(" + "".join(f"{name}, " for name in names) + ")"
    # One unrolled test (no loop, no tuple): each value is None, or exactly an int and not negative.
    test = " and ".join(f"({n} is None or ({n}.__class__ is _int and {n} >= 0))" for n in names)
    body = [
        f"    if not ({test}):",
        f"        _refuse(self, _names, {values})",
        *(f"    _set_{name}(self, {name})" for name in names),
    ]
    lines = [
        f"def __init__(self, *, {', '.join(f'{name}=None' for name in names)}):",
        *body,
        f"def _from_counts({', '.join(names)}):",
        "    self = _new(_cls)",
        *body,
        "    return self",
    ]
    exec(compile("\n".join(lines), f"<gov_disclosure count record {cls.__name__}>", "exec"), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = f"Build a {cls.__name__}: every count ``None`` (blank) or an ``int`` ≥ 0."
    cls.__init__ = init  # type: ignore[method-assign]
    setattr(cls, "_from_counts", staticmethod(namespace["_from_counts"]))  # noqa: B010 - not in the stubs
    return cls


def _check_fee(value: object, name: str = "fees") -> None:
    if value is None or not _CHECKING.get():
        return
    if not isinstance(value, Decimal):
        raise TypeError(
            f"ActiveDisclosure.{name}: expected a Decimal amount in 万元 or None, "
            f"got {type(value).__name__} {value!r}"
        )
    if not value.is_finite() or value < 0:
        raise ValueError(f"ActiveDisclosure.{name}: expected a finite amount ≥ 0, got {value}")


def _check_text(owner: str, name: str, value: object, *, optional: bool = False) -> None:
    if not _CHECKING.get():
        return
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise TypeError(f"{owner}.{name}: expected a string, got {type(value).__name__} {value!r}")
    if not value.strip():
        raise ValueError(f"{owner}.{name}: expected a non-empty string")


def _check_texts(owner: str, name: str, values: tuple[Any, ...]) -> None:
    if values.__class__ is tuple:
        for v in values:
            if v.__class__ is not str:
                break
        else:
            return
    if not _CHECKING.get():
        return
    if not isinstance(values, tuple):
        raise TypeError(f"{owner}.{name}: expected a tuple of strings, got {type(values).__name__}")
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise TypeError(f"{owner}.{name}[{i}]: expected a string, got {type(v).__name__} {v!r}")


# ---------------------------------------------------------------------------------------------------------
# Metadata


class AgencyKind(enum.StrEnum):
    """Kind of agency, which decides the statutory publication deadline (Regulation art. 49)."""

    #: 县级以上地方人民政府: publishes by 31 March.
    GOVERNMENT = "government"
    #: 县级以上人民政府部门: submits and publishes by 31 January.
    DEPARTMENT = "department"
    #: 乡镇人民政府, authorised organisations and others: no statutory date.
    OTHER = "other"

    def deadline(self, report_year: int) -> _dt.date | None:
        """The statutory publication deadline for the report on ``report_year``, or ``None``."""
        if self is AgencyKind.GOVERNMENT:
            return _dt.date(report_year + 1, 3, 31)
        if self is AgencyKind.DEPARTMENT:
            return _dt.date(report_year + 1, 1, 31)
        return None


@frozen(kw_only=True)
class Meta:
    """Who published the report, for which year, and when."""

    #: The agency as named in the title, e.g. 乃东区人民政府.
    agency: str
    #: The year the report covers (the statistical period's year).
    year: int
    kind: AgencyKind = AgencyKind.OTHER
    #: Administrative region, e.g. 西藏自治区山南市乃东区.
    region: str | None = None
    #: The title as published; ``None`` means the usual pattern ``{agency}{year}年政府信息公开工作年度报告``.
    title: str | None = None
    #: Date of publication as signed.
    published: _dt.date | None = None
    #: Issuing office as signed at the end, e.g. 乃东区人民政府办公室.
    issuer: str | None = None
    #: Statistical period stated in the preamble (first and last day).
    period_start: _dt.date | None = None
    period_end: _dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if not _CHECKING.get():
            return
        _check_text("Meta", "agency", self.agency)
        if type(self.year) is not int:
            raise TypeError(
                f"Meta.year: expected a whole number (int), got {type(self.year).__name__} {self.year!r}"
            )
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"Meta.year: expected a year from {MIN_YEAR} to {MAX_YEAR}, got {self.year}")
        if not isinstance(self.kind, AgencyKind):
            raise TypeError(f"Meta.kind: expected an AgencyKind, got {self.kind!r}")
        for name in ("region", "title", "issuer"):
            _check_text("Meta", name, getattr(self, name), optional=True)
        for name in ("published", "period_start", "period_end"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, _dt.date) or isinstance(value, _dt.datetime)):
                raise TypeError(f"Meta.{name}: expected a datetime.date or None, got {value!r}")

    @property
    def display_title(self) -> str:
        """The title as published, or the usual pattern when none was given."""
        from .form import TITLE_SUFFIX

        return self.title or f"{self.agency}{self.year}年{TITLE_SUFFIX}"


# ---------------------------------------------------------------------------------------------------------
# Narrative


@frozen(kw_only=True)
class Subsection:
    """A sub-heading (e.g. （一）主动公开) and its paragraphs."""

    heading: str
    paragraphs: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_text("Subsection", "heading", self.heading)
        _check_texts("Subsection", "paragraphs", self.paragraphs)


@frozen(kw_only=True)
class Narrative:
    """The text of a section: paragraphs, then optional sub-headed parts."""

    paragraphs: tuple[str, ...] = ()
    subsections: tuple[Subsection, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_texts("Narrative", "paragraphs", self.paragraphs)
        if self.subsections and _CHECKING.get():
            for i, s in enumerate(self.subsections):
                if not isinstance(s, Subsection):
                    raise TypeError(f"Narrative.subsections[{i}]: expected a Subsection, got {s!r}")

    def all_paragraphs(self) -> tuple[str, ...]:
        """Every paragraph and sub-heading, in reading order."""
        out = list(self.paragraphs)
        for s in self.subsections:
            out.append(s.heading)
            out.extend(s.paragraphs)
        return tuple(out)

    @property
    def is_empty(self) -> bool:
        """True when the section has no text at all."""
        return not self.paragraphs and not self.subsections


# ---------------------------------------------------------------------------------------------------------
# Table 二


@_count_record
@frozen(kw_only=True)
class DocumentCounts:
    """A row of 第二十条第（一）项: documents issued, repealed and in force."""

    issued: int | None = None
    repealed: int | None = None
    in_force: int | None = None


@frozen(kw_only=True)
class ActiveDisclosure:
    """Table 二 — 主动公开政府信息情况 (Regulation art. 20 items (一), (五), (六), (八))."""

    rules: DocumentCounts = field(factory=DocumentCounts)
    normative_documents: DocumentCounts = field(factory=DocumentCounts)
    #: 行政许可 — 本年处理决定数量
    licensing: int | None = None
    #: 行政处罚 — 本年处理决定数量
    penalty: int | None = None
    #: 行政强制 — 本年处理决定数量
    coercion: int | None = None
    #: 行政事业性收费 — 本年收费金额（单位：万元）
    fees: Decimal | None = None

    def __attrs_post_init__(self) -> None:
        if not _CHECKING.get():
            return
        for name in ("licensing", "penalty", "coercion"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int or value < 0):
                raise (TypeError if type(value) is not int else ValueError)(
                    f"ActiveDisclosure.{name}: expected a count ≥ 0 (int) or None, got {value!r}"
                )
        _check_fee(self.fees)


# ---------------------------------------------------------------------------------------------------------
# Table 三


@_count_record
@frozen(kw_only=True)
class ApplicantCounts:
    """A row of table 三: counts per kind of applicant, and the row's 总计."""

    natural_person: int | None = None
    commercial: int | None = None
    research: int | None = None
    nonprofit: int | None = None
    legal_services: int | None = None
    other: int | None = None
    total: int | None = None


def _blank_row() -> ApplicantCounts:
    return ApplicantCounts()


@frozen(kw_only=True)
class Applications:
    """Table 三 — 收到和处理政府信息公开申请情况: 25 rows of :class:`ApplicantCounts`."""

    received: ApplicantCounts = field(factory=_blank_row)
    carried_over: ApplicantCounts = field(factory=_blank_row)
    disclosed: ApplicantCounts = field(factory=_blank_row)
    partly_disclosed: ApplicantCounts = field(factory=_blank_row)
    withheld_state_secret: ApplicantCounts = field(factory=_blank_row)
    withheld_prohibited: ApplicantCounts = field(factory=_blank_row)
    withheld_security: ApplicantCounts = field(factory=_blank_row)
    withheld_third_party: ApplicantCounts = field(factory=_blank_row)
    withheld_internal: ApplicantCounts = field(factory=_blank_row)
    withheld_process: ApplicantCounts = field(factory=_blank_row)
    withheld_enforcement: ApplicantCounts = field(factory=_blank_row)
    withheld_inquiry: ApplicantCounts = field(factory=_blank_row)
    unable_not_held: ApplicantCounts = field(factory=_blank_row)
    unable_to_create: ApplicantCounts = field(factory=_blank_row)
    unable_unclear: ApplicantCounts = field(factory=_blank_row)
    declined_complaint: ApplicantCounts = field(factory=_blank_row)
    declined_repeated: ApplicantCounts = field(factory=_blank_row)
    declined_publication: ApplicantCounts = field(factory=_blank_row)
    declined_excessive: ApplicantCounts = field(factory=_blank_row)
    declined_confirmation: ApplicantCounts = field(factory=_blank_row)
    other_no_correction: ApplicantCounts = field(factory=_blank_row)
    other_no_fee: ApplicantCounts = field(factory=_blank_row)
    other_other: ApplicantCounts = field(factory=_blank_row)
    outcome_total: ApplicantCounts = field(factory=_blank_row)
    carried_forward: ApplicantCounts = field(factory=_blank_row)

    def row(self, row_id: str) -> ApplicantCounts:
        """The row with this form id (see :data:`gov_disclosure.form.APPLICATIONS`)."""
        if row_id not in _APPLICATION_ROW_IDS:
            raise KeyError(f"table 三 has no row {row_id!r}")
        value: ApplicantCounts = getattr(self, row_id)
        return value


_APPLICATION_ROW_IDS = frozenset(f.name for f in fields(Applications))


# ---------------------------------------------------------------------------------------------------------
# Table 四


@_count_record
@frozen(kw_only=True)
class CaseCounts:
    """One block of table 四: cases by result, and their 总计."""

    upheld: int | None = None
    corrected: int | None = None
    other: int | None = None
    pending: int | None = None
    total: int | None = None


def _blank_cases() -> CaseCounts:
    return CaseCounts()


@frozen(kw_only=True)
class ReviewLitigation:
    """Table 四 — 政府信息公开行政复议、行政诉讼情况."""

    #: 行政复议
    reconsideration: CaseCounts = field(factory=_blank_cases)
    #: 行政诉讼 — 未经复议直接起诉
    litigation_direct: CaseCounts = field(factory=_blank_cases)
    #: 行政诉讼 — 复议后起诉
    litigation_after_review: CaseCounts = field(factory=_blank_cases)


# ---------------------------------------------------------------------------------------------------------
# The report


def _blank_narrative() -> Narrative:
    return Narrative()


@frozen(kw_only=True)
class Report:
    """A 政府信息公开工作年度报告 in the 2021 format.

    The narrative sections 一、五、六 are :class:`Narrative`; sections 二、三、四 are the three tables, each
    with optional text (``*_text``) that some reports print around the table.
    """

    meta: Meta
    #: The opening paragraph(s) before section 一 (legal basis, contents, statistical period).
    preamble: tuple[str, ...] = ()
    overview: Narrative = field(factory=_blank_narrative)
    active_disclosure: ActiveDisclosure = field(factory=ActiveDisclosure)
    active_disclosure_text: Narrative = field(factory=_blank_narrative)
    applications: Applications = field(factory=Applications)
    applications_text: Narrative = field(factory=_blank_narrative)
    review_litigation: ReviewLitigation = field(factory=ReviewLitigation)
    review_litigation_text: Narrative = field(factory=_blank_narrative)
    problems: Narrative = field(factory=_blank_narrative)
    other_matters: Narrative = field(factory=_blank_narrative)

    def __attrs_post_init__(self) -> None:
        _check_texts("Report", "preamble", self.preamble)


# ---------------------------------------------------------------------------------------------------------
# What a parser found of the document's structure

_SECTION_BY_ID: Final = {s.id: s for s in _form.SECTIONS}
_SECTION_ID_LIST: Final = tuple(_SECTION_BY_ID)


def _headings(value: object) -> tuple[tuple[str, str | None], ...]:
    if not isinstance(value, (tuple, list)):
        raise TypeError(
            f"StructureInfo.headings: expected a tuple of (section id, heading) pairs, got {value!r}"
        )
    out: list[tuple[str, str | None]] = []
    for i, item in enumerate(value):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise TypeError(
                f"StructureInfo.headings[{i}]: expected a (section id, heading) pair, got {item!r}"
            )
        sid, heading = item
        if sid not in _SECTION_BY_ID:
            raise ValueError(
                f"StructureInfo.headings[{i}]: unknown section id {sid!r}; "
                f"expected one of {list(_SECTION_ID_LIST)}"
            )
        if heading is not None and not isinstance(heading, str):
            raise TypeError(
                f"StructureInfo.headings[{i}]: expected the heading text or None, got {heading!r}"
            )
        out.append((sid, heading))
    return tuple(out)


@frozen
class StructureInfo:
    """The sections of a document as found: ``(section id, heading text or None when missing)`` in order.

    Section ids are those of :data:`gov_disclosure.form.SECTIONS` (``"overview"``, ``"active_disclosure"``,
    …). A section the parser did not find is either absent or given with ``None``.

    >>> StructureInfo(headings=(("overview", "一、总体情况"), ("active_disclosure", None)))
    StructureInfo(headings=(('overview', '一、总体情况'), ('active_disclosure', None)))
    """

    headings: tuple[tuple[str, str | None], ...] = field(converter=_headings)

    @property
    def found(self) -> tuple[str, ...]:
        """Ids of the sections whose heading was found, in the order found."""
        return tuple(sid for sid, heading in self.headings if heading is not None)
