"""The ``gov-disclosure`` command: fill, check, render, parse, consolidate and compare annual reports.

``main`` is the console entry point (also ``python -m gov_disclosure``); ``command`` is the click group.
Messages are in Chinese by default (``--lang en`` for English). Requires click
(``pip install 'gov-disclosure[cli]'``). See ``docs/cli.md``.
"""

from __future__ import annotations

try:
    import click as _click  # noqa: F401
except ModuleNotFoundError as _exc:  # pragma: no cover - depends on the environment
    raise ModuleNotFoundError(
        "the gov-disclosure command needs click: pip install 'gov-disclosure[cli]'", name="click"
    ) from _exc

from .app import command, main

__all__ = ["command", "main"]
