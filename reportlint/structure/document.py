"""Pipeline step 3: the document model every check reads.

``Document`` ties together the source lines, their normalised views, page
chrome, section headings, the report year and format, and the recovered
tables. Each part is computed on first use, so a check that only reads lines
never pays for table recovery.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from reportlint.normalise import NormText, normalise_line
from reportlint.read import Source
from reportlint.structure.cells import Cell, split_cells
from reportlint.structure.chrome import Preset
from reportlint.structure.sections import Heading, find_heading
from reportlint.structure.spec import FormatSpec
from reportlint.structure.tables import Table, recover


@dataclass(frozen=True, slots=True)
class Line:
    number: int          # 1-based
    raw: str
    norm: NormText

    @property
    def blank(self) -> bool:
        return not self.norm.text.strip()


def _header_like(line: Line) -> bool:
    """Blank, or a short line of column labels (no sentence punctuation)."""
    text = line.norm.text.strip()
    return not text or (len(text) <= 60 and not any(p in text for p in "。；;，"))


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
    def __init__(self, source: Source, spec: FormatSpec, chrome: Preset, *, format_override: str | None = None, year_override: int | None = None) -> None:
        self.source = source
        self.spec = spec
        self.preset = chrome
        self._format_override = format_override
        self._year_override = year_override

    @property
    def path(self) -> str:
        return self.source.path

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        return tuple(Line(i, raw, normalise_line(raw)) for i, raw in enumerate(self.source.lines, start=1))

    @cached_property
    def chrome(self) -> dict[int, str]:
        """Line number -> chrome pattern name, for every page-chrome line."""
        out = {}
        for line in self.lines:
            name = self.preset.classify(line.norm.text.strip())
            if name:
                out[line.number] = name
        return out

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
        row_patterns = [r.match for t in self.spec.tables.values() for r in t.rows if r.match is not None]
        chrome = self.chrome
        found = []
        for line in self.lines:
            if line.number in chrome or line.blank:
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
        head = self.compact_text[:3000]
        return bool(self.spec.title) and self.spec.title in head

    # -- year and format ------------------------------------------------------

    @cached_property
    def year(self) -> Detected:
        if self._year_override:
            return Detected(self._year_override, how="configured")
        if self.spec.year_title is not None:
            for line in self.lines[:40]:
                compact = line.norm.compact()
                m = self.spec.year_title.search(compact.text)
                if m:
                    col, end = compact.span(m.start("year"), m.end("year"))
                    return Detected(int(m.group("year")), line.number, col, end, "title")
        if self.spec.year_period is not None:
            for line in self.lines:
                compact = line.norm.compact()
                m = self.spec.year_period.search(compact.text)
                if m:
                    col, end = compact.span(m.start("year"), m.end("year"))
                    return Detected(int(m.group("year")), line.number, col, end, "statistical period")
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

    def cells_between(self, first: int, last: int) -> list[Cell]:
        chrome = self.chrome
        out: list[Cell] = []
        for line in self.lines[first - 1:last]:
            if line.number in chrome:
                continue
            out.extend(split_cells(line.norm, line.number))
        return out

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


