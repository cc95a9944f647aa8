"""Domain cross-checks: format vs year, years in the text, prose vs tables, last year's report.

These read facts the structure step recovered (year, format, tables) and the
prose paragraphs, and compare them. Prose is matched one clause at a time
(clauses end at ，。；), so a number is only ever compared with the table
quantity its own clause names.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal

from reportlint import regexcache
from reportlint.checks import Finding, check_kind
from reportlint.checks.arithmetic import number
from reportlint.read import ReadError, read_source
from reportlint.ruleset import Rule
from reportlint.structure.document import Document, Paragraph
from reportlint.structure.tables import Table

_CLAUSE = regexcache.compile(r"[^,，。;；!?！？]+")
_YEAR = regexcache.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


def clauses(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """(start offset, text) of each clause of a paragraph."""
    for m in _CLAUSE.finditer(paragraph.text):
        yield m.start(), m.group()


def _outside_titles(text: str, pos: int) -> bool:
    """True unless ``pos`` lies inside 《…》 (a regulation or document title)."""
    return text.count("《", 0, pos) <= text.count("》", 0, pos)


def _finding(paragraph: Paragraph, start: int, end: int, fields: dict, severity: str | None = None) -> Finding:
    line, col, end_col = paragraph.span(start, end)
    return Finding(line, col, end_col, fields, severity=severity)


# -- template-mismatch -------------------------------------------------------------------


@check_kind("template-mismatch", fields={"detail"}, params={})
def template_mismatch(doc: Document, rule: Rule) -> Iterator[Finding]:
    """The table format does not fit the report year; a 2021-format report keeps the 2019 （六） row."""
    fmt, year = doc.format, doc.year.value
    if not isinstance(fmt.value, str) or not fmt.how.startswith("table labels"):
        return
    variant = next(v for v in doc.spec.variants if v.id == fmt.value)
    if isinstance(year, int) and not variant.first_year <= year <= variant.last_year:
        expected = doc.spec.variant_for_year(year)
        anchor = _first_marker(doc, variant.markers)
        if anchor is not None and expected:
            line, col, end, marker = anchor
            yield Finding(line, col, end, {"detail": f"the {year} report uses the {fmt.value} format (“{marker}”); reports for {year} use the {expected} format"})
    t3 = doc.tables.get("t3")
    if fmt.value == "2021" and t3 is not None and "results.other" in t3.rows:
        row = t3.rows["results.other"]
        yield Finding(row.label.line, row.label.col, row.label.end_col,
                      {"detail": "the 2021 format splits （六）其他处理 into three rows (1.逾期不补正, 2.逾期未缴费, 3.其他); this report keeps the single 2019 row"},
                      severity="warning")


def _first_marker(doc: Document, markers: tuple[str, ...]) -> tuple[int, int, int, str] | None:
    for ln in doc.lines:
        compact = ln.norm.compact()
        for marker in markers:
            i = compact.text.find(marker)
            if i >= 0:
                col, end = compact.span(i, i + len(marker))
                return ln.number, col, end, marker
    return None


# -- year-mismatch -----------------------------------------------------------------------

_PERIOD = regexcache.compile(r"统计(?:期限|时限|期间|区间)?(?:为|是|自|从)?\s*((?:19|20)\d\d)年1月1日(?:起)?(?:至|到|-|—)\s*((?:19|20)\d\d)年12月31日")
_NOT_THIS_YEAR_WORK = regexcache.compile(r"^(?:度)?(?:以来|以前|之前|前|底前|相比|同比|比较|对比|起|开始|以后|后|将|计划|拟|预计|力争|要|继续|重点|工作(?:计划|安排|要点))")
_PLAN_OR_COMPARISON = regexcache.compile(r"将|计划|拟|预计|力争|相比|同比|比较|对比|以来|要求|部署")
_FEE = regexcache.compile(r"收取|收费|处理费")


@check_kind("year-mismatch", fields={"detail", "year", "expected"}, params={})
def year_mismatch(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A statistical period, fee statement or “this year” paragraph dated to another year."""
    year = doc.year.value
    if not isinstance(year, int) or doc.year.how != "title":
        return
    fees_section = doc.sections.get("6")
    for paragraph in doc.paragraphs:
        text = paragraph.text
        for m in _PERIOD.finditer(text):
            for g in (1, 2):
                if int(m.group(g)) != year:
                    yield _finding(paragraph, m.start(g), m.end(g), {"detail": f"the statistical period says {m.group(g)}, but this is the {year} report", "year": m.group(g), "expected": year})
        in_fees = fees_section is not None and fees_section.first <= paragraph.lines[0].number <= fees_section.last
        for start, clause in clauses(paragraph):
            for y in _YEAR.finditer(clause):
                found = int(y.group(1))
                pos = start + y.start(1)
                if found == year or not _outside_titles(text, pos):
                    continue
                after = clause[y.end():]
                sentence_start = y.start() == 0 and _sentence_start(text, start)
                sentence = _sentence(text, start)
                if in_fees and _FEE.search(sentence) and not _PLAN_OR_COMPARISON.search(sentence):
                    yield _finding(paragraph, pos, pos + 4, {"detail": f"section 六 reports fees for {found}, but this is the {year} report", "year": found, "expected": year})
                elif sentence_start and found == year - 1 and not _NOT_THIS_YEAR_WORK.match(after) and not _PLAN_OR_COMPARISON.search(sentence):
                    yield _finding(paragraph, pos, pos + 4, {"detail": f"this paragraph describes the year's work under {found}; the report is for {year} (text copied from last year?)", "year": found, "expected": year})


