"""Opening a view of any file, the plain-text and web-page views, and ``reportlint show --text``."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from reportlint.read import DEFAULT_MAX_BYTES, ReadError, Source, read_bytes, read_source
from reportlint.views import DOCX, HTML, PDF

if TYPE_CHECKING:
    from reportlint.diagnostics import Diagnostic
    from reportlint.htmlview import HtmlView
    from reportlint.views import View


def read_document(path: str, max_bytes: int) -> bytes:
    """A binary document's bytes, with the same size limit and messages as text files."""
    data = read_bytes(path, max_bytes)
    if not data:
        raise ReadError("file is empty")
    return data


def open_view(path: str, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> View:
    """The view of ``path``, by its extension; raises ReadError with a message for the user when it cannot be read."""
    lower = path.lower()
    if lower.endswith(PDF):
        from reportlint.views.pdf import pdf_view

        return pdf_view(path, read_document(path, max_bytes))
    if lower.endswith(DOCX):
        from reportlint.views.docx import docx_view

        return docx_view(path, read_document(path, max_bytes))
    source = read_source(path, encoding=encoding, max_bytes=max_bytes)
    if lower.endswith(HTML):
        return _HtmlAdapter.of(source)
    return PlainView(source)


class TextLines:
    """What a view whose text keeps the file's own lines says of them: no page elements, and
    every position is where it is (a text file, a PDF's text layer, a Word document's lines)."""

    containers: tuple = ()

    def locate(self, line: int, col: int) -> tuple[int, int]:
        return line, col + 1


@dataclass(frozen=True)
class PlainView(TextLines):
    """A text file is its own view."""

    text: Source

    @property
    def shown(self) -> Source:
        return self.text

    def map(self, d: Diagnostic) -> Diagnostic:
        return d

    def label(self, line: int) -> str:
        return ""


@dataclass(frozen=True)
class _HtmlAdapter:
    """``reportlint.htmlview``'s flattened page as a View."""

    page: HtmlView

    @classmethod
    def of(cls, source: Source) -> _HtmlAdapter:
        from reportlint.htmlview import html_view

        return cls(html_view(source))

    @property
    def text(self) -> Source:
        return self.page.text

    @property
    def shown(self) -> Source:
        return self.page.original

    def map(self, d: Diagnostic) -> Diagnostic:
        return self.page.map(d)

    @property
    def containers(self) -> tuple:
        return self.page.containers

    def locate(self, line: int, col: int) -> tuple[int, int]:
        return self.page.locate(line, col)

    def label(self, line: int) -> str:
        positions = self.page.positions[line - 1] if 0 < line <= len(self.page.positions) else ()
        return f"html {positions[0][0]}:{positions[0][1] + 1}" if positions else ""


def print_text_view(path: str, out: TextIO, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """``reportlint show --text FILE``: the text that is linted, numbered as diagnostics number it. Returns an exit code."""
    if not os.path.isfile(path):
        print(f"reportlint: error: no such file: {path}", file=sys.stderr)
        return 2
    try:
        view = open_view(path, encoding=encoding, max_bytes=max_bytes)
    except ReadError as exc:
        print(f"reportlint: error: {path}: {exc}", file=sys.stderr)
        return 2
    lines = view.text.lines
    width = len(str(len(lines)))
    labels = [view.label(n) for n in range(1, len(lines) + 1)]
    label_width = max((len(lab) for lab in labels), default=0)
    for n, (text, label) in enumerate(zip(lines, labels), start=1):
        prefix = f"{label:<{label_width}}  " if label_width else ""
        out.write(f"{prefix}{n:>{width}} │ {text}\n")
    return 0
