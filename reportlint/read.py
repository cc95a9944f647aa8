"""Pipeline step 1: read a file into lines that keep their original numbering.

Everything about bytes lives here: BOMs, encodings (UTF-8, UTF-16 with BOM,
GB18030/GBK), line endings, binary and oversized files. Later steps see only
``Source.lines``: the text of each line without its line ending, so that
``lines[n - 1]`` is what an editor shows as line ``n``.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from reportlint import regexcache

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Line breaks an editor counts. str.splitlines() also splits on \x0b, \x1c,
# U+2028 and friends, which would shift every line number after them.
_LINE_BREAK = regexcache.compile(r"\r\n|\r|\n")


class ReadError(Exception):
    """A file that cannot be linted; the message is shown to the user."""


class EmptyFile(ReadError):
    """A file with nothing but whitespace: not a report, and not an error either (skipped with a note)."""


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    text: str
    lines: tuple[str, ...]
    encoding: str               # a codec that writes no BOM of its own: utf-8, utf-16-le, gb18030, ...
    newline: str                # the first line break, for text added by fixes
    endings: tuple[str, ...] = ()   # each line's own break ("" after a last line without one)
    bom: bytes = b""
    raw: bytes | None = None    # the bytes as read, to detect changes before writing fixes

    @classmethod
    def from_text(cls, path: str, text: str, encoding: str = "utf-8", *, bom: bytes = b"", raw: bytes | None = None) -> Source:
        parts = _LINE_BREAK.split(text)
        breaks = _LINE_BREAK.findall(text)
        lines = tuple(parts)
        endings = tuple(breaks) + ("",)
        if len(lines) > 1 and lines[-1] == "":
            lines, endings = lines[:-1], endings[:-1]  # a final newline does not start another line
        newline = breaks[0] if breaks else "\n"
        return cls(path=path, text=text, lines=lines, encoding=encoding, newline=newline, endings=endings, bom=bom, raw=raw)

    def encode(self, text: str) -> bytes:
        """Bytes for ``text`` in this source's encoding, with its BOM."""
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, bytes]:
    """Return ``(text, encoding, bom)``; raise ReadError when the bytes are not text."""
    for bom, name in _BOMS:
        if data.startswith(bom) and (encoding is None or codecs.lookup(encoding).name.startswith(name[:5])):
            try:
                return data[len(bom):].decode(name), name, bom
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {name} byte-order mark but is not {name}: {exc}") from None
    if encoding:
        try:
            return data.decode(encoding), encoding, b""
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReadError(f"cannot decode as {encoding}: {exc}") from None
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030", b""
    except UnicodeDecodeError:
        raise ReadError("not valid UTF-8 or GB18030 text; pass --encoding if you know the encoding") from None


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, refused with a message for the user when unreadable or over ``max_bytes``."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ReadError(f"file is larger than {max_bytes // (1024 * 1024)} MiB; raise --max-file-size to lint it")
    return data


def read_source(path: str, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    data = read_bytes(path, max_bytes)
    text, used, bom = decode(data, encoding)
    if not text.strip():
        raise EmptyFile("empty file" if not text else "only whitespace")
    return Source.from_text(path, text, used, bom=bom, raw=data)


class _SparseLines:
    """A read-only sequence of a file's lines that stores only some of them ("" for the rest)."""

    __slots__ = ("_count", "_kept")

    def __init__(self, count: int, kept: dict[int, str]) -> None:
        self._count = count
        self._kept = kept

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._kept.get(index, "")


@dataclass(frozen=True, slots=True)
class Excerpt:
    """What rendering needs of a linted source: the lines its diagnostics point at.

    Keeping the whole text of every file until the output is written costs memory
    in proportion to the archive; an excerpt costs a few lines per finding.
    """

    path: str
    lines: _SparseLines

    @classmethod
    def of(cls, source: Source, line_numbers) -> Excerpt:
        kept = {n - 1: source.lines[n - 1] for n in set(line_numbers) if 0 < n <= len(source.lines)}
        return cls(source.path, _SparseLines(len(source.lines), kept))
