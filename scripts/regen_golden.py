"""Regenerate the golden files of the renderers: the bundled example in every format.

Usage: ``python scripts/regen_golden.py`` (from the repository root, with the package installed). Review the
diff (``git diff tests/golden``) before committing: a golden file changes only when the output changes on
purpose. ``tests/test_render_golden.py`` compares the renderers' output with these files byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gov_disclosure import examples
from gov_disclosure.renderers import FORMATS, render

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"
#: File name of each format's golden file.
NAMES = {
    "text": "naidong-2024.txt",
    "markdown": "naidong-2024.md",
    "html": "naidong-2024.html",
    "docx": "naidong-2024.docx",
}


def golden_outputs() -> dict[str, bytes]:
    """File name -> bytes of every golden file, rendered now."""
    report = examples.naidong_2024()
    out: dict[str, bytes] = {}
    for fmt in FORMATS:
        data = render(report, fmt)
        out[NAMES[fmt]] = data if isinstance(data, bytes) else data.encode("utf-8")
    return out


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, data in golden_outputs().items():
        path = GOLDEN / name
        old = path.read_bytes() if path.exists() else None
        path.write_bytes(data)
        state = "unchanged" if old == data else "written  "
        print(f"{state} {path.relative_to(GOLDEN.parents[1])} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
