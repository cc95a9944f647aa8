"""placeholder: a blank or placeholder where the prose needs a number.

Written placeholders ("XX件", "（ ）件", "主动公开信息  条"), and a count left out of a list of
counts: "公开核准企业资质条、施工许可证76条、安全生产许可证121条" — the first item has the
list's unit but no number.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import regexcache
from reportlint.checks import Finding, Visit, check_kind
from reportlint.ruleset import Rule
from reportlint.structure.document import Document, Line

_MEASURE = "条件个项次起人家份篇期万元%％"
_PLACEHOLDER = regexcache.compile(
    rf"(?P<p>[XxＸｘ×＊*]{{2,}}|[(（]\s*[)）]|_{{2,}}|＿{{2,}})\s*(?=[{_MEASURE}])"
    rf"|(?<=[\u4e00-\u9fff])(?P<gap>[ \u3000]{{2,}})(?=[{_MEASURE}])"
)


# A list of counts: items joined by 、 (or ，) in one clause, each "name N unit".
_CLAUSE = regexcache.compile(r"[^。；;！？!?]+")
_ITEM = regexcache.compile(r"[^、，,]+")
_COUNTED = regexcache.compile(rf"\d[\d,.]*\s*(?P<unit>[{_MEASURE}])$")
# An item with the unit and no number; the char before the unit is not a numeral or a
# quantifier (一条, 两项, 若干件, 每条, 多个 are counts in words).
_UNCOUNTED = regexcache.compile(rf"(?P<name>.*[\u4e00-\u9fff）)”])(?<![一二三四五六七八九十百千万两几多数干每这那该各本此单])(?P<unit>[{_MEASURE}])$")
# The verb that governs the whole list stands before the first item's name: "全年公开核准企业资质条".
_LIST_VERB = regexcache.compile(r".*?(?:公开|发布|办理|受理|制发|制作|收到|处理|办结|审核|更新|上传|推送)")


def _uncounted(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, unit) of each list item that lacks the number its siblings have."""
    for clause in _CLAUSE.finditer(text):
        items = [m for m in _ITEM.finditer(text, clause.start(), clause.end())]
        if len(items) < 3:
            continue
        counted = [c for c in (_COUNTED.search(m.group().strip()) for m in items) if c]
        units = {c.group("unit") for c in counted}
        if len(counted) < 2 or len(units) != 1:
            continue
        for i, m in enumerate(items):
            item = m.group().rstrip()
            gap = _UNCOUNTED.fullmatch(item.lstrip())
            if gap is None or gap.group("unit") not in units or _COUNTED.search(item):
                continue
            start = m.start() + len(item) - len(item.lstrip())
            if i == 0:
                verb = _LIST_VERB.match(item.lstrip())
                if verb and verb.end() < len(gap.group("name")):
                    start += verb.end()
            yield start, m.start() + len(item), gap.group("unit")


@check_kind("placeholder", fields={"detail", "text"}, params={}, visits="prose lines")
def placeholder(doc: Document, rule: Rule) -> Visit:
    """A blank or placeholder number left in the prose: “XX件”, “（ ）件”, “主动公开信息  条”."""
    return _placeholders


def _placeholders(ln: Line) -> Iterator[Finding]:
    for m in _PLACEHOLDER.finditer(ln.raw):
        shown = m.group().strip() or "blank"
        what = "a blank where a number belongs" if m.group("gap") else f"placeholder “{m.group().strip()}” where a number belongs"
        yield Finding(ln.number, m.start(), m.end(), {"detail": what, "text": shown})
    for start, end, unit in _uncounted(ln.raw):
        item = ln.raw[start:end]
        yield Finding(ln.number, start, end, {"detail": f"“{item}” has no number before “{unit}”, as the other items of the list have", "text": item})
