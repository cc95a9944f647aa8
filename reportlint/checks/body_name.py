"""body-name: the issuing body's name, as the title gives it, spelled or credited differently.

Two slips: the body's name with one character of its place name changed (沐阳县发展和改革局
in a report of 沭阳县发展和改革局, as OCR and input methods make it), and a page that names
another body as the author (来源：平潭县人民政府 on a report of 平潭综合实验区).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint import regexcache
from reportlint.checks import Finding, check_kind
from reportlint.checks.hygiene import HAN
from reportlint.checks.prose import prose_paragraphs, title
from reportlint.ruleset import Rule
from reportlint.structure.document import Document

# One level of a place name: 淮安市, 洪泽区, 顺河回族区, 平潭综合实验区, 集里街道.
_LEVEL = regexcache.compile(f"[{HAN}]{{1,8}}?(?:自治区|自治州|自治县|街道|省|市|州|盟|县|区|旗|镇|乡)")
_ONE_HAN = regexcache.compile(f"[{HAN}]")
_LEVEL_SUFFIX = regexcache.compile(r"(?:自治区|自治州|自治县|街道|省|市|州|盟|县|区|旗|镇|乡)$")
_AUTHOR = regexcache.compile(
    f"(?P<label>来源|发布机构|发布单位|发文机关|发文单位|制发机关)[:：]"
    f"(?P<name>[{HAN}]{{2,20}}?(?:人民政府|政府|管委会|委员会|委|局|厅|办公室|办|中心|街道|镇|乡))")


def place_levels(body: str) -> list[str]:
    """The place-name levels the body's name starts with: 淮安市洪泽区人民政府 -> [淮安市, 洪泽区]."""
    out, pos = [], 0
    while (m := _LEVEL.match(body, pos)) is not None:
        out.append(m.group())
        pos = m.end()
    return out


@lru_cache(maxsize=64)
def _variants(body: str, min_length: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, pattern of the name with one character of its place name changed) for each form
    of the body's name: the whole name, and the name without its upper levels (洪泽区人民政府).

    The changed character may be any in the pattern and is checked to be a hanzi in ``_misspellings``:
    a pattern per report body compiles in microseconds this way (a hanzi class in each alternative
    took milliseconds), and it is compiled with ``re`` itself, never stored in the pattern cache,
    which would otherwise grow with every report's body.
    """
    levels = place_levels(body)
    rest = body[len("".join(levels)):]
    out = []
    for i in range(len(levels)):
        name = "".join(levels[i:]) + rest
        if len(name) < min_length:
            continue
        alternatives, pos = [], 0
        for level in levels[i:]:
            proper = len(level) - len(_LEVEL_SUFFIX.search(level).group())
            for k in range(pos, pos + proper):
                alternatives.append(f"{re.escape(name[:k])}(?!{re.escape(name[k])}).{re.escape(name[k + 1:])}")
            pos += len(level)
        if alternatives:
            out.append((name, re.compile("|".join(alternatives))))
    return tuple(out)


def _misspellings(pattern: re.Pattern[str], name: str, text: str) -> Iterator[re.Match[str]]:
    """The spans of ``text`` that are ``name`` with one character changed to another hanzi, left to right."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        changed = next(ch for ch, want in zip(m.group(), name) if ch != want)   # exactly one differs
        if _ONE_HAN.fullmatch(changed):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _misspelt(doc: Document, body: str, min_length: int) -> Iterator[tuple[str, Finding]]:
    """Longer forms first: 洪择区人民政府 inside 淮安市洪择区人民政府 is the same slip, reported once."""
    taken: set[tuple[int, int, int]] = set()   # (paragraph, start, end) already reported
    for name, pattern in _variants(body, min_length):
        for p, paragraph in enumerate(prose_paragraphs(doc)):
            for m in _misspellings(pattern, name, paragraph.text):
                if any(q == p and s <= m.start() and m.end() <= e for q, s, e in taken):
                    continue
                taken.add((p, m.start(), m.end()))
                line, col, end_col = paragraph.span(m.start(), m.end())
                yield m.group(), Finding(line, col, end_col, {
                    "detail": f"“{m.group()}” differs by one character from “{name}”, the issuing body the title names",
                    "name": m.group(), "body": name})


def _other_author(doc: Document, body: str) -> Iterator[tuple[str, Finding]]:
    levels = place_levels(body)
    places = ["".join(levels[i:]) for i in range(len(levels))]
    if not places:
        return
    for ln in doc.lines:
        if ln.blank:
            continue
        compact = ln.norm.compact()
        for m in _AUTHOR.finditer(compact.text):
            name = m.group("name")
            # Same place, or no place named (区政府办: an office of the body's own government).
            if any(name.startswith(p) for p in places) or not place_levels(name):
                continue
            col, end_col = compact.span(m.start("name"), m.end("name"))
            yield name, Finding(ln.number, col, end_col, {
                "detail": f"{m.group('label')} names “{name}”, but the title says the report is by “{body}”",
                "name": name, "body": body})


@check_kind("body-name", fields={"detail", "name", "body"}, params={"min_length": int})
def body_name(doc: Document, rule: Rule) -> Iterator[Finding]:
    """The issuing body's name (from the title) misspelt by one character, or another body credited as author."""
    found = title(doc)
    if found is None or not found.body:
        return
    seen: set[str] = set()
    min_length = int(rule.params.get("min_length", 4))
    for spelling, f in (*_misspelt(doc, found.body, min_length), *_other_author(doc, found.body)):
        if spelling not in seen:   # one diagnostic per distinct spelling
            seen.add(spelling)
            yield f
