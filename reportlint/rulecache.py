"""A per-user cache of loaded rule sets, so start-up does not re-parse YAML.

The key hashes the content of every file under the rule folders in use,
reportlint's own source, its version and the Python version: any edit to a
rule, format or preset file, or to reportlint, makes a new key. A missing, unreadable or corrupt
cache entry is ignored and rebuilt. ``REPORTLINT_CACHE_DIR`` moves the cache;
``REPORTLINT_NO_RULE_CACHE=1`` turns it off. The cache lives in the user's own
cache directory and holds only what reportlint itself wrote there.

Entries are JSON data (``reportlint.jsondata``), never pickles: reading one builds
reportlint's own rule, format and preset records and compiles their patterns
(through ``reportlint.regexcache``), and cannot run code, whoever wrote the file.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from reportlint import __version__
from reportlint.atomic import write_atomic


def directory() -> Path | None:
    if os.environ.get("REPORTLINT_NO_RULE_CACHE"):
        return None
    base = os.environ.get("REPORTLINT_CACHE_DIR") or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "reportlint")
    return Path(base)


def key(folders: list[Path]) -> str:
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    # reportlint's own code is part of the key: records written by other code must never load.
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    for folder in folders:
        digest.update(str(folder.resolve()).encode() + b"\0")
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and path.suffix in (".yaml", ".yml"):
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def read(name: str) -> bytes | None:
    """The bytes of the cache file ``name``, or None if it is missing, unreadable or caching is off."""
    folder = directory()
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as fh:
            return fh.read()
    except OSError:  # missing: rebuild
        return None


def write(name: str, data: str | bytes) -> None:
    """Write ``data`` to the cache file ``name``, atomically; a read-only home is not an error."""
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError:
        pass   # a read-only home is not an error
