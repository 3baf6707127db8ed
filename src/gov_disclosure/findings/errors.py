"""The library's exceptions: one root, :class:`GovDisclosureError`, and :class:`FindingsError` for strict
entry points that raise what a result would report (see ``docs/architecture.md``)."""

from __future__ import annotations

from collections.abc import Iterable

from .core import Finding, Lang, Severity

__all__ = ["FindingsError", "GovDisclosureError"]


class GovDisclosureError(ValueError):
    """Root of every exception the library raises on input it cannot use.

    A subclass of :class:`ValueError`, so that ``except ValueError`` keeps working. Misuse of the API (a wrong
    keyword, a wrong type) raises the built-in :class:`TypeError`/:class:`ValueError` instead.
    """


class FindingsError(GovDisclosureError):
    """Raised by strict entry points (``validate()``, ``workbook.read()``, …): the findings that stopped them.

    ``findings`` holds every finding (errors first); ``str()`` lists the errors in English, :meth:`to_text`
    in Chinese or English.
    """

    #: How many error lines ``str()`` shows before "… and N more".
    shown = 10

    def __init__(self, findings: Iterable[Finding], *, subject: str = "") -> None:
        self.findings: tuple[Finding, ...] = tuple(sorted(findings, key=lambda f: f.severity.rank))
        #: What the findings are about (a file name, ``"the report"``), for the messages.
        self.subject = subject
        super().__init__(self.to_text("en"))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings that were not waived."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR and f.waived is None)

    def to_text(self, lang: Lang = "zh") -> str:
        """The count of errors, then one error per line (at most :attr:`shown`)."""
        errors = self.errors or self.findings
        subject = f"{self.subject}: " if self.subject else ""
        if lang == "zh":
            head = f"{subject}有 {len(errors)} 处错误："
        else:
            head = f"{subject}{len(errors)} error finding(s):"
        lines = [head, *(f"- {f.code}: {f.message(lang)}" for f in errors[: self.shown])]
        if len(errors) > self.shown:
            more = len(errors) - self.shown
            lines.append(f"……另有 {more} 处" if lang == "zh" else f"… and {more} more")
        return "\n".join(lines)
