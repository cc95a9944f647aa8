"""Saved web pages: sections and Word-exported tables recovered, diagnostics at HTML source positions."""

from __future__ import annotations

import json

from conftest import EXAMPLES, ROOT, run_cli, run_json
from reportlint.htmlview import html_view
from reportlint.read import read_source

PAGE = ROOT / "tests" / "data" / "shunhe-2020-page.html"


def _found(path) -> list[tuple[str, int, int]]:
    _, diagnostics = run_json("--ignore", "cjk-space", str(path))
    return [(d["rule"], d["line"], d["column"]) for d in diagnostics]


def test_page_is_linted_at_html_source_positions():
    found = _found(PAGE)
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    # the deliberately wrong total (24) of 一、本年新收, inside <span lang=EN-US>24<o:p>
    assert ("gov.row-sum", 48, 939) in found
    assert lines[47][938:940] == "24"
    assert ("gov.balance", 70, 939) in found
    # chrome outside the report body: breadcrumb, page meta, footer
    assert {line for rule, line, _ in found if rule == "gov.stray-text"} == {10, 84}   # two blocks
    # rowspan/colspan, &nbsp; cells and MSO markup do not break the tables or sections
    assert not [f for f in found if f[0] in ("gov.missing-value", "gov.required-section", "gov.section-order", "gov.empty-section")]


def test_page_tables_match_the_text_report(pack):
    from reportlint.structure.document import Document

    page = Document(html_view(read_source(str(PAGE))).text, pack.format, pack.chrome)
    text = Document(read_source(str(EXAMPLES / "shunhe-2020-tabs.txt")), pack.format, pack.chrome)
    for table in ("t2", "t3", "t4"):
        ours = {rid: [c.number.value if c and c.number else None for c in r.cells] for rid, r in page.tables[table].rows.items()}
        theirs = {rid: [c.number.value if c and c.number else None for c in r.cells] for rid, r in text.tables[table].rows.items()}
        if table == "t3":
            assert ours["new"][6] == 24 and theirs["new"][6] == 23
            ours["new"][6] = theirs["new"][6]
        assert ours == theirs, table


def test_script_and_style_are_not_text():
    view = html_view(read_source(str(PAGE)))
    assert not any("document.write" in line or "MsoNormal" in line for line in view.text.lines)


def test_gb18030_page_gives_the_same_diagnostics(tmp_path):
    gbk = tmp_path / "page.htm"
    gbk.write_bytes(PAGE.read_text(encoding="utf-8").replace("charset=utf-8", "charset=gb2312").encode("gb18030"))
    assert _found(gbk) == _found(PAGE)


def test_fix_never_rewrites_a_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.read_bytes())
    proc = run_cli("--fix", "--format", "json", str(page))
    assert page.read_bytes() == PAGE.read_bytes()
    assert all(not d["fixable"] for d in json.loads(proc.stdout))
