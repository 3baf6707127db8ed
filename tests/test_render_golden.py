"""Golden files: the bundled example rendered in every format, compared byte for byte.

Regenerate after an intended change with ``python scripts/regen_golden.py`` and review the diff.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def _regen_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("regen_golden", ROOT / "scripts" / "regen_golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regen_module()
HINT = "output differs from the golden file; if the change is intended run: python scripts/regen_golden.py"


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    return REGEN.golden_outputs()  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(REGEN.NAMES.values()))
def test_golden_file(outputs: dict[str, bytes], name: str) -> None:
    expected = (GOLDEN / name).read_bytes()
    got = outputs[name]
    if name.endswith(".docx") and got != expected:
        # Say whether the document changed or only the zip's compressed bytes (another zlib).
        with zipfile.ZipFile(io.BytesIO(got)) as a, zipfile.ZipFile(io.BytesIO(expected)) as b:
            same_parts = [(i.filename, a.read(i)) for i in a.infolist()] == [
                (i.filename, b.read(i)) for i in b.infolist()
            ]
        pytest.fail(
            f"{name}: {HINT}"
            + (" (same parts, different deflate output: zlib differs)" if same_parts else "")
        )
    assert got == expected, f"{name}: {HINT}"


def test_golden_text_files_are_utf8_with_lf() -> None:
    for name in ("naidong-2024.txt", "naidong-2024.md", "naidong-2024.html"):
        data = (GOLDEN / name).read_bytes()
        assert b"\r" not in data and data.endswith(b"\n")
        data.decode("utf-8")
