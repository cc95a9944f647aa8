"""Real reports from anywhere (issue 11): flattened page text, web pages, converted Markdown.

Two kinds of test. The hand-checked facts in ../shared/corpus/*.expected.yaml, checked
against what ``reportlint`` and ``reportlint show --format json`` say of each file; and cases
built from those files — a number changed, a separator dropped, a heading moved into the
running text, a page fragment on one line, a script converted — so that what works on these
files is the mechanism, not the files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHARED, run_cli, run_json

CORPUS = SHARED / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")

# Rules this pack has (the expectations also name rules it does not have yet, e.g. prose-sum).
RULES = {p.stem for p in (Path(__file__).resolve().parents[1] / "rules" / "gov" / "rules").glob("*.yaml")}


def _expected(name: str) -> dict:
    from ruamel.yaml import YAML

    path = CORPUS / f"{name}.expected.yaml"
    if not path.exists():
        path = CORPUS / f"{Path(name).stem}.expected.yaml"
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _defects(facts: dict) -> list[dict]:
    return [*facts.get("other_defects", []), *((facts.get("table4") or {}).get("defects", []))]


def _lines(defect: dict) -> range:
    if "lines" in defect:
        first, last = defect["lines"]
        return range(first, last + 1)
    if "line" not in defect:
        return range(1, 10**9)   # "spaces around every number": anywhere
    return range(defect["line"], defect["line"] + 1)


def _show(path: Path, *args: str) -> dict:
    proc = run_cli("show", "--format", "json", *args, str(path))
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout)
    assert len(facts) == 1
    return facts[0]


def _errors(diagnostics: list[dict]) -> list[dict]:
    return [d for d in diagnostics if d["severity"] == "error"]


CORPUS_FILES = ["hongze-2023.txt", "hongze-2024.txt", "pingtan-2019.txt", "pingtan-2019.html", "pingtan-2021.txt",
                "shuyang-fgj-2023.html", "kewei-2024.md"]


@needs_corpus
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_error_is_a_verified_defect_and_every_verified_defect_is_found(name):
    facts = _expected(name)
    _, found = run_json("--no-cache", str(CORPUS / name))
    listed = _defects(facts)
    for d in _errors(found):
        rule = d["rule"].split(".", 1)[1]
        assert any(x["rule"] == rule and d["line"] in _lines(x) for x in listed), f"unlisted error: {d}"
    for x in listed:
        if x["rule"] not in RULES or x.get("definite") is False:
            continue
        hits = [d for d in found if d["rule"] == f"gov.{x['rule']}" and d["line"] in _lines(x)]
        assert hits, f"not found: {x}"
        if "column" in x and "lines" not in x:
            assert any(d["column"] == x["column"] for d in hits), f"{x} found at {[(d['line'], d['column']) for d in hits]}"


@needs_corpus
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_sections_and_table_three_are_read_where_the_expectations_say(name):
    facts = _expected(name)
    shown = _show(CORPUS / name)
    if "format" in facts:
        assert shown["format"]["value"] == str(facts["format"])
    if "year" in facts:
        assert shown["year"]["value"] == facts["year"]
    sections = facts.get("sections")
    if isinstance(sections, dict):
        by_numeral = {s["title"][0]: s for s in shown["sections"]}
        for numeral, where in sections.items():
            if not isinstance(where, dict):
                continue
            got = by_numeral[numeral]["at"]
            if where.get("line") is None:
                assert got is None, f"section {numeral} has no heading in the file"
                continue
            assert got is not None and got["line"] == where["line"], (numeral, got)
            if "column" in where:
                assert got["column"] == where["column"], (numeral, got)
    rows = ((facts.get("table3") or {}).get("rows")) or []
    if not isinstance(rows, list):
        rows = []   # described in words (hongze)
    table3 = next(t for t in shown["tables"] if t["table"] == "表三")
    read = [r for r in table3["rows"] if "cells" in r]
    assert len(read) >= len(rows)
    for row, expected in zip(read, rows):
        assert [c["value"] for c in row["cells"]] == expected["values"], (row["row"], expected["row"])
        if "column" in expected:
            assert (row["cells"][0]["at"]["line"], row["cells"][0]["at"]["column"]) == (expected["line"], expected["column"])
        if "total_column" in expected:
            assert row["cells"][-1]["at"]["column"] == expected["total_column"]
        if "lines" in expected and expected["values"][0] is not None:
            assert row["cells"][0]["at"]["line"] == expected["lines"][0]


@needs_corpus
def test_a_readme_beside_the_reports_is_not_a_report():
    proc = run_cli("--no-cache", str(CORPUS / "MANIFEST.md"))
    assert proc.returncode == 0 and "1 skipped as not a report" in proc.stdout


# -- flattened page text ----------------------------------------------------------------


def _copy_with(src: Path, dst: Path, old: str, new: str, count: int = 1) -> Path:
    text = src.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    dst.write_text(text.replace(old, new, count), encoding="utf-8")
    return dst


@needs_corpus
def test_one_line_report_with_unique_splits_but_wrong_columns_has_a_real_column_sum_error(tmp_path):
    # （一）予以公开 7000007 -> 8000008: the row still splits one way (8|0|0|0|0|0|8), the columns no longer add up
    path = _copy_with(CORPUS / "pingtan-2019.txt", tmp_path / "p.txt", "（一）予以公开7000007", "（一）予以公开8000008")
    _, found = run_json("--no-cache", str(path))
    errors = [(d["rule"], d["line"], d["column"]) for d in _errors(found) if d["rule"] in ("gov.row-sum", "gov.column-sum", "gov.balance")]
    # at the （七）总计 cells: 自然人 23 ≠ 24 and 总计 23 ≠ 24 (same positions as the expectations give)
    assert errors == [("gov.column-sum", 10, 5092), ("gov.column-sum", 10, 5103)]


@needs_corpus
def test_splits_the_column_sums_cannot_decide_are_never_summed(tmp_path):
    # pingtan-2021's two rows with two splits each are settled by the column sums; break those sums
    # (（七）总计 630020469 -> 640020479) and the rows stay ambiguous: said once, and no column sum is guessed.
    path = _copy_with(CORPUS / "pingtan-2021.txt", tmp_path / "p.txt", "（七）总计630020469", "（七）总计640020470")
    _, found = run_json("--no-cache", str(path))
    rules = [d["rule"] for d in found]
    assert "gov.column-sum" not in rules
    ambiguous = [d for d in found if d["rule"] == "gov.ambiguous-table" and "表三" in d["message"]]
    assert len(ambiguous) == 1 and ambiguous[0]["severity"] == "warning"
    assert "（一）予以公开" in ambiguous[0]["message"] and "本机关不掌握" in ambiguous[0]["message"]
    # the balance needs no ambiguous row: 一 64 + 二 0 ≠ （七）64 + 四 1 is real, in the 自然人 and 总计 columns
    assert [(d["rule"], d["column"]) for d in _errors(found)] == [("gov.balance", 2889), ("gov.balance", 2895)]


@needs_corpus
def test_a_pdf_row_with_its_spaces_dropped_is_split_by_its_row_sum(tmp_path):
    lines = (CORPUS / "hongze-2024.txt").read_text(encoding="utf-8").split("\n")
    i = next(k for k, ln in enumerate(lines) if re.search(r"(?:\d+ +){6}\d+\s*$", ln) and "50" in ln)
    numbers = re.search(r"(?:\d+ +){6}\d+\s*$", lines[i])
    lines[i] = lines[i][:numbers.start()] + numbers.group().replace(" ", "")
    path = tmp_path / "h.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    _, found = run_json("--no-cache", str(path))
    assert not _errors(found)
    assert [d["line"] for d in found if d["rule"] == "gov.flattened-table"] == [i + 1]


@needs_corpus
def test_glued_chrome_is_fixed_by_removing_only_its_span(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes((CORPUS / "pingtan-2021.txt").read_bytes())
    _, found = run_json("--no-cache", str(path))
    stray = [(d["line"], d["column"], d["end_line"]) for d in found if d["rule"] == "gov.stray-text"]
    assert stray == [(1, 1, 9), (10, 1, 10), (10, 3349, 10)]
    run_cli("--no-cache", "--fix", str(path))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("根据《中华人民共和国政府信息公开条例》") and text.rstrip().endswith("无收取信息处理费情况。")
    original = (CORPUS / "pingtan-2021.txt").read_text(encoding="utf-8").split("\n")[9]
    assert original[118:].startswith(text.split("\n")[0][:30])   # the report text itself is untouched
    before = path.read_bytes()
    run_cli("--no-cache", "--fix", str(path))
    assert path.read_bytes() == before


@needs_corpus
def test_a_traditional_copy_reads_the_same(tmp_path):
    from opencc import OpenCC

    text = (CORPUS / "pingtan-2019.txt").read_text(encoding="utf-8")
    path = tmp_path / "p.txt"
    path.write_text(OpenCC("s2t").convert(text), encoding="utf-8")
    ours, theirs = _show(path), _show(CORPUS / "pingtan-2019.txt")
    assert [s["at"] for s in ours["sections"]] == [s["at"] for s in theirs["sections"]]
    assert [[c["value"] for c in r.get("cells", [])] for t in ours["tables"] for r in t["rows"]] == \
           [[c["value"] for c in r.get("cells", [])] for t in theirs["tables"] for r in t["rows"]]


def test_a_heading_moved_into_the_running_text_is_found_at_its_column(tmp_path):
    lines = (EXAMPLES / "shunhe-2020-tabs.txt").read_text(encoding="utf-8").split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.strip().startswith("二、主动公开政府信息情况"))
    j = max(k for k in range(i) if lines[k].strip())
    col = len(lines[j]) + 2   # after "。 "
    lines[j] = lines[j] + " " + lines[i].strip() + " " + "本年度主动公开信息如下。"
    del lines[i]
    path = tmp_path / "s.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    shown = _show(path)
    assert shown["sections"][1]["at"] == {"line": j + 1, "column": col}
    _, found = run_json("--no-cache", "--select", "required-section,section-order,empty-section", str(path))
    assert found == []


def test_a_table_three_row_label_stays_a_row_inside_running_text(tmp_path):
    text = ("某区2020年政府信息公开工作年度报告\n"
            "一、总体情况 本年度工作如下。二、主动公开政府信息情况 见下表。"
            "三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量1000001 二、上年结转政府信息公开申请数量0000000 "
            "三、本年度办理结果 （一）予以公开1000001 （七）总计1000001 四、结转下年度继续办理0000000 "
            "四、政府信息公开行政法复议、行政诉讼情况 无。五、存在的主要问题及改进情况 无。六、其他需要报告的事项 无。\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    shown = _show(path)
    at = {s["title"][0]: s["at"] for s in shown["sections"]}
    line = text.split("\n")[1]
    assert at["四"]["column"] == line.index("四、政府信息公开行政法复议") + 1   # not 四、结转下年度继续办理
    _, found = run_json("--no-cache", str(path))
    assert [d["rule"] for d in found if d["rule"] == "gov.label-typo"] == ["gov.label-typo"]
    assert not [d for d in found if d["rule"] in ("gov.required-section", "gov.section-order")]


# -- web pages ----------------------------------------------------------------------------


@needs_corpus
def test_blank_cells_are_one_diagnostic_per_row(tmp_path):
    _, found = run_json("--no-cache", str(CORPUS / "shuyang-fgj-2023.html"))
    missing = [d for d in found if d["rule"] == "gov.missing-value"]
    assert len(missing) == 25 and len({d["line"] for d in missing}) == 25
    assert all("商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 are blank" in d["message"] for d in missing)
    # fill one row's blanks with 0: that row is no longer reported
    html = (CORPUS / "shuyang-fgj-2023.html").read_text(encoding="utf-8").split("\n")
    for n in (421, 424, 427, 430, 433):
        html[n - 1] = html[n - 1].replace("<o:p> </o:p>", "<o:p>0</o:p>", 1)
    path = tmp_path / "s.html"
    path.write_text("\n".join(html), encoding="utf-8")
    _, found = run_json("--no-cache", str(path))
    assert len([d for d in found if d["rule"] == "gov.missing-value"]) == 24


@needs_corpus
def test_page_navigation_is_never_report_text():
    _, found = run_json("--no-cache", str(CORPUS / "shuyang-fgj-2023.html"))
    assert not [d for d in found if d["rule"] == "gov.mixed-script"]   # 繁體版 in the site header
    stray = [d for d in found if d["rule"] == "gov.stray-text"]
    assert stray and stray[0]["line"] < 230 and stray[0]["end_line"] >= 222   # one block before the report


def test_a_one_line_html_fragment_places_blank_cells_in_their_columns(tmp_path):
    def row(label: str, cells: list[str]) -> str:
        return "<tr><td>" + label + "</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    blank = "&nbsp;"
    rows = [row("一、本年新收政府信息公开申请数量", ["26", blank, blank, blank, blank, blank, "26"]),
            row("二、上年结转政府信息公开申请数量", ["0", "0", "0", "0", "0", "0", "0"]),
            row("（一）予以公开", ["26", "0", "0", "0", "0", "0", "26"]),
            row("（七）总计", ["26", "0", "0", "0", "0", "0", blank]),
            row("四、结转下年度继续办理", ["0", "0", "0", "0", "0", "0", "0"])]
    page = ("<html><body><div><p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p>"
            "<p>三、收到和处理政府信息公开申请情况</p><table>" + "".join(rows) + "</table>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p><p>无。</p></div></body></html>")
    path = tmp_path / "f.html"
    path.write_text(page, encoding="utf-8")
    _, found = run_json("--no-cache", "--select", "missing-value", str(path))
    messages = [d["message"] for d in found]
    assert not [m for m in messages if "cannot tell" in m]
    assert any("一、本年新收" in m and "商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 are blank" in m for m in messages)
    assert any("（七）总计" in m and "总计 is blank; its parts add to 26" in m for m in messages)


# -- converted Markdown ---------------------------------------------------------------


@needs_corpus
def test_converted_rows_that_cannot_be_matched_are_said_once_and_not_guessed(tmp_path):
    # one value row set apart from its label now breaks the column sums: matching by order is no longer safe
    path = _copy_with(CORPUS / "kewei-2024.md", tmp_path / "k.md", "| 8 | 2 | 0 | 0 | 0 | 0 | 10 |", "| 9 | 2 | 0 | 0 | 0 | 0 | 11 |")
    _, found = run_json("--no-cache", str(path))
    ambiguous = [d for d in found if d["rule"] == "gov.ambiguous-table"]
    assert len(ambiguous) == 1 and "表三" in ambiguous[0]["message"]
    assert not [d for d in _errors(found) if d["rule"] in ("gov.missing-value", "gov.row-sum", "gov.column-sum", "gov.balance")
                and d["line"] != 178]


def test_table_four_as_three_small_tables_is_one_row(tmp_path):
    text = ("某区2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况\n"
            "| 行政复议 | | | | |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 1 | 0 | 0 | 0 | 2 |\n\n"
            "| 未经复议直接起诉 | | | | |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 0 | 0 | 0 | 0 | 0 |\n\n"
            "| 复议后起诉 | | | | |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| 0 | 0 | 0 | 0 | 0 |\n")
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    _, found = run_json("--no-cache", "--select", "row-sum,missing-value", str(path))
    assert [(d["rule"], d["line"], d["column"]) for d in found] == [("gov.row-sum", 8, 19)]   # 行政复议 1+0+0+0 ≠ 2


def test_converted_markdown_with_placeholder_headers_reads_as_the_text_report(tmp_path):
    """shunhe's 表三 and 表四, written as a PDF-to-Markdown converter writes them: `数据N` header
    cells, a `| - | - |` placeholder row, the header repeated in the middle, group and row label
    in one cell."""
    shown = _show(EXAMPLES / "shunhe-2020-tabs.txt")
    t3 = next(t for t in shown["tables"] if t["table"] == "表三")
    t4 = next(t for t in shown["tables"] if t["table"] == "表四")
    header = "| " + " | ".join(f"数据{i}" for i in range(1, 9)) + " |\n|---|---|---|---|---|---|---|---|\n"
    lines = ["# 某区2020年政府信息公开工作年度报告", "## 一、总体情况", "正文。", "## 二、主动公开政府信息情况", "正文。",
             "## 三、收到和处理政府信息公开申请情况", header + "| - | - | - | - | - | - | - | - |"]
    for i, row in enumerate(t3["rows"]):
        lines.append("| " + row["row"] + " | " + " | ".join(str(c["value"]) for c in row["cells"]) + " |")
        if i == 11:
            lines.append(header.rstrip())
    lines += ["## 四、政府信息公开行政复议、行政诉讼情况", "| - | - |", "| " + " | ".join(str(c["value"]) for c in t4["rows"][0]["cells"]) + " |",
              "## 五、存在的主要问题及改进情况", "正文。", "## 六、其他需要报告的事项", "无。"]
    path = tmp_path / "conv.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ours = _show(path)
    values = {t["table"]: [[c["value"] for c in r["cells"]] for r in t["rows"]] for t in ours["tables"] if t["table"] != "表二"}
    assert values == {"表三": [[c["value"] for c in r["cells"]] for r in t3["rows"]], "表四": [[c["value"] for c in t4["rows"][0]["cells"]]]}
    _, found = run_json("--no-cache", str(path))
    assert not [d for d in found if d["rule"] in ("gov.missing-value", "gov.ambiguous-table")]


SEEDS = sorted((SHARED / "seeds").glob("*.txt")) or sorted(EXAMPLES.glob("*-20??-*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_a_report_flattened_onto_one_line_reads_the_same(tmp_path, path):
    """Every line joined with a space, separators dropped: what a crawler's page text does to a report."""
    text = path.read_text(encoding="utf-8")
    if "|" in text:
        pytest.skip("a pipe table's blank cells are its layout; without the pipes they are gone")
    one = " ".join(ln.strip().replace("\t", " ") for ln in text.split("\n") if ln.strip())
    flat = tmp_path / path.name
    flat.write_text(one + "\n", encoding="utf-8")

    def errors(p):
        _, found = run_json("--no-cache", str(p))
        return sorted((d["rule"], d["message"]) for d in _errors(found))

    assert errors(flat) == errors(path)
    ours, theirs = _show(flat), _show(path)
    assert [s["written"] for s in ours["sections"]] == [s["written"] for s in theirs["sections"]]
    for a, b in zip(ours["tables"], theirs["tables"]):
        def values(t):
            return [(r["id"], [c["value"] for c in r.get("cells", [])]) for r in t["rows"] if r["id"]]   # the format's rows
        assert values(a) == values(b), a["table"]


