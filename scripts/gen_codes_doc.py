"""Write docs/codes.md, the list of every finding code, from gov_disclosure.findings.catalogue().

Run after adding or changing a finding code: ``python scripts/gen_codes_doc.py`` (``--check`` exits 1 when the
file is stale instead of writing it). tests/test_findings.py fails while the file is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gov_disclosure.findings import catalogue_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "codes.md"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) docs/codes.md; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if docs/codes.md is stale; write nothing"
    )
    args = parser.parse_args(argv)
    text = catalogue_markdown()
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else None
    if args.check:
        if current != text:
            print(f"{DOC} is stale: run python scripts/gen_codes_doc.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
