"""Apply the fixes that diagnostics carry to a source's text."""

from __future__ import annotations

from reportlint.diagnostics import Diagnostic
from reportlint.read import Source


def apply_fixes(source: Source, diagnostics: list[Diagnostic]) -> str:
    """The source text with every fix applied; line endings are kept as they were."""
    deleted: set[int] = set()
    edits: dict[int, list] = {}
    for d in diagnostics:
        for f in d.fixes:
            if f.line_delete:
                deleted.add(f.line)
            else:
                edits.setdefault(f.line, []).append(f)
    out = []
    for number, line in enumerate(source.lines, start=1):
        if number in deleted:
            continue
        # Right to left, so earlier columns stay valid; overlapping edits keep the first.
        last_start = None
        for f in sorted(edits.get(number, []), key=lambda f: (f.col, f.end_col), reverse=True):
            if last_start is not None and f.end_col > last_start:
                continue
            line = line[:f.col] + f.text + line[f.end_col:]
            last_start = f.col
        out.append(line)
    text = source.newline.join(out)
    return text + source.newline if source.text.endswith(("\n", "\r")) and out else text
