"""A JSON array of diagnostics on stdout, nothing else.

Written one diagnostic at a time, byte for byte what ``json.dump(..., indent=2)``
writes for the whole list, so memory does not grow with the number of files.
"""

from __future__ import annotations

import json
from typing import TextIO


def render(report, out: TextIO, **_options) -> None:
    separator = "[\n  "
    for r in report.results:
        for d in r.diagnostics:
            # JSON escapes line breaks inside strings, so every "\n" here is between tokens.
            out.write(separator + json.dumps(d.as_json(), ensure_ascii=False, indent=2).replace("\n", "\n  "))
            separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")
