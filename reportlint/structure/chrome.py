"""Page chrome: navigation, page meta, footers and page numbers left in a report.

A preset (data in a pack, e.g. ``rules/gov/chrome.yaml``) has whole-line
patterns, and a navigation grammar: tokens (打印本页, 网站地图, 繁體版…),
"name：value" page meta, breadcrumbs, separators and brackets. A line made only
of those is chrome, whatever the combination, and so is such a run glued to the
start or end of a body line (``Navigation.prefix`` / ``suffix``). The structure
step uses the preset so that chrome never becomes a table cell or counts as a
section's content; the ``stray-text`` check reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from reportlint import regexcache
from reportlint.structure.spec import compile_pattern, str_list
from reportlint.yamlio import Node, load_yaml


# List bullets that scraped link lists carry ("• 扫一扫在手机打开当前页").
_BULLETS = "•·●○◦▪▫■□◆◇▶►> \t"


@dataclass(frozen=True, slots=True)
class ChromePattern:
    name: str
    match: re.Pattern[str]


_RESIDUE = r"<!--|-->|&nbsp;?|&amp;|&lt;|&gt;"
_DATETIME = r"(?:19|20)\d\d[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?(?:\s+\d{1,2}:\d\d(?::\d\d)?)?"
_BRACKETS = "【】[]()<>《》「」"


@dataclass(frozen=True)
class Scan:
    """How far a run of navigation reaches from where it started, and what it held."""

    end: int
    items: int = 0        # tokens, page meta and breadcrumbs
    strong: int = 0       # items that are never report text on their own
    long: bool = False    # an item of two characters or more (大 中 小 alone are not enough)


@dataclass(frozen=True)
class Navigation:
    tokens: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    breadcrumb: str = ""
    title: str = ""
    separators: str = ""

    @cached_property
    def _item(self) -> re.Pattern[str] | None:
        parts = []
        boundary = f"(?=$|[\\s{re.escape(self.separators + _BRACKETS)}]|{_RESIDUE})"
        if self.breadcrumb:
            # the lead, then a path: levels glued together or joined by > » › /
            parts.append(f"(?P<crumb>(?:{self.breadcrumb})\\s*[^\\s>»›/]*(?:\\s*[>»›/]\\s*[^\\s>»›/]+)*)")
        if self.fields:
            names = "|".join(re.escape(f) for f in sorted(self.fields, key=len, reverse=True))
            parts.append(f"(?P<field>(?:{names})\\s*:\\s*(?:{_DATETIME}|[^\\s:]{{1,30}}){boundary})")
        parts.append(f"(?P<residue>{_RESIDUE})")
        for group, words in (("strong", self.tokens), ("weak", self.weak)):
            if words:
                alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                parts.append(f"(?P<{group}>(?:{alternation})\\s*:?{boundary})")
        if self.title:
            parts.append(f"(?P<title>{self.title}{boundary})")
        return regexcache.compile("|".join(parts), re.IGNORECASE) if self.tokens or self.fields else None

    @cached_property
    def _skip(self) -> frozenset[str]:
        """What a run of navigation steps over between items."""
        return frozenset(self.separators + _BRACKETS + " \t")

    def scan(self, text: str, start: int = 0) -> Scan:
        """Consume navigation from ``start``: items, separators, brackets and spaces."""
        item = self._item
        if item is None:
            return Scan(start)
        skip = self._skip
        pos, end, items, strong, long = start, start, 0, 0, False
        title_pending: Scan | None = None
        while pos < len(text):
            m = item.match(text, pos)
            if m is None or m.end() == pos:
                if text[pos] in skip:
                    pos += 1
                    continue
                break
            if m.lastgroup == "title":
                # the page's title counts only with more chrome after it
                title_pending = title_pending or Scan(end, items, strong, long)
            else:
                title_pending = None
                items += 1
                strong += m.lastgroup != "weak"
                long = long or len(m.group().strip()) >= 2
            pos = end = m.end()
        if pos == len(text):
            end = pos   # trailing separators belong to the run
        if title_pending is not None:
            return title_pending
        return Scan(end, items, strong, long)

    def whole(self, text: str) -> str | None:
        """"navigation" for a line made only of navigation, "weak" for channel names alone, else None."""
        scan = self.scan(text)
        if scan.end < len(text) or not scan.items or not scan.long:
            return None
        return "navigation" if scan.strong or scan.items >= 2 else "weak"

    def prefix(self, text: str) -> int:
        """Where the body starts after a run of navigation glued to the start of the line (0: none)."""
        scan = self.scan(text)
        if scan.end >= len(text.rstrip()) or scan.items < 2 or not scan.strong:
            return 0
        return scan.end

    def suffix(self, text: str) -> int:
        """Where a run of navigation glued to the end of the line starts (len(text): none)."""
        best = len(text)
        for m in reversed(list(_SPACE_BEFORE.finditer(text))):
            start = m.end()
            scan = self.scan(text, start)
            if scan.end < len(text) or not scan.strong:
                break
            best = start
        return best if text[:best].strip() else len(text)


@lru_cache(maxsize=None)
def _field_line(fields: tuple[str, ...]) -> re.Pattern[str] | None:
    if not fields:
        return None
    names = "|".join(re.escape(f) for f in sorted(fields, key=len, reverse=True))
    return regexcache.compile(f"\\s*(?:{names})(?:\\s*:|\\s)")


_SPACE_BEFORE = regexcache.compile(r"\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class Preset:
    patterns: tuple[ChromePattern, ...]
    max_length: int = 80
    navigation: Navigation = Navigation()
    header_fields: tuple[str, ...] = ()
    header_separator: re.Pattern[str] | None = None
    # All patterns as one alternation: a line it does not match is matched by none of them,
    # so most lines cost one match instead of one per pattern.
    _any: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_any", _alternation([p.match for p in self.patterns]))

    def classify(self, stripped: str, folded: str | None = None) -> str | None:
        """The pattern name if the stripped normalised line is chrome ("weak": only beside other chrome), else None.

        ``folded`` is the same line with its spaces kept (``fold_line``), where the navigation
        grammar finds its words; without it the normalised line is used.
        """
        stripped = stripped.lstrip(_BULLETS)
        if not stripped:
            return None
        if len(stripped) <= self.max_length and (self._any is None or self._any.fullmatch(stripped)):
            for p in self.patterns:
                if p.match.fullmatch(stripped):
                    return p.name
        return self.navigation.whole((folded if folded is not None else stripped).strip().lstrip(_BULLETS))

    @property
    def _header_field(self) -> re.Pattern[str] | None:
        return _field_line(self.header_fields)

    def header_block(self, lines: list[str]) -> int:
        """How many lines at the top are a crawler's header block (标题: / 发布时间: … / ==== 正文 ====), or 0."""
        field = self._header_field
        if field is None:
            return 0
        fields, end = 0, 0
        for i, text in enumerate(lines[:60]):
            if self.header_separator is not None and self.header_separator.fullmatch(text.strip()):
                return i + 1 if fields >= 2 else 0
            if field.match(text):
                fields += 1
                end = i + 1
            elif text.strip():
                break
        return end if fields >= 2 else 0

    def merged(self, other: Preset) -> Preset:
        return Preset(self.patterns + other.patterns, max(self.max_length, other.max_length), self.navigation,
                      self.header_fields, self.header_separator)


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


def _navigation(node: Node) -> Navigation:
    node.check_keys({"tokens", "weak", "fields", "breadcrumb", "title", "separators"})
    for key in ("breadcrumb", "title"):
        if node.get(key, str):
            compile_pattern(node, key, node.get(key, str))   # refuse bad or catastrophic patterns, with file:line
    return Navigation(str_list(node, "tokens"), str_list(node, "weak"), str_list(node, "fields"),
                      node.get("breadcrumb", str, ""), node.get("title", str, ""), node.get("separators", str, ""))


def load_preset(path: str | Path) -> Preset:
    node = Node(path, load_yaml(path), "preset")
    node.check_keys({"max_length", "patterns", "navigation", "header"})
    nav = _navigation(node.child("navigation")) if "navigation" in node.data else Navigation()
    header = node.child("header") if "header" in node.data else None
    separator = header.get("separator", str) if header is not None else None
    return Preset(parse_patterns(node), node.get("max_length", int, 80), nav,
                  str_list(header, "fields") if header is not None else (),
                  compile_pattern(header, "separator", separator) if separator else None)


EMPTY = Preset(())
