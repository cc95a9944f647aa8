"""Labels that name a section or a table row but differ from the format's wording.

A heading "四、政府信息公开行政法复议…" or a row "2.其他法律行政止公开" is still
recognised (the structure step matches on key words), but the printed label
is wrong. Labels are compared on their core: outline numbering, parenthetical
notes, punctuation and spaces removed, Traditional script mapped to
Simplified. Only near misses are reported; a label that is merely a known
variant, or too different to be a typo of the format's label, is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from reportlint import regexcache
from reportlint.checks import Finding, check_kind
from reportlint.normalise.script import converter
from reportlint.ruleset import Rule
from reportlint.structure.document import Document
from reportlint.structure.spec import NUMBERING

_LEADING_NUMBERING = regexcache.compile(NUMBERING)
_NOTES = regexcache.compile(r"\([^()]*\)?$|\([^()]*\)")
_PUNCTUATION = regexcache.compile(r"[\s、,，。.:：;；“”\"'‘’·…—\-]")


def core(label: str) -> str:
    text = _LEADING_NUMBERING.sub("", label, count=1)
    text = _NOTES.sub("", text)
    return _PUNCTUATION.sub("", text)


def _simplified(doc: Document, text: str) -> str:
    """Phrase-level t2s for the few labels of a Traditional document (反覆 -> 反复)."""
    return converter("t2s").convert(text) if doc.has_traditional else text


def _typo(written: str, official: list[str], threshold: float) -> str | None:
    """The official label this one is a near miss of, or None if it matches or is unrelated."""
    cores = [core(o) for o in official]
    mine = core(written)
    if not mine or mine in cores:
        return None
    best = max(official, key=lambda o: SequenceMatcher(None, mine, core(o)).ratio())
    return best if SequenceMatcher(None, mine, core(best)).ratio() >= threshold else None


@check_kind("label-typo", fields={"what", "written", "expected"}, params={"tables": list, "threshold": float})
def label_typo(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A section heading or table-row label that is a near miss of the format's wording."""
    threshold = float(rule.params.get("threshold", 0.75))
    for body in doc.sections.values():
        h = body.heading
        official = [h.spec.title, *h.spec.variants]
        expected = _typo(_simplified(doc, h.title), official, threshold)
        if expected:
            yield Finding(h.line, h.col, h.end_col, {"what": "section heading", "written": h.title, "expected": f"{h.spec.numeral}、{expected}"})
    for table_id in rule.params.get("tables", []):
        table = doc.tables.get(table_id)
        if table is None:
            continue
        for row in table.rows.values():
            if row.spec is None or not row.label_text or row.loose:
                continue   # a label a conversion broke up and interleaved with others reads as no typo of its own
            official = row.spec.label.split(" ")[-1]
            expected = _typo(_simplified(doc, row.label_text), [official], threshold)
            if expected:
                yield Finding(row.label.line, row.label.col, row.label.end_col, {"what": f"{table.spec.title} row label", "written": row.label_text, "expected": expected})
