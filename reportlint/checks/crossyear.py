"""cross-year: this year's report against last year's."""

from __future__ import annotations

import os
from collections.abc import Iterator

from reportlint.checks import Finding, check_kind
from reportlint.checks.arithmetic import number
from reportlint.read import ReadError, read_source
from reportlint.ruleset import Rule
from reportlint.structure.document import Document

# Last year's reports read lately: a few, not every one of an archive (each is a whole Document).
_PREVIOUS: dict[tuple[str, float, int], Document | None] = {}
_PREVIOUS_KEPT = 16


def _load_previous(path: str, mtime: float, spec, preset) -> Document | None:
    """Last year's report through the normal pipeline, read once while it is among the last few used."""
    key = (os.path.abspath(path), mtime, id(spec))
    if key in _PREVIOUS:
        _PREVIOUS[key] = _PREVIOUS.pop(key)   # most recently used last
        return _PREVIOUS[key]
    try:
        doc = Document(read_source(path), spec, preset)
    except ReadError:
        doc = None
    _PREVIOUS[key] = doc
    while len(_PREVIOUS) > _PREVIOUS_KEPT:
        del _PREVIOUS[next(iter(_PREVIOUS))]
    return doc


def previous_candidates(path: str, year: int) -> list[str]:
    """Where last year's report of the same body may be: the year in the file name or a folder name, minus one."""
    this, last = str(year), str(year - 1)
    directory, name = os.path.split(path)
    out = []
    if this in name:
        out.append(os.path.join(directory, name.replace(this, last)))
    parts = os.path.normpath(path).split(os.sep)
    for i, part in enumerate(parts[:-1]):
        if part == this:
            out.append(os.sep.join(parts[:i] + [last] + parts[i + 1:]))
            if this in name:
                out.append(os.sep.join(parts[:i] + [last] + parts[i + 1:-1] + [name.replace(this, last)]))
    return [p for p in dict.fromkeys(out) if p != path]


def find_previous(doc: Document, pairing: bool) -> tuple[Document | None, str | None]:
    """Last year's report: --previous, else paired by name or folder. Returns (document, problem)."""
    if doc.previous:
        if not os.path.isfile(doc.previous):
            return None, f"--previous {doc.previous}: no such file"
        prev = _load_previous(doc.previous, os.path.getmtime(doc.previous), doc.spec, doc.preset)
        return (prev, None) if prev is not None else (None, f"--previous {doc.previous}: not readable as a report")
    year = doc.year.value
    if not pairing or not isinstance(year, int):
        return None, None
    for candidate in previous_candidates(doc.path, year):
        if os.path.isfile(candidate):
            prev = _load_previous(candidate, os.path.getmtime(candidate), doc.spec, doc.preset)
            if prev is not None and prev.year.value in (year - 1, None):
                return prev, None
    return None, None


@check_kind("cross-year", fields={"detail", "previous"}, params={"pairing": bool})
def cross_year(doc: Document, rule: Rule) -> Iterator[Finding]:
    """This year's 上年结转 must equal last year's 结转下年度; 现行有效件数 should follow from last year's."""
    prev, problem = find_previous(doc, bool(rule.params.get("pairing", True)))
    if problem:
        yield Finding(1, 0, 0, {"detail": problem, "previous": doc.previous or ""}, severity="info")
        return
    if prev is None:
        return
    name = os.path.basename(prev.path)
    this_t3, prev_t3 = doc.tables.get("t3"), prev.tables.get("t3")
    if this_t3 is not None and prev_t3 is not None and "carried_in" in this_t3.rows and "carried_out" in prev_t3.rows:
        this_row, prev_row = this_t3.rows["carried_in"], prev_t3.rows["carried_out"]
        for column in this_row.column_ids:
            now, before = this_row.value(column), prev_row.value(column)
            if now is None or before is None or now == before:
                continue
            cell = this_row.cell(column)
            label = this_t3.spec.column_label(column)
            yield Finding(cell.line, cell.col, cell.end_col, {
                "detail": f"二、上年结转 {label} is {number(now)}, but last year's report carried {number(before)} forward (四、结转下年度继续办理, {name}:{prev_row.cell(column).line})",
                "previous": prev.path})
    this_t2, prev_t2 = doc.tables.get("t2"), prev.tables.get("t2")
    if doc.format.value == "2021" and prev.format.value == "2021" and this_t2 is not None and prev_t2 is not None:
        for rid in ("rules", "normative"):
            row, old = this_t2.rows.get(rid), prev_t2.rows.get(rid)
            if row is None or old is None:
                continue
            values = [row.value("issued"), row.value("repealed"), row.value("in_force"), old.value("in_force")]
            if any(v is None for v in values):
                continue
            issued, repealed, in_force, before = values
            if before + issued - repealed != in_force:
                cell = row.cell("in_force")
                yield Finding(cell.line, cell.col, cell.end_col, {
                    "detail": f"{row.spec.label} 现行有效件数 is {number(in_force)}, but last year's {number(before)} + 本年制发 {number(issued)} − 本年废止 {number(repealed)} = {number(before + issued - repealed)} ({name})",
                    "previous": prev.path}, severity="warning")
