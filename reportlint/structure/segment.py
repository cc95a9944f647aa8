"""Cut lines that carry a whole report into the lines it would have had.

A crawler's page text puts the report on one line: headings, tables with their
cells run together, and page chrome glued to both ends (``当前位置：首页… -->根据…``).
Before anything else reads the document, such a line is cut into pieces:

- navigation glued to the start or end of a line (the preset's navigation grammar);
- a section heading inside running text (``…联系。 一、总体情况 2019年，…``): the numeral
  and a section title (or a variant) of the format, a typo allowed in a long title;
- in a section that holds a table, each row label of that table, and the end of the
  numbers that follow it (``规章000 | 规范性文件898989 | 第二十条第（五）项…``).

Each piece is a contiguous part of one original line, so a diagnostic or a fix maps back
by adding the piece's offset. A line that needs no cut stays as it is, and a file none of
whose lines needs one is not copied at all.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from reportlint import regexcache
from reportlint.diagnostics import Diagnostic, Fix
from reportlint.normalise import LineViews, NormText
from reportlint.read import Source
from reportlint.structure.chrome import Preset
from reportlint.structure.spec import TITLE_LEAD, FormatSpec, SectionSpec, TableSpec
from reportlint.suppress import is_directive

# A heading numeral where a heading may start inside a line: after the start, a space,
# a table's last number (with its unit), the end of a sentence or a closing bracket.
_NUMERAL = regexcache.compile(r"(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,2}[、.]")
_BEFORE_HEADING = frozenset("。；;！？!?)）」』”》:元件条%") | frozenset("0123456789")
# The numbers after a row label, in the compact text: signed (+378, 减5711), with a unit last.
_NUMBER = r"(?:增加|减少|增|减|[+\-−])?\d[\d.,]*(?:万元|亿元|元|%)?"
_RUN = regexcache.compile(f"{_NUMBER}(?:{_NUMBER})*")
_MIN_LENGTH = 30       # shorter lines hold at most a heading or one row: nothing to cut


@dataclass(frozen=True)
class Segmented:
    """The pieces as lines of their own, and where each came from."""

    original: Source
    text: Source
    origin: tuple[tuple[int, int, int], ...]   # per piece: (original line, first column, end column)

    def locate(self, line: int, col: int) -> tuple[int, int]:
        """(original line, 0-based column) of 0-based ``col`` on piece ``line``."""
        if not 1 <= line <= len(self.origin):
            return line, col
        orig, start, _ = self.origin[line - 1]
        return orig, start + col

    def map(self, d: Diagnostic) -> Diagnostic:
        """A diagnostic on the pieces, moved to the original lines (with its fixes)."""
        if not 1 <= d.line <= len(self.origin):
            return d
        line, col = self.locate(d.line, d.column - 1)
        end_line, end_col = self.locate(min(max(d.end_line, 1), len(self.origin)), d.end_column - 1)
        return Diagnostic(d.path, line, col + 1, end_line, end_col + 1, d.rule, d.severity, d.message,
                          tuple(self.map_fix(f) for f in d.fixes), d.fixable)

    def map_fix(self, f: Fix) -> Fix:
        orig, start, end = self.origin[f.line - 1]
        if f.line_delete:
            whole = start == 0 and end == len(self.original.lines[orig - 1])
            return Fix(orig, 0, end, "", line_delete=True) if whole else Fix(orig, start, end, "")
        return Fix(orig, start + f.col, start + f.end_col, f.text)

    def lines_of(self, values: Sequence) -> tuple:
        """Per piece, the value its original line had (e.g. a web page's element path)."""
        return tuple(values[orig - 1] if orig <= len(values) else () for orig, _, _ in self.origin)


def segment(source: Source, spec: FormatSpec, preset: Preset, views: LineViews | None = None) -> Segmented | None:
    """The source cut into pieces, or None when no line needs a cut (``views``: the document's line views)."""
    views = views or LineViews()
    pieces: list[str] = []
    origin: list[tuple[int, int, int]] = []
    cut_any = False
    for number, raw in enumerate(source.lines, start=1):
        cuts = _cuts(raw, spec, preset, views) if len(raw) >= _MIN_LENGTH and not is_directive(raw) else []
        bounds = [0, *cuts, len(raw)]
        for start, end in zip(bounds, bounds[1:]):
            pieces.append(raw[start:end])
            origin.append((number, start, end))
        cut_any = cut_any or bool(cuts)
    if not cut_any:
        return None
    text = Source.from_text(source.path, "\n".join(pieces) + "\n", source.encoding)
    return Segmented(source, text, tuple(origin))


def _cuts(raw: str, spec: FormatSpec, preset: Preset, views: LineViews) -> list[int]:
    """Original columns where a new piece starts, in order (neither 0 nor len(raw))."""
    cuts: set[int] = set()
    folded = views.folded(raw)
    norm = views.normalised(raw)
    if preset.classify(norm.text.strip(), folded.text):
        return []   # a line of chrome as a whole needs no cut
    body_start, body_end = 0, len(raw)
    nav = preset.navigation
    start = nav.prefix(folded.text)
    if start:
        while start < len(folded.text) and folded.text[start].isspace():
            start += 1   # the space after the chrome goes with it
        body_start = folded.span(start, start + 1)[0]
        cuts.add(body_start)
    end = nav.suffix(folded.text)
    if end < len(folded.text):
        while end > 0 and folded.text[end - 1].isspace():
            end -= 1   # the space before the chrome goes with it
        body_end = folded.span(end, end + 1)[0]
        cuts.add(body_end)
    compact = norm.compact()
    title_end = _title_end(compact, spec, body_start)
    if title_end is not None and title_end < body_end:
        cuts.add(title_end)   # the report's title, then its text: "…工作年度报告 根据《条例》…"
    headings = [h for h in _headings(compact, folded, spec) if body_start <= h.col < body_end]
    tables = {t.section: t for t in spec.tables.values()}
    for k, h in enumerate(headings):
        cuts.update((h.col, h.end_col))
        table = tables.get(h.section.id)
        if table is not None:
            stop = headings[k + 1].start if k + 1 < len(headings) else len(compact.text)
            cuts.update(_row_cuts(compact, h.end, stop, table))
    return sorted(c for c in cuts if 0 < c < len(raw))


def _title_end(compact: NormText, spec: FormatSpec, body_start: int) -> int | None:
    """The original column where the report's title ends, when the body starts with it."""
    if spec.year_title is None:
        return None
    first = bisect_left(compact.cols, body_start)
    m = spec.year_title.search(compact.text, first, first + 80)
    if m is None or not TITLE_LEAD.fullmatch(compact.text, first, m.start()):
        return None
    return compact.cols[m.end() - 1] + 1


@dataclass(frozen=True, slots=True)
class _Heading:
    section: SectionSpec
    start: int       # index in the compact text
    end: int
    col: int         # original columns
    end_col: int


def _headings(compact: NormText, folded: NormText, spec: FormatSpec) -> list[_Heading]:
    """The section headings in a line, in order: where one may start (the line's start, after a
    space, a number or the end of a sentence), the numeral and a section's title."""
    text = compact.text
    found = []
    for m in _NUMERAL.finditer(text):
        col = compact.cols[m.start()]
        at = bisect_left(folded.cols, col)   # where the numeral stands in the line with its spaces
        prev = folded.text[at - 1] if at else ""
        if prev and not prev.isspace() and prev not in _BEFORE_HEADING:
            continue
        hit = _title_at(text, m.end(), spec)
        if hit is not None:
            section, end = hit
            found.append(_Heading(section, m.start(), end, col, compact.cols[end - 1] + 1))
    return found


def _title_at(text: str, pos: int, spec: FormatSpec) -> tuple[SectionSpec, int] | None:
    """The section whose title (or a variant) starts at ``pos``, and where it ends; a long title may carry a typo."""
    best: tuple[int, int, SectionSpec] | None = None
    for section in spec.sections:
        for title in sorted((section.title, *section.variants), key=len, reverse=True):
            if text.startswith(title, pos):
                return section, pos + len(title)
            allowed = 2 if len(title) >= 12 else 1 if len(title) >= 6 else 0
            if not allowed or not _may_start(title, text, pos, allowed):
                continue
            distance, end = _prefix_distance(title, text, pos, allowed)
            if distance <= allowed and (best is None or distance < best[0]):
                best = (distance, end, section)
    return (best[2], best[1]) if best else None


def _may_start(title: str, text: str, pos: int, bound: int) -> bool:
    """Whether a prefix of ``text[pos:]`` can be within ``bound`` edits of ``title``: one of the title's
    first ``bound + 1`` characters must then stand among the first ``2 * bound + 1`` of the text."""
    head = text[pos:pos + 2 * bound + 1]
    return any(ch in head for ch in title[:bound + 1])


def _prefix_distance(title: str, text: str, pos: int, bound: int) -> tuple[int, int]:
    """The least edit distance between ``title`` and a prefix of ``text[pos:]``, and where that prefix ends."""
    window = text[pos:pos + len(title) + bound]
    previous = list(range(len(window) + 1))
    for i, ch in enumerate(title, start=1):
        current = [i] + [0] * len(window)
        for j, other in enumerate(window, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ch != other))
        if min(current) > bound:
            return bound + 1, pos
        previous = current
    # the shortest prefix at the least distance; it must end on the title's own last character
    distance = min(previous[max(1, len(title) - bound):], default=bound + 1)
    j = previous.index(distance, max(1, len(title) - bound))
    if window[j - 1] != title[-1]:
        return bound + 1, pos
    return distance, pos + j