def test_a_site_around_the_report_is_chrome_and_never_report_text(tmp_path):
    """The shunhe page, put inside a site: header with 繁體版 / 无障碍 and a search box, menus, the
    名称/索引号/公开日期 info table, and link lists in the footer."""
    page = (Path(__file__).parent / "data" / "shunhe-2020-page.html").read_text(encoding="utf-8").split("\n")
    first = next(i for i, ln in enumerate(page) if "顺河回族区人民政府&nbsp;2020" in ln)
    last = next(i for i, ln in enumerate(page) if ln.startswith("<p class=MsoNormal>无</p>"))
    site = ['<div class="top"><a>繁體版</a> <a>无障碍</a> <a>适老化</a> <form><input name="q"><button>搜索</button></form></div>',
            '<ul class="menu"><li>首页</li><li>走进顺河</li><li>政务公开</li><li>政民互动</li></ul>',
            '<table class="info"><tr><td>名称：</td><td>顺河回族区人民政府2020年政府信息公开工作年度报告</td></tr>'
            '<tr><td>索引号：</td><td>014314799/2021-00002</td></tr><tr><td>发布机构：</td><td>区政府办</td></tr>'
            '<tr><td>公开日期：</td><td>2021-01-20</td></tr></table>',
            '<div class="article"><div class="content">']
    footer = ['</div></div>', '<div class="links"><p>国务院 | 省政府 | 市政府</p><p>網站地圖 | 联系我们 | 隐私声明</p></div>']
    wrapped = page[:first] + site + page[first:last + 1] + footer + page[last + 1:]
    path = tmp_path / "site.html"
    path.write_text("\n".join(wrapped), encoding="utf-8")

    def findings(p):
        _, found = run_json("--no-cache", "--ignore", "stray-text", str(p))
        return sorted((d["rule"], re.sub(r"\(line \d+\)", "(line)", d["message"])) for d in found)   # the site adds lines

    plain = tmp_path / "plain.html"
    plain.write_text("\n".join(page), encoding="utf-8")
    assert findings(path) == findings(plain)   # nothing of the site is read as the report
    _, found = run_json("--no-cache", "--select", "stray-text", str(path))
    before = [d for d in found if d["line"] < first + 1]
    assert before and before[0]["end_line"] >= first   # the site above the report: one block
    assert not [d for d in found if first + len(site) < d["line"] <= last + len(site) and "outside" in d["message"]]
