"""``reportlint show FILE``: what the linter understood of a report.

Format and year with where each was read, the sections with their headings'
line:col, every table as a grid (each cell's value and line:col), and the page
chrome. Every position is in the file as a person opens it (the HTML source for
a web page, the original line for a one-line report), exactly as diagnostics are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from reportlint.engine import Options, document, is_html
from reportlint.read import ReadError, read_source
from reportlint.ruleset import RuleSet
from reportlint.structure.cells import Cell, Kind
from reportlint.structure.document import Document
from reportlint.structure.tables import Row, Table

Locate = Callable[[int, int], tuple[int, int]]   # (line, 0-based col) in the linted text -> (line, 1-based col) in the file


def show(path: str, ruleset: RuleSet, out: TextIO, options: Options = Options()) -> int:
    """Print what each pack that recognises the file read from it; 1 if none does, 2 if it cannot be read."""
    try:
        source = read_source(path, encoding=options.encoding, max_bytes=options.max_bytes)
    except ReadError as exc:
        print(f"reportlint: error: {exc}", file=out)
        return 2
    containers: tuple = ()
    html_locate: Locate | None = None
    if is_html(path):
        from reportlint.htmlview import html_view

        view = html_view(source)
        source, containers, html_locate = view.text, view.containers, view.locate
    shown = False
    for pack in ruleset.packs:
        doc, pieces = document(source, pack, options, containers)
        if not doc.is_report:
            continue
        shown = True

        def locate(line: int, col: int, pieces=pieces) -> tuple[int, int]:
            if pieces is not None:
                line, col = pieces.locate(line, col)
            if html_locate is not None:
                return html_locate(line, col)
            return line, col + 1

        _print(doc, pack.name, locate, out, layout=_layout(path, pieces))
    if not shown:
        print(f"{path}: not recognised as a report of any rule pack (no report title, fewer than two section headings)", file=out)
        return 1
    return 0


def _layout(path: str, pieces) -> str:
    kind = "web page" if is_html(path) else "text"
    if pieces is None:
        return kind
    cut = {line for line, start, _ in pieces.origin if start}
    return f"{kind}; {len(cut)} line(s) cut at headings, table rows and page chrome into {len(pieces.origin)} lines"


def _at(locate: Locate, line: int | None, col: int) -> str:
    if line is None:
        return "-"
    ln, c = locate(line, col)
    return f"{ln}:{c}"


def _print(doc: Document, pack: str, locate: Locate, out: TextIO, *, layout: str) -> None:
    w = out.write
    w(f"{doc.path}  (pack {pack}; {layout})\n")
    fmt, year = doc.format, doc.year
    w(f"format  {fmt.value or 'unknown'}  ({fmt.how or 'not detected'})\n")
    w(f"year    {year.value or 'unknown'}  ({year.how or 'not detected'}{', at ' + _at(locate, year.line, year.col) if year.line else ''})\n")
    w("\nsections\n")
    for section in doc.spec.sections:
        body = doc.sections.get(section.id)
        if body is None:
            w(f"  {section.numeral}、{section.title:<24}  missing\n")
            continue
        h = body.heading
        w(f"  {section.numeral}、{section.title:<24}  {_at(locate, h.line, h.col)}  “{h.numeral}、{h.title}”\n")
    for table in doc.tables.values():
        _print_table(table, locate, out)
    w("\nchrome\n")
    if not doc.chrome:
        w("  none\n")
    for number, kind in doc.chrome.items():
        line = doc.lines[number - 1]
        stripped = line.norm.strip()
        col, _ = stripped.span(0, len(stripped))
        text = line.raw.strip()
        w(f"  {_at(locate, number, col):<12} {kind:<14} {text[:60] + ('…' if len(text) > 60 else '')}\n")


def _print_table(table: Table, locate: Locate, out: TextIO) -> None:
    w = out.write
    spec = table.spec
    w(f"\n{spec.title} {spec.name}")
    if not table.found:
        w("  not found\n")
        return
    w("\n")
    for row in [*table.rows.values(), *table.extra_rows]:
        label = row.spec.label if row.spec else f"(not in the format) {row.label_text}"
        w(f"  {label}  @{_at(locate, row.label.line, row.label.col)}\n")
        w(f"    {_row_cells(row, table, locate)}\n")


def _row_cells(row: Row, table: Table, locate: Locate) -> str:
    if row.run_together is not None and not row.placed:
        how = "no split fits the sums" if row.splits == 0 else f"{row.splits if row.splits <= 16 else 'many'} splits fit the sums"
        return f"run together “{row.run_together}” @{_at(locate, row.run.line, row.run.col)}: {how}; not read"
    if not row.placed:
        if row.blank:
            return "no values"
        return "cannot be placed in columns: " + " ".join(_cell(c, locate) for c in row.slots)
    cells = [f"{table.spec.column_label(col)}={_cell(c, locate)}" for col, c in zip(row.column_ids, row.cells)]
    note = f"  (split from “{row.run_together}”)" if row.run_together is not None else ""
    return " | ".join(cells) + note


def _cell(c: Cell | None, locate: Locate) -> str:
    if c is None:
        return "·"
    where = _at(locate, c.line, c.col)
    if c.kind is Kind.BLANK:
        return f"(blank)@{where}"
    return f"{c.text}@{where}"
