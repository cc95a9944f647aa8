"""The document format as data: sections, tables, rows and columns.

Built from a pack's ``format.yaml``; see ``rules/gov/format.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlint import regexcache
from reportlint.patterns import refusal
from reportlint.yamlio import DataError, Node, load_yaml

# Outline numbering that may precede a label: 一、 (一) 1. 1、 ① and group labels' leftovers.
NUMBERING = r"(?:[#\s]*(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、)]|[①-⑳]))*"
# What may stand before the year in a report's title: the body's name (and Markdown's #), never a
# path, a table cell or a sentence ("| pingtan-2019.txt | …2019年度…年度报告", "本地目录: …/80576_…").
TITLE_LEAD = regexcache.compile(r"#*[^|/_\\:;,。；，、<>\[\]()\d]{0,40}")
# The outline number right before a label inside running text: at most one, of one digit.
INLINE_NUMBERING = r"(?:[一二三四五六七八九十]、|\([一二三四五六七八九十]\)|\d[.、)]|[①-⑳])?"


def compile_pattern(node: Node, key: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern from a data file, refusing bad syntax and patterns that could hang a run, with file:line."""
    refused = refusal(pattern, flags)   # reportlint.patterns: length, nested repetition, ambiguous alternatives
    if refused:
        raise node.error(f"{node.what}: regular expression in '{key}' {refused}", key)
    try:
        return regexcache.compile(pattern, flags)
    except re.error as exc:
        raise node.error(f"{node.what}: bad regular expression in '{key}': {exc}", key) from None


@dataclass(frozen=True, slots=True)
class SectionSpec:
    id: str
    numeral: str
    title: str
    variants: tuple[str, ...]
    match: re.Pattern[str]
    # A short line that opens the section's content when its heading was lost ("（一）主要问题").
    hint: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class RowSpec:
    id: str
    label: str
    match: re.Pattern[str] | None          # at the start of a label cell, after outline numbering
    formats: tuple[str, ...] = ()          # empty: every format
    parent: str | None = None
    alternative_to: tuple[str, ...] = ()
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per format, for tables whose rows differ
    # The label anywhere in running text, with the outline number written before it
    # ("…0000000" + "2.其他法律…": the number is one digit, so the run's digits stay with the run).
    inline: re.Pattern[str] | None = None

    def in_format(self, fmt: str | None) -> bool:
        return not self.formats or fmt is None or fmt in self.formats

    def column_ids(self, table: TableSpec, fmt: str | None) -> tuple[str, ...]:
        if self.columns:
            return self.columns.get(fmt or "", next(iter(self.columns.values())))
        return tuple(c.id for c in table.columns)


@dataclass(frozen=True, slots=True)
class TableSpec:
    id: str
    title: str
    name: str
    section: str
    values: str                      # "count" (non-negative integers) or "amount"
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    single_row: bool = False
    column_labels: dict[str, str] = field(default_factory=dict)
    identities: tuple[tuple[tuple[str, ...], str], ...] = ()   # (parts, total) column ids every row satisfies
    # (lhs, rhs) row-id patterns whose sums agree in every column (（一）+…+（六） = （七）; 一 + 二 = （七） + 四)
    column_identities: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    def column_label(self, column_id: str) -> str:
        for c in self.columns:
            if c.id == column_id:
                return c.label
        return self.column_labels.get(column_id, column_id)

    def rows_for(self, fmt: str | None) -> tuple[RowSpec, ...]:
        return tuple(r for r in self.rows if r.in_format(fmt))


@dataclass(frozen=True, slots=True)
class FormatVariant:
    id: str
    first_year: int
    last_year: int
    markers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FormatSpec:
    name: str
    title: str
    sections: tuple[SectionSpec, ...]
    tables: dict[str, TableSpec]
    variants: tuple[FormatVariant, ...]
    year_title: re.Pattern[str] | None
    year_period: re.Pattern[str] | None
    heading: re.Pattern[str] = regexcache.compile(r"#*\s*(?P<num>[一二三四五六七八九十]{1,2})\s*[、.,]\s*(?P<title>\S.*)")

    def section(self, section_id: str) -> SectionSpec:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def variant_for_year(self, year: int) -> str | None:
        for v in self.variants:
            if v.first_year <= year <= v.last_year:
                return v.id
        return None


def str_list(node: Node, key: str) -> tuple[str, ...]:
    """A data file's list of strings (numbers allowed, read as text), refused with file:line otherwise."""
    items = node.get(key, list, [])
    if not all(isinstance(x, (str, int)) for x in items):
        raise node.error(f"{node.what}: '{key}' must be a list of strings", key)
    return tuple(str(x) for x in items)


