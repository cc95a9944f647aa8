"""The benchmark's generated corpus: reproducible, every variant present, and every file lints cleanly.

(The benchmark itself is timed in benchmarks/, never here.)
"""

from __future__ import annotations

import importlib.util
import json
import sys

from conftest import ROOT, run_cli

spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
bench = sys.modules["bench_run"] = importlib.util.module_from_spec(spec)   # dataclasses look their module up
spec.loader.exec_module(bench)


def test_corpus_is_reproducible_and_has_every_variant(tmp_path):
    sources, _ = bench.corpus_sources()
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    corpus = bench.build_corpus(first, sources, 60)
    bench.build_corpus(second, sources, 60)
    assert [p.read_bytes() for p in corpus.files] == [p.read_bytes() for p in sorted(second.iterdir())]
    assert {"traditional", "gb18030+crlf", "tabs→pipes"} <= set(corpus.variants)

    proc = run_cli("--format", "json", "--no-cache", str(first))
    assert proc.returncode == 1, proc.stderr
    rules = {d["rule"] for d in json.loads(proc.stdout)}
    assert not rules & {"read-error", "internal-error"}
