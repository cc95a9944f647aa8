"""GitHub Actions workflow commands: one annotation per diagnostic.

Escaping follows actions/toolkit (``packages/core/src/command.ts``): the message
escapes ``%``, CR and LF; property values also escape ``:`` and ``,``.
"""

from __future__ import annotations

from typing import TextIO

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, out: TextIO, **_options) -> None:
    for r in report.results:
        for d in r.diagnostics:
            props = ",".join(f"{k}={escape_property(str(v))}" for k, v in (
                ("file", d.path), ("line", d.line), ("col", d.column), ("endLine", d.end_line), ("endColumn", d.end_column), ("title", f"{d.rule} ({d.place})" if d.place else d.rule)))
            out.write(f"::{_LEVEL[d.severity]} {props}::{escape_data(d.message)}\n")
