"""Read a saved web page (.html/.htm) as report text, keeping every character's source position.

The page is flattened into a virtual text: every block element (p, div, h1–h6,
li, br…) ends a line, every table row becomes one tab-separated line (so
empty ``<td>``s stay blank cells and the tab-row table logic applies as is),
entities are decoded, and script/style content is dropped. Word-exported MSO
markup (``<o:p>``, ``mso-*`` styles, ``<!--[if …]>`` comments) is tags and
comments, so it disappears too. Each character of the virtual text remembers
the (line, column) in the HTML source it came from, and diagnostics are
mapped back to it. Every ``<td>`` is a cell of its row, a blank one a known
blank in its place; a blank or numeric cell spanning columns (colspan) stands
for as many cells. Row labels are matched by text, so a label spanning rows
(rowspan) simply appears once.

Each line also records the elements that hold it (``containers``), so that the
document can tell the element holding the report's sections from the
navigation, info tables and footers around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from reportlint.diagnostics import Diagnostic
from reportlint.read import Source

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "table", "section", "article", "header",
           "footer", "nav", "ul", "ol", "title", "blockquote", "pre", "hr", "dd", "dt", "caption", "form", "body"}
_SKIP = {"script", "style", "noscript", "template"}
_CELLS = {"td", "th"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_VALUE_LIKE = re.compile(r"[\s\d.,\-−—/]*")   # a blank or numeric cell: a colspan over it is that many cells


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.lines: list[str] = []
        self.positions: list[list[tuple[int, int]]] = []
        self.text: list[str] = []
        self.pos: list[tuple[int, int]] = []
        self.skip = 0
        self.cells_in_row = 0
        self.in_cell = 0          # inside <td>/<th>: Word wraps cell text in <p>, which must not end the row
        self.stack: list[tuple[int, str]] = []    # open elements, as (serial, tag)
        self.serial = 0
        self.containers: list[tuple[tuple[int, str], ...]] = []
        self.line_stack: tuple[tuple[int, str], ...] | None = None   # the elements open at the current line's first character
        self.cell_start = 0       # where the open cell's text starts in ``text``
        self.cell_seen = False    # a blank cell's first space was seen
        self.tag_at: tuple[int, int] | None = None   # where the last start tag began
        self.colspan = 1

    # -- building the virtual text --
    def _add(self, ch: str, where: tuple[int, int]) -> None:
        if self.skip:
            return
        if ch in "\r\n\t\f\v ":
            ch = " "
            if self.text and self.text[-1] in " \t":
                return
        if not self.text:
            self.line_stack = tuple(self.stack)
        self.text.append(ch)
        self.pos.append(where)

    def _break(self) -> None:
        while self.text and self.text[-1] == " ":
            self.text.pop()
            self.pos.pop()
        if self.text:
            self.lines.append("".join(self.text))
            self.positions.append(self.pos)
            self.containers.append(self.line_stack or tuple(self.stack))
        self.text, self.pos = [], []

    def _open(self, tag: str) -> None:
        if tag not in _VOID:
            self.serial += 1
            self.stack.append((self.serial, tag))

    def _close(self, tag: str) -> None:
        """Close ``tag`` and whatever was left open inside it; an end tag with no start is ignored."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][1] == tag:
                del self.stack[i:]
                return

    def _end_cell(self) -> None:
        """A blank or numeric cell spanning n columns stands for n cells of the row."""
        if self.colspan > 1 and self.in_cell:
            text = "".join(self.text[self.cell_start:])
            if _VALUE_LIKE.fullmatch(text):
                where = self.pos[-1] if self.pos else self._here()
                for _ in range(self.colspan - 1):
                    self.text.append("\t")
                    self.pos.append(where)
        self.colspan = 1

    def _here(self) -> tuple[int, int]:
        return self.getpos()

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tag_at = self._here()
        if tag in _CELLS:
            self._end_cell()   # a <td> whose end tag was left out
        self._open(tag)
        if tag in _SKIP:
            self.skip += 1
        elif tag == "tr":
            self._break()
            self.cells_in_row = 0
        elif tag in _CELLS:
            self.in_cell += 1
            if self.cells_in_row:
                while self.text and self.text[-1] == " ":
                    self.text.pop()
                    self.pos.pop()
                if not self.text:
                    self.line_stack = tuple(self.stack[:-1])
                self.text.append("\t")
                self.pos.append(self._here())
            self.cells_in_row += 1
            self.cell_start = len(self.text)
            self.cell_seen = False
            span = dict(attrs).get("colspan") or "1"
            self.colspan = min(int(span), 50) if span.strip().isdigit() else 1
        elif tag in _BLOCKS:
            self._block()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr"):
            self._block()

    def handle_endtag(self, tag: str) -> None:
        self.tag_at = None
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _CELLS:
            self._end_cell()
            self.in_cell = max(0, self.in_cell - 1)
        elif tag == "tr":
            self._end_cell()
            self.in_cell = 0
            self._break()
        elif tag in _BLOCKS and tag != "br":
            self._block()
        self._close(tag)

    def _block(self) -> None:
        """A block boundary: a new line, or just a space inside a table cell."""
        if self.in_cell:
            self._add(" ", self.getpos())
        else:
            self._break()

    def handle_data(self, data: str) -> None:
        line, col = self._here()
        if (self.in_cell and not self.cell_seen and data.isspace() and "\n" not in data
                and len(self.text) == self.cell_start and self.text and self.text[-1] == "\t"):
            # a blank cell points at the element around its space (<o:p> </o:p>), not at its <td>
            self.pos[-1] = self.tag_at if self.tag_at is not None else (line, col)
            self.cell_seen = True
        for ch in data:
            self._add(ch, (line, col))
            if ch == "\n":
                line, col = line + 1, 0
            else:
                col += 1

    def _entity(self, text: str) -> None:
        where = self._here()  # every decoded character points at the entity
        for ch in text:
            self._add(ch, where)

    def handle_entityref(self, name: str) -> None:
        self._entity(unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._entity(unescape(f"&#{name};"))


@dataclass(frozen=True)
class HtmlView:
    """The flattened text of a page and where each of its characters came from."""

    original: Source
    text: Source
    positions: tuple[tuple[tuple[int, int], ...], ...]   # per virtual line: (source line, source col) per char
    containers: tuple[tuple[tuple[int, str], ...], ...] = ()   # per virtual line: the elements holding it

    def locate(self, line: int, col: int) -> tuple[int, int]:
        """(source line, 1-based source column) of 0-based ``col`` on virtual line ``line``."""
        if not 1 <= line <= len(self.positions) or not self.positions[line - 1]:
            return line, col + 1
        pos = self.positions[line - 1]
        src_line, src_col = pos[min(col, len(pos) - 1)]
        return src_line, src_col + 1

    def map(self, d: Diagnostic) -> Diagnostic:
        """A diagnostic on the virtual text, moved to the HTML source."""
        if not 1 <= d.line <= len(self.positions) or not self.positions[d.line - 1]:
            return d
        pos = self.positions[d.line - 1]
        start = pos[min(d.column - 1, len(pos) - 1)]
        if d.end_line == d.line:
            last = pos[min(max(d.end_column - 2, d.column - 1), len(pos) - 1)]
            end = (last[0], last[1] + 1) if last[0] == start[0] else (start[0], start[1] + 1)
        elif 1 <= d.end_line <= len(self.positions) and self.positions[d.end_line - 1]:
            # a finding over several lines (a block of chrome) ends where its last line does
            tail = self.positions[d.end_line - 1]
            last = tail[min(max(d.end_column - 2, 0), len(tail) - 1)]
            end = (last[0], last[1] + 1)
        else:
            end = (start[0], start[1] + 1)
        return Diagnostic(d.path, start[0], start[1] + 1, end[0], end[1] + 1, d.rule, d.severity, d.message)  # no fixes on HTML


def html_view(source: Source) -> HtmlView:
    parser = _Flattener()
    parser.feed(source.text)
    parser.close()
    parser._break()
    text = Source.from_text(source.path, "\n".join(parser.lines) + "\n", source.encoding)
    return HtmlView(source, text, tuple(tuple(p) for p in parser.positions), tuple(parser.containers))
