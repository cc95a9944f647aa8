"""Text hygiene: script mixing, spaces inside Chinese text, brackets, control characters.

These read the prose. Lines that are page chrome or table rows (tabs, pipes,
label + numbers) are left to the structure checks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from pathlib import Path

from reportlint import regexcache
from reportlint.checks import Finding, Visit, check_kind
from reportlint.diagnostics import Fix
from reportlint.normalise.script import converter, traditional_only
from reportlint.ruleset import Rule
from reportlint.structure.document import Document, Line, Paragraph
from reportlint.yamlio import Node, load_yaml

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】…—"
SPACES = " \u3000\u00a0\u2002\u2003\u2009"
_HAN_CHAR = regexcache.compile(f"[{HAN}]")


# -- mixed-script ------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    source: str
    target: str
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    after: tuple[str, ...] = ()    # when given, the text before the phrase ends with one of these

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return regexcache.compile(re.escape(self.source))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for m in self.pattern.finditer(text):
            if any(text.startswith(b, m.end()) for b in self.not_before):
                continue
            if any(text.endswith(a, 0, m.start()) for a in self.not_after):
                continue
            if self.after and not any(text.endswith(a, 0, m.start()) for a in self.after):
                continue
            yield m


@lru_cache(maxsize=None)
def load_phrases(path: str) -> tuple[Phrase, ...]:
    return parse_phrases(Node(path, load_yaml(path), "phrases"), "phrases", required=True)


def parse_phrases(node: Node, key: str, *, required: bool = False) -> tuple[Phrase, ...]:
    """A list of {from, to, not_before, not_after, after} phrase replacements under ``key``."""
    out = []
    for i, item in enumerate(node.get(key, list, [], required=required)):
        if not isinstance(item, dict):
            raise node.error(f"{node.what}: {key}[{i}] must be a mapping with 'from' and 'to'", key)
        p = Node(node.path, item, f"{key}[{i}]")
        p.check_keys({"from", "to", "not_before", "not_after", "after"})
        source = p.get("from", str, required=True)
        if not source:
            raise p.error(f"{p.what}: 'from' is empty", "from")
        out.append(Phrase(source, p.get("to", str, required=True),
                          tuple(p.get("not_before", list, [])), tuple(p.get("not_after", list, [])), tuple(p.get("after", list, []))))
    return tuple(out)


def _phrases(rule: Rule) -> tuple[Phrase, ...]:
    name = rule.params.get("phrases")
    return load_phrases(str(Path(rule.path).parent / name)) if name else ()


@lru_cache(maxsize=None)
def _any_phrase(phrases: tuple[Phrase, ...]) -> re.Pattern[str] | None:
    """One pattern for all the phrases' sources: a line it does not match has none of them."""
    return regexcache.compile("|".join(re.escape(p.source) for p in phrases)) if phrases else None


def _has_phrase(text: str, phrases: tuple[Phrase, ...]) -> bool:
    candidates = _any_phrase(phrases)
    return candidates is not None and candidates.search(text) is not None and any(next(p.finditer(text), None) for p in phrases)


def to_simplified(text: str, phrases: tuple[Phrase, ...]) -> str:
    """Curated phrase reversal first, then OpenCC t2s (one converter per process)."""
    for phrase in phrases:
        parts, last = [], 0
        for m in phrase.finditer(text):
            parts.append(text[last:m.start()])
            parts.append(phrase.target)
            last = m.end()
        if parts:
            text = "".join(parts) + text[last:]
    return converter("t2s").convert(text)


def minimal_fixes(line_no: int, old: str, new: str) -> tuple[Fix, ...]:
    """Fixes that turn ``old`` into ``new`` touching only the characters that differ."""
    fixes = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            fixes.append(Fix(line_no, i1, i2, new[j1:j2]))
    return tuple(fixes)


def _validate_mixed(params: Node) -> None:
    name = params.get("phrases", str)
    if name:
        path = Path(params.path).parent / name
        if not path.is_file():
            raise params.error(f"{params.what}: phrase list '{name}' not found next to the rule file", "phrases")
        load_phrases(str(path))


