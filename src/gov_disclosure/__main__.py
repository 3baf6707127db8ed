"""``python -m gov_disclosure``: the ``gov-disclosure`` command (see :mod:`gov_disclosure.cli`)."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
