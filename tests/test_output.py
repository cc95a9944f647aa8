"""Output formats, --output-file, --statistics and rule docs, through the real CLI."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from conftest import EXAMPLES, ROOT, run_cli

XINLE = EXAMPLES / "xinle-2019-traditional-pipes.txt"
HONGZE = EXAMPLES / "hongze-2023.txt"


def test_sarif_validates_against_the_sarif_2_1_0_schema():
    import jsonschema

    proc = run_cli("--format", "sarif", str(XINLE), str(HONGZE))
    log = json.loads(proc.stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert results and all(r["partialFingerprints"]["reportlint/v1"] for r in results)
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(ids[r["ruleIndex"]] == r["ruleId"] for r in results)
    row_sum = [r for r in results if r["ruleId"] == "gov.row-sum"]
    assert row_sum[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 131, "startColumn": 10, "endLine": 131, "endColumn": 11}
    assert row_sum[0]["level"] == "error"


def test_github_annotations_escape_data_and_properties(tmp_path):
    weird = tmp_path / "a,b:c%d.txt"
    shutil.copy(XINLE, weird)
    proc = run_cli("--format", "github", "--select", "required-section", str(weird))
    line = proc.stdout.strip().splitlines()[0]
    assert line.startswith("::error file=")
    assert "a%2Cb%3Ac%25d.txt" in line
    assert ",line=69,col=100," in line and ",title=gov.required-section::" in line

    from reportlint.render.github import escape_data, escape_property

    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_info_severity_is_a_notice():
    from reportlint.diagnostics import Diagnostic
    from reportlint.engine import FileResult
    from reportlint.render import Report
    from reportlint.render.github import render
    import io

    out = io.StringIO()
    render(Report([FileResult("p.txt", [Diagnostic("p.txt", 1, 1, 1, 2, "gov.x", "info", "m")])]), out)
    assert out.getvalue().startswith("::notice ")


def test_junit_is_well_formed_with_one_failure_per_file_and_rule(tmp_path):
    clean = tmp_path / "README.md"
    clean.write_text("# notes\n", encoding="utf-8")
    proc = run_cli("--format", "junit", str(XINLE), str(clean))
    root = ET.fromstring(proc.stdout)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("failures")) == len(failures) > 0
    assert {c.get("name") for c in failures} >= {"gov.missing-value", "gov.required-section"}
    assert any(c.get("classname") == str(clean) and c.find("failure") is None for c in cases)


def test_concise_is_one_line_per_finding():
    proc = run_cli("--format", "concise", str(XINLE))
    *lines, last = proc.stdout.splitlines()
    assert lines and all(line.startswith(f"{XINLE}:") for line in lines)
    assert last.startswith(f"Found {len(lines)} problems (")
    assert f"{XINLE}:69:100: error gov.required-section missing section 六、其他需要报告的事项" in proc.stdout


def test_output_file_and_statistics(tmp_path):
    out = tmp_path / "report.sarif"
    proc = run_cli("--format", "sarif", "--output-file", str(out), str(XINLE))
    assert proc.returncode == 1 and proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    stats = run_cli("--statistics", str(XINLE)).stdout
    assert "gov.missing-value" in stats and stats.rstrip().endswith("total")
    counts = {line.split()[1]: int(line.split()[0]) for line in stats.splitlines() if line.split()[1] != "total"}
    assert counts["gov.missing-value"] == 2


def test_explain_shows_what_why_examples_and_options():
    proc = run_cli("explain", "row-sum")
    assert proc.returncode == 0
    for part in ("gov.row-sum", "What it does", "Why is this bad", "Options (params):", "Example that is reported", "Example that passes"):
        assert part in proc.stdout
    assert run_cli("explain", "no-such-rule").returncode == 2


def test_rules_lists_kind_severity_and_fixable():
    lines = run_cli("rules").stdout.splitlines()
    stray = next(line for line in lines if line.startswith("gov.stray-text"))
    assert "stray-text" in stray and "warning" in stray and "fix" in stray
    assert len(lines) == len(list((ROOT / "rules" / "gov" / "rules").glob("*.yaml")))


@pytest.mark.parametrize("fmt", ["json", "concise", "github", "text"])
def test_output_streams_one_file_at_a_time(fmt):
    """A file's findings are written before the next file is linted, so memory stays flat on an archive."""
    import io
    import json

    from reportlint.diagnostics import Diagnostic
    from reportlint.engine import FileResult
    from reportlint.render import Report, render

    out = io.StringIO()
    written_before = []

    def results():
        for i in range(3):
            written_before.append(out.getvalue())
            yield FileResult(f"r{i}.txt", [Diagnostic(f"r{i}.txt", 2, 3, 2, 5, "gov.x", "warning", f"finding “{i}”\nnext")])

    render(fmt, Report(results()), out, color=False, show_source=False)
    assert "r0.txt" not in written_before[0]
    assert "r0.txt" in written_before[1] and "r1.txt" in written_before[2] and "r1.txt" not in written_before[1]
    if fmt == "json":
        expected = [Diagnostic(f"r{i}.txt", 2, 3, 2, 5, "gov.x", "warning", f"finding “{i}”\nnext").as_json() for i in range(3)]
        assert out.getvalue() == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_json_output_of_no_findings_is_an_empty_array():
    import io

    from reportlint.engine import FileResult
    from reportlint.render import Report, render

    out = io.StringIO()
    render("json", Report(iter([FileResult("a.txt"), FileResult("b.txt")])), out)
    assert out.getvalue() == "[]\n"


