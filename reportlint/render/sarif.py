"""SARIF 2.1.0, as GitHub code scanning reads it.

Columns are Unicode code points (``columnKind``), like every reportlint
position. Each result carries a content fingerprint (rule + the line's text)
so code scanning can follow a finding when lines move.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import TextIO
from urllib.parse import quote

from reportlint import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_HOME = "https://github.com/reportlint/reportlint"


def _uri(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    return quote(rel.replace(os.sep, "/"))


def _fingerprint(d, source) -> str:
    text = source.lines[d.line - 1].strip() if source is not None and 0 < d.line <= len(source.lines) else ""
    return hashlib.sha256(f"{d.rule}\0{text}\0{d.message}".encode()).hexdigest()[:32]


def render(report, out: TextIO, **_options) -> None:
    rules = {r.id: r for r in report.rules}
    # The results first (each needs its file's lines for a fingerprint), then the rule
    # descriptors they index, which include ids only findings name (read-error, ...).
    found = [(d, _fingerprint(d, r.source)) for r in report.results for d in r.diagnostics]
    ids = sorted({d.rule for d, _ in found} | set(rules))
    descriptors = []
    for rid in ids:
        rule = rules.get(rid)
        entry = {"id": rid, "shortDescription": {"text": rule.summary if rule and rule.summary else rid},
                 "defaultConfiguration": {"level": _LEVEL[rule.severity] if rule else "error"}}
        if rule is not None:
            entry["name"] = rule.short_name
            if rule.description:
                entry["fullDescription"] = {"text": rule.description.strip()}
            if rule.link:
                entry["helpUri"] = rule.link
            entry["properties"] = {"kind": rule.kind, "fixable": rule.fixable}
        descriptors.append(entry)
    index = {rid: i for i, rid in enumerate(ids)}
    results = []
    for d, fingerprint in found:
        entry = {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": _LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(d.path)},
                "region": {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": max(d.end_column, d.column)},
            }}],
            "partialFingerprints": {"reportlint/v1": fingerprint},
        }
        if d.place is not None:   # the region is in the text view of a PDF or Word document
            entry["properties"] = {k: v for k, v in (("page", d.page), ("where", d.place)) if v is not None}
        results.append(entry)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "reportlint", "version": __version__, "informationUri": _HOME, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")
