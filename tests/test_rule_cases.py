"""Every shipped rule's own test cases (the ``tests:`` in its YAML file)."""

from __future__ import annotations

import pytest

from reportlint.ruleset import load_ruleset
from reportlint.testing import run_case

PACK = load_ruleset()
CASES = [(rule, case) for rule in PACK.rules for case in rule.tests]


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r.id}::{c.name}" for r, c in CASES])
def test_rule_case(rule, case):
    result = run_case(PACK, rule, case)
    assert result.ok, "\n".join(result.problems)


def test_every_rule_has_passing_and_failing_cases():
    for rule in PACK.rules:
        assert any(not c.expect for c in rule.tests), f"{rule.id} has no case that must pass"
        assert any(c.expect for c in rule.tests), f"{rule.id} has no case that must fail"


def test_every_fixable_rule_has_a_fix_case():
    for rule in PACK.rules:
        if rule.fixable:
            assert any(c.fixed is not None for c in rule.tests), f"{rule.id} is fixable but no case shows the fixed text"
