"""Split lines into table cells, whatever the layout.

Four layouts reach us as text: one cell per line, pipe rows (``a | 1 | 2``),
tab rows from PDF/Word extraction, and space-separated rows from PDF text
layers (``label 21 0 0 0 0 0 21``). Each line becomes a list of ``Cell``s with
their exact original position; the table step then reads one stream of cells
and never needs to know which layout it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from reportlint import regexcache
from reportlint.normalise import NormText


class Kind(Enum):
    LABEL = "label"
    VALUE = "value"
    BLANK = "blank"      # an empty cell in a pipe or tab row
    BAD = "bad"          # a placeholder where a number belongs: "/", "—", "无"
    RUN = "run"          # numbers run onto a label without separators: "规范性文件898989" -> "898989"


@dataclass(frozen=True, slots=True)
class Number:
    value: Decimal
    sign_word: str | None = None   # 增 / 减 / + / -
    unit: str | None = None        # 万元, 件, ...
    note: str | None = None        # "（其中修订16件）"

    @property
    def is_count(self) -> bool:
        """A plain non-negative integer, as tables 三 and 四 require."""
        return self.value >= 0 and self.value == self.value.to_integral_value() and self.sign_word in (None, "+")


@dataclass(frozen=True, slots=True)
class Cell:
    kind: Kind
    text: str           # normalised text of the cell
    line: int           # 1-based line number
    col: int            # 0-based start column in the original line (code points)
    end_col: int        # 0-based end column, exclusive
    number: Number | None = None
    grid: bool = False  # an explicit cell of a grid row (a pipe row, a web page's <td>): a blank one holds its column

    @property
    def groups(self) -> list[str]:
        """A RUN cell's digit groups: spaces in a run always fall between numbers ("230 000023")."""
        return self.text.split()


_SIGN = r"(?P<sign>[+\-−]|减少|增加|减|增)?"
_DIGITS = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = r"(?P<unit>万元|亿元|元|件|条|个|项|次|人|家|起|%)?"
_NOTE = r"(?P<note>\([^()]*\))?"
_BAD_TEXT = r"(?i:[/\\—–\-−_*×xX]{1,3}|无|空|暂无|null|N/?A)"
# A number as a whole cell: signed, with a unit and a bracketed note, spaces allowed between them.
_NUMBER = regexcache.compile(rf"{_SIGN}\s*{_DIGITS}\s*{_UNIT}\s*{_NOTE}")
_BAD = regexcache.compile(_BAD_TEXT)
# The scanner of a line's whitespace-separated pieces: each match is one whole piece, and its
# group says what it is (a number, with its parts; a placeholder; anything else: no group).
_PIECES = regexcache.compile(rf"(?P<value>{_SIGN}{_DIGITS}{_UNIT}{_NOTE})(?!\S)|(?P<bad>{_BAD_TEXT})(?!\S)|\S+")
_NEGATIVE = frozenset(("-", "−", "减", "减少"))
# What a cell's text is, per distinct short text ("0", "21", "/" recur in every table); bounded,
# and never a long label (a prose line is a cell too, and seldom seen twice).
_KNOWN: dict[str, tuple[Kind, Number | None]] = {}
_KNOWN_LIMIT = 20_000
_KNOWN_LENGTH = 24


def _number(m: re.Match[str]) -> Number | None:
    """The ``Number`` a match of ``_NUMBER`` or of ``_PIECES``' value group reads."""
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    sign = m.group("sign")
    if sign in _NEGATIVE:
        value = -value
    return Number(value, sign, m.group("unit"), m.group("note"))


def parse_number(text: str) -> Number | None:
    """The number ``text`` is as a whole cell, or None (parsed once per distinct text)."""
    return classify(text)[1]


def classify(text: str) -> tuple[Kind, Number | None]:
    known = _KNOWN.get(text)
    if known is not None:
        return known
    if not text:
        known = Kind.BLANK, None
    elif (m := _NUMBER.fullmatch(text)) is not None and (number := _number(m)) is not None:
        known = Kind.VALUE, number
    else:
        known = (Kind.BAD if _BAD.fullmatch(text) else Kind.LABEL), None
    return _remember(text, known)


def _remember(text: str, known: tuple[Kind, Number | None]) -> tuple[Kind, Number | None]:
    if len(text) <= _KNOWN_LENGTH:
        if len(_KNOWN) >= _KNOWN_LIMIT:
            _KNOWN.clear()
        _KNOWN[text] = known
    return known


def _piece(m: re.Match[str]) -> tuple[Kind, Number | None]:
    """What one scanned piece is, read from the scanner's own groups (parsed once per distinct piece)."""
    text = m.group()
    known = _KNOWN.get(text)
    if known is not None:
        return known
    group = m.lastgroup
    if group == "value" and (number := _number(m)) is not None:
        return _remember(text, (Kind.VALUE, number))
    return _remember(text, (Kind.BAD if group == "bad" else Kind.LABEL, None))


