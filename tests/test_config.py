"""Configuration files: discovery, every setting, --config, and `reportlint config`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLES, run_cli, run_json

XINLE = EXAMPLES / "xinle-2019-traditional-pipes.txt"
JILI = EXAMPLES / "jili-2020-cells.txt"


def _rules(diagnostics) -> set[str]:
    return {d["rule"] for d in diagnostics}


def test_yaml_config_select_ignore_severity_and_fail_on(tmp_path):
    shutil.copy(JILI, tmp_path / "jili.txt")
    (tmp_path / ".reportlint.yaml").write_text(
        "select: [gov]\nignore: [cjk-space]\nseverity: {stray-text: error}\nfail-on: error\n", encoding="utf-8")
    code, diagnostics = run_json(str(tmp_path / "jili.txt"))
    assert "gov.cjk-space" not in _rules(diagnostics)
    assert {d["severity"] for d in diagnostics if d["rule"] == "gov.stray-text"} == {"error"}
    assert code == 1
    # the command line wins over the configuration
    _, only = run_json("--select", "cjk-space", str(tmp_path / "jili.txt"))
    assert _rules(only) == {"gov.cjk-space"}


def test_pyproject_config_exclude_and_per_file_ignores(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "drafts").mkdir()
    shutil.copy(XINLE, tmp_path / "archive" / "x.txt")
    shutil.copy(XINLE, tmp_path / "drafts" / "x.txt")
    shutil.copy(XINLE, tmp_path / "x.txt")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "docs"\n\n[tool.reportlint]\nexclude = ["drafts/**"]\n'
        '[tool.reportlint.per-file-ignores]\n"archive/**" = ["missing-value", "required-section"]\n', encoding="utf-8")
    _, diagnostics = run_json(str(tmp_path))
    by_file = {}
    for d in diagnostics:
        by_file.setdefault(Path(d["path"]).relative_to(tmp_path).as_posix(), set()).add(d["rule"])
    assert "drafts/x.txt" not in by_file
    assert "gov.missing-value" in by_file["x.txt"]
    assert not {"gov.missing-value", "gov.required-section"} & by_file["archive/x.txt"]


def test_closest_config_wins_and_rule_options(tmp_path):
    nested = tmp_path / "sub"
    nested.mkdir()
    shutil.copy(XINLE, nested / "x.txt")
    (tmp_path / ".reportlint.yaml").write_text("ignore: [missing-value]\n", encoding="utf-8")
    (nested / ".reportlint.yaml").write_text("rules:\n  missing-value: {blank_table_ratio: 0.99}\n", encoding="utf-8")
    _, diagnostics = run_json(str(nested / "x.txt"))
    missing = [d for d in diagnostics if d["rule"] == "gov.missing-value"]
    # nested config applies (not the parent's ignore); with ratio 0.99 the blank rows are reported one by one
    assert len(missing) > 2
    _, parent_only = run_json("--config", str(tmp_path / ".reportlint.yaml"), str(nested / "x.txt"))
    assert "gov.missing-value" not in _rules(parent_only)


def test_bad_configuration_names_the_file_and_line(tmp_path):
    shutil.copy(XINLE, tmp_path / "x.txt")
    (tmp_path / ".reportlint.yaml").write_text("select: [gov]\ncolour: red\n", encoding="utf-8")
    proc = run_cli(str(tmp_path / "x.txt"))
    assert proc.returncode == 2 and ".reportlint.yaml:2:" in proc.stderr and "colour" in proc.stderr
    (tmp_path / ".reportlint.yaml").write_text("rules:\n  missing-value: {no_such_option: 1}\n", encoding="utf-8")
    proc = run_cli(str(tmp_path / "x.txt"))
    assert proc.returncode == 2 and "no_such_option" in proc.stderr and "Traceback" not in proc.stderr


def test_config_command_prints_the_effective_configuration(tmp_path):
    shutil.copy(XINLE, tmp_path / "x.txt")
    (tmp_path / ".reportlint.yaml").write_text("ignore: [cjk-space]\nper-file-ignores: {'x.txt': [row-sum]}\nyear: 2019\n", encoding="utf-8")
    proc = run_cli("config", str(tmp_path / "x.txt"))
    data = json.loads(proc.stdout)
    assert data["config-file"].endswith(".reportlint.yaml")
    assert data["ignore"] == ["cjk-space"] and data["year"] == 2019
    assert data["per-file-ignores-applied"] == ["row-sum"] and data["excluded"] is False


def test_encoding_and_size_from_the_configuration(tmp_path):
    text = (EXAMPLES / "shunhe-2020-tabs.txt").read_text(encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(text.encode("utf-16-le"))          # no BOM: not guessed
    _, guessed = run_json(str(tmp_path / "r.txt"))
    assert [d["rule"] for d in guessed] == ["read-error"]
    (tmp_path / ".reportlint.yaml").write_text("encoding: utf-16-le\nmax-file-size: 0.001\n", encoding="utf-8")
    _, too_big = run_json(str(tmp_path / "r.txt"))
    assert "larger than" in too_big[0]["message"]
    (tmp_path / ".reportlint.yaml").write_text("encoding: utf-16-le\n", encoding="utf-8")
    _, read = run_json(str(tmp_path / "r.txt"))
    _, original = run_json(str(EXAMPLES / "shunhe-2020-tabs.txt"))
    assert [(d["rule"], d["line"], d["column"]) for d in read] == [(d["rule"], d["line"], d["column"]) for d in original]


def test_a_pyproject_that_does_not_mention_reportlint_is_not_parsed(tmp_path):
    """Most projects' pyproject.toml has no [tool.reportlint]; reading it costs no TOML parse (nor its errors)."""
    from reportlint.config import load

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'docs'\nbroken = [\n", encoding="utf-8")
    assert load(str(tmp_path / "pyproject.toml")) is None
