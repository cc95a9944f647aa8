"""Prose against the tables: text-table-mismatch and percent-mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportlint import regexcache
from reportlint.checks import Finding, check_kind
from reportlint.checks.arithmetic import number
from reportlint.checks.prose import clauses, finding, table_total
from reportlint.ruleset import Rule
from reportlint.structure.document import Document


# (name, clause pattern with a group "n", table, rows to sum, columns to sum, label)
_QUANTITIES = (
    ("received", regexcache.compile(r"(?:共|累计)?(?:收到|新收|接收)(?:各类|各种)?(?:政府信息公开|依申请公开|信息公开)?申请(?:共|总数|数量)?(?:为)?(?P<n>\d+)(?:件|份|个|条)"), "t3", ("new",), ("total",), "一、本年新收 总计"),
    ("accepted", regexcache.compile(r"受理(?:各类)?(?:政府信息公开|依申请公开|信息公开)?申请(?:共)?(?P<n>\d+)(?:件|份|个|条)"), "t3", ("new",), ("total",), "一、本年新收 总计"),
    ("carried_in", regexcache.compile(r"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?(?P<n>\d+)(?:件|份|个)"), "t3", ("carried_in",), ("total",), "二、上年结转 总计"),
    ("carried_out", regexcache.compile(r"结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?(?:的)?(?:申请)?(?P<n>\d+)(?:件|份|个)"), "t3", ("carried_out",), ("total",), "四、结转下年度继续办理 总计"),
    ("granted", regexcache.compile(r"予以公开(?:的)?(?:申请)?(?P<n>\d+)(?:件|份|个|条)"), "t3", ("results.granted",), ("total",), "（一）予以公开 总计"),
    ("review", regexcache.compile(r"(?:行政复议|复议申请)(?:案件)?(?:共)?(?P<n>\d+)(?:件|起|个)"), "t4", ("data",), ("review.total",), "表四 行政复议 总计"),
    ("litigation", regexcache.compile(r"行政诉讼(?:案件)?(?:共)?(?P<n>\d+)(?:件|起|个)"), "t4", ("data",), ("direct.total", "after_review.total"), "表四 行政诉讼 总计"),
)
# A clause about another body's or a wider area's figures is not comparable with this report's tables.
_OTHER_SCOPE = regexcache.compile(r"全市|全省|全县|各部门|各单位|各乡镇|各街道|代表|指导|督促|同比|去年|上年度共|累计至今")


@check_kind("text-table-mismatch", fields={"detail", "prose", "table_value", "quantity"}, params={})
def text_table_mismatch(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A number in the prose that names a table quantity but disagrees with the table."""
    for paragraph in doc.paragraphs:
        for start, clause in clauses(paragraph):
            if _OTHER_SCOPE.search(clause):
                continue
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
                if name == "accepted":  # 受理 may count carried-over requests too
                    carried = table_total(table, ("carried_in",), ("total",))
                    if carried is not None:
                        acceptable.add(total + carried[0])
                if said not in acceptable:
                    pos = start + m.start("n")
                    yield finding(paragraph, pos, pos + len(m.group("n")), {
                        "detail": f"prose says {m.group('n')}, table {label} is {number(total)} (line {line})",
                        "prose": m.group("n"), "table_value": number(total), "quantity": name})
                break  # one quantity per clause


_PERCENT = regexcache.compile(r"(?P<n>\d+)(?:件|条|个|起|份|项|人次)[^,，。；;]{0,6}?[,，]?\s*(?:占|约占)(?:[^,，。；;\d]{0,12}?)(?:比(?:例)?(?:为)?)?(?P<x>\d+(?:\.\d+)?)\s*[%％]")
_COUNT = regexcache.compile(r"(?P<n>\d+)(?:件|条|个|起|份|项|人次)")


@check_kind("percent-mismatch", fields={"detail", "percent", "count"}, params={"tolerance": float})
def percent_mismatch(doc: Document, rule: Rule) -> Iterator[Finding]:
    """“N件，占X%” where X does not recompute from N and the stated or obvious base."""
    tolerance = Decimal(str(rule.params.get("tolerance", 0.05)))
    bases: set[Decimal] = set()
    t3 = doc.tables.get("t3")
    if t3 is not None:
        for rows in (("new",), ("results.total",), ("new", "carried_in")):
            found = table_total(t3, rows, ("total",))
            if found is not None and found[0] > 0:
                bases.add(found[0])
    for paragraph in doc.paragraphs:
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
