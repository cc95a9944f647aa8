"""Installed plugins: entry points in the groups ``reportlint.checks`` and ``reportlint.rules``.

``importlib.metadata`` is the loader, but importing it and scanning every installed
distribution costs more than the rest of start-up on a machine with no plugin at all,
which is nearly every machine. A plugin declares its entry points in an
``entry_points.txt`` inside a ``*.dist-info`` or ``*.egg-info`` folder on ``sys.path``,
so reading those small files first tells whether any distribution names the group;
``importlib.metadata`` is only imported when one does (or when ``sys.path`` holds an
archive, whose metadata a folder scan cannot see).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from typing import Any

_METADATA = (".dist-info", ".egg-info")


def entry_points(group: str) -> list[Any]:
    """The entry points of ``group`` (``importlib.metadata.EntryPoint`` objects)."""
    declared = _declared_groups()
    if declared is not None and group not in declared:
        return []
    from importlib.metadata import entry_points as find

    return list(find(group=group))


@lru_cache(maxsize=1)
def _declared_groups() -> frozenset[str] | None:
    """The ``reportlint.*`` groups any distribution on ``sys.path`` declares; None if that cannot be told."""
    groups: set[str] = set()
    for entry in sys.path:
        path = entry or os.getcwd()
        if not os.path.isdir(path):
            if os.path.exists(path):
                return None   # a zip or egg archive on sys.path: let importlib.metadata look inside
            continue
        try:
            names = [e.name for e in os.scandir(path) if e.name.endswith(_METADATA)]
        except OSError:
            continue
        for name in names:
            try:
                with open(os.path.join(path, name, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                continue
            groups.update(line.strip()[1:-1].strip() for line in text.splitlines() if line.strip().startswith("[reportlint."))
    return frozenset(groups)
