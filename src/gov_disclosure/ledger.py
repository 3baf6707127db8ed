"""Table 三 from a ledger of applications: one record per application, counted into the right rows, so that
every table 三 rule holds by construction; impossible records are rejected all at once in one
:class:`LedgerError`. See ``docs/consolidate.md`` (Ledger tabulation)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Final, Literal

from attrs import frozen

from . import form
from .findings import GovDisclosureError
from .model import ApplicantCounts, Applications

__all__ = ["LedgerBlankPolicy", "LedgerError", "LedgerProblem", "LedgerRecord", "tabulate"]

#: How :func:`tabulate` writes a cell that counts no record: ``"zero"`` writes 0, ``"blank"`` leaves it blank.
LedgerBlankPolicy = Literal["zero", "blank"]

#: Column ids a record's applicant kind may take (every table 三 column but 总计).
APPLICANT_KINDS: Final = form.APPLICANT_COLUMNS
#: Row ids a record's outcome may take (the 21 result rows).
OUTCOMES: Final = form.RESULT_ROWS


@frozen(kw_only=True)
class LedgerRecord:
    """One application in an agency's ledger (台账)."""

    #: Kind of applicant: a column id of table 三 other than ``total``, e.g. ``"natural_person"``.
    applicant: str
    #: Date of receipt (Regulation art. 31 fixes how it is determined).
    received: _dt.date
    #: Date the application was concluded (答复/办结), or ``None`` while it is open.
    concluded: _dt.date | None = None
    #: The result row it was concluded under (an id of :data:`gov_disclosure.form.RESULT_ROWS`, e.g.
    #: ``"disclosed"``), or ``None`` while it is open.
    outcome: str | None = None


@frozen
class LedgerProblem:
    """Why one record was rejected."""

    #: 0-based position of the record in the input.
    index: int
    reason: str

    def __str__(self) -> str:
        return f"record #{self.index}: {self.reason}"


class LedgerError(GovDisclosureError):
    """Some ledger records are impossible; :attr:`problems` lists every one of them."""

    #: How many problems the message lists before "… and N more".
    SHOWN: Final = 20

    def __init__(self, problems: Iterable[LedgerProblem], year: int) -> None:
        self.problems: tuple[LedgerProblem, ...] = tuple(problems)
        self.year = year
        lines = [str(p) for p in self.problems[: self.SHOWN]]
        more = len(self.problems) - self.SHOWN
        if more > 0:
            lines.append(f"… and {more} more")
        super().__init__(
            f"{len(self.problems)} impossible ledger record(s) for the {year} table 三:\n  "
            + "\n  ".join(lines)
        )


_ROWS: Final = tuple(r.id for r in form.APPLICATIONS.rows)
_KIND_INDEX: Final = {k: i for i, k in enumerate(APPLICANT_KINDS)}
_OUTCOME_INDEX: Final = {o: _ROWS.index(o) for o in OUTCOMES}
_RECEIVED: Final = _ROWS.index("received")
_CARRIED_OVER: Final = _ROWS.index("carried_over")
_OUTCOME_TOTAL: Final = _ROWS.index("outcome_total")
_CARRIED_FORWARD: Final = _ROWS.index("carried_forward")


def _problem(
    r: LedgerRecord, kind_ok: bool, outcome_ok: bool, last: _dt.date, year: int
) -> str:  # the slow path: say everything that is wrong with one record
    reasons: list[str] = []
    if not kind_ok:
        reasons.append(
            f"unknown applicant kind {r.applicant!r} (expected one of {', '.join(APPLICANT_KINDS)})"
        )
    if not outcome_ok:
        reasons.append(f"unknown outcome {r.outcome!r} (expected None or a result row id, e.g. 'disclosed')")
    received_ok = type(r.received) is _dt.date
    concluded_ok = r.concluded is None or type(r.concluded) is _dt.date
    if not received_ok:
        reasons.append(f"received: expected a datetime.date, got {type(r.received).__name__} {r.received!r}")
    if not concluded_ok:
        reasons.append(
            f"concluded: expected a datetime.date or None, got {type(r.concluded).__name__} {r.concluded!r}"
        )
    if received_ok and concluded_ok:
        if r.concluded is not None and r.concluded < r.received:
            reasons.append(
                f"concluded {r.concluded.isoformat()} before it was received {r.received.isoformat()}"
            )
        if r.received > last:
            reasons.append(f"received {r.received.isoformat()}, after the report year {year}")
    if r.outcome is not None and r.concluded is None:
        reasons.append(f"outcome {r.outcome!r} but no concluded date")
    if r.concluded is not None and r.outcome is None:
        reasons.append("a concluded date but no outcome")
    return "; ".join(reasons)


def tabulate(
    records: Iterable[LedgerRecord], year: int, *, blank_policy: LedgerBlankPolicy = "zero"
) -> Applications:
    """Table 三 of ``year`` from a ledger of applications.

    Args:
        records: the ledger; each record needs the attributes of :class:`LedgerRecord`.
        year: the report year.
        blank_policy: ``"zero"`` writes 0 in a cell that counts no record; ``"blank"`` leaves it blank.

    Returns:
        the :class:`~gov_disclosure.Applications` table, satisfying every table 三 rule.

    Raises:
        LedgerError: some records are impossible (all of them are listed, with index and reason).
        TypeError, ValueError: ``year`` is not an int, or an unknown ``blank_policy``.
    """
    if type(year) is not int:
        raise TypeError(f"tabulate(): year must be an int, got {type(year).__name__} {year!r}")
    if blank_policy not in ("zero", "blank"):
        raise ValueError(f"tabulate(): blank_policy must be 'zero' or 'blank', got {blank_policy!r}")
    first, last = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    n_cols = len(APPLICANT_KINDS)
    counts = [0] * (len(_ROWS) * n_cols)
    kinds, outcomes = _KIND_INDEX, _OUTCOME_INDEX
    date = _dt.date
    problems: list[LedgerProblem] = []
    for i, r in enumerate(records):
        col = kinds.get(r.applicant)
        out = r.outcome
        rec = r.received
        con = r.concluded
        row = -2 if out is None else outcomes.get(out, -1)  # -2: open, -1: unknown outcome
        if (
            col is None
            or row == -1
            or type(rec) is not date
            or rec > last
            or (con is None) != (out is None)
            or (con is not None and (type(con) is not date or con < rec))
        ):
            problems.append(LedgerProblem(i, _problem(r, col is not None, row != -1, last, year)))
            continue
        if con is not None and con < first:
            continue  # concluded before the year: not in this year's table
        counts[(_RECEIVED if rec >= first else _CARRIED_OVER) * n_cols + col] += 1
        if con is not None and con <= last:
            counts[row * n_cols + col] += 1
        else:
            counts[_CARRIED_FORWARD * n_cols + col] += 1
    if problems:
        raise LedgerError(problems, year)
    for k in range(n_cols):
        counts[_OUTCOME_TOTAL * n_cols + k] = sum(counts[_OUTCOME_INDEX[o] * n_cols + k] for o in OUTCOMES)
    rows: dict[str, ApplicantCounts] = {}
    for ri, rid in enumerate(_ROWS):
        values = counts[ri * n_cols : (ri + 1) * n_cols]
        total = sum(values)
        cells: dict[str, int | None] = dict(zip(APPLICANT_KINDS, values, strict=True))
        cells["total"] = total
        if blank_policy == "blank":
            cells = {k: (v or None) for k, v in cells.items()}
        rows[rid] = ApplicantCounts(**cells)
    return Applications(**rows)
