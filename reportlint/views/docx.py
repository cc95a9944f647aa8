"""A Word document (.docx) as report text, with the paragraph or table cell of every character.

Read with python-docx: the body's paragraphs and tables in document order. Each
paragraph is a line (a soft line break inside it starts another). Each table row is
one tab-separated line, so the tab-row table recovery applies as it does to web pages.
Tables are resolved as Word lays them out, on the layout grid: a cell spanning columns
(``gridSpan``) or continuing a vertical merge (``vMerge``) is written once, in the row
and column where it starts, as Word's own HTML export writes it; every other cell,
blank ones included, keeps its position. Diagnostics point at ``paragraph N`` or
``table T, row R, column C`` (grid positions, 1-based).
"""

from __future__ import annotations

import io
import zipfile
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reportlint.read import ReadError, Source
from reportlint.views.base import TextLines

if TYPE_CHECKING:
    from reportlint.diagnostics import Diagnostic


@dataclass(frozen=True)
class _Line:
    """Where one text-view line comes from: a paragraph, or a table row with its cells' start columns."""

    paragraph: int = 0                       # 1-based body paragraph, or 0 for a table row
    table: int = 0
    row: int = 0
    cells: tuple[tuple[int, int], ...] = ()  # (0-based start column in the line, 1-based grid column)

    def place(self, column: int) -> str:
        if not self.table:
            return f"paragraph {self.paragraph}"
        if not self.cells:
            return f"table {self.table}, row {self.row}"
        i = max(0, bisect_right([start for start, _ in self.cells], column - 1) - 1)
        return f"table {self.table}, row {self.row}, column {self.cells[i][1]}"


@dataclass(frozen=True)
class DocxView(TextLines):
    text: Source
    lines: tuple[_Line, ...]

    @property
    def shown(self) -> Source:
        return self.text

    def map(self, d: Diagnostic) -> Diagnostic:
        where = self.lines[d.line - 1].place(d.column) if 0 < d.line <= len(self.lines) else None
        return replace(d, where=where, fixes=(), fixable=False)

    def label(self, line: int) -> str:
        if not 0 < line <= len(self.lines):
            return ""
        at = self.lines[line - 1]
        return f"table {at.table}, row {at.row}" if at.table else f"paragraph {at.paragraph}"


def docx_view(path: str, data: bytes) -> DocxView:
    document = _open(data)
    try:
        texts, lines = _blocks(document)
    except Exception as exc:  # malformed XML inside a valid package (a vMerge with nothing above, ...)
        raise ReadError(f"damaged Word document, cannot read its content ({type(exc).__name__}: {exc})") from None
    if not any(t.strip() for t in texts):
        raise ReadError("the Word document has no text")
    return DocxView(Source.from_text(path, "\n".join(texts) + "\n"), tuple(lines))


def _blocks(document) -> tuple[list[str], list[_Line]]:
    """The text-view lines of the body, in document order, and where each comes from."""
    from docx.table import Table

    texts: list[str] = []
    lines: list[_Line] = []
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            for row, cells in enumerate(_grid_rows(block), start=1):
                texts.append(_row_line(cells))
                starts, col = [], 0
                for grid_col, text in cells:
                    starts.append((col, grid_col))
                    col += len(text) + 1
                lines.append(_Line(table=tables, row=row, cells=tuple(starts)))
        else:
            paragraphs += 1
            for part in _clean(block.text, keep_breaks=True).split("\n"):
                texts.append(part)
                lines.append(_Line(paragraph=paragraphs))
    return texts, lines


def _open(data: bytes):
    try:
        import docx
    except ImportError:   # pragma: no cover - python-docx is a core dependency
        raise ReadError("reading .docx needs python-docx: pip install python-docx") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("not a Word .docx file (not a ZIP package; an old binary .doc must be saved as .docx first)")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged package: python-docx, zipfile and lxml raise many kinds; none may escape
        raise ReadError(f"damaged or not a Word .docx file ({type(exc).__name__}: {exc})") from None


def _clean(text: str, *, keep_breaks: bool = False) -> str:
    """Text of a paragraph (line breaks kept) or a cell (one line: paragraphs and tabs become spaces)."""
    text = text.replace("\r", "\n")
    if not keep_breaks:
        text = " ".join(part.strip() for part in text.replace("\t", " ").split("\n") if part.strip())
    return text


def _grid_rows(table) -> list[list[tuple[int, str]]]:
    """Each row's cells that start there, as (1-based grid column, text); merged cells appear once."""
    rows = []
    for row in table.rows:
        cells, grid_col, previous = [], row.grid_cols_before, None
        for cell in row.cells:
            grid_col += 1
            if cell._tc is previous:          # the rest of a horizontal span
                continue
            previous = cell._tc
            if cell._tc.getparent() is row._tr:   # not the continuation of a vertical merge from above
                cells.append((grid_col, _clean(cell.text)))
        rows.append(cells)
    return rows


def _row_line(cells: list[tuple[int, str]]) -> str:
    return "\t".join(text for _, text in cells)
