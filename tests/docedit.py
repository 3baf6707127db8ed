"""Edit a copy of a JSON-like document at a key path (shared by the codec and schema tests)."""

from __future__ import annotations

import copy
from typing import Any


def put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A deep copy of ``data`` with the value at ``path`` replaced (or added)."""
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def drop(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """A deep copy of ``data`` without the key at ``path``."""
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return data
