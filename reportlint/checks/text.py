"""Line checks on the text itself."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from reportlint.checks import Finding, check_kind
from reportlint.diagnostics import Fix
from reportlint.ruleset import Rule
from reportlint.structure.chrome import Preset, parse_patterns
from reportlint.structure.document import Document, Line
from reportlint.suppress import is_directive
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


@check_kind("stray-text", fields={"text", "kind", "extent"}, params={"presets": list, "patterns": list}, validate=_validate)
def stray_text(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Page chrome (navigation, page meta, footer, page number) inside the report: one finding per block.

    A block is a run of chrome lines with nothing but blank lines between them; its fix
    deletes those lines (a span glued to a body line is a line of its own here, so only the
    span goes).
    """
    use_chrome = "chrome" in rule.params.get("presets", [])
    own = _own_patterns(rule)
    block: list[tuple[Line, str]] = []
    for line in doc.lines:
        if is_directive(line.raw):
            kind = None   # a suppression comment ends a block: what it disables starts after it
        elif line.blank:
            continue
        else:
            kind = (doc.chrome.get(line.number) if use_chrome else None) or own.classify(line.norm.text.strip())
        if kind == "weak":
            kind = None
        if block and (not kind or _group(kind) != _group(block[-1][1])):
            yield _block_finding(block)
            block = []
        if kind:
            block.append((line, kind))
    if block:
        yield _block_finding(block)


def _group(kind: str) -> str:
    """A crawler's header and a page's text outside the report are blocks of their own."""
    return kind if kind in ("page-header", "outside-body") else "chrome"


def _block_finding(block: list[tuple[Line, str]]) -> Finding:
    (first, kind), (last, _) = block[0], block[-1]
    head, tail = first.norm.strip(), last.norm.strip()
    col, _ = head.span(0, len(head))
    _, end = tail.span(0, len(tail))
    text = first.raw.strip()
    if len(text) > 60:
        text = text[:60] + "…"
    extent = "" if len(block) == 1 else f" and {len(block) - 1} more line{'s' if len(block) > 2 else ''}"
    # the blank lines between the block's lines go with it
    fixes = tuple(Fix(n, 0, 0, "", line_delete=True) for n in range(first.number, last.number + 1))
    return Finding(first.number, col, end, {"text": text, "kind": kind, "extent": extent},
                   end_line=last.number if last is not first else None, fixes=fixes)


@check_kind("unused-suppression", fields={"directive", "rules"})
def unused_suppression(doc: Document, rule: Rule) -> Iterator[Finding]:
    """A suppression comment that suppressed nothing (reported by the engine after all rules ran)."""
    return iter(())
