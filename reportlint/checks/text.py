"""Line checks on the text itself."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from reportlint.checks import Finding, check_kind
from reportlint.diagnostics import Fix
from reportlint.ruleset import Rule
from reportlint.structure.chrome import Preset, parse_patterns
from reportlint.structure.document import Document
from reportlint.yamlio import Node


@lru_cache(maxsize=None)
def _own_patterns(rule: Rule) -> Preset:
    """Patterns a rule adds to the presets it names, compiled once per process."""
    return Preset(parse_patterns(Node(rule.path, rule.params, f"rule {rule.id} params")))


def _validate(params: Node) -> None:
    parse_patterns(params)
    unknown = [p for p in params.get("presets", list, []) if p != "chrome"]
    if unknown:
        raise params.error(f"{params.what}: unknown preset(s) {', '.join(map(str, unknown))} (known: chrome)", "presets")


@check_kind("stray-text", fields={"text", "kind"}, params={"presets": list, "patterns": list}, validate=_validate)
def stray_text(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A line of page chrome (navigation, page meta, footer, page number) inside the report."""
    use_chrome = "chrome" in rule.params.get("presets", [])
    own = _own_patterns(rule)
    for line in doc.lines:
        if line.blank:
            continue
        kind = (doc.chrome.get(line.number) if use_chrome else None) or own.classify(line.norm.text.strip())
        if kind:
            stripped = line.norm.strip()
            col, end = stripped.span(0, len(stripped))
            yield Finding(line.number, col, end, {"text": line.raw.strip(), "kind": kind}, fixes=(Fix(line.number, 0, len(line.raw), "", line_delete=True),))


@check_kind("unused-suppression", fields={"directive", "rules"})
def unused_suppression(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A suppression comment that suppressed nothing (reported by the engine after all rules ran)."""
    return iter(())
