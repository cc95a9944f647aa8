"""Compiled regular expressions kept from one run to the next.

Compiling reportlint's ~180 patterns (the format's rows and sections, page chrome,
the checks' own; character classes of hanzi are slow to compile) was a third of a
cold start, and pre-commit starts reportlint on every commit. CPython's ``re``
turns a pattern into a list of integer opcodes and builds the pattern object from
that list (``_sre.compile``). This module keeps those lists in the user's cache
(next to the rule cache), in one file per interpreter build, and builds patterns
from them directly; ``_sre`` checks every list it is given. Anything unexpected
(another Python implementation, a changed internal API, a corrupt or unwritable
cache file) falls back to ``re.compile``: the cache only ever saves time.
``REPORTLINT_NO_RULE_CACHE=1`` turns it off with the rule cache.

The file is JSON (lists of integers and strings), never a pickle: loading it runs
no code. What it trusts is the user's own cache directory: a pattern's opcodes are
checked by ``_sre`` but not compared with the pattern's text, so a file written by
someone else could make a pattern match differently (not run code). The file name
is keyed on the interpreter build, and an entry that ``_sre`` refuses is compiled afresh.
"""

from __future__ import annotations

import atexit
import hashlib
import re
import sys
from typing import Any

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # not CPython: plain re.compile
    _sre = None

_MAX_ENTRIES = 4000          # beyond this, only the patterns the last run used are kept
_Key = tuple[str, int]
_store: dict[_Key, Any] | None = None   # (pattern, flags) -> _sre.compile's arguments, or the stored row
_used: set[_Key] = set()
_dirty = False


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the re.compile of this package
    """``re.compile(pattern, flags)``, from the persisted opcodes when this interpreter has compiled it before."""
    store = _load()
    if store is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    _used.add(key)
    entry = store.get(key)
    if entry is not None:
        try:
            if _is_stored(entry):   # as read from the file: decoded on first use
                entry = store[key] = _from_row(entry)
            return _sre.compile(pattern, *entry)
        except Exception:  # a stale or damaged entry: compile afresh
            pass
    compiled = re.compile(pattern, flags)   # raises re.error for a bad pattern, as callers expect
    try:
        entry = _opcodes(pattern, int(flags))
        if _sre.compile(pattern, *entry) != compiled:
            return compiled
    except Exception:  # the internal API is not what this module expects: don't persist
        return compiled
    store[key] = entry
    _mark_dirty()
    return compiled


def _opcodes(pattern: str, flags: int) -> tuple[Any, ...]:
    """The arguments ``re._compiler.compile`` passes to ``_sre.compile`` after the pattern."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]   # opcodes are int subclasses: keep plain ints
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup)


def _name() -> str:
    build = hashlib.sha256(f"{sys.version}\0{sys.implementation.cache_tag}\0{_sre.MAGIC}".encode()).hexdigest()[:16]
    return f"regex-{build}.json"


# The file is {"code": base64 of every entry's opcodes as 32-bit integers, one after another,
# "rows": [[pattern, flags, flags2, start, end, groups, groupindex, indexgroup], ...]}: a JSON
# list of integers took 4 ms a start to parse; one string and one array take well under one.


def _decode(data: bytes | None) -> dict[_Key, Any]:
    """The stored rows by (pattern, flags), each with the opcode array; checked and decoded when a pattern first needs it."""
    import json
    from array import array
    from binascii import a2b_base64

    try:
        stored = json.loads(data) if data else {}
        code = array("I")
        code.frombytes(a2b_base64(stored["code"]))
        rows = stored["rows"]
    except (ValueError, TypeError, KeyError):
        return {}
    if not isinstance(rows, list):
        return {}
    return {(row[0], row[1]): (row, code) for row in rows
            if isinstance(row, list) and len(row) == 8 and isinstance(row[0], str) and isinstance(row[1], int)}


def _from_row(stored: tuple) -> tuple[Any, ...]:
    row, code = stored
    return row[2], code[row[3]:row[4]].tolist(), row[5], dict(row[6]), tuple(row[7])


def _encode(store: dict[_Key, Any]) -> str:
    import json
    from array import array
    from binascii import b2a_base64

    code = array("I")
    rows = []
    for (pattern, flags), entry in store.items():
        flags2, opcodes, groups, groupindex, indexgroup = _from_row(entry) if _is_stored(entry) else entry
        start = len(code)
        code.extend(opcodes)
        rows.append([pattern, flags, flags2, start, len(code), groups, groupindex, list(indexgroup)])
    return json.dumps({"code": b2a_base64(code.tobytes(), newline=False).decode("ascii"), "rows": rows},
                      ensure_ascii=False, separators=(",", ":"))


def _is_stored(entry: Any) -> bool:
    return isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], list)


def _load() -> dict[_Key, Any] | None:
    global _store
    if _store is None:
        from reportlint import rulecache

        if _sre is None or rulecache.directory() is None:
            return None
        _store = _decode(rulecache.read(_name()))
    return _store


def _mark_dirty() -> None:
    global _dirty
    if not _dirty:
        _dirty = True
        atexit.register(_save)


def _save() -> None:
    from reportlint import rulecache

    if _store is not None:
        rulecache.write(_name(), _encode(_store if len(_store) <= _MAX_ENTRIES else {k: v for k, v in _store.items() if k in _used}))
