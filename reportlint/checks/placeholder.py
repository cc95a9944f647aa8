"""placeholder: a blank or placeholder where the prose needs a number."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import regexcache
from reportlint.checks import Finding, check_kind
from reportlint.ruleset import Rule
from reportlint.structure.document import Document

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
