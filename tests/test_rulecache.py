"""The rule-set cache: same results, invalidated by any rule edit, corruption-proof."""

from __future__ import annotations

import shutil

from conftest import EXAMPLES, run_cli

RULE = "id: office.todo\nkind: stray-text\nseverity: error\nmessage: '{msg}: {{text}}'\nparams:\n  patterns:\n    - {{name: todo, match: 'TODO.*'}}\n"


def test_cache_is_used_invalidated_and_survives_corruption(tmp_path):
    cache, rules = tmp_path / "cache", tmp_path / "rules"
    rules.mkdir()
    report = tmp_path / "r.txt"
    shutil.copy(EXAMPLES / "shunhe-2020-tabs.txt", report)
    report.write_text(report.read_text(encoding="utf-8") + "\nTODO 补充\n", encoding="utf-8")
    env = {"REPORTLINT_CACHE_DIR": str(cache)}

    (rules / "todo.yaml").write_text(RULE.format(msg="first"), encoding="utf-8")
    first = run_cli("--rules", str(rules), "--select", "office.todo", "--format", "concise", str(report), env=env)
    assert "first: TODO" in first.stdout and list(cache.glob("rules-*.pickle"))
    again = run_cli("--rules", str(rules), "--select", "office.todo", "--format", "concise", str(report), env=env)
    assert again.stdout == first.stdout

    (rules / "todo.yaml").write_text(RULE.format(msg="second"), encoding="utf-8")
    edited = run_cli("--rules", str(rules), "--select", "office.todo", "--format", "concise", str(report), env=env)
    assert "second: TODO" in edited.stdout

    for entry in cache.glob("rules-*.pickle"):
        entry.write_bytes(b"not a pickle")
    corrupt = run_cli("--rules", str(rules), "--select", "office.todo", "--format", "concise", str(report), env=env)
    assert corrupt.returncode == 1 and "second: TODO" in corrupt.stdout and "Traceback" not in corrupt.stderr
