"""A content-keyed cache of lint results (``.reportlint_cache/``), so unchanged files are not re-linted.

The key of a file's result hashes everything the result depends on: the file's
bytes, the rule set (the same key as the rule cache: rule files, reportlint's
code, versions), the rules that apply to it with their severities and options
(configuration), the options (format, year, encoding, size limit), and the
bytes of any file the cross-year rule could compare with. Content, not mtime,
so a fresh CI checkout hits the cache too.

Entries are JSON data, never pickles: a cache directory that someone else wrote
(committed to a repository, restored in CI) cannot run code. Each entry names
its key, the file's path and the SHA-256 of the file's bytes, and is used only
if all three match the file being linted and every field has the expected type;
anything else is ignored and replaced. So an entry can only stand for the exact
bytes it was written for. Entries are written atomically.
"""

from __future__ import annotations

import hashlib
import os
import json
from pathlib import Path

from reportlint.atomic import write_atomic
from reportlint.diagnostics import SEVERITIES, Diagnostic
from reportlint.engine import FileResult, Options

VERSION = 2

DEFAULT_DIR = ".reportlint_cache"


def _rules_digest(rules: list) -> bytes:
    return repr(sorted((r.id, r.severity, repr(sorted(r.params.items())), r.path) for r in rules)).encode()


def key(path: str, data: bytes, ruleset_key: str, rules: list, options: Options) -> str:
    digest = hashlib.sha256(data)
    digest.update(ruleset_key.encode())
    digest.update(_rules_digest(rules))
    digest.update(repr(options).encode())   # every field of Options changes results (encoding, size limit, read-error, ...)
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


def _entry(cache_key: str, result: FileResult, data: bytes) -> dict:
    return {
        "version": VERSION, "key": cache_key, "path": os.path.abspath(result.path), "sha256": hashlib.sha256(data).hexdigest(),
        "skipped": result.skipped, "facts": result.facts, "note": result.note,
        "diagnostics": [[d.line, d.column, d.end_line, d.end_column, d.rule, d.severity, d.message, d.fixable, d.page, d.where]
                        for d in result.diagnostics],
    }


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _diagnostic(path: str, row) -> Diagnostic:
    """One stored diagnostic, checked field by field; ValueError if anything is off."""
    if not (isinstance(row, list) and len(row) == 10 and all(_is_int(v) for v in row[:4])
            and all(isinstance(v, str) for v in row[4:7]) and row[5] in SEVERITIES and isinstance(row[7], bool)
            and (row[8] is None or _is_int(row[8])) and isinstance(row[9], (str, type(None)))):
        raise ValueError("malformed diagnostic")
    return Diagnostic(path, *row[:7], fixable=row[7], page=row[8], where=row[9])


def _result(entry, cache_key: str, path: str, data: bytes) -> FileResult:
    """The result an entry stores, if it is a well-formed entry for exactly these bytes at this path; else ValueError."""
    if not isinstance(entry, dict) or entry.get("version") != VERSION or entry.get("key") != cache_key:
        raise ValueError("not an entry for this key")
    if entry.get("path") != os.path.abspath(path) or entry.get("sha256") != hashlib.sha256(data).hexdigest():
        raise ValueError("an entry for other bytes")
    facts, note, diagnostics = entry.get("facts"), entry.get("note"), entry.get("diagnostics")
    if not (isinstance(facts, dict) and all(isinstance(v, (str, int, type(None))) for v in facts.values())
            and isinstance(note, (str, type(None))) and isinstance(entry.get("skipped"), bool) and isinstance(diagnostics, list)):
        raise ValueError("malformed entry")
    return FileResult(path, [_diagnostic(path, row) for row in diagnostics], None, False, entry["skipped"], facts, note)


class ResultCache:
    def __init__(self, directory: str = DEFAULT_DIR) -> None:
        self.directory = Path(directory)

    def _file(self, cache_key: str) -> Path:
        return self.directory / cache_key[:2] / f"{cache_key}.json"

    def get(self, cache_key: str, path: str, data: bytes) -> FileResult | None:
        """The stored result for ``path`` with these bytes, or None (missing, corrupt, forged or for other bytes)."""
        try:
            with open(self._file(cache_key), "rb") as fh:
                return _result(json.loads(fh.read(64 * 1024 * 1024)), cache_key, path, data)
        except (OSError, ValueError, TypeError, RecursionError):  # lint again
            return None

    def put(self, cache_key: str, result: FileResult, data: bytes) -> None:
        if result.internal_error or result.error:
            return  # never remember a crash
        folder = self.directory / cache_key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            write_atomic(self._file(cache_key), json.dumps(_entry(cache_key, result, data), ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only checkout still lints
