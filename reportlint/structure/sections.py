"""Find the report's top-level section headings.

A heading is a short standalone line ``<numeral>、<title>`` (optionally with
Markdown ``#``; a format may declare another ``heading`` pattern) whose title
matches one of the format's sections. The section
is identified by its title, not its numeral, so a misnumbered heading is still
found (and reported by ``section-order``). Table-三 rows such as
"一、本年新收…" and "四、结转下年度继续办理" start the same way but name no
section, and lines that carry table values are never headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint import regexcache
from reportlint.normalise import NormText
from reportlint.structure.spec import FormatSpec, SectionSpec

_MAX_TITLE = 40
_NOT_A_TITLE = regexcache.compile(r"\d\s*$|[。；;]$|\t")   # ends in a value or a sentence, or is a tab row


@dataclass(frozen=True, slots=True)
class Heading:
    spec: SectionSpec
    line: int                 # 1-based
    numeral: str              # as written (normalised)
    title: str                # normalised compact title
    col: int                  # 0-based original span of the heading text
    end_col: int


def find_heading(spec: FormatSpec, norm: NormText, line: int, row_patterns: list[re.Pattern[str]]) -> Heading | None:
    stripped = norm.strip()
    m = spec.heading.fullmatch(stripped.text)
    if not m:
        return None
    title = "".join(m.group("title").split())
    if len(title) > _MAX_TITLE or _NOT_A_TITLE.search(m.group("title")):
        return None
    if any(p.match(title) for p in row_patterns):
        return None  # a table row label, not a heading
    for section in spec.sections:
        if section.match.search(title):
            col, end_col = stripped.span(0, len(stripped))
            return Heading(section, line, m.groupdict().get("num") or "", title, col, end_col)
    return None
