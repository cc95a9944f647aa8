"""Helpers the prose checks share: clauses, titles, anchoring, table totals.

Prose is matched one clause at a time (clauses end at ，。；), so a number is only
ever compared with the table quantity its own clause names.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportlint import regexcache
from reportlint.checks import Finding
from reportlint.structure.document import Paragraph
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
