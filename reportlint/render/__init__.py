"""Pipeline step 5: render diagnostics.

Every format is a module with ``render(report, out, **options)``; ``FORMATS``
maps the ``--format`` names to them. Only the chosen module is imported, so a
machine format never pays for ``rich``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TextIO

from reportlint.diagnostics import Diagnostic
from reportlint.read import Source

FORMATS = {
    "text": "reportlint.render.text",
    "concise": "reportlint.render.concise",
    "json": "reportlint.render.json",
    "sarif": "reportlint.render.sarif",
    "github": "reportlint.render.github",
    "junit": "reportlint.render.junit",
}


@dataclass
class Report:
    diagnostics: list[Diagnostic]
    files: list[str]
    sources: dict[str, Source] = field(default_factory=dict)
    skipped: int = 0
    rules: list = field(default_factory=list)        # the Rule objects that ran (for SARIF metadata)
    notes: list[str] = field(default_factory=list)   # summary remarks (baseline counts)


def render(name: str, report: Report, out: TextIO, **options) -> None:
    importlib.import_module(FORMATS[name]).render(report, out, **options)
