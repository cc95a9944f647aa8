from __future__ import annotations

import json
from typing import TextIO

from reportlint.diagnostics import Diagnostic


def render(diagnostics: list[Diagnostic], out: TextIO) -> None:
    json.dump([d.as_json() for d in diagnostics], out, ensure_ascii=False, indent=2)
    out.write("\n")
