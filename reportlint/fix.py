"""Apply the fixes that diagnostics carry, and write them back safely.

Only spans a diagnostic reports are changed. Fixing runs a few passes (one fix
can only be applied once another on the same span is done, e.g. 減5711 first
becomes 减5711, then -5711) until nothing fixable remains. Files are written
through a temporary file in the same directory and ``os.replace``, keeping
the file mode, the encoding, the BOM and every line's own line ending, and
nothing is written if the file changed on disk since it was read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from reportlint.atomic import write_atomic
from reportlint.diagnostics import Diagnostic
from reportlint.read import Source

MAX_PASSES = 4


class FixError(Exception):
    """A fix could not be written; the file is untouched."""


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
    endings = source.endings or tuple(source.newline for _ in source.lines)
    out = []
    for number, (line, ending) in enumerate(zip(source.lines, endings), start=1):
        if number in deleted:
            continue
        # Right to left, so earlier columns stay valid; of overlapping edits the rightmost wins
        # this pass, and the next pass re-lints and applies what is still needed.
        last_start = None
        for f in sorted(edits.get(number, []), key=lambda f: (f.col, f.end_col), reverse=True):
            if last_start is not None and f.end_col > last_start:
                continue
            line = line[:f.col] + f.text + line[f.end_col:]
            last_start = f.col
        out.append(line + ending)
    return "".join(out)


@dataclass
class FixOutcome:
    source: Source            # as read
    text: str                 # after all fixes
    passes: int
    applied: int = 0          # fixes applied, over all passes

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


def fix_source(source: Source, lint) -> FixOutcome:
    """Apply fixes until none is left; ``lint(source) -> list[Diagnostic]``."""
    current = source
    passes = applied = 0
    for passes in range(1, MAX_PASSES + 1):
        fixable = [d for d in lint(current) if d.fixes]
        if not fixable:
            break
        text = apply_fixes(current, fixable)
        if text == current.text:
            break
        applied += len(fixable)
        current = Source.from_text(source.path, text, source.encoding, bom=source.bom, raw=source.raw)
    return FixOutcome(source, current.text, passes, applied)


def _read_only(mode: int) -> bool:
    """No write permission bit for anyone: read-only as the owner meant it (even for root, who could write)."""
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def write_atomically(source: Source, text: str, *, force: bool = False) -> None:
    """Replace the file at ``source.path`` with ``text``, or raise FixError and leave it as it was.

    A symbolic link is kept: its target is rewritten. A read-only file, or a file in a
    read-only folder, is refused unless ``force``.
    """
    path = os.path.realpath(source.path)
    try:
        with open(path, "rb") as fh:
            on_disk = fh.read()
        mode = stat.S_IMODE(os.stat(path).st_mode)
        folder_mode = os.stat(os.path.dirname(path)).st_mode
    except OSError as exc:
        raise FixError(f"cannot re-read before writing: {exc.strerror or exc}") from None
    if source.raw is not None and on_disk != source.raw:
        raise FixError("the file changed on disk while it was being linted; not written")
    folder = os.path.dirname(path)
    if not force and (_read_only(mode) or not os.access(path, os.W_OK)):
        raise FixError("the file is read-only; make it writable, or pass --force")
    if not force and (_read_only(folder_mode) or not os.access(folder, os.W_OK)):
        raise FixError("its folder is read-only; make it writable, or pass --force")
    try:
        data = source.encode(text)
    except UnicodeEncodeError as exc:
        raise FixError(f"the fixed text cannot be written in {source.encoding}: {exc}") from None
    try:
        write_atomic(path, data, mode=mode, sync=True)
    except OSError as exc:
        raise FixError(f"cannot write: {exc.strerror or exc}") from None


def _patch_lines(path: str, text: str) -> list[str]:
    """Lines with their own endings, split as reportlint numbers lines (not str.splitlines, which splits on U+2028)."""
    source = Source.from_text(path, text)
    return [line + ending for line, ending in zip(source.lines, source.endings)]


def unified_diff(source: Source, text: str) -> str:
    """A patch from ``source`` to ``text`` that ``patch -p0`` and ``git apply -p0`` accept, final newline or not."""
    import difflib

    label = os.path.normpath(source.path).replace(os.sep, "/")
    out = []
    for line in difflib.unified_diff(_patch_lines(label, source.text), _patch_lines(label, text), fromfile=label, tofile=label):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
