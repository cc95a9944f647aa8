"""The baseline: written once, then only new findings are reported; keyed on content, not lines."""

from __future__ import annotations

import json
import shutil

from conftest import EXAMPLES, run_cli, run_json


def test_baseline_round_trip_survives_line_shifts(tmp_path):
    report = tmp_path / "jili.txt"
    shutil.copy(EXAMPLES / "jili-2020-cells.txt", report)
    base = tmp_path / "baseline.json"
    first = run_cli("--baseline", str(base), "--write-baseline", str(report))
    assert first.returncode == 0 and base.exists() and "wrote" in first.stderr
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert entries and entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["text"], e["occurrence"]))

    code, diagnostics = run_json("--baseline", str(base), str(report))
    assert (code, diagnostics) == (0, [])

    # Insert lines at the top: every line number shifts, no old finding comes back.
    text = report.read_text(encoding="utf-8")
    report.write_text("\n\n\n" + text, encoding="utf-8")
    code, diagnostics = run_json("--baseline", str(base), str(report))
    assert (code, diagnostics) == (0, [])

    # A new finding is reported; a fixed one makes its entry stale.
    text = report.read_text(encoding="utf-8").replace("打印本页", "")
    text = text.replace("相关文档:", "相关文档:\n打印本页")
    text = text.replace("首页", "主页", 1)  # the breadcrumb line changes: its old entry is stale
    report.write_text(text, encoding="utf-8")
    proc = run_cli("--baseline", str(base), "--no-source", str(report))
    assert "“相关文档:” and 2 more lines" in proc.stdout   # the footer block grew a line: it is new
    assert "stale baseline entr" in proc.stdout


def test_a_corrupt_baseline_is_a_clear_error(tmp_path):
    base = tmp_path / "baseline.json"
    base.write_text("{not json", encoding="utf-8")
    proc = run_cli("--baseline", str(base), str(EXAMPLES / "jili-2020-cells.txt"))
    assert proc.returncode == 2 and "cannot use baseline" in proc.stderr and "Traceback" not in proc.stderr


def test_a_missing_baseline_fails_unless_asked_to_write_it(tmp_path):
    """A mistyped baseline path must not pass the run (it used to be written, exit 0)."""
    report = EXAMPLES / "jili-2020-cells.txt"
    base = tmp_path / "baselin.json"
    proc = run_cli("--baseline", str(base), str(report))
    assert proc.returncode == 2 and "does not exist" in proc.stderr and "--write-baseline" in proc.stderr and not base.exists()
    missing_folder = run_cli("--baseline", str(tmp_path / "nope" / "b.json"), "--write-baseline", str(report))
    assert missing_folder.returncode == 2 and missing_folder.stderr.startswith("reportlint: error: cannot write the baseline")
    assert "Traceback" not in missing_folder.stderr
