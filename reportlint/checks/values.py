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
        if row.blank and not row.loose:
            if not reported_blank:
                yield Finding(row.label.line, row.label.col, row.label.end_col, _fields(table, label, "", "the row has no values"))
            continue
        if row.run_together is not None or (row.loose and not row.placed):
            continue  # cells run together, or set apart from their labels: gov.flattened-table and gov.ambiguous-table speak for the row
        if not row.placed:
            n = sum(1 for c in row.slots if c.kind in (Kind.VALUE, Kind.BAD))
            yield Finding(row.label.line, row.label.col, row.label.end_col, _fields(
                table, label, "", f"{n} values for {len(row.column_ids)} columns; cannot tell which columns they belong to"))
            continue
        yield from _row_cells(table, row, label)


def _names(labels: list[str]) -> str:
    return f"{labels[0]} is" if len(labels) == 1 else f"{', '.join(labels)} are"


def _row_cells(table: Table, row: Row, label: str) -> Iterator[Finding]:
    """A placed row's blank and placeholder cells, one finding each kind per row (one habit, one finding);
    a cell that is not a count, one finding per cell."""
    spec = table.spec
    blank, bad = [], []
    for column, cell in zip(row.column_ids, row.cells):
        if cell is None or cell.kind is Kind.BLANK:
            blank.append((column, cell))
        elif cell.kind is Kind.BAD:
            bad.append((column, cell))
        elif spec.values == "count" and cell.number is not None and not cell.number.is_count:
            column_label = spec.column_label(column)
            yield Finding(cell.line, cell.col, cell.end_col, _fields(table, label, column_label, f"{column_label} is “{cell.text}”; counts are whole numbers, 0 or more"))
    if blank:
        column, cell = blank[0]
        line, col = (cell.line, cell.col) if cell is not None else (row.label.line, row.label.end_col)
        labels = [spec.column_label(c) for c, _ in blank]
        implied = _implied_total(table, row, [c for c, _ in blank])
        detail = implied or f"{_names(labels)} blank; the format expects a number (0 for none)"
        yield Finding(line, col, col, _fields(table, label, ", ".join(labels), detail))
    if bad:
        column, cell = bad[0]
        labels = [spec.column_label(c) for c, _ in bad]
        written = "、".join(sorted({f"“{c.text}”" for _, c in bad}))
        yield Finding(cell.line, cell.col, cell.end_col, _fields(table, label, ", ".join(labels), f"{_names(labels)} {written}, not a number; the format expects 0 for none"))


def _implied_total(table: Table, row: Row, blank: list[str]) -> str | None:
    """"总计 is blank; its parts add to 272" when the only blank cell is a total whose parts all hold numbers."""
    if len(blank) != 1:
        return None
    for parts, total in table.spec.identities:
        if total != blank[0]:
            continue
        values = [row.value(p) for p in parts]
        if values and all(v is not None for v in values):
            return f"{table.spec.column_label(total)} is blank; its parts add to {number(sum(values))}"
    return None


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


def _run_together(doc: Document, rule: Rule, placed: bool, *, loose: bool = False) -> Iterator[tuple[Table, list[Row]]]:
    """Per table, its rows whose cells came run together and were (or were not) split; with ``loose``,
    also the rows whose labels and values stand apart and were not matched."""
    for table_id in rule.params.get("tables", list(doc.tables)):
        table = doc.tables.get(table_id)
        if table is None:
            continue
        rows = [r for r in table.rows.values() if (r.run_together is not None or (loose and r.loose)) and r.placed == placed]
        if rows:
            yield table, rows


def _rows_named(rows: list[Row], limit: int = 3) -> str:
    names = [f"{_row_label(r)} “{r.run_together}”" for r in rows[:limit]]
    return "; ".join(names) + (f"; and {len(rows) - limit} more" if len(rows) > limit else "")


@check_kind("flattened-table", fields={"table", "row", "digits", "cells", "detail", "where", "count"}, params={"tables": list})
def flattened_table(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Cells run together that could be split in exactly one way satisfying the table's arithmetic: once per table."""
    for table, rows in _run_together(doc, rule, placed=True):
        first = rows[0]
        cells = " | ".join(c.text for c in first.cells)
        line, col, end = first.cells[0].line, first.cells[0].col, first.cells[-1].end_col
        if len(rows) == 1:
            why = "the only split that satisfies the table's sums" if table.spec.identities else "the only way to read it (no number starts with 0)"
            detail = f"“{first.run_together}” read as {cells}, {why}"
            fields = _fields(table, _row_label(first), "", detail)
        else:
            detail = (f"{len(rows)} rows had their cells run together; each was read the only way the table's sums allow "
                      f"(here “{first.run_together}” as {cells})")
            fields = _fields(table, "", "", detail)
        yield Finding(line, col, end, {**fields, "digits": first.run_together, "cells": cells, "count": len(rows)})


@check_kind("ambiguous-table", fields={"table", "row", "digits", "count", "detail", "where"}, params={"tables": list})
def ambiguous_table(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Cells run together that cannot be split unambiguously: reported once per table, never guessed, never summed."""
    for table, rows in _run_together(doc, rule, placed=False, loose=True):
        apart = [r for r in rows if r.run_together is None]
        if apart:
            first = apart[0]
            detail = (f"{len(apart)} rows have their labels and their values apart (a converted table) and cannot be matched "
                      f"with certainty: the rows of values, in order, do not satisfy the table's sums; their values are not checked")
            yield Finding(first.label.line, first.label.col, first.label.end_col,
                          {**_fields(table, "", "", detail), "digits": "", "count": len(apart)})
        rows = [r for r in rows if r.run_together is not None]
        if not rows:
            continue
        first = rows[0]
        col, end = first.run.col, first.run.end_col
        if len(rows) == 1:
            how = ("the table has no sums to tell the splits apart" if not table.spec.identities else
                   "no split satisfies the table's sums" if first.splits == 0 else "several splits satisfy the table's sums")
            detail = f"“{first.run_together}” runs {len(first.column_ids)} cells together and {how}; its values are not checked"
            fields = _fields(table, _row_label(first), "", detail)
        else:
            detail = (f"{len(rows)} rows run their cells together and cannot be split with certainty ({_rows_named(rows)}); "
                      "their values are not checked")
            fields = _fields(table, "", "", detail)
        yield Finding(first.run.line, col, end, {**fields, "digits": first.run_together, "count": len(rows)})
