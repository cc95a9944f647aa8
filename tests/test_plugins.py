"""Plugins: an installed package adds a rule pack for another kind of report and a check kind.

The example plugin in examples/plugin is made "installed" for a subprocess by a
*.dist-info folder with its entry points on PYTHONPATH, which is what
importlib.metadata reads for a pip-installed package.
"""

from __future__ import annotations

import os

import pytest

from conftest import EXAMPLES, ROOT, run_cli

PLUGIN = ROOT / "examples" / "plugin"


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory) -> dict[str, str]:
    site = tmp_path_factory.mktemp("site")
    info = site / "reportlint_minutes-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: reportlint-minutes\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[reportlint.rules]\nminutes = reportlint_minutes:pack\n\n[reportlint.checks]\nminutes = reportlint_minutes.checks\n", encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(site), str(PLUGIN)])}


def test_plugin_pack_and_check_kind(plugin_env):
    proc = run_cli("--format", "concise", str(PLUGIN / "minutes.txt"), str(EXAMPLES / "shunhe-2020-tabs.txt"), env=plugin_env)
    lines = proc.stdout.splitlines()
    assert f"{PLUGIN / 'minutes.txt'}:3:1: error minutes.empty-field field 地点 is empty" in lines
    # the minutes pack does not touch annual reports, nor the gov pack the minutes
    assert not [line for line in lines if "shunhe" in line and "minutes." in line]
    assert not [line for line in lines if "minutes.txt" in line and " gov." in line]


def test_plugin_rules_are_listed_and_their_cases_run(plugin_env):
    listed = run_cli("rules", env=plugin_env).stdout
    assert "minutes.required-field" in listed and "minutes.empty-field" in listed
    proc = run_cli("test-rules", env=plugin_env)
    assert proc.returncode == 0 and " 0 failed" in proc.stdout


def test_without_the_plugin_minutes_are_not_reports():
    proc = run_cli(str(PLUGIN / "minutes.txt"))
    assert proc.returncode == 0 and "skipped as not a report" in proc.stdout


def test_a_pack_folder_works_without_installing(tmp_path):
    # --rules with a folder that has pack.yaml adds a pack (built-in kinds only here).
    pack = PLUGIN / "reportlint_minutes" / "pack"
    minutes = tmp_path / "m.txt"
    minutes.write_text("会议纪要\n时间：2024年3月1日\n参会人员：张三\n", encoding="utf-8")
    rules = tmp_path / "pack"
    rules.mkdir()
    for name in ("pack.yaml", "format.yaml"):
        (rules / name).write_text((pack / name).read_text(encoding="utf-8"), encoding="utf-8")
    (rules / "rules").mkdir()
    (rules / "rules" / "required-field.yaml").write_text((pack / "rules" / "required-field.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_cli("--format", "concise", "--rules", str(rules), str(minutes))
    assert f"{minutes}:3:1: error minutes.required-field missing field 地点" in proc.stdout


def test_a_broken_plugin_is_named(tmp_path, plugin_env):
    site = tmp_path / "site"
    info = site / "broken-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[reportlint.checks]\nbroken = no_such_module_xyz\n", encoding="utf-8")
    proc = run_cli(str(EXAMPLES / "shunhe-2020-tabs.txt"), env={"PYTHONPATH": str(site)})
    assert proc.returncode == 2 and "broken = no_such_module_xyz" in proc.stderr and "Traceback" not in proc.stderr
