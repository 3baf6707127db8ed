"""The layering of DESIGN.md §3, read from the source with :mod:`ast`: an import only points down.

Every import counts, also one inside a function, under ``TYPE_CHECKING`` or through
``importlib.import_module`` with a literal name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import gov_disclosure

PACKAGE = "gov_disclosure"
ROOT = Path(gov_disclosure.__file__).parent

#: The bottom layers: the form, text helpers, findings, the model, the cell view and the builders.
BASE = ("form", "text", "findings", "model", "cellview", "build")

#: (importing parts, parts they must not import). Checks and parsers never import each other.
FORBIDDEN: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (
        BASE,
        (
            "checks",
            "parsers",
            "renderers",
            "codec",
            "workbook",
            "comparison",
            "consolidation",
            "batch",
            "cli",
        ),
    ),
    (("checks",), ("comparison", "consolidation", "parsers", "renderers", "workbook", "batch", "cli")),
    (("parsers",), ("checks", "renderers", "comparison", "consolidation", "batch", "cli")),
    (("renderers",), ("parsers", "checks")),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(package: str, level: int, name: str | None) -> str:
    """The absolute name of a relative import of ``name`` at ``level`` dots from ``package``."""
    base = package.split(".")
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file at ``path``."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            prefix = _absolute(package, node.level, node.module) if node.level else node.module or ""
            if node.module is None:  # ``from . import a, b``: each name may be a module
                for alias in node.names:
                    yield node.lineno, f"{prefix}.{alias.name}"
            else:
                yield node.lineno, prefix
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            target: str = node.args[0].value
            if target.startswith("."):
                name = target.lstrip(".")
                target = _absolute(package, len(target) - len(name), name)
            yield node.lineno, target


def _part(module: str) -> str | None:
    """The top-level part of the library a module belongs to (``checks`` for ``gov_disclosure.checks.core``)."""
    head, _, rest = module.partition(".")
    if head != PACKAGE or not rest:
        return None
    return rest.split(".")[0]


def _edges() -> list[tuple[str, str, str]]:
    """(importing part, imported part, ``file:line``) for every import between two parts of the library."""
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        source = _part(_module_name(path))
        for line, module in _imported(path):
            target = _part(module)
            if source is not None and target is not None and target != source:
                out.append((source, target, f"{path.relative_to(ROOT.parent)}:{line}"))
    return out


def test_the_walk_sees_the_imports() -> None:
    edges = {(s, t) for s, t, _ in _edges()}
    assert ("consolidation", "checks") in edges
    assert ("checks", "form") in edges
    assert ("comparison", "checks") in edges


@pytest.mark.parametrize(("sources", "targets"), FORBIDDEN, ids=lambda parts: "+".join(parts))
def test_imports_point_down(sources: tuple[str, ...], targets: tuple[str, ...]) -> None:
    wrong = [
        f"{where}: {source} imports {target}"
        for source, target, where in _edges()
        if source in sources and target in targets
    ]
    assert wrong == []