@check_kind("mixed-script", fields={"detail", "chars", "traces"}, params={"phrases": str, "document_ratio": float}, validate=_validate_mixed)
def mixed_script(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Traditional characters in a Simplified report, or a report wholly in Traditional script."""
    if not doc.has_traditional:   # a set test, no conversion
        return
    trad = traditional_only()
    phrases = _phrases(rule)
    text = doc.text_lines   # page chrome (a 繁體版 link) is not report text
    affected = [ln for ln in text if not trad.isdisjoint(ln.raw) or _has_phrase(ln.raw, phrases)]
    with_han = sum(1 for ln in text if _HAN_CHAR.search(ln.raw))
    ratio = float(rule.params.get("document_ratio", 0.5))
    if with_han and len(affected) >= ratio * with_han:
        traces = sorted({f"{p.source}→{p.target}" for p in phrases for ln in affected if next(p.finditer(ln.raw), None)})
        count = sum(1 for ln in affected for ch in ln.raw if ch in trad)

        def fixes() -> tuple[Fix, ...]:
            return tuple(f for ln in affected for f in minimal_fixes(ln.number, ln.raw, to_simplified(ln.raw, phrases)))

        first = affected[0]
        detail = f"the report is in Traditional script ({count} Traditional characters on {len(affected)} lines)"
        if traces:
            detail += f"; Taiwan phrasing: {', '.join(traces)}"
        yield Finding(first.number, 0, len(first.raw), {"detail": detail, "chars": "", "traces": ", ".join(traces)}, fixes=fixes)
        return
    for ln in affected:
        positions = [i for i, ch in enumerate(ln.raw) if ch in trad]
        chars = "".join(dict.fromkeys(ln.raw[i] for i in positions))
        start, end = (positions[0], positions[-1] + 1) if positions else (0, len(ln.raw))
        detail = f"Traditional characters in Simplified text: {chars}" if chars else "Taiwan phrasing in Simplified text"
        yield Finding(ln.number, start, end, {"detail": detail, "chars": chars, "traces": ""},
                      fixes=lambda ln=ln: minimal_fixes(ln.number, ln.raw, to_simplified(ln.raw, phrases)))


# -- cjk-space ---------------------------------------------------------------------------

_UNITS = "年月日时分秒个件条项次人名家户起元万亿倍份篇批期届类种所处座台辆套本张余多位周天余%％号"
_CJK = f"[{HAN}{CJK_PUNCT}]"
_SPACE_RUN = regexcache.compile(f"(?<={_CJK})[{SPACES}]+(?={_CJK}|\\d)|(?<=\\d)[{SPACES}]+(?={_CJK})")
_STRAY_NUMBER = regexcache.compile(f"(?<=[{HAN}])[{SPACES}]+(\\d{{1,3}})[{SPACES}]+(?=[{HAN}])")


@check_kind("cjk-space", fields={"detail", "count"}, params={}, visits="prose lines")
def cjk_space(doc: Document, rule: Rule) -> Visit:
    """Spaces inside Chinese text, and page numbers stranded inside a sentence."""
    return _cjk_space


def _cjk_space(ln: Line) -> Iterator[Finding]:
    raw = ln.raw
    stray = [m for m in _STRAY_NUMBER.finditer(raw) if raw[m.end()] not in _UNITS]
    stray_spans = [(m.start(), m.end()) for m in stray]
    for m in stray:
        yield Finding(ln.number, m.start(1), m.end(1), {"detail": f"stray page number “{m.group(1)}” inside a sentence; remove it", "count": 1})
    runs = [m for m in _SPACE_RUN.finditer(raw)
            if m.start() > 0 and raw[:m.start()].strip()  # not indentation
            and not any(s <= m.start() < e for s, e in stray_spans)]
    if runs:
        first = runs[0]
        noun = "space" if len(runs) == 1 else "spaces"
        yield Finding(ln.number, first.start(), first.end(),
                      {"detail": f"{len(runs)} {noun} inside Chinese text; official text puts no space between hanzi or between hanzi and digits", "count": len(runs)},
                      fixes=tuple(Fix(ln.number, m.start(), m.end(), "") for m in runs))


# -- bracket-pair ------------------------------------------------------------------------

_PAIRS = {"(": ")", "〔": "〕", "《": "》", "“": "”", "【": "】", "[": "]"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_LIST_MARKER = regexcache.compile(r"\s*(?:[\d一二三四五六七八九十]{1,3}|[a-zA-Z])\)")
@check_kind("bracket-pair", fields={"bracket", "expected", "detail"}, params={}, visits="paragraphs")
def bracket_pair(doc: Document, rule: Rule) -> Visit:
    """Unbalanced 《》 〔〕 （） “” 【】 within a paragraph."""
    return _bracket_pair


def _bracket_pair(paragraph: Paragraph) -> Iterator[Finding]:
    stack: list[tuple[str, Line, int]] = []
    for ln in paragraph.lines:
        text = ln.norm.text
        marker = _LIST_MARKER.match(text)
        for i, ch in enumerate(text):
            if ch in _PAIRS:
                stack.append((ch, ln, i))
            elif ch in _CLOSERS:
                if marker and i == marker.end() - 1:
                    continue  # "1)" list numbering
                opener = _CLOSERS[ch]
                if stack and stack[-1][0] == opener:
                    stack.pop()
                elif any(s[0] == opener for s in stack):
                    while stack[-1][0] != opener:
                        yield _unclosed(*stack.pop())
                    stack.pop()
                else:
                    col, end = ln.norm.span(i, i + 1)
                    yield Finding(ln.number, col, end, {"bracket": ln.raw[col:end], "expected": opener,
                                                        "detail": f"“{ln.raw[col:end]}” closes nothing in this paragraph"})
    for item in reversed(stack):
        yield _unclosed(*item)


def _unclosed(opener: str, ln: Line, i: int) -> Finding:
    col, end = ln.norm.span(i, i + 1)
    closer = _PAIRS[opener]
    shown = {")": "）", "]": "］"}.get(closer, closer)
    return Finding(ln.number, col, end, {"bracket": ln.raw[col:end], "expected": shown,
                                         "detail": f"“{ln.raw[col:end]}” is never closed with “{shown}” in this paragraph"})


# -- control-char ------------------------------------------------------------------------


def _is_control(ch: str) -> bool:
    if ch == "\t":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co")


# Characters that may be control characters: all but printable ASCII, tabs, hanzi, CJK
# punctuation, full-width forms and general punctuation before U+2028 (none of which are).
_MAYBE_CONTROL = regexcache.compile("[^\t\x20-\x7e\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uffef\u2010-\u2027]")


@check_kind("control-char", fields={"detail", "char", "name"}, params={}, visits="text lines")
def control_char(doc: Document, rule: Rule) -> Visit:
    """Control, zero-width and bidirectional-formatting characters in the text."""
    return _control_chars


def _control_chars(ln: Line) -> Iterator[Finding]:
    for m in _MAYBE_CONTROL.finditer(ln.raw):
        i, ch = m.start(), m.group()
        if _is_control(ch):
            name = unicodedata.name(ch, "control character")
            yield Finding(ln.number, i, i + 1, {"detail": f"U+{ord(ch):04X} {name}", "char": f"U+{ord(ch):04X}", "name": name})
