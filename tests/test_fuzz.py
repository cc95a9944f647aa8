"""Nothing may raise: random bytes, random text, truncated and shuffled real reports, huge tables.

A bounded budget runs by default. For a longer run:

    REPORTLINT_FUZZ_EXAMPLES=5000 pytest -m fuzz
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, run_cli
from reportlint.engine import lint_path, lint_source
from reportlint.fix import apply_fixes
from reportlint.read import Source
from reportlint.ruleset import load_ruleset

RULESET = load_ruleset()
RULES = RULESET.rules
EXAMPLES_N = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES_N, deadline=None, suppress_health_check=list(HealthCheck), derandomize="REPORTLINT_FUZZ_EXAMPLES" not in os.environ)
REAL_LINES = [line for p in sorted(EXAMPLES.glob("*.txt")) for line in p.read_text(encoding="utf-8").split("\n")]
ALPHABET = st.sampled_from(list("一二三四五六七八九十、（）()|\t 0123456789-—./年件条总计本年新收结转予以公开复议诉讼《》〔〕“”【】减增+%XX×　\u00a0\u200b\u202e\n\r"))


def _lint_text(text: str) -> None:
    result = lint_source(Source.from_text("fuzz.txt", text), RULESET, RULES, only_reports=False)
    assert not result.internal_error, [d.message for d in result.diagnostics if d.rule == "internal-error"]
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.end_line >= d.line
    apply_fixes(result.source, result.diagnostics)


@pytest.mark.fuzz
@FUZZ
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_report_like_text(text):
    _lint_text(text)


@pytest.mark.fuzz
@FUZZ
@given(st.text(max_size=300))
def test_any_unicode(text):
    _lint_text(text)


@pytest.mark.fuzz
@FUZZ
@given(st.lists(st.sampled_from(REAL_LINES), max_size=250), st.integers(min_value=0, max_value=10**6))
def test_shuffled_and_truncated_real_reports(lines, seed):
    rng = random.Random(seed)
    if lines and rng.random() < 0.5:
        cut = rng.randrange(len(lines))
        lines = lines[:cut] + [lines[cut][: rng.randrange(len(lines[cut]) + 1)]]
    _lint_text("\n".join(lines))


@pytest.mark.fuzz
@settings(max_examples=max(10, EXAMPLES_N // 4), deadline=None, suppress_health_check=list(HealthCheck), derandomize="REPORTLINT_FUZZ_EXAMPLES" not in os.environ)
@given(st.binary(max_size=2000))
def test_random_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "f.txt"
    path.write_bytes(data)
    result = lint_path(str(path), RULESET, RULES)
    assert not result.internal_error


def test_enormous_and_ragged_tables():
    rows = ["三、收到和处理政府信息公开申请情况"]
    rng = random.Random(7)
    for i in range(3000):
        cells = [str(rng.randrange(100)) if rng.random() > 0.1 else "" for _ in range(rng.randrange(1, 40))]
        rows.append(f"{i}.（一）予以公开 | " + " | ".join(cells))
    rows.append("|" * 5000)
    rows.append("\t".join(["1"] * 5000))
    rows.append(" ".join(["0"] * 20000))
    _lint_text("\n".join(rows))


def test_cli_on_garbage_files_ends_in_0_1_or_2(tmp_path):
    rng = random.Random(3)
    files = []
    for i in range(5):
        p = tmp_path / f"g{i}.txt"
        p.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))))
        files.append(str(p))
    proc = run_cli(*files)
    assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.stderr
