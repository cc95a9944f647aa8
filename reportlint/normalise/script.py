"""Traditional/Simplified character data from OpenCC, loaded once per process.

The normalised view needs a character-level Traditional -> Simplified map,
which is exactly OpenCC's ``TSCharacters`` dictionary (the character stage of
its ``t2s`` conversion). Reading that dictionary is cheap (and the tables derived
from it are kept in the user cache as JSON, see ``reportlint.rulecache``; the entry
is keyed on the dictionary files' path, size and time, and trusted as the user's
own cache: a forged one could change which characters count as Traditional, not
run code); building a full
``OpenCC`` converter (phrase segmentation) is not, so that only happens in
``converter()``, for fixes that rewrite text.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib.util import find_spec


def _dictionary(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    table: dict[str, str] = {}
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values:
            first = values.split(" ", 1)[0]
            if len(first) == 1 and first != key:
                table[key] = first
    return table


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    """Both character tables, kept in the user cache while OpenCC's dictionary files are unchanged."""
    from reportlint import rulecache

    # The files are found without importing opencc (or importlib.resources): both cost start-up time.
    spec = find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc-python-reimplemented is not installed")
    folder = os.path.join(next(iter(spec.submodule_search_locations)), "dictionary")
    paths = [os.path.join(folder, name) for name in ("TSCharacters.txt", "STCharacters.txt")]
    stamp = repr([(p, os.stat(p).st_size, os.stat(p).st_mtime_ns) for p in paths]).encode()
    name = f"opencc-{hashlib.sha256(stamp).hexdigest()[:16]}.json"
    cached = _decode(rulecache.read(name))
    if cached is not None:
        return cached
    t2s = _dictionary(paths[0])
    # Some characters are both (e.g. 著, 乾, 藉): t2s maps them, but Simplified text uses
    # them legitimately, so they are no evidence of Traditional script.
    simplified_forms = set(_dictionary(paths[1]))  # chars s2t would change
    simplified_forms.update(t2s.values())
    tables = t2s, frozenset(ch for ch in t2s if ch not in simplified_forms)
    rulecache.write(name, json.dumps({"t2s": t2s, "traditional_only": "".join(sorted(tables[1]))}, ensure_ascii=False))
    return tables


def _decode(data: bytes | None) -> tuple[dict[str, str], frozenset[str]] | None:
    """The cached tables, if the entry is a mapping of single characters and a string of them."""
    try:
        stored = json.loads(data) if data else None
    except ValueError:
        return None
    if not isinstance(stored, dict):
        return None
    t2s, only = stored.get("t2s"), stored.get("traditional_only")
    if not (isinstance(t2s, dict) and isinstance(only, str)):
        return None
    try:   # every key and every value one character (JSON keys are strings; counted in C)
        if not set(map(len, t2s)) | set(map(len, t2s.values())) <= {1}:
            return None
    except TypeError:   # a value that is not a string
        return None
    return t2s, frozenset(only)


def t2s_chars() -> dict[str, str]:
    """Every Traditional character OpenCC's t2s changes, to its first Simplified form."""
    return _tables()[0]


def traditional_only() -> frozenset[str]:
    """Characters that t2s changes and that are not themselves Simplified forms."""
    return _tables()[1]


@lru_cache(maxsize=None)
def converter(config: str = "t2s"):
    """One OpenCC converter per configuration per process (they parse dictionaries on creation)."""
    from opencc import OpenCC

    return OpenCC(config)
