"""The engine's shared walks: checks that visit prose lines, text lines or paragraphs share one walk of them."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import EXAMPLES
from reportlint.checks import PASSES, REGISTRY, load_builtin
from reportlint.engine import lint_source
from reportlint.read import read_source
from reportlint.structure.document import Document

SEED = EXAMPLES / "shunhe-2020-tabs.txt"


def _visiting(pack, items: str) -> list:
    load_builtin()
    return [r for r in pack.rules if REGISTRY[r.kind].visits == items]


@pytest.mark.parametrize("items", sorted(PASSES))
def test_each_kind_of_item_is_walked_once_for_all_its_checks(pack, monkeypatch, items):
    rules = _visiting(pack, items)
    walks = []
    original = PASSES[items]
    monkeypatch.setitem(PASSES, items, lambda doc: walks.append(doc) or original(doc))
    lint_source(read_source(str(SEED)), pack, pack.rules)
    assert (len(rules) >= 1) and len(walks) == 1


def test_several_checks_share_each_walk(pack):
    assert len(_visiting(pack, "prose lines")) >= 2 and len(_visiting(pack, "prose paragraphs")) >= 3


def test_the_shared_walk_finds_what_each_check_finds_alone(pack):
    """CheckKind.run (a check walking its own items, as before) and the engine's shared walk agree, in order."""
    from reportlint.engine import document

    source = read_source(str(EXAMPLES / "xinle-2019-traditional-pipes.txt"))
    shared = lint_source(source, pack, pack.rules).diagnostics
    doc, _ = document(source, pack.primary)
    for rule in pack.rules:
        alone = [(f.line, f.col + 1) for f in REGISTRY[rule.kind].run(doc, rule)]
        together = [(d.line, d.column) for d in shared if d.rule == rule.id]
        assert sorted(together) == sorted(alone), rule.id


def test_a_visitor_that_crashes_stops_alone(pack, monkeypatch):
    """A check that raises on one item is reported once; the checks sharing its walk still report."""
    load_builtin()
    kind = REGISTRY["placeholder"]

    def broken(doc: Document, rule):
        def visit(line):
            if line.number > 5:
                raise RuntimeError("boom")
            return ()
        return visit

    monkeypatch.setitem(REGISTRY, "placeholder", dataclasses.replace(kind, fn=broken))
    text = "政府信息公开工作年度报告\n一、总体情况\n" + "本机关主动公开信息 条，其中 文件 件。\n" * 3 + "区政府 办公室 负责，全年 共公开 信息。\n" * 8
    from reportlint.read import Source

    result = lint_source(Source.from_text("r.txt", text), pack, pack.rules, only_reports=False)
    crashed = [d for d in result.diagnostics if "rule gov.placeholder crashed" in d.message]
    assert len(crashed) == 1 and result.internal_error
    assert any(d.rule == "gov.cjk-space" for d in result.diagnostics)   # shares the prose-line walk
