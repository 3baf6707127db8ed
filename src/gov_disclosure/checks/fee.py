"""``fee.section-six``: a fee amount in table 二 but nothing about fees in section 六.

One instance. When table 二 states an amount above 0 in 第二十条第（八）项 (本年收费金额, 万元),
section 六 (其他需要报告的事项) should say something about fees: the rule looks for 收费, 处理费
(信息处理费), 费用, 缴费 or 收取 in its paragraphs and sub-headings. A warning only: the table-二 amount is
the agency's administrative fees (行政事业性收费, Regulation art. 20(八)), while what real reports put in
section 六 is the information-processing fee (信息处理费, 国办函〔2020〕109号); the two are related only
loosely (format.md §2.3, §8 C10).

A blank or zero amount passes; an amount that is not a number, or a blank under ``blank_policy="strict"``, is
not assessable.
"""

from __future__ import annotations

import re
from typing import Final

from .. import form
from ..cellview import ref
from ..findings import Location, Severity, define, make
from .base import CheckContext, Counted, Rule, _is_number, register

__all__: list[str] = []

_FEE = ref("二", "fees", "amount")
_SIX = next(s for s in form.SECTIONS if s.id == "other_matters")

define(
    "fee.section-six",
    Severity.WARNING,
    title_zh="第六部分未说明收费情况",
    title_en="Section 六 says nothing of fees",
    template_zh=f"表二“{_FEE.row.label}”为{{amount}}万元，但“{_SIX.heading}”未提及收费情况",
    template_en="Table 二 states fees of {amount} (万元), but section 六 says nothing about fees",
    basis="format.md §2.3 (section 六), §8 C10 (soft)",
)

_MENTION: Final = re.compile(r"收费|处理费|费用|缴费|收取")
_LOCATION: Final = Location(section="other_matters", path="$.other_matters")


def section_six(ctx: CheckContext) -> Counted:
    """A fee above 0 in table 二 is mentioned in section 六."""
    raw = ctx.grid.fee
    if raw is None and not ctx.strict:
        return [], 1, 0, 0
    if raw is None or not _is_number(raw):
        return [], 0, 0, 1
    if raw <= 0 or any(_MENTION.search(p) for p in ctx.report.other_matters.all_paragraphs()):
        return [], 1, 0, 0
    return [make("fee.section-six", location=_LOCATION, cells=(_FEE.address,), amount=raw)], 0, 1, 0


register(Rule(code="fee.section-six", func=section_six, description=section_six.__doc__ or "", counted=True))
