"""Prose against the tables: text-table-mismatch and percent-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportlint import regexcache
from reportlint.checks import Finding, Visit, check_kind
from reportlint.checks.arithmetic import number
from reportlint.checks.prose import clauses, finding, table_total
from reportlint.ruleset import Rule
from reportlint.structure.document import Document, Paragraph
from reportlint.structure.cells import Kind
from reportlint.structure.tables import Row


# (name, clause pattern with a group "n", table, rows to sum, columns to sum, label)
_QUANTITIES = (
    ("received", regexcache.compile(r"(?:共|累计)?(?:收到|新收|接收)(?:各类|各种)?(?:政府信息公开|依申请公开|信息公开)?申请(?:共|总数|数量)?(?:为)?(?P<n>\d+)(?:件|份|个|条)"), "t3", ("new",), ("total",), "一、本年新收 总计"),
    ("accepted", regexcache.compile(r"受理(?:各类)?(?:政府信息公开|依申请公开|信息公开)?申请(?:共)?(?P<n>\d+)(?:件|份|个|条)"), "t3", ("new",), ("total",), "一、本年新收 总计"),
    ("carried_in", regexcache.compile(r"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?(?P<n>\d+)(?:件|份|个)"), "t3", ("carried_in",), ("total",), "二、上年结转 总计"),
    ("carried_out", regexcache.compile(r"结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?(?:的)?(?:申请)?(?P<n>\d+)(?:件|份|个)"), "t3", ("carried_out",), ("total",), "四、结转下年度继续办理 总计"),
    ("granted_partial", regexcache.compile(r"予以公开(?:和|及|与|、|或|以及)部分公开(?:的)?(?:申请)?(?:共)?(?:为)?(?P<n>\d+)(?:件|份|个|条)"), "t3", ("results.granted", "results.partial"), ("total",), "（一）予以公开 + （二）部分公开 总计"),
    ("granted", regexcache.compile(r"予以公开(?:的)?(?:申请)?(?P<n>\d+)(?:件|份|个|条)"), "t3", ("results.granted",), ("total",), "（一）予以公开 总计"),
    ("review", regexcache.compile(r"(?:行政复议|复议申请)(?:案件)?(?:共)?(?P<n>\d+)(?:件|起|个)"), "t4", ("data",), ("review.total",), "表四 行政复议 总计"),
    ("litigation", regexcache.compile(r"行政诉讼(?:案件)?(?:共)?(?P<n>\d+)(?:件|起|个)"), "t4", ("data",), ("direct.total", "after_review.total"), "表四 行政诉讼 总计"),
)
# A clause about another body's or a wider area's figures is not comparable with this report's tables.
_OTHER_SCOPE = regexcache.compile(r"全市|全省|全县|各部门|各单位|各乡镇|各街道|代表|指导|督促|同比|去年|上年度共|累计至今")
# Counts of requests that may include last year's carried-over ones (新收 + 上年结转).
_WITH_CARRIED = ("received", "accepted")
# Claims about every case: all requests dealt with; all reviews or suits upheld.
_ALL_DONE = regexcache.compile(r"(?:所有|全部)(?:的)?(?:政府信息公开|依申请公开|信息公开)?申请(?:均|都|全部)?(?:已|已经)(?:按要求|按时|依法|按期)?(?:办理完成|办结|办理完毕|处理完毕|答复完毕)")
_ALL_UPHELD = regexcache.compile(r"(?:均|全部|都)(?:已)?(?:获|被|予以|得到)?(?:依法)?维持")
_REVIEW, _SUIT = ("review",), ("direct", "after_review")


@check_kind("text-table-mismatch", fields={"detail", "prose", "table_value", "quantity"}, params={}, visits="prose paragraphs")
def text_table_mismatch(doc: Document, rule: Rule) -> Visit:
    """A number in the prose that names a table quantity but disagrees with the table."""
    return lambda paragraph: _mismatches(doc, paragraph)


def _mismatches(doc: Document, paragraph: Paragraph) -> Iterator[Finding]:
    for start, clause in clauses(paragraph):
        if _OTHER_SCOPE.search(clause):
            continue
        yield from _all_claims(doc, paragraph, start, clause)
        for name, pattern, table_id, rows, columns, label in _QUANTITIES:
            m = pattern.search(clause)
            if m is None:
                continue
            table = doc.tables.get(table_id)
            found = table_total(table, rows, columns) if table is not None else None
            if found is None:
                break
            total, line = found
            said = Decimal(m.group("n"))
            acceptable = {total}
            if name in _WITH_CARRIED:  # 收到/受理 may count carried-over requests too
                carried = table_total(table, ("carried_in",), ("total",))
                if carried is not None:
                    acceptable.add(total + carried[0])
            if said not in acceptable:
                pos = start + m.start("n")
                yield finding(paragraph, pos, pos + len(m.group("n")), {
                    "detail": f"prose says {m.group('n')}, table {label} is {number(total)} (line {doc.file_line(line)})",
                    "prose": m.group("n"), "table_value": number(total), "quantity": name})
            break  # one quantity per clause



def _row_count(row: Row) -> tuple[str, int] | None:
    """How many a row counts, as shown in a message: its 总计; when that cell is blank or the
    row's cells could not be placed, the largest of its values. None when they are all 0."""
    total = row.value("total")
    if total is not None:
        return (number(total), row.label.line) if total > 0 else None
    values = [c.number.value for c in row.slots if c.kind is Kind.VALUE and c.number]
    biggest = max(values, default=Decimal(0))
    return (f"at least {number(biggest)}", row.label.line) if biggest > 0 else None


