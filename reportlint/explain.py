"""``reportlint explain RULE``: a rule's documentation, from its YAML file."""

from __future__ import annotations

import json

from reportlint.ruleset import Rule


def explain(rule: Rule) -> str:
    lines = [f"{rule.id}  ({rule.kind}, {rule.severity}{', fixable' if rule.fixable else ''})", ""]
    if rule.summary:
        lines += [rule.summary, ""]
    if rule.description:
        lines += [rule.description.rstrip(), ""]
    if rule.link:
        lines += [f"Source: {rule.link}", ""]
    if rule.params:
        lines.append("Options (params):")
        for key, value in rule.params.items():
            lines.append(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
        lines.append("")
    bad = next((c for c in rule.tests if c.expect), None)
    good = next((c for c in rule.tests if not c.expect), None)
    for title, case in (("Example that is reported", bad), ("Example that passes", good)):
        if case is None:
            continue
        lines.append(f"{title} ({case.name}):")
        lines += [f"    {text}" for text in case.text.rstrip("\n").splitlines()]
        if case.expect:
            lines += [f"  -> {e}" for e in case.expect]
        if case.fixed is not None:
            lines.append("  fixed:")
            lines += [f"    {text}" for text in case.fixed.rstrip("\n").splitlines()]
        lines.append("")
    lines.append(f"Rule file: {rule.path}")
    return "\n".join(lines) + "\n"
