"""NormText: a normalised string that remembers where each character came from."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from reportlint import regexcache
from reportlint.normalise.script import t2s_chars

# Dropped from the normalised view: zero-width and formatting characters.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def fold_char(ch: str) -> str:
    """Normalise one character: NFKC width folding, unified spaces, Simplified script.

    Called once per distinct character per process: ``_FOLD`` below keeps the results.
    """
    if ch in INVISIBLE:
        return ""
    if ch == "\t":
        return "\t"
    if ch.isspace():
        return " "
    t2s = t2s_chars()
    return "".join(t2s.get(c, c) for c in unicodedata.normalize("NFKC", ch))


@dataclass(frozen=True, slots=True)
class NormText:
    """``text[i]`` came from original column ``cols[i]`` (0-based code points).

    ``cols`` is a ``range`` where the text maps one to one onto the line (most lines).
    """

    text: str
    cols: Sequence[int]

    def __len__(self) -> int:
        return len(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original 0-based ``[col, end_col)`` of ``text[start:end]``."""
        if not self.cols:
            return 0, 0
        if start >= len(self.cols):
            last = self.cols[-1] + 1
            return last, last
        end = max(end, start + 1)
        return self.cols[start], self.cols[min(end, len(self.cols)) - 1] + 1

    def slice(self, start: int, end: int) -> NormText:
        return NormText(self.text[start:end], self.cols[start:end])

    def strip(self) -> NormText:
        text = self.text
        start, end = 0, len(text)
        while start < end and text[start] in " \t":
            start += 1
        while end > start and text[end - 1] in " \t":
            end -= 1
        return self.slice(start, end)

    def compact(self) -> NormText:
        """The text with all whitespace removed: the form labels are matched on."""
        runs = [m.span() for m in _NOT_SPACE.finditer(self.text)]
        if len(runs) == 1 and runs[0] == (0, len(self.text)):
            return self
        cols = self.cols
        return NormText("".join(self.text[s:e] for s, e in runs), tuple(chain.from_iterable(cols[s:e] for s, e in runs)))

    @classmethod
    def join(cls, parts: list[NormText]) -> NormText:
        return cls("".join(p.text for p in parts), tuple(chain.from_iterable(p.cols for p in parts)))


class _FoldTable(dict):
    """A ``str.translate`` table: code point -> folded text, filled the first time a character is seen."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = ch if ch.isascii() and ch not in "\t\x0b\x0c\x1c\x1d\x1e\x1f" else fold_char(ch)
        if len(out) != 1:
            _UNEVEN.add(ch)   # dropped (zero-width) or expanded (NFKC: "…" -> "...")
        self[code] = out
        return out


_FOLD = _FoldTable()
_UNEVEN: set[str] = set()
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
# Spaces between two hanzi are extraction noise ("行政权 力运行", "商 业 企"): dropped.
_HAN_GAP = regexcache.compile(f"(?<=[{_HAN}]) +(?=[{_HAN}])")
_NOT_SPACE = regexcache.compile(r"\S+")


def fold_line(raw: str) -> NormText:
    """Widths, spaces and script folded, every space kept (where words are separate tokens)."""
    text = raw.translate(_FOLD)   # in C; the table learns each new character once per process
    cols: Sequence[int]
    if _UNEVEN.isdisjoint(raw):
        cols = range(len(raw))    # one character for one: the identity map, stored as a range
    else:
        cols = tuple(col for col, ch in enumerate(raw) for _ in range(len(_FOLD[ord(ch)])))
    return NormText(text, cols)


def normalise_line(raw: str) -> NormText:
    """The matching view of a line: folded, and without the spaces between two hanzi."""
    return _without_han_gaps(fold_line(raw))


def _without_han_gaps(folded: NormText) -> NormText:
    text, cols = folded.text, folded.cols
    gaps = [m.span() for m in _HAN_GAP.finditer(text)] if " " in text else None
    if not gaps:
        return folded
    kept_text, kept_cols, last = [], [], 0
    for start, end in gaps:
        kept_text.append(text[last:start])
        kept_cols.extend(cols[last:start])
        last = end
    kept_text.append(text[last:])
    kept_cols.extend(cols[last:])
    return NormText("".join(kept_text), tuple(kept_cols))


class LineViews:
    """One document's lines folded and normalised, each worked out once.

    Segmenting, page chrome and the document all read a line's two views; they share one
    ``LineViews`` per document (NormText is immutable). It lives as long as the document, so
    nothing carries over from one report to the next.
    """

    def __init__(self) -> None:
        self._folded: dict[str, NormText] = {}
        self._normalised: dict[str, NormText] = {}

    def folded(self, raw: str) -> NormText:
        view = self._folded.get(raw)
        if view is None:
            view = self._folded[raw] = fold_line(raw)
        return view

    def normalised(self, raw: str) -> NormText:
        view = self._normalised.get(raw)
        if view is None:
            view = self._normalised[raw] = _without_han_gaps(self.folded(raw))
        return view
