#!/usr/bin/env python3
"""Benchmark reportlint: one-report latency, corpus throughput, --jobs scaling, peak memory.

    python benchmarks/run.py            # 1,000 reports; peak memory on 10,000
    python benchmarks/run.py --quick    # 200 reports, memory on 2,000, fewer repetitions

The corpus is generated reproducibly (seeded) from the seed and corpus reports in the
shared folder (``../shared/seeds``, ``../shared/corpus``), or from ``examples/`` when
that folder is absent: copies with varied numbers, tab rows turned into pipe rows and
pipe rows into tab rows, some converted to Traditional script, and some saved as
GB18030 with CRLF line endings, as real reports arrive. Every figure is measured side
by side in one run and printed with its ratio to the baseline it is compared with; a
closing table gives each target's verdict.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
TYPICAL = "shunhe-2020-tabs.txt"
SEED = 2026
NUMBER = re.compile(r"(?<![\d.])\d{1,4}(?![\d.])")
PIPE_ROW = re.compile(r"^.*\|.*\|.*$", re.MULTILINE)

# Targets from the issue.
LATENCY_VS_YAMLLINT = 1.2       # one report ≤ 1.2x yamllint on one small file
RATE_PER_CORE = 500.0           # reports/s per core
SCALING_EFFICIENCY = 0.9        # "close to linear": 2 jobs ≥ 90% of 2x one job
RSS_LIMIT_MB = 100.0            # peak RSS ...
RSS_TARGET_FILES = 10_000       # ... on this many files


# ---------------------------------------------------------------- corpus


@dataclass
class Corpus:
    files: list[Path] = field(default_factory=list)
    size: int = 0
    variants: Counter[str] = field(default_factory=Counter)


def corpus_sources() -> tuple[list[Path], str]:
    """The reports the corpus is derived from, and a description of where they came from."""
    shared = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    if shared:
        return shared, f"{SHARED}/seeds + {SHARED}/corpus"
    return sorted(EXAMPLES.glob("*.txt")), f"{EXAMPLES} (no shared folder at {SHARED})"


def vary_numbers(text: str, rng: random.Random) -> str:
    return NUMBER.sub(lambda m: str(rng.randrange(0, 200)) if rng.random() < 0.3 else m.group(), text)


def tabs_to_pipes(text: str) -> str:
    return text.replace("\t", " | ")


def pipes_to_tabs(text: str) -> str:
    """``a | b | c |`` rows become ``a<TAB>b<TAB>c`` rows (the trailing pipe closes the row)."""
    def row(m: re.Match[str]) -> str:
        line = m.group().rstrip()
        line = line[:-1] if line.endswith("|") else line
        return "\t".join(cell.strip() for cell in line.split("|"))

    return PIPE_ROW.sub(row, text)


@functools.lru_cache(maxsize=1)
def _s2t() -> Any:
    from opencc import OpenCC  # a reportlint dependency

    return OpenCC("s2t")


@functools.lru_cache(maxsize=None)
def traditional(text: str) -> str:
    """Simplified → Traditional, cached per source (numbers are varied afterwards)."""
    return str(_s2t().convert(text))


def make_copy(text: str, rng: random.Random) -> tuple[bytes, list[str]]:
    """One corpus file's bytes and the names of the variants applied to it."""
    applied = []
    if rng.random() < 0.1:
        converted = traditional(text)
        if converted != text:
            text, applied = converted, ["traditional"]
    text = vary_numbers(text, rng)
    if rng.random() < 0.3:
        if "\t" in text:
            text, applied = tabs_to_pipes(text), [*applied, "tabs→pipes"]
        elif PIPE_ROW.search(text):
            text, applied = pipes_to_tabs(text), [*applied, "pipes→tabs"]
    if rng.random() < 0.15:
        return text.replace("\n", "\r\n").encode("gb18030"), [*applied, "gb18030+crlf"]
    return text.encode("utf-8"), applied