def test_an_unwritable_output_file_is_a_clear_error(tmp_path):
    proc = run_cli("--output-file", str(tmp_path / "no-such-dir" / "out.json"), "--format", "json", str(HONGZE))
    assert proc.returncode == 2 and "cannot write" in proc.stderr and "Traceback" not in proc.stderr


def _tricky_results():
    from reportlint.diagnostics import Diagnostic
    from reportlint.engine import FileResult
    from reportlint.read import Source

    long_line = "（一）" + "主动公开政府信息情况，" * 12 + "共计[1]件\t完"
    lines = ["一、总体情况\t说明", long_line, "ascii [bold]markup[/] line", "控制\x1b[31m字符"]
    source = Source.from_text("目录\t/报告.txt", "\n".join(lines))
    found = [
        Diagnostic(source.path, 1, 1, 1, 4, "gov.x", "error", "标题\t“一、”[red]不[/]对"),
        Diagnostic(source.path, 2, 40, 2, 44, "gov.y", "warning", "a\ttab\tand 宽字符\t!"),
        Diagnostic(source.path, 2, len(long_line) - 1, 2, len(long_line) + 1, "gov.y", "info", "end"),
        Diagnostic(source.path, 3, 7, 3, 13, "gov.z", "warning", "[bold]"),
        Diagnostic(source.path, 4, 3, 4, 4, "gov.z", "error", "esc\x1b[0m"),
        Diagnostic(source.path, 9, 1, 9, 2, "gov.z", "error", "past the end"),
    ]
    return [FileResult(source.path, found, source=source), FileResult("b.txt")]


def test_text_output_is_the_coloured_output_without_its_colours():
    """The plain writer (no rich console) lays out exactly what rich prints in colour: tabs, CJK carets, windows."""
    import io
    import re

    from reportlint.render import Report, render

    plain, coloured = io.StringIO(), io.StringIO()
    render("text", Report(_tricky_results()), plain, color=False)
    render("text", Report(_tricky_results()), coloured, color=True)
    assert "\x1b[" in coloured.getvalue() and "\x1b" not in plain.getvalue().replace("\\x1b", "")
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue()) == plain.getvalue()
    text = plain.getvalue().splitlines()
    assert text[0] == "目录    /报告.txt:1:1: error gov.x 标题 “一、”[red]不[/]对"   # tabs to stops of 8 cells
    assert text[2] == "  │ " + "^" * 6          # 一、总 is six cells wide
    assert "past the end" in plain.getvalue() and "\\x1b[0m" in plain.getvalue()


def test_text_output_writes_each_file_once():
    import io

    from reportlint.render import Report, render

    class Counting(io.StringIO):
        calls = 0

        def write(self, s):
            Counting.calls += 1
            return super().write(s)

    out = Counting()
    render("text", Report(_tricky_results()), out, color=False)
    assert Counting.calls == 2     # the file with findings, then the summary (a clean file writes nothing)


def test_the_source_window_is_rich_s_measure_of_the_line():
    """The window around a span, measured only as far as it reaches, is the one a whole-line measure gives."""
    import random

    from rich.cells import cell_len

    from reportlint.render.text import _WINDOW, _window

    def reference(line, start, end):   # the measure the renderer used before: whole slices through rich
        if cell_len(line) <= _WINDOW:
            return line, start, end
        left = start
        while left > 0 and cell_len(line[left - 1:start]) < _WINDOW // 3:
            left -= 1
        right = max(end, left)
        while right < len(line) and cell_len(line[left:right + 1]) < _WINDOW:
            right += 1
        prefix, suffix = ("…" if left > 0 else ""), ("…" if right < len(line) else "")
        return prefix + line[left:right] + suffix, start - left + len(prefix), end - left + len(prefix)

    rng = random.Random(14)
    plain = "ab 1,。政府信息公开（）“”—\u0301\u200b👍"   # wide, narrow and zero-width characters
    for i in range(400):
        alphabet = plain + "\u200d\ufe0f" if i % 4 == 0 else plain   # joiners: rich measures whole strings
        line = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300)))
        start = rng.randrange(0, len(line) + 1)
        end = rng.randrange(start, len(line) + 1)
        assert _window(line, start, end) == reference(line, start, end), (line, start, end)


def test_display_widths_are_rich_s():
    import random

    from rich.cells import cell_len

    from reportlint.render.text import _cell_len

    rng = random.Random(14)
    alphabet = "ab\x1b\x07\x7f\x9f 1,。政府（）“”—\u0301\u200b👍\u200d\ufe0f"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        assert _cell_len(text) == cell_len(text), repr(text)