def _cell(norm: NormText, line: int, start: int, end: int, *, blank_at: int | None = None, grid: bool = False) -> Cell:
    part = norm.slice(start, end).strip()
    kind, number = classify(part.text)
    if kind is Kind.BLANK:
        col = norm.span(blank_at if blank_at is not None else start, start + 1)[0] if len(norm) else 0
        return Cell(kind, "", line, col, col, grid=grid)
    col, end_col = part.span(0, len(part))
    return Cell(kind, part.text, line, col, end_col, number, grid)


def _piece_cell(norm: NormText, line: int, m: re.Match[str]) -> Cell:
    kind, number = _piece(m)
    col, end_col = norm.span(*m.span())
    return Cell(kind, m.group(), line, col, end_col, number)


def _split_on(norm: NormText, line: int, sep: str, grid: bool) -> list[Cell]:
    bounds = []
    start = 0
    for part in norm.text.split(sep):
        bounds.append((start, start + len(part)))
        start += len(part) + 1
    stripped = norm.text.strip()
    # A leading or trailing separator frames the row; it does not open a cell.
    if stripped.startswith(sep) and bounds:
        bounds = bounds[1:]
    if stripped.endswith(sep) and bounds:
        bounds = bounds[:-1]
    # An empty cell with nothing between its separators is anchored at the one that opens it.
    return [_cell(norm, line, s, e, blank_at=min(s - 1 if s == e and s > 0 else s, max(len(norm) - 1, 0)), grid=grid) for s, e in bounds]


_CLAUSE_PUNCTUATION = regexcache.compile(r"[。；;，,:：]")


# Digits (and the spaces between them) glued to the end of a label: "行政规范性文件693665",
# "一、本年新收政府信息公开申请数量230 000023", "（六）其他处理0 0 0 0 0 00", and an amount
# last ("政府集中采购13575394432.52元").
_GLUED_RUN = regexcache.compile(r"(?<=[^\d\s.,:：+\-−/\\])\d[\d ]*(?:\.\d+\s*(?:万元|亿元|元)?|(?:万元|亿元|元))?$")
BRACKETED = regexcache.compile(r"\([^()]*\)")   # a bracketed note: "（区分处理的，只计这一情形）"


def _glued_run(norm: NormText, line: int) -> list[Cell] | None:
    """A label with the row's numbers run onto it, as a LABEL and a RUN cell; None for anything else."""
    text = norm.text.rstrip()
    m = _GLUED_RUN.search(text)
    if m is None:
        return None
    label = text[:m.start()].strip()
    bare = BRACKETED.sub("", label)
    run = m.group()
    if not label or _CLAUSE_PUNCTUATION.search(bare) or (len(bare) > 12 and " " not in run and len(run) <= 4):
        return None   # running text that ends in a number: "邮编：350400", "…本年度共受理申请21"
    start = len(norm.text) - len(norm.text.lstrip())
    return [_cell(norm, line, start, m.start()), _run_cell(norm, line, m.start(), len(text))]


def _run_cell(norm: NormText, line: int, start: int, end: int) -> Cell:
    col, end_col = norm.span(start, end)
    return Cell(Kind.RUN, norm.text[start:end], line, col, end_col)


def _split_spaces(norm: NormText, line: int) -> list[Cell]:
    """A label followed by a run of numbers: ``label 21 0 0 0 0 0 21``, or numbers alone."""
    pieces = list(_PIECES.finditer(norm.text))
    if not pieces:
        return []
    glued = _glued_run(norm, line)
    if glued is not None:
        return glued
    # Walk back over trailing number-like pieces.
    k = len(pieces)
    while k > 0 and _piece(pieces[k - 1])[0] in (Kind.VALUE, Kind.BAD):
        k -= 1
    first, last = pieces[0].start(), pieces[-1].end()
    if k == len(pieces):
        # No trailing numbers: the whole line is one label (or one value-like cell).
        return [_piece_cell(norm, line, pieces[0]) if len(pieces) == 1 else _cell(norm, line, first, last)]
    if k > 0 and len(pieces) - k == 1 and _looks_like_prose(norm.text[first:pieces[k - 1].end()]):
        # "收到申请 23" in running text is not a table row.
        return [_cell(norm, line, first, last)]
    cells = [_cell(norm, line, first, pieces[k - 1].end())] if k else []
    cells.extend(_piece_cell(norm, line, m) for m in pieces[k:])
    return cells


def _looks_like_prose(text: str) -> bool:
    """Running text that happens to end in a number (a PDF line break after "大道 90")."""
    return len(text) > 24 or bool(_CLAUSE_PUNCTUATION.search(text))


# A Markdown table's delimiter row: | --- | :---: | ---: |
_GFM_DELIMITER = regexcache.compile(r"\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?\s*")


def split_cells(norm: NormText, line: int, *, grid_tabs: bool = False) -> list[Cell]:
    """The cells of one normalised line, in order. An empty line, or a Markdown delimiter row, has none.

    Pipe rows are grids: each cell between two pipes is a cell. Tab rows are grids only where
    ``grid_tabs`` says so (a web page's table rows); from PDF or Word extraction they shift.
    """
    if not norm.text.strip() or _GFM_DELIMITER.fullmatch(norm.text):
        return []
    if "|" in norm.text:
        return _split_on(norm, line, "|", True)
    if "\t" in norm.text:
        return _split_on(norm, line, "\t", grid_tabs)
    return _split_spaces(norm, line)
