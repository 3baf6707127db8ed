"""The library's exceptions: one root, :class:`GovDisclosureError`, and :class:`FindingsError` for strict
entry points that raise what a result would report (see ``docs/architecture.md``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .core import Finding, Lang, Severity

if TYPE_CHECKING:
    from .result import Result

__all__ = ["FindingsError", "GovDisclosureError"]


class GovDisclosureError(ValueError):
    """Root of every exception the library raises on input it cannot use.

    A subclass of :class:`ValueError`, so that ``except ValueError`` keeps working. Misuse of the API (a wrong
    keyword, a wrong type) raises the built-in :class:`TypeError`/:class:`ValueError` instead.
    """


class FindingsError(GovDisclosureError):
    """Raised by strict entry points (``validate()``, ``workbook.read()``, …): the findings that stopped them.

    ``findings`` holds every finding (errors first); ``result`` the :class:`~gov_disclosure.findings.Result`
    they come from, when there is one. ``str()`` lists the errors in English, :meth:`to_text` in Chinese or
    English.
    """

    #: How many error lines ``str()`` shows before "… and N more".
    shown = 10

    def __init__(
        self,
        findings: Iterable[Finding],
        *,
        subject: str | tuple[str, str] = "",
        result: Result | None = None,
    ) -> None:
        self.findings: tuple[Finding, ...] = tuple(sorted(findings, key=lambda f: f.severity.rank))
        #: What the findings are about: a file name, or a ``(zh, en)`` pair (``("报告", "the report")``).
        self.subject = subject
        #: The result the findings come from (e.g. the :class:`~gov_disclosure.checks.ValidationReport` of
        #: ``validate()``), or ``None``.
        self.result = result
        super().__init__(self.to_text("en"))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings that were not waived."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR and f.waived is None)

    @property
    def codes(self) -> tuple[str, ...]:
        """The code of every finding, in order."""
        return tuple(f.code for f in self.findings)

    def to_text(self, lang: Lang = "zh") -> str:
        """The count of errors, then one error per line (at most :attr:`shown`)."""
        errors = self.errors or self.findings
        subject = self.subject if isinstance(self.subject, str) else self.subject[1 if lang == "en" else 0]
        if lang == "zh":
            head = f"{subject}有 {len(errors)} 处错误："
        else:
            head = (
                f"{subject} has {len(errors)} error finding(s):"
                if subject
                else f"{len(errors)} error finding(s):"
            )
        lines = [head, *(f"- {f.code}: {f.message(lang)}" for f in errors[: self.shown])]
        if len(errors) > self.shown:
            more = len(errors) - self.shown
            lines.append(f"……另有 {more} 处" if lang == "zh" else f"… and {more} more")
        return "\n".join(lines)
