"""Run the test cases that rule files carry (``tests:`` with ``text``, ``expect``, ``fixed``).

A case may give ``previous``: the text of last year's report, for rules that compare
with it. An expectation is ``"LINE:COL"`` optionally followed by a space and text that
the message must contain. A case passes when the rule's diagnostics are
exactly the expected ones, in order.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from reportlint.engine import Options, lint_source
from reportlint.read import Source
from reportlint.ruleset import Rule, RuleSet, RuleTest


@dataclass(frozen=True)
class CaseResult:
    rule: Rule
    case: RuleTest
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _parse_expect(expect: str) -> tuple[int, int, str]:
    pos, _, text = expect.partition(" ")
    line, _, col = pos.partition(":")
    return int(line), int(col or 0), text


def run_case(pack: RuleSet, rule: Rule, case: RuleTest) -> CaseResult:
    source = Source.from_text(f"<{rule.id}: {case.name}>", case.text)
    if case.previous is not None:
        with tempfile.TemporaryDirectory() as tmp:
            previous = os.path.join(tmp, "previous.txt")
            with open(previous, "w", encoding="utf-8") as fh:
                fh.write(case.previous)
            got = lint_source(source, pack, [rule], Options(previous=previous), only_reports=False).diagnostics
    else:
        got = lint_source(source, pack, [rule], only_reports=False).diagnostics
    problems = []
    if len(got) != len(case.expect):
        problems.append(f"expected {len(case.expect)} diagnostic(s), got {len(got)}")
    for want, d in zip(case.expect, got):
        line, col, text = _parse_expect(want)
        if (d.line, d.column) != (line, col or d.column) or text not in d.message:
            problems.append(f"expected {want!r}, got '{d.line}:{d.column} {d.message}'")
    for d in got[len(case.expect):]:
        problems.append(f"unexpected '{d.line}:{d.column} {d.message}'")
    for want in case.expect[len(got):]:
        problems.append(f"missing {want!r}")
    if case.fixed is not None:
        from reportlint.fix import apply_fixes

        fixed = apply_fixes(source, got)
        if fixed != case.fixed:
            problems.append(f"fixed text differs:\n--- expected\n{case.fixed}--- got\n{fixed}")
    return CaseResult(rule, case, tuple(problems))


def run_rule_tests(pack: RuleSet, rules: list[Rule]) -> list[CaseResult]:
    return [run_case(pack, rule, case) for rule in rules for case in rule.tests]
