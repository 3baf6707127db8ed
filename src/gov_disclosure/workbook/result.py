"""The workbook's findings: the ``xlsx.*`` codes, :class:`XlsxError` raised by the strict entry points and
:class:`XlsxResult` returned by :func:`~gov_disclosure.workbook.read_result` (see ``docs/xlsx.md``)."""

from __future__ import annotations

from attrs import frozen

from ..findings import Finding, FindingsError, Lang, Result, Severity, define
from ..model import Report

__all__ = ["XlsxError", "XlsxResult"]

_WHERE_ZH = "工作表“{sheet}”{ref}"
_WHERE_EN = "sheet “{sheet}” {ref}"

define(
    "xlsx.unreadable",
    Severity.ERROR,
    title_zh="无法读取工作簿",
    title_en="Workbook cannot be read",
    template_zh="无法读取工作簿：{error}",
    template_en="The workbook cannot be read: {error}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.not-template",
    Severity.ERROR,
    title_zh="不是年度报告模板",
    title_en="Not a report template",
    template_zh="该工作簿不是 gov-disclosure 年度报告模板：没有工作表 {expected}（现有工作表：{found}）",
    template_en="This workbook is not a gov-disclosure report template: none of the sheets {expected} "
    "(sheets found: {found})",
    basis="docs/xlsx.md",
)
define(
    "xlsx.missing-sheet",
    Severity.ERROR,
    title_zh="缺少工作表",
    title_en="Missing sheet",
    template_zh="缺少工作表“{sheet}”（现有工作表：{found}）",
    template_en="Sheet “{sheet}” is missing (sheets found: {found})",
    basis="docs/xlsx.md",
)
define(
    "xlsx.sheet-renamed",
    Severity.WARNING,
    title_zh="工作表被改名",
    title_en="Sheet renamed",
    template_zh="工作表“{sheet}”被改名为“{found}”，已按原工作表读取",
    template_en="Sheet “{sheet}” was renamed to “{found}”; it was read as the original sheet",
    basis="docs/xlsx.md",
)
define(
    "xlsx.missing-row",
    Severity.ERROR,
    title_zh="缺少行",
    title_en="Missing row",
    template_zh="工作表“{sheet}”缺少“{label}”这一行（模板中为第{row}行）",
    template_en="Sheet “{sheet}” has lost the row “{label}” (row {row} of the template)",
    basis="docs/xlsx.md",
)
define(
    "xlsx.label",
    Severity.ERROR,
    title_zh="标签被改动",
    title_en="Label changed",
    template_zh=_WHERE_ZH + "：标签应为“{expected}”，实为“{found}”",
    template_en=_WHERE_EN + ": the label should be “{expected}”, found “{found}”",
    basis="format.md §3–§5",
)
define(
    "xlsx.formula",
    Severity.ERROR,
    title_zh="数据单元格中有公式",
    title_en="Formula in a data cell",
    template_zh=_WHERE_ZH + "（{label}）：数据单元格应直接填写数值，不能是公式 {found}",
    template_en=_WHERE_EN + " ({label}): a data cell must hold a value, not the formula {found}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.wrong-type",
    Severity.ERROR,
    title_zh="单元格类型错误",
    title_en="Wrong cell type",
    template_zh=_WHERE_ZH + "（{label}）：应填写{expected_zh}，实为 {found}",
    template_en=_WHERE_EN + " ({label}): expected {expected}, found {found}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.not-integer",
    Severity.ERROR,
    title_zh="数量不是整数",
    title_en="Count not a whole number",
    template_zh=_WHERE_ZH + "（{label}）：应填写整数，实为 {found}",
    template_en=_WHERE_EN + " ({label}): expected a whole number, found {found}",
    basis="DESIGN.md §4 cell.not-integer",
)
define(
    "xlsx.number-as-text",
    Severity.WARNING,
    title_zh="数字以文本形式存储",
    title_en="Number stored as text",
    template_zh=_WHERE_ZH + "（{label}）：数字以文本形式存储（{found}），已按 {value} 读取",
    template_en=_WHERE_EN + " ({label}): a number stored as text ({found}), read as {value}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.bad-value",
    Severity.ERROR,
    title_zh="取值无效",
    title_en="Invalid value",
    template_zh=_WHERE_ZH + "（{label}）：应为{expected_zh}，实为 {found}",
    template_en=_WHERE_EN + " ({label}): expected {expected}, found {found}",
    basis="docs/xlsx.md",
)
define(
    "xlsx.missing-value",
    Severity.ERROR,
    title_zh="必填项为空",
    title_en="Required value missing",
    template_zh=_WHERE_ZH + "（{label}）：必须填写{expected_zh}",
    template_en=_WHERE_EN + " ({label}): {expected} is required",
    basis="docs/xlsx.md",
)
define(
    "xlsx.cannot-write",
    Severity.ERROR,
    title_zh="无法写入单元格",
    title_en="Value cannot be written",
    template_zh="{path}：{reason_zh}",
    template_en="{path}: {reason}",
    basis="docs/xlsx.md",
)


class XlsxError(FindingsError):
    """A workbook could not become a report (or a report could not become a workbook).

    ``findings`` holds every problem found (errors first), each with its sheet, A1 reference, expected and
    found values in ``args``; ``str()`` lists them in English, :meth:`to_text` in Chinese or English.
    """

    def to_text(self, lang: Lang = "zh") -> str:
        """Every finding's message, one per line, errors first."""
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        head = f"工作簿有 {len(errors)} 处错误" if lang == "zh" else f"{len(errors)} error(s) in the workbook"
        return "\n".join(
            [head + ("：" if lang == "zh" else ":"), *("  " + f.message(lang) for f in self.findings)]
        )


@frozen(kw_only=True)
class XlsxResult(Result):
    """What :func:`~gov_disclosure.workbook.read_result` found: the report (``None`` when an error prevents
    it) and every finding."""

    report: Report | None
    findings: tuple[Finding, ...] = ()