def _all_claims(doc: Document, paragraph: Paragraph, start: int, clause: str) -> Iterator[Finding]:
    """“所有申请均已办结” with cases carried over; “均获维持” with cases corrected or pending."""
    m = _ALL_DONE.search(clause)
    t3 = doc.tables.get("t3")
    if m is not None and t3 is not None and "carried_out" in t3.rows:
        found = _row_count(t3.rows["carried_out"])
        if found is not None:
            pos = start + m.start()
            yield finding(paragraph, pos, start + m.end(), {
                "detail": f"prose says every request was dealt with, but table 四、结转下年度继续办理 is {found[0]} (line {doc.file_line(found[1])})",
                "prose": m.group(), "table_value": found[0], "quantity": "all_done"})
    m = _ALL_UPHELD.search(clause)
    t4 = doc.tables.get("t4")
    row = t4.rows.get("data") if t4 is not None else None
    if m is None or row is None:
        return
    sentence = _sentence(paragraph.text, start)
    groups = _REVIEW if "复议" in sentence and "诉讼" not in sentence else _SUIT if "诉讼" in sentence and "复议" not in sentence else _REVIEW + _SUIT
    open_cases = {what: sum((row.value(f"{g}.{what}") or Decimal(0) for g in groups), Decimal(0)) for what in ("corrected", "pending")}
    if any(open_cases.values()):
        pos = start + m.start()
        cell = row.cell(f"{groups[0]}.total") or row.label
        yield finding(paragraph, pos, start + m.end(), {
            "detail": f"prose says all were upheld, but table 四 has {number(open_cases['corrected'])} 结果纠正 and {number(open_cases['pending'])} 尚未审结 (line {doc.file_line(cell.line)})",
            "prose": m.group(), "table_value": number(open_cases["corrected"] + open_cases["pending"]), "quantity": "all_upheld"})


def _sentence(text: str, pos: int) -> str:
    """The sentence around ``pos``: from the previous 。 to the next."""
    begin = text.rfind("。", 0, pos) + 1
    end = text.find("。", pos)
    return text[begin:end if end >= 0 else len(text)]


_PERCENT = regexcache.compile(r"(?P<n>\d+)(?:件|条|个|起|份|项|人次)[^,，。；;]{0,6}?[,，]?\s*(?:占|约占)(?:[^,，。；;\d]{0,12}?)(?:比(?:例)?(?:为)?)?(?P<x>\d+(?:\.\d+)?)\s*[%％]")
_COUNT = regexcache.compile(r"(?P<n>\d+)(?:件|条|个|起|份|项|人次)")


@check_kind("percent-mismatch", fields={"detail", "percent", "count"}, params={"tolerance": float}, visits="paragraphs")
def percent_mismatch(doc: Document, rule: Rule) -> Visit:
    """“N件，占X%” where X does not recompute from N and the stated or obvious base."""
    tolerance = Decimal(str(rule.params.get("tolerance", 0.05)))
    bases: set[Decimal] = set()
    t3 = doc.tables.get("t3")
    if t3 is not None:
        for rows in (("new",), ("results.total",), ("new", "carried_in")):
            found = table_total(t3, rows, ("total",))
            if found is not None and found[0] > 0:
                bases.add(found[0])
    return lambda paragraph: _percents(paragraph, bases, tolerance)


def _percents(paragraph: Paragraph, bases: set[Decimal], tolerance: Decimal) -> Iterator[Finding]:
    text = paragraph.text
    for m in _PERCENT.finditer(text):
        n, x = Decimal(m.group("n")), Decimal(m.group("x"))
        sentence_start = max(text.rfind(c, 0, m.start()) for c in "。！？") + 1
        stated = {Decimal(c.group("n")) for c in _COUNT.finditer(text, sentence_start, m.start()) if Decimal(c.group("n")) > n}
        candidates = stated | {b for b in bases if b >= n}
        if not candidates:
            continue
        decimals = len(m.group("x").split(".")[1]) if "." in m.group("x") else 0
        slack = max(tolerance, Decimal(5) / Decimal(10) ** (decimals + 1))
        if any(abs(n * 100 / b - x) <= slack for b in candidates):
            continue
        best = min(candidates, key=lambda b: abs(n * 100 / b - x))
        computed = (n * 100 / best).quantize(Decimal(1) / Decimal(10) ** max(decimals, 1))
        yield finding(paragraph, m.start("x"), m.end("x"), {
            "detail": f"{m.group('n')} of {number(best)} is {computed}%, not {m.group('x')}%", "percent": m.group("x"), "count": m.group("n")})
