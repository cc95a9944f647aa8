"""Human output in the style of ruff and rustc, rendered with rich.

rich is imported here only, so machine formats never pay for it. Off a
terminal the output has no colour and no wrapping unless asked for.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

from reportlint.render.plain import escape as escape_controls
from reportlint.render.plain import escape_span, summary

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_WINDOW = 72  # display cells of source shown around a span


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """A slice of a long line around ``[start, end)``; returns text and the span within it."""
    if cell_len(line) <= _WINDOW:
        return line, start, end
    left = start
    while left > 0 and cell_len(line[left - 1:start]) < _WINDOW // 3:
        left -= 1
    right = max(end, left)
    while right < len(line) and cell_len(line[left:right + 1]) < _WINDOW:
        right += 1
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    return prefix + line[left:right] + suffix, start - left + len(prefix), end - left + len(prefix)


def render(report, out: TextIO, *, color: bool = False, show_source: bool = True, **_options) -> None:
    console = Console(file=out, color_system="auto" if color else None, force_terminal=color, no_color=not color,
                      highlight=False, soft_wrap=True, emoji=False, width=10_000 if not color else None)
    files = skipped = fixable = 0
    counts: Counter = Counter()
    for r in report.results:
        files += 1
        skipped += r.skipped
        for d in r.diagnostics:
            _print(console, d, r.source if show_source else None)
            counts[d.severity] += 1
            fixable += d.fixable
    found, line = summary(files, skipped, counts, fixable, report.notes)
    if found:
        console.print(f"\n[bold]{escape(line)}[/]")
    else:
        console.print(f"[bold green]{escape(line)}[/]")


def _print(console, d, source) -> None:
    """One diagnostic, and under it the source line with the span marked (when ``source`` is given)."""
    console.print(
        f"[bold]{escape(escape_controls(d.location))}[/]: [{_STYLE[d.severity]}]{d.severity}[/] "
        f"[bold]{escape(escape_controls(d.rule))}[/] {escape(escape_controls(d.message))}"
    )
    if source is not None and 1 <= d.line <= len(source.lines):
        text = source.lines[d.line - 1].replace("\t", " ")
        start = min(d.column - 1, len(text))
        end = min(max(d.end_column - 1, start + 1), len(text)) if d.end_line == d.line else len(text)
        text, start, end = escape_span(text.rstrip(), start, max(end, start))
        shown, s, e = _window(text, start, end)
        gutter = " " * len(str(d.line))
        caret = " " * cell_len(shown[:s]) + "^" * max(1, cell_len(shown[s:e]))
        console.print(f"[blue]{d.line} │[/] {escape(shown)}")
        console.print(f"[blue]{gutter} │[/] [{_STYLE[d.severity]}]{caret}[/]")
