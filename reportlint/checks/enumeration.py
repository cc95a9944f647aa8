"""enumeration: 一是…三是, （一）（三）, 1. 3. out of sequence."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import regexcache
from reportlint.checks import Finding, check_kind
from reportlint.ruleset import Rule
from reportlint.structure.document import Document

_NUMERALS = "一二三四五六七八九十"
_INLINE_SHI = regexcache.compile(rf"(?:^|(?<=[,，。;；:：、]))([{_NUMERALS}]{{1,2}})是(?![否非的])")
_PAREN = regexcache.compile(rf"^\s*[(（]([{_NUMERALS}]{{1,2}})[)）]")
_ARABIC_LINE = regexcache.compile(r"^\s*(\d{1,2})\s*[.、．]\s*(?=\D)")
_ARABIC_INLINE = regexcache.compile(r"(?:^|(?<=[。；;:：]))\s*(\d{1,2})\s*[.．]\s*(?=[\u4e00-\u9fff])")


def chinese_number(text: str) -> int:
    values = {c: i + 1 for i, c in enumerate(_NUMERALS[:9])}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + values.get(text[1:], 0)
    if text.endswith("十"):
        return values.get(text[0], 0) * 10
    if len(text) == 2 and text[1] in values:
        return values[text[0]]  # 二十一 is not used in these lists
    return values.get(text, 0)


def _sequence(items: list[tuple[int, int, int, str]], kind: str) -> Iterator[tuple[int, int, int, str]]:
    """Out-of-order items of one numbered list: (value, line, col, shown) -> findings."""
    expected = None
    for value, line, col, shown in items:
        if expected is not None and value != expected and value != 1:  # 1 starts a new list
            yield line, col, col + len(shown), f"{kind} “{shown}” follows {expected - 1}; expected {expected}"
        expected = value + 1


@check_kind("enumeration", fields={"detail"}, params={})
def enumeration(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Out-of-sequence enumerations: 一是…三是, （一）（三）, 1. 3."""
    # Inline lists inside one paragraph: 一是…二是…, and 1. … 2. … run together.
    for paragraph in doc.paragraphs:
        for pattern, kind, convert in ((_INLINE_SHI, "item", chinese_number), (_ARABIC_INLINE, "item", int)):
            items = []
            for m in pattern.finditer(paragraph.text):
                line, col = paragraph.where(m.start(1))
                items.append((convert(m.group(1)), line, col, m.group().strip(" ,，。;；:：")))
            if len(items) >= 2 and items[0][0] == 1:
                for line, col, end, detail in _sequence(items, kind):
                    yield Finding(line, col, end, {"detail": detail})
    # Sub-headings at the start of lines, per section: （一）（二）… and, under each, 1. 2. …
    for body in doc.sections.values():
        parens: list[tuple[int, int, int, str]] = []
        arabic: list[tuple[int, int, int, str]] = []
        for ln in doc.lines[body.first - 1:body.last]:
            if ln.number in doc.table_lines or ln.number in doc.chrome:
                continue
            m = _PAREN.match(ln.norm.text)
            if m:
                yield from _close(arabic)
                arabic = []
                col = ln.norm.cols[m.start()] if m.start() < len(ln.norm.cols) else 0
                parens.append((chinese_number(m.group(1)), ln.number, col, m.group().strip()))
                continue
            m = _ARABIC_LINE.match(ln.norm.text)
            if m:
                arabic.append((int(m.group(1)), ln.number, ln.norm.cols[m.start(1)], m.group().strip()))
        yield from _close(arabic)
        yield from _close(parens)


def _close(items: list[tuple[int, int, int, str]]) -> Iterator[Finding]:
    if len(items) >= 2 and items[0][0] == 1:
        for line, col, end, detail in _sequence(items, "item"):
            yield Finding(line, col, end, {"detail": detail})
