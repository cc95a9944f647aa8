"""The document model: normalised views, cells from every layout, rows, sections, format."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportlint.normalise import normalise_line
from reportlint.read import Source
from reportlint.structure.cells import Kind, parse_number, split_cells
from reportlint.structure.document import Document


def doc_of(pack, text: str) -> Document:
    return Document(Source.from_text("t.txt", text), pack.format, pack.chrome)


# -- normalised view ----------------------------------------------------------------------


def test_normalised_view_maps_every_character_back():
    raw = "\u3000規範性檔案（行政機關）１２\u00a0行政权 力运行 2020 年\u200b止"
    norm = normalise_line(raw)
    assert norm.text == " 规范性档案(行政机关)12 行政权力运行 2020 年止"
    for i, ch in enumerate(norm.text):
        if ch != " ":
            assert normalise_line(raw[norm.cols[i]]).text == ch
    # a span of normalised text maps to its original columns
    start = norm.text.index("12")
    assert norm.span(start, start + 2) == (raw.index("１"), raw.index("２") + 1)


def test_spaces_between_hanzi_are_dropped_but_not_between_hanzi_and_digits():
    assert normalise_line("商 业 企 业").text == "商业企业"
    assert normalise_line("2020 年").text == "2020 年"


# -- cells --------------------------------------------------------------------------------


def cells(line: str):
    return [(c.kind, c.text, c.col, c.end_col) for c in split_cells(normalise_line(line), 1)]


def test_pipe_row_keeps_blank_cells_with_positions():
    got = cells("二、上年结转 | 5 |  | 7 |")
    assert got == [(Kind.LABEL, "二、上年结转", 0, 6), (Kind.VALUE, "5", 9, 10), (Kind.BLANK, "", 12, 12), (Kind.VALUE, "7", 16, 17)]


def test_tab_row_with_shifted_columns():
    got = cells("\t(三) 不予公开\t1. 属于国家秘密\t0\t2")
    assert [k for k, *_ in got] == [Kind.BLANK, Kind.LABEL, Kind.LABEL, Kind.VALUE, Kind.VALUE]
    assert got[2][1] == "1. 属于国家秘密"


def test_space_separated_row_from_a_pdf_text_layer():
    got = cells("4.无正当理由大量反复 申请 0 0 0 0 0 0 0")
    assert got[0][:2] == (Kind.LABEL, "4.无正当理由大量反复申请")
    assert [k for k, *_ in got[1:]] == [Kind.VALUE] * 7


def test_prose_with_a_trailing_number_is_not_a_row():
    assert [k for k, *_ in cells("区政府收到政府信息公开申请，共 23")] == [Kind.LABEL]


@pytest.mark.parametrize(
    ("text", "value", "sign", "unit"),
    [("5", 5, None, None), ("-375", -375, "-", None), ("+378", 378, "+", None), ("减5711", -5711, "减", None),
     ("增1", 1, "增", None), ("6905万元", 6905, None, "万元"), ("69016779.4元", Decimal("69016779.4"), None, "元"),
     ("1,234", 1234, None, None)],
)
def test_numbers(text, value, sign, unit):
    n = parse_number(text)
    assert n is not None and n.value == value and n.sign_word == sign and n.unit == unit


@pytest.mark.parametrize("text", ["/", "—", "无", "-"])
def test_placeholders_are_bad_cells(text):
    assert cells(f"（一）予以公开 | {text}")[1][0] is Kind.BAD


def test_annotated_cell_is_a_value():
    n = parse_number("22（其中修订16件）".replace("（", "(").replace("）", ")"))
    assert n is not None and n.value == 22 and n.note


def _uncached_kind(text: str):
    """What a cell's text is, read without the scanner or the memo (the definition the scanner must keep)."""
    from reportlint.structure import cells as c

    m = c._NUMBER.fullmatch(text)
    if m is not None:
        return Kind.VALUE, c._number(m)
    return (Kind.BAD if c._BAD.fullmatch(text) else Kind.LABEL), None


@pytest.mark.parametrize("text", ["5", "-375", "+378", "减5711", "减少3", "增加", "1,234", "1,23", "6905万元", "12.5%",
                                  "22(其中修订16件)", "22(其中", "1/2", "/", "//", "////", "-", "—", "N/A", "na", "NULL",
                                  "无", "暂无", "x", "XX", "3件", "件", "0.", ".5", "１２", "A1", "1a"])
