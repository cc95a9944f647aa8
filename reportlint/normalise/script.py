"""Traditional/Simplified character data from OpenCC, loaded once per process.

The normalised view needs a character-level Traditional -> Simplified map,
which is exactly OpenCC's ``TSCharacters`` dictionary (the character stage of
its ``t2s`` conversion). Reading that dictionary is cheap; building a full
``OpenCC`` converter (phrase segmentation) is not, so that only happens in
``converter()``, for fixes that rewrite text.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _dictionary(name: str) -> dict[str, str]:
    text = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
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
