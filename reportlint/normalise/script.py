"""Traditional/Simplified character data from OpenCC, loaded once per process.

The normalised view needs a character-level Traditional -> Simplified map,
which is exactly OpenCC's ``TSCharacters`` dictionary (the character stage of
its ``t2s`` conversion). Reading that dictionary is cheap; building a full
``OpenCC`` converter (phrase segmentation) is not, so that only happens in
``converter()``, for fixes that rewrite text.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.util import find_spec


def _dictionary(name: str) -> dict[str, str]:
    # The file is found without importing opencc (or importlib.resources): both cost start-up time.
    spec = find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc-python-reimplemented is not installed")
    with open(os.path.join(next(iter(spec.submodule_search_locations)), "dictionary", name), encoding="utf-8") as fh:
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
def t2s_chars() -> dict[str, str]:
    """Every Traditional character OpenCC's t2s changes, to its first Simplified form."""
    return _dictionary("TSCharacters.txt")


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters that t2s changes and that are not themselves Simplified forms.

    Some characters are both (e.g. 著, 乾, 藉): t2s maps them, but Simplified
    text uses them legitimately, so they are no evidence of Traditional script.
    """
    simplified_forms = set(_dictionary("STCharacters.txt"))  # chars s2t would change
    simplified_forms.update(t2s_chars().values())
    return frozenset(ch for ch in t2s_chars() if ch not in simplified_forms)


@lru_cache(maxsize=None)
def converter(config: str = "t2s"):
    """One OpenCC converter per configuration per process (they parse dictionaries on creation)."""
    from opencc import OpenCC

    return OpenCC(config)
