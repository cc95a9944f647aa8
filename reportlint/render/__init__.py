"""Pipeline step 5: render diagnostics.

Every format is a module with ``render(report, out, **options)``; ``FORMATS``
maps the ``--format`` names to them. Only the chosen module is imported, so a
machine format never pays for ``rich``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from reportlint.engine import FileResult

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
    """What a renderer reads.

    ``results`` holds one ``FileResult`` per linted file, in path order, and may be a
    stream: a renderer iterates it once, and one that writes each file's findings as they
    come keeps nothing of a file once it is written, so memory does not grow with the
    number of files (json, concise, github, text). SARIF and JUnit build one document.
    """

    results: Iterable[FileResult]
    rules: list = field(default_factory=list)        # the Rule objects that ran (for SARIF metadata)
    notes: list[str] = field(default_factory=list)   # summary remarks (baseline counts)


def render(name: str, report: Report, out: TextIO, **options) -> None:
    importlib.import_module(FORMATS[name]).render(report, out, **options)
