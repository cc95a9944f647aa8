"""Helpers the prose checks share: clauses, titles, anchoring, table totals.

Prose is matched one clause at a time (clauses end at ，。；), so a number is only
ever compared with the table quantity its own clause names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from weakref import WeakKeyDictionary

from reportlint import regexcache
from reportlint.checks import Finding
from reportlint.structure.document import Document, Paragraph
from reportlint.structure.tables import Table

_CLAUSE = regexcache.compile(r"[^,，。;；!?！？]+")


def clauses(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """(start offset, text) of each clause of a paragraph."""
    for m in _CLAUSE.finditer(paragraph.text):
        yield m.start(), m.group()


def outside_titles(text: str, pos: int) -> bool:
    """True unless ``pos`` lies inside 《…》 (a regulation or document title)."""
    return text.count("《", 0, pos) <= text.count("》", 0, pos)


def finding(paragraph: Paragraph, start: int, end: int, fields: dict, severity: str | None = None) -> Finding:
    """A finding spanning ``paragraph.text[start:end]``."""
    line, col, end_col = paragraph.span(start, end)
    return Finding(line, col, end_col, fields, severity=severity)


def table_total(table: Table, rows: tuple[str, ...], columns: tuple[str, ...]) -> tuple[Decimal, int] | None:
    """The sum of ``rows`` x ``columns`` and the line of the last cell read; None if any is missing."""
    total, line = Decimal(0), 0
    for rid in rows:
        row = table.rows.get(rid)
        if row is None:
            return None
        for column in columns:
            value = row.value(column)
            if value is None:
                return None
            total += value
            line = row.cell(column).line
    return total, line


_SENTENCE_END = "。"
_RUN_ON_SENTENCES = 3   # a line with this many sentences is running text, whatever else it carries


def prose_paragraphs(doc: Document) -> tuple[Paragraph, ...]:
    """The document's paragraphs, plus each line of several sentences that no paragraph covers.

    A report flattened onto one line (a crawled page: text and tables run together) is not
    read as prose by the structure step; its sentences still carry the prose defects, so the
    prose rules read such a line as one paragraph of its own.
    """
    found = _PROSE.get(doc)
    if found is None:
        found = _PROSE[doc] = _with_run_on_lines(doc)
    return found


_PROSE: WeakKeyDictionary[Document, tuple[Paragraph, ...]] = WeakKeyDictionary()


def _with_run_on_lines(doc: Document) -> tuple[Paragraph, ...]:
    covered = {ln.number for p in doc.paragraphs for ln in p.lines}
    extra = [Paragraph((ln,)) for ln in doc.lines
             if ln.number not in covered and ln.number not in doc.chrome and ln.norm.text.count(_SENTENCE_END) >= _RUN_ON_SENTENCES]
    return tuple(sorted((*doc.paragraphs, *extra), key=lambda p: p.lines[0].number))


# -- the report's title: where the report starts, and who issued it ----------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN_BEFORE = regexcache.compile(f"[{_HAN}]+$")
_RUN_AFTER_YEAR = regexcache.compile(f"年(?:度)?(?!政府信息|信息公开|政务公开)(?P<body>[{_HAN}]{{2,30}}?)(?:政府信息公开|信息公开|政务公开)")
_RUN_AT_END = regexcache.compile(f"[{_HAN}]{{2,30}}$")
_FIRST_SECTION = regexcache.compile(r"(?:^|[^\d])一[、.,]总体情况")
_TITLE_END = regexcache.compile(r"年度?报告")
_YEAR_FIRST = regexcache.compile(f"(?P<year>(?:19|20)\\d\\d)年(?:度)?[{_HAN}]{{2,30}}?(?:政府信息公开|信息公开)")
_TITLE_LINES = 20


@dataclass(frozen=True, slots=True)
class Title:
    """The report's title as the structure step found it (the line it read the year from)."""

    body: str | None        # the issuing body named in it: 沭阳县发展和改革局
    text: str               # body + year + 政府信息公开工作年度报告, compact
    line: int
    start: tuple[int, int]  # (line, col) where the report itself starts: its title's last copy before section 一


def title(doc: Document) -> Title | None:
    """The title (None when the year was not read from one)."""
    if doc not in _TITLES:
        _TITLES[doc] = _find_title(doc)
    return _TITLES[doc]


_TITLES: WeakKeyDictionary[Document, Title | None] = WeakKeyDictionary()


def _title_year(doc: Document) -> tuple[int, int, int] | None:
    """(line, offset of the year in the line's compact text, year) of the title."""
    year = doc.year
    if year.how == "title" and year.line is not None:
        compact = doc.lines[year.line - 1].norm.compact()
        return year.line, next((i for i, c in enumerate(compact.cols) if c >= year.col), 0), int(year.value)
    # A title broken before 年度报告 (2024年上海市科委政府信息公开工作 / 年度报告) is not the year's title.
    for ln in doc.lines[:_TITLE_LINES]:
        text = ln.norm.compact().text
        m = _YEAR_FIRST.search(text)
        following = doc.lines[ln.number].norm.compact().text if ln.number < len(doc.lines) else ""
        if m and _TITLE_END.search(text[m.end():] + following[:6]):
            return ln.number, m.start(), int(m.group("year"))
    return None


def _find_title(doc: Document) -> Title | None:
    found = _title_year(doc)
    if found is None:
        return None
    line, at, year = found
    compact = doc.lines[line - 1].norm.compact()
    after = _RUN_AFTER_YEAR.match(compact.text, at + 4)     # 2024年上海市科委政府信息公开…
    before = _body_before(doc, line, compact.text[:at], look_above=after is None)
    body = before or (after.group("body") if after else None)
    if body is not None and body.endswith("人民"):        # 2023年度某区人民政府信息公开…: the 政府 belongs to the body
        body += "政府"
    end = _TITLE_END.search(compact.text, at)
    text = (before or "") + compact.text[at:end.end() if end else len(compact.text)]
    # Its copies may differ after the year (2019年 / 2019年度); one that ends a sentence
    # (现向社会公布…年度报告。) is the prose naming the report, not its title.
    copy = regexcache.compile(f"{re.escape(body or '')}{year}年(?:度)?(?:政府)?信息公开(?:工作)?(?:年度)?报告(?!。)")
    return Title(body, text, line, _report_start(doc, copy, line, compact.span(at, at + 1)[0]))


def _body_before(doc: Document, line: int, before: str, *, look_above: bool) -> str | None:
    """The hanzi run right before the year; or, when the year opens its line and no body
    follows it, the end of the line above."""
    m = _RUN_BEFORE.search(before)
    if m and len(m.group()) >= 2:
        return m.group()
    if before.strip() or line < 2 or not look_above:
        return None
    above = doc.lines[line - 2].norm.compact().text
    m = _RUN_AT_END.search(above)
    return m.group() if m else None


def _report_start(doc: Document, copy: re.Pattern[str], line: int, col: int) -> tuple[int, int]:
    """The last copy of the title before section 一: page chrome (a crawler's header, a breadcrumb
    glued to a one-line body) comes before it, the report after it."""
    start = (line, col)
    for ln in doc.lines[line - 1:]:
        compact = ln.norm.compact()
        heading = _FIRST_SECTION.search(compact.text)
        limit = heading.start() if heading else len(compact.text)
        copies = [m.start() for m in copy.finditer(compact.text, 0, limit)]
        if copies:
            start = (ln.number, compact.span(copies[-1], copies[-1] + 1)[0])
        if heading or ln.number in doc.heading_lines:
            break
    return start
