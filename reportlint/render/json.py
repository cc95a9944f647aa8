"""A JSON array of diagnostics on stdout, nothing else."""

from __future__ import annotations

import json
from typing import TextIO


def render(report, out: TextIO, **_options) -> None:
    json.dump([d.as_json() for d in report.diagnostics], out, ensure_ascii=False, indent=2)
    out.write("\n")
