"""The rule-set cache: same results, invalidated by any rule edit, corruption-proof."""

from __future__ import annotations

import shutil

import pytest

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
    assert "first: TODO" in first.stdout and list(cache.glob("rules-*.json"))
    again = run_cli("--rules", str(rules), "--select", "office.todo", "--format", "concise", str(report), env=env)
    assert again.stdout == first.stdout

    (rules / "todo.yaml").write_text(RULE.format(msg="second"), encoding="utf-8")
    edited = run_cli("--rules", str(rules), "--select", "office.todo", "--format", "concise", str(report), env=env)
    assert "second: TODO" in edited.stdout

    for entry in cache.glob("rules-*.json"):
        entry.write_bytes(b"not json")
    corrupt = run_cli("--rules", str(rules), "--select", "office.todo", "--format", "concise", str(report), env=env)
    assert corrupt.returncode == 1 and "second: TODO" in corrupt.stdout and "Traceback" not in corrupt.stderr


def test_caches_are_data_and_build_only_reportlint_records(tmp_path):
    """No cache file is a pickle; a cache entry naming any other class (or a forged pickle) is rebuilt, never run."""
    import json
    import pickle

    import pytest

    from reportlint import jsondata

    env = {"REPORTLINT_CACHE_DIR": str(tmp_path)}
    first = run_cli("--format", "concise", "--no-cache", str(EXAMPLES / "xinle-2019-traditional-pipes.txt"), env=env)
    names = sorted(p.name.split("-")[0] for p in tmp_path.iterdir())
    assert names == ["opencc", "regex", "rules"] and all(p.suffix == ".json" for p in tmp_path.iterdir())
    for entry in tmp_path.iterdir():
        json.loads(entry.read_text(encoding="utf-8"))   # plain JSON

    class Boom:
        def __reduce__(self):
            return (open, (str(tmp_path / "pwned"), "w"))

    (rules,) = tmp_path.glob("rules-*.json")
    rules.with_suffix(".pickle").write_bytes(pickle.dumps(Boom()))
    rules.write_text('{"\\u0000": "dataclass", "c": "subprocess:Popen", "v": {"args": ["touch", "pwned"]}}', encoding="utf-8")
    again = run_cli("--format", "concise", "--no-cache", str(EXAMPLES / "xinle-2019-traditional-pipes.txt"), env=env, cwd=tmp_path)
    assert again.stdout == first.stdout and not (tmp_path / "pwned").exists()

    with pytest.raises(ValueError):
        jsondata.loads('{"\\u0000": "dataclass", "c": "os:system", "v": {}}', {})
    assert jsondata.loads(jsondata.dumps({"a": (1, frozenset("xy"))})) == {"a": (1, frozenset("xy"))}


@pytest.mark.parametrize(("t2s", "accepted"), [({"們": "们"}, True), ({}, True), ({"們": "们们"}, False), ({"們們": "们们"}, False),
                                              ({"們": ""}, False), ({"們": 1}, False), ({"們": None}, False), (["們"], False)])
def test_a_cached_script_table_is_used_only_when_every_entry_is_one_character_to_one(t2s, accepted):
    import json

    from reportlint.normalise.script import _decode

    assert (_decode(json.dumps({"t2s": t2s, "traditional_only": "們"}).encode()) is not None) is accepted
