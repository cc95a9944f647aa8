"""Pipeline step 3: the document model every check reads.

``Document`` ties together the source lines, their normalised views, page
chrome, section headings, the report year and format, and the recovered
tables. Each part is computed on first use, so a check that only reads lines
never pays for table recovery.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from reportlint import regexcache
from reportlint.normalise import LineViews, NormText
from reportlint.normalise.script import traditional_only
from reportlint.read import Source
from reportlint.structure.cells import BRACKETED, Cell, Kind, split_cells
from reportlint.structure.chrome import Preset
from reportlint.structure.sections import Heading, find_heading
from reportlint.structure.spec import TITLE_LEAD, FormatSpec
from reportlint.structure.tables import Table, recover
from reportlint.suppress import is_directive

_EMPTY = NormText("", ())


@dataclass(frozen=True, slots=True)
class Line:
    number: int          # 1-based
    raw: str
    norm: NormText
    blank: bool          # nothing but whitespace in the normalised view

    @classmethod
    def of(cls, number: int, raw: str, norm: NormText) -> Line:
        return cls(number, raw, norm, not norm.text.strip())


def _heading_rank(h: Heading) -> tuple[int, int]:
    """How closely a heading is written like its section's: the title (or a variant) exactly, nearly,
    or only by keyword; then its numeral."""
    titles = (h.spec.title, *h.spec.variants)
    if h.title in titles:
        quality = 3
    elif any(t in h.title for t in titles):
        quality = 2
    else:
        from difflib import SequenceMatcher

        quality = 1 if max(SequenceMatcher(None, h.title, t).ratio() for t in titles) >= 0.8 else 0
    return quality, h.numeral == h.spec.numeral


def _header_like(line: Line) -> bool:
    """Blank, or a short line of column labels (no sentence punctuation outside brackets:
    表三's header carries the format's own note "（本列数据的勾稽关系为：…，…）")."""
    text = BRACKETED.sub("", line.norm.text.strip())
    return not text or (len(text) <= 60 and not any(p in text for p in "。；;，"))


@dataclass(frozen=True)
class Paragraph:
    """Consecutive prose lines read as one text (PDF text breaks sentences across lines).

    ``text`` is the lines' normalised text without whitespace, joined; ``where(i)`` gives the
    original (line, column) of ``text[i]``.
    """

    lines: tuple[Line, ...]

    @cached_property
    def _parts(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        chars, index = [], []
        for ln in self.lines:
            compact = ln.norm.compact()   # PDF text spaces out numbers: "申请 21 件"
            chars.append(compact.text)
            index.extend((ln.number, col) for col in compact.cols)
        return "".join(chars), tuple(index)

    @property
    def text(self) -> str:
        return self._parts[0]

    def where(self, i: int) -> tuple[int, int]:
        index = self._parts[1]
        return index[min(i, len(index) - 1)]

    def span(self, start: int, end: int) -> tuple[int, int, int]:
        """(line, col, end_col) of ``text[start:end]``, clipped to the line it starts on."""
        line, col = self.where(start)
        end_line, end_col = self.where(max(end - 1, start))
        return line, col, (end_col + 1 if end_line == line else col + 1)


_PARAGRAPH_END = regexcache.compile(r"[。！？!?]\s*$")
# A line that opens with outline numbering starts a new paragraph: (一) 一、 1. 1、
_OUTLINE_START = regexcache.compile(r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d))")


@dataclass(frozen=True, slots=True)
class SectionBody:
    heading: Heading
    first: int           # first line after the heading
    last: int            # last line before the next heading (inclusive)


@dataclass(frozen=True, slots=True)
class Detected:
    """A fact read from the document, with where it was read."""

    value: object
    line: int | None = None
    col: int = 0
    end_col: int = 0
    how: str = ""


class Document:
    def __init__(self, source: Source, spec: FormatSpec, chrome: Preset, *, format_override: str | None = None,
                 year_override: int | None = None, previous: str | None = None,
                 containers: Sequence[tuple[tuple[int, str], ...]] = (),
                 locate: Callable[[int, int], tuple[int, int]] | None = None, views: LineViews | None = None) -> None:
        self.source = source
        self.views = views or LineViews()   # each line's folded and normalised views, shared with segmenting
        # (line, 0-based col) here -> (line, 1-based col) in the file as a person opens it, when the
        # document is a view of it (a web page's text, a one-line report cut into lines)
        self._locate = locate
        # For a web page: per line, the elements that hold it, outermost first, as (serial, tag).
        self.containers = containers
        self.spec = spec
        self.preset = chrome
        self._format_override = format_override
        self._year_override = year_override
        self.previous = previous    # last year's report of the same body, when given (--previous)
        self._cells: dict[int, list[Cell]] = {}

    @property
    def path(self) -> str:
        return self.source.path

    def file_line(self, line: int) -> int:
        """The line of the file that this document's ``line`` shows: for messages that name a line."""
        return self._locate(line, 0)[0] if self._locate is not None else line

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        # Suppression comments are blank to every check.
        return tuple(Line.of(i, raw, _EMPTY if is_directive(raw) else self.views.normalised(raw)) for i, raw in enumerate(self.source.lines, start=1))

    @cached_property
    def has_traditional(self) -> bool:
        """Whether any Traditional-only character occurs (a set test; nothing is converted)."""
        return not traditional_only().isdisjoint(self.source.text)

    @cached_property
    def chrome(self) -> dict[int, str]:
        """Line number -> chrome pattern name, for every page-chrome line.

        Whole lines that the preset classifies; a crawler's header block at the top; text
        outside the report's body in a web page; and lines of channel names alone (微信, 微博)
        only where they stand inside a block of other chrome.
        """
        out: dict[int, str] = {}
        weak: list[int] = []
        head: list[str] = []   # the first lines, folded with their spaces, for the header block
        for line in self.lines:
            folded = self.views.folded(line.raw).text if not line.blank or line.number <= 60 else ""
            if line.number <= 60:
                head.append(folded)
            if line.blank:
                continue
            name = self.preset.classify(line.norm.text.strip(), folded)
            if name == "weak":
                weak.append(line.number)
            elif name:
                out[line.number] = name
        for number in range(1, self.preset.header_block(head) + 1):
            if not self.lines[number - 1].blank:
                out[number] = "page-header"
        for number in self.outside_body:
            out[number] = "outside-body"   # one block, whatever its lines look like
        grown = True
        while grown and weak:
            grown = False
            for number in weak:
                if number not in out and (self._neighbour(number, -1) in out or self._neighbour(number, 1) in out):
                    out[number] = "footer"
                    grown = True
        return dict(sorted(out.items()))

    def _neighbour(self, number: int, step: int) -> int:
        """The nearest non-blank line before (-1) or after (1) line ``number``, or 0."""
        i = number + step
        while 1 <= i <= len(self.lines):
            if not self.lines[i - 1].blank:
                return i
            i += step
        return 0

    @cached_property
    def outside_body(self) -> frozenset[int]:
        """Lines of a web page outside the element that holds the report's sections (navigation,
        info tables, footers), when the page shows one; empty for plain text."""
        paths = self.containers
        if not paths:
            return frozenset()
        heads = [h for h in self._headings_in(set()) if h.line <= len(paths)]
        if len({h.spec.id for h in heads}) < 3:
            return frozenset()
        common = paths[heads[0].line - 1]
        for h in heads[1:]:
            other = paths[h.line - 1]
            k = 0
            while k < min(len(common), len(other)) and common[k] == other[k]:
                k += 1
            common = common[:k]
        if not common or common[-1][1] in ("html", "body"):
            return frozenset()
        body = common[-1]
        # The report's own title right above the body (<h1>) is the page's, not the report's: chrome too.
        return frozenset(i for i, path in enumerate(paths, start=1) if body not in path and not self.lines[i - 1].blank)

    def content_lines(self, first: int, last: int) -> list[Line]:
        """Non-blank, non-chrome lines in ``[first, last]`` (1-based, inclusive)."""
        chrome = self.chrome
        return [ln for ln in self.lines[first - 1:last] if not ln.blank and ln.number not in chrome]

    @cached_property
    def compact_text(self) -> str:
        return "\n".join("".join(ln.norm.text.split()) for ln in self.lines)

    # -- sections -------------------------------------------------------------

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        """The section headings; where several lines could head one section, the one written most
        like the format's heading ("一、主动公开政府信息情况", not the narrative's "三、主动公开工作情况")."""
        found = self._headings_in(self.chrome.keys())
        best: dict[str, Heading] = {}
        for h in found:
            if h.spec.id not in best or _heading_rank(h) > _heading_rank(best[h.spec.id]):
                best[h.spec.id] = h
        chosen = {id(h) for h in best.values()}
        return tuple(h for h in found if id(h) in chosen)

    def _headings_in(self, skip) -> tuple[Heading, ...]:
        row_patterns = [r.match for t in self.spec.tables.values() for r in t.rows if r.match is not None]
        found = []
        for line in self.lines:
            if line.number in skip or line.blank:
                continue
            h = find_heading(self.spec, line.norm, line.number, row_patterns)
            if h is not None:
                found.append(h)
        return tuple(found)

    @cached_property
    def sections(self) -> dict[str, SectionBody]:
        """The first heading of each section, with the lines it spans."""
        out: dict[str, SectionBody] = {}
        heads = self.headings
        for i, h in enumerate(heads):
            if h.spec.id in out:
                continue
            last = heads[i + 1].line - 1 if i + 1 < len(heads) else len(self.lines)
            out[h.spec.id] = SectionBody(h, h.line + 1, last)
        return out

    @cached_property
    def is_report(self) -> bool:
        """Whether this looks like the pack's kind of report at all (a README.md does not)."""
        if self.year.how == "title" or len({h.spec.id for h in self.headings}) >= 2:
            return True
        if not self.spec.title:
            return False
        # a short line that names the kind of report (the title, perhaps broken over two lines),
        # not a mention of it in a longer text (a README's table of files)
        chrome = self.chrome
        head = ["".join(ln.norm.text.split()) for ln in self.lines[:80] if not ln.blank and ln.number not in chrome][:40]
        return any(self.spec.title in text and len(text) <= 60 for text in head) or \
            any(self.spec.title in a + b and len(a + b) <= 60 for a, b in zip(head, head[1:]))

    # -- year and format ------------------------------------------------------

    @cached_property
    def year(self) -> Detected:
        if self._year_override:
            return Detected(self._year_override, how="configured")
        # The report's own title first: a crawler's header or a page's <title> repeats it, and says
        # "page title" when it is all there is.
        chrome = self.chrome
        body = self.text_lines
        for lines, pattern, how in ((body[:40], self.spec.year_title, "title"), (body, self.spec.year_period, "statistical period"),
                                    ([ln for ln in self.lines[:200] if ln.number in chrome], self.spec.year_title, "page title")):
            if pattern is None:
                continue
            for line, after in zip(lines, [*lines[1:], None]):
                # a title or period broken over two lines ("…政府信息公开工作" / "年度报告") reads as one
                first = line.norm.compact()
                text = first.text + (after.norm.compact().text if after is not None and after.number == line.number + 1 else "")
                m = pattern.search(text)
                if m is None or m.start() >= len(first.text):
                    continue
                if how == "title" and not TITLE_LEAD.fullmatch(text, 0, m.start()):
                    continue   # (chrome may put anything before the page's title: "标题:", "- 中文名:")
                start = m.start("year")
                where, compact = (line, first) if start < len(first.text) else (after, after.norm.compact())
                offset = 0 if where is line else len(first.text)
                col, end = compact.span(start - offset, m.end("year") - offset)
                return Detected(int(m.group("year")), where.number, col, end, how)
        return Detected(None)

    @cached_property
    def format(self) -> Detected:
        """Which national format the tables follow: by table markers, else by year."""
        if self._format_override:
            return Detected(self._format_override, how="configured")
        text = self.compact_text
        best, best_score = None, 0
        for variant in self.spec.variants:
            score = sum(text.count(m) for m in variant.markers)
            if score > best_score:
                best, best_score = variant.id, score
        if best is not None:
            return Detected(best, how=f"table labels ({best_score} markers)")
        year = self.year.value
        if isinstance(year, int):
            by_year = self.spec.variant_for_year(year)
            if by_year:
                return Detected(by_year, how=f"report year {year}")
        return Detected(None)

    # -- tables ---------------------------------------------------------------

    def cells(self, line: Line) -> list[Cell]:
        """The cells of one line (split once per document)."""
        cells = self._cells.get(line.number)
        if cells is None:
            cells = self._cells[line.number] = split_cells(line.norm, line.number, grid_tabs=bool(self.containers))
        return cells

    def cells_between(self, first: int, last: int) -> list[Cell]:
        chrome = self.chrome
        out: list[Cell] = []
        for line in self.lines[first - 1:last]:
            if line.number in chrome:
                continue
            out.extend(self.cells(line))
        return out

    def is_prose(self, line: Line) -> bool:
        """A non-blank line of running text: not chrome, not a heading, not part of a table."""
        return line.number in self.prose_lines

    @cached_property
    def prose_lines(self) -> frozenset[int]:
        skip = self.chrome.keys() | self.table_lines | self.heading_lines
        out = set()
        for line in self.lines:
            if line.blank or line.number in skip:
                continue
            cells = self.cells(line)
            if len(cells) == 1 and cells[0].kind is Kind.LABEL:
                out.add(line.number)
        return frozenset(out)

    @cached_property
    def prose(self) -> tuple[Line, ...]:
        """The prose lines, in order."""
        prose = self.prose_lines
        return tuple(ln for ln in self.lines if ln.number in prose)

    @cached_property
    def text_lines(self) -> tuple[Line, ...]:
        """Every line but page chrome, in order (blank lines too)."""
        chrome = self.chrome
        return tuple(ln for ln in self.lines if ln.number not in chrome)

    @cached_property
    def heading_lines(self) -> frozenset[int]:
        return frozenset(h.line for h in self.headings)

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Runs of prose lines; a page-number or other chrome line inside a paragraph does not end it."""
        out: list[Paragraph] = []
        current: list[Line] = []
        for ln in self.lines:
            if ln.number in self.chrome and current:
                continue
            if not self.is_prose(ln):
                if current:
                    out.append(Paragraph(tuple(current)))
                current = []
                continue
            if current and _OUTLINE_START.match(ln.norm.text):
                out.append(Paragraph(tuple(current)))
                current = []
            current.append(ln)
            subheading = len(current) == 1 and _OUTLINE_START.match(ln.norm.text) and len(ln.norm.text.strip()) <= 30
            if subheading or _PARAGRAPH_END.search(ln.norm.text):
                out.append(Paragraph(tuple(current)))
                current = []
        if current:
            out.append(Paragraph(tuple(current)))
        return tuple(out)

    def section_of(self, line: int) -> str | None:
        """The id of the section a line is in."""
        for sid, body in self.sections.items():
            if body.heading.line <= line <= body.last:
                return sid
        return None

    @cached_property
    def table_lines(self) -> frozenset[int]:
        """Lines that belong to a recovered table: its rows, values and the header block above them."""
        out: set[int] = set()
        heading_lines = {h.line for h in self.headings}
        for table in self.tables.values():
            cells = [c for row in table.rows.values() for c in (row.label, *row.slots) if c is not None]
            if not cells:
                continue
            first, last = min(c.line for c in cells), max(c.line for c in cells)
            # Walk back over the header block: short label lines right above the first row.
            while first > 1 and first - 1 not in heading_lines and _header_like(self.lines[first - 2]):
                first -= 1
            out.update(range(first, last + 1))
        return frozenset(out)

    @cached_property
    def tables(self) -> dict[str, Table]:
        fmt = self.format.value if isinstance(self.format.value, str) else None
        out = {}
        for table_id, tspec in self.spec.tables.items():
            body = self.sections.get(tspec.section)
            if body is not None:
                first, last = body.first, body.last
            elif tspec.single_row:
                continue  # a one-row table cannot be told from prose without its section
            else:
                first, last = 1, len(self.lines)
            out[table_id] = recover(tspec, fmt, self.cells_between(first, last))
        return out


