"""Caches as JSON data, never as pickles: reading a cache can build values, not run code.

``dumps`` writes plain JSON for dicts (string keys), lists, strings, numbers, booleans
and None, and tags the rest: tuples, sets, frozensets, paths, compiled patterns, and
dataclasses. ``loads`` rebuilds a dataclass only when its class is one the caller
allows (looked up in a module that is already imported, never imported by name), by
calling the class with the stored field values; a pattern is compiled again (through
``reportlint.regexcache``). Anything else tagged, or malformed, raises ``ValueError``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import PurePath
from typing import Any

_TAG = "\x00"   # a key no configuration or report writes: marks a tagged value


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {_TAG: "tuple", "v": [_encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {_TAG: type(value).__name__, "v": [_encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) and not k.startswith(_TAG) for k in value):
            return {_TAG: "dict", "v": [[_encode(k), _encode(v)] for k, v in value.items()]}
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, PurePath):
        return {_TAG: "path", "v": str(value)}
    if isinstance(value, re.Pattern):
        return {_TAG: "re", "v": [value.pattern, value.flags]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return {_TAG: "dataclass", "c": f"{cls.__module__}:{cls.__qualname__}", "v": fields}
    raise TypeError(f"cannot store a {type(value).__name__} as data")


def dumps(value: Any) -> str:
    """JSON text for ``value``; TypeError if it holds something that is not data."""
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes, allowed: dict[str, type] | None = None) -> Any:
    """The value ``dumps`` wrote; ``allowed`` maps ``module:qualname`` to the dataclasses that may be rebuilt."""
    classes = allowed or {}

    def hook(obj: dict) -> Any:
        tag = obj.get(_TAG)
        if tag is None:
            return obj
        value = obj.get("v")
        if tag == "tuple" and isinstance(value, list):
            return tuple(value)
        if tag in ("set", "frozenset") and isinstance(value, list):
            return (set if tag == "set" else frozenset)(value)
        if tag == "dict" and isinstance(value, list):
            return {_hashable(k): v for k, v in value}
        if tag == "path" and isinstance(value, str):
            from pathlib import Path

            return Path(value)
        if tag == "re" and isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], int):
            from reportlint import regexcache

            return regexcache.compile(value[0], value[1])
        if tag == "dataclass" and isinstance(value, dict) and obj.get("c") in classes:
            try:
                return classes[obj["c"]](**value)
            except TypeError as exc:
                raise ValueError(f"stored {obj['c']} does not fit the class: {exc}") from None
        raise ValueError(f"unexpected value in stored data: {str(tag)[:40]}")

    try:
        return json.loads(text, object_hook=hook)
    except (json.JSONDecodeError, UnicodeDecodeError, re.error, RecursionError) as exc:
        raise ValueError(f"not stored data: {exc}") from None


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def classes(*types: type) -> dict[str, type]:
    """The ``allowed`` mapping for ``loads``."""
    return {f"{t.__module__}:{t.__qualname__}": t for t in types}
