"""Every output format is byte-identical to its recorded output on the seeds, the corpus and the examples.

Speed work (issue 14) rewrote the text renderer, the cell scanner and the line passes;
none of it may change a byte of what users see. ``tests/golden/`` holds each format's
output of one run over ``../shared/seeds``, ``../shared/corpus`` and ``examples/``,
recorded before that work. When a change to the rules or the output is meant, record
the new output and review its diff in the commit:

    REPORTLINT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_output.py
"""

from __future__ import annotations

import os

import pytest

from conftest import ROOT, SHARED, run_cli

GOLDEN = ROOT / "tests" / "golden"
PATHS = ("../shared/seeds", "../shared/corpus", "examples")
UPDATE = os.environ.get("REPORTLINT_UPDATE_GOLDEN") == "1"

# golden file → the options of its run (the paths come last)
RUNS = {
    "text.out": (),
    "text-color.out": ("--color", "always"),
    "text-no-source.out": ("--no-source",),
    "statistics.out": ("--statistics",),
    "statistics-json.out": ("--statistics", "--format", "json"),
    "concise.out": ("--format", "concise"),
    "json.out": ("--format", "json"),
    "json-jobs2.out": ("--format", "json", "--jobs", "2"),
    "sarif.out": ("--format", "sarif"),
    "github.out": ("--format", "github"),
    "junit.out": ("--format", "junit"),
}

pytestmark = pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared is not beside the repository")


@pytest.mark.parametrize("name", sorted(RUNS))
def test_output_is_byte_identical(name):
    golden = GOLDEN / name
    # json-jobs2 must equal json: the pool changes how, not what.
    expected_file = GOLDEN / "json.out" if name == "json-jobs2.out" else golden
    proc = run_cli("--no-cache", *RUNS[name], *PATHS, cwd=ROOT, env={"COLUMNS": "80", "TERM": "xterm-256color"})
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.encode("utf-8")
    if UPDATE and name != "json-jobs2.out":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(out)
    recorded = expected_file.read_bytes()
    if out != recorded:
        got, want = out.decode().splitlines(), recorded.decode().splitlines()
        first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        pytest.fail(f"{name} differs from {expected_file.name} at line {first + 1}:\n"
                    f"  got:      {got[first] if first < len(got) else '<end>'!r}\n"
                    f"  recorded: {want[first] if first < len(want) else '<end>'!r}")
