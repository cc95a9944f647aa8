"""Recover a table's rows and cells from a stream of cells.

The stream is layout-free (see ``cells.py``). Label cells accumulate until
value cells arrive; the accumulated labels are matched against the format's
row patterns, so a label broken across lines ("本年新\\n制作数量", a vertical
"三\\n、\\n本\\n年…") still names its row. The values that follow belong to the
last row named; rows named with no values after them are blank.

Values are placed into columns only when that is unambiguous: exactly as many
values as columns, or as many cells (values and blanks) as columns once the
row's framing blanks are trimmed. Anything else is kept as ``unplaced`` so that
checks can say so instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlint import regexcache
from reportlint.structure.cells import Cell, Kind, parse_number
from reportlint.structure.flattened import splits
from reportlint.structure.spec import RowSpec, TableSpec

# How far a row label may be spread over consecutive label cells.
_MAX_LABEL_CHARS = 120


@dataclass(slots=True)
class Row:
    spec: RowSpec | None          # None: a labelled row the format does not know
    label: Cell                   # the label cell that names the row (the anchor)
    label_text: str               # the row's label as written (normalised, no spaces, without a group label before it)
    column_ids: tuple[str, ...]
    cells: list[Cell | None]      # one per column once placed; a BLANK cell or None = no value
    slots: list[Cell] = field(default_factory=list)  # every non-label cell seen for the row
    placed: bool = True
    run_together: str | None = None   # digits that extraction ran together, when the cells were split from them
    splits: int = 0                    # how many splits satisfied the identities (1: recovered)
    candidates: list[list[int]] = field(default_factory=list)   # those splits, while the table may still choose
    run: Cell | None = None            # the cell the digits were read from
    label_end: int = 0                 # the line the label ends on
    loose: bool = False                # label and values stand apart (a converted table): matched by order, or not at all

    @property
    def id(self) -> str:
        return self.spec.id if self.spec else ""

    @property
    def blank(self) -> bool:
        return self.run_together is None and not any(c.kind in (Kind.VALUE, Kind.BAD) for c in self.slots)

    def cell(self, column_id: str) -> Cell | None:
        if not self.placed:
            return None
        try:
            return self.cells[self.column_ids.index(column_id)]
        except ValueError:
            return None

    def value(self, column_id: str):
        """The number in a column, or None when blank, unparseable or unplaced."""
        c = self.cell(column_id)
        return c.number.value if c is not None and c.kind is Kind.VALUE and c.number else None


@dataclass(slots=True)
class Table:
    spec: TableSpec
    format: str | None
    rows: dict[str, Row] = field(default_factory=dict)
    extra_rows: list[Row] = field(default_factory=list)   # labelled rows the format does not define
    duplicates: list[Row] = field(default_factory=list)
    start_line: int = 0
    end_line: int = 0

    @property
    def found(self) -> bool:
        return bool(self.rows)

    def present_rows(self, pattern_ids: list[str]) -> list[Row]:
        """Rows whose id matches any of ``pattern_ids`` (``*`` globs), in format order."""
        from fnmatch import fnmatchcase

        out = []
        for spec in self.spec.rows:
            row = self.rows.get(spec.id)
            if row is not None and any(fnmatchcase(spec.id, p) for p in pattern_ids):
                out.append(row)
        return out

    def lacks(self, patterns) -> bool:
        """Whether a row matching any of ``patterns`` (``*`` globs) is missing altogether: a sum over them would be wrong."""
        from fnmatch import fnmatchcase

        return any(any(fnmatchcase(r.id, p) for p in patterns) for r in self.missing_rows())

    def missing_rows(self) -> list[RowSpec]:
        """Rows the detected format requires that were not found at all."""
        if not self.rows or self.spec.single_row:
            return []
        present = set(self.rows)
        missing = []
        for spec in self.spec.rows_for(self.format):
            if spec.id in present:
                continue
            # A row with alternatives is satisfied by any of them (（六）其他处理 vs its three sub-rows).
            if any(a in present for a in spec.alternative_to):
                continue
            # A sub-row is missing only next to its siblings; otherwise the group row speaks for it.
            if spec.parent and not any(r.parent == spec.parent and r.id in present for r in self.spec.rows):
                continue
            missing.append(spec)
        return missing


def place(slots: list[Cell], n: int) -> list[Cell | None] | None:
    """Put a row's value cells into ``n`` columns, or None if that would be a guess.

    A row of exactly ``n`` grid cells on one line (a pipe row, a web page's ``<td>``s) is
    placed as it stands, blank cells holding their columns.
    """
    filled = [c for c in slots if c.kind in (Kind.VALUE, Kind.BAD)]
    if len(slots) == n and filled and all(c.grid for c in slots) and len({c.line for c in slots}) == 1:
        return list(slots)
    if len(filled) == n:
        return list(filled)
    trimmed = list(slots)
    while trimmed and trimmed[0].kind is Kind.BLANK:
        trimmed.pop(0)
    while trimmed and trimmed[-1].kind is Kind.BLANK:
        trimmed.pop()
    if len(trimmed) == n:
        return trimmed  # blank cells keep their place (and position)
    if not filled:
        return [None] * n
    return None


# Where a row label may start inside a label cell: at the cell start, or at an
# outline number after a group label in the same cell ("（四）无法提供 1.本机关不掌握…").
_OUTLINE = regexcache.compile(r"\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|(?<!\d)\d{1,2}[.、]")


def _match_at(spec: TableSpec, text: str, first_cell_len: int) -> tuple[RowSpec, int] | None:
    """The row whose label starts ``text`` (or starts at an outline number in its first cell), and where."""
    starts = [0] + [m.start() for m in _OUTLINE.finditer(text, 1, first_cell_len)]
    found = None
    for pos in starts:
        # Every row of every format is recognised: 2021-format reports still print the 2019 （六） row.
        hit = next((row for row in spec.rows if row.match is not None and row.match.match(text, pos)), None)
        if hit is None:
            continue
        if found is None:
            found = (hit, pos)
        elif hit.parent == found[0].id:
            return hit, pos   # "（六）其他处理 1.申请人…" in one cell names the sub-row, not its group
        else:
            break
    return found


def _match_labels(spec: TableSpec, labels: list[Cell]) -> list[tuple[RowSpec, Cell, str, Cell]]:
    """Rows named by a run of label cells, in order, as (row, anchor cell, label text, last label cell)."""
    texts = ["".join(c.text.split()) for c in labels]
    found: list[tuple[RowSpec, Cell, str, Cell]] = []
    i = 0
    while i < len(labels):
        joined = ""
        for j in range(i, len(labels)):
            joined += texts[j]
            if len(joined) > _MAX_LABEL_CHARS:
                break
        hit = _match_at(spec, joined, len(texts[i]))
        if hit is not None:
            row, pos = hit
            # The label runs until the next cell that starts another row.
            end = i + 1
            while end < len(labels) and _match_at(spec, "".join(texts[end:end + 4]), len(texts[end])) is None:
                end += 1
            found.append((row, labels[i], "".join(texts[i:end])[pos:], labels[end - 1]))
            i = end
        else:
            i += 1
    return found


def recover(spec: TableSpec, fmt: str | None, stream: list[Cell]) -> Table:
    """Build a table from the cells of its region."""
    table = Table(spec, fmt)
    if stream:
        table.start_line, table.end_line = stream[0].line, stream[-1].line
    if spec.single_row:
        _recover_single_row(table, stream)
        return table

    labels: list[Cell] = []
    slots: list[Cell] = []

    def flush() -> None:
        if not labels:
            return
        named = _match_labels(spec, labels)
        if not named:
            if slots and any(c.kind is Kind.VALUE for c in slots) and _plausible_extra(labels):
                label = labels[-1]
                table.extra_rows.append(Row(None, label, "".join(c.text for c in labels), (), [], list(slots), placed=False))
            return
        for k, (row_spec, anchor, text, last_label) in enumerate(named):
            last = k == len(named) - 1
            row_slots = list(slots) if last else []
            if not last and named[k + 1][0].parent == row_spec.id:
                continue  # a group label followed by its own sub-rows
            _add_row(table, row_spec, anchor, text, row_slots, last_label)

    for cell in stream:
        if cell.kind is Kind.LABEL:
            if slots:
                flush()
                labels, slots = [], []
            labels.append(cell)
        else:
            slots.append(cell)
    flush()
    _match_loose_rows(table, stream)
    _choose_splits(table)
    return table


def _match_loose_rows(table: Table, stream: list[Cell]) -> None:
    """Labels and values that a conversion set apart (PDF to Markdown): rows of values with no
    label, and labels with no values on their own lines.

    Only when some row came out blank or unplaced. The labels, in order, take the rows of
    values, in order, when there are as many of each and every sum of the table that can be
    computed then holds; otherwise those rows are marked ``loose`` and left unread.
    """
    spec = table.spec
    if spec.single_row or any(r.columns for r in spec.rows):
        return
    rows = list(table.rows.values())
    if not any(r.blank or not r.placed for r in rows if r.run_together is None):
        return
    n = len(spec.columns)
    label_lines = {c.line for c in stream if c.kind is Kind.LABEL}
    by_line: dict[int, list[Cell]] = {}
    for c in stream:
        if c.kind is not Kind.LABEL and c.line not in label_lines:
            by_line.setdefault(c.line, []).append(c)
    free = [cells for _, cells in sorted(by_line.items())
            if len([c for c in cells if c.kind is Kind.VALUE]) == n and all(c.kind in (Kind.VALUE, Kind.BLANK) for c in cells)]
    if not free:
        return
    loose = sorted((r for r in rows if r.run_together is None and not any(c.line == r.label_end for c in r.slots)),
                   key=lambda r: (r.label.line, r.label.col))
    if not loose:
        return
    for row in rows:
        # a row with its values on its label's line keeps those, not a row of values below it
        own = [c for c in row.slots if c.line == row.label_end]
        if own and not row.placed and row.run_together is None:
            placed = place(own, len(row.column_ids))
            if placed is not None:
                row.cells, row.placed = placed, True
    before = {id(r): (r.cells, r.placed) for r in loose}
    if len(loose) == len(free):
        for row, cells in zip(loose, free):
            row.cells, row.placed = [c for c in cells if c.kind is Kind.VALUE], True
        if _sums_hold(table):
            for row in loose:
                row.loose = True
            return
    for row in loose:
        # no match: a row keeps the values on the line right below its label (a PDF's rows), the rest are unread
        row.cells, row.placed = before[id(row)]
        cells = [c for c in row.cells if c is not None] if row.placed else []
        below = bool(cells) and all(0 < c.line - row.label_end <= 2 for c in cells)
        if not below:
            row.loose, row.placed = True, False


def _sums_hold(table: Table) -> bool:
    """Every identity of the table (row sums; sums between rows) holds wherever all its cells are numbers,
    and at least one of them could be computed."""
    checked = False
    for row in table.rows.values():
        if not row.placed:
            continue
        for parts, total in table.spec.identities:
            values = [row.value(c) for c in (*parts, total)]
            if any(v is None for v in values):
                continue
            checked = True
            if sum(values[:-1]) != values[-1]:
                return False
    for lhs, rhs in table.spec.column_identities:
        left, right = table.present_rows(list(lhs)), table.present_rows(list(rhs))
        if not left or not right or table.lacks(lhs + rhs) or not all(r.placed for r in left + right):
            continue
        for column in left[0].column_ids:
            lv = [r.value(column) for r in left]
            rv = [r.value(column) for r in right]
            if any(v is None for v in lv + rv):
                continue
            checked = True
            if sum(lv) != sum(rv):
                return False
    return checked


# How many combinations of candidate splits the identities between rows may try.
_COMBINATIONS = 4096


def _choose_splits(table: Table) -> None:
    """Settle rows with several splits by the identities between rows (column sums, the balance).

    Exactly one combination of the rows' splits must satisfy every identity whose rows are
    all known; otherwise nothing is chosen and the rows stay ambiguous.
    """
    open_rows = [r for r in table.rows.values() if r.candidates]
    if not open_rows or not table.spec.column_identities:
        return
    count = 1
    for r in open_rows:
        count *= len(r.candidates)
    if count > _COMBINATIONS:
        return
    identities = []
    for lhs, rhs in table.spec.column_identities:
        left, right = table.present_rows(list(lhs)), table.present_rows(list(rhs))
        rows = left + right
        if not left or not right or table.lacks(lhs + rhs):
            continue
        if all(r.placed or r.candidates for r in rows) and any(r.candidates for r in rows):
            identities.append((left, right))
    if not identities:
        return
    index = {id(r): i for i, r in enumerate(open_rows)}
    width = len(open_rows[0].candidates[0])

    def values(row: Row, combo: tuple[list[int], ...]) -> list[int] | None:
        if row.candidates:
            return combo[index[id(row)]]
        nums = [row.value(c) for c in row.column_ids]
        return None if any(v is None for v in nums) else [int(v) for v in nums]

    from itertools import product

    good = []
    for combo in product(*(r.candidates for r in open_rows)):
        ok = True
        for left, right in identities:
            lv = [values(r, combo) for r in left]
            rv = [values(r, combo) for r in right]
            if any(v is None or len(v) != width for v in lv + rv):
                ok = False
                break
            if any(sum(v[c] for v in lv) != sum(v[c] for v in rv) for c in range(width)):
                ok = False
                break
        if ok:
            good.append(combo)
            if len(good) > 1:
                return
    if len(good) == 1:
        for row, chosen in zip(open_rows, good[0]):
            _settle(row, chosen)


def _plausible_extra(labels: list[Cell]) -> bool:
    text = labels[-1].text
    return 2 <= len(text) <= 120 and not any(p in text for p in "。；;")


def _add_row(table: Table, spec: RowSpec, anchor: Cell, text: str, slots: list[Cell], last_label: Cell | None = None) -> None:
    columns = spec.column_ids(table.spec, table.format)
    run = _as_run(slots, len(columns), (last_label or anchor).line)
    if run is not None:
        _store(table, _split_row(table, spec, anchor, text, columns, run))
        return
    placed = place(slots, len(columns))
    row = Row(spec, anchor, text, columns, placed or [], slots, placed=placed is not None,
              label_end=(last_label or anchor).line)
    _store(table, row)


# A lone number on a line of its own reads as cells run together only for a row this wide (表四's 15 cells).
_LONE_RUN = 10


def _as_run(slots: list[Cell], n: int, label_line: int = 0) -> Cell | None:
    """The row's values as one RUN cell, when they came run together: digits glued to the label,
    or fewer plain numbers than columns of which one starts with 0 ("0 0 00 00 0": no count is
    written "00", so two cells met there)."""
    filled = [c for c in slots if c.kind is not Kind.BLANK]
    if len(filled) == 1 and filled[0].kind is Kind.RUN:
        return filled[0]
    lone = filled[0] if len(filled) == 1 and filled[0].kind is Kind.VALUE and filled[0].text.isdigit() and len(filled[0].text) >= n else None
    if lone is not None and n >= 2 and (n >= _LONE_RUN or lone.line == label_line):
        # "（一）予以公开 50000050" (a PDF row with its spaces lost), 表四's "25380363300630003" on a
        # line of its own; a lone "630" on a line of its own is one cell of a row written one cell a line
        c = lone
        return Cell(Kind.RUN, c.text, c.line, c.col, c.end_col)
    if not filled or len(filled) >= n or n < 2 or not all(c.kind is Kind.VALUE and c.text.isdigit() for c in filled):
        return None
    if len({c.line for c in filled}) > 1 or not any(len(c.text) > 1 and c.text[0] == "0" for c in filled):
        return None
    first, last = filled[0], filled[-1]
    text = [" "] * (last.end_col - first.col)
    for c in filled:
        text[c.col - first.col:c.end_col - first.col] = c.text
    return Cell(Kind.RUN, "".join(text), first.line, first.col, last.end_col)


# How many splits of one row the table may still choose among with its identities between rows.
_CANDIDATES = 16


def _split_row(table: Table, spec: RowSpec | None, anchor: Cell, text: str, columns: tuple[str, ...], run: Cell) -> Row:
    """A row whose values were run together in the RUN cell ``run``."""
    groups = run.groups
    numbers = [parse_number(g) for g in groups]
    if len(groups) == len(columns) and all(n is not None and (g == "0" or not g.startswith("0")) for g, n in zip(groups, numbers)):
        # every number stands apart: nothing to split
        cells = _run_cells(run, [g for g in groups])
        return Row(spec, anchor, text, columns, cells, list(cells))
    found = splits(groups, columns, table.spec.identities, limit=_CANDIDATES + 1)
    row = Row(spec, anchor, text, columns, [], [], placed=False, run_together=run.text, splits=len(found), run=run)
    if len(found) == 1:
        _settle(row, found[0])
    elif len(found) <= _CANDIDATES:
        row.candidates = found
    return row


def _settle(row: Row, values: list[int]) -> None:
    row.cells = _run_cells(row.run, values)
    row.slots = list(row.cells)
    row.placed = True
    row.candidates = []


def _run_cells(run: Cell, values: list[int] | list[str]) -> list[Cell]:
    """Cells for ``values`` (numbers, or the run's own groups) read in order from the RUN cell, each at its own characters."""
    text = run.text   # digits and spaces map one to one onto the original columns
    cells, i = [], 0
    for value in values:
        while text[i].isspace():
            i += 1
        written = str(value)
        cells.append(Cell(Kind.VALUE, written, run.line, run.col + i, run.col + i + len(written), parse_number(written)))
        i += len(written)
    return cells


def _store(table: Table, row: Row) -> None:
    spec = row.spec
    existing = table.rows.get(spec.id)
    if existing is not None:
        # Keep the occurrence that carries values; a repeated header is not a second row.
        if existing.blank and not row.blank:
            table.rows[spec.id] = row
            table.duplicates.append(existing)
        else:
            table.duplicates.append(row)
        return
    table.rows[spec.id] = row


def _without_placeholder_lines(run: list[Cell], n: int) -> list[Cell]:
    """A run without its lines of placeholders alone ("| - | - |" under a converted header), when
    the numbers left are one per column."""
    lines: dict[int, list[Cell]] = {}
    for c in run:
        lines.setdefault(c.line, []).append(c)
    junk = {line for line, cells in lines.items() if all(c.kind in (Kind.BAD, Kind.BLANK) for c in cells)}
    kept = [c for c in run if c.line not in junk]
    if junk and len(lines) > len(junk) and sum(c.kind is Kind.VALUE for c in kept) == n:
        return kept
    return run


def _one_row(runs: list[list[Cell]], n: int) -> list[Cell]:
    """The first run of values, or the first runs together when they make exactly ``n`` values
    (表四 written as three small tables, one per group, each under its own header)."""
    def filled(run: list[Cell]) -> int:
        return sum(c.kind in (Kind.VALUE, Kind.BAD) for c in run)

    runs = [_without_placeholder_lines(run, n) for run in runs]
    total, joined = 0, []
    for run in runs:
        if any(c.kind is Kind.RUN for c in run):
            break
        total += filled(run)
        joined += [c for c in run if c.kind is not Kind.BLANK]
        if total >= n:
            break
    return joined if total == n and len(joined) > filled(runs[0]) else runs[0]


def _recover_single_row(table: Table, stream: list[Cell]) -> None:
    """Tables of one data row (表四): the first run of value cells after the headers."""
    spec = table.spec
    row_spec = spec.rows[0]
    columns = tuple(c.id for c in spec.columns)
    runs: list[list[Cell]] = []      # runs of value cells between labels
    current: list[Cell] = []
    for cell in stream:
        if cell.kind is Kind.LABEL:
            if any(c.kind in (Kind.VALUE, Kind.BAD, Kind.RUN) for c in current):
                runs.append(current)
            current = []
            continue
        current.append(cell)
    if any(c.kind in (Kind.VALUE, Kind.BAD, Kind.RUN) for c in current):
        runs.append(current)
    if not runs:
        return  # no values at all: the table is not there
    slots = _one_row(runs, len(columns))
    # The data row itself is the anchor: its first value is where a person looks.
    first = next(c for c in slots if c.kind is not Kind.BLANK)
    run = _as_run(slots, len(columns))
    if run is not None:
        table.rows[row_spec.id] = _split_row(table, row_spec, first, "", columns, run)
        return
    placed = place(slots, len(columns))
    table.rows[row_spec.id] = Row(row_spec, first, "", columns, placed or [], slots, placed=placed is not None)
