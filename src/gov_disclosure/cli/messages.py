"""Every message the ``gov-disclosure`` command prints, in Chinese and English, keyed by message id.

``msg(id, lang, **args)`` formats one; the command speaks Chinese unless ``--lang en`` or
``GOV_DISCLOSURE_LANG=en`` says otherwise (see ``docs/cli.md``).
"""

from __future__ import annotations

import os
from typing import Any, Final

from ..findings import Lang

__all__ = ["MESSAGES", "default_lang", "msg"]

#: Message id -> (Chinese, English), with ``{name}`` placeholders filled by :func:`msg`.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "error": ("错误：", "Error: "),
    "internal": (
        "内部错误（{kind}）：{error}。请报告此问题；设置 GOV_DISCLOSURE_DEBUG=1 可查看详情",
        "internal error ({kind}): {error}. Please report it; set GOV_DISCLOSURE_DEBUG=1 for details",
    ),
    "interrupted": ("已中断", "interrupted"),
    "waive": (
        "--waive 应写作 代码=理由 或 代码@位置=理由：{item}",
        "--waive must be CODE=REASON or CODE@LOCATION=REASON: {item}",
    ),
    "unknown-code": (
        "未知的问题代码：{code}（gov-disclosure 的问题代码见 docs/codes.md）",
        "unknown finding code: {code} (see docs/codes.md for the codes)",
    ),
    "not-found": ("找不到文件或文件夹：{path}", "no such file or folder: {path}"),
    "written": ("已写入 {path}", "Wrote {path}"),
    "exists": ("{path} 已存在；使用 --force 覆盖", "{path} exists; use --force to overwrite it"),
    "new-ext": (
        "输出文件的扩展名应为 .json 或 .xlsx：{path}",
        "the output file must end in .json or .xlsx: {path}",
    ),
    "out-ext": (
        "无法从扩展名判断输出格式：{path}（可用 {choices}）",
        "cannot tell the output format from {path} (use one of {choices})",
    ),
    "binary-stdout": (
        "{fmt} 是二进制格式，请用 -o 指定输出文件",
        "{fmt} is a binary format: give an output file with -o",
    ),
    "no-files": ("没有找到可读取的文件：{paths}", "no input files found in: {paths}"),
    "one-file": (
        "--previous 和 --units 只能用于检查单个文件",
        "--previous and --units can only be used when checking a single file",
    ),
    "parse-out-dir": (
        "解析多个文件时，-o 应为文件夹：{path}",
        "when parsing several files, -o must be a folder: {path}",
    ),
    "file": ("文件：{file}（{format}）", "File: {file} ({format})"),
    "verdict-valid": ("校验结果：通过", "Result: valid"),
    "verdict-errors": ("校验结果：有错误", "Result: errors"),
    "verdict-counts": ("{verdict}（{counts}）", "{verdict} ({counts})"),
    "counts": (
        "错误 {e} 个，警告 {w} 个，提示 {n} 个，已豁免 {x} 个",
        "{e} error(s), {w} warning(s), {n} notice(s), {x} waived",
    ),
    "no-findings": ("未发现问题。", "No findings."),
    "unreadable": ("无法读取：{file}", "Unreadable: {file}"),
    "with-errors": ("有错误：{file}", "Errors: {file}"),
    "header": ("级别|代码|位置|说明", "Severity|Code|Location|Message"),
    "parsed": ("已解析", "parsed"),
    "findings-written": ("问题清单已写入 {path}（{n} 条）", "Wrote {n} finding(s) to {path}"),
    "included": ("汇总单位 {n} 个：{units}", "{n} unit(s) summed: {units}"),
    "demo-files": ("示例报告已生成在 {dir}：", "The example report was written to {dir}:"),
    "demo-check": ("示例报告的检查结果：", "Check of the example report:"),
    "demo-next": (
        "下一步：用 gov-disclosure check 检查你的报告，或用 gov-disclosure new 生成填报模板。",
        "Next: check your own report with gov-disclosure check, or get a template with gov-disclosure new.",
    ),
    "check-progress": ("检查中", "Checking"),
    "parse-progress": ("解析中", "Parsing"),
}


def msg(id: str, lang: Lang = "zh", **args: Any) -> str:
    """The message ``id`` in ``lang`` with ``args`` filled in (``KeyError`` for an unknown id)."""
    zh, en = MESSAGES[id]
    return (zh if lang == "zh" else en).format(**args)


def default_lang() -> Lang:
    """English when ``GOV_DISCLOSURE_LANG`` starts with ``en``, else Chinese."""
    return "en" if os.environ.get("GOV_DISCLOSURE_LANG", "").lower().startswith("en") else "zh"
