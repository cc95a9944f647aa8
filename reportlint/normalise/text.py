"""NormText: a normalised string that remembers where each character came from."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reportlint.normalise.script import t2s_chars

# Dropped from the normalised view: zero-width and formatting characters.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_fold_cache: dict[str, str] = {}


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF


def fold_char(ch: str) -> str:
    """Normalise one character: NFKC width folding, unified spaces, Simplified script."""
    out = _fold_cache.get(ch)
    if out is None:
        if ch in INVISIBLE:
            out = ""
        elif ch == "\t":
            out = "\t"
        elif ch.isspace():
            out = " "
        else:
            out = unicodedata.normalize("NFKC", ch)
            out = "".join(t2s_chars().get(c, c) for c in out)
        _fold_cache[ch] = out
    return out


@dataclass(frozen=True, slots=True)
class NormText:
    """``text[i]`` came from original column ``cols[i]`` (0-based code points)."""

    text: str
    cols: tuple[int, ...]

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
        keep = [i for i, ch in enumerate(self.text) if not ch.isspace()]
        return NormText("".join(self.text[i] for i in keep), tuple(self.cols[i] for i in keep))

    @classmethod
    def join(cls, parts: list[NormText]) -> NormText:
        return cls("".join(p.text for p in parts), tuple(c for p in parts for c in p.cols))


def normalise_line(raw: str) -> NormText:
    chars: list[str] = []
    cols: list[int] = []
    for col, ch in enumerate(raw):
        if ch.isascii() and ch not in "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85":
            chars.append(ch)
            cols.append(col)
            continue
        for out in fold_char(ch):
            chars.append(out)
            cols.append(col)
    # Spaces between two hanzi are extraction noise ("行政权 力运行", "商 业 企"): drop them.
    keep = []
    n = len(chars)
    i = 0
    while i < n:
        if chars[i] == " ":
            j = i
            while j < n and chars[j] == " ":
                j += 1
            if 0 < i and j < n and _is_han(chars[i - 1]) and _is_han(chars[j]):
                i = j
                continue
            keep.extend(range(i, j))
            i = j
            continue
        keep.append(i)
        i += 1
    return NormText("".join(chars[k] for k in keep), tuple(cols[k] for k in keep))
