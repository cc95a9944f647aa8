"""Table arithmetic: row sums, column sums and the balance identity.

All three compare a sum of cells with another sum and point at the cell a
person has to check: the total that disagrees with its parts. Cells that are
blank, unparseable or could not be placed are left to ``missing-value``; an
identity with such a cell is not evaluated.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportlint.checks import Finding, check_kind
from reportlint.ruleset import Rule
from reportlint.structure.cells import Cell
from reportlint.structure.document import Document
from reportlint.structure.tables import Row, Table

SUM_FIELDS = {"table", "where", "column", "total_label", "total", "expr", "sum", "diff"}


def number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


def expression(values: list[Decimal]) -> str:
    """``6+0+1`` for short sums; long ones keep the non-zero terms: ``6+1+9+1+0…``."""
    if len(values) <= 8:
        return "+".join(number(v) for v in values)
    nonzero = [number(v) for v in values if v != 0]
    return "+".join(nonzero or ["0"]) + ("+0…" if len(nonzero) < len(values) else "")


def _finding(anchor: Cell, total: Decimal, parts: list[Decimal], fields: dict) -> Finding:
    s = sum(parts, Decimal(0))
    return Finding(anchor.line, anchor.col, anchor.end_col, {**fields, "total": number(total), "expr": expression(parts), "sum": number(s), "diff": number(s - total)})


def _values(cells: list[Cell | None]) -> list[Decimal] | None:
    out = []
    for c in cells:
        if c is None or c.number is None:
            return None
        out.append(c.number.value)
    return out


def _rows(table: Table, patterns: list[str]) -> list[Row]:
    return table.present_rows(patterns)


@check_kind("row-sum", fields=SUM_FIELDS, params={"identities": list}, required={"identities"})
def row_sum(doc: Document, rule: Rule) -> Iterator[Finding]:
    """In every row, the parts add up to the total column."""
    for ident in rule.params["identities"]:
        table = doc.tables.get(ident["table"])
        if table is None:
            continue
        for row in table.rows.values():
            if not row.placed:
                continue
            parts = [row.cell(c) for c in ident["parts"]]
            total_cell = row.cell(ident["total"])
            values = _values(parts + [total_cell])
            if values is None:
                continue
            *part_values, total = values
            if sum(part_values, Decimal(0)) != total:
                yield _finding(total_cell, total, part_values, {
                    "table": table.spec.title,
                    "where": ident.get("label") or (row.spec.label if row.spec else row.label_text),
                    "column": table.spec.column_label(ident["total"]),
                    "total_label": table.spec.column_label(ident["total"]),
                })


@check_kind("column-sum", fields=SUM_FIELDS, params={"table": str, "total": str, "parts": list}, required={"table", "total", "parts"})
def column_sum(doc: Document, rule: Rule) -> Iterator[Finding]:
    """In every column, the listed rows add up to the total row."""
    p = rule.params
    table = doc.tables.get(p["table"])
    if table is None or p["total"] not in table.rows or table.lacks(p["parts"]):
        return
    total_row = table.rows[p["total"]]
    part_rows = _rows(table, p["parts"])
    if not part_rows or not total_row.placed or not all(r.placed for r in part_rows):
        return
    for column in total_row.column_ids:
        total_cell = total_row.cell(column)
        values = _values([r.cell(column) for r in part_rows] + [total_cell])
        if values is None:
            continue
        *part_values, total = values
        if sum(part_values, Decimal(0)) != total:
            yield _finding(total_cell, total, part_values, {
                "table": table.spec.title,
                "where": total_row.spec.label if total_row.spec else "",
                "column": table.spec.column_label(column),
                "total_label": total_row.spec.label if total_row.spec else "",
            })


@check_kind("balance", fields={"table", "column", "lhs", "lhs_expr", "rhs", "rhs_expr", "diff", "identity"},
            params={"table": str, "lhs": list, "rhs": list, "anchor": str, "identity": str}, required={"table", "lhs", "rhs", "anchor"})
def balance(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Per column, the rows on the left add up to the rows on the right (一 + 二 = （七） + 四)."""
    p = rule.params
    table = doc.tables.get(p["table"])
    if table is None or p["anchor"] not in table.rows or table.lacks(p["lhs"] + p["rhs"]):
        return
    lhs_rows, rhs_rows = _rows(table, p["lhs"]), _rows(table, p["rhs"])
    if len(lhs_rows) != len(p["lhs"]) or len(rhs_rows) != len(p["rhs"]) or not all(r.placed for r in lhs_rows + rhs_rows):
        return
    anchor_row = table.rows[p["anchor"]]
    for column in anchor_row.column_ids:
        lhs = _values([r.cell(column) for r in lhs_rows])
        rhs = _values([r.cell(column) for r in rhs_rows])
        if lhs is None or rhs is None:
            continue
        left, right = sum(lhs, Decimal(0)), sum(rhs, Decimal(0))
        if left != right:
            cell = anchor_row.cell(column)
            yield Finding(cell.line, cell.col, cell.end_col, {
                "table": table.spec.title,
                "column": table.spec.column_label(column),
                "lhs": number(left), "lhs_expr": expression(lhs),
                "rhs": number(right), "rhs_expr": expression(rhs),
                "diff": number(left - right),
                "identity": p.get("identity", ""),
            })
