"""``reportlint audit DIR``: lint a whole region's reports and summarise them for an office.

The summary (files, findings per rule, worst files, reports by format and
year) is printed as a table; ``--html FILE`` writes a self-contained page
(inline CSS and an inline SVG chart, no external assets) with per-file
details, for circulating.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from reportlint import __version__


@dataclass
class Summary:
    files: int = 0
    skipped: int = 0
    unreadable: int = 0
    per_rule: Counter = field(default_factory=Counter)
    per_severity: Counter = field(default_factory=Counter)
    by_format_year: Counter = field(default_factory=Counter)
    worst: list[tuple[str, int, int]] = field(default_factory=list)   # (path, errors, findings)


def summarize(results: list) -> Summary:
    s = Summary(files=len(results))
    scores = []
    for r in results:
        s.skipped += r.skipped
        s.unreadable += any(d.rule == "read-error" for d in r.diagnostics)
        for d in r.diagnostics:
            s.per_rule[d.rule] += 1
            s.per_severity[d.severity] += 1
        if not r.skipped:
            fmt, year = r.facts.get("format"), r.facts.get("year")
            s.by_format_year[(f"{fmt} format" if fmt else "format unknown", str(year) if year else "year unknown")] += 1
        errors = sum(1 for d in r.diagnostics if d.severity == "error")
        if r.diagnostics:
            scores.append((r.path, errors, len(r.diagnostics)))
    s.worst = sorted(scores, key=lambda x: (-x[1], -x[2], x[0]))[:10]
    return s


def summary_json(s: Summary) -> dict:
    """The summary as JSON data (``reportlint audit --format json``)."""
    return {
        "files": s.files, "reports": s.files - s.skipped - s.unreadable, "skipped": s.skipped, "unreadable": s.unreadable,
        "severities": {level: s.per_severity[level] for level in ("error", "warning", "info")},
        "rules": dict(s.per_rule.most_common()),
        "worst": [{"path": path, "errors": errors, "findings": n} for path, errors, n in s.worst],
        "by_format_year": [{"format": fmt, "year": year, "reports": n} for (fmt, year), n in sorted(s.by_format_year.items())],
    }


def print_summary(s: Summary, out: TextIO, *, color: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, color_system="auto" if color else None, force_terminal=color, no_color=not color,
                      highlight=False, soft_wrap=not color, width=None if color else 120)
    console.print(f"[bold]Audited {s.files} files[/]: {s.files - s.skipped - s.unreadable} reports, "
                  f"{s.skipped} not reports, {s.unreadable} unreadable; "
                  f"{s.per_severity['error']} errors, {s.per_severity['warning']} warnings, {s.per_severity['info']} info")
    rules = Table(title="Findings per rule", show_edge=False)
    rules.add_column("rule")
    rules.add_column("findings", justify="right")
    for rule, n in s.per_rule.most_common():
        rules.add_row(rule, str(n))
    console.print(rules)
    worst = Table(title="Worst files", show_edge=False)
    worst.add_column("file")
    worst.add_column("errors", justify="right")
    worst.add_column("findings", justify="right")
    for path, errors, n in s.worst:
        worst.add_row(path, str(errors), str(n))
    console.print(worst)
    formats = Table(title="Reports by format and year", show_edge=False)
    formats.add_column("format")
    formats.add_column("year")
    formats.add_column("reports", justify="right")
    for (fmt, year), n in sorted(s.by_format_year.items()):
        formats.add_row(fmt, year, str(n))
    console.print(formats)


def _chart(per_rule: Counter) -> str:
    """An inline SVG bar chart of findings per rule."""
    items = per_rule.most_common()
    if not items:
        return "<p>No findings.</p>"
    top = max(n for _, n in items)
    bar_h, label_w, width = 22, 230, 720
    rows = []
    for i, (rule, n) in enumerate(items):
        y = i * bar_h
        w = max(2, int((width - label_w - 60) * n / top))
        rows.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{html.escape(rule)}</text>'
                    f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w}" height="{bar_h - 6}"><title>{html.escape(rule)}: {n}</title></rect>'
                    f'<text x="{label_w + w + 6}" y="{y + 15}">{n}</text>')
    return (f'<svg id="chart" role="img" aria-label="Findings per rule" width="{width}" height="{len(items) * bar_h}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>')


_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em} table{border-collapse:collapse;margin:.5em 0 1.5em} td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
td.n{text-align:right} .error{color:#b00020} .warning{color:#8a5a00} .info{color:#005f87}
.bar{fill:#4e79a7} svg text{font-size:12px} details{margin:.3em 0} summary{cursor:pointer}
"""


def write_html(s: Summary, results: list, path: str) -> None:
    esc = html.escape
    parts = [f"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>reportlint audit</title><style>{_CSS}</style></head><body>",
             f"<h1>reportlint audit — {date.today().isoformat()}</h1>",
             f"<p id=\"totals\">{s.files} files: {s.files - s.skipped - s.unreadable} reports, {s.skipped} not reports, {s.unreadable} unreadable. "
             f"<span class=\"error\">{s.per_severity['error']} errors</span>, <span class=\"warning\">{s.per_severity['warning']} warnings</span>, "
             f"<span class=\"info\">{s.per_severity['info']} info</span>.</p>",
             "<h2>Findings per rule</h2>", _chart(s.per_rule),
             "<h2>Worst files</h2><table><tr><th>file</th><th>errors</th><th>findings</th></tr>"]
    parts += [f"<tr><td>{esc(p)}</td><td class=n>{e}</td><td class=n>{n}</td></tr>" for p, e, n in s.worst]
    parts.append("</table><h2>Reports by format and year</h2><table><tr><th>format</th><th>year</th><th>reports</th></tr>")
    parts += [f"<tr><td>{esc(f)}</td><td>{esc(y)}</td><td class=n>{n}</td></tr>" for (f, y), n in sorted(s.by_format_year.items())]
    parts.append("</table><h2>Files</h2>")
    for r in results:
        if not r.diagnostics:
            continue
        parts.append(f"<details><summary>{esc(r.path)} — {len(r.diagnostics)} findings</summary><table>"
                     "<tr><th>line:col</th><th>severity</th><th>rule</th><th>message</th></tr>")
        parts += [f"<tr><td>{esc(d.place + ' ') if d.place else ''}{d.line}:{d.column}</td><td class=\"{d.severity}\">{d.severity}</td><td>{esc(d.rule)}</td><td>{esc(d.message)}</td></tr>"
                  for d in r.diagnostics]
        parts.append("</table></details>")
    parts.append(f"<p><small>reportlint {__version__}</small></p></body></html>\n")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("".join(parts))
