"""What the human formats share: control characters shown escaped, and the closing summary line.

Reports scraped from web pages can hold terminal escape sequences, other C0/C1
control characters and bidirectional overrides. Printed raw they could recolour or
rewrite a terminal, or hide text; the text and concise formats show them as
``\\x1b``-style escapes instead. Tabs are kept (as spaces in source lines).
"""

from __future__ import annotations

import re
from collections import Counter

# C0 controls but tab, DEL, C1 controls, and the bidirectional embedding/override/isolate characters.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u202e``)."""
    return _CONTROL.sub(_escape_char, text)


def escape_span(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``escape(text)`` and where ``[start, end)`` of ``text`` is in it."""
    before, inside = escape(text[:start]), escape(text[start:end])
    return before + inside + escape(text[end:]), len(before), len(before) + len(inside)


def summary(files: int, skipped: int, counts: Counter, fixable: int, notes: list[str]) -> tuple[bool, str]:
    """(any problem found, the closing line): ``Found 3 problems (2 errors, 1 warning) in 4 files.``"""
    checked = f"{files} file{'s' if files != 1 else ''}"
    if skipped:
        checked += f"; {skipped} skipped as not a report"
    for note in notes:
        checked += f"; {note}"
    total = sum(counts.values())
    if not total:
        return False, f"All checks passed ({checked})."
    parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if counts[s])
    noun = "problem" if total == 1 else "problems"
    tail = f"; {fixable} fixable with --fix" if fixable else ""
    return True, f"Found {total} {noun} ({parts}) in {checked}{tail}."
