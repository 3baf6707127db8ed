"""Public names hold in any import order: ``gov_disclosure.<name>`` is the documented object whether no submodule
or every submodule was imported first, and no public name of a package is also the name of one of its modules."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
import types

import pytest

import gov_disclosure

#: Public names that are modules on purpose (the builders and the form are namespaces of their own).
MODULES = {"build", "form"}

_DESCRIBE = """
import importlib, json, pkgutil, sys, types
import gov_disclosure as g

def describe(obj):
    if isinstance(obj, types.ModuleType):
        return "module " + obj.__name__
    if isinstance(obj, str):
        return "str " + obj
    return f"{obj.__module__}.{obj.__qualname__}"

if sys.argv[1] == "all-first":
    for info in pkgutil.walk_packages(g.__path__, "gov_disclosure."):
        importlib.import_module(info.name)
out = {}
for name in g.__all__:
    namespace = {}
    exec(f"from gov_disclosure import {name} as value", namespace)
    out[name] = [describe(getattr(g, name)), describe(namespace["value"])]
print(json.dumps(out))
"""


def _names(order: str) -> dict[str, list[str]]:
    run = subprocess.run(
        [sys.executable, "-c", _DESCRIBE, order], capture_output=True, text=True, check=True, timeout=120
    )
    result: dict[str, list[str]] = json.loads(run.stdout)
    return result


@pytest.fixture(scope="module")
def none_first() -> dict[str, list[str]]:
    return _names("none-first")


@pytest.fixture(scope="module")
def all_first() -> dict[str, list[str]]:
    return _names("all-first")


def test_every_name_is_the_same_object_in_any_import_order(
    none_first: dict[str, list[str]], all_first: dict[str, list[str]]
) -> None:
    assert set(none_first) == set(gov_disclosure.__all__)
    assert none_first == all_first
    for name, (attribute, imported) in none_first.items():
        assert attribute == imported, name


def test_no_public_name_is_a_module_unless_documented_as_one(none_first: dict[str, list[str]]) -> None:
    for name, (described, _) in none_first.items():
        if name in MODULES:
            assert described == f"module gov_disclosure.{name}"
        else:
            assert not described.startswith("module "), f"gov_disclosure.{name} is a module: {described}"


def test_functions_and_classes_are_what_their_names_say(none_first: dict[str, list[str]]) -> None:
    for name, (described, _) in none_first.items():
        if name in MODULES or name == "__version__":
            continue
        assert described.startswith("gov_disclosure."), described
        assert described.rsplit(".", 1)[1] == name, described


def _packages() -> list[types.ModuleType]:
    out = [gov_disclosure]
    for info in pkgutil.walk_packages(gov_disclosure.__path__, "gov_disclosure."):
        if info.ispkg:
            out.append(importlib.import_module(info.name))
    return out


def test_no_package_exports_a_name_of_one_of_its_modules() -> None:
    for package in _packages():
        modules = {info.name for info in pkgutil.iter_modules(package.__path__)}
        exported = set(getattr(package, "__all__", ()))
        clash = sorted((modules & exported) - (MODULES if package is gov_disclosure else set()))
        assert not clash, f"{package.__name__} exports {clash}, which are also its modules"
