"""The rule machinery: :class:`Rule`, :class:`RuleResult`, :class:`CheckContext` and the registry.

A rule is a function of a :class:`CheckContext` that returns the findings of one finding code. A rule may
return a :class:`RuleResult` that also counts the rule's *instances* (one per column, row, block, cell, …)
that passed, failed or could not be assessed; a caller's rule may simply return an iterable of findings, and
then counts as one instance (failed when it returned a finding).

Register a rule for every later :func:`~gov_disclosure.checks.check` with the :func:`rule` decorator or
:func:`register`, or pass :class:`Rule` objects to ``check(..., extra_rules=...)`` for one call only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from attrs import frozen

from .. import form
from ..cellview import cell_refs
from ..findings import Finding
from ..model import Report

if TYPE_CHECKING:
    from ..model import StructureInfo

__all__ = [
    "BlankPolicy",
    "CheckContext",
    "Grid",
    "Rule",
    "RuleFunc",
    "RuleResult",
    "register",
    "registered_rules",
    "rule",
    "unregister",
]

BlankPolicy = Literal["zero", "strict"]


class RuleResult(NamedTuple):
    """What a counted rule returns: its findings and how many of its instances passed, failed, or not."""

    findings: list[Finding]
    passed: int = 0
    failed: int = 0
    not_assessable: int = 0


#: A rule: a function of the context returning a :class:`RuleResult` or an iterable of findings (or None).
RuleFunc = Callable[
    ["CheckContext"], "RuleResult | Iterable[Finding] | tuple[list[Finding], int, int, int] | None"
]

#: What a built-in (counted) rule returns: findings, passed, failed, not assessable.
Counted = tuple[list[Finding], int, int, int]


@frozen
class Rule:
    """A named check: ``code`` is the finding code it produces (and the key of its statistics).

    ``codes`` lists every code the rule may produce when there are several (default: ``(code,)``); the rule
    runs when at least one of them is selected. ``family`` marks a rule whose codes are not known in advance
    (the cross-year and hierarchy rules): it runs when a pattern selects any code starting with ``family``.
    """

    code: str
    func: RuleFunc
    codes: tuple[str, ...] = ()
    description: str = ""
    family: str | None = None
    #: The function returns a plain ``(findings, passed, failed, not_assessable)`` tuple and only Finding
    #: objects (the built-in rules; saves the checks done on a caller's rule).
    counted: bool = False

    @property
    def all_codes(self) -> tuple[str, ...]:
        """The codes this rule may produce."""
        return self.codes or (self.code,)


_REGISTRY: dict[str, Rule] = {}


def register(r: Rule) -> Rule:
    """Add ``r`` to the rules every :func:`~gov_disclosure.checks.check` runs (replacing one of its code)."""
    if not isinstance(r, Rule):
        raise TypeError(f"register(): expected a gov_disclosure.checks.Rule, got {type(r).__name__}")
    _REGISTRY[r.code] = r
    return r


def unregister(code: str) -> Rule:
    """Remove the registered rule of ``code`` and return it; ``KeyError`` if there is none."""
    try:
        return _REGISTRY.pop(code)
    except KeyError:
        raise KeyError(f"no registered rule {code!r}; registered: {sorted(_REGISTRY)}") from None


def registered_rules() -> tuple[Rule, ...]:
    """The registered rules, in registration order (built-in rules first)."""
    return tuple(_REGISTRY.values())


def rule(code: str, *, codes: tuple[str, ...] = (), description: str = "") -> Callable[[RuleFunc], RuleFunc]:
    """Decorator registering a function as the rule of ``code`` (declare the code first)::

    from gov_disclosure import findings
    from gov_disclosure.checks import rule

    findings.define("my.agency-name", findings.Severity.WARNING, title_zh="机关名称过短",
                    title_en="Agency name too short", template_zh="机关名称“{name}”过短",
                    template_en="Agency name “{name}” is too short")

    @rule("my.agency-name")
    def short_name(ctx):
        name = ctx.report.meta.agency
        return [findings.make("my.agency-name", name=name)] if len(name) < 3 else []
    """

    def deco(func: RuleFunc) -> RuleFunc:
        register(Rule(code=code, func=func, codes=codes, description=description or (func.__doc__ or "")))
        return func

    return deco


# ---------------------------------------------------------------------------------------------------------
# The cell grid: every cell value of the three tables, read once per check.

_T3_ROWS = tuple(r.id for r in form.APPLICATIONS.rows)
_T3_COLS = tuple(c.id for c in form.APPLICATIONS.blocks[0].columns)
_T4_ROWS = tuple(b.id for b in form.REVIEW_LITIGATION.blocks)
_T4_COLS = tuple(c.id for c in form.REVIEW_LITIGATION.blocks[0].columns)

_get_t3_rows = attrgetter(*_T3_ROWS)
_get_t3_row = attrgetter(*_T3_COLS)
_get_t4_rows = attrgetter(*_T4_ROWS)
_get_t4_row = attrgetter(*_T4_COLS)
_T2_CELLS = tuple(c for c in cell_refs() if c.table is form.ACTIVE_DISCLOSURE)
#: Table 二's cells below ``report.active_disclosure``, in form order (``rules.issued``, …, ``fees``).
_get_t2 = attrgetter(*(".".join(c.attr_path[1:]) for c in _T2_CELLS))

#: Index of the fee cell in :attr:`Grid.t2` (the only cell holding an amount, not a count).
FEE_INDEX = next(i for i, c in enumerate(_T2_CELLS) if c.row.unit == "amount")
_NONE_TYPE = type(None)
_INT_ONLY = frozenset({int})
_FEE_TYPES = frozenset({_NONE_TYPE, Decimal, int})


def _is_number(v: object) -> bool:
    """A value arithmetic can use: an int, or a finite float or Decimal (not a bool, not a string)."""
    t = type(v)
    if t is int:
        return True
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return True
    if isinstance(v, Decimal):
        return v.is_finite()
    return isinstance(v, float) and math.isfinite(v)


def _as_number(v: Any, zero: bool) -> Any:
    """``v`` for arithmetic: blank as 0 (policy zero) or ``None`` (strict); a float as the Decimal of its
    shortest repr (so that it adds up with Decimal amounts); anything not a finite number as ``None``."""
    if v is None:
        return 0 if zero else None
    if not _is_number(v):
        return None
    return Decimal(repr(v)) if isinstance(v, float) else v


def _numeric_row(row: tuple[Any, ...], zero: bool) -> tuple[Any, ...]:
    """``row`` with every value as :func:`_as_number` makes it."""
    return tuple(_as_number(v, zero) for v in row)


class Grid:
    """The values of every cell of a report, read once and shared by the rules.

    ``t2`` has table 二's 10 cells in form order (the fee last); ``t3`` 25 row tuples of 7 values; ``t4`` 3
    block tuples of 5; ``counts`` the 199 count cells in form order (table 二 without the fee, 三, 四) and
    ``fee`` the amount. ``n2``/``n3``/``n4`` are ``t2``/``t3``/``t4`` for arithmetic: blanks as 0 under the
    ``"zero"`` policy, and ``None`` wherever arithmetic cannot use the cell (a blank under ``"strict"``, a
    value that is not a finite number). ``complete`` is true when they hold no ``None`` at all; ``clean``
    when every count is an ``int`` or blank (the usual case, which the rules check fastest).
    """

    __slots__ = ("blanks", "clean", "complete", "counts", "fee", "n2", "n3", "n4", "t2", "t3", "t4")

    def __init__(self, report: Report, policy: BlankPolicy) -> None:
        t2: tuple[Any, ...] = _get_t2(report.active_disclosure)
        t3: tuple[tuple[Any, ...], ...] = tuple(map(_get_t3_row, _get_t3_rows(report.applications)))
        t4: tuple[tuple[Any, ...], ...] = tuple(map(_get_t4_row, _get_t4_rows(report.review_litigation)))
        self.t2 = t2
        self.t3 = t3
        self.t4 = t4
        counts = (*t2[:FEE_INDEX], *chain.from_iterable(t3), *chain.from_iterable(t4))
        fee = t2[FEE_INDEX]
        self.counts: tuple[Any, ...] = counts
        self.fee: Any = fee
        types = set(map(type, counts))
        blanks = 0
        if _NONE_TYPE in types:
            types.discard(_NONE_TYPE)
            blanks = counts.count(None)
        if fee is None:
            blanks += 1
        self.blanks = blanks
        # Clean: every count an int (not bool) or blank, and the fee (an amount) a Decimal, an int or blank.
        self.clean = types <= _INT_ONLY and type(fee) in _FEE_TYPES
        zero = policy == "zero"
        self.complete = self.clean and (zero or not blanks)
        if self.complete:
            if blanks:
                self.n2 = tuple(0 if v is None else v for v in t2)
                self.n3 = tuple(r if None not in r else tuple(0 if v is None else v for v in r) for r in t3)
                self.n4 = tuple(r if None not in r else tuple(0 if v is None else v for v in r) for r in t4)
            else:
                self.n2, self.n3, self.n4 = t2, t3, t4
        else:
            self.n2 = _numeric_row(t2, zero)
            self.n3 = tuple(_numeric_row(r, zero) for r in t3)
            self.n4 = tuple(_numeric_row(r, zero) for r in t4)


class CheckContext:
    """What a rule sees: the report, the options of the call, and the shared cell :class:`Grid`."""

    __slots__ = (
        "blank_policy",
        "duplicate_threshold",
        "grid",
        "previous",
        "report",
        "structure",
        "units",
    )

    def __init__(
        self,
        report: Report,
        *,
        blank_policy: BlankPolicy = "zero",
        previous: Report | None = None,
        units: Any = None,
        structure: StructureInfo | None = None,
        duplicate_threshold: float = 0.5,
    ) -> None:
        self.report = report
        self.blank_policy: BlankPolicy = blank_policy
        self.previous = previous
        self.units = units
        self.structure = structure
        self.duplicate_threshold = duplicate_threshold
        self.grid = Grid(report, blank_policy)

    @property
    def strict(self) -> bool:
        """True under ``blank_policy="strict"`` (a blank cell makes the rules touching it not assessable)."""
        return self.blank_policy == "strict"


def options_repr(options: Mapping[str, Any]) -> str:
    """A short ``k=v`` rendering of options, for error messages."""
    return ", ".join(f"{k}={v!r}" for k, v in options.items())
