"""The sections and the three tables of the 2021 form, with their official labels (``docs/model.md``).

Labels use the official code points (full-width ``（）：，、``, curly quotes, ASCII ``.`` after item numbers).
"""

from __future__ import annotations

from typing import Final, Literal

from attrs import frozen

__all__ = [
    "ACTIVE_DISCLOSURE",
    "APPLICANT_COLUMNS",
    "APPLICATIONS",
    "CASE_PARTS",
    "FORM_SOURCE",
    "FORM_VERSION",
    "RESULTS_GROUP",
    "RESULT_ROWS",
    "REVIEW_LITIGATION",
    "SECTIONS",
    "TABLES",
    "TITLE_SUFFIX",
    "Block",
    "CellAddress",
    "Column",
    "Row",
    "Section",
    "Table",
    "TableId",
    "cell_addresses",
    "table",
]

#: The version of the format this module describes.
FORM_VERSION: Final = "2021"
#: The document that issued the format.
FORM_SOURCE: Final = "国办公开办函〔2021〕30号"
#: Title pattern: ``{agency}{year}年`` + this suffix.
TITLE_SUFFIX: Final = "政府信息公开工作年度报告"

TableId = Literal["二", "三", "四"]
#: A cell's official address: (table, row label, column label).
CellAddress = tuple[str, str, str]


@frozen
class Section:
    """One of the six numbered sections of the report."""

    number: int
    id: str
    heading: str
    #: Other headings real reports use for this section (exact text, including the numeral).
    variants: tuple[str, ...] = ()
    #: The table the section holds (``"二"``, ``"三"``, ``"四"``), or ``None`` for a section of text only.
    table: TableId | None = None

    @property
    def text_field(self) -> str:
        """The :class:`~gov_disclosure.model.Report` attribute holding the section's text: the section id
        for a section of text (一、五、六), ``{id}_text`` for the text printed around a table (二、三、四)."""
        return self.id if self.table is None else f"{self.id}_text"


@frozen
class Column:
    """A data column of a table: a stable id (the JSON key) and the official label."""

    id: str
    label: str
    #: The label of the merged header above this column, if any (e.g. 法人或其他组织).
    group: str | None = None


@frozen
class Row:
    """A data row of a table: a stable id (the JSON key) and the official label."""

    id: str
    label: str
    #: Labels of the row-spanning header cells this row sits under, outermost first.
    groups: tuple[str, ...] = ()
    #: Kind of value in the row's cells: a count of items, or an amount in 万元.
    unit: Literal["count", "amount"] = "count"


@frozen
class Block:
    """A block of a table: a 第二十条 item of table 二, a review/litigation group of table 四, or table 三."""

    id: str
    caption: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    #: Label of the first header cell (table 二: 信息内容), if any.
    header: str | None = None
    #: Label of a header spanning several blocks (table 四: 行政诉讼 over the two litigation blocks).
    group: str | None = None


