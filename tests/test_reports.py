"""End to end on real reports: the shipped examples, the shared seeds and corpus.

Facts asserted here come from reading the files (see ../shared/corpus/*.expected.yaml
for the hand-checked ones); every file is linted through the real CLI.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHARED, report_files, run_json
from reportlint.engine import document, lint_source
from reportlint.read import Source, read_source
from reportlint.structure.cells import Kind
from reportlint.structure.document import Document

SUM_RULES = {"gov.row-sum", "gov.column-sum", "gov.balance"}


def _unique_reports() -> list[Path]:
    """One copy of each report: the shared one when present, else the shipped example."""
    by_name: dict[str, Path] = {}
    for path in report_files():
        by_name[path.name] = path  # shared/ comes after examples/ and wins
    return sorted(by_name.values(), key=lambda p: p.name)


REPORTS = _unique_reports()


@pytest.fixture(scope="module")
def findings() -> dict[str, list[dict]]:
    """Diagnostics per report file name, from one CLI run over every report."""
    _, diagnostics = run_json(*map(str, REPORTS))
    out: dict[str, list[dict]] = defaultdict(list)
    for d in diagnostics:
        out[Path(d["path"]).name].append(d)
    return out


def _at(findings, name: str, rule: str) -> set[tuple[int, int]]:
    return {(d["line"], d["column"]) for d in findings[name] if d["rule"] == rule}


def test_examples_are_shipped():
    assert {p.name for p in EXAMPLES.glob("*.txt")} >= {
        "changshou-2020-cells.txt", "fancheng-2020-traditional-cells.txt", "jili-2020-cells.txt",
        "shunhe-2020-tabs.txt", "xinle-2019-traditional-pipes.txt",
    }


@pytest.mark.parametrize("name", ["fancheng-2020-traditional-cells.txt", "jili-2020-cells.txt", "changshou-2020-cells.txt", "shunhe-2020-tabs.txt", "hongze-2024.txt"])
def test_arithmetic_holds_where_it_does(findings, name):
    assert [d for d in findings[name] if d["rule"] in SUM_RULES] == []


def test_hongze_2023_table_four_totals(findings):
    # expected.yaml: 行政复议 10+1+0+0 = 11 but 总计 0; 复议后起诉 5+0+0+0 = 5 but 总计 0 (line 131)
    sums = [d for d in findings["hongze-2023.txt"] if d["rule"] in SUM_RULES]
    assert [(d["rule"], d["line"], d["column"]) for d in sums] == [("gov.row-sum", 131, 10), ("gov.row-sum", 131, 30)]
    assert "总计 0 ≠ 10+1+0+0 = 11" in sums[0]["message"]
    assert "总计 0 ≠ 5+0+0+0 = 5" in sums[1]["message"]


def test_xinle_blank_table_and_missing_section(findings):
    name = "xinle-2019-traditional-pipes.txt"
    missing = [d for d in findings[name] if d["rule"] == "gov.missing-value"]
    # One for the row whose two values cannot be placed, one for the blank table: not 150.
    assert [(d["line"], d["column"]) for d in missing] == [(33, 1), (34, 1)]
    assert "2 values for 7 columns" in missing[0]["message"]
    assert "22 of 23 rows have no values" in missing[1]["message"]
    required = [d for d in findings[name] if d["rule"] == "gov.required-section"]
    assert len(required) == 1 and "六、其他需要报告的事项" in required[0]["message"]
    assert required[0]["line"] == 69  # the end of the last section, where 六 belongs
    assert [d for d in findings[name] if d["rule"] in SUM_RULES] == []


CHROME = {
    "changshou-2020-cells.txt": {1, 5, 615, 617, 619, 621, 623, 625, 627, 629, 631, 633},
    "jili-2020-cells.txt": {1, 5, 607, 608},
    "fancheng-2020-traditional-cells.txt": {327, 329, 331},
    "xinle-2019-traditional-pipes.txt": {3, 4, 5},
    "shunhe-2020-tabs.txt": set(),
    "hongze-2023.txt": {1, 26, 49, 100, 142},
    "hongze-2024.txt": {1, 26, 49, 99, 143},
}


@pytest.mark.parametrize("name", sorted(CHROME))
def test_chrome_lines_exactly(findings, name):
    # one finding per block of chrome: the lines its spans cover, blank ones aside
    path = next(p for p in REPORTS if p.name == name)
    lines = path.read_text(encoding="utf-8").split("\n")
    covered = {n for d in findings[name] if d["rule"] == "gov.stray-text" for n in range(d["line"], d["end_line"] + 1) if lines[n - 1].strip()}
    assert covered == CHROME[name]


def test_jili_section_six_is_empty(findings):
    assert _at(findings, "jili-2020-cells.txt", "gov.empty-section") == {(605, 1)}
    for name in CHROME:
        if name != "jili-2020-cells.txt":
            assert not _at(findings, name, "gov.empty-section"), name


def test_no_section_problems_in_complete_reports(findings):
    for name in CHROME:
        if name == "xinle-2019-traditional-pipes.txt":
            continue
        assert not [d for d in findings[name] if d["rule"] in ("gov.required-section", "gov.section-order")], name


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_structure_is_recovered(path, pack):
    doc, _ = document(read_source(str(path)), pack)
    year = int(path.stem.split("-")[1])
    assert doc.format.value == ("2021" if year >= 2021 else "2019")
    assert doc.year.value == year
    t3, t4 = doc.tables["t3"], doc.tables["t4"]
    assert len(t3.rows) in (23, 25) and not t3.missing_rows()
    assert t4.rows["data"].placed
    if "xinle" not in path.name:
        assert all(r.placed and not r.blank for r in t3.rows.values())


HONGZE_SECTIONS = {"hongze-2023.txt": [11, 40, 56, 112, 132, 145]}  # from hongze-2023.expected.yaml


def test_hongze_section_lines(pack):
    for name, lines in HONGZE_SECTIONS.items():
        path = SHARED / "corpus" / name if (SHARED / "corpus" / name).exists() else EXAMPLES / name
        doc = Document(read_source(str(path)), pack.format, pack.chrome)
        assert [doc.sections[str(i)].heading.line for i in range(1, 7)] == lines


# -- changing one number must break a sum, at the right cell ------------------------------


def _cells(doc: Document):
    """(table, row, column id, cell) for a spread of value cells: every row and column of 三, all of 四."""
    out = []
    t3 = doc.tables["t3"]
    for i, row in enumerate(t3.rows.values()):
        if not row.placed:
            continue
        columns = list(row.column_ids)
        for k in {i % 7, (i * 3 + 1) % 7, 6}:
            cell = row.cells[k]
            if cell is not None and cell.kind is Kind.VALUE:
                out.append(("t3", row, columns[k], cell))
    row = doc.tables["t4"].rows["data"]
    if row.placed:
        out.extend(("t4", row, c, cell) for c, cell in zip(row.column_ids, row.cells) if cell is not None and cell.kind is Kind.VALUE)
    return out


def _anchors(doc: Document, table: str, row, column: str, locate) -> set[tuple[int, int]]:
    """Where a broken identity involving this cell must be reported (line, 1-based column)."""
    def pos(cell):
        line, col = locate(cell.line, cell.col)
        return (line, col + 1)

    if table == "t4":
        group = column.split(".")[0]
        return {pos(row.cell(f"{group}.total"))}
    t3 = doc.tables["t3"]
    out = {pos(row.cell("total"))}
    if row.id.startswith("results."):
        out.add(pos(t3.rows["results.total"].cell(column)))
    if row.id in ("new", "carried_in", "results.total", "carried_out"):
        out.add(pos(t3.rows["carried_out"].cell(column)))
    return out


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_changing_any_number_breaks_a_sum_at_the_right_place(path, pack):
    rules = [r for r in pack.rules if r.id in SUM_RULES | {"gov.ambiguous-table"}]
    source = read_source(str(path))
    doc, pieces = document(source, pack)
    locate = pieces.locate if pieces is not None else (lambda line, col: (line, col))
    before = {(d.rule, d.line, d.column, d.message) for d in lint_source(source, pack, rules).diagnostics}
    cells = _cells(doc)
    assert len(cells) >= 15
    for table, row, column, cell in cells:
        lines = list(source.lines)
        line, col = locate(cell.line, cell.col)
        text = lines[line - 1]
        lines[line - 1] = text[:col] + str(int(cell.number.value) + 1) + text[col + cell.end_col - cell.col:]
        changed = Source.from_text(source.path, "\n".join(lines) + "\n")
        after = {(d.rule, d.line, d.column, d.message) for d in lint_source(changed, pack, rules).diagnostics}
        new = after - before
        where = f"{path.name}:{line}:{col + 1} ({table} {row.id} {column})"
        assert new, f"changing {where} was not reported"
        if row.run_together is not None and any(rule == "gov.ambiguous-table" for rule, *_ in new):
            continue   # digits run together that no longer split one way: said so, and not summed
        assert {(line, col) for _, line, col, _ in new} <= _anchors(doc, table, row, column, locate), f"{where}: {sorted(new)}"


def test_label_typos_are_the_hand_checked_ones(findings):
    # hongze-*.expected.yaml: label-typo "2.其他法律行政止公开" (2023 line 90, 2024 line 91); none elsewhere.
    typos = {name: _at(findings, name, "gov.label-typo") for name in CHROME}
    assert typos.pop("hongze-2023.txt") == {(90, 1)}
    assert typos.pop("hongze-2024.txt") == {(91, 1)}
    assert all(not found for found in typos.values()), typos
