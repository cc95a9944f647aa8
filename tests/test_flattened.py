"""Cells run together, built from real reports by removing the separators of a row."""

from __future__ import annotations

from conftest import EXAMPLES, run_json
from reportlint.structure.flattened import splits


def _flatten(src, dst, line_no: int, keep_label: bool = True):
    lines = src.read_text(encoding="utf-8").split("\n")
    cells = [c.strip() for c in lines[line_no - 1].split("\t") if c.strip()]
    lines[line_no - 1] = "".join(cells)
    dst.write_text("\n".join(lines), encoding="utf-8")
    return dst


def _found(path, rules="flattened-table,ambiguous-table,row-sum,column-sum,balance,missing-value"):
    _, diagnostics = run_json("--select", rules, str(path))
    return [(d["rule"], d["line"], d["column"], d["message"]) for d in diagnostics]


def test_table_four_run_together_is_recovered_by_its_group_sums(tmp_path):
    path = _flatten(EXAMPLES / "shunhe-2020-tabs.txt", tmp_path / "s.txt", 80)
    found = _found(path)
    assert [(r, line) for r, line, *_ in found] == [("gov.flattened-table", 80)]
    assert "read as 0 | 0 | 0 | 0 | 0 | 7 | 0 | 2 | 2 | 11 | 0 | 0 | 0 | 0 | 0" in found[0][3]


def test_table_three_row_run_together_and_its_cells_are_checked(tmp_path):
    path = _flatten(EXAMPLES / "shunhe-2020-tabs.txt", tmp_path / "s.txt", 50)  # 一、本年新收 … 23 0 0 0 0 0 23
    found = _found(path)
    assert [(r, line) for r, line, *_ in found] == [("gov.flattened-table", 50)]
    # the recovered cells take part in the arithmetic: the balance still holds (no sum diagnostics)


def test_digits_that_no_split_can_explain_are_ambiguous(tmp_path):
    # hongze-2023's table 四 has wrong totals, so no split of its digits satisfies the group sums
    lines = (EXAMPLES / "hongze-2023.txt").read_text(encoding="utf-8").split("\n")
    lines[130] = lines[130].replace(" ", "")
    path = tmp_path / "h.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = _found(path)
    assert [(r, line, col) for r, line, col, _ in found] == [("gov.ambiguous-table", 131, 1)]
    assert "no split satisfies" in found[0][3]


def test_the_search_is_bounded():
    # 40 digits into 15 cells with no identities: stops at the limit instead of enumerating
    assert len(splits("1" * 40, tuple(f"c{i}" for i in range(15)), (), limit=2)) == 2
    assert splits("12a", ("a", "b"), ()) == []