def build_corpus(target: Path, sources: list[Path], count: int, seed: int = SEED) -> Corpus:
    """``count`` report files derived from ``sources``; file ``i`` depends only on ``seed`` and ``i``."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    corpus = Corpus()
    for i in range(count):
        k = i % len(texts)
        data, applied = make_copy(texts[k], random.Random(seed * 1_000_003 + i))
        path = target / f"{i:05d}-{sources[k].stem}.txt"
        path.write_bytes(data)
        corpus.files.append(path)
        corpus.size += len(data)
        corpus.variants.update(applied or ["as is"])
    return corpus


def make_corpus(parent: Path, name: str, sources: list[Path], count: int) -> tuple[Path, Corpus]:
    directory = parent / name
    directory.mkdir()
    started = time.perf_counter()
    corpus = build_corpus(directory, sources, count)
    mix = ", ".join(f"{v} {n}" for v, n in sorted(corpus.variants.items()))
    print(f"{name}: {len(corpus.files)} reports ({corpus.size / 1e6:.1f} MB) generated in "
          f"{time.perf_counter() - started:.1f} s; variants: {mix}")
    return directory, corpus


# ---------------------------------------------------------------- measuring


def precompile(py: str) -> None:
    """Byte-compile reportlint as an installed package would be (PYTHONDONTWRITEBYTECODE may be set)."""
    spec = importlib.util.find_spec("reportlint")
    if spec is None or not spec.submodule_search_locations:
        print("bytecode: reportlint not found; cold runs will compile it every time")
        return
    package = list(spec.submodule_search_locations)[0]
    done = subprocess.run([py, "-m", "compileall", "-q", package], stdout=subprocess.DEVNULL)
    status = "" if done.returncode == 0 else f" (compileall exited {done.returncode}: some module did not compile)"
    print(f"bytecode: compiled {package} with compileall, as an installed package is{status}")


def run(cmd: list[str]) -> float:
    """Wall time of one run, output discarded; warns when the command failed (exit ≥ 2)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode >= 2 or done.returncode < 0:
        print(f"   WARNING: exit {done.returncode} from {' '.join(cmd[-3:])}: figure not trustworthy")
    return elapsed


def timed(cmd: list[str], repeat: int) -> float:
    """Median wall time of ``cmd`` over ``repeat`` runs (after one warm-up for the file and rule caches)."""
    run(cmd)
    return statistics.median(run(cmd) for _ in range(repeat))


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(peak RSS in MB of the largest process in ``cmd``'s tree, wall time). Output goes to DEVNULL.

    ``os.wait4`` gives this child's own usage, in which ru_maxrss is the maximum over the
    child and every descendant it waited for (e.g. --jobs workers): the largest single process.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode >= 2 or proc.returncode < 0:
        print(f"   WARNING: exit {proc.returncode} from {' '.join(cmd[-3:])}: figure not trustworthy")
    return usage.ru_maxrss / 1024, elapsed  # ru_maxrss is in KiB on Linux


def yamllint_command() -> list[str] | None:
    """yamllint for the comparison: installed, or pip-installed into a throwaway venv (never a project dependency)."""
    exe = shutil.which("yamllint")
    if exe:
        return [exe]
    venv = Path(tempfile.gettempdir()) / "reportlint-bench-yamllint"
    exe = venv / "bin" / "yamllint"
    if not exe.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "yamllint"], check=True, capture_output=True, timeout=300)
        except (subprocess.SubprocessError, OSError):
            return None
    return [str(exe)] if exe.exists() else None


# ---------------------------------------------------------------- the three sections


@dataclass
class Verdict:
    measure: str
    result: str
    target: str
    verdict: str


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def measure_latency(py: str, lint: list[str], typical: Path, tmp: Path, repeat: int) -> Verdict:
    yaml_file = tmp / "small.yaml"
    yaml_file.write_text("key: value\nlist: [1, 2, 3]\n", encoding="utf-8")
    baseline = {
        "python -c pass": timed([py, "-c", "pass"], repeat),
        "python -c 'import rich, ruamel.yaml'": timed([py, "-c", "import rich, ruamel.yaml"], repeat),
    }
    yl = yamllint_command()
    if yl:
        baseline["yamllint (one small file)"] = timed([*yl, str(yaml_file)], repeat)
    one = timed([*lint, str(typical)], repeat)
    print(f"\n1. one report from a cold process (median wall time of {repeat}; {typical.name})")
    print(f"   {'reportlint (one report)':<36} {one * 1000:7.1f} ms")
    for name, t in baseline.items():
        print(f"   {name:<36} {t * 1000:7.1f} ms   reportlint / this = {one / t:5.2f}x")
    target = f"≤ {LATENCY_VS_YAMLLINT}x yamllint"
    if not yl:
        print("   yamllint: not available (could not install it into a throwaway venv)")
        return Verdict("one report, cold process", f"{one * 1000:.0f} ms", target, "not measured")
    ratio = one / baseline["yamllint (one small file)"]
    print(f"   target {target}: {verdict(ratio <= LATENCY_VS_YAMLLINT)} ({ratio:.2f}x)")
    return Verdict("one report vs yamllint, cold process", f"{ratio:.2f}x ({one * 1000:.0f} ms)", target,
                   verdict(ratio <= LATENCY_VS_YAMLLINT))


