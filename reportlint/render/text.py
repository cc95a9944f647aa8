"""Human output in the style of ruff and rustc.

Each file's findings are built once, as a list of ``(text, style)`` pieces, and
written in one call: as plain text when there is no colour (pre-commit, CI, a
pipe: no rich console at all), or as one rich ``Text`` printed once when there
is. Either way the layout is the same. Off a terminal the output has no colour
and no wrapping unless asked for. ``rich.cells`` measures display width (carets
under CJK text); the rest of rich is imported only to colour.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from reportlint.render.plain import escape as escape_controls
from reportlint.render.plain import escape_span, summary

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_WINDOW = 72   # display cells of source shown around a span
_TAB = 8       # tab stops in the written text, as rich expands them

Piece = tuple[str, "str | None"]


def _cell_len(text: str) -> int:
    """Display cells of ``text``, as rich counts them: per character, unless joiners make graphemes."""
    if text.isascii() and text.isprintable():
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:
        from rich.cells import cell_len

        return cell_len(text)
    return sum(map(_char_width, text))


class _Widths(dict):
    """Display cells per character, as rich counts them; each character asked of rich once."""

    def __missing__(self, character: str) -> int:
        from rich.cells import get_character_cell_size

        width = self[character] = 1 if " " <= character <= "~" else get_character_cell_size(character)
        return width


_char_width = _Widths().__getitem__


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """A slice of a long line around ``[start, end)``; returns text and the span within it.

    Widths are measured only as far as the window reaches: a report flattened onto one line
    has lines of many thousand characters.
    """
    if len(line) <= _WINDOW // 2:   # at most two cells a character
        return line, start, end
    if "\u200d" in line or "\ufe0f" in line:   # joiners and variation selectors: rich measures whole strings
        if _cell_len(line) <= _WINDOW:
            return line, start, end
        left = start
        while left > 0 and _cell_len(line[left - 1:start]) < _WINDOW // 3:
            left -= 1
        right = max(end, left)
        while right < len(line) and _cell_len(line[left:right + 1]) < _WINDOW:
            right += 1
    else:
        total = 0
        for character in line:   # is the whole line wider than the window? (stop as soon as it is)
            total += _char_width(character)
            if total > _WINDOW:
                break
        else:
            return line, start, end
        left, before = start, 0
        while left > 0 and (grown := before + _char_width(line[left - 1])) < _WINDOW // 3:
            left, before = left - 1, grown
        right = max(end, left)
        shown = sum(map(_char_width, line[left:right]))
        while right < len(line) and (grown := shown + _char_width(line[right])) < _WINDOW:
            right, shown = right + 1, grown
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    return prefix + line[left:right] + suffix, start - left + len(prefix), end - left + len(prefix)


def _finding(d, source) -> list[Piece]:
    """One diagnostic's lines, and under it the source line with the span marked (when ``source`` is given)."""
    style = _STYLE[d.severity]
    pieces: list[Piece] = [
        (escape_controls(d.location), "bold"), (": ", None), (d.severity, style), (" ", None),
        (escape_controls(d.rule), "bold"), (f" {escape_controls(d.message)}\n", None),
    ]
    if source is not None and 1 <= d.line <= len(source.lines):
        text = source.lines[d.line - 1].replace("\t", " ")
        start = min(d.column - 1, len(text))
        end = min(max(d.end_column - 1, start + 1), len(text)) if d.end_line == d.line else len(text)
        text, start, end = escape_span(text.rstrip(), start, max(end, start))
        shown, s, e = _window(text, start, end)
        gutter = " " * len(str(d.line))
        caret = " " * _cell_len(shown[:s]) + "^" * max(1, _cell_len(shown[s:e]))
        pieces += [(f"{d.line} │", "blue"), (f" {shown}\n", None),
                   (f"{gutter} │", "blue"), (" ", None), (caret, style), ("\n", None)]
    return pieces


def _expand_tabs(line: str) -> str:
    """``line`` with each tab widened to the next tab stop, counted in display cells (as rich does)."""
    parts = line.split("\t")
    out, position = [], 0
    for part in parts[:-1]:
        position += _cell_len(part) + 1
        pad = -position % _TAB
        out.append(part + " " * (1 + pad))
        position += pad
    out.append(parts[-1])
    return "".join(out)


class _Writer:
    """Writes a file's pieces in one call: plain text, or one rich ``Text`` through one console."""

    def __init__(self, out: TextIO, color: bool) -> None:
        self.out = out
        self.console = None
        if color:
            from rich.console import Console

            self.console = Console(file=out, color_system="auto", force_terminal=True, highlight=False,
                                   soft_wrap=True, emoji=False)

    def write(self, pieces: list[Piece]) -> None:
        if not pieces:
            return
        if self.console is not None:
            from rich.text import Text

            self.console.print(Text.assemble(*pieces), end="")
            return
        text = "".join(t for t, _ in pieces)
        if "\t" in text:
            text = "\n".join(_expand_tabs(line) for line in text.split("\n"))
        self.out.write(text)


def render(report, out: TextIO, *, color: bool = False, show_source: bool = True, **_options) -> None:
    writer = _Writer(out, color)
    files = skipped = fixable = 0
    counts: Counter = Counter()
    for r in report.results:
        files += 1
        skipped += r.skipped
        pieces: list[Piece] = []
        for d in r.diagnostics:
            pieces += _finding(d, r.source if show_source else None)
            counts[d.severity] += 1
            fixable += d.fixable
        writer.write(pieces)
    found, line = summary(files, skipped, counts, fixable, report.notes)
    writer.write([("\n", None), (line, "bold"), ("\n", None)] if found else [(line, "bold green"), ("\n", None)])