@frozen
class Table:
    """One of the three numeric tables."""

    id: TableId
    section: str
    blocks: tuple[Block, ...]
    #: A note printed in the table's top-left header cell (table 三's 勾稽 note).
    note: str | None = None
    #: Label of the header spanning the data columns (table 三: 申请人情况).
    columns_header: str | None = None

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every data row, in form order."""
        return tuple(row for block in self.blocks for row in block.rows)

    def block(self, block_id: str) -> Block:
        """The block with this id; ``KeyError`` if there is none."""
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)


# ---------------------------------------------------------------------------------------------------------
# Sections

SECTIONS: Final[tuple[Section, ...]] = (
    Section(1, "overview", "一、总体情况"),
    Section(2, "active_disclosure", "二、主动公开政府信息情况", table="二"),
    Section(3, "applications", "三、收到和处理政府信息公开申请情况", table="三"),
    Section(
        4,
        "review_litigation",
        "四、政府信息公开行政复议、行政诉讼情况",
        variants=(
            "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "四、政府信息公开行政复议和行政诉讼情况",
        ),
        table="四",
    ),
    Section(
        5,
        "problems",
        "五、存在的主要问题及改进情况",
        variants=(
            "五、政府信息公开工作存在的主要问题及改进情况",
            "五、存在问题及改进情况",
            "五、存在的主要问题及改进措施",
        ),
    ),
    Section(6, "other_matters", "六、其他需要报告的事项"),
)

# ---------------------------------------------------------------------------------------------------------
# Table 二 — 主动公开政府信息情况

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

ACTIVE_DISCLOSURE: Final = Table(
    id="二",
    section="active_disclosure",
    blocks=(
        Block(
            id="item1",
            caption="第二十条第（一）项",
            header="信息内容",
            rows=(Row("rules", "规章"), Row("normative_documents", "行政规范性文件")),
            columns=(
                Column("issued", "本年制发件数"),
                Column("repealed", "本年废止件数"),
                Column("in_force", "现行有效件数"),
            ),
        ),
        Block(
            id="item5",
            caption="第二十条第（五）项",
            header="信息内容",
            rows=(Row("licensing", "行政许可"),),
            columns=_DECISIONS,
        ),
        Block(
            id="item6",
            caption="第二十条第（六）项",
            header="信息内容",
            rows=(Row("penalty", "行政处罚"), Row("coercion", "行政强制")),
            columns=_DECISIONS,
        ),
        Block(
            id="item8",
            caption="第二十条第（八）项",
            header="信息内容",
            rows=(Row("fees", "行政事业性收费", unit="amount"),),
            columns=(Column("amount", "本年收费金额（单位：万元）"),),
        ),
    ),
)

# ---------------------------------------------------------------------------------------------------------
# Table 三 — 收到和处理政府信息公开申请情况

_ORGS = "法人或其他组织"
_RESULTS = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

APPLICATIONS: Final = Table(
    id="三",
    section="applications",
    note="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    columns_header="申请人情况",
    blocks=(
        Block(
            id="applications",
            caption="",
            columns=(
                Column("natural_person", "自然人"),
                Column("commercial", "商业企业", _ORGS),
                Column("research", "科研机构", _ORGS),
                Column("nonprofit", "社会公益组织", _ORGS),
                Column("legal_services", "法律服务机构", _ORGS),
                Column("other", "其他", _ORGS),
                Column("total", "总计"),
            ),
            rows=(
                Row("received", "一、本年新收政府信息公开申请数量"),
                Row("carried_over", "二、上年结转政府信息公开申请数量"),
                Row("disclosed", "（一）予以公开", (_RESULTS,)),
                Row(
                    "partly_disclosed",
                    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                    (_RESULTS,),
                ),
                Row("withheld_state_secret", "1.属于国家秘密", (_RESULTS, _WITHHELD)),
                Row("withheld_prohibited", "2.其他法律行政法规禁止公开", (_RESULTS, _WITHHELD)),
                Row("withheld_security", "3.危及“三安全一稳定”", (_RESULTS, _WITHHELD)),
                Row("withheld_third_party", "4.保护第三方合法权益", (_RESULTS, _WITHHELD)),
                Row("withheld_internal", "5.属于三类内部事务信息", (_RESULTS, _WITHHELD)),
                Row("withheld_process", "6.属于四类过程性信息", (_RESULTS, _WITHHELD)),
                Row("withheld_enforcement", "7.属于行政执法案卷", (_RESULTS, _WITHHELD)),
                Row("withheld_inquiry", "8.属于行政查询事项", (_RESULTS, _WITHHELD)),
                Row("unable_not_held", "1.本机关不掌握相关政府信息", (_RESULTS, _UNABLE)),
                Row("unable_to_create", "2.没有现成信息需要另行制作", (_RESULTS, _UNABLE)),
                Row("unable_unclear", "3.补正后申请内容仍不明确", (_RESULTS, _UNABLE)),
                Row("declined_complaint", "1.信访举报投诉类申请", (_RESULTS, _NOT_PROCESSED)),
                Row("declined_repeated", "2.重复申请", (_RESULTS, _NOT_PROCESSED)),
                Row("declined_publication", "3.要求提供公开出版物", (_RESULTS, _NOT_PROCESSED)),
                Row("declined_excessive", "4.无正当理由大量反复申请", (_RESULTS, _NOT_PROCESSED)),
                Row(
                    "declined_confirmation",
                    "5.要求行政机关确认或重新出具已获取信息",
                    (_RESULTS, _NOT_PROCESSED),
                ),
                Row(
                    "other_no_correction",
                    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    (_RESULTS, _OTHER),
                ),
                Row(
                    "other_no_fee",
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                    (_RESULTS, _OTHER),
                ),
                Row("other_other", "3.其他", (_RESULTS, _OTHER)),
                Row("outcome_total", "（七）总计", (_RESULTS,)),
                Row("carried_forward", "四、结转下年度继续办理"),
            ),
        ),
    ),
)

#: Ids of table 三's columns that hold applicant counts (every column but 总计).
APPLICANT_COLUMNS: Final = tuple(c.id for c in APPLICATIONS.blocks[0].columns if c.id != "total")
#: Ids of table 三's 21 result rows, summed by （七）总计.
RESULT_ROWS: Final = tuple(
    r.id for r in APPLICATIONS.rows if r.groups[:1] == (_RESULTS,) and r.id != "outcome_total"
)
#: Label of the row-spanning header over the result rows.
RESULTS_GROUP: Final = _RESULTS

# ---------------------------------------------------------------------------------------------------------
# Table 四 — 政府信息公开行政复议、行政诉讼情况

_CASE_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
_LITIGATION = "行政诉讼"

REVIEW_LITIGATION: Final = Table(
    id="四",
    section="review_litigation",
    blocks=(
        Block(
            id="reconsideration",
            caption="行政复议",
            rows=(Row("reconsideration", "行政复议"),),
            columns=_CASE_COLUMNS,
        ),
        Block(
            id="litigation_direct",
            caption="未经复议直接起诉",
            group=_LITIGATION,
            rows=(Row("litigation_direct", "未经复议直接起诉"),),
            columns=_CASE_COLUMNS,
        ),
        Block(
            id="litigation_after_review",
            caption="复议后起诉",
            group=_LITIGATION,
            rows=(Row("litigation_after_review", "复议后起诉"),),
            columns=_CASE_COLUMNS,
        ),
    ),
)

#: Ids of table 四's columns summed by each block's 总计.
CASE_PARTS: Final = tuple(c.id for c in _CASE_COLUMNS if c.id != "total")

TABLES: Final[tuple[Table, ...]] = (ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION)


def table(table_id: str) -> Table:
    """The table with this id (``"二"``, ``"三"`` or ``"四"``); ``KeyError`` otherwise."""
    for t in TABLES:
        if t.id == table_id:
            return t
    raise KeyError(table_id)


def cell_addresses() -> tuple[CellAddress, ...]:
    """Every cell's official address, in form order: 10 in table 二, 175 in 三, 15 in 四."""
    out: list[CellAddress] = []
    for t in TABLES:
        for block in t.blocks:
            for row in block.rows:
                for col in block.columns:
                    out.append((t.id, row.label, col.label))
    return tuple(out)