# A table inside running text shows several of its row labels, each followed by numbers;
# a sentence that names one or two rows ("本年度行政许可事项1234件") is not cut.
_MIN_ROWS = 3


def _row_cuts(compact: NormText, start: int, stop: int, table: TableSpec) -> set[int]:
    """Cuts before each row label of ``table`` in ``compact.text[start:stop]`` and after the numbers that follow it."""
    text = compact.text
    if table.single_row:
        # one row of numbers after the headers (表四): cut after it, when it has a number per column
        run = _first_run(text, start, stop)
        if run is not None and sum(ch.isdigit() for ch in text[run[0]:run[1]]) >= len(table.columns) and run[1] < stop:
            return {compact.cols[run[1]]}
        return set()
    inside = _bracketed(text, start, stop)   # "其他对外管理服务事项(…含行政处罚、行政强制…)" names one row
    labels = []
    for row in table.rows:
        for m in row.inline.finditer(text, start, stop) if row.inline is not None else ():
            if m.end() - 1 in inside:
                continue
            s = m.start()
            while s < m.end() and (s in inside or text[s] == ")"):
                s += 1   # "…如-8)行政事业性收费": the "8)" is the bracket's, not the label's number
            labels.append((s, m.end()))
    labels.sort()
    kept: list[tuple[int, int]] = []
    for s, e in labels:
        if not kept or s >= kept[-1][1]:
            kept.append((s, e))
    rows = []
    for (s, e), next_start in zip(kept, [*(s for s, _ in kept[1:]), stop]):
        rows.append((s, _first_run(text, e, next_start), next_start))
    if sum(run is not None for _, run, _ in rows) < _MIN_ROWS:
        return set()
    cuts = set()
    for s, run, next_start in rows:
        if s > start:
            cuts.add(compact.cols[s])
        if run is not None and run[1] < next_start:
            cuts.add(compact.cols[run[1]])
    return cuts


def _bracketed(text: str, start: int, stop: int) -> set[int]:
    """Positions in ``text[start:stop]`` inside round brackets (an explanation, not a label)."""
    out, depth = set(), 0
    for i in range(start, stop):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth:
            out.add(i)
    return out


def _first_run(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The first run of numbers (digits, points, a unit) in ``text[start:stop]``."""
    digit = next((i for i in range(start, stop) if text[i].isdigit()), None)
    if digit is None:
        return None
    m = _RUN.match(text, digit, stop)
    return (m.start(), m.end()) if m else None
