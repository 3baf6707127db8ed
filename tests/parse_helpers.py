"""Shared data for the parser tests: the report every hand-made variant in ``tests/data/parse/`` encodes."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path

from gov_disclosure import build
from gov_disclosure.model import (
    ActiveDisclosure,
    AgencyKind,
    DocumentCounts,
    Meta,
    Narrative,
    Report,
    Subsection,
)

DATA = Path(__file__).parent / "data" / "parse"
SEED = Path(__file__).parent / "data" / "naidong-2024-annual-report.txt"


def sample_report() -> Report:
    """示例区人民政府 2023 (fictional): values in every table, a subsection, a fee with decimals."""
    return Report(
        meta=Meta(
            agency="示例区人民政府",
            year=2023,
            kind=AgencyKind.GOVERNMENT,
            published=_dt.date(2024, 3, 28),
            issuer="示例区人民政府办公室",
            period_start=_dt.date(2023, 1, 1),
            period_end=_dt.date(2023, 12, 31),
        ),
        preamble=(
            "本报告依据《中华人民共和国政府信息公开条例》编制。报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        ),
        overview=Narrative(
            paragraphs=("2023年，示例区认真贯彻落实《条例》，政府信息公开工作取得新进展。",),
            subsections=(
                Subsection(heading="（一）主动公开", paragraphs=("全年主动公开政府信息1200条。",)),
                Subsection(heading="（二）依申请公开", paragraphs=("全年新收政府信息公开申请13件。",)),
            ),
        ),
        active_disclosure=ActiveDisclosure(
            rules=DocumentCounts(issued=0, repealed=0, in_force=5),
            normative_documents=DocumentCounts(issued=3, repealed=1, in_force=20),
            licensing=1200,
            penalty=35,
            coercion=2,
            fees=Decimal("1.50"),
        ),
        applications=build.applications(
            received={"natural_person": 10, "commercial": 2, "legal_services": 1},
            carried_over={"natural_person": 1},
            disclosed={"natural_person": 5, "commercial": 1},
            partly_disclosed={"natural_person": 1},
            withheld_state_secret={"natural_person": 1},
            unable_not_held={"natural_person": 2, "commercial": 1},
            declined_repeated={"natural_person": 1},
            carried_forward={"natural_person": 1, "legal_services": 1},
        ),
        review_litigation=build.review_litigation(
            reconsideration={"upheld": 1},
            litigation_direct={"pending": 1},
        ),
        problems=Narrative(paragraphs=("政府信息公开工作仍存在一些不足。",)),
        other_matters=Narrative(paragraphs=("本年度未收取信息处理费。",)),
    )
