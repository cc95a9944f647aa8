"""Section checks: required sections, their order, and sections left empty."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.checks import Finding, check_kind
from reportlint.ruleset import Rule
from reportlint.structure.document import Document


def _wanted(doc: Document, rule: Rule):
    ids = [str(s) for s in rule.params.get("sections", [])]
    return [s for s in doc.spec.sections if not ids or s.id in ids]


def _label(section) -> str:
    return f"{section.numeral}、{section.title}" if section.numeral else section.title


@check_kind("required-section", fields={"section", "numeral", "title", "where"}, params={"sections": list})
def required_section(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A required top-level section is missing."""
    found = doc.sections
    order = [s.id for s in doc.spec.sections]
    for section in _wanted(doc, rule):
        if section.id in found:
            continue
        later = [found[i] for i in order[order.index(section.id) + 1:] if i in found]
        earlier = [found[i] for i in order[:order.index(section.id)] if i in found]
        start = earlier[-1].heading.line + 1 if earlier else 1
        lost = _lost_heading(doc, section, start, later[0].heading.line - 1 if later else len(doc.lines))
        if lost is not None:
            # Its content is there without a heading: the heading belongs where that content starts.
            yield Finding(lost.number, lost.norm.strip().span(0, 1)[0], lost.norm.strip().span(0, 1)[0],
                          {"section": _label(section), "numeral": section.numeral, "title": section.title,
                           "where": f"here, where its content starts (“{lost.raw.strip()[:20]}”) with no heading"})
            continue
        if later:
            # It belongs just before the next section that is there.
            head = later[0].heading
            yield Finding(head.line, head.col, head.col, {"section": _label(section), "numeral": section.numeral, "title": section.title, "where": f"before {_label(head.spec)}"})
            continue
        # Nothing after it: it belongs at the end of the previous section (or of the document).
        last = earlier[-1].last if earlier else len(doc.lines)
        content = [ln for ln in doc.lines[:last] if not ln.blank and ln.number not in doc.chrome]
        anchor = content[-1] if content else doc.lines[-1]
        end = len(anchor.raw.rstrip())
        yield Finding(anchor.number, end, end, {"section": _label(section), "numeral": section.numeral, "title": section.title, "where": "at the end of the report"})


def _lost_heading(doc: Document, section, first: int, last: int):
    """A short line in ``[first, last]`` that opens the section's content (its hint), or None."""
    if section.hint is None:
        return None
    for ln in doc.content_lines(first, last):
        text = "".join(ln.norm.text.split())
        if len(text) <= 30 and section.hint.match(text) and ln.number not in doc.table_lines:
            return ln
    return None


@check_kind("section-order", fields={"section", "numeral", "expected", "previous"})
def section_order(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Sections are out of order, or numbered with the wrong numeral."""
    order = [s.id for s in doc.spec.sections]
    highest = None
    heads = [h for h in doc.headings if doc.sections[h.spec.id].heading is h]
    misnumbered = [h for h in heads if h.numeral != h.spec.numeral]
    if misnumbered:
        # one habit (numbering restarted or shifted), one finding, at the first heading it shows
        first = misnumbered[0]
        others = "".join(f"; {h.numeral}、(line {doc.file_line(h.line)}) should be {h.spec.numeral}、" for h in misnumbered[1:])
        yield Finding(first.line, first.col, first.end_col, {"section": _label(first.spec), "numeral": first.numeral,
                      "expected": f"is numbered {first.numeral}、; it should be {first.spec.numeral}、{others}", "previous": ""})
    for h in heads:
        if h.numeral != h.spec.numeral:
            pass
        elif highest is not None and order.index(h.spec.id) < order.index(highest.spec.id):
            yield Finding(h.line, h.col, h.end_col, {"section": _label(h.spec), "numeral": h.numeral, "expected": f"should come before {_label(highest.spec)} (line {doc.file_line(highest.line)})", "previous": _label(highest.spec)})
        if highest is None or order.index(h.spec.id) > order.index(highest.spec.id):
            highest = h


@check_kind("empty-section", fields={"section", "numeral", "title"})
def empty_section(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A section heading with nothing under it but page chrome."""
    for body in doc.sections.values():
        if not doc.content_lines(body.first, body.last):
            h = body.heading
            yield Finding(h.line, h.col, h.end_col, {"section": _label(h.spec), "numeral": h.spec.numeral, "title": h.spec.title})