_ENDS_WITH_OUTLINE_NUMBER = regexcache.compile(r"(?:^|[。；;])\s*[(（]?[一二三四五六七八九十\d]+[)）、.]?$")
_SENTENCE_END = regexcache.compile(r"[。！？!?]")


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in "。！？；;!?:：" or bool(_ENDS_WITH_OUTLINE_NUMBER.search(before))


def _sentence(text: str, pos: int) -> str:
    end = _SENTENCE_END.search(text, pos)
    return text[pos:end.start()] if end else text[pos:]


# -- text-table-mismatch -----------------------------------------------------------------

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


def _table_total(table: Table, rows: tuple[str, ...], columns: tuple[str, ...]) -> tuple[Decimal, int] | None:
    total, line = Decimal(0), 0
    for rid in rows:
        row = table.rows.get(rid)
        if row is None:
            return None
        for column in columns:
            value = row.value(column)
            if value is None:
                return None
            total += value
            line = row.cell(column).line
    return total, line


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
                found = _table_total(table, rows, columns) if table is not None else None
                if found is None:
                    break
                total, line = found
                said = Decimal(m.group("n"))
                acceptable = {total}
                if name == "accepted":  # 受理 may count carried-over requests too
                    carried = _table_total(table, ("carried_in",), ("total",))
                    if carried is not None:
                        acceptable.add(total + carried[0])
                if said not in acceptable:
                    pos = start + m.start("n")
                    yield _finding(paragraph, pos, pos + len(m.group("n")), {
                        "detail": f"prose says {m.group('n')}, table {label} is {number(total)} (line {doc.file_line(line)})",
                        "prose": m.group("n"), "table_value": number(total), "quantity": name})
                break  # one quantity per clause


# -- percent-mismatch --------------------------------------------------------------------

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
            found = _table_total(t3, rows, ("total",))
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
            yield _finding(paragraph, m.start("x"), m.end("x"), {
                "detail": f"{m.group('n')} of {number(best)} is {computed}%, not {m.group('x')}%", "percent": m.group("x"), "count": m.group("n")})


# -- placeholder -------------------------------------------------------------------------

_MEASURE = "条件个项次起人家份篇期万元%％"
_PLACEHOLDER = regexcache.compile(
    rf"(?P<p>[XxＸｘ×＊*]{{2,}}|[(（]\s*[)）]|_{{2,}}|＿{{2,}})\s*(?=[{_MEASURE}])"
    rf"|(?<=[\u4e00-\u9fff])(?P<gap>[ \u3000]{{2,}})(?=[{_MEASURE}])"
)


