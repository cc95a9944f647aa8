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
    assert proc.returncode == 0 and "no .txt, .md or .html files" in proc.stderr and "no file to lint" in proc.stderr
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
