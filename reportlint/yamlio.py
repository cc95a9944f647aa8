"""Load YAML data files safely, with errors that name the file and line.

ruamel's round-trip loader only builds plain mappings, sequences and scalars
(no Python objects, so a rule file cannot run code) and it remembers the line
of every key, which is what lets a malformed rule say where it is malformed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class DataError(Exception):
    """A malformed data file: ``path:line: message``."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")


def load_yaml(path: str | Path) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, None, f"cannot read: {exc}") from None
    try:
        return YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        # For an unclosed bracket or quote the context (where it opened) is the useful line.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise DataError(path, line, f"invalid YAML: {exc.problem or exc.context}") from None
    except YAMLError as exc:
        raise DataError(path, None, f"invalid YAML: {exc}") from None


def line_of(node: Any, key: Any = None) -> int | None:
    """1-based line of ``node`` (or of ``node[key]``) in its YAML file, when known."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + 1
        if isinstance(key, int):
            return lc.item(key)[0] + 1
        return lc.key(key)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1


def plain(value: Any) -> Any:
    """ruamel's commented containers and styled scalars as plain dicts, lists, str, int and float.

    What is kept after loading (rules, formats, the rule cache) holds only plain values,
    so unpickling a cached rule set never imports ruamel.
    """
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    for kind in (str, float, int):
        if isinstance(value, kind) and not isinstance(value, bool) and type(value) is not kind:
            return kind(value)
    return value


class Node:
    """Typed access to one YAML mapping, raising DataError with file:line on bad input."""

    def __init__(self, path: str | Path, data: Any, what: str) -> None:
        if not isinstance(data, dict):
            raise DataError(path, line_of(data), f"{what} must be a mapping")
        self.path = path
        self.data = data
        self.what = what

    def error(self, message: str, key: Any = None) -> DataError:
        return DataError(self.path, line_of(self.data, key), message)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None, *, required: bool = False) -> Any:
        if key not in self.data:
            if required:
                raise self.error(f"{self.what}: missing required key '{key}'")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            raise self.error(f"{self.what}: '{key}' must be {names}, not {type(value).__name__}", key)
        return value if isinstance(value, (dict, list)) else plain(value)

    def child(self, key: str, what: str | None = None) -> Node:
        return Node(self.path, self.get(key, dict, required=True), what or f"{self.what}.{key}")

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.error(f"{self.what}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})", key)
