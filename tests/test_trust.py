"""Issue 13: no silent passes, exit 2 with one line on every failure, nothing read that could run code."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess

import pytest

from conftest import EXAMPLES, run_cli

JILI = EXAMPLES / "jili-2020-cells.txt"
XINLE = EXAMPLES / "xinle-2019-traditional-pipes.txt"


def _one_error_line(proc: subprocess.CompletedProcess, text: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("reportlint: error:")]
    assert len(errors) == 1 and text in errors[0], proc.stderr


# -- no silent passes ------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n\n", "\u3000\n".encode()])
def test_an_empty_file_is_skipped_with_a_note_not_an_error(tmp_path, content):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    proc = run_cli("--format", "json", str(empty), str(JILI))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert not [d for d in json.loads(proc.stdout) if d["path"] == str(empty)]
    assert f"reportlint: note: {empty}: " in proc.stderr and "skipped" in proc.stderr
    alone = run_cli(str(empty))
    assert alone.returncode == 0 and "skipped" in alone.stdout


def test_read_error_can_be_ignored_per_path(tmp_path):
    (tmp_path / "scans").mkdir()
    binary = tmp_path / "scans" / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert run_cli("--format", "json", str(binary)).returncode == 1
    (tmp_path / ".reportlint.yaml").write_text('per-file-ignores: {"scans/**": [read-error]}\n', encoding="utf-8")
    proc = run_cli("--format", "json", str(binary))
    assert proc.returncode == 0 and json.loads(proc.stdout) == [] and "read-error is ignored" in proc.stderr
    assert run_cli("--format", "json", "--ignore", "read-error", str(binary)).returncode == 0


def test_a_path_with_nothing_to_lint_says_so_and_can_fail(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = run_cli(str(tmp_path / "empty"))
    assert proc.returncode == 0 and "no .txt, .md, .html, .pdf or .docx files" in proc.stderr and "no file to lint" in proc.stderr
    _one_error_line(run_cli("--fail-on-empty", str(tmp_path / "empty")), "no file to lint")
    _one_error_line(run_cli("audit", "--fail-on-empty", str(tmp_path / "empty")), "no file to lint")


@pytest.mark.parametrize("where", ["--select", "--ignore"])
def test_unknown_rule_on_the_command_line_names_the_closest(where):
    _one_error_line(run_cli(where, "row-sums", str(JILI)), "unknown rule 'row-sums' (did you mean 'row-sum'?)")


@pytest.mark.parametrize("config", [
    "select: [row-sums]\n",
    "ignore:\n  - stray-text\n  - row-sums\n",
    'per-file-ignores:\n  "*.txt": [row-sums]\n',
    "severity: {row-sums: warning}\n",
])
def test_unknown_rule_in_configuration_is_an_error_naming_file_and_line(tmp_path, config):
    shutil.copy(JILI, tmp_path / "r.txt")
    (tmp_path / ".reportlint.yaml").write_text(config, encoding="utf-8")
    proc = run_cli(str(tmp_path / "r.txt"))
    line = next(n for n, text in enumerate(config.splitlines(), 1) if "row-sums" in text)
    _one_error_line(proc, f"{tmp_path / '.reportlint.yaml'}:{line}: ")
    assert "unknown rule 'row-sums' (did you mean 'row-sum'?)" in proc.stderr


def test_unknown_rule_in_a_suppression_comment_is_an_error_naming_file_and_line(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(JILI.read_text(encoding="utf-8") + "\n<!-- reportlint: disable-next-line=row-sums -->\n打印本页\n", encoding="utf-8")
    lines = report.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "row-sums" in text)
    col = lines[line - 1].index("row-sums") + 1
    proc = run_cli(str(report))
    _one_error_line(proc, f"{report}:{line}:{col}: unknown rule 'row-sums' in a suppression comment (did you mean 'row-sum'?)")


# -- exit 2 with one line ----------------------------------------------------------


@pytest.mark.parametrize("size", ["-5", "nan", "1e400", "0"])
def test_bad_max_file_size_is_a_usage_error(size):
    _one_error_line(run_cli("--max-file-size", size, str(JILI)), "--max-file-size")


def test_bad_max_file_size_in_configuration_is_a_usage_error(tmp_path):
    shutil.copy(JILI, tmp_path / "r.txt")
    (tmp_path / ".reportlint.yaml").write_text("max-file-size: -5\n", encoding="utf-8")
    _one_error_line(run_cli(str(tmp_path / "r.txt")), "max-file-size")


def test_audit_html_to_an_unwritable_path_fails_before_the_run(tmp_path):
    proc = run_cli("audit", "--html", str(tmp_path / "missing" / "audit.html"), str(JILI))
    _one_error_line(proc, "cannot write the HTML report")
    assert "Audited" not in proc.stdout


def test_an_unreachable_dask_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    proc = run_cli("--executor", "dask", "--dask-scheduler", "tcp://127.0.0.1:9", "--no-cache", str(JILI))
    _one_error_line(proc, "cannot reach the dask scheduler tcp://127.0.0.1:9")


def test_an_internal_error_is_one_line_not_a_traceback(tmp_path):
    """An unexpected exception anywhere (here: the cache directory is a file) ends with exit 2 and one line."""
    blocker = tmp_path / "cache"
    blocker.write_text("", encoding="utf-8")
    code = ("import sys, reportlint.runner as r\n"
            "def boom(*a, **k): raise RuntimeError('boom')\n"
            "r.collect = boom\nfrom reportlint.cli import main\nsys.exit(main([sys.argv[1]]))\n")
    proc = subprocess.run([os.sys.executable, "-c", code, str(JILI)], capture_output=True, text=True, timeout=120)
    _one_error_line(proc, "internal error: RuntimeError: boom")


def test_fifo_socket_and_device_are_skipped_with_a_note_never_opened(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(JILI, docs / "jili.txt")
    os.mkfifo(docs / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(docs / "sock.txt"))
    try:
        walked = run_cli("--format", "json", str(docs))
        given = run_cli("--format", "json", str(docs / "pipe.txt"), "/dev/zero", str(docs / "jili.txt"))
    finally:
        sock.close()
    for proc in (walked, given):
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert {d["path"] for d in json.loads(proc.stdout)} == {str(docs / "jili.txt")}
        assert "pipe.txt: skipped: a FIFO, not read" in proc.stderr
    assert "sock.txt: skipped: a socket" in walked.stderr
    assert "/dev/zero: skipped: a character device" in given.stderr


# -- subcommands ---------------------------------------------------------------


def test_help_lists_every_subcommand():
    from reportlint.cli import SUBCOMMANDS

    out = run_cli("--help").stdout
    assert all(f"  {name} " in out for name in SUBCOMMANDS)


def test_a_subcommand_after_options_says_it_comes_first(tmp_path):
    _one_error_line(run_cli("--rules", str(tmp_path), "rules"), "'rules' is a subcommand and comes first")
    assert run_cli("rules", "--rules", str(tmp_path)).returncode == 0


# -- fixes never lose text, and say what they did ------------------------------------

FIXABLE = "cjk-space"


def _fixable_copy(folder, name="r.txt", *, final_newline=True):
    text = JILI.read_text(encoding="utf-8").rstrip("\n") + "\n工作  有序\n一二 三\n"
    path = folder / name
    path.write_text(text if final_newline else text.rstrip("\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("final_newline", [True, False])
@pytest.mark.parametrize("tool", ["patch", "git"])
def test_diff_is_a_patch_that_patch_and_git_apply_accept(tmp_path, final_newline, tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    (tmp_path / "docs").mkdir()
    path = _fixable_copy(tmp_path / "docs", final_newline=final_newline)
    proc = run_cli("--diff", "--select", FIXABLE, "docs/r.txt", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith("--- docs/r.txt\n+++ docs/r.txt\n")
    fixed = tmp_path / "fixed"
    shutil.copytree(tmp_path / "docs", fixed / "docs")
    assert run_cli("--fix", "--select", FIXABLE, "docs/r.txt", cwd=fixed).returncode in (0, 1)
    command = ["patch", "-p0", "--batch"] if tool == "patch" else ["git", "apply", "-p0", "--unsafe-paths"]
    applied = subprocess.run(command, input=proc.stdout, text=True, capture_output=True, cwd=tmp_path)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert path.read_bytes() == (fixed / "docs" / "r.txt").read_bytes()
    assert path.read_text(encoding="utf-8").endswith("\n") == final_newline


def test_fix_reports_how_many_fixes_it_applied(tmp_path):
    path = _fixable_copy(tmp_path)
    before = [d for d in json.loads(run_cli("--format", "json", "--select", FIXABLE, str(path)).stdout) if d["fixable"]]
    proc = run_cli("--fix", "--select", FIXABLE, str(path))
    assert len(before) > 2 and f"reportlint: applied {len(before)} fixes in 1 file" in proc.stderr
    assert "applied 0 fixes in 0 files" in run_cli("--fix", "--select", FIXABLE, str(path)).stderr


def test_fix_on_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path):
    target = _fixable_copy(tmp_path, "target.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    run_cli("--fix", "--select", FIXABLE, str(link))
    assert link.is_symlink() and os.readlink(link) == target.name
    assert "工作有序" in target.read_text(encoding="utf-8")


def test_fix_refuses_a_read_only_file_unless_forced_and_fixes_the_others(tmp_path):
    locked, other = _fixable_copy(tmp_path, "locked.txt"), _fixable_copy(tmp_path, "other.txt")
    locked.chmod(0o444)
    before = locked.read_bytes()
    proc = run_cli("--fix", "--select", FIXABLE, str(locked), str(other))
    _one_error_line(proc, f"{locked}: not fixed: the file is read-only")
    assert locked.read_bytes() == before and "工作有序" in other.read_text(encoding="utf-8")
    forced = run_cli("--fix", "--force", "--select", FIXABLE, str(locked))
    assert forced.returncode in (0, 1) and "工作有序" in locked.read_text(encoding="utf-8")
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444


def test_fix_in_a_read_only_folder_is_an_error_and_the_file_is_untouched(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _fixable_copy(folder)
    elsewhere = _fixable_copy(tmp_path, "elsewhere.txt")
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        proc = run_cli("--fix", "--select", FIXABLE, str(path), str(elsewhere))
    finally:
        folder.chmod(0o755)
    _one_error_line(proc, f"{path}: not fixed: its folder is read-only")
    assert path.read_bytes() == before and "工作有序" in elsewhere.read_text(encoding="utf-8")
    assert "cjk-space" in proc.stdout   # what is left is still reported


# -- output: escaped, valid, summarised, in the format asked for --------------------

HOSTILE = "打印本页\x1b]0;pwned\x07\x1b[2J\u202e\x00\x85"


def _hostile_result():
    from reportlint.diagnostics import Diagnostic
    from reportlint.engine import FileResult
    from reportlint.read import Source

    source = Source.from_text("a\x1b[31m.txt", f"标题\n{HOSTILE}\n")
    d = Diagnostic(source.path, 2, 1, 2, 5, "gov.stray-text", "warning", f"page chrome: {HOSTILE}")
    return FileResult(source.path, [d], source)


@pytest.mark.parametrize("name", ["text", "concise"])
def test_control_characters_are_printed_escaped(name):
    import io

    from reportlint.render import Report, render

    out = io.StringIO()
    render(name, Report([_hostile_result()]), out)
    text = out.getvalue()
    assert not any(ch in text for ch in "\x1b\x07\x00\x85\u202e")
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202e\\x00\\x85" in text and "a\\x1b[31m.txt:2:1" in text
    if name == "text":   # the caret still points under the span
        source_line, caret = [line for line in text.splitlines() if "│" in line][:2]
        assert caret.index("^") == source_line.index("打印本页")


def test_control_characters_from_a_real_file_never_reach_the_terminal(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(JILI.read_text(encoding="utf-8") + f"\n{HOSTILE}\n", encoding="utf-8")
    for fmt in ("text", "concise"):
        proc = run_cli("--format", fmt, str(report))
        assert proc.returncode in (0, 1) and "\x1b" not in proc.stdout and "\x00" not in proc.stdout and "\u202e" not in proc.stdout


def test_junit_is_valid_xml_for_any_input():
    import io
    import xml.etree.ElementTree as ET

    from reportlint.render import Report, render

    out = io.StringIO()
    render("junit", Report([_hostile_result()]), out)
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    assert "\\x1b]0;pwned" in root.find(".//failure").text


def test_concise_ends_with_a_summary_line():
    lines = run_cli("--format", "concise", str(JILI)).stdout.splitlines()
    assert lines[-1].startswith(f"Found {len(lines) - 1} problems (") and " in 1 file" in lines[-1]


def test_statistics_and_audit_honour_format_json():
    stats = json.loads(run_cli("--statistics", "--format", "json", str(JILI)).stdout)
    assert stats and all(set(row) == {"rule", "severity", "count", "fixable"} for row in stats)
    audit = run_cli("audit", "--format", "json", str(EXAMPLES))
    summary = json.loads(audit.stdout)
    assert audit.returncode == 1 and summary["files"] >= len(list(EXAMPLES.glob("*.txt"))) and summary["rules"]


# -- user patterns cannot hang the run ------------------------------------------------

RULE = "id: x.slow\nkind: stray-text\nseverity: error\nmessage: m\nparams:\n  patterns:\n    - name: n\n      match: '{}'\n"


@pytest.mark.parametrize(("pattern", "message"), [
    ("(.*a){20}", "repeats a group that itself repeats something"),
    ("(a|aa)+$", "alternatives that can start the same way"),
    ("a" * 10_000, "is 10000 characters long; at most 2000"),
])
def test_patterns_that_could_hang_are_refused_naming_file_and_line(tmp_path, pattern, message):
    (tmp_path / "slow.yaml").write_text(RULE.format(pattern), encoding="utf-8")
    proc = run_cli("--rules", str(tmp_path), "--no-cache", str(JILI), env={"REPORTLINT_NO_RULE_CACHE": "1"})
    _one_error_line(proc, f"{tmp_path / 'slow.yaml'}:8: ")
    assert message in proc.stderr


@pytest.mark.parametrize("pattern", [r"(?:>\s*[^>]+){2,}", r"(\s*第\d+条)+", r"(?:<!--|-->|&nbsp;|&amp;|\s)+", "(?:微信|微博)+"])
def test_patterns_with_a_separator_or_distinct_alternatives_are_allowed(pattern):
    from reportlint.patterns import refusal
    from reportlint.structure.spec import NUMBERING

    assert refusal(pattern) is None and refusal(NUMBERING) is None


def test_the_readme_ci_snippet_runs_as_written(tmp_path):
    """Its install step names the checkout it makes; its reportlint steps work on a checkout with reports/."""
    import re as _re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = readme[readme.index("## CI"):]
    snippet = ci[ci.index("```yaml"):ci.index("```", ci.index("```yaml") + 3)]
    checkout = _re.search(r"path: ([^\s}]+)", snippet).group(1)
    runs = _re.findall(r"- run: (.+)", snippet)
    assert runs[0] == f"pip install ./{checkout}" and "pip install reportlint" not in readme
    (tmp_path / "reports").mkdir()
    shutil.copy(JILI, tmp_path / "reports" / "jili.txt")
    for command in runs[1:]:
        args = command.split()
        assert args[0] == "reportlint"
        proc = run_cli(*args[1:], cwd=tmp_path)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    sarif = json.loads((tmp_path / "reportlint.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    (tmp_path / "reports" / "jili.txt").unlink()
    assert run_cli(*runs[1].split()[1:], cwd=tmp_path).returncode == 2   # --fail-on-empty: a wrong path fails the job


def test_diff_notes_files_it_cannot_read_and_still_diffs_the_others(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    path = _fixable_copy(tmp_path)
    proc = run_cli("--diff", "--select", FIXABLE, str(tmp_path / "empty.txt"), str(path))
    assert proc.returncode == 1 and proc.stdout.startswith(f"--- {path}") and "empty.txt: not read: empty file" in proc.stderr
