"""One line per diagnostic: ``path:line:col: severity rule message`` (editors, grep, pre-commit logs), then a summary line.

In a PDF or Word document the place comes first: ``file.pdf:page 4:line 12:col 3: …``.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from reportlint.render.plain import escape, summary


def render(report, out: TextIO, **_options) -> None:
    files = skipped = fixable = 0
    counts: Counter = Counter()
    for r in report.results:
        files += 1
        skipped += r.skipped
        for d in r.diagnostics:
            out.write(f"{escape(d.location)}: {d.severity} {escape(d.rule)} {escape(d.message)}\n")
            counts[d.severity] += 1
            fixable += d.fixable
    out.write(summary(files, skipped, counts, fixable, report.notes)[1] + "\n")
