"""The benchmark's generated inputs: the corpus and each input kind, reproducible, every variant present,
and every file lints cleanly.

(The benchmark itself is timed in benchmarks/, never here.)
"""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("kind", list(bench.KIND_SUFFIX))
def test_each_input_kind_builds_reproducibly_and_every_file_lints(tmp_path, kind):
    """The per-file-cost section's inputs: one copy of each source, built twice byte for byte, each
    file what its kind says, and none a read error or a crash (exit 0 or 1, never 2)."""
    sources = bench.input_kinds()[kind]
    if not sources:
        pytest.skip(f"no {kind} sources: ../shared is not beside the repository")
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    files = bench.build_kind(kind, first, len(sources))
    again = bench.build_kind(kind, second, len(sources))
    assert [p.name for p in files] == [p.name for p in again] and len(files) == len(sources)
    assert [p.read_bytes() for p in files] == [p.read_bytes() for p in again]
    assert all(p.suffix == bench.KIND_SUFFIX[kind] for p in files)

    data = {p.name: p.read_bytes() for p in files}
    if kind == "one-line":
        flattened = [name for (src, make), name in zip(sources, data) if make is bench.flattened]
        assert flattened and all(data[name].decode("utf-8").count("\n") == 1 for name in flattened)
    if kind == "html":
        assert all(b"<table" in d.lower() for d in data.values())
    if kind == "pdf":
        assert all(d.startswith(b"%PDF") for d in data.values())
    if kind == "docx":
        with zipfile.ZipFile(files[0]) as z:
            assert "word/document.xml" in z.namelist()

    proc = run_cli("--format", "json", "--no-cache", "--jobs", "1", str(first))
    assert proc.returncode in (0, 1), proc.stderr
    found = json.loads(proc.stdout)
    assert not [d for d in found if d["rule"] in ("read-error", "internal-error")]
    assert {Path(d["path"]).name for d in found} <= set(data)
