"""Files that are not plain text, read as a *view*: a virtual text that is linted, and a map back.

A web page (``reportlint.htmlview``), a PDF's text layer (``views.pdf``) and a Word
document (``views.docx``) are each turned into a ``Source`` of report text. The engine
lints that text like any ``.txt`` and passes every diagnostic through the view's
``map``, which points it back into the file: HTML source positions, or the PDF page,
or the Word paragraph or table cell. ``reportlint show --text FILE`` prints the text
that was linted, with the line numbers diagnostics refer to (``print_text_view``).
The readers' libraries are imported only when such a file is read; the views themselves
live in ``views.base`` (web pages, plain text, ``show --text``), ``views.pdf`` and ``views.docx``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint.read import DEFAULT_MAX_BYTES

HTML = (".html", ".htm")
PDF = (".pdf",)
DOCX = (".docx",)
VIEW_EXTENSIONS = HTML + PDF + DOCX        # everything that is linted through a view
BINARY_EXTENSIONS = PDF + DOCX             # never rewritten by --fix

if TYPE_CHECKING:   # the engine imports this package for every file: names only, no class to build
    from typing import Protocol

    from reportlint.diagnostics import Diagnostic
    from reportlint.read import Source

    class View(Protocol):
        text: Source        # what is linted, and what ``show --text`` prints

        @property
        def shown(self) -> Source:
            """The lines output shows under a diagnostic (the HTML source for a page, else ``text``)."""

        def map(self, d: Diagnostic) -> Diagnostic:
            """A diagnostic on ``text``, pointed at the file (and stripped of fixes: a view is never rewritten)."""

        def label(self, line: int) -> str:
            """Where line ``line`` of ``text`` comes from, for ``show --text`` ("page 3", "table 2, row 4")."""

        @property
        def containers(self) -> tuple:
            """For a web page: per line of ``text``, the elements holding it (else empty)."""

        def locate(self, line: int, col: int) -> tuple[int, int]:
            """(line, 1-based column) in ``shown`` of 0-based ``col`` on line ``line`` of ``text``."""


def has_view(path: str) -> bool:
    return path.lower().endswith(VIEW_EXTENSIONS)


def is_binary_document(path: str) -> bool:
    """A PDF or Word document: read through a library, never written."""
    return path.lower().endswith(BINARY_EXTENSIONS)


def open_view(path: str, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> View:
    """The view of ``path``; raises ReadError with a message for the user when it cannot be read."""
    from reportlint.views.base import open_view as open_any

    return open_any(path, encoding=encoding, max_bytes=max_bytes)
