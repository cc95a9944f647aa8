"""A content-keyed cache of lint results (``.reportlint_cache/``), so unchanged files are not re-linted.

The key of a file's result hashes everything the result depends on: the file's
bytes, the rule set (the same key as the rule cache: rule files, reportlint's
code, versions), the rules that apply to it with their severities and options
(configuration), the options (format, year, encoding, size limit), and the
bytes of any file the cross-year rule could compare with. Content, not mtime,
so a fresh CI checkout hits the cache too. Entries are written atomically; a
corrupt entry is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from reportlint.engine import FileResult, Options

DEFAULT_DIR = ".reportlint_cache"


def _rules_digest(rules: list) -> bytes:
    return pickle.dumps(sorted((r.id, r.severity, repr(sorted(r.params.items())), r.path) for r in rules))


def key(path: str, data: bytes, ruleset_key: str, rules: list, options: Options) -> str:
    digest = hashlib.sha256(data)
    digest.update(ruleset_key.encode())
    digest.update(_rules_digest(rules))
    digest.update(repr((options.encoding, options.max_bytes, options.format, options.year, options.previous)).encode())
    digest.update(os.path.abspath(path).encode())   # diagnostics carry the path; cross-year pairs by name
    if any(r.kind == "cross-year" for r in rules):
        from reportlint.checks.crossyear import previous_candidates

        candidates = [options.previous] if options.previous else []
        for year in range(1990, 2100):
            if str(year) in path:
                candidates += previous_candidates(path, year)
        for candidate in sorted(set(candidates)):
            if os.path.isfile(candidate):
                with open(candidate, "rb") as fh:
                    digest.update(candidate.encode() + b"\0" + hashlib.sha256(fh.read()).digest())
    return digest.hexdigest()[:40]


class ResultCache:
    def __init__(self, directory: str = DEFAULT_DIR) -> None:
        self.directory = Path(directory)

    def get(self, cache_key: str) -> FileResult | None:
        try:
            with open(self.directory / cache_key[:2] / f"{cache_key}.pickle", "rb") as fh:
                result = pickle.load(fh)
            return result if isinstance(result, FileResult) else None
        except Exception:  # missing or corrupt: lint again
            return None

    def put(self, cache_key: str, result: FileResult) -> None:
        if result.internal_error:
            return  # never remember a crash
        folder = self.directory / cache_key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            stored = FileResult(result.path, result.diagnostics, None, result.internal_error, result.skipped, result.facts)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(stored, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{cache_key}.pickle")
        except OSError:
            pass  # a read-only checkout still lints
