"""A PDF's text layer as report text, with the page of every line.

Read with pypdf (pure Python, BSD; see benchmarks/pdf_readers.py for the comparison with
pdfminer.six, pypdfium2 and PyMuPDF): each page's ``extract_text()``, pages joined by a
line break, which is exactly the text layer that ``pdftotext``-style tools and the
corpus's ``hongze-*.txt`` hold. Diagnostics keep the line and column of that text and
gain the page. A PDF that cannot give report text (scanned, encrypted, damaged, or a
text layer that decodes to mojibake) raises one ``ReadError`` that says why.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reportlint.read import _LINE_BREAK, ReadError, Source   # the line breaks Source counts, so pages line up
from reportlint.views.base import TextLines

if TYPE_CHECKING:
    from reportlint.diagnostics import Diagnostic

# Fonts without a usable ToUnicode map come out as Latin-1 and Latin Extended letters,
# ligatures and private-use code points ("æ¿å”ä¿¡æﬂ") instead of hanzi.
_MOJIBAKE_SHARE = 0.3


@dataclass(frozen=True)
class PdfView(TextLines):
    text: Source
    page_starts: tuple[int, ...]      # the text-view line each page starts at, in page order

    @property
    def shown(self) -> Source:
        return self.text

    def page_of(self, line: int) -> int:
        return max(1, bisect_right(self.page_starts, line))

    def map(self, d: Diagnostic) -> Diagnostic:
        return replace(d, page=self.page_of(d.line), fixes=(), fixable=False)

    def label(self, line: int) -> str:
        return f"page {self.page_of(line)}"


def pdf_view(path: str, data: bytes) -> PdfView:
    pages = _page_texts(data)
    if not any(p.strip() for p in pages):
        raise ReadError(f"no text layer on any of its {len(pages)} page(s): this looks like a scanned PDF; OCR it first "
                        "(e.g. ocrmypdf) and lint the result")
    garbled = mojibake_share(pages)
    if garbled >= _MOJIBAKE_SHARE:
        sample = next(p for p in pages if p.strip()).split()[0][:12]
        raise ReadError(f"the text layer does not decode to readable text ({garbled:.0%} of its letters are Latin-1 or "
                        f"private-use mojibake, e.g. {sample!r}): its fonts have no usable ToUnicode map; "
                        "export the PDF again from the original document, or OCR it")
    starts, line = [], 1
    for page in pages:
        starts.append(line)
        line += len(_LINE_BREAK.findall(page)) + 1
    text = "\n".join(pages)
    return PdfView(Source.from_text(path, text if text.endswith("\n") else text + "\n"), tuple(starts))


def _page_texts(data: bytes) -> list[str]:
    try:
        import pypdf
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
    except ImportError:   # pragma: no cover - pypdf is a core dependency
        raise ReadError("reading PDF needs pypdf: pip install pypdf") from None
    # pypdf logs every robustness fix of a non-compliant file (a repaired xref, an unknown
    # encoding) on stderr; what matters to the user is whether the text is readable, checked below.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypt(reader):
            raise ReadError("encrypted PDF: it needs a password to open; lint an unencrypted copy")
        return [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except DependencyError:
        raise ReadError("AES-encrypted PDF: reading it needs the cryptography package: pip install 'reportlint[crypto]'") from None
    except FileNotDecryptedError:
        raise ReadError("encrypted PDF: it needs a password to open; lint an unencrypted copy") from None
    except PdfReadError as exc:
        raise ReadError(f"damaged PDF, cannot be read: {exc}") from None
    except Exception as exc:  # pypdf raises many kinds of errors on broken files; none may escape as a traceback
        raise ReadError(f"damaged PDF, cannot be read ({type(exc).__name__}: {exc})") from None


def _decrypt(reader) -> bool:
    """Open a PDF that is encrypted only against editing or printing (an empty user password)."""
    from pypdf import PasswordType

    return reader.decrypt("") != PasswordType.NOT_DECRYPTED


def _is_garbage(ch: str) -> bool:
    code = ord(ch)
    return 0x80 <= code <= 0x2AF or 0xE000 <= code <= 0xF8FF or 0xFB00 <= code <= 0xFB4F or code == 0xFFFD


def mojibake_share(pages: list[str]) -> float:
    """The share of letters that are mojibake rather than hanzi, Latin or digits."""
    letters = garbage = 0
    for page in pages:
        for ch in page:
            if ch.isspace() or unicodedata.category(ch)[0] in "PZC" and not _is_garbage(ch):
                continue
            letters += 1
            garbage += _is_garbage(ch)
    return garbage / letters if letters else 0.0
