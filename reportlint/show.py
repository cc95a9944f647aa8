"""``reportlint show FILE``: what the linter understood of a report.

Format and year with where each was read, the sections with their headings'
line:col, every table as a grid (each cell's value and line:col), and the page
chrome. Every position is in the file as a person opens it (the HTML source for
a web page, the original line for a one-line report), exactly as diagnostics are.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO

from reportlint.engine import Options, document
from reportlint.read import ReadError
from reportlint.views import open_view
from reportlint.ruleset import RuleSet
from reportlint.structure.cells import Cell, Kind
from reportlint.structure.document import Document
from reportlint.structure.tables import Table

Locate = Callable[[int, int], tuple[int, int]]   # (line, 0-based col) in the linted text -> (line, 1-based col) in the file


def show(path: str, ruleset: RuleSet, out: TextIO, options: Options = Options(), *, as_json: bool = False) -> int:
    """Print what each pack that recognises the file read from it; 1 if none does, 2 if it cannot be read."""
    try:
        facts = understood(path, ruleset, options)
    except ReadError as exc:
        print(f"reportlint: error: {exc}", file=out)
        return 2
    if as_json:
        import json

        json.dump(facts, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for item in facts:
            _print(item, out)
    if not facts:
        if not as_json:
            print(f"{path}: not recognised as a report of any rule pack (no report title, fewer than two section headings)", file=out)
        return 1
    return 0


def understood(path: str, ruleset: RuleSet, options: Options = Options()) -> list[dict]:
    """Per pack that recognises the file: format, year, sections, tables and chrome, at file positions."""
    view = open_view(path, encoding=options.encoding, max_bytes=options.max_bytes)
    out = []
    for pack in ruleset.packs:
        doc, pieces = document(view.text, pack, options, view.containers, view.locate)
        if not doc.is_report:
            continue

        def locate(line: int, col: int, pieces=pieces) -> tuple[int, int]:
            if pieces is not None:
                line, col = pieces.locate(line, col)
            return view.locate(line, col)

        out.append(_facts(doc, pack.name, locate, _layout(path, pieces)))
    return out


_KINDS = {".html": "web page", ".htm": "web page", ".pdf": "PDF text layer (lines as `show --text` numbers them)",
          ".docx": "Word document (lines as `show --text` numbers them)"}


def _layout(path: str, pieces) -> str:
    kind = _KINDS.get(os.path.splitext(path.lower())[1], "text")
    if pieces is None:
        return kind
    cut = {line for line, start, _ in pieces.origin if start}
    return f"{kind}; {len(cut)} line(s) cut at headings, table rows and page chrome into {len(pieces.origin)} lines"


def _where(locate: Locate, line: int | None, col: int) -> dict | None:
    if line is None:
        return None
    ln, c = locate(line, col)
    return {"line": ln, "column": c}


def _facts(doc: Document, pack: str, locate: Locate, layout: str) -> dict:
    fmt, year = doc.format, doc.year
    sections = []
    for section in doc.spec.sections:
        body = doc.sections.get(section.id)
        h = body.heading if body else None
        sections.append({"id": section.id, "title": f"{section.numeral}、{section.title}",
                         "written": f"{h.numeral}、{h.title}" if h else None,
                         "at": _where(locate, h.line, h.col) if h else None})
    chrome = []
    for number, kind in doc.chrome.items():
        line = doc.lines[number - 1]
        stripped = line.norm.strip()
        col, _ = stripped.span(0, len(stripped))
        chrome.append({"kind": kind, "at": _where(locate, number, col), "text": line.raw.strip()})
    return {
        "path": doc.path, "pack": pack, "layout": layout,
        "format": {"value": fmt.value, "how": fmt.how},
        "year": {"value": year.value, "how": year.how, "at": _where(locate, year.line, year.col)},
        "sections": sections,
        "tables": [_table(t, locate) for t in doc.tables.values()],
        "chrome": chrome,
    }


def _table(table: Table, locate: Locate) -> dict:
    spec = table.spec
    rows = []
    in_order = [table.rows[r.id] for r in spec.rows if r.id in table.rows]
    for row in [*in_order, *table.extra_rows]:
        item = {"row": row.spec.label if row.spec else row.label_text, "id": row.id, "at": _where(locate, row.label.line, row.label.col)}
        if row.placed:
            item["cells"] = [_cell(spec.column_label(col), c, locate) for col, c in zip(row.column_ids, row.cells)]
        elif not row.blank:
            item["unplaced"] = [_cell("", c, locate) for c in row.slots]
        if row.run_together is not None:
            item["run_together"] = {"text": row.run_together, "splits": row.splits}
        if row.loose:
            item["loose"] = True
        rows.append(item)
    return {"table": spec.title, "name": spec.name, "found": table.found, "rows": rows}


def _cell(column: str, c: Cell | None, locate: Locate) -> dict:
    if c is None:
        return {"column": column, "value": None, "text": None, "at": None}
    value = c.number.value if c.number is not None and c.kind is Kind.VALUE else None
    shown = None if value is None else (int(value) if value == value.to_integral_value() else str(value))
    return {"column": column, "value": shown, "text": c.text, "kind": c.kind.value, "at": _where(locate, c.line, c.col)}


def _at(where: dict | None) -> str:
    return f"{where['line']}:{where['column']}" if where else "-"


def _print(facts: dict, out: TextIO) -> None:
    w = out.write
    w(f"{facts['path']}  (pack {facts['pack']}; {facts['layout']})\n")
    fmt, year = facts["format"], facts["year"]
    w(f"format  {fmt['value'] or 'unknown'}  ({fmt['how'] or 'not detected'})\n")
    w(f"year    {year['value'] or 'unknown'}  ({year['how'] or 'not detected'}{', at ' + _at(year['at']) if year['at'] else ''})\n")
    w("\nsections\n")
    for s in facts["sections"]:
        where = f"{_at(s['at'])}  “{s['written']}”" if s["at"] else "missing"
        w(f"  {s['title']:<24}  {where}\n")
    for t in facts["tables"]:
        w(f"\n{t['table']} {t['name']}")
        if not t["found"]:
            w("  not found\n")
            continue
        w("\n")
        for row in t["rows"]:
            w(f"  {row['row'] or '(not in the format)'}  @{_at(row['at'])}{'  (label and values apart: matched by order)' if row.get('loose') and 'cells' in row else ''}\n")
            w(f"    {_row_text(row)}\n")
    w("\nchrome\n")
    if not facts["chrome"]:
        w("  none\n")
    for c in facts["chrome"]:
        text = c["text"]
        w(f"  {_at(c['at']):<12} {c['kind']:<14} {text[:60] + ('…' if len(text) > 60 else '')}\n")


def _row_text(row: dict) -> str:
    run = row.get("run_together")
    if "cells" in row:
        cells = " | ".join(f"{c['column']}={_cell_text(c)}" for c in row["cells"])
        return cells + (f"  (split from “{run['text']}”)" if run else "")
    if run:
        how = "no split fits" if run["splits"] == 0 else f"{run['splits'] if run['splits'] <= 16 else 'many'} splits fit"
        return f"run together “{run['text']}”: {how}; not read"
    if row.get("loose"):
        return "label and values apart (a converted table): not matched; not read"
    if "unplaced" in row:
        return "cannot be placed in columns: " + " ".join(_cell_text(c) for c in row["unplaced"])
    return "no values"


def _cell_text(c: dict) -> str:
    if c["at"] is None:
        return "·"
    return f"{'(blank)' if c['kind'] == 'blank' else c['text']}@{_at(c['at'])}"
