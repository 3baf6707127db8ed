"""``check()``, ``validate()`` and ``is_valid()``: run every rule and collect the findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, cast

from ..findings import Finding, FindingsError, catalogue, make
from ..model import Report, StructureInfo
from .base import BlankPolicy, CheckContext, Counted, Rule, RuleResult, registered_rules
from .hierarchy import HIERARCHY_RULE
from .report import RuleStats, Stats, ValidationReport
from .xyear import XYEAR_RULE

__all__ = ["check", "is_valid", "validate"]

#: Code families of the rules that run only when asked for (``previous=``, ``units=``).
_FAMILIES = tuple(r.family for r in (XYEAR_RULE, HIERARCHY_RULE) if r.family)


def _matches(pattern: str, code: str) -> bool:
    """``pattern`` selects ``code``: equal, or a prefix ending at a ``.`` (``"t3."`` and ``"t3"`` both
    select ``t3.balance``)."""
    return code == pattern or code.startswith(pattern if pattern.endswith(".") else pattern + ".")


def _patterns(name: str, value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = (value,) if isinstance(value, str) else tuple(value)
    for p in items:
        if not isinstance(p, str) or not p:
            raise TypeError(
                f"check(): {name} must be finding codes or prefixes (non-empty strings), got {p!r}"
            )
    return items


class _Selector:
    """Which rules run and which findings are kept, from ``select`` and ``ignore``."""

    def __init__(self, select: tuple[str, ...] | None, ignore: tuple[str, ...], known: set[str]) -> None:
        for name, pats in (("select", select or ()), ("ignore", ignore)):
            for p in pats:
                if not any(_matches(p, c) for c in known) and not any(
                    (p + ".").startswith(f) or f.startswith(p if p.endswith(".") else p + ".")
                    for f in _FAMILIES
                ):
                    raise ValueError(
                        f"check(): {name} pattern {p!r} matches no finding code; known codes: {sorted(known)}"
                    )
        self.select = select
        self.ignore = ignore

    def keeps(self, code: str) -> bool:
        if any(_matches(p, code) for p in self.ignore):
            return False
        if code == "internal-error" or self.select is None:
            return True
        return any(_matches(p, code) for p in self.select)

    def runs(self, rule: Rule) -> bool:
        if rule.family is None:
            return any(self.keeps(c) for c in rule.all_codes)
        fam = rule.family.rstrip(".")
        if any(p.rstrip(".") == fam for p in self.ignore):
            return False
        return self.select is None or any(
            p.rstrip(".") == fam or p.startswith(rule.family) for p in self.select
        )


def _known_codes(rules: Iterable[Rule]) -> set[str]:
    known = set(catalogue())
    for r in rules:
        known.update(r.all_codes)
    return known


def _check_waivers(waive: Mapping[Any, Any], known: set[str]) -> None:
    for key, reason in waive.items():
        if isinstance(key, tuple):
            if len(key) != 2 or not all(isinstance(k, str) for k in key):
                raise TypeError(
                    f"check(): a waiver key must be a code or a (code, location key) pair, got {key!r}"
                )
            code = key[0]
        elif isinstance(key, str):
            code = key
        else:
            raise TypeError(
                f"check(): a waiver key must be a code or a (code, location key) pair, got {key!r}"
            )
        if code not in known and not code.startswith(_FAMILIES):
            raise ValueError(
                f"check(): waiver for unknown finding code {code!r}; known codes: {sorted(known)}"
            )
        if not isinstance(reason, str) or not reason.strip():
            raise ValueError(
                f"check(): the waiver of {key!r} needs a reason (a non-empty string), got {reason!r}"
            )


def _waive(findings: list[Finding], waive: Mapping[Any, str]) -> list[Finding]:
    out = []
    for f in findings:
        reason = waive.get((f.code, f.location.key()))
        if reason is None:
            reason = waive.get(f.code)
        out.append(f.waive(reason) if reason is not None else f)
    return out


def _sort_key(f: Finding) -> tuple[int, tuple[int, int, int, str], str]:
    return (f.severity.rank, f.location.sort_key(), f.code)


_new_stats = tuple.__new__
#: Stats of a rule that crashed: one failed instance.
_CRASHED = RuleStats(1, 0, 1, 0)


def _internal_error(rule: Rule, exc: Exception) -> Finding:
    return make("internal-error", rule=rule.code, error=f"{type(exc).__name__}: {exc}")


def _run(rule: Rule, ctx: CheckContext) -> tuple[list[Finding], RuleStats]:
    try:
        result = rule.func(ctx)
        if rule.counted:
            found, p, f, n = cast(Counted, result)
            return found, _new_stats(RuleStats, (p + f + n, p, f, n))
        if type(result) is RuleResult:
            found = result.findings
            p, f, n = result.passed, result.failed, result.not_assessable
            stats = RuleStats(p + f + n, p, f, n)
        else:
            found = [] if result is None else list(cast("Iterable[Finding]", result))
            stats = RuleStats(1, 0, 1, 0) if found else RuleStats(1, 1, 0, 0)
        for item in found:
            if not isinstance(item, Finding):
                raise TypeError(f"a rule must return Finding objects, got {type(item).__name__} {item!r}")
    except Exception as exc:  # a crashing rule becomes a finding; the other rules still run
        return [_internal_error(rule, exc)], _CRASHED
    return found, stats


def check(
    report: Report,
    *,
    previous: Report | None = None,
    units: Any = None,
    waive: Mapping[Any, str] | None = None,
    blank_policy: BlankPolicy = "zero",
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    extra_rules: Iterable[Rule] = (),
    structure: StructureInfo | None = None,
    duplicate_threshold: float = 0.5,
) -> ValidationReport:
    """Run every rule on ``report`` and return all findings; never raises on bad content.

    Args:
        report: the report to check.
        previous: last year's report: runs the cross-year rules (``xyear.*``).
        units: the sub-unit reports of a consolidated report: runs the hierarchy rules (``consolidate.*``,
            :mod:`gov_disclosure.checks.hierarchy`).
        waive: ``{code or (code, location key): reason}``; matching findings are marked waived with the
            reason, stay in the report and no longer make it invalid. The location key is
            :meth:`~gov_disclosure.findings.Location.key` (e.g. ``"三/outcome_total/natural_person"``).
        blank_policy: ``"zero"`` (blank counts as 0; one ``cell.blank`` notice lists the blank cells) or
            ``"strict"`` (``cell.blank`` is a warning and the rule instances touching a blank cell are not
            assessable).
        select: codes or prefixes (``"t3."`` or ``"t3"``) of the rules to run; default all.
        ignore: codes or prefixes of the rules not to run.
        extra_rules: more :class:`~gov_disclosure.checks.Rule` objects for this call; one with the code of a
            registered rule replaces it.
        structure: the sections of the source document as a parser found them (headings and order); without
            it only the presence of text in sections 一、五、六 is checked.
        duplicate_threshold: passed to the cross-year rules (share of last year's text repeated before
            ``xyear.duplicate-text`` is raised).

    Raises:
        TypeError, ValueError: for misuse (not a Report, unknown policy, unknown code in select, ignore or
            waive, a waiver without reason) — never for the report's content.
    """
    if not isinstance(report, Report):
        raise TypeError(f"check(): expected a gov_disclosure.Report, got {type(report).__name__}")
    if blank_policy not in ("zero", "strict"):
        raise ValueError(f"check(): blank_policy must be 'zero' or 'strict', got {blank_policy!r}")
    if previous is not None and not isinstance(previous, Report):
        raise TypeError(f"check(): previous must be a gov_disclosure.Report, got {type(previous).__name__}")
    if structure is not None and not isinstance(structure, StructureInfo):
        raise TypeError(
            "check(): structure must be a gov_disclosure.checks.StructureInfo, "
            f"got {type(structure).__name__}"
        )
    rules = registered_rules()
    extra = tuple(extra_rules)
    if extra:
        for r in extra:
            if not isinstance(r, Rule):
                raise TypeError(f"check(): extra_rules must be Rule objects, got {type(r).__name__}")
        replaced = {r.code for r in extra}
        rules = tuple(r for r in rules if r.code not in replaced) + extra
    if previous is not None:
        rules += (XYEAR_RULE,)
    if units is not None:
        rules += (HIERARCHY_RULE,)
    selector: _Selector | None = None
    known: set[str] | None = None
    if select is not None or ignore is not None:
        known = _known_codes(rules)
        selector = _Selector(_patterns("select", select), _patterns("ignore", ignore) or (), known)
    if waive:
        _check_waivers(waive, known if known is not None else _known_codes(rules))

    ctx = CheckContext(
        report,
        blank_policy=blank_policy,
        previous=previous,
        units=units,
        structure=structure,
        duplicate_threshold=duplicate_threshold,
    )
    findings: list[Finding] = []
    by_rule: dict[str, RuleStats] = {}
    for r in rules:
        if selector is not None and not selector.runs(r):
            continue
        if r.counted:  # the built-in rules: inline, the hot path
            try:
                counted: Counted = r.func(ctx)  # type: ignore[assignment]  # (no cast() call per rule)
                found, p, f, n = counted
            except Exception as exc:  # a crashing rule becomes a finding; the other rules still run
                found, stats = [_internal_error(r, exc)], _CRASHED
            else:
                stats = _new_stats(RuleStats, (p + f + n, p, f, n))
        else:
            found, stats = _run(r, ctx)
        if found:
            findings.extend(found)
        by_rule[r.code] = stats
    if selector is not None:
        findings = [f for f in findings if selector.keeps(f.code)]
    if waive:
        findings = _waive(findings, waive)
    if len(findings) > 1:
        findings.sort(key=_sort_key)
    return ValidationReport(tuple(findings), Stats(MappingProxyType(by_rule)), blank_policy)


def validate(report: Report, **kwargs: Any) -> Report:
    """Return ``report`` when it has no unwaived error; else raise :class:`~gov_disclosure.FindingsError`
    carrying the findings (``exc.findings``) and the :class:`ValidationReport` (``exc.result``).

    Takes the keyword arguments of :func:`check`; misuse raises :class:`TypeError`/:class:`ValueError` as
    :func:`check` does.
    """
    result = check(report, **kwargs)
    if not result.ok:
        raise FindingsError(result.findings, subject=("报告", "the report"), result=result)
    return report


def is_valid(report: Report, **kwargs: Any) -> bool:
    """True when ``report`` has no unwaived error (:func:`validate` would not raise
    :class:`~gov_disclosure.FindingsError`).

    Takes the keyword arguments of :func:`check`; misuse (not a report, a wrong keyword or value) raises
    :class:`TypeError`/:class:`ValueError` rather than answering ``False``.
    """
    try:
        validate(report, **kwargs)
    except FindingsError:
        return False
    return True
