"""One line per diagnostic: ``path:line:col: severity rule message`` (editors, grep, pre-commit logs).

In a PDF or Word document the place comes first: ``file.pdf:page 4:line 12:col 3: …``.
"""

from __future__ import annotations

from typing import TextIO


def render(report, out: TextIO, **_options) -> None:
    for r in report.results:
        for d in r.diagnostics:
            out.write(f"{d.location}: {d.severity} {d.rule} {d.message}\n")
