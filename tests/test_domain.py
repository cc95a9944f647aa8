"""Domain cross-checks end to end: silent on the real reports, firing on realistic edits of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, report_files, run_json

DOMAIN = ["gov.template-mismatch", "gov.year-mismatch", "gov.text-table-mismatch", "gov.percent-mismatch",
          "gov.placeholder", "gov.enumeration", "gov.cross-year"]
SELECT = ",".join(DOMAIN)


def _edit(src: Path, dst: Path, old: str, new: str) -> Path:
    text = src.read_text(encoding="utf-8")
    assert old in text, old
    dst.write_text(text.replace(old, new, 1), encoding="utf-8")
    return dst


def _found(*paths: Path, extra: tuple[str, ...] = ()) -> list[tuple[str, str, int, int, str]]:
    _, diagnostics = run_json("--select", SELECT, *extra, *map(str, paths))
    return [(Path(d["path"]).name, d["rule"], d["line"], d["column"], d["severity"]) for d in diagnostics]


def test_silent_on_the_real_reports_where_the_facts_agree():
    found = _found(*report_files())
    # Both hongze reports keep the single （六）其他处理 row in the 2021 format (a warning), and
    # pingtan-2019.txt.expected.yaml's definite placeholder: 全年公开核准企业资质条 has no number (line 10 col 3963).
    assert sorted(set(found)) == [("hongze-2023.txt", "gov.template-mismatch", 109, 1, "warning"),
                                  ("hongze-2024.txt", "gov.template-mismatch", 109, 1, "warning"),
                                  ("pingtan-2019.txt", "gov.placeholder", 10, 3963, "error")]


@pytest.fixture()
def pair(tmp_path) -> tuple[Path, Path]:
    """The consecutive-year corpus pair, in a folder of their own (paired by the year in the name)."""
    for name in ("hongze-2023.txt", "hongze-2024.txt"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path / "hongze-2023.txt", tmp_path / "hongze-2024.txt"


def test_cross_year_carry_over(pair):
    last, this = pair
    assert _found(this) == [("hongze-2024.txt", "gov.template-mismatch", 109, 1, "warning")]
    _edit(last, last, "四、结转下年度继续办理 0 0 0 0 0 0 0", "四、结转下年度继续办理 2 0 0 0 0 0 2")
    found = [f for f in _found(this) if f[1] == "gov.cross-year"]
    # at this year's 二、上年结转 cells (line 76): 自然人 and 总计
    assert found == [("hongze-2024.txt", "gov.cross-year", 76, 18, "error"), ("hongze-2024.txt", "gov.cross-year", 76, 30, "error")]


def test_cross_year_stock_warning_and_explicit_previous(pair, tmp_path):
    last, this = pair
    renamed = tmp_path / "last-year.txt"
    _edit(last, renamed, "行政规范性文件 0 5 5", "行政规范性文件 0 5 6")
    last.unlink()  # no pairing by name now: only --previous finds it
    assert not [f for f in _found(this) if f[1] == "gov.cross-year"]
    found = [f for f in _found(this, extra=("--previous", str(renamed))) if f[1] == "gov.cross-year"]
    assert found == [("hongze-2024.txt", "gov.cross-year", 45, 13, "warning")]


def test_text_table_mismatch_in_pdf_prose(tmp_path):
    # hongze-2023 line 21: "受理政府信息公开申请 21 件" agrees with 新收 21; make it disagree.
    edited = _edit(EXAMPLES / "hongze-2023.txt", tmp_path / "hongze-2023.txt", "受理政府信息公开申请 21 件", "受理政府信息公开申请 25 件")
    assert [f for f in _found(edited) if f[1] == "gov.text-table-mismatch"] == [("hongze-2023.txt", "gov.text-table-mismatch", 21, 29, "warning")]


def test_other_scope_is_not_compared():
    # hongze-2024 lines 24-25: 区政府办代表区政府受理 17 件 vs 新收 95 — another scope, not an error.
    assert not [f for f in _found(EXAMPLES / "hongze-2024.txt") if f[1] == "gov.text-table-mismatch"]


def test_year_mismatch_in_the_statistical_period(tmp_path):
    edited = _edit(EXAMPLES / "hongze-2023.txt", tmp_path / "h.txt", "统计期限自 2023 年 1 月 1 日", "统计期限自 2022 年 1 月 1 日")
    assert [f for f in _found(edited) if f[1] == "gov.year-mismatch"] == [("h.txt", "gov.year-mismatch", 6, 22, "error")]


def test_template_mismatch_for_a_2019_format_report_dated_2021(tmp_path):
    edited = _edit(EXAMPLES / "shunhe-2020-tabs.txt", tmp_path / "s.txt", "顺河回族区人民政府 2020 年", "顺河回族区人民政府 2021 年")
    found = [f for f in _found(edited) if f[1] == "gov.template-mismatch"]
    assert found == [("s.txt", "gov.template-mismatch", 26, 6, "error")]  # 本年新制作数量


def test_placeholder_and_enumeration_in_real_text(tmp_path):
    edited = _edit(EXAMPLES / "shunhe-2020-tabs.txt", tmp_path / "s.txt", "主动发布新闻动态 311 条", "主动发布新闻动态    条")
    assert [f[1:4] for f in _found(edited) if f[1] == "gov.placeholder"] == [("gov.placeholder", 19, 30)]
    edited = _edit(EXAMPLES / "xinle-2019-traditional-pipes.txt", tmp_path / "x.txt", "三是公開的廣度", "四是公開的廣度")
    # 一是 二是 四是 四是: the first 四是 should be 三是, and the next is out of step too
    assert [f[1:4] for f in _found(edited) if f[1] == "gov.enumeration"] == [("gov.enumeration", 64, 1), ("gov.enumeration", 65, 1)]


def test_percent_mismatch_in_real_prose(tmp_path):
    # shunhe line 21: 收到申请 23 件 … 同意公开答复 12 件 — add a share that does and one that does not recompute
    src = EXAMPLES / "shunhe-2020-tabs.txt"
    good = _edit(src, tmp_path / "good.txt", "同意公开答复 12 件", "同意公开答复 12 件，占52.2%")
    assert not [f for f in _found(good) if f[1] == "gov.percent-mismatch"]
    bad = _edit(src, tmp_path / "bad.txt", "同意公开答复 12 件", "同意公开答复 12 件，占60%")
    assert [f[1:4] for f in _found(bad) if f[1] == "gov.percent-mismatch"] == [("gov.percent-mismatch", 21, 67)]


def test_last_years_reports_are_kept_for_a_few_files_not_for_the_whole_archive(tmp_path, pack):
    from reportlint.checks import crossyear

    crossyear._PREVIOUS.clear()
    spec, preset = pack.primary.format, pack.primary.chrome
    paths = []
    for i in range(crossyear._PREVIOUS_KEPT + 5):
        path = tmp_path / f"r{i}-2023.txt"
        path.write_text("政府信息公开工作年度报告\n", encoding="utf-8")
        paths.append(path)
        crossyear._load_previous(str(path), path.stat().st_mtime, spec, preset)
    assert len(crossyear._PREVIOUS) == crossyear._PREVIOUS_KEPT
    again = crossyear._load_previous(str(paths[-1]), paths[-1].stat().st_mtime, spec, preset)
    assert again is crossyear._PREVIOUS[next(reversed(crossyear._PREVIOUS))]   # read once, kept while in use