def test_the_piece_scanner_reads_a_piece_as_a_whole_cell_is_read(text):
    from reportlint.structure import cells as c

    c._KNOWN.clear()
    (m,) = list(c._PIECES.finditer(text))
    assert m.group() == text and c._piece(m) == _uncached_kind(text)
    c._KNOWN.clear()
    assert c.classify(text) == _uncached_kind(text)


def test_the_piece_scanner_agrees_on_every_piece_of_the_real_reports():
    from conftest import report_files
    from reportlint.structure import cells as c

    pieces = {p for f in report_files() for line in f.read_text(encoding="utf-8").splitlines()
              for p in normalise_line(line).text.split()}
    assert len(pieces) > 500
    for text in pieces:
        c._KNOWN.clear()
        (m,) = list(c._PIECES.finditer(text))
        assert c._piece(m) == _uncached_kind(text), text


# -- rows, sections, format ---------------------------------------------------------------


T3_2021_SUBROWS = """\
政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
（六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.其他 | 2 | 0 | 0 | 0 | 0 | 0 | 2
（七）总计 | 3 | 0 | 0 | 0 | 0 | 0 | 3
四、政府信息公开行政复议、行政诉讼情况
"""


def test_2021_sub_rows_under_a_group_label(pack):
    doc = doc_of(pack, T3_2021_SUBROWS)
    t3 = doc.tables["t3"]
    assert "results.other" not in t3.rows  # a group label, not a blank row
    assert [t3.rows[f"results.other.{i}"].value("natural") for i in (1, 2, 3)] == [1, 0, 2]
    assert doc.format.value == "2021"


def test_labels_broken_over_lines_and_vertical_labels(pack):
    text = "三、收到和处理政府信息公开申请情况\n三\n、\n本\n年\n度\n办\n理\n结\n果\n（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形） 4 0 0 0 0 0 4\n"
    row = doc_of(pack, text).tables["t3"].rows["results.partial"]
    assert row.placed and row.value("total") == 4
    assert (row.label.line, row.cell("total").line) == (11, 12)


def test_table_rows_that_start_like_headings_are_not_sections(pack):
    text = "一、总体情况\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 1\n四、结转下年度继续办理 | 0\n四、政府信息公开行政复议、行政诉讼情况\n"
    doc = doc_of(pack, text)
    assert [(h.spec.id, h.line) for h in doc.headings] == [("1", 1), ("3", 2), ("4", 5)]


def test_heading_variants_markdown_and_odd_spaces(pack):
    text = "## 一、总体情况\n\u3000二、行政机关主动公开政府信息情况\n\u00a0五、存在的主要问题及整改措施\n"
    assert [h.spec.id for h in doc_of(pack, text).headings] == ["1", "2", "5"]


def test_year_from_title_and_format_from_markers(pack):
    doc = doc_of(pack, "某区2024年政府信息公开工作年度报告\n信息内容 本年制发件数 本年废止件数 现行有效件数\n")
    assert (doc.year.value, doc.year.line) == (2024, 1)
    assert doc.format.value == "2021"
    assert doc_of(pack, "某区2020年政府信息公开工作年度报告\n").format.value == "2019"  # by year when no markers


def test_markdown_pipe_table_with_a_delimiter_row(pack):
    text = ("# 某区2020年政府信息公开工作年度报告\n## 四、政府信息公开行政复议、行政诉讼情况\n\n"
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
            "|---|:---:|---:|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    row = doc_of(pack, text).tables["t4"].rows["data"]
    assert row.placed and row.value("review.total") == 1 and row.label.line == 6


def test_header_repeated_after_a_page_break(pack):
    """PDF text repeats the table header on the next page, with a page number in between."""
    from pathlib import Path

    lines = (Path(__file__).resolve().parents[1] / "examples" / "hongze-2023.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("- 4 -") + 1
    repeated = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业", "企业", "科研", "机构", "社会", "公益", "组织", "法律", "服务", "机构", "其他"]
    doc = doc_of(pack, "\n".join(lines[:at] + repeated + lines[at:]))
    t3 = doc.tables["t3"]
    assert len(t3.rows) == 23 and all(r.placed for r in t3.rows.values())
    assert t3.rows["results.unable.3"].value("total") == 0 and t3.rows["results.total"].value("total") == 21
