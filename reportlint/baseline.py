"""A baseline of accepted findings, keyed on content rather than line numbers.

A finding's key is (rule, path, the normalised text of its lines, occurrence):
the n-th finding of that rule on a line with that text in that file. Editing
other parts of a report, inserting or deleting lines above a finding, does
not change its key, so old findings stay quiet; a new finding, or an old one
whose line was edited, is reported. Entries that no longer match anything are
stale and counted, so the baseline can be pruned (write it again).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass

from reportlint.atomic import write_atomic
from reportlint.diagnostics import Diagnostic
from reportlint.read import Source

VERSION = 1


def _path(path: str) -> str:
    return os.path.relpath(path).replace(os.sep, "/") if os.path.isabs(path) else os.path.normpath(path).replace(os.sep, "/")


def _text(d: Diagnostic, sources: dict[str, Source]) -> str:
    source = sources.get(d.path)
    if source is None or not 0 < d.line <= len(source.lines):
        return ""
    # a finding over several lines (a block of chrome) is keyed on all of them
    lines = source.lines
    return " ".join(" ".join(lines[n - 1] for n in range(d.line, min(max(d.end_line, d.line), len(lines)) + 1)).split())


def keys(diagnostics: list[Diagnostic], sources: dict[str, Source]) -> list[tuple[str, str, str, int]]:
    seen: Counter = Counter()
    out = []
    for d in diagnostics:
        base = (d.rule, _path(d.path), _text(d, sources))
        out.append((*base, seen[base]))
        seen[base] += 1
    return out


def write(path: str, diagnostics: list[Diagnostic], sources: dict[str, Source]) -> int:
    entries = [{"rule": r, "path": p, "text": t, "occurrence": n, "message": d.message}
               for (r, p, t, n), d in zip(keys(diagnostics, sources), diagnostics)]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["text"], e["occurrence"]))
    text = json.dumps({"version": VERSION, "tool": "reportlint", "findings": entries}, ensure_ascii=False, indent=1, sort_keys=True)
    write_atomic(path, (text + "\n").encode("utf-8"))
    return len(entries)


@dataclass
class Filtered:
    diagnostics: list[Diagnostic]
    suppressed: int
    stale: int


def apply(path: str, diagnostics: list[Diagnostic], sources: dict[str, Source], linted: set[str]) -> Filtered:
    """Drop findings the baseline holds; stale = its entries for linted files that matched nothing."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise ValueError(f"{path}: not a reportlint baseline (version {VERSION})")
    known = Counter((e["rule"], e["path"], e["text"], e["occurrence"]) for e in data["findings"])
    kept, suppressed = [], 0
    for key, d in zip(keys(diagnostics, sources), diagnostics):
        if known[key] > 0:
            known[key] -= 1
            suppressed += 1
        else:
            kept.append(d)
    linted_paths = {_path(p) for p in linted}
    stale = sum(n for (rule, p, text, occ), n in known.items() if n > 0 and p in linted_paths)
    return Filtered(kept, suppressed, stale)
