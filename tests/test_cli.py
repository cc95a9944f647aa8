"""The command line as users run it: options, output formats, exit codes, bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli, run_json

XINLE = EXAMPLES / "xinle-2019-traditional-pipes.txt"
SHUNHE = EXAMPLES / "shunhe-2020-tabs.txt"
JILI = EXAMPLES / "jili-2020-cells.txt"

CLEAN = """\
洪泽区人民政府2023年政府信息公开工作年度报告
一、总体情况
本年度工作情况。
二、主动公开政府信息情况
见下表。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6
二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1
（一）予以公开 | 3 | 1 | 0 | 0 | 0 | 0 | 4
（二）部分公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1
1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0
4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0
5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0
8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0
1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1
2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0
1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0
4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
（六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
（七）总计 | 5 | 1 | 0 | 0 | 0 | 0 | 6
四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1
四、政府信息公开行政复议、行政诉讼情况
1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
五、存在的主要问题及改进情况
有待加强。
六、其他需要报告的事项
无
"""


def test_clean_file_exits_0(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(CLEAN, encoding="utf-8")
    proc = run_cli(str(path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "All checks passed" in proc.stdout


def test_findings_exit_1_and_json_shape():
    code, diagnostics = run_json(str(XINLE))
    assert code == 1
    assert diagnostics
    for d in diagnostics:
        assert set(d) >= {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message"}
        assert d["line"] >= 1 and d["column"] >= 1 and d["end_line"] >= d["line"]
        assert d["severity"] in ("error", "warning", "info")
    assert diagnostics == sorted(diagnostics, key=lambda d: (d["path"], d["line"], d["column"]))


def test_json_stdout_is_only_json():
    proc = run_cli("--format", "json", str(XINLE), str(SHUNHE))
    json.loads(proc.stdout)


def test_fail_on_controls_the_exit_code(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(CLEAN + "打印本页\n", encoding="utf-8")
    assert run_cli(str(path)).returncode == 0          # a warning does not fail by default
    assert run_cli("--fail-on", "warning", str(path)).returncode == 1


@pytest.mark.parametrize("selector", ["stray-text", "gov.stray-text", "gov.stray-text,row-sum"])
def test_select_by_id_or_short_name(selector):
    _, diagnostics = run_json("--select", selector, str(JILI))
    assert diagnostics and {d["rule"] for d in diagnostics} == {"gov.stray-text"}


def test_select_by_prefix_and_ignore():
    _, everything = run_json("--select", "gov", str(XINLE))
    _, ignored = run_json("--ignore", "missing-value", str(XINLE))
    assert any(d["rule"] == "gov.missing-value" for d in everything)
    assert not any(d["rule"] == "gov.missing-value" for d in ignored)
    assert len(ignored) < len(everything)


def test_unknown_rule_is_a_usage_error():
    proc = run_cli("--select", "no-such-rule", str(XINLE))
    assert proc.returncode == 2
    assert "no-such-rule" in proc.stderr


def test_missing_path_is_a_usage_error(tmp_path):
    proc = run_cli(str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    assert "no such file" in proc.stderr
    assert run_cli().returncode == 2


def test_text_output_is_plain_when_not_a_terminal():
    proc = run_cli(str(JILI))
    out = proc.stdout
    assert "\x1b[" not in out
    assert "jili-2020-cells.txt:605:1: error gov.empty-section" in out
    # the source line, and a caret under the span
    assert "605 │ 六、其他需要报告的事项" in out
    assert "^^^^" in out
    assert out.rstrip().splitlines()[-1].startswith("Found ")


def test_text_output_never_wraps_long_lines():
    proc = run_cli("--no-source", str(JILI))
    lines = [line for line in proc.stdout.splitlines() if line]
    # one line per diagnostic, however long, then the summary
    assert all(re.match(rf"{re.escape(str(JILI))}:\d+:\d+: (error|warning|info) gov\.", line) for line in lines[:-1]), lines
    assert lines[-1].startswith("Found ")


def test_directories_are_walked_for_txt_and_md(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(XINLE, tmp_path / "sub" / "a.txt")
    (tmp_path / "sub" / "b.md").write_text(XINLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sub" / "c.csv").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    shutil.copy(XINLE, tmp_path / ".git" / "d.txt")
    _, diagnostics = run_json(str(tmp_path))
    assert {Path(d["path"]).name for d in diagnostics} == {"a.txt", "b.md"}


def test_files_that_are_not_reports_are_skipped(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n\nThis repository holds our reports.\n", encoding="utf-8")
    proc = run_cli(str(readme))
    assert proc.returncode == 0
    assert "skipped as not a report" in proc.stdout


def test_module_entry_point_and_version():
    proc = run_cli("--version")
    assert proc.returncode == 0 and "reportlint" in proc.stdout


def test_rules_lists_every_rule():
    proc = run_cli("rules")
    assert proc.returncode == 0
    for name in ("required-section", "section-order", "empty-section", "stray-text", "row-sum", "column-sum", "balance", "missing-value"):
        assert f"gov.{name}" in proc.stdout


def test_test_rules_runs_the_shipped_cases():
    proc = run_cli("test-rules")
    assert proc.returncode == 0, proc.stdout
    assert " passed, 0 failed" in proc.stdout


# -- bad input: a clear message, never a traceback ---------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin.txt", bytes(range(0x80, 0x100)) * 4, "not valid UTF-8 or GB18030"),
    ],
)
def test_unreadable_files_get_one_diagnostic_and_others_are_linted(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    proc = run_cli("--format", "json", str(bad), str(XINLE))
    assert "Traceback" not in proc.stderr
    diagnostics = json.loads(proc.stdout)
    mine = [d for d in diagnostics if d["path"] == str(bad)]
    assert len(mine) == 1 and mine[0]["rule"] == "read-error" and message in mine[0]["message"]
    assert any(d["path"] == str(XINLE) for d in diagnostics)
    assert proc.returncode == 1


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("gb18030", "\n", b""), ("gbk", "\r\n", b""), ("utf-8", "\r\n", b"\xef\xbb\xbf"), ("utf-16", "\n", b""), ("utf-8", "\r", b"")],
)
def test_encodings_and_line_endings_give_the_same_diagnostics(tmp_path, encoding, newline, bom):
    text = SHUNHE.read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    _, expected = run_json(str(SHUNHE))
    _, got = run_json(str(path))
    strip = lambda ds: [{k: v for k, v in d.items() if k != "path"} for d in ds]  # noqa: E731
    assert strip(got) == strip(expected)


def test_huge_files_are_rejected_with_a_clear_message(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (2 * 1024 * 1024 + 10))
    _, diagnostics = run_json("--max-file-size", "1", str(path))
    assert len(diagnostics) == 1 and "larger than 1 MiB" in diagnostics[0]["message"]


# -- malformed rule files name the file and line, exit 2 ---------------------------------


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("id: x.a\nkind: row-sum\nseverity: error\nmessage: [unclosed\n", 4, "invalid YAML"),
        ("id: x.a\nkind: no-such-kind\nseverity: error\nmessage: m\n", 2, "unknown kind 'no-such-kind'"),
        ("id: x.a\nkind: stray-text\nseverity: fatal\nmessage: m\n", 3, "severity must be one of"),
        ("id: x.a\nkind: stray-text\nseverity: error\nmessage: 'bad {nope}'\n", 4, "unknown field(s) nope"),
        ("id: x.a\nkind: stray-text\nseverity: error\nmessage: m\nparams:\n  patterns:\n    - {match: '(unclosed'}\n", 7, "bad regular expression"),
        ("id: x.a\nkind: stray-text\nseverity: error\nmessage: m\nparams:\n  colour: red\n", 6, "unknown key 'colour'"),
        ("kind: stray-text\nseverity: error\nmessage: m\n", 1, "missing required key 'id'"),
        ("id: x.a\nkind: stray-text\nseverity: error\nmessage: m\nparams:\n  patterns:\n    - {match: '(a+)+$'}\n", 7, "can take exponential time"),
        # a YAML tag that would run code with an unsafe loader is just data here, and refused
        ("id: x.a\nkind: stray-text\nseverity: error\nmessage: !!python/object/apply:os.system ['touch PWNED']\n", 4, "'message' must be str"),
    ],
)
def test_malformed_rule_files(tmp_path, content, line, message):
    (tmp_path / "bad.yaml").write_text(content, encoding="utf-8")
    proc = run_cli("--rules", str(tmp_path), str(XINLE), cwd=tmp_path)
    assert not (tmp_path / "PWNED").exists()
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"bad.yaml:{line}:" in proc.stderr, proc.stderr
    assert message in proc.stderr


def test_user_rules_are_loaded_and_run(tmp_path):
    (tmp_path / "placeholder.yaml").write_text(
        "id: office.todo\nkind: stray-text\nseverity: error\nmessage: 'leftover {kind}: {text}'\n"
        "params:\n  patterns:\n    - {name: todo, match: 'TODO.*'}\n",
        encoding="utf-8",
    )
    report = tmp_path / "r.txt"
    report.write_text(CLEAN + "TODO 补充数据\n", encoding="utf-8")
    code, diagnostics = run_json("--rules", str(tmp_path), "--select", "office.todo", str(report))
    assert code == 1
    assert [(d["rule"], d["line"], d["message"]) for d in diagnostics] == [("office.todo", len(CLEAN.splitlines()) + 1, "leftover todo: TODO 补充数据")]


def test_test_rules_reports_failing_cases_in_users_rules(tmp_path):
    (tmp_path / "todo.yaml").write_text(
        "id: office.todo\nkind: stray-text\nseverity: error\nmessage: 'leftover {text}'\n"
        "params:\n  patterns:\n    - {name: todo, match: 'TODO.*'}\n"
        "tests:\n  - name: passes\n    text: \"正文\\n\"\n    expect: []\n"
        "  - name: wrong expectation\n    text: \"TODO 补充\\n\"\n    expect: [\"1:3 leftover\"]\n", encoding="utf-8")
    proc = run_cli("test-rules", str(tmp_path))
    assert proc.returncode == 1
    assert "FAIL office.todo" in proc.stdout and "wrong expectation" in proc.stdout and "expected '1:3 leftover'" in proc.stdout
    assert " 1 failed" in proc.stdout


def test_jobs_gives_identical_output_in_path_order(tmp_path):
    for i in range(3):
        for path in EXAMPLES.glob("*.txt"):
            shutil.copy(path, tmp_path / f"{i}-{path.name}")
    one = run_cli("--format", "json", "--jobs", "1", str(tmp_path))
    two = run_cli("--format", "json", "--jobs", "2", str(tmp_path))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    paths = [d["path"] for d in json.loads(two.stdout)]
    assert paths == sorted(paths)


def test_files_over_the_default_limit_are_refused_clearly(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB (sparse): over the 20 MB default
    proc = run_cli("--format", "json", str(path), str(XINLE))
    diagnostics = json.loads(proc.stdout)
    mine = [d for d in diagnostics if d["path"] == str(path)]
    assert [d["message"] for d in mine] == ["file is larger than 20 MiB; raise --max-file-size to lint it"]
    assert any(d["path"] == str(XINLE) for d in diagnostics)