def measure_throughput(lint: list[str], corpus_dir: Path, count: int, tmp: Path) -> list[Verdict]:
    print(f"\n2. throughput on the corpus ({count} reports, result cache off; whole process, start-up included)")
    rates = {}
    for jobs in (1, 2):
        elapsed = run([*lint, "--no-cache", "--jobs", str(jobs), str(corpus_dir)])
        rates[jobs] = count / elapsed
        print(f"   --jobs {jobs}: {elapsed:6.2f} s  {rates[jobs]:7.1f} reports/s  ({rates[jobs] / jobs:6.1f} per core)")
    scaling = rates[2] / rates[1]
    cores = os.cpu_count() or 1
    small = "; small corpus: start-up and the pool dominate" if count < 500 else ""
    print(f"   scaling 2 jobs / 1 job: {scaling:.2f}x (linear = 2.00x; {cores} cores{small})")
    cache = ["--cache-dir", str(tmp / "cache")]
    cold = run([*lint, *cache, "--jobs", "1", str(corpus_dir)])
    warm = run([*lint, *cache, "--jobs", "1", str(corpus_dir)])
    print(f"   re-lint unchanged, result cache warm: {warm:6.2f} s (filling it: {cold:.2f} s)")
    print(f"   target ≥ {RATE_PER_CORE:.0f} reports/s per core: {verdict(rates[1] >= RATE_PER_CORE)} ({rates[1]:.0f}/s)")
    linear = 2 * SCALING_EFFICIENCY
    scale_verdict = verdict(scaling >= linear) if cores >= 2 else f"not judged ({cores} core)"
    return [
        Verdict("throughput, --jobs 1", f"{rates[1]:.0f} reports/s", f"≥ {RATE_PER_CORE:.0f}/s per core",
                verdict(rates[1] >= RATE_PER_CORE)),
        Verdict("scaling, --jobs 2 / --jobs 1", f"{scaling:.2f}x ({rates[2]:.0f} reports/s)",
                f"close to linear (≥ {linear:.1f}x)", scale_verdict),
    ]


def measure_memory(lint: list[str], memory_dir: Path, count: int) -> Verdict:
    print(f"\n3. peak memory (RSS of the largest process; {count} reports, result cache off)")
    peak1, t1 = peak_rss_mb([*lint, "--no-cache", "--jobs", "1", str(memory_dir)])
    print(f"   --jobs 1: {peak1:6.0f} MB  ({t1:.1f} s, {count / t1:.0f} reports/s)")
    peak2, t2 = peak_rss_mb([*lint, "--no-cache", "--jobs", "2", str(memory_dir)])
    print(f"   --jobs 2: {peak2:6.0f} MB  largest of the parent and its workers ({t2:.1f} s, {count / t2:.0f} reports/s)")
    target = f"≤ {RSS_LIMIT_MB:.0f} MB on {RSS_TARGET_FILES:,} files"
    if count >= RSS_TARGET_FILES:
        result = verdict(peak1 <= RSS_LIMIT_MB)
        print(f"   target {target}: {result} ({peak1:.0f} MB, --jobs 1)")
    else:
        result = f"not judged: smaller run ({count:,} files)"
        print(f"   target {target}: {result}")
    return Verdict("peak RSS, --jobs 1", f"{peak1:.0f} MB on {count:,} files", target, result)


def print_summary(verdicts: list[Verdict]) -> None:
    print("\nsummary\n")
    print("| measure | result | target | verdict |")
    print("|---|---|---|---|")
    for v in verdicts:
        print(f"| {v.measure} | {v.result} | {v.target} | {v.verdict} |")


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="200 reports, 2,000 for memory, fewer repetitions")
    p.add_argument("--files", type=int, help="corpus size for throughput (default 1000, or 200 with --quick)")
    p.add_argument("--memory-files", type=int,
                   help=f"corpus size for peak memory (default {RSS_TARGET_FILES}, or 2000 with --quick)")
    args = p.parse_args(argv)
    if args.files is None:
        args.files = 200 if args.quick else 1000
    if args.memory_files is None:
        args.memory_files = 2000 if args.quick else RSS_TARGET_FILES
    if args.files < 1 or args.memory_files < 1:
        p.error("--files and --memory-files must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    repeat = 5 if args.quick else 15
    py = sys.executable
    lint = [py, "-m", "reportlint", "--format", "json"]
    sources, origin = corpus_sources()
    if not sources:
        print(f"no source reports found in {SHARED} or {EXAMPLES}", file=sys.stderr)
        return 2
    typical = next((s for s in sources if s.name == TYPICAL), sources[0])
    print(f"sources: {len(sources)} reports from {origin}")
    precompile(py)

    with tempfile.TemporaryDirectory(prefix="reportlint-bench-") as tmp:
        tmp_path = Path(tmp)
        corpus_dir, corpus = make_corpus(tmp_path, "corpus", sources, args.files)
        memory_dir, memory = make_corpus(tmp_path, "memory-corpus", sources, args.memory_files)
        verdicts = [measure_latency(py, [*lint, "--no-cache"], typical, tmp_path, repeat)]
        verdicts += measure_throughput(lint, corpus_dir, len(corpus.files), tmp_path)
        verdicts.append(measure_memory(lint, memory_dir, len(memory.files)))
    print_summary(verdicts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
