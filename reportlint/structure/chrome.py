"""Page chrome: navigation, page meta, footers and page numbers left in a report.

A preset is a list of whole-line patterns (data in a pack, e.g.
``rules/gov/chrome.yaml``). The structure step uses it so that chrome never
becomes a table cell or counts as a section's content; the ``stray-text``
check reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlint import regexcache
from reportlint.structure.spec import compile_pattern
from reportlint.yamlio import Node, load_yaml


# List bullets that scraped link lists carry ("• 扫一扫在手机打开当前页").
_BULLETS = "•·●○◦▪▫■□◆◇▶►> \t"


@dataclass(frozen=True, slots=True)
class ChromePattern:
    name: str
    match: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Preset:
    patterns: tuple[ChromePattern, ...]
    max_length: int = 80
    # All patterns as one alternation: a line it does not match is matched by none of them,
    # so most lines cost one match instead of one per pattern.
    _any: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_any", _alternation([p.match for p in self.patterns]))

    def classify(self, stripped: str) -> str | None:
        """The pattern name if the stripped normalised line is chrome, else None."""
        stripped = stripped.lstrip(_BULLETS)
        if not stripped or len(stripped) > self.max_length:
            return None
        if self._any is not None and not self._any.fullmatch(stripped):
            return None
        for p in self.patterns:
            if p.match.fullmatch(stripped):
                return p.name
        return None

    def merged(self, other: Preset) -> Preset:
        return Preset(self.patterns + other.patterns, max(self.max_length, other.max_length))


def _alternation(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """``(?:a)|(?:b)|…`` for patterns that can be joined without changing what each matches."""
    if len(patterns) < 2 or len({p.flags for p in patterns}) != 1:
        return None
    if any(_BACKREFERENCE.search(p.pattern) for p in patterns):
        return None  # group numbers would shift
    try:
        return regexcache.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:  # e.g. the same group name in two patterns
        return None


_BACKREFERENCE = regexcache.compile(r"\\(?:[1-9]|g<)|\(\?P=")


def parse_patterns(node: Node, key: str = "patterns") -> tuple[ChromePattern, ...]:
    out = []
    for i, item in enumerate(node.get(key, list, [])):
        p = Node(node.path, item, f"{node.what}.{key}[{i}]")
        p.check_keys({"name", "match"})
        out.append(ChromePattern(p.get("name", str, "chrome"), compile_pattern(p, "match", p.get("match", str, required=True), re.IGNORECASE)))
    return tuple(out)


def load_preset(path: str | Path) -> Preset:
    node = Node(path, load_yaml(path), "preset")
    node.check_keys({"max_length", "patterns"})
    return Preset(parse_patterns(node), node.get("max_length", int, 80))


EMPTY = Preset(())
