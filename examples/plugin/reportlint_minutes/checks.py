"""A check kind of the plugin's own (entry point ``reportlint.checks``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.checks import Finding, check_kind


@check_kind("empty-field", fields={"field"}, params={"fields": list}, required={"fields"})
def empty_field(doc, rule) -> Iterator[Finding]:
    """A field line such as "地点：" with nothing after the colon."""
    pattern = re.compile(r"\s*(?P<field>" + "|".join(map(re.escape, rule.params["fields"])) + r")\s*[:：]\s*$")
    for line in doc.lines:
        m = pattern.match(line.raw)
        if m:
            yield Finding(line.number, m.start("field"), m.end("field"), {"field": m.group("field")})