def _row(node: Node) -> RowSpec:
    node.check_keys({"id", "label", "match", "formats", "parent", "alternative_to", "columns"})
    match = node.get("match", str)
    columns: dict[str, tuple[str, ...]] = {}
    if "columns" in node.data:
        cols = node.child("columns")
        for fmt in cols.data:
            columns[str(fmt)] = str_list(cols, fmt)
    return RowSpec(
        id=node.get("id", str, required=True),
        label=node.get("label", str, required=True),
        match=compile_pattern(node, "match", NUMBERING + "(?:" + match + ")") if match else None,
        inline=compile_pattern(node, "match", INLINE_NUMBERING + "(?:" + match + ")") if match else None,
        formats=str_list(node, "formats"),
        parent=node.get("parent", str),
        alternative_to=str_list(node, "alternative_to"),
        columns=columns,
    )


def _table(table_id: str, node: Node) -> TableSpec:
    node.check_keys({"title", "name", "section", "values", "columns", "rows", "single_row", "column_labels", "identities", "column_identities"})
    columns = []
    for i, item in enumerate(node.get("columns", list, [])):
        c = Node(node.path, item, f"{node.what}.columns[{i}]")
        columns.append(ColumnSpec(c.get("id", str, required=True), c.get("label", str, required=True)))
    rows = [_row(Node(node.path, item, f"{node.what}.rows[{i}]")) for i, item in enumerate(node.get("rows", list, required=True))]
    values = node.get("values", str, "count")
    if values not in ("count", "amount"):
        raise node.error(f"{node.what}: 'values' must be 'count' or 'amount'", "values")
    labels = node.get("column_labels", dict, {})
    identities = []
    for i, item in enumerate(node.get("identities", list, [])):
        ident = Node(node.path, item, f"{node.what}.identities[{i}]")
        ident.check_keys({"parts", "total"})
        identities.append((str_list(ident, "parts"), ident.get("total", str, required=True)))
    column_identities = []
    for i, item in enumerate(node.get("column_identities", list, [])):
        ident = Node(node.path, item, f"{node.what}.column_identities[{i}]")
        ident.check_keys({"lhs", "rhs"})
        column_identities.append((str_list(ident, "lhs"), str_list(ident, "rhs")))
    return TableSpec(
        id=table_id,
        title=node.get("title", str, table_id),
        name=node.get("name", str, ""),
        section=str(node.get("section", (str, int), "")),
        values=values,
        columns=tuple(columns),
        rows=tuple(rows),
        single_row=node.get("single_row", bool, False),
        column_labels={str(k): str(v) for k, v in labels.items()},
        identities=tuple(identities),
        column_identities=tuple(column_identities),
    )


def load_format(path: str | Path) -> FormatSpec:
    root = Node(path, load_yaml(path), "format")
    root.check_keys({"name", "title", "year", "heading", "sections", "formats", "tables"})
    sections = []
    for i, item in enumerate(root.get("sections", list, required=True)):
        s = Node(path, item, f"sections[{i}]")
        s.check_keys({"id", "numeral", "title", "variants", "match", "hint"})
        sections.append(SectionSpec(
            id=str(s.get("id", (str, int), required=True)),
            numeral=s.get("numeral", str, ""),
            title=s.get("title", str, required=True),
            variants=str_list(s, "variants"),
            match=compile_pattern(s, "match", s.get("match", str, required=True)),
            hint=compile_pattern(s, "hint", NUMBERING + "(?:" + s.get("hint", str) + ")") if s.get("hint", str) else None,
        ))
    variants = []
    formats = root.get("formats", dict, {})
    for fid in formats:
        f = Node(path, formats[fid], f"formats.{fid}")
        years = f.get("years", list, [0, 9999])
        if len(years) != 2 or not all(isinstance(y, int) for y in years):
            raise f.error(f"formats.{fid}: 'years' must be [first, last]", "years")
        variants.append(FormatVariant(str(fid), years[0], years[1], str_list(f, "markers")))
    tables_node = Node(path, root.get("tables", dict, {}), "tables")
    tables = {str(tid): _table(str(tid), Node(path, tables_node.data[tid], f"tables.{tid}")) for tid in tables_node.data}
    heading = root.get("heading", str)
    year = Node(path, root.get("year", dict, {}), "year")
    return FormatSpec(
        name=root.get("name", str, required=True),
        title=root.get("title", str, ""),
        sections=tuple(sections),
        tables=tables,
        variants=tuple(variants),
        year_title=compile_pattern(year, "title", year.get("title", str)) if year.get("title", str) else None,
        year_period=compile_pattern(year, "period", year.get("period", str)) if year.get("period", str) else None,
        **({"heading": compile_pattern(root, "heading", heading)} if heading else {}),
    )


__all__ = ["ColumnSpec", "DataError", "FormatSpec", "RowSpec", "SectionSpec", "TableSpec", "load_format"]
