"""prose-sum: a total stated in the prose whose listed breakdown does not add up.

``共公布政府信息2599条（其中机构职能类信息25条、…、其他应主动公开政府信息856条）``:
the parts are read only when the list is clearly a breakdown of that total — it opens
with 其中 or a bracket right after the total, every item ends in a number of the total's
unit, and nothing else is in the list — and only compared when it is clearly exhaustive:
it has a 其他/其余 item, or its parts cover most of the total, or exceed it. ``其中`` naming
a few highlights (a share, a clause without a number) is not a breakdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from reportlint import regexcache
from reportlint.checks import Finding, Visit, check_kind
from reportlint.checks.arithmetic import number
from reportlint.checks.prose import finding
from reportlint.ruleset import Rule
from reportlint.structure.document import Document, Paragraph

_DEFAULT_UNITS = ("条", "件", "个", "项", "篇", "次", "场", "期", "份", "家", "起", "人次", "万元", "元")
_OPEN = regexcache.compile(r"[^,，。;；:：()（）\d]{0,20}?[,，]?(?:(?P<paren>[(（])(?:其中(?:包括)?[:：,，]?)?|其中(?:包括)?[:：,，]?)")
_SEPARATORS = ",，、;；"
_CLOSERS = {"(": ")", "（": "）"}
_REST = regexcache.compile(r"^(?:其他|其它|其余|另有|另)")
# A label with 共/合计 is a subtotal; 各 (A和B各1个) counts each of several: no plain breakdown.
_NOT_A_PART = regexcache.compile(r"共|合计|总计|累计|总数|各$")
_LEAD = regexcache.compile(r"(?:共|累计|合计|总计)[^,，。;；:：()（）]*$")


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    value: Decimal
    text: str


@lru_cache(maxsize=None)
def _patterns(units: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a total, an item, text ending in a count): a number and one of the units, not inside a longer number."""
    unit = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    total = regexcache.compile(rf"(?<![\d.])(?P<n>\d+(?:\.\d+)?)(?P<unit>{unit})")
    item = regexcache.compile(rf"^(?P<label>.*?[^\d.])(?P<n>\d+(?:\.\d+)?)(?P<unit>{unit})(?P<sub>[(（].*[)）])?$")
    counted = regexcache.compile(rf"\d(?:{unit})(?:[(（].*[)）])?$")
    return total, item, counted


def _list_items(text: str, start: int, paren: bool, counted: re.Pattern[str]) -> list[str] | None:
    """The items of a list from ``start``, split at separators outside brackets; it ends at the
    bracket that opened it, or (without one) at the end of the sentence. None if unclosed.

    、 also joins nouns inside one label (政策、规范性文件类信息68条): it separates items only
    after a count (``counted`` matches at the end of the text before it)."""
    items, depth, begin = [], 0, start
    for i in range(start, len(text)):
        c = text[i]
        if c in _CLOSERS:
            depth += 1
        elif c in ")）":
            if depth == 0:
                if not paren:
                    return None
                items.append(text[begin:i])
                return items
            depth -= 1
        elif depth == 0 and (c in _SEPARATORS or c == "。"):
            if c == "、" and not counted.search(text, begin, i):
                continue
            items.append(text[begin:i])
            begin = i + 1
            if c == "。":
                return None if paren else items
    return None if paren else [*items, text[begin:]]


def _parts(items: list[str], unit: str, item: re.Pattern[str]) -> list[Part] | None:
    """Every item as label + number + the total's unit, or None: then it is not a breakdown."""
    out = []
    for raw in items:
        m = item.match(raw)
        if m is None or m.group("unit") != unit or _NOT_A_PART.search(m.group("label")):
            return None
        out.append(Part(m.group("label"), Decimal(m.group("n")), raw))
    return out


def _exhaustive(parts: list[Part], total: Decimal, min_share: Decimal) -> bool:
    share = sum(p.value for p in parts)
    return share > total or share >= total * min_share or any(_REST.match(p.label) for p in parts)


@check_kind("prose-sum", fields={"detail", "total", "sum"}, params={"units": list, "min_share": (int, float)}, visits="prose paragraphs")
def prose_sum(doc: Document, rule: Rule) -> Visit:
    """A stated total in the prose with a breakdown (其中 …) whose parts add to something else."""
    total_re, item_re, counted = _patterns(tuple(str(u) for u in rule.params.get("units", _DEFAULT_UNITS)))
    min_share = Decimal(str(rule.params.get("min_share", 0.9)))
    return lambda paragraph: _sums(paragraph, total_re, item_re, counted, min_share)


def _sums(paragraph: Paragraph, total_re: re.Pattern[str], item_re: re.Pattern[str], counted, min_share: Decimal) -> Iterator[Finding]:
    text = paragraph.text
    for m in total_re.finditer(text):
        opener = _OPEN.match(text, m.end())
        if opener is None:
            continue
        items = _list_items(text, opener.end(), bool(opener.group("paren")), counted)
        parts = _parts(items, m.group("unit"), item_re) if items and len(items) >= 2 else None
        total = Decimal(m.group("n"))
        if parts is None or not _exhaustive(parts, total, min_share):
            continue
        share = sum(p.value for p in parts)
        if share == total:
            continue
        lead = _LEAD.search(text, max(0, m.start() - 20), m.start())
        start = lead.start() if lead else m.start()
        expr = "+".join(number(p.value) for p in parts)
        yield finding(paragraph, start, m.end(), {
            "detail": f"{number(total)}{m.group('unit')} stated, but the {len(parts)} parts listed after it "
                      f"(“{parts[0].text}” … “{parts[-1].text}”) add to {expr} = {number(share)}",
            "total": number(total), "sum": number(share)})
