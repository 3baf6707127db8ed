"""The ``parse.*`` finding codes: what a parser could not read, and why.

Declared here at import time so that :func:`gov_disclosure.findings.catalogue` lists them (it imports
:mod:`gov_disclosure.parsers`). Messages quote the raw text and name the cell, row, section or line.
"""

from __future__ import annotations

from ..findings import Fault, Severity, define

__all__ = ["CODES"]

_E, _W, _N = Severity.ERROR, Severity.WARNING, Severity.NOTICE

CODES = (
    define(
        "parse.not-a-report",
        _E,
        title_zh="不是政府信息公开工作年度报告",
        title_en="Not an annual report on government information disclosure",
        template_zh="输入中没有找到年度报告的章节标题或统计表格（{reason}）",
        template_en="No section heading or table of an annual report was found in the input ({reason})",
        basis="format.md §2, §11",
    ),
    define(
        "parse.too-large",
        _E,
        title_zh="输入过大",
        title_en="Input too large",
        template_zh="输入共 {size} 字节，超过上限 {limit} 字节，未予读取",
        template_en="The input has {size} bytes, more than the limit of {limit}; it was not read",
    ),
    define(
        "parse.too-complex",
        _W,
        title_zh="输入结构超出读取上限",
        title_en="Input structure beyond the reading bounds",
        template_zh="{what}超过上限 {limit}，超出部分未读取",
        template_en="{what_en} exceeds the bound of {limit}; the rest was not read",
    ),
    define(
        "parse.bad-encoding",
        _W,
        title_zh="文字编码无法识别",
        title_en="Unknown text encoding",
        template_zh="输入既不是有效的 UTF-8 也不是有效的 GB18030/GBK 编码，"
        "已按 {used} 读取，无法识别的字节以 U+FFFD 代替",
        template_en="The input is neither valid UTF-8 nor GB18030/GBK; it was read as {used} with "
        "undecodable bytes replaced by U+FFFD",
    ),
    define(
        "parse.docx-invalid",
        _E,
        title_zh="Word 文件无效",
        title_en="Invalid Word file",
        template_zh="无法读取 .docx 文件：{reason}",
        template_en="The .docx file cannot be read: {reason}",
    ),
    define(
        "parse.missing-section",
        _W,
        title_zh="缺少章节",
        title_en="Section not found",
        template_zh="没有找到章节“{heading}”",
        template_en="Section {heading!s} was not found",
        basis="format.md §2.2",
    ),
    define(
        "parse.missing-table",
        _E,
        title_zh="缺少统计表",
        title_en="Table not found",
        template_zh="没有找到表{table}（{title}），其单元格均按空白处理",
        template_en="Table {table} ({title}) was not found; its cells are blank",
        basis="format.md §3–§5",
        fault=Fault.PUBLISHED,
    ),
    define(
        "parse.missing-row",
        _W,
        title_zh="缺少表格行",
        title_en="Table row not found",
        template_zh="表{table}中没有找到“{row_label}”行，其单元格按空白处理",
        template_en="Row {row_label!s} of table {table} was not found; its cells are blank",
        basis="format.md §3–§5",
        fault=Fault.PUBLISHED,
    ),
    define(
        "parse.missing-cell",
        _N,
        title_zh="缺少单元格",
        title_en="Cells missing from a row",
        template_zh="表{table}“{row_label}”行缺少单元格：{columns}，按空白处理",
        template_en="Row {row_label!s} of table {table} lacks the cells {columns}; they are blank",
        fault=Fault.PUBLISHED,
    ),
    define(
        "parse.extra-cells",
        _N,
        title_zh="多余的单元格",
        title_en="Extra cells in a row",
        template_zh="表{table}“{row_label}”行多出单元格（{quote}），已忽略",
        template_en="Row {row_label!s} of table {table} has extra cells ({quote}); they were ignored",
        fault=Fault.PUBLISHED,
    ),
    define(
        "parse.bad-number",
        _E,
        title_zh="数字无法识别",
        title_en="Unreadable number",
        template_zh="{location}：“{quote}”不是{expected}，按空白处理",
        template_en="{location}: {quote!r} is not {expected_en}; the cell is left blank",
        fault=Fault.PUBLISHED,
    ),
    define(
        "parse.unknown-row",
        _N,
        title_zh="无法识别的表格行",
        title_en="Unrecognised table row",
        template_zh="表格中的一行无法对应到统计表的任何一行，已忽略：“{quote}”",
        template_en="A table row matches no row of the form and was ignored: {quote!r}",
        fault=Fault.READING,
    ),
    define(
        "parse.label-variant",
        _N,
        title_zh="非标准标签",
        title_en="Non-standard label",
        template_zh="“{quote}”按近似匹配读作“{label}”",
        template_en="{quote!r} was read as {label!r} by approximate matching",
        fault=Fault.PUBLISHED,
    ),
    define(
        "parse.duplicate-row",
        _W,
        title_zh="重复的表格行",
        title_en="Row given twice",
        template_zh="表{table}“{row_label}”行出现两次且数值不同，采用第一次的数值（第二次：“{quote}”）",
        template_en="Row {row_label!s} of table {table} appears twice with different values; the first "
        "was kept (second: {quote!r})",
        fault=Fault.PUBLISHED,
    ),
    define(
        "parse.meta-missing",
        _W,
        title_zh="缺少报告信息",
        title_en="Report metadata not found",
        template_zh="没有找到{field_zh}（{where}）",
        template_en="The {field_en} was not found ({where_en})",
        basis="format.md §2.1",
    ),
    define(
        "parse.meta-inferred",
        _N,
        title_zh="报告信息系推断所得",
        title_en="Report metadata inferred",
        template_zh="报告未直接写明{field_zh}，根据{source_zh}推断为“{value}”",
        template_en="The {field_en} is not stated; {value!r} was inferred from the {source}",
    ),
    define(
        "parse.meta-required",
        _E,
        title_zh="缺少必需的报告信息",
        title_en="Required report metadata not found",
        template_zh="无法确定{field_zh}，因此无法生成完整的报告对象（已读出的单元格和段落仍保留在结果中）；"
        "可通过 parse(..., {field}=...) 或批量处理的 --meta 表提供",
        template_en="The {field_en} could not be determined, so no complete report could be built (the cells "
        "and paragraphs read are kept in the result); pass it as parse(..., {field}=...) or in the --meta "
        "table of a batch",
    ),
    define(
        "parse.bad-date",
        _W,
        title_zh="日期无法识别",
        title_en="Unreadable date",
        template_zh="“{quote}”不是有效日期",
        template_en="{quote!r} is not a valid date",
    ),
    define(
        "parse.template-2019",
        _W,
        title_zh="2019年试行格式",
        title_en="2019 trial format",
        template_zh="报告采用2019年试行格式（{markers}），只读取含义不变的单元格；未读取：{skipped}",
        template_en="The report uses the 2019 trial format ({markers}); only cells whose meaning did not "
        "change were read; not read: {skipped_en}",
        basis="format.md §7",
    ),
    define(
        "parse.template-unknown",
        _W,
        title_zh="无法判断报告格式",
        title_en="Report format not recognised",
        template_zh="表格中没有2021年格式的标志（本年制发件数、本年收费金额等），按2021年格式读取",
        template_en="The tables show no marker of the 2021 format (本年制发件数, 本年收费金额, …); they "
        "were read as the 2021 format",
        basis="format.md §7.4",
    ),
    define(
        "parse.trailing-text",
        _N,
        title_zh="落款后的文字",
        title_en="Text after the sign-off",
        template_zh="落款日期之后的文字未读入报告：“{quote}”",
        template_en="Text after the sign-off date was not read into the report: {quote!r}",
    ),
    define(
        "parse.split-digits",
        _N,
        title_zh="连写的数字已按勾稽关系拆分",
        title_en="Digits run together split by the form's equations",
        template_zh="表{table}以下各行的数字连在一起（如网页抓取的文本），已按表内勾稽关系唯一拆分：{rows}",
        template_en="In table {table}, the digits of these rows ran together (as in crawled page text) and "
        "were split the one way the form's equations allow: {rows}",
        basis="format.md §4",
        fault=Fault.READING,
    ),
    define(
        "parse.placed-blanks",
        _N,
        title_zh="空白单元格已按位置或勾稽关系定位",
        title_en="Blank cells placed by position or by the form's equations",
        template_zh="表{table}以下各行的数字少于栏数（空白单元格没有留下痕迹），已按版面位置或勾稽关系唯一确定"
        "各数所在的栏：{rows}",
        template_en="In table {table}, these rows hold fewer numbers than columns (blank cells left no "
        "trace); each number's column was settled by its position or by the form's equations: {rows}",
        basis="format.md §4",
        fault=Fault.READING,
    ),
    define(
        "parse.ambiguous-split",
        _W,
        title_zh="数字拆分不唯一",
        title_en="Digits split more than one way",
        template_zh="{location}：数字“{digits}”有{count}种符合勾稽关系的读法，无法确定的单元格留空："
        "{candidates}",
        template_en="{location}: the digits {digits!r} can be read {count} ways that satisfy the form's "
        "equations; the cells they disagree on are left blank: {candidates_en}",
        basis="format.md §4",
        fault=Fault.READING,
    ),
    define(
        "parse.unsplittable",
        _W,
        title_zh="本行数字无法满足本行合计",
        title_en="Row digits fit no reading that adds up",
        template_zh="{location}：数字“{digits}”无论怎样拆分都不满足本行合计，公布的本行数据本身有误；"
        "本行未读取（未作任何修正）",
        template_en="{location}: however the digits {digits!r} are split, the row does not add up to its "
        "total, so the published row itself is wrong; the row was not read (nothing was corrected)",
        basis="format.md §4",
        fault=Fault.PUBLISHED,
    ),
    define(
        "parse.table-unreadable",
        _W,
        title_zh="表格文字无法完整读取",
        title_en="Table text not fully understood",
        template_zh="表格的标签已找到，但有数字不属于任何一行，未读取；第一处不能理解的文字：“{quote}”",
        template_en="The table's labels were found but some numbers belong to no row and were not read; the "
        "first text not understood: {quote!r}",
        fault=Fault.READING,
    ),
)
