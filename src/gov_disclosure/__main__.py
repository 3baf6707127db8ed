"""``python -m gov_disclosure``: the ``gov-disclosure`` command (see :mod:`gov_disclosure.cli`).

The same subcommands and exit codes as the console script; see ``docs/cli.md``.
"""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
