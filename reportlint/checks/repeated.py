"""repeated-phrase: a word or clause written twice back to back (资金资金, 审核审核)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint import regexcache
from reportlint.checks import Finding, Visit, check_kind
from reportlint.checks.hygiene import HAN
from reportlint.checks.prose import title
from reportlint.diagnostics import Fix
from reportlint.ruleset import Rule
from reportlint.structure.document import Document, Paragraph
from reportlint.structure.spec import FormatSpec

_HAN_CHAR = regexcache.compile(f"[{HAN}]")
_DEFAULT_MAX = 40


@lru_cache(maxsize=None)
def _doubling(max_length: int) -> re.Pattern[str]:
    """A unit that starts with a hanzi, stays inside one sentence, and is written again at once.

    Greedy, so at each start the longest repeated unit wins (a whole clause rather than its
    first word); the engine scans starts left to right.
    """
    return regexcache.compile(f"(?P<u>[{HAN}][^。！？!?;；]{{1,{max_length - 1}}})(?P=u)")


def _legitimate(unit: str, allowed: frozenset[str], min_hanzi: int) -> bool:
    """Reduplication that is Chinese grammar, not a slip: 研究研究, 一步一步, 常常常常; too few hanzi."""
    if unit in allowed or len(_HAN_CHAR.findall(unit)) < min_hanzi:
        return True
    # A unit that is itself a repeat (常常 in 常常常常) is reduplication of a shorter word.
    return any(len(unit) % k == 0 and unit == unit[:k] * (len(unit) // k) for k in range(1, len(unit) // 2 + 1))


_LABELS: dict[int, tuple[FormatSpec, str]] = {}   # id(spec) -> (spec, labels); a spec is loaded once per process


def _label_text(spec: FormatSpec) -> str:
    """Every table, column and row label of the format, run together: table headers repeat them."""
    cached = _LABELS.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    labels = [t.title for t in spec.tables.values()]
    for table in spec.tables.values():
        labels += [c.label for c in table.columns] + list(table.column_labels.values()) + [r.label for r in table.rows]
    text = "|".join("".join(label.split()) for label in labels)
    _LABELS[id(spec)] = (spec, text)
    return text


def _table_words(unit: str, labels: str) -> bool:
    """Whether ``unit`` is made of pieces (two or more characters each) of the format's labels:
    a table header read as text (结果维持结果纠正…总计 twice, for two groups of columns)."""
    covered = [True] + [False] * len(unit)
    for end in range(2, len(unit) + 1):
        covered[end] = any(covered[start] and unit[start:end] in labels for start in range(end - 1))
    return covered[-1]


def _delete_second_copy(paragraph: Paragraph, start: int, length: int) -> tuple[Fix, ...]:
    """Remove the second copy (and any spaces before it), when both copies sit on one line."""
    first_line, first_end = paragraph.where(start + length - 1)
    last_line, last_end = paragraph.where(start + 2 * length - 1)
    if first_line != last_line:
        return ()
    return (Fix(first_line, first_end + 1, last_end + 1, ""),)


@check_kind("repeated-phrase", fields={"phrase", "detail"}, params={"allow": list, "max_length": int, "min_hanzi": int},
            visits="prose paragraphs")
def repeated_phrase(doc: Document, rule: Rule) -> Visit:
    """A word or clause repeated back to back in the prose; reduplicated words and numbers are not."""
    allowed = frozenset(str(a) for a in rule.params.get("allow", []))
    min_hanzi = int(rule.params.get("min_hanzi", 2))
    pattern = _doubling(int(rule.params.get("max_length", _DEFAULT_MAX)))
    labels = _label_text(doc.spec)
    found = title(doc)
    start = found.start if found else (1, 0)   # page chrome before the report's title is not prose
    return lambda paragraph: _repeats(paragraph, pattern, allowed, min_hanzi, labels, start)


def _repeats(paragraph: Paragraph, pattern: re.Pattern[str], allowed: frozenset[str], min_hanzi: int, labels, start: tuple[int, int]) -> Iterator[Finding]:
    text = paragraph.text
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        unit = m.group("u")
        line, col, end_col = paragraph.span(m.start(), m.end())
        if _legitimate(unit, allowed, min_hanzi) or _table_words(unit, labels) or (line, col) < start:
            pos = m.end()   # the whole run is accounted for: 总计总计总计 is one table header
            continue
        fixes = _delete_second_copy(paragraph, m.start(), len(unit))
        yield Finding(line, col, end_col, {"phrase": unit, "detail": f"“{unit}” is written twice in a row"}, fixes=fixes)
        pos = m.end()
