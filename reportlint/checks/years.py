"""year-mismatch: years in the prose that are not the report's year."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import regexcache
from reportlint.checks import Finding, check_kind
from reportlint.checks.prose import clauses, finding, outside_titles
from reportlint.ruleset import Rule
from reportlint.structure.document import Document

_YEAR = regexcache.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
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
                    yield finding(paragraph, m.start(g), m.end(g), {"detail": f"the statistical period says {m.group(g)}, but this is the {year} report", "year": m.group(g), "expected": year})
        in_fees = fees_section is not None and fees_section.first <= paragraph.lines[0].number <= fees_section.last
        for start, clause in clauses(paragraph):
            for y in _YEAR.finditer(clause):
                found = int(y.group(1))
                pos = start + y.start(1)
                if found == year or not outside_titles(text, pos):
                    continue
                after = clause[y.end():]
                sentence_start = y.start() == 0 and _sentence_start(text, start)
                sentence = _sentence(text, start)
                if in_fees and _FEE.search(sentence) and not _PLAN_OR_COMPARISON.search(sentence):
                    yield finding(paragraph, pos, pos + 4, {"detail": f"section 六 reports fees for {found}, but this is the {year} report", "year": found, "expected": year})
                elif sentence_start and found == year - 1 and not _NOT_THIS_YEAR_WORK.match(after) and not _PLAN_OR_COMPARISON.search(sentence):
                    yield finding(paragraph, pos, pos + 4, {"detail": f"this paragraph describes the year's work under {found}; the report is for {year} (text copied from last year?)", "year": found, "expected": year})


_ENDS_WITH_OUTLINE_NUMBER = regexcache.compile(r"(?:^|[。；;])\s*[(（]?[一二三四五六七八九十\d]+[)）、.]?$")
_SENTENCE_END = regexcache.compile(r"[。！？!?]")


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in "。！？；;!?:：" or bool(_ENDS_WITH_OUTLINE_NUMBER.search(before))


def _sentence(text: str, pos: int) -> str:
    end = _SENTENCE_END.search(text, pos)
    return text[pos:end.start()] if end else text[pos:]
