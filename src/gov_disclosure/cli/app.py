"""The ``gov-disclosure`` click group, its subcommands, and ``main``, the console entry point.

Exit codes: 0 no input has an error, 1 an input has errors, 2 an input could not be read or the command was
used wrongly. See ``docs/cli.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from .. import __version__
from .checking import check_command
from .combine import compare_command, consolidate_command
from .convert import parse_command, render_command, schema_command
from .messages import default_lang, msg
from .start import demo_command, new_command

__all__ = ["command", "main"]


@click.group(
    "gov-disclosure", context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="gov-disclosure")
def command() -> None:
    """政府信息公开工作年度报告：填报、检查、生成、解析、汇总、比较。

    Annual reports on government information disclosure (2021 format): fill, check, render, parse,
    consolidate and compare. Messages in Chinese by default; --lang en for English.
    """


for _sub in (
    new_command,
    check_command,
    render_command,
    parse_command,
    consolidate_command,
    compare_command,
    schema_command,
    demo_command,
):
    command.add_command(_sub)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``gov-disclosure`` command (and ``python -m gov_disclosure``)."""
    lang = default_lang()
    try:
        command.main(args=list(argv) if argv is not None else None, prog_name="gov-disclosure")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo(msg("error", lang) + msg("interrupted", lang), err=True)
        sys.exit(130)
