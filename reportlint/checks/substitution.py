"""substitution: a known wrong phrase, with its replacement (Vale's ``substitution`` check).

The rule lists wrong → right phrases; each is matched on the prose's normalised compact
text (spaces and PDF line breaks do not hide it), with optional contexts it must not
touch (``not_before``: 的的 in 的的确确 is right). Users add their own under ``extra``
(in a config file: ``rules: {typo: {extra: [...]}}``) without losing the shipped list.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache

from reportlint.checks import Finding, Visit, check_kind
from reportlint.checks.hygiene import Phrase, parse_phrases
from reportlint.diagnostics import Fix
from reportlint.ruleset import Rule
from reportlint.structure.document import Document, Paragraph
from reportlint.yamlio import Node

_LISTS = ("substitutions", "extra")


def _validate(params: Node) -> None:
    for key in _LISTS:
        parse_phrases(params, key)


@lru_cache(maxsize=None)
def _phrases(rule: Rule) -> tuple[Phrase, ...]:
    node = Node(rule.path, rule.params, f"rule {rule.id} params")
    # Longer phrases first, so 仍在不足 wins over a shorter entry inside it.
    return tuple(sorted((p for key in _LISTS for p in parse_phrases(node, key)), key=lambda p: -len(p.source)))


def _edits(wrong: str, right: str) -> Iterator[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with a same-length replacement split per character (涉及 → 设计 may
    straddle a line break: each character is then edited on its own line)."""
    for op, i1, i2, j1, j2 in SequenceMatcher(None, wrong, right, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            yield from (("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1))
        else:
            yield op, i1, i2, j1, j2


def _fixes(paragraph: Paragraph, start: int, wrong: str, right: str) -> tuple[Fix, ...]:
    """One edit per differing run of characters, each within one line; () when one would span lines."""
    out = []
    for op, i1, i2, j1, j2 in _edits(wrong, right):
        if op == "equal":
            continue
        if i1 < i2:
            line, col = paragraph.where(start + i1)
            end_line, end = paragraph.where(start + i2 - 1)
            if end_line != line:
                return ()
            out.append(Fix(line, col, end + 1, right[j1:j2]))
        else:   # an insertion: before wrong[i1], or after the last character
            line, col = paragraph.where(start + i1) if i1 < len(wrong) else paragraph.where(start + i1 - 1)
            col = col if i1 < len(wrong) else col + 1
            out.append(Fix(line, col, col, right[j1:j2]))
    return tuple(out)


@check_kind("substitution", fields={"wrong", "right"}, params={"substitutions": list, "extra": list}, validate=_validate,
            visits="prose paragraphs")
def substitution(doc: Document, rule: Rule) -> Visit | None:
    """A phrase from the rule's list of known errors, with the replacement it names."""
    phrases = _phrases(rule)
    return (lambda paragraph: _substitutions(paragraph, phrases)) if phrases else None


def _substitutions(paragraph: Paragraph, phrases: tuple[Phrase, ...]) -> Iterator[Finding]:
    text = paragraph.text
    taken: list[tuple[int, int]] = []
    for phrase in phrases:
        for m in phrase.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            line, col, end_col = paragraph.span(m.start(), m.end())
            fixes = _fixes(paragraph, m.start(), phrase.source, phrase.target)
            yield Finding(line, col, end_col, {"wrong": phrase.source, "right": phrase.target},
                          fixes=fixes)
