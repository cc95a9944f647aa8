"""Cells where the format wants a number and there is none (or not a valid one)."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import regexcache
from reportlint.checks import Finding, check_kind
from reportlint.checks.arithmetic import number
from reportlint.diagnostics import Fix
from reportlint.ruleset import Rule
from reportlint.structure.cells import Kind
from reportlint.structure.document import Document
from reportlint.structure.tables import Row, Table


def _row_label(row: Row) -> str:
    return row.spec.label if row.spec else row.label_text


def _fields(table: Table, row: str, column: str, detail: str) -> dict:
    where = f"{table.spec.title} {row}" if row else table.spec.title
    return {"table": table.spec.title, "row": row, "column": column, "detail": detail, "where": where}


@check_kind("missing-value", fields={"table", "row", "column", "detail", "where"}, params={"tables": list, "blank_table_ratio": (int, float)}, required={"tables"})
def missing_value(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A blank, unparseable or unplaceable cell where the format wants a number."""
    ratio = float(rule.params.get("blank_table_ratio", 0.5))
    for table_id in rule.params["tables"]:
        table = doc.tables.get(table_id)
        if table is None:
            continue
        yield from _check_table(doc, table, ratio)


def _check_table(doc: Document, table: Table, ratio: float) -> Iterator[Finding]:
    spec = table.spec
    if not table.found:
        body = doc.sections.get(spec.section)
        if body is not None:
            h = body.heading
            yield Finding(h.line, h.col, h.end_col, _fields(table, "", "", f"{spec.title} ({spec.name}) was not found under this heading"))
        return

    rows = list(table.rows.values())
    blank = [r for r in rows if r.blank]
    if len(rows) > 1 and len(blank) >= max(2, ratio * len(rows)):
        first = blank[0].label
        yield Finding(first.line, first.col, first.end_col, _fields(table, "", "", f"{len(blank)} of {len(rows)} rows have no values; the table is blank"))
        reported_blank = True
    else:
        reported_blank = False

    for missing in table.missing_rows():
        anchor = _next_present(table, missing.id)
        yield Finding(anchor.line, anchor.col, anchor.col, _fields(table, missing.label, "", f"row “{missing.label}” is missing"))

    for row in rows:
        label = _row_label(row)
        if row.blank:
            if not reported_blank:
                yield Finding(row.label.line, row.label.col, row.label.end_col, _fields(table, label, "", "the row has no values"))
            continue
        if row.run_together is not None:
            continue  # cells run together: gov.flattened-table and gov.ambiguous-table speak for the row
        if not row.placed:
            n = sum(1 for c in row.slots if c.kind in (Kind.VALUE, Kind.BAD))
            yield Finding(row.label.line, row.label.col, row.label.end_col, _fields(
                table, label, "", f"{n} values for {len(row.column_ids)} columns; cannot tell which columns they belong to"))
            continue
        for column, cell in zip(row.column_ids, row.cells):
            column_label = spec.column_label(column)
            if cell is None or cell.kind is Kind.BLANK:
                line, col = (cell.line, cell.col) if cell is not None else (row.label.line, row.label.end_col)
                yield Finding(line, col, col, _fields(table, label, column_label, f"{column_label} is blank; the format expects a number (0 for none)"))
            elif cell.kind is Kind.BAD:
                yield Finding(cell.line, cell.col, cell.end_col, _fields(table, label, column_label, f"{column_label} is “{cell.text}”, not a number; the format expects 0 for none"))
            elif spec.values == "count" and cell.number is not None and not cell.number.is_count:
                yield Finding(cell.line, cell.col, cell.end_col, _fields(table, label, column_label, f"{column_label} is “{cell.text}”; counts are whole numbers, 0 or more"))


def _next_present(table: Table, row_id: str):
    ids = [r.id for r in table.spec.rows]
    for rid in ids[ids.index(row_id) + 1:]:
        if rid in table.rows:
            return table.rows[rid].label
    return list(table.rows.values())[-1].label


_FULLWIDTH_DIGITS = regexcache.compile("[\uff10-\uff19]")


@check_kind("number-format", fields={"table", "row", "column", "detail", "where"}, params={"signed": list, "counts": list})
def number_format(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Numbers written the way the format does not ask for: 减5711, 增1, +378, full-width digits, units in counts."""
    signed = {tuple(s.split(".", 1)) for s in rule.params.get("signed", [])}   # "t2.change"
    counts = set(rule.params.get("counts", []))
    for table_id, table in doc.tables.items():
        for row in table.rows.values():
            if not row.placed:
                continue
            for column, cell in zip(row.column_ids, row.cells):
                if cell is None or cell.kind is not Kind.VALUE or cell.number is None:
                    continue
                raw = doc.lines[cell.line - 1].raw[cell.col:cell.end_col]
                fields = _fields(table, row.spec.label if row.spec else row.label_text, table.spec.column_label(column), "")
                n = cell.number
                if (table_id, column) in signed and n.sign_word in ("减", "减少", "增", "增加", "+"):
                    wanted = number(n.value)
                    yield Finding(cell.line, cell.col, cell.end_col, {**fields, "detail": f"“{raw}” should be written “{wanted}”: the format asks for signed numbers, negatives as -8"},
                                  fixes=(Fix(cell.line, cell.col, cell.end_col, wanted),))
                elif _FULLWIDTH_DIGITS.search(raw):
                    yield Finding(cell.line, cell.col, cell.end_col, {**fields, "detail": f"“{raw}” uses full-width digits; write ASCII digits"})
                if table_id in counts and n.unit:
                    yield Finding(cell.line, cell.col, cell.end_col, {**fields, "detail": f"“{raw}” carries the unit “{n.unit}”; count cells hold the number alone"})


def _run_together(doc: Document, rule: Rule) -> Iterator[tuple[Table, Row]]:
    for table_id in rule.params.get("tables", list(doc.tables)):
        table = doc.tables.get(table_id)
        if table is None:
            continue
        for row in table.rows.values():
            if row.run_together is not None:
                yield table, row


@check_kind("flattened-table", fields={"table", "row", "digits", "cells", "detail", "where"}, params={"tables": list})
def flattened_table(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Cells run together that could be split in exactly one way satisfying the table's arithmetic."""
    for table, row in _run_together(doc, rule):
        if row.placed:
            cells = " | ".join(c.text for c in row.cells)
            line, col, end = row.cells[0].line, row.cells[0].col, row.cells[-1].end_col
            fields = _fields(table, _row_label(row), "", f"“{row.run_together}” read as {cells}, the only split that satisfies the table's sums")
            yield Finding(line, col, end, {**fields, "digits": row.run_together, "cells": cells})


@check_kind("ambiguous-table", fields={"table", "row", "digits", "count", "detail", "where"}, params={"tables": list})
def ambiguous_table(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Cells run together that cannot be split unambiguously: reported, never guessed."""
    for table, row in _run_together(doc, rule):
        if row.placed:
            continue
        end = row.label.end_col
        col = end - len(row.run_together)
        how = "no split satisfies the table's sums" if row.splits == 0 else "several splits satisfy the table's sums" if table.spec.identities else "the table has no sums to tell the splits apart"
        fields = _fields(table, _row_label(row), "", f"“{row.run_together}” runs {len(row.column_ids)} cells together and {how}; put each value in its own cell")
        yield Finding(row.label.line, col, end, {**fields, "digits": row.run_together, "count": row.splits})
