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
import tempfile
from dataclasses import dataclass

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

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


def fix_source(source: Source, lint) -> FixOutcome:
    """Apply fixes until none is left; ``lint(source) -> list[Diagnostic]``."""
    current = source
    passes = 0
    for passes in range(1, MAX_PASSES + 1):
        fixable = [d for d in lint(current) if d.fixes]
        if not fixable:
            break
        text = apply_fixes(current, fixable)
        if text == current.text:
            break
        current = Source.from_text(source.path, text, source.encoding, bom=source.bom, raw=source.raw)
    return FixOutcome(source, current.text, passes)


def write_atomically(source: Source, text: str) -> None:
    """Replace ``source.path`` with ``text``, or raise FixError and leave the file as it was."""
    path = source.path
    try:
        with open(path, "rb") as fh:
            on_disk = fh.read()
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as exc:
        raise FixError(f"cannot re-read before writing: {exc.strerror or exc}") from None
    if source.raw is not None and on_disk != source.raw:
        raise FixError("the file changed on disk while it was being linted; not written")
    try:
        data = source.encode(text)
    except UnicodeEncodeError as exc:
        raise FixError(f"the fixed text cannot be written in {source.encoding}: {exc}") from None
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".reportlint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise FixError(f"cannot write: {exc.strerror or exc}") from None
