"""One line per diagnostic: ``path:line:col: severity rule message`` (editors, grep, pre-commit logs)."""

from __future__ import annotations

from typing import TextIO


def render(report, out: TextIO, **_options) -> None:
    for r in report.results:
        for d in r.diagnostics:
            out.write(f"{d.path}:{d.line}:{d.column}: {d.severity} {d.rule} {d.message}\n")