@check_kind("placeholder", fields={"detail", "text"}, params={})
def placeholder(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A blank or placeholder number left in the prose: “XX件”, “（ ）件”, “主动公开信息  条”."""
    for ln in doc.lines:
        if not doc.is_prose(ln):
            continue
        for m in _PLACEHOLDER.finditer(ln.raw):
            shown = m.group().strip() or "blank"
            what = "a blank where a number belongs" if m.group("gap") else f"placeholder “{m.group().strip()}” where a number belongs"
            yield Finding(ln.number, m.start(), m.end(), {"detail": what, "text": shown})


# -- enumeration -------------------------------------------------------------------------

_NUMERALS = "一二三四五六七八九十"
_INLINE_SHI = regexcache.compile(rf"(?:^|(?<=[,，。;；:：、]))([{_NUMERALS}]{{1,2}})是(?![否非的])")
_PAREN = regexcache.compile(rf"^\s*[(（]([{_NUMERALS}]{{1,2}})[)）]")
_ARABIC_LINE = regexcache.compile(r"^\s*(\d{1,2})\s*[.、．]\s*(?=\D)")
_ARABIC_INLINE = regexcache.compile(r"(?:^|(?<=[。；;:：]))\s*(\d{1,2})\s*[.．]\s*(?=[\u4e00-\u9fff])")


def chinese_number(text: str) -> int:
    values = {c: i + 1 for i, c in enumerate(_NUMERALS[:9])}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + values.get(text[1:], 0)
    if text.endswith("十"):
        return values.get(text[0], 0) * 10
    if len(text) == 2 and text[1] in values:
        return values[text[0]]  # 二十一 is not used in these lists
    return values.get(text, 0)


def _sequence(items: list[tuple[int, int, int, str]], kind: str) -> Iterator[tuple[int, int, int, str]]:
    """Out-of-order items of one numbered list: (value, line, col, shown) -> findings."""
    expected = None
    for value, line, col, shown in items:
        if expected is not None and value != expected and value != 1:  # 1 starts a new list
            yield line, col, col + len(shown), f"{kind} “{shown}” follows {expected - 1}; expected {expected}"
        expected = value + 1


@check_kind("enumeration", fields={"detail"}, params={})
def enumeration(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Out-of-sequence enumerations: 一是…三是, （一）（三）, 1. 3."""
    # Inline lists inside one paragraph: 一是…二是…, and 1. … 2. … run together.
    for paragraph in doc.paragraphs:
        for pattern, kind, convert in ((_INLINE_SHI, "item", chinese_number), (_ARABIC_INLINE, "item", int)):
            items = []
            for m in pattern.finditer(paragraph.text):
                line, col = paragraph.where(m.start(1))
                items.append((convert(m.group(1)), line, col, m.group().strip(" ,，。;；:：")))
            if len(items) >= 2 and items[0][0] == 1:
                for line, col, end, detail in _sequence(items, kind):
                    yield Finding(line, col, end, {"detail": detail})
    # Sub-headings at the start of lines, per section: （一）（二）… and, under each, 1. 2. …
    for body in doc.sections.values():
        parens: list[tuple[int, int, int, str]] = []
        arabic: list[tuple[int, int, int, str]] = []
        for ln in doc.lines[body.first - 1:body.last]:
            if ln.number in doc.table_lines or ln.number in doc.chrome:
                continue
            m = _PAREN.match(ln.norm.text)
            if m:
                yield from _close(arabic)
                arabic = []
                col = ln.norm.cols[m.start()] if m.start() < len(ln.norm.cols) else 0
                parens.append((chinese_number(m.group(1)), ln.number, col, m.group().strip()))
                continue
            m = _ARABIC_LINE.match(ln.norm.text)
            if m:
                arabic.append((int(m.group(1)), ln.number, ln.norm.cols[m.start(1)], m.group().strip()))
        yield from _close(arabic)
        yield from _close(parens)


def _close(items: list[tuple[int, int, int, str]]) -> Iterator[Finding]:
    if len(items) >= 2 and items[0][0] == 1:
        for line, col, end, detail in _sequence(items, "item"):
            yield Finding(line, col, end, {"detail": detail})


# -- cross-year --------------------------------------------------------------------------


_PREVIOUS: dict[tuple[str, float, int], Document | None] = {}


def _load_previous(path: str, mtime: float, spec, preset) -> Document | None:
    """Last year's report through the normal pipeline, once per process per file version."""
    key = (os.path.abspath(path), mtime, id(spec))
    if key not in _PREVIOUS:
        try:
            _PREVIOUS[key] = Document(read_source(path), spec, preset)
        except ReadError:
            _PREVIOUS[key] = None
    return _PREVIOUS[key]


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
