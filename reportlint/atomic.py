"""Writing a file atomically: a new file beside it, then a rename over it.

The one way every writer does it: the caches, the baseline and ``--fix``. A reader
sees the old file or the new one, never part of one, and a failure leaves no
temporary file behind. It needs only ``os``: no ``tempfile`` (with ``shutil`` and
``random``) on the start-up path.
"""

from __future__ import annotations

import itertools
import os

_serial = itertools.count()


def write_atomic(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None, sync: bool = False) -> None:
    """Replace ``path`` with ``data``; ``mode`` sets its permissions, ``sync`` flushes it to disk first.

    Raises OSError (the folder is missing or read-only, the disk is full, ...).
    """
    folder, name = os.path.split(os.fspath(path))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:   # O_EXCL: never opens an existing file or follows a symlink planted at the name
        tmp = os.path.join(folder, f".reportlint-{name}.{os.getpid()}.{next(_serial)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o600)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
